package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestWorkforceIWFTeamProfile: the workforce profile of a unit shows the IWF team profile of its
// posts (each post with its role's profile, by FTE), says how many posts had one, downloads it,
// and a scenario that converts posts to another role shows the profile move; the API gives the
// same.
func TestWorkforceIWFTeamProfile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		post := fx.matrixPost() // Team A: a ward manager post, 1.00 FTE, filled
		ap := fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: "Assistant practitioner", Level: 4, Band: "4"})
		if _, err := fx.db.CreatePost(ctx, store.Actor{}, workforce.Post{TeamID: fx.teamA.ID, RoleID: ap.ID, FTE: 60, PayPoint: workforce.PayEntry}); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.db.CreateProfile(ctx, store.Actor{}, store.Profile{RoleID: post.RoleID, OrganisationID: fx.orgA.ID, Title: "Ward manager", Profile: fx.iwfProfile("intermediate")}); err != nil {
			t.Fatal(err)
		}
		manager := fx.signedIn("manager")
		unit := fmt.Sprintf("/organisations/%d/workforce", fx.serviceA.ID)

		page := manager.get(unit)
		d := page.doc(t)
		if got := strings.Join(strings.Fields(d.Find("#iwf-counted").Text()), " "); !strings.Contains(got, "1 of 2 posts (1.00 of 1.60 funded FTE) has a profile of their role") {
			t.Errorf("counted: %q", got)
		}
		if d.Find("#iwf-table tbody tr").Length() == 0 || !strings.Contains(d.Find("#iwf-table").Text(), "Intermediate 1") {
			t.Errorf("the IWF table lacks the ward manager's post at Intermediate")
		}
		if d.Find("svg[role=img][aria-labelledby]").Length() < 2 {
			t.Errorf("the IWF chart is missing beside the pyramid")
		}
		if !strings.Contains(manager.get(unit+"/report").body, `id="iwf-table"`) {
			t.Errorf("the report lacks the IWF team profile")
		}
		csv := manager.get(unit + "/export?format=csv&table=iwf")
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Posts at Intermediate") || !strings.Contains(csv.body, ",iwf,2.1,1,1") {
			t.Errorf("IWF CSV: %d\n%s", csv.StatusCode, csv.body)
		}
		if res := manager.get(unit + "?use=iwf@1.0"); res.StatusCode != http.StatusNotFound {
			t.Errorf("a version no post is on: %d", res.StatusCode)
		}

		var doc struct {
			IWF struct {
				FrameworkVersion string `json:"framework_version"`
				Posts, Counted   int
				CountedFTE       float64 `json:"counted_fte"`
				Profile          *struct{ Members int }
			} `json:"iwf_team_profile"`
		}
		api := fmt.Sprintf("/api/v1/organisations/%d/workforce-profile", fx.serviceA.ID)
		res := manager.get(api)
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil || doc.IWF.FrameworkVersion != "2.1" || doc.IWF.Posts != 2 ||
			doc.IWF.Counted != 1 || doc.IWF.CountedFTE != 1 || doc.IWF.Profile == nil || doc.IWF.Profile.Members != 1 {
			t.Errorf("API: %+v %v\n%s", doc, err, res.body)
		}
		if res := manager.get(api + "?framework=iwf"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("framework without version: %d", res.StatusCode)
		}

		// A scenario converts the ward manager's post into two assistant practitioners, whose
		// role works at Core: the shares move to their profile and every element becomes a gap.
		if _, err := fx.db.CreateProfile(ctx, store.Actor{}, store.Profile{RoleID: ap.ID, OrganisationID: fx.orgA.ID, Title: "AP", Profile: fx.reversedIWF("core")}); err != nil {
			t.Fatal(err)
		}
		res = manager.post(fmt.Sprintf("/organisations/%d/scenarios", fx.serviceA.ID), url.Values{"name": {"APs"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		at := res.Header.Get("Location")
		conv := url.Values{"version": {"1"}, "kind": {"convert"}, "post": {fmt.Sprint(post.ID)}, "role": {fmt.Sprint(ap.ID)},
			"count": {"2"}, "fte": {"1"}, "band": {""}, "pay_point": {"entry"}, "reason": {"Assistant practitioners"}}
		if res := manager.post(at+"/changes", conv); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("convert: %d %v", res.StatusCode, errorSummary(t, res))
		}
		d = manager.get(at).doc(t)
		counted := strings.Join(strings.Fields(d.Find("#iwf-counted").Text()), " ")
		if !strings.Contains(counted, "Today 2 of 2 posts") || !strings.Contains(counted, "in the scenario 3 of 3") {
			t.Errorf("scenario counted: %q", counted)
		}
		cmp := d.Find("#iwf-comparison").Text()
		if !strings.Contains(cmp, "In the scenario only") {
			t.Errorf("the comparison does not show the gaps the scenario opens:\n%s", cmp)
		}
		var scen struct {
			IWF struct {
				Current, Scenario struct{ Counted int }
				Elements          []struct{ Current, Scenario int }
			} `json:"iwf_team_profile"`
		}
		sid := strings.TrimPrefix(at, "/scenarios/")
		res = manager.get("/api/v1/scenarios/" + sid + "/comparison")
		if err := json.Unmarshal([]byte(res.body), &scen); err != nil || scen.IWF.Current.Counted != 2 || scen.IWF.Scenario.Counted != 3 || len(scen.IWF.Elements) == 0 {
			t.Errorf("API comparison: %+v %v", scen, err)
		}
		moved, today, future := false, 0, 0
		for _, e := range scen.IWF.Elements {
			moved = moved || e.Current != e.Scenario
			today += e.Current
			future += e.Scenario
		}
		if !moved || today != 100 || future != 100 {
			t.Errorf("the shares did not move, or do not add up: %+v", scen.IWF.Elements)
		}
		if x := manager.get(at + "/export?format=xlsx"); !strings.HasPrefix(x.body, "PK") {
			t.Errorf("XLSX comparison: %d", x.StatusCode)
		}
	})
}
