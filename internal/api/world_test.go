package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// sessionCookie is the cookie the contract's session scheme names. In the tests its value is
// "user-<id>": testAuth reads it. Reading the cookie rather than a test-only header keeps the
// requests exactly as the contract describes them (the validating transport checks that a
// secured operation gets the cookie), while the real cookie and its signed session stay the web
// server's business.
const sessionCookie = "workframe_session"

// testAuth is the tests' Authenticator, standing in for the web server's: the user named by the
// cookie, looked up as the web server looks up the signed-in user (a disabled or unknown
// account is nobody).
func testAuth(db *store.DB) Authenticator {
	return func(r *http.Request) (Caller, bool) {
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			return Caller{}, false
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(c.Value, "user-"), 10, 64)
		if err != nil {
			return Caller{}, false
		}
		u, err := db.User(r.Context(), id)
		if err != nil || u.Disabled {
			return Caller{}, false
		}
		return Caller{UserID: u.ID, SiteAdmin: u.SiteAdmin}, true
	}
}

// request is one request a test makes.
type request struct {
	method  string
	path    string
	as      int64 // the signed-in user; 0 sends no session cookie
	body    any   // sent as JSON; a string or []byte is sent as it is
	ctype   string
	header  http.Header
	invalid bool // the contract itself rejects the request
}

// call sends one request through the contract-validating client.
func (s *testServer) call(t *testing.T, rq request) response {
	t.Helper()
	if rq.method == "" {
		rq.method = http.MethodGet
	}
	var body io.Reader
	if rq.body != nil {
		var data []byte
		switch b := rq.body.(type) {
		case string:
			data = []byte(b)
		case []byte:
			data = b
		default:
			var err error
			if data, err = json.Marshal(b); err != nil {
				t.Fatal(err)
			}
		}
		body = bytes.NewReader(data)
		if rq.ctype == "" {
			rq.ctype = contentJSON
		}
	}
	req, err := http.NewRequest(rq.method, s.URL+rq.path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range rq.header {
		req.Header[k] = vs
	}
	if rq.ctype != "" {
		req.Header.Set("Content-Type", rq.ctype)
	}
	if rq.as != 0 {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: fmt.Sprintf("user-%d", rq.as)})
	}
	if rq.invalid {
		req = withInvalidRequest(req)
	}
	client := &http.Client{Transport: &validatingTransport{t: t, contract: loadContract(t), next: http.DefaultTransport}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", rq.method, rq.path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// world is the data of the role and profile tests.
//
//	Northmoor NHS Trust (north)           Southmoor NHS Trust (south)
//	  Ward manager, level 7                 Research nurse
//	  Research and Development (research)
//	    Clinical trials assistant, level 3 (draft)
//	    Research nurse, level 5 (published, with a role profile)
//	    Data manager, level 5 (retired)
//
// Users: viewer (viewer in north: sees north and research), planner (planner in research only),
// nurse (staff in research, with two profiles of her own, on IWF 2.1 and 1.0), outsider
// (planner in south, with a profile of his own), newcomer (no memberships), admin (site
// administrator, no memberships), disabled (was a planner in north).
type world struct {
	north, research, south                                      store.Organisation
	viewer, planner, nurse, outsider, newcomer, admin, disabled store.User
	wardManager, assistant, researchNurse, dataManager, south1  workforce.Role
	roleProfile, southProfile                                   store.Profile
	nurseToday, nurseOld, outsiderOwn                           store.Profile
}

func seedWorld(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := context.Background()
	var w world
	var err error
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", what, err)
		}
	}
	org := func(name string, parent int64, kind string) store.Organisation {
		o, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, ParentID: parent, Kind: kind})
		check(name, err)
		return o
	}
	w.north = org("Northmoor NHS Trust", 0, store.KindOrganisation)
	w.research = org("Research and Development", w.north.ID, store.KindService)
	w.south = org("Southmoor NHS Trust", 0, store.KindOrganisation)

	user := func(email, name string, siteAdmin bool, orgID int64, role store.AccessRole) store.User {
		u, err := db.CreateUser(ctx, store.System, store.User{Email: email, Name: name, SiteAdmin: siteAdmin})
		check(email, err)
		if orgID != 0 {
			check(email+" membership", db.SetMembership(ctx, store.System, u.ID, orgID, role))
		}
		return u
	}
	w.viewer = user("vic@northmoor.example", "Vic Viewer", false, w.north.ID, store.AccessViewer)
	w.planner = user("pat@northmoor.example", "Pat Planner", false, w.research.ID, store.AccessPlanner)
	w.nurse = user("nia@northmoor.example", "Nia Nurse", false, w.research.ID, store.AccessStaff)
	w.outsider = user("oli@southmoor.example", "Oli Outsider", false, w.south.ID, store.AccessPlanner)
	w.newcomer = user("nel@northmoor.example", "Nel Newcomer", false, 0, "")
	w.admin = user("ada@workframe.example", "Ada Admin", true, 0, "")
	w.disabled = user("dan@northmoor.example", "Dan Disabled", false, w.north.ID, store.AccessPlanner)
	w.disabled.Disabled = true
	w.disabled, err = db.UpdateUser(ctx, store.System, w.disabled)
	check("disable", err)

	ksf := func(node, level string) workforce.Requirement {
		return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level, Essential: true}
	}
	role := func(r workforce.Role) workforce.Role {
		out, err := db.CreateRole(ctx, store.System, r)
		check(r.Title, err)
		return out
	}
	w.wardManager = role(workforce.Role{OrganisationID: w.north.ID, Title: "Ward manager", StaffGroup: "Nursing and Midwifery Registered",
		Level: 7, Band: "8a", RegistrationRequired: true, Status: workforce.StatusPublished,
		Summary: "Leads the nursing team of a ward.", Requirements: []workforce.Requirement{ksf("c1", "level-3")}})
	w.assistant = role(workforce.Role{OrganisationID: w.research.ID, Title: "Clinical trials assistant", StaffGroup: "Administrative and Clerical",
		Profession: "Clinical research", Level: 3, Band: "3", Summary: "Supports the delivery of clinical trials.",
		Activities: []string{"Books participant visits", "Keeps the trial master file"}})
	w.researchNurse = role(workforce.Role{OrganisationID: w.research.ID, Title: "Research nurse", StaffGroup: "Nursing and Midwifery Registered",
		Profession: "Clinical research", Level: 5, Band: "6", RegistrationRequired: true, Status: workforce.StatusPublished,
		Summary:    "Recruits and cares for participants in clinical trials.",
		Activities: []string{"Screens and consents participants", "Collects research samples"}, KnowledgeSkills: []string{"Good Clinical Practice"},
		Requirements: []workforce.Requirement{ksf("c1", "level-2"), ksf("hwb5", "level-2")}})
	w.dataManager = role(workforce.Role{OrganisationID: w.research.ID, Title: "Data manager", StaffGroup: "Administrative and Clerical",
		Level: 5, Band: "5", Status: workforce.StatusRetired, Summary: "Keeps trial data clean."})
	w.south1 = role(workforce.Role{OrganisationID: w.south.ID, Title: "Research nurse", StaffGroup: "Nursing and Midwifery Registered",
		Level: 5, Band: "6", RegistrationRequired: true, Status: workforce.StatusPublished, Summary: "Southmoor's research nurse."})

	iwf21, iwf10 := complete(t, builtin(t, "iwf", "2.1"), "core"), complete(t, builtin(t, "iwf", "1.0"), "intermediate")
	prof := func(p store.Profile, by int64) store.Profile {
		out, err := db.CreateProfile(ctx, store.Actor{UserID: by}, p)
		check(p.Title, err)
		return out
	}
	w.roleProfile = prof(store.Profile{RoleID: w.researchNurse.ID, OrganisationID: w.research.ID, Title: "Research nurse", Profile: iwf21}, w.planner.ID)
	w.southProfile = prof(store.Profile{RoleID: w.south1.ID, OrganisationID: w.south.ID, Title: "Research nurse", Profile: iwf21}, w.outsider.ID)
	w.nurseOld = prof(store.Profile{UserID: w.nurse.ID, Title: "My role in 2023", Profile: iwf10}, w.nurse.ID)
	w.nurseToday = prof(store.Profile{UserID: w.nurse.ID, Title: "My role today", Profile: iwf21}, w.nurse.ID)
	w.outsiderOwn = prof(store.Profile{UserID: w.outsider.ID, Title: "My job", Profile: iwf21}, w.outsider.ID)
	return w
}

// complete returns a complete, valid profile of f: shares as even as whole numbers allow, every
// level the one given.
func complete(t *testing.T, f *framework.Framework, level string) profile.Profile {
	t.Helper()
	p := profile.Even(f)
	p.Draft = false
	for i := range p.Entries {
		p.Entries[i].Level = level
	}
	if ps := profile.Validate(p, f); len(ps) > 0 {
		t.Fatalf("the test profile of %s is not valid: %v", f.ID(), ps)
	}
	return p
}

// startWorld is startServer with the world seeded.
func startWorld(t *testing.T, engine string) (*testServer, world) {
	t.Helper()
	srv := startServer(t, engine)
	return srv, seedWorld(t, srv.db)
}
