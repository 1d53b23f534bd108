package web

import (
	"fmt"
	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/store"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestPermissionMatrix is generated from the route table: every route is requested by every
// persona and the outcome is checked against the route's declared access. A new route is in the
// matrix as soon as it is in the table.
func TestPermissionMatrix(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		// Access roles in the organisation the routes' records belong to (Trust A: its staff,
		// planner, a manager of a service below it, its administrator), another organisation's
		// administrator, someone signed in with no access role anywhere, and the site
		// administrator. A viewer is not here: a viewer may open a record but not change it, a
		// rule the handlers apply (403) below the route's access level, which this matrix
		// checks; the handler tests check it for each kind of record.
		matrix := append(slices.Clone(personas), "planner", "manager", "adminB", "nobody")
		clients := map[string]*client{}
		for _, p := range matrix {
			clients[p] = fx.signedIn(p)
		}
		allowedFor := func(a access, persona string) bool {
			switch a {
			case accessPublic:
				return true
			case accessSignedIn:
				return persona != "anonymous"
			case accessAdministrator:
				return persona == "orgAdmin" || persona == "siteAdmin" || persona == "adminB"
			case accessSiteAdmin:
				return persona == "siteAdmin"
			}
			t.Fatalf("access %d has no rule in the matrix", a)
			return false
		}
		// The API's routes join the web's: each declares its access the same way.
		routes := fx.server.routeTable()
		for _, ar := range api.Routes() {
			a, ok := map[string]access{api.AccessPublic: accessPublic, api.AccessSignedIn: accessSignedIn}[ar.Access]
			if !ok {
				t.Fatalf("API route %s %s has access %q, which the matrix does not know", ar.Method, ar.Pattern, ar.Access)
			}
			routes = append(routes, route{method: ar.Method, pattern: ar.Pattern, access: a})
		}
		for _, rt := range routes {
			path := fillPattern(rt.pattern, fx)
			for _, persona := range matrix {
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
				denied := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden ||
					(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/sign-in"))
				want := allowedFor(rt.access, persona)
				if want && denied {
					t.Errorf("%s: denied with %d, want allowed (%s)", name, res.StatusCode, rt.access)
				}
				if !want && !denied {
					t.Errorf("%s: allowed with %d, want denied (%s)", name, res.StatusCode, rt.access)
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
	})
}

// fillPattern gives a route pattern real values from the fixture.
func fillPattern(p string, fx *fixture) string {
	r := strings.NewReplacer(
		"{$}", "",
		"{key}", "iwf",
		"{version}", "2.1",
		"{id}", fmt.Sprint(fx.users["staff"].ID),
	)
	path := r.Replace(p)
	switch {
	case strings.HasPrefix(p, "/organisations/{id}/frameworks"):
		// Trust A's own framework: the staff member of Team A (below it) may not see it.
		f := fx.matrixFramework()
		path = strings.NewReplacer("{id}", fmt.Sprint(fx.orgA.ID), "{key}", f.Key, "{version}", f.Version).Replace(p)
	case strings.HasPrefix(p, "/organisations/{id}/assessment"), strings.HasPrefix(p, "/assessments/{id}"):
		// A cycle of an organisation of its own, where only the site administrator has access and
		// is its management lead: the others get "not found", the lead's empty forms are refused.
		m := fx.matrixCycle()
		path = strings.NewReplacer("/organisations/{id}", "/organisations/"+fmt.Sprint(m.org.ID), "/assessments/{id}", "/assessments/"+fmt.Sprint(m.cycle.ID),
			"{key}", m.standard, "{evidence}", fmt.Sprint(m.evidence), "{action}", fmt.Sprint(m.action)).Replace(p)
	case strings.HasPrefix(p, "/scenarios/{id}"):
		path = strings.Replace(p, "{id}", fmt.Sprint(fx.matrixScenario().ID), 1)
	case strings.HasPrefix(p, "/organisations/{id}/posts/{post}"):
		path = strings.NewReplacer("{id}", fmt.Sprint(fx.teamA.ID), "{post}", fmt.Sprint(fx.matrixPost().ID)).Replace(p)
	case strings.HasPrefix(p, "/organisations/{id}"):
		path = strings.Replace(p, "{id}", fmt.Sprint(fx.teamA.ID), 1)
	case strings.HasPrefix(p, "/partnerships/{id}"):
		// Trust B's own partnership: the personas of Trust A do not belong to it (not found).
		plan := fx.matrixPlan()
		sols, _ := fx.db.SearchRegister(fx.t.Context(), store.RegisterQuery{PartnershipID: plan.PartnershipID})
		path = strings.NewReplacer("{id}", fmt.Sprint(plan.PartnershipID), "{solution}", fmt.Sprint(sols[0].ID)).Replace(p)
	case strings.HasPrefix(p, "/plans/{id}"):
		plan := fx.matrixPlan()
		acts, _ := fx.db.PlanActions(fx.t.Context(), plan.ID)
		ms, _ := fx.db.PlanMeasures(fx.t.Context(), plan.ID)
		path = strings.NewReplacer("{id}", fmt.Sprint(plan.ID), "{action}", fmt.Sprint(acts[0].ID),
			"{measure}", fmt.Sprint(ms[0].ID)).Replace(p)
	case strings.HasPrefix(p, "/roles/{id}"):
		path = strings.Replace(p, "{id}", fmt.Sprint(fx.matrixRole().ID), 1)
	case strings.HasPrefix(p, "/people/{id}"):
		person, entry := fx.matrixPerson()
		path = strings.NewReplacer("{id}", fmt.Sprint(person.ID), "{entry}", fmt.Sprint(entry.ID)).Replace(p)
	case strings.HasPrefix(p, "/career-frameworks/{id}"):
		path = strings.Replace(p, "{id}", fmt.Sprint(fx.matrixCareerFramework().ID), 1)
	case p == "/static/":
		path = "/static/css/app.css"
	case p == "/profiles/export" || p == "/api/v1/profiles/export":
		path = p + "?format=csv" // a real download, not only the refusal of a missing format
	}
	return path
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
