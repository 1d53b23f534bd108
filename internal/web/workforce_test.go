package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// matrixPost is a post of Team A filled by the matrix person, for the permission matrix.
func (fx *fixture) matrixPost() workforce.Post {
	fx.t.Helper()
	posts, err := fx.db.TeamPosts(fx.t.Context(), fx.teamA.ID)
	if err != nil {
		fx.t.Fatal(err)
	}
	if len(posts) > 0 {
		return posts[0]
	}
	person, _ := fx.matrixPerson()
	p, err := fx.db.CreatePost(fx.t.Context(), store.Actor{}, workforce.Post{TeamID: fx.teamA.ID, RoleID: fx.matrixRole().ID,
		FTE: 100, PayPoint: workforce.PayEntry, HolderID: person.ID})
	if err != nil {
		fx.t.Fatal(err)
	}
	return p
}

func TestWorkforceProfileAndPosts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		role := fx.matrixRole() // Ward manager: level 6, band 7
		team := fmt.Sprint(fx.teamA.ID)
		manager := fx.signedIn("manager") // a manager of Service A, above Team A

		// Add a vacant half-time post at the top of band 7.
		form := url.Values{"role": {fmt.Sprint(role.ID)}, "fte": {"0.5"}, "band": {""}, "pay_point": {"top"}, "holder": {""}, "version": {"0"}}
		if res := manager.post("/organisations/"+team+"/posts", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add a post: %d %v", res.StatusCode, errorSummary(t, res))
		}
		list := manager.get("/organisations/" + team + "/posts")
		// 54,710 × 0.50 = £27,355, no on-cost yet.
		if !strings.Contains(list.body, "Ward manager") || !strings.Contains(list.body, "£27,355") || !strings.Contains(list.body, "Vacant") {
			t.Errorf("the posts list lacks the new post:\n%s", list.body)
		}

		// Bad input: every problem is reported and what was typed is kept.
		bad := url.Values{"role": {""}, "fte": {"2"}, "pay_point": {"actual"}, "holder": {""}, "version": {"0"}}
		res := manager.post("/organisations/"+team+"/posts", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 3 {
			t.Errorf("bad post: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#fte").Attr("value"); v != "2" {
			t.Errorf("the typed FTE was not kept: %q", v)
		}

		// The employer's administrator sets the on-cost; a service manager may not.
		if res := manager.get(fmt.Sprintf("/organisations/%d/pay-settings", fx.orgA.ID)); res.StatusCode != http.StatusForbidden {
			t.Errorf("a manager opened the pay settings: %d", res.StatusCode)
		}
		admin := fx.signedIn("orgAdmin")
		if res := admin.get(fmt.Sprintf("/organisations/%d/pay-settings", fx.serviceA.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("a service has no pay settings of its own: %d", res.StatusCode)
		}
		if res := admin.post(fmt.Sprintf("/organisations/%d/pay-settings", fx.orgA.ID), url.Values{"on_cost": {"28.5"}, "version": {"0"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save on-cost: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := admin.post(fmt.Sprintf("/organisations/%d/pay-settings", fx.orgA.ID), url.Values{"on_cost": {"30"}, "version": {"0"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("stale on-cost: %d", res.StatusCode)
		}

		// Trust B's establishment never shows in Trust A's profile.
		ctx := t.Context()
		teamB, err := fx.db.CreateOrganisation(ctx, store.Actor{}, store.Organisation{Name: "Team B", Kind: store.KindTeam, ParentID: fx.orgB.ID})
		if err != nil {
			t.Fatal(err)
		}
		roleB := fx.role(workforce.Role{OrganisationID: fx.orgB.ID, Title: "Secret B role", Level: 4, Band: "4"})
		if _, err := fx.db.CreatePost(ctx, store.Actor{}, workforce.Post{TeamID: teamB.ID, RoleID: roleB.ID, FTE: 100, PayPoint: workforce.PayTop}); err != nil {
			t.Fatal(err)
		}

		// The profile of the service: £27,355 + 28.5% (£7,796.175 → £7,796.18) = £35,151.18.
		for _, unit := range []int64{fx.serviceA.ID, fx.orgA.ID} {
			page := manager.get(fmt.Sprintf("/organisations/%d/workforce", unit))
			if unit == fx.orgA.ID {
				// The manager of Service A is not a manager of Trust A.
				if page.StatusCode != http.StatusNotFound {
					t.Errorf("manager of a service opened the trust's profile: %d", page.StatusCode)
				}
				page = admin.get(fmt.Sprintf("/organisations/%d/workforce", unit))
			}
			if page.StatusCode != http.StatusOK {
				t.Fatalf("profile %d: %d", unit, page.StatusCode)
			}
			d := page.doc(t)
			if got := strings.Join(strings.Fields(d.Find("#summary + dl").Text()), " "); !strings.Contains(got, "1 posts, 0.50 FTE") ||
				!strings.Contains(got, "£35,151 a year") || !strings.Contains(got, "0.50 FTE (100% of funded FTE)") {
				t.Errorf("profile %d summary: %s", unit, got)
			}
			if d.Find("svg.wf-pyramid title").Text() != "Level pyramid" || d.Find("table caption:contains('FTE by Career Framework level')").Length() != 1 {
				t.Errorf("profile %d: no pyramid with its table", unit)
			}
			if strings.Contains(page.body, "Secret B role") {
				t.Errorf("profile %d shows Trust B's role", unit)
			}
		}

		// Nobody below manager sees the profile or the posts (refused: they manage nowhere), and
		// another organisation's administrator finds them "not found".
		for persona, want := range map[string]int{"staff": http.StatusForbidden, "nobody": http.StatusForbidden, "adminB": http.StatusNotFound} {
			c := fx.signedIn(persona)
			for _, path := range []string{"/workforce", "/workforce/export?format=csv", "/workforce/report", "/posts", "/posts/new"} {
				if res := c.get("/organisations/" + team + path); res.StatusCode != want {
					t.Errorf("%s GET %s: %d, want %d", persona, path, res.StatusCode, want)
				}
			}
		}

		// Exports and the board paper.
		csv := manager.get(fmt.Sprintf("/organisations/%d/workforce/export?format=csv", fx.serviceA.ID))
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Table,Group,Headcount") || !strings.Contains(csv.body, "Total,Service A,") ||
			!strings.Contains(csv.body, "Role,Ward manager,0,0,1,1,0.5,0,0.5,27355,7796.18,35151.18,0") {
			t.Errorf("CSV export: %d\n%s", csv.StatusCode, csv.body)
		}
		if orgCSV := admin.get(fmt.Sprintf("/organisations/%d/workforce/export?format=csv", fx.orgA.ID)); strings.Contains(orgCSV.body, "Secret B role") || strings.Contains(orgCSV.body, "Team B") {
			t.Errorf("Trust A's export shows Trust B's establishment")
		}
		xlsx := manager.get(fmt.Sprintf("/organisations/%d/workforce/export?format=xlsx", fx.serviceA.ID))
		if xlsx.StatusCode != http.StatusOK || !strings.HasPrefix(xlsx.body, "PK") || !strings.Contains(xlsx.Header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("XLSX export: %d %s", xlsx.StatusCode, xlsx.Header.Get("Content-Type"))
		}
		if res := manager.get(fmt.Sprintf("/organisations/%d/workforce/export?format=pdf", fx.serviceA.ID)); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown format: %d", res.StatusCode)
		}
		if report := manager.get(fmt.Sprintf("/organisations/%d/workforce/report", fx.serviceA.ID)); !strings.Contains(report.body, "Workforce profile report") {
			t.Errorf("report: %d", report.StatusCode)
		}

		// Change the post with a stale version: 409, nothing saved; delete only when confirmed.
		posts, err := fx.db.TeamPosts(ctx, fx.teamA.ID)
		if err != nil || len(posts) != 1 {
			t.Fatalf("posts %v %v", posts, err)
		}
		p := posts[0]
		edit := url.Values{"role": {fmt.Sprint(role.ID)}, "fte": {"0.8"}, "band": {"8a"}, "pay_point": {"entry"}, "holder": {""}, "version": {"1"}}
		if res := manager.post(fmt.Sprintf("/organisations/%s/posts/%d", team, p.ID), edit); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := manager.post(fmt.Sprintf("/organisations/%s/posts/%d", team, p.ID), edit); res.StatusCode != http.StatusConflict {
			t.Errorf("stale edit: %d", res.StatusCode)
		}
		if got, _ := fx.db.Post(ctx, p.ID); got.FTE != 80 || got.Band != "8a" || got.Version != 2 {
			t.Errorf("after edit: %+v", got)
		}
		del := fmt.Sprintf("/organisations/%s/posts/%d/delete", team, p.ID)
		if res := manager.get(del); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "This cannot be undone") {
			t.Errorf("delete confirmation page: %d", res.StatusCode)
		}
		if res := manager.post(del, url.Values{"version": {"2"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("delete without confirming: %d", res.StatusCode)
		}
		if res := manager.post(del, url.Values{"version": {"2"}, "confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("delete: %d", res.StatusCode)
		}
		if got, _ := fx.db.TeamPosts(ctx, fx.teamA.ID); len(got) != 0 {
			t.Errorf("post not deleted: %+v", got)
		}
		// A post of another team is not found through this team's address.
		otherTeam, _ := fx.db.TeamPosts(ctx, teamB.ID)
		if res := admin.get(fmt.Sprintf("/organisations/%s/posts/%d/edit", team, otherTeam[0].ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("another team's post through this team: %d", res.StatusCode)
		}
	})
}

// Filling a post: only a person with a current assignment of the role in the team.
func TestPostFilledByAnAssignment(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		person, _ := fx.matrixPerson() // assigned to Team A as ward manager, full time
		role := fx.matrixRole()
		other := fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: "Physiotherapist", Level: 5, Band: "6"})
		manager := fx.signedIn("manager")
		team := fmt.Sprint(fx.teamA.ID)
		form := url.Values{"role": {fmt.Sprint(other.ID)}, "fte": {"1"}, "pay_point": {"entry"}, "holder": {fmt.Sprint(person.ID)}, "version": {"0"}}
		res := manager.post("/organisations/"+team+"/posts", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), " "), "no current assignment of this role") {
			t.Errorf("holder in another role: %d %v", res.StatusCode, errorSummary(t, res))
		}
		newForm := manager.get("/organisations/" + team + "/posts/new")
		if newForm.doc(t).Find(fmt.Sprintf("#holder option[value='%d']", person.ID)).Length() != 1 {
			t.Errorf("the person assigned to the team is not offered as holder")
		}
		form.Set("role", fmt.Sprint(role.ID))
		form.Set("pay_point", "actual")
		form.Set("actual_salary", "£51,000")
		if res := manager.post("/organisations/"+team+"/posts", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("fill: %d %v", res.StatusCode, errorSummary(t, res))
		}
		list := manager.get("/organisations/" + team + "/posts")
		if !strings.Contains(list.body, person.Name) || !strings.Contains(list.body, "£51,000") {
			t.Errorf("filled post not listed with its holder and actual salary")
		}
		// The post and its salary are part of everything held about the person.
		data := manager.get(personPath(person.ID) + "/data?format=json")
		if !strings.Contains(data.body, `"actual_salary": 51000`) || !strings.Contains(data.body, `"costed_at": "Post holder's actual salary"`) {
			t.Errorf("the person's data export lacks the post they fill:\n%s", data.body)
		}
	})
}

// matrixScenario is a scenario of Service A, for the permission matrix.
func (fx *fixture) matrixScenario() store.Scenario {
	fx.t.Helper()
	list, err := fx.db.UnitScenarios(fx.t.Context(), fx.serviceA.ID, 0)
	if err != nil {
		fx.t.Fatal(err)
	}
	if len(list) > 0 {
		return list[0]
	}
	fx.matrixPost()
	sc, err := fx.db.CreateScenario(fx.t.Context(), store.Actor{}, fx.serviceA.ID, "Matrix scenario", "")
	if err != nil {
		fx.t.Fatal(err)
	}
	return sc
}

func TestScenarioPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		post := fx.matrixPost() // Team A: a ward manager post (band 7), filled
		ap := fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: "Assistant practitioner", Level: 4, Band: "4"})
		manager := fx.signedIn("manager")
		service := fmt.Sprint(fx.serviceA.ID)

		if res := manager.post("/organisations/"+service+"/scenarios", url.Values{"name": {""}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("scenario without a name: %d", res.StatusCode)
		}
		res := manager.post("/organisations/"+service+"/scenarios", url.Values{"name": {"Skill mix 2026"}, "description": {"Ward review"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", res.StatusCode, errorSummary(t, res))
		}
		at := res.Header.Get("Location")
		page := manager.get(at)
		if page.StatusCode != http.StatusOK || page.doc(t).Find("#scenario-posts tbody tr").Length() != 1 {
			t.Fatalf("scenario page %d", page.StatusCode)
		}

		// A change without a reason, or without posts, is refused with the values kept.
		conv := url.Values{"version": {"1"}, "kind": {"convert"}, "post": {fmt.Sprint(post.ID)}, "role": {fmt.Sprint(ap.ID)},
			"count": {"2"}, "fte": {"1"}, "band": {""}, "pay_point": {"entry"}, "reason": {""}}
		res = manager.post(at+"/changes", conv)
		if res.StatusCode != http.StatusUnprocessableEntity || strings.Join(errorSummary(t, res), " ") != "Say why: every change of a scenario has a reason" {
			t.Errorf("no reason: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#change-count").Attr("value"); v != "2" {
			t.Errorf("count not kept: %q", v)
		}
		conv.Set("reason", "Two assistant practitioners instead of a ward manager")
		if res := manager.post(at+"/changes", conv); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("convert: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := manager.post(at+"/changes", conv); res.StatusCode != http.StatusConflict {
			t.Errorf("stale change: %d", res.StatusCode)
		}
		// Ward manager band 7 entry £47,810 → two band 4 entry posts £54,970: +£7,160 (no on-cost).
		d := manager.get(at).doc(t)
		var cells []string
		d.Find("#comparison-summary tbody th, #comparison-summary tbody td").Each(func(_ int, c *goquery.Selection) {
			cells = append(cells, strings.TrimSpace(c.Text()))
		})
		summary := strings.Join(cells, " ")
		if !strings.Contains(summary, "Funded posts 1 2 +1") || !strings.Contains(summary, "Cost a year £47,810 £54,970 +£7,160") {
			t.Errorf("comparison: %s", summary)
		}
		if !strings.Contains(d.Find("#changes + ol").Text(), "Two assistant practitioners instead of a ward manager") {
			t.Errorf("the change's reason is not listed")
		}
		csv := manager.get(at + "/export?format=csv")
		if !strings.Contains(csv.body, "Total,Total,1,2,1,2,1,0,2,47810,54970,7160") {
			t.Errorf("CSV comparison:\n%s", csv.body)
		}
		if x := manager.get(at + "/export?format=xlsx"); !strings.HasPrefix(x.body, "PK") {
			t.Errorf("XLSX comparison: %d", x.StatusCode)
		}
		// The live establishment is untouched.
		if ps, _ := fx.db.TeamPosts(t.Context(), fx.teamA.ID); len(ps) != 1 || ps[0].ID != post.ID {
			t.Errorf("the scenario changed today's posts: %+v", ps)
		}
		// A copy keeps the change and leaves the original alone.
		res = manager.post(at+"/copy", url.Values{"name": {"Skill mix 2026, variant"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") == at {
			t.Fatalf("copy: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if d := manager.get(res.Header.Get("Location")).doc(t); d.Find("h1").Text() != "Skill mix 2026, variant" ||
			!strings.Contains(d.Find("#changes + ol").Text(), "Two assistant practitioners instead of a ward manager") {
			t.Errorf("the copy lacks its name or the change")
		}
		if res := fx.signedIn("staff").post(at+"/copy", url.Values{}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff copied a scenario: %d", res.StatusCode)
		}
		// Take the change back.
		if res := manager.post(at+"/undo", url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("undo: %d", res.StatusCode)
		}
		if d := manager.get(at).doc(t); !strings.Contains(d.Text(), "No changes yet") {
			t.Errorf("after undo the change is still there")
		}

		// Nobody below manager sees a scenario (refused), nor another organisation's
		// administrator ("not found").
		for persona, want := range map[string]int{"staff": http.StatusForbidden, "adminB": http.StatusNotFound} {
			c := fx.signedIn(persona)
			for _, path := range []string{at, at + "/export?format=csv", "/organisations/" + service + "/scenarios"} {
				if res := c.get(path); res.StatusCode != want {
					t.Errorf("%s GET %s: %d", persona, path, res.StatusCode)
				}
			}
		}
		if res := manager.post(at+"/delete", url.Values{"version": {"3"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("delete unconfirmed: %d", res.StatusCode)
		}
		if res := manager.post(at+"/delete", url.Values{"version": {"3"}, "confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("delete: %d", res.StatusCode)
		}
	})
}

// matrixWorkforcePlan is a workforce plan of Service A, for the permission matrix.
func (fx *fixture) matrixWorkforcePlan() store.WorkforcePlan {
	fx.t.Helper()
	list, err := fx.db.UnitWorkforcePlans(fx.t.Context(), fx.serviceA.ID)
	if err != nil {
		fx.t.Fatal(err)
	}
	if len(list) > 0 {
		return list[0]
	}
	p, err := fx.db.CreateWorkforcePlan(fx.t.Context(), store.Actor{}, fx.serviceA.ID, "Matrix plan")
	if err != nil {
		fx.t.Fatal(err)
	}
	return p
}
