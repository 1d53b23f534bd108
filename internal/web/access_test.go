package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// TestPermissionMatrix is generated from the route tables (web and API) and store.Policy: every
// route is requested by every persona and the outcome is checked against what the route declares.
// A new route is in the matrix as soon as it is in a table.
//
// The personas hold each access role in Trust A (its viewer, its staff member in Team A, its
// manager of Service A, its planner and its administrator), are another trust's administrator,
// are signed in with no access role anywhere, are the site administrator, or are anonymous. What
// each may do follows from the route's access level and, for a route that takes an action on a
// record of an organisation, from the access role store.Policy asks for in that organisation:
// allowed; refused (401, 403, a redirect to sign in); or, for someone who may take the action
// somewhere but may not even see the record's organisation, "not found" (404), so that the
// record's existence does not leak. Routes without an action answer 404 for records outside the
// viewer's organisations as their handlers scope them (TestScoping and each feature's tests).
func TestPermissionMatrix(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		matrix := append(slices.Clone(personas), "planner", "manager", "adminB", "nobody", "viewer")
		// The API's routes join the web's: each declares its access the same way.
		routes := fx.server.routeTable()
		for _, ar := range api.Routes() {
			a, ok := map[string]access{api.AccessPublic: accessPublic, api.AccessSignedIn: accessSignedIn}[ar.Access]
			if !ok {
				t.Fatalf("API route %s %s has access %q, which the matrix does not know", ar.Method, ar.Pattern, ar.Access)
			}
			a.action, a.sides = ar.Action, ar.Sides
			routes = append(routes, route{method: ar.Method, pattern: ar.Pattern, access: a})
		}
		// Each route's path and its record's organisations; the records are made on the way,
		// before the personas' access is read.
		recordOrgs := make([][]int64, len(routes))
		for i, rt := range routes {
			_, recordOrgs[i] = fillPattern(rt.pattern, fx)
		}
		// A partner that does not lead: Trust C, whose manager may see the matrix partnership's
		// plans and act for Trust C in it, but may not change the lead's plan or Trust B's actions.
		ctx := t.Context()
		orgC := need(fx.db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust C", Kind: store.KindOrganisation}))
		plan := fx.matrixPlan()
		if err := fx.db.AddPartner(ctx, store.System, plan.PartnershipID, orgC.ID, strategy.PartnerProvider); err != nil {
			t.Fatal(err)
		}
		hash, err := auth.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		partner := need(fx.db.CreateUser(ctx, store.System, store.User{Email: "matrix.partner@c.example", Name: "partner user", PasswordHash: hash}))
		if err := fx.db.SetMembership(ctx, store.System, partner.ID, orgC.ID, store.AccessManager); err != nil {
			t.Fatal(err)
		}
		fx.users["partner"] = partner
		matrix = append(matrix, "partner")
		// In the matrix cycle's organisation (Matrix Trust, whose management lead is the site
		// administrator): a member of staff who is its staff-side representative, and a viewer
		// who is no side. Only the sides rate, add evidence, sign off and keep the action plan.
		cycle := fx.matrixCycle()
		for _, m := range []struct {
			persona string
			role    store.AccessRole
			side    assess.Side
		}{{"staffSide", store.AccessStaff, assess.StaffSide}, {"cycleViewer", store.AccessViewer, ""}} {
			u := need(fx.db.CreateUser(ctx, store.System, store.User{Email: "matrix." + strings.ToLower(m.persona) + "@m.example", Name: m.persona + " user", PasswordHash: hash}))
			if err := fx.db.SetMembership(ctx, store.System, u.ID, cycle.org.ID, m.role); err != nil {
				t.Fatal(err)
			}
			if m.side != "" {
				if err := fx.db.SetAssessmentSide(ctx, store.System, cycle.org.ID, u.ID, m.side); err != nil {
					t.Fatal(err)
				}
			}
			fx.users[m.persona] = u
			matrix = append(matrix, m.persona)
		}
		isSide := map[string]bool{"siteAdmin": true, "staffSide": true}
		isManagement := map[string]bool{"siteAdmin": true}
		// A partnership's records are seen by every partner's people, whatever the organisation
		// tree; some actions any partner takes in its own name (record a solution, comment, adopt,
		// add an action it leads), the others belong to the lead or to the action's lead, Trust B.
		partnership := func(p string) bool {
			p = strings.TrimPrefix(p, "/api/v1")
			return strings.HasPrefix(p, "/partnerships/{id}") || strings.HasPrefix(p, "/plans/{id}")
		}
		anyPartner := map[string]bool{}
		for _, r := range []string{
			"POST /partnerships/{id}/register", "POST /api/v1/partnerships/{id}/register",
			"POST /partnerships/{id}/register/{solution}/comments", "POST /api/v1/partnerships/{id}/register/{solution}/comments",
			"POST /partnerships/{id}/register/{solution}/adopt",
			"POST /plans/{id}/actions", "POST /api/v1/plans/{id}/actions",
			// The workforce profile: a manager or above of any partner as a whole (decision 0014).
			"GET /partnerships/{id}/workforce", "GET /partnerships/{id}/workforce/report",
			"GET /partnerships/{id}/workforce/export", "GET /api/v1/partnerships/{id}/workforce-profile",
		} {
			anyPartner[r] = true
		}
		seeOrgs := make([][]int64, len(routes))
		for i, rt := range routes {
			seeOrgs[i] = recordOrgs[i]
			if partnership(rt.pattern) {
				seeOrgs[i] = []int64{fx.orgB.ID, orgC.ID}
				if anyPartner[rt.method+" "+rt.pattern] {
					recordOrgs[i] = seeOrgs[i]
				}
			}
		}
		clients := map[string]*client{}
		accessOf := map[string]map[int64]store.AccessRole{}
		all, err := fx.db.Organisations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range matrix {
			clients[p] = fx.signedIn(p)
			if u, ok := fx.users[p]; ok {
				ms, err := fx.db.Memberships(t.Context(), u.ID)
				if err != nil {
					t.Fatal(err)
				}
				accessOf[p] = store.AccessFrom(all, ms, u.SiteAdmin)
			}
		}
		maySomewhere := func(persona string, a store.Action) bool {
			for _, r := range accessOf[persona] {
				if r.May(a) {
					return true
				}
			}
			return false
		}
		administers := func(persona string) bool { return maySomewhere(persona, store.AdministerOrganisation) }
		// expect says whether the persona may use the route on a record of the organisations
		// (none: a route without one), and whether a refusal must be "not found". A record may
		// belong to several: a person to their organisation and the teams they work in.
		expect := func(a access, persona string, recordOrgs, seeOrgs []int64) (allowed, notFound bool) {
			switch {
			case a.level == levelPublic:
				return true, false
			case persona == "anonymous":
				return false, false
			case a.level == levelSiteAdmin:
				return persona == "siteAdmin", false
			case a.level == levelAdministrator && !administers(persona):
				return false, false
			case a.sides:
				_, sees := accessOf[persona][cycle.org.ID]
				return isSide[persona], !sees
			case a.management:
				role, sees := accessOf[persona][cycle.org.ID]
				return isManagement[persona] || role.May(store.AdministerAssessments), !sees
			case a.action == "":
				return true, false
			case !maySomewhere(persona, a.action):
				return false, false
			case len(recordOrgs) == 0:
				return true, false
			}
			notFound = true
			for _, org := range recordOrgs {
				allowed = allowed || accessOf[persona][org].May(a.action)
			}
			for _, org := range seeOrgs {
				_, sees := accessOf[persona][org]
				notFound = notFound && !sees
			}
			return allowed, notFound
		}
		checked := map[string]int{}
		for i, rt := range routes {
			if rt.access.action != "" {
				if _, ok := store.Policy[rt.access.action]; !ok {
					t.Errorf("%s %s: the action %q is not in store.Policy", rt.method, rt.pattern, rt.access.action)
				}
			}
			for _, persona := range matrix {
				// Again for each: a record an earlier request deleted (a risk, a case study) is
				// made anew.
				path, _ := fillPattern(rt.pattern, fx)
				name := fmt.Sprintf("%s %s as %s", rt.method, rt.pattern, persona)
				c := clients[persona]
				if rt.pattern == "/sign-out" || rt.pattern == "/account/sign-out-everywhere" {
					c = fx.signedIn(persona) // signing out would end the shared session
				}
				var res response
				isAPI := strings.HasPrefix(rt.pattern, "/api/")
				switch {
				case rt.method == http.MethodGet:
					res = c.get(path)
				case isAPI: // the API's own method, with a JSON body, from the same site
					req, err := http.NewRequest(rt.method, c.base+path, strings.NewReader("{}"))
					if err != nil {
						t.Fatal(err)
					}
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					res = c.do(req)
				default:
					res = c.post(path, url.Values{})
				}
				if rt.pattern == "/account/sign-out-everywhere" && persona != "anonymous" {
					clients[persona] = fx.signedIn(persona) // every session of the persona ended
				}
				want, wantNotFound := expect(rt.access, persona, recordOrgs[i], seeOrgs[i])
				denied := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden ||
					(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/sign-in"))
				if rt.access.action != "" || rt.access.sides || rt.access.management {
					// The route names its record's organisation: "not found" is a refusal too.
					denied = denied || res.StatusCode == http.StatusNotFound
				}
				checked[persona]++
				switch {
				case want && denied:
					t.Errorf("%s: denied with %d, want allowed (%s)", name, res.StatusCode, rt.access)
				case !want && !denied:
					t.Errorf("%s: allowed with %d, want denied (%s)", name, res.StatusCode, rt.access)
				case !want && wantNotFound && res.StatusCode != http.StatusNotFound:
					t.Errorf("%s: refused with %d, want 404: the persona may not see the record's organisation (%s)", name, res.StatusCode, rt.access)
				}
				if res.StatusCode >= 500 {
					t.Errorf("%s: status %d", name, res.StatusCode)
				}
				if !want && persona == "anonymous" && isAPI && res.StatusCode != http.StatusUnauthorized {
					t.Errorf("%s: anonymous API call gave %d, want 401", name, res.StatusCode)
				}
				if !want && persona == "anonymous" && !isAPI && rt.method == http.MethodGet && res.StatusCode != http.StatusSeeOther {
					t.Errorf("%s: anonymous GET gave %d, want a redirect to sign in", name, res.StatusCode)
				}
			}
		}
		for _, p := range matrix {
			if checked[p] != len(routes) {
				t.Errorf("persona %s checked on %d routes of %d", p, checked[p], len(routes))
			}
		}
	})
}

// fillPattern gives a route pattern real values from the fixture, and the organisations of the
// record the path names (none when it names none, or none an access role decides).
func fillPattern(p string, fx *fixture) (string, []int64) {
	r := strings.NewReplacer(
		"{$}", "",
		"{key}", "iwf",
		"{version}", "2.1",
		"{id}", fmt.Sprint(fx.users["staff"].ID),
	)
	// The API's paths name the same records as the pages'.
	prefix := ""
	if strings.HasPrefix(p, "/api/v1/") {
		prefix, p = "/api/v1", strings.TrimPrefix(p, "/api/v1")
	}
	path, org := r.Replace(p), int64(0)
	var more []int64 // organisations the record belongs to besides org
	switch {
	case strings.HasSuffix(p, "/export") && (strings.HasPrefix(p, "/roles/{id}/") || strings.HasPrefix(p, "/people/{id}/")):
		// A real download, not only the refusal of a missing format.
		inner, orgs := fillPattern(strings.TrimSuffix(p, "/export"), fx)
		return prefix + inner + "/export?format=csv", orgs
	case strings.HasPrefix(p, "/organisations/{id}/frameworks"):
		// Trust A's own framework: the staff member of Team A (below it) may not see it.
		f := fx.matrixFramework()
		path = strings.NewReplacer("{id}", fmt.Sprint(fx.orgA.ID), "{key}", f.Key, "{version}", f.Version).Replace(p)
		org = fx.orgA.ID
	case strings.HasPrefix(p, "/organisations/{id}/assessment"), strings.HasPrefix(p, "/assessments/{id}"):
		// A cycle of an organisation of its own, where only the site administrator has access and
		// is its management lead: the others get "not found", the lead's empty forms are refused.
		m := fx.matrixCycle()
		path = strings.NewReplacer("/organisations/{id}", "/organisations/"+fmt.Sprint(m.org.ID), "/assessments/{id}", "/assessments/"+fmt.Sprint(m.cycle.ID),
			"{key}", m.standard, "{evidence}", fmt.Sprint(m.evidence), "{action}", fmt.Sprint(m.action)).Replace(p)
		org = m.org.ID
	case strings.HasPrefix(p, "/workforce-plans/{id}"):
		// A workforce plan of Service A: its managers and those above it; the others "not found".
		path = strings.NewReplacer("{id}", fmt.Sprint(fx.matrixWorkforcePlan().ID), "{step}", "define-the-plan").Replace(p)
		org = fx.serviceA.ID
	case strings.HasPrefix(p, "/scenarios/{id}"):
		// A scenario of Service A: its managers and those above it; the others "not found".
		path, org = strings.Replace(p, "{id}", fmt.Sprint(fx.matrixScenario().ID), 1), fx.serviceA.ID
	case p == "/organisations/{id}/pay-settings":
		// The on-cost belongs to the employer, Trust A.
		path, org = strings.Replace(p, "{id}", fmt.Sprint(fx.orgA.ID), 1), fx.orgA.ID
	case strings.HasPrefix(p, "/organisations/{id}/posts/{post}"):
		path = strings.NewReplacer("{id}", fmt.Sprint(fx.teamA.ID), "{post}", fmt.Sprint(fx.matrixPost().ID)).Replace(p)
		org = fx.teamA.ID
	case strings.HasPrefix(p, "/posts/{id}"): // the API's
		path, org = strings.Replace(p, "{id}", fmt.Sprint(fx.matrixPost().ID), 1), fx.teamA.ID
	case strings.HasPrefix(p, "/organisations/{id}"):
		path = strings.Replace(p, "{id}", fmt.Sprint(fx.teamA.ID), 1)
		org = fx.teamA.ID
	case strings.HasPrefix(p, "/partnerships/{id}"):
		// Trust B's own partnership: the personas of Trust A do not belong to it (not found).
		plan := fx.matrixPlan()
		sols, _ := fx.db.SearchRegister(fx.t.Context(), store.RegisterQuery{PartnershipID: plan.PartnershipID})
		res := fx.matrixResources(plan)
		path = strings.NewReplacer("{id}", fmt.Sprint(plan.PartnershipID), "{solution}", fmt.Sprint(sols[0].ID),
			"{resource}", fmt.Sprint(res[0].ID), "{organisation}", fmt.Sprint(fx.orgB.ID)).Replace(p)
		org = fx.orgB.ID
	case strings.HasPrefix(p, "/plans/{id}"):
		plan := fx.matrixPlan()
		ms, _ := fx.db.PlanMeasures(fx.t.Context(), plan.ID)
		risks, deps := fx.matrixRiskAndDependency(plan)
		path = strings.NewReplacer("{id}", fmt.Sprint(plan.ID), "{action}", fmt.Sprint(deps[0].Action), "{on}", fmt.Sprint(deps[0].DependsOn),
			"{measure}", fmt.Sprint(ms[0].ID), "{risk}", fmt.Sprint(risks[0].ID)).Replace(p)
		org = fx.orgB.ID
	case strings.HasPrefix(p, "/roles/{id}"):
		role := fx.matrixRole()
		path, org = strings.Replace(p, "{id}", fmt.Sprint(role.ID), 1), role.OrganisationID
	case strings.HasPrefix(p, "/people/{id}"):
		person, entry := fx.matrixPerson()
		path = strings.NewReplacer("{id}", fmt.Sprint(person.ID), "{entry}", fmt.Sprint(entry.ID)).Replace(p)
		org = person.OrganisationID
		for _, a := range person.Assignments {
			more = append(more, a.TeamID)
		}
	case strings.HasPrefix(p, "/teams/{id}"):
		// Team A: its managers and those above it see its career options; the others "not found".
		path, org = strings.Replace(p, "{id}", fmt.Sprint(fx.teamA.ID), 1), fx.teamA.ID
	case strings.HasPrefix(p, "/career-frameworks/{id}"):
		f := fx.matrixCareerFramework()
		path, org = strings.Replace(p, "{id}", fmt.Sprint(f.ID), 1), f.OrganisationID
	case strings.HasPrefix(p, "/users/{id}"):
		org = fx.teamA.ID // the staff member's access role is in Team A
	case p == "/static/":
		path = "/static/css/app.css"
	case p == "/profiles/export", p == "/audit/export":
		path = p + "?format=csv" // a real download, not only the refusal of a missing format
	}
	if strings.HasSuffix(p, "/export") && !strings.Contains(path, "?") {
		path += "?format=csv" // a real download, not only the refusal of a missing format
	}
	if org == 0 {
		return prefix + path, nil
	}
	if strings.Contains(p, "/talent-match") {
		// Talent match reads a role anyone in its employer's tree may see (Trust A's, here), and
		// answers with the people the viewer manages in it.
		return prefix + path, []int64{fx.orgA.ID, fx.serviceA.ID, fx.teamA.ID}
	}
	return prefix + path, append([]int64{org}, more...)
}

// TestScoping proves that organisations and their people are visible only to those with an
// access role in them or above them, and that another organisation's pages are "not found".
func TestScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		staff := fx.signedIn("staff")
		list := staff.get("/organisations")
		if !strings.Contains(list.body, "Team A") {
			t.Errorf("staff member of Team A does not see it in the list")
		}
		for _, hidden := range []string{"Service A", "Trust A", "Trust B"} {
			if strings.Contains(list.body, hidden) {
				t.Errorf("staff member of Team A sees %q, which is above or beside their team", hidden)
			}
		}
		if res := staff.get(fmt.Sprintf("/organisations/%d", fx.orgA.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("staff member opening the trust above their team: %d, want 404", res.StatusCode)
		}
		team := staff.get(fmt.Sprintf("/organisations/%d", fx.teamA.ID))
		if team.StatusCode != http.StatusOK {
			t.Fatalf("staff member opening their team: %d", team.StatusCode)
		}
		if strings.Contains(team.body, "staff@a.example") || strings.Contains(team.body, "People with access</h2>") {
			t.Errorf("a staff member sees the member list, which is for administrators")
		}

		adminA := fx.signedIn("orgAdmin")
		tree := adminA.get("/organisations")
		for _, want := range []string{"Trust A", "Service A", "Team A"} {
			if !strings.Contains(tree.body, want) {
				t.Errorf("administrator of Trust A does not see %q below it", want)
			}
		}
		if strings.Contains(tree.body, "Trust B") {
			t.Errorf("administrator of Trust A sees Trust B")
		}
		if res := adminA.get(fmt.Sprintf("/organisations/%d", fx.orgB.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("administrator of Trust A opening Trust B: %d, want 404", res.StatusCode)
		}
		if res := adminA.get(fmt.Sprintf("/users/%d", fx.users["adminB"].ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("administrator of Trust A opening Trust B's administrator: %d, want 404", res.StatusCode)
		}
		users := adminA.get("/users")
		if strings.Contains(users.body, "admin@b.example") {
			t.Errorf("administrator of Trust A sees a user of Trust B in the user list")
		}
		if !strings.Contains(users.body, "staff@a.example") {
			t.Errorf("administrator of Trust A does not see the staff member of Team A")
		}
		// Giving access to an organisation one does not administer is refused and changes nothing.
		res := adminA.post(fmt.Sprintf("/users/%d/access", fx.users["staff"].ID), url.Values{"organisation": {fmt.Sprint(fx.orgB.ID)}, "access_role": {"administrator"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("granting access in Trust B by Trust A's administrator: %d, want 422", res.StatusCode)
		}
		if role, ok, _ := fx.db.AccessIn(t.Context(), fx.users["staff"].ID, fx.orgB.ID); ok {
			t.Errorf("staff member got %s in Trust B", role)
		}
	})
}
