package api

import (
	"context"
	"fmt"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// TestCareers: career options, pathways, talent match and team options through the API, every
// answer checked against the contract, on both engines. Nia (a research nurse, level 5) holds
// c1 at level 2; Sol of Southmoor holds it at level 3, which no one of Northmoor may see.
func TestCareers(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			pw := seedPeople(t, srv.db, w)
			ctx := context.Background()
			add := func(p workforce.Person, level string) {
				if _, err := srv.db.AddPortfolioEntry(ctx, store.System, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
					NodeKey: "c1", LevelKey: level, Evidence: workforce.EvidenceSelf, Achieved: "2023-01-01"}); err != nil {
					t.Fatal(err)
				}
			}
			add(pw.nia, "level-2")
			add(pw.southPerson, "level-3")
			senior, err := srv.db.CreateRole(ctx, store.System, workforce.Role{OrganisationID: w.research.ID, Title: "Senior research nurse",
				StaffGroup: "Nursing and Midwifery Registered", Level: 6, Status: workforce.StatusPublished,
				Requirements: []workforce.Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-3", Essential: true}}})
			if err != nil {
				t.Fatal(err)
			}
			runSteps(t, srv, careerSteps(pw, senior))
		})
	}
}

func careerSteps(w peopleWorld, senior workforce.Role) []step {
	person := func(rest string) string { return fmt.Sprintf("/api/v1/people/%d%s", w.nia.ID, rest) }
	role := func(id int64, rest string) string { return fmt.Sprintf("/api/v1/roles/%d%s", id, rest) }
	team := fmt.Sprintf("/api/v1/teams/%d/career-options", w.team.ID)
	options := func(want map[string]int) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			t.Helper()
			d := decode[optionsDoc](t, r)
			got := map[string]int{}
			for _, o := range d.Options {
				got[fmt.Sprintf("%d %s", o.Role.ID, o.Kind)] = o.Transferability
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || d.Total != len(want) {
				t.Errorf("options %v (total %d), want %v", got, d.Total, want)
			}
		}
	}
	ward, sen := fmt.Sprint(w.wardManager.ID), fmt.Sprint(senior.ID)
	return []step{
		{name: "nobody signed in", request: request{path: person("/career-options"), invalid: true}, status: 401},
		// Ward manager (level 7, c1 at 3): 2 of 3 → 66%, two levels up; the senior role (level 6)
		// the same, one level up. Southmoor's research nurse is not offered; Nia's own role neither.
		{name: "Nia's own options", request: request{path: person("/career-options"), as: w.nurse.ID}, status: 200,
			check: options(map[string]int{sen + " up": 66, ward + " further": 66})},
		{name: "her planner sees the same", request: request{path: person("/career-options?kind=up"), as: w.planner.ID}, status: 200,
			check: options(map[string]int{sen + " up": 66})},
		{name: "filtered by level", request: request{path: person("/career-options?level=7"), as: w.planner.ID}, status: 200,
			check: options(map[string]int{ward + " further": 66})},
		{name: "a bad kind", request: request{path: person("/career-options?kind=sideways"), as: w.nurse.ID, invalid: true}, status: 400},
		{name: "another trust's planner", request: request{path: person("/career-options"), as: w.outsider.ID}, status: 404},

		{name: "pathway without a target", request: request{path: person("/pathway"), as: w.nurse.ID, invalid: true}, status: 400},
		// Research nurse → senior research nurse (gap 34) → ward manager (holding the senior's
		// c1 at level 3: gap 0).
		{name: "pathway to ward manager", request: request{path: person("/pathway?to=" + ward), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				d := decode[pathwayDoc](t, r)
				if len(d.Steps) != 2 || d.Steps[0].Role.ID != senior.ID || d.Steps[0].Gap != 34 || d.Steps[1].Gap != 0 || d.TotalGap != 34 {
					t.Errorf("pathway %+v", d)
				}
			}},
		{name: "pathway to another trust's role", request: request{path: person(fmt.Sprintf("/pathway?to=%d", w.south1.ID)), as: w.nurse.ID}, status: 404},
		{name: "pathway to the role held now", request: request{path: person(fmt.Sprintf("/pathway?to=%d", w.researchNurse.ID)), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[pathwayDoc](t, r); len(d.Steps) != 0 || d.TotalGap != 0 {
					t.Errorf("pathway to the current role %+v", d)
				}
			}},

		{name: "a member of staff may not match talent", request: request{path: role(w.wardManager.ID, "/talent-match"), as: w.nurse.ID}, status: 403},
		{name: "the planner's talent match: Nia only", request: request{path: role(w.wardManager.ID, "/talent-match"), as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				d := decode[talentDoc](t, r)
				if d.Total != 1 || d.Matches[0].PersonID != w.nia.ID || d.Matches[0].Transferability != 66 {
					t.Errorf("talent match %+v", d)
				}
			}},
		{name: "another trust may not see the role", request: request{path: role(w.wardManager.ID, "/talent-match"), as: w.outsider.ID}, status: 404},
		{name: "where the research nurse role leads", request: request{path: role(w.researchNurse.ID, "/career-options"), as: w.planner.ID}, status: 200,
			check: options(map[string]int{sen + " up": 66, ward + " further": 66})},

		{name: "team options for the planner", request: request{path: team, as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				d := decode[teamDoc](t, r)
				if len(d.Members) != 1 || d.Members[0].PersonID != w.nia.ID || len(d.Members[0].Options) != 1 || len(d.Succession) != 1 {
					t.Errorf("team options %+v", d)
				}
			}},
		{name: "team options of another trust", request: request{path: team, as: w.outsider.ID}, status: 404},
		{name: "team options for a member of staff", request: request{path: team, as: w.nurse.ID}, status: 403},
	}
}
