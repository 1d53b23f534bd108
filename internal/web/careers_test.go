package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// optionsWorld: two support roles of Trust A (levels 2 and 3) and one of Trust B; a healthcare
// assistant in Team A and someone in Trust B who holds the same competence at a higher level.
type optionsWorld struct {
	hca, senior, bRole workforce.Role
	casey, other       workforce.Person
}

func makeOptionsWorld(fx *fixture) optionsWorld {
	fx.t.Helper()
	ctx := fx.t.Context()
	ksf := func(node, level string, essential bool) workforce.Requirement {
		return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level, Essential: essential}
	}
	role := func(org int64, title string, level int, reqs ...workforce.Requirement) workforce.Role {
		return fx.role(workforce.Role{OrganisationID: org, Title: title, StaffGroup: "Additional Clinical Services", Level: level,
			Status: workforce.StatusPublished, Requirements: reqs})
	}
	w := optionsWorld{
		hca:    role(fx.orgA.ID, "Healthcare assistant", 2, ksf("c1", "level-1", true)),
		senior: role(fx.orgA.ID, "Senior healthcare support worker", 3, ksf("c1", "level-2", true), ksf("c3", "level-1", false)),
		bRole:  role(fx.orgB.ID, "Trust B support role", 3, ksf("c1", "level-2", true)),
	}
	teamB, err := fx.db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward B", ParentID: fx.orgB.ID, Kind: store.KindTeam})
	if err != nil {
		fx.t.Fatal(err)
	}
	w.casey = fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "C0001", Name: "Casey Careers",
		Assignments: []workforce.Assignment{{RoleID: w.hca.ID, TeamID: fx.teamA.ID, FTE: 100, Start: "2020-01-01"}}})
	w.other = fx.person(workforce.Person{OrganisationID: fx.orgB.ID, StaffNumber: "B0001", Name: "Bailey Elsewhere",
		Assignments: []workforce.Assignment{{RoleID: w.bRole.ID, TeamID: teamB.ID, FTE: 100, Start: "2020-01-01"}}})
	for _, p := range []workforce.Person{w.casey, w.other} {
		level := "level-1"
		if p.ID == w.other.ID {
			level = "level-2"
		}
		if _, err := fx.db.AddPortfolioEntry(ctx, store.Actor{}, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: level, Evidence: workforce.EvidenceSelf, Achieved: "2022-01-01"}); err != nil {
			fx.t.Fatal(err)
		}
	}
	return w
}

func TestCareerPagesAndScope(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := makeOptionsWorld(fx)
		admin := fx.signedIn("orgAdmin")

		res := admin.get(fmt.Sprintf("/people/%d/career-options", w.casey.ID))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("career options: %d", res.StatusCode)
		}
		// Casey holds c1 at level 1 of a required 2 (half of the essential weight 2) and not c3
		// (desirable, 1): 1 of 3 = 33%.
		for _, want := range []string{"Senior healthcare support worker", "33% transferable", "One level up", "How transferability is worked out", "Communication"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("career options page lacks %q", want)
			}
		}
		if strings.Contains(res.body, "Trust B support role") {
			t.Error("a role of Trust B, not shared, is offered to a person of Trust A")
		}
		filtered := admin.get(fmt.Sprintf("/people/%d/career-options?level=5", w.casey.ID))
		if strings.Contains(filtered.body, "Senior healthcare support worker") || !strings.Contains(filtered.body, "No roles match") {
			t.Error("the level filter does not filter")
		}
		csv := admin.get(fmt.Sprintf("/people/%d/career-options/export?format=csv", w.casey.ID))
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Senior healthcare support worker") || !strings.Contains(csv.body, "33") {
			t.Errorf("options export: %d %q", csv.StatusCode, csv.body)
		}
		if x := admin.get(fmt.Sprintf("/roles/%d/talent-match/export?format=xlsx", w.senior.ID)); x.StatusCode != http.StatusOK || !strings.HasPrefix(x.body, "PK") ||
			!strings.Contains(x.Header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("talent match as Excel: %d %q", x.StatusCode, x.Header.Get("Content-Type"))
		}
		if bad := admin.get(fmt.Sprintf("/people/%d/career-options/export?format=pdf", w.casey.ID)); bad.StatusCode != http.StatusBadRequest {
			t.Errorf("export as pdf: %d, want 400", bad.StatusCode)
		}

		path := admin.get(fmt.Sprintf("/people/%d/pathway?to=%d", w.casey.ID, w.senior.ID))
		if !strings.Contains(path.body, "total gap 67") {
			t.Errorf("pathway to the senior role should be one step with gap 67:\n%s", path.body)
		}
		if res := admin.get(fmt.Sprintf("/people/%d/pathway?to=%d", w.casey.ID, w.bRole.ID)); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a pathway to another trust's role: %d, want 422", res.StatusCode)
		}

		// Talent match lists Trust A's people only, for Trust A's administrator, although the
		// person of Trust B meets the role better.
		tm := admin.get(fmt.Sprintf("/roles/%d/talent-match", w.senior.ID))
		if !strings.Contains(tm.body, "Casey Careers") || strings.Contains(tm.body, "Bailey Elsewhere") {
			t.Errorf("talent match of Trust A's administrator: Casey listed %v, Bailey listed %v",
				strings.Contains(tm.body, "Casey Careers"), strings.Contains(tm.body, "Bailey Elsewhere"))
		}
		tmx := admin.get(fmt.Sprintf("/roles/%d/talent-match/export?format=csv", w.senior.ID))
		if !strings.Contains(tmx.body, "Casey Careers") || strings.Contains(tmx.body, "Bailey") {
			t.Errorf("talent match export: %q", tmx.body)
		}
		// Trust B's administrator may not even see Trust A's role.
		if res := fx.signedIn("adminB").get(fmt.Sprintf("/roles/%d/talent-match", w.senior.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust B's administrator opening Trust A's talent match: %d, want 404", res.StatusCode)
		}
		// Nor Casey's options, nor Team A's.
		if res := fx.signedIn("adminB").get(fmt.Sprintf("/people/%d/career-options", w.casey.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust B's administrator opening Casey's options: %d, want 404", res.StatusCode)
		}
		if res := fx.signedIn("adminB").get(fmt.Sprintf("/teams/%d/career-options", fx.teamA.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("Trust B's administrator opening Team A's options: %d, want 404", res.StatusCode)
		}
		team := admin.get(fmt.Sprintf("/teams/%d/career-options", fx.teamA.ID))
		if !strings.Contains(team.body, "Casey Careers") || strings.Contains(team.body, "Bailey") || !strings.Contains(team.body, "Senior healthcare support worker (level 3): 33%") {
			t.Errorf("team options:\n%s", team.body)
		}

		// Where the healthcare assistant role leads: the senior role, counted from the role's
		// own requirement (c1 at level 1 of 2: 33%).
		leads := admin.get(fmt.Sprintf("/roles/%d/career-options", w.hca.ID))
		if !strings.Contains(leads.body, "Where does this role lead?") || !strings.Contains(leads.body, "33% transferable") {
			t.Errorf("where does the role lead:\n%s", leads.body)
		}
	})
}

// TestReadyWaitsForTheCareerIndex: a server that keeps a career index is not ready until the
// index is built (here it never is: its context has ended), so a load balancer sends it nothing.
func TestReadyWaitsForTheCareerIndex(t *testing.T) {
	fx := newFixture(t, "sqlite")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fx.db.Careers().Start(ctx, time.Hour, nil)
	if res := fx.client().get("/readyz"); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(res.body, "career index") {
		t.Errorf("/readyz with the index not built: %d %q", res.StatusCode, res.body)
	}
	if err := fx.db.Careers().Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if res := fx.client().get("/readyz"); res.StatusCode != http.StatusOK {
		t.Errorf("/readyz with the index built: %d %q", res.StatusCode, res.body)
	}
}
