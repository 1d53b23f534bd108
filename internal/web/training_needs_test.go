package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/workforce"
)

// TestTrainingNeedsScoping: the analysis counts only the viewer's own trust, for units where
// they manage people; any other unit is "not found", and a member of staff has nothing to
// analyse.
func TestTrainingNeedsScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		a, b, roleA := fx.peopleOfBoth()
		// A second person of Trust A holds Communication at the level needed, due for review soon.
		c := fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "A0002", Name: "Casey Alpha",
			Assignments: []workforce.Assignment{{RoleID: roleA.ID, TeamID: fx.teamA.ID, FTE: 100, Start: "2020-01-01"}}})
		if _, err := fx.db.AddPortfolioEntry(t.Context(), storeActor(0), workforce.PortfolioEntry{PersonID: c.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: "level-2", Evidence: workforce.EvidenceSelf, Achieved: "2022-01-01", ReviewBy: fx.db.Today().AddDays(30)}); err != nil {
			t.Fatal(err)
		}
		admin := fx.signedIn("orgAdmin")
		res := admin.get(fmt.Sprintf("/training-needs?unit=%d", fx.orgA.ID))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("training needs: %d", res.StatusCode)
		}
		// Alex misses c1 (a gap); Casey's is expiring (no gap): one row, 1 gap, 1 missing, 1 expiring.
		row := between(res.body, `<tbody class="nhsuk-table__body">`, "</tbody>")
		if !strings.Contains(row, "Communication") || strings.Count(row, "<tr") != 1 {
			t.Fatalf("the table: %s", row)
		}
		for _, want := range []string{"Gaps closed </span>1<", "Missing </span>1<", "Expiring soon </span>1<", "2 people analysed"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(res.body, b.Name) || strings.Contains(res.body, "Trust B (organisation)") {
			t.Error("Trust A's page shows Trust B")
		}
		// With a window of 10 days Casey's review is not soon.
		if res := admin.get(fmt.Sprintf("/training-needs?unit=%d&days=10", fx.teamA.ID)); !strings.Contains(res.body, "Expiring soon </span>0<") {
			t.Error("the window is not applied")
		}
		csv := admin.get(fmt.Sprintf("/training-needs/export?format=csv&unit=%d", fx.orgA.ID))
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Gaps closed") || !strings.Contains(csv.body, "Communication") || strings.Contains(csv.body, a.Name) {
			t.Errorf("CSV: %d %s", csv.StatusCode, csv.body)
		}
		// Trust B, a made-up unit and bad input.
		for path, want := range map[string]int{
			fmt.Sprintf("/training-needs?unit=%d", fx.orgB.ID):                   http.StatusNotFound,
			fmt.Sprintf("/training-needs/export?format=csv&unit=%d", fx.orgB.ID): http.StatusNotFound,
			"/training-needs?unit=999999":                                        http.StatusNotFound,
			"/training-needs?unit=x":                                             http.StatusBadRequest,
			fmt.Sprintf("/training-needs?unit=%d&days=0", fx.orgA.ID):            http.StatusBadRequest,
		} {
			if res := admin.get(path); res.StatusCode != want {
				t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
			}
		}
		// A member of staff manages no one: refused, with the access roles that may.
		staff := fx.signedIn("staff")
		if res := staff.get("/training-needs"); res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "manager, planner or administrator access role") {
			t.Errorf("staff: %d", res.StatusCode)
		}
		if res := staff.get(fmt.Sprintf("/training-needs?unit=%d", fx.teamA.ID)); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff opening their team's needs: %d", res.StatusCode)
		}
		if res := fx.signedIn("adminB").get(fmt.Sprintf("/training-needs?unit=%d", fx.orgA.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust B's administrator: %d", res.StatusCode)
		}
		// The organisation page links to it for a manager, not for staff.
		if res := admin.get(fmt.Sprintf("/organisations/%d", fx.orgA.ID)); !strings.Contains(res.body, fmt.Sprintf("/training-needs?unit=%d", fx.orgA.ID)) {
			t.Error("no link from the organisation page")
		}
		if res := staff.get(fmt.Sprintf("/organisations/%d", fx.teamA.ID)); strings.Contains(res.body, "/training-needs") {
			t.Error("staff are offered training needs")
		}
	})
}

// between returns the text between the first from and the next to.
func between(s, from, to string) string {
	_, after, _ := strings.Cut(s, from)
	before, _, _ := strings.Cut(after, to)
	return before
}
