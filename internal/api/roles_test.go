package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// step is one request of a story: scenarios that run in order on one world, because what one
// changes the next one reads (a version goes up, a conflict needs an older one).
type step struct {
	name string
	request
	// at and build, when set, make the path and the body when the step runs, from what earlier
	// steps left (the id of a record they created, the version they saw).
	at     func() string
	build  func() any
	status int
	check  func(t *testing.T, r response)
}

func runSteps(t *testing.T, srv *testServer, steps []step) {
	t.Helper()
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			rq := st.request
			if st.at != nil {
				rq.path = st.at()
			}
			if st.build != nil {
				rq.body = st.build()
			}
			r := srv.call(t, rq)
			if r.status != st.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", rq.method, rq.path, r.status, st.status, r.body)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("X-Content-Type-Options: nosniff is missing")
			}
			switch {
			case r.status == http.StatusUnauthorized:
				if got := r.header.Get("WWW-Authenticate"); got != challenge {
					t.Errorf("WWW-Authenticate %q, want %q", got, challenge)
				}
			case r.status >= 400 || r.status == http.StatusNoContent:
				notCached(t, r)
			case r.status != http.StatusNotModified:
				private(t, r)
			}
			if st.check != nil {
				st.check(t, r)
			}
		})
	}
}

// private checks the cache headers of what only the caller may see.
func private(t *testing.T, r response) {
	t.Helper()
	if got := r.header.Get("Cache-Control"); got != cachePrivate {
		t.Errorf("Cache-Control %q, want %q", got, cachePrivate)
	}
	if !slices.Contains(r.header.Values("Vary"), "Cookie") {
		t.Errorf("Vary %q, want Cookie", r.header.Values("Vary"))
	}
	if r.header.Get("ETag") == "" {
		t.Error("no ETag")
	}
}

// titles lists the titles of a page of roles, in order.
func titles(t *testing.T, r response) []string {
	t.Helper()
	var out []string
	for _, role := range decode[rolePage](t, r).Roles {
		out = append(out, role.Title)
	}
	return out
}

func wantTitles(want ...string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if got := titles(t, r); !slices.Equal(got, want) {
			t.Errorf("roles %q, want %q", got, want)
		}
	}
}

// wantErrors checks a problem's errors: each pointer (or parameter) given, in any order, with
// its detail containing the text given.
func wantErrors(want map[string]string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		p := decode[problem](t, r)
		got := map[string]string{}
		for _, e := range p.Errors {
			at := e.Pointer
			if at == "" {
				at = e.Parameter
			}
			got[at] += e.Detail + " | "
		}
		for at, text := range want {
			if !strings.Contains(got[at], text) {
				t.Errorf("errors[%s] = %q, want it to mention %q (all: %+v)", at, got[at], text, p.Errors)
			}
		}
		if len(got) != len(want) {
			t.Errorf("errors at %d places, want %d: %+v", len(got), len(want), p.Errors)
		}
	}
}

func wantDetail(text string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if p := decode[problem](t, r); !strings.Contains(p.Detail, text) {
			t.Errorf("detail %q, want it to mention %q", p.Detail, text)
		}
	}
}

func TestRoles(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			runSteps(t, srv, roleSteps(w))
		})
	}
}

func roleSteps(w world) []step {
	path := func(id int64, rest ...string) string {
		return fmt.Sprintf("/api/v1/roles/%d", id) + strings.Join(rest, "")
	}
	var created roleDoc // the role the planner creates, as the API returned it
	mine := func() string { return path(created.ID) }
	newRole := map[string]any{
		"organisation_id": w.research.ID, "title": "Research practitioner", "staff_group": "Allied Health Professionals",
		"profession": "Clinical research", "level": 4, "band": "Band 4", "registration_required": true,
		"summary":      "Delivers research studies across the trust.",
		"activities":   []string{"Recruits participants", " "},
		"requirements": []map[string]any{{"framework_key": "ksf", "framework_version": "2010", "node_key": "c1", "level_key": "level-2", "essential": true}},
	}
	with := func(changes map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range newRole {
			out[k] = v
		}
		for k, v := range changes {
			out[k] = v
		}
		return out
	}
	return []step{
		// Who is calling.
		{name: "nobody signed in", request: request{path: "/api/v1/roles", invalid: true}, status: 401,
			check: wantDetail("Sign in")},
		{name: "unknown user", request: request{path: "/api/v1/roles", as: 999999}, status: 401},
		{name: "disabled user", request: request{path: "/api/v1/roles", as: w.disabled.ID}, status: 401},

		// Scope: each caller sees the roles of the organisations they may see, in ladder order.
		{name: "viewer of the trust sees the trust and its services", request: request{path: "/api/v1/roles", as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				wantTitles("Clinical trials assistant", "Research nurse", "Ward manager")(t, r)
				p := decode[rolePage](t, r)
				if p.Total != 3 || p.Limit != 20 || p.Offset != 0 || p.Links.Self != "/api/v1/roles" || p.Links.First != "/api/v1/roles" ||
					p.Links.Next != "" || p.Links.Prev != "" {
					t.Errorf("page = total %d limit %d offset %d links %+v", p.Total, p.Limit, p.Offset, p.Links)
				}
				rn := p.Roles[1]
				if rn.ID != w.researchNurse.ID || rn.OrganisationID != w.research.ID || rn.Level != 5 || rn.Band != "6" ||
					len(rn.Requirements) != 2 || rn.Requirements[1].NodeKey != "hwb5" || rn.Href != path(rn.ID) || rn.Version != 1 {
					t.Errorf("research nurse = %+v", rn)
				}
			}},
		{name: "planner of a service sees only that service", request: request{path: "/api/v1/roles", as: w.planner.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Research nurse")},
		{name: "member of staff sees the roles of the service", request: request{path: "/api/v1/roles", as: w.nurse.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Research nurse")},
		{name: "another trust sees its own", request: request{path: "/api/v1/roles", as: w.outsider.ID}, status: 200,
			check: wantTitles("Research nurse")},
		{name: "site administrator sees every organisation", request: request{path: "/api/v1/roles", as: w.admin.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Research nurse", "Research nurse", "Ward manager")},
		{name: "no memberships, no roles", request: request{path: "/api/v1/roles", as: w.newcomer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if p := decode[rolePage](t, r); p.Total != 0 || len(p.Roles) != 0 || p.Roles == nil {
					t.Errorf("page = %+v, want an empty list", p)
				}
			}},

		// Search, filters and pages.
		{name: "ranked search", request: request{path: "/api/v1/roles?q=research+nurse", as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if got := titles(t, r); len(got) == 0 || got[0] != "Research nurse" {
					t.Errorf("search for research nurse: %q", got)
				}
			}},
		{name: "search by activity", request: request{path: "/api/v1/roles?q=%22master+file%22", as: w.viewer.ID}, status: 200,
			check: wantTitles("Clinical trials assistant")},
		{name: "levels", request: request{path: "/api/v1/roles?level=3&level=7", as: w.viewer.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Ward manager")},
		{name: "staff group by code", request: request{path: "/api/v1/roles?staff_group=03", as: w.viewer.ID}, status: 200,
			check: wantTitles("Research nurse", "Ward manager")},
		{name: "retired roles only when asked", request: request{path: "/api/v1/roles?status=any", as: w.planner.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Data manager", "Research nurse")},
		{name: "one status", request: request{path: "/api/v1/roles?status=retired", as: w.planner.ID}, status: 200,
			check: wantTitles("Data manager")},
		{name: "one organisation and below", request: request{path: fmt.Sprintf("/api/v1/roles?organisation=%d", w.research.ID), as: w.viewer.ID}, status: 200,
			check: wantTitles("Clinical trials assistant", "Research nurse")},
		{name: "an organisation out of sight", request: request{path: fmt.Sprintf("/api/v1/roles?organisation=%d", w.south.ID), as: w.viewer.ID}, status: 400,
			check: wantErrors(map[string]string{"organisation": "not the id of an organisation you can see"})},
		{name: "second page", request: request{path: "/api/v1/roles?limit=1&offset=1&q=", as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				wantTitles("Research nurse")(t, r)
				p := decode[rolePage](t, r)
				want := pageLinks{Self: "/api/v1/roles?limit=1&offset=1&q=", First: "/api/v1/roles?limit=1&q=",
					Prev: "/api/v1/roles?limit=1&q=", Next: "/api/v1/roles?limit=1&offset=2&q="}
				if p.Total != 3 || p.Links != want {
					t.Errorf("total %d, links %+v, want %+v", p.Total, p.Links, want)
				}
			}},
		{name: "past the end", request: request{path: "/api/v1/roles?offset=50", as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if p := decode[rolePage](t, r); p.Total != 3 || len(p.Roles) != 0 || p.Links.Next != "" {
					t.Errorf("page = %+v", p)
				}
			}},
		{name: "unknown staff group", request: request{path: "/api/v1/roles?staff_group=Wizards", as: w.viewer.ID}, status: 400,
			check: wantErrors(map[string]string{"staff_group": `"Wizards"`})},
		{name: "level out of range", request: request{path: "/api/v1/roles?level=10", as: w.viewer.ID, invalid: true}, status: 400,
			check: wantErrors(map[string]string{"level": `"10"`})},
		{name: "page too big", request: request{path: "/api/v1/roles?limit=1000", as: w.viewer.ID, invalid: true}, status: 400,
			check: wantErrors(map[string]string{"limit": "at most 100"})},
		{name: "unknown status", request: request{path: "/api/v1/roles?status=old", as: w.viewer.ID, invalid: true}, status: 400,
			check: wantErrors(map[string]string{"status": `"old"`})},

		// One role.
		{name: "a role", request: request{path: path(w.researchNurse.ID), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if got := r.header.Get("ETag"); got != `"1"` {
					t.Errorf("ETag %s, want the version, \"1\"", got)
				}
				if d := decode[roleDoc](t, r); d.Title != "Research nurse" || d.Summary == "" || len(d.Activities) != 2 || d.Warnings != nil {
					t.Errorf("role = %+v", d)
				}
			}},
		{name: "a role not modified", request: request{path: path(w.researchNurse.ID), as: w.nurse.ID, header: http.Header{"If-None-Match": {`"1"`}}}, status: 304},
		{name: "a role of another trust", request: request{path: path(w.south1.ID), as: w.viewer.ID}, status: 404,
			check: wantDetail(fmt.Sprintf("no role %d that you can see", w.south1.ID))},
		{name: "a role above the caller's service", request: request{path: path(w.wardManager.ID), as: w.planner.ID}, status: 404},
		{name: "a role that does not exist", request: request{path: "/api/v1/roles/999999", as: w.viewer.ID}, status: 404},
		{name: "an id that is not a number", request: request{path: "/api/v1/roles/nurse", as: w.viewer.ID, invalid: true}, status: 404},
		{name: "the site administrator sees any role", request: request{path: path(w.south1.ID), as: w.admin.ID}, status: 200},

		// Creating.
		{name: "create", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID, body: newRole}, status: 201,
			check: func(t *testing.T, r response) {
				created = decode[roleDoc](t, r)
				if created.ID == 0 || created.Version != 1 || created.Status != workforce.StatusDraft || created.Band != "4" ||
					!slices.Equal(created.Activities, []string{"Recruits participants"}) || created.StaffGroup != "Allied Health Professionals" {
					t.Errorf("created = %+v", created)
				}
				if r.header.Get("Location") != path(created.ID) || r.header.Get("ETag") != `"1"` {
					t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
				}
				// Registered below level 5: saved, with advice.
				if len(created.Warnings) != 1 || created.Warnings[0].Field != "registration_required" {
					t.Errorf("warnings = %+v", created.Warnings)
				}
			}},
		{name: "viewer may not create", request: request{method: "POST", path: "/api/v1/roles", as: w.viewer.ID,
			body: with(map[string]any{"organisation_id": w.north.ID, "title": "Ward clerk"})}, status: 403,
			check: wantDetail("planner or administrator")},
		{name: "planner of a service may not create in the trust above", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: with(map[string]any{"organisation_id": w.north.ID, "title": "Ward clerk"})}, status: 403},
		{name: "an organisation that does not exist reads the same", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: with(map[string]any{"organisation_id": 999999})}, status: 403,
			check: wantDetail("organisation 999999 needs the planner")},
		{name: "no organisation", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: map[string]any{"title": "Ward clerk"}}, status: 422,
			check: wantErrors(map[string]string{"/organisation_id": "organisation"})},
		{name: "broken rules, all at once", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: with(map[string]any{"title": "Trial coordinator", "band": "Band 12", "staff_group": "Wizards",
				"requirements": []map[string]any{{"framework_key": "ksf", "framework_version": "2010", "node_key": "zz9", "level_key": "level-2", "essential": true}}})},
			status: 422, check: wantErrors(map[string]string{
				"/band": `"Band 12"`, "/staff_group": `"Wizards"`, "/requirements/0/node_key": `"zz9"`,
			})},
		{name: "a title already used, in another case", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: with(map[string]any{"title": "research NURSE"})}, status: 409,
			check: wantErrors(map[string]string{"/title": "taken"})},
		{name: "a misspelt field", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID, invalid: true,
			body: with(map[string]any{"title": "Trial coordinator", "staf_group": "x"})}, status: 400,
			check: wantErrors(map[string]string{"/staf_group": "spelling"})},
		{name: "a field of the wrong type", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID, invalid: true,
			body: with(map[string]any{"title": "Trial coordinator", "level": "five"})}, status: 400,
			check: wantErrors(map[string]string{"/level": "whole number"})},
		{name: "not JSON", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID, invalid: true, body: `{"title": `}, status: 400,
			check: wantDetail("not valid JSON")},
		{name: "two JSON values", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID,
			body: `{"title": "A", "organisation_id": 1} {}`}, status: 400, check: wantDetail("one JSON object")},
		{name: "not sent as JSON", request: request{method: "POST", path: "/api/v1/roles", as: w.planner.ID, invalid: true,
			body: `title=Ward+clerk`, ctype: "application/x-www-form-urlencoded"}, status: 415},
		{name: "nobody signed in may not create", request: request{method: "POST", path: "/api/v1/roles", invalid: true, body: newRole}, status: 401},

		// Changing: the version read, in If-Match or the body.
		{name: "change with If-Match", at: mine, request: request{method: "PUT", as: w.planner.ID, header: http.Header{"If-Match": {`"1"`}}},
			build: func() any {
				return with(map[string]any{"title": "Research practitioner", "band": "5", "status": "published"})
			}, status: 200, check: func(t *testing.T, r response) {
				d := decode[roleDoc](t, r)
				if d.Version != 2 || d.Band != "5" || d.Status != workforce.StatusPublished || r.header.Get("ETag") != `"2"` {
					t.Errorf("changed = version %d band %q status %q, ETag %s", d.Version, d.Band, d.Status, r.header.Get("ETag"))
				}
				created = d
			}},
		{name: "change what a GET gave, sent back", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any {
				d := created
				d.Level, d.RegistrationRequired = 5, true
				return d // with id, version, href, created_at, warnings... all accepted
			}, status: 200, check: func(t *testing.T, r response) {
				d := decode[roleDoc](t, r)
				if d.Version != 3 || d.Level != 5 || d.Warnings != nil {
					t.Errorf("changed = %+v", d)
				}
			}},
		{name: "stale version in the body", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build:  func() any { return with(map[string]any{"title": "Research practitioner", "band": "6", "version": 2}) },
			status: 409, check: func(t *testing.T, r response) {
				wantErrors(map[string]string{"/version": "not the latest (3)"})(t, r)
				wantDetail("now at version 3")(t, r)
			}},
		{name: "stale version in If-Match", at: mine, request: request{method: "PUT", as: w.planner.ID, header: http.Header{"If-Match": {`"1"`}}},
			build: func() any { return with(nil) }, status: 409},
		{name: "no version", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any { return with(nil) }, status: 428, check: wantDetail("If-Match")},
		{name: "If-Match and version disagree", at: mine, request: request{method: "PUT", as: w.planner.ID, header: http.Header{"If-Match": {`"3"`}}},
			build: func() any { return with(map[string]any{"version": 2}) }, status: 400,
			check: wantErrors(map[string]string{"/version": "If-Match"})},
		{name: "weak If-Match", at: mine, request: request{method: "PUT", as: w.planner.ID, header: http.Header{"If-Match": {`W/"3"`}}},
			build: func() any { return with(nil) }, status: 400,
			check: wantErrors(map[string]string{"If-Match": `W/"3"`})},
		{name: "If-Match any", at: mine, request: request{method: "PUT", as: w.planner.ID, header: http.Header{"If-Match": {`*`}}},
			build: func() any { return with(nil) }, status: 400},
		{name: "a title another role has", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any { return with(map[string]any{"title": "Clinical Trials Assistant", "version": 3}) }, status: 409,
			check: wantErrors(map[string]string{"/title": "taken"})},
		{name: "to another organisation", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any { return with(map[string]any{"organisation_id": w.south.ID, "version": 3}) }, status: 422,
			check: wantErrors(map[string]string{"/organisation_id": "belongs to organisation"})},
		{name: "a broken rule", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any { return with(map[string]any{"title": "", "version": 3}) }, status: 422,
			check: wantErrors(map[string]string{"/title": "Enter a title"})},
		{name: "viewer may see but not change", at: mine, request: request{method: "PUT", as: w.viewer.ID},
			build: func() any { return with(map[string]any{"version": 3}) }, status: 403},
		{name: "another trust may not even see", at: mine, request: request{method: "PUT", as: w.outsider.ID},
			build: func() any { return with(map[string]any{"version": 3}) }, status: 404},
		{name: "unchanged saves nothing", at: mine, request: request{method: "PUT", as: w.planner.ID},
			build: func() any {
				d := created
				d.Level, d.RegistrationRequired, d.Version = 5, true, 3
				return d
			}, status: 200, check: func(t *testing.T, r response) {
				if d := decode[roleDoc](t, r); d.Version != 3 {
					t.Errorf("version %d after an unchanged save, want 3", d.Version)
				}
			}},

		// History.
		{name: "history", at: func() string { return path(created.ID, "/versions") }, request: request{as: w.viewer.ID}, status: 200, check: func(t *testing.T, r response) {
			h := decode[roleVersionList](t, r)
			var versions []int
			for _, v := range h.Versions {
				versions = append(versions, v.Version)
			}
			if !slices.Equal(versions, []int{3, 2, 1}) {
				t.Fatalf("versions %v, want [3 2 1]", versions)
			}
			v2 := h.Versions[1]
			if v2.ChangedBy != w.planner.ID || v2.ChangedByName != "Pat Planner" || v2.Role.Band != "5" || v2.Role.Version != 2 ||
				len(v2.Changes) == 0 || v2.ChangedAt.IsZero() || v2.Role.Href != path(created.ID) {
				t.Errorf("version 2 = %+v", v2)
			}
			if first := h.Versions[2]; len(first.Changes) != 1 || first.Changes[0].Message != "Created" || first.Role.Band != "4" {
				t.Errorf("version 1 = %+v", first)
			}
		}},
		{name: "history of a role out of sight", request: request{path: path(w.wardManager.ID, "/versions"), as: w.planner.ID}, status: 404},

		// A role's profiles.
		{name: "a role's profiles", request: request{path: path(w.researchNurse.ID, "/profiles"), as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				l := decode[profileList](t, r)
				if len(l.Profiles) != 1 || l.Profiles[0].ID != w.roleProfile.ID || l.Profiles[0].Owner != ownerRole ||
					l.Profiles[0].RoleID != w.researchNurse.ID || l.Profiles[0].OrganisationID != w.research.ID || l.Profiles[0].UserID != 0 {
					t.Errorf("profiles = %+v", l.Profiles)
				}
			}},
		{name: "a role without profiles", request: request{path: path(w.assistant.ID, "/profiles"), as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if l := decode[profileList](t, r); l.Profiles == nil || len(l.Profiles) != 0 {
					t.Errorf("profiles = %+v, want []", l.Profiles)
				}
			}},
		{name: "profiles of a role out of sight", request: request{path: path(w.south1.ID, "/profiles"), as: w.viewer.ID}, status: 404},

		// Methods.
		{name: "DELETE is not a method of a role", request: request{method: "DELETE", path: path(w.researchNurse.ID), as: w.planner.ID}, status: 405,
			check: func(t *testing.T, r response) {
				if got := r.header.Get("Allow"); got != "GET, HEAD, PUT" {
					t.Errorf("Allow %q", got)
				}
			}},
	}
}
