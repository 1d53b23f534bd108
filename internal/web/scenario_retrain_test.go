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

// Retraining on the scenario page: the form lists a team's people and the competences the
// posts require; a bad form keeps what was chosen in the error summary pattern; a good one
// shows in the changes, moves the coverage and is in the export (without names).
func TestScenarioRetrainForm(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		morgan, _ := fx.matrixPerson() // holds ksf c1 at level 1 in Team A
		role := fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: "Research practitioner", StaffGroup: "Nursing and Midwifery Registered",
			Level: 5, Band: "6", Requirements: []workforce.Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2", Essential: true}}})
		rowan := fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "R0001", Name: "Rowan Retrain",
			Assignments: []workforce.Assignment{{RoleID: role.ID, TeamID: fx.teamA.ID, FTE: 100, Start: "2020-01-01"}}})
		if _, err := fx.db.CreatePost(ctx, store.Actor{}, workforce.Post{TeamID: fx.teamA.ID, RoleID: role.ID, FTE: 100,
			PayPoint: workforce.PayEntry, HolderID: rowan.ID}); err != nil {
			t.Fatal(err)
		}
		manager := fx.signedIn("manager")
		res := manager.post(fmt.Sprintf("/organisations/%d/scenarios", fx.serviceA.ID), url.Values{"name": {"Upskilling"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		at := res.Header.Get("Location")
		page := manager.get(at + "?retrain_team=" + fmt.Sprint(fx.teamA.ID)).doc(t)
		form := page.Find("#retrain ~ form[method=post]")
		if got := form.Find("label").Text(); !strings.Contains(got, "Rowan Retrain") || !strings.Contains(got, "Morgan Matrix") {
			t.Errorf("the team's people are not listed: %q", got)
		}
		if form.Find(`#retrain-competence option[value="ksf|c1"]`).Length() != 1 || form.Find(`#retrain-level option[value="level-2"]`).Length() != 1 {
			t.Errorf("competence or level missing from the form")
		}

		// No person and no level: two errors, the competence and reason kept.
		bad := url.Values{"version": {"1"}, "kind": {"retrain"}, "retrain_team": {fmt.Sprint(fx.teamA.ID)}, "competence": {"ksf|c1"}, "level": {""}, "reason": {"Research skills"}}
		res = manager.post(at+"/changes", bad)
		if errs := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(errs) != 2 {
			t.Fatalf("bad retraining: %d %v", res.StatusCode, errs)
		}
		doc := res.doc(t)
		if doc.Find(`.nhsuk-error-summary a[href="#retrain-person_ids"]`).Length() != 1 || doc.Find(`.nhsuk-error-summary a[href="#retrain-level"]`).Length() != 1 {
			t.Errorf("the summary does not link the fields")
		}
		if v, _ := doc.Find(`#retrain-competence option[selected]`).Attr("value"); v != "ksf|c1" {
			t.Errorf("competence not kept: %q", v)
		}
		if v := doc.Find("#retrain-reason").Text(); v != "Research skills" {
			t.Errorf("reason not kept: %q", v)
		}
		if v := doc.Find("#change-reason").Text(); v != "" {
			t.Errorf("the reason leaked into the posts form: %q", v)
		}

		// Someone outside the unit is refused by name.
		outside := bad
		outside.Set("level", "level-2")
		outside["person"] = []string{"999999"}
		if res := manager.post(at+"/changes", outside); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(strings.Join(errorSummary(t, res), " "), "does not work in the unit") {
			t.Errorf("someone outside the unit: %d %v", res.StatusCode, errorSummary(t, res))
		}

		good := bad
		good.Set("level", "level-2")
		good["person"] = []string{fmt.Sprint(rowan.ID), fmt.Sprint(morgan.ID)}
		if res := manager.post(at+"/changes", good); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("retrain: %d %v", res.StatusCode, errorSummary(t, res))
		}
		doc = manager.get(at).doc(t)
		changes := doc.Find("#changes + ol").Text()
		if !strings.Contains(changes, "Retrain people") || !strings.Contains(changes, "Morgan Matrix, Rowan Retrain gain") || !strings.Contains(changes, "at Level 2") {
			t.Errorf("changes list: %q", changes)
		}
		// c1 is required by the one research practitioner post: today nobody holds it at
		// level 2 (Morgan only at level 1); retrained, Rowan and Morgan both do.
		row := doc.Find("#coverage-comparison tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Find("th").Text(), "ommunication")
		})
		cells := row.Find("td")
		if cells.Eq(0).Text() != "0 of 1, short by 1" || cells.Eq(1).Text() != "2 of 1, short by 0" || cells.Eq(2).Text() != "1 fewer short" {
			t.Errorf("coverage row %q", row.Text())
		}

		csv := manager.get(at + "/export?format=csv&table=changes")
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Retrain people") || !strings.Contains(csv.body, "at Level 2") || strings.Contains(csv.body, "Rowan") {
			t.Errorf("changes CSV: %d\n%s", csv.StatusCode, csv.body)
		}
		if cov := manager.get(at + "/export?format=csv&table=coverage"); !strings.Contains(cov.body, ",1,0,1,1,2,0,-1") {
			t.Errorf("coverage CSV:\n%s", cov.body)
		}
		if res := manager.get(at + "/export?format=csv&table=people"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("an unknown table: %d", res.StatusCode)
		}
	})
}
