package api

import (
	"context"
	"fmt"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// peopleWorld adds people to the role world: a ward team under Research and Development with
// Nia (the nurse's own record, a research nurse there), and a person of Southmoor.
type peopleWorld struct {
	world
	team             store.Organisation
	nia, southPerson workforce.Person
}

func seedPeople(t *testing.T, db *store.DB, w world) peopleWorld {
	t.Helper()
	ctx := context.Background()
	pw := peopleWorld{world: w}
	var err error
	if pw.team, err = db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Research ward", Kind: store.KindTeam, ParentID: w.research.ID}); err != nil {
		t.Fatal(err)
	}
	southTeam, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "South ward", Kind: store.KindTeam, ParentID: w.south.ID})
	if err != nil {
		t.Fatal(err)
	}
	if pw.nia, err = db.CreatePerson(ctx, store.System, workforce.Person{OrganisationID: w.research.ID, StaffNumber: "N001", Name: "Nia Nurse",
		UserID: w.nurse.ID, Assignments: []workforce.Assignment{{RoleID: w.researchNurse.ID, TeamID: pw.team.ID, FTE: 100, Start: "2021-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	if pw.southPerson, err = db.CreatePerson(ctx, store.System, workforce.Person{OrganisationID: w.south.ID, StaffNumber: "S001", Name: "Sol South",
		Assignments: []workforce.Assignment{{RoleID: w.south1.ID, TeamID: southTeam.ID, FTE: 50, Start: "2021-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	return pw
}

func TestPeople(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			runSteps(t, srv, peopleSteps(seedPeople(t, srv.db, w)))
		})
	}
}

func peopleSteps(w peopleWorld) []step {
	path := func(id int64, rest string) string { return fmt.Sprintf("/api/v1/people/%d%s", id, rest) }
	names := func(want ...string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			t.Helper()
			p := decode[personPage](t, r)
			var got []string
			for _, d := range p.People {
				got = append(got, d.Name)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || p.Total != len(want) {
				t.Errorf("people %v (total %d), want %v", got, p.Total, want)
			}
		}
	}
	var created personDoc
	newPerson := map[string]any{"organisation_id": w.research.ID, "staff_number": "N002", "name": "Ray Research",
		"assignments": []map[string]any{{"role_id": w.assistant.ID, "team_id": w.team.ID, "fte": 0.6, "start_date": "2024-04-01"}}}
	return []step{
		{name: "nobody signed in", request: request{path: "/api/v1/people", invalid: true}, status: 401},
		{name: "the planner sees the service's people only", request: request{path: "/api/v1/people", as: w.planner.ID}, status: 200, check: names("Nia Nurse")},
		{name: "another trust sees its own only", request: request{path: "/api/v1/people?q=s", as: w.outsider.ID}, status: 200, check: names("Sol South")},
		{name: "a viewer manages no one", request: request{path: "/api/v1/people", as: w.viewer.ID}, status: 200, check: names()},
		{name: "a member of staff manages no one", request: request{path: "/api/v1/people", as: w.nurse.ID}, status: 200, check: names()},
		{name: "searching for another trust's person finds nothing", request: request{path: "/api/v1/people?q=sol", as: w.planner.ID}, status: 200, check: names()},
		{name: "bad limit", request: request{path: "/api/v1/people?limit=0", as: w.planner.ID}, status: 400},
		{name: "another trust's person is not found", request: request{path: path(w.southPerson.ID, ""), as: w.planner.ID}, status: 404},
		{name: "another trust's portfolio is not found", request: request{path: path(w.southPerson.ID, "/portfolio"), as: w.planner.ID}, status: 404},
		{name: "a colleague cannot see another's record", request: request{path: path(w.southPerson.ID, ""), as: w.nurse.ID}, status: 404},
		{name: "the nurse sees her own record", request: request{path: path(w.nia.ID, ""), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[personDoc](t, r); d.StaffNumber != "N001" || len(d.Assignments) != 1 || d.Assignments[0].FTE != 100 {
					t.Errorf("own record = %+v", d)
				}
			}},
		{name: "she cannot change it", request: request{method: "PUT", path: path(w.nia.ID, ""), as: w.nurse.ID,
			body: map[string]any{"staff_number": "N001", "name": "Nia Renamed", "version": 1}}, status: 403},
		{name: "she adds a self-assessed competence", request: request{method: "POST", path: path(w.nia.ID, "/portfolio"), as: w.nurse.ID,
			body: map[string]any{"framework_key": "ksf", "framework_version": "2010", "node_key": "c1", "level_key": "level-1", "evidence": "self", "achieved": "2023-01-01"}}, status: 201},
		{name: "but cannot confirm one", request: request{method: "POST", path: path(w.nia.ID, "/portfolio"), as: w.nurse.ID,
			body: map[string]any{"framework_key": "ksf", "framework_version": "2010", "node_key": "hwb5", "level_key": "level-2", "evidence": "confirmed", "achieved": "2023-01-01"}}, status: 403},
		{name: "her manager confirms one", request: request{method: "POST", path: path(w.nia.ID, "/portfolio"), as: w.planner.ID,
			body: map[string]any{"framework_key": "ksf", "framework_version": "2010", "node_key": "hwb5", "level_key": "level-2", "evidence": "confirmed", "achieved": "2023-01-01"}}, status: 201,
			check: func(t *testing.T, r response) {
				if e := decode[workforce.PortfolioEntry](t, r); e.ConfirmedBy != w.planner.ID || e.ConfirmedAt.IsZero() {
					t.Errorf("confirmed entry = %+v", e)
				}
			}},
		{name: "a competence that does not exist", request: request{method: "POST", path: path(w.nia.ID, "/portfolio"), as: w.planner.ID,
			body: map[string]any{"framework_key": "ksf", "framework_version": "2010", "node_key": "zz9", "level_key": "level-2", "evidence": "self", "achieved": "2023-01-01"}}, status: 422},
		{name: "the portfolio", request: request{path: path(w.nia.ID, "/portfolio"), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if p := decode[portfolioDoc](t, r); len(p.Entries) != 2 {
					t.Errorf("portfolio = %+v", p)
				}
			}},
		// Research nurse needs C1 and HWB5 at level 2, essential: C1 at 1 of 2 (1 of weight 2)
		// and HWB5 met (2) make 3 of 4.
		{name: "gap to her own role", request: request{path: path(w.nia.ID, fmt.Sprintf("/gap?role=%d", w.researchNurse.ID)), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				g := decode[gapDoc](t, r)
				if g.Readiness != 75 || g.Met != 1 || g.Partly != 1 || g.Items[0].Status != workforce.GapPartly {
					t.Errorf("gap = %+v", g)
				}
			}},
		{name: "gap without a role", request: request{path: path(w.nia.ID, "/gap?role=x"), as: w.nurse.ID, invalid: true}, status: 400},
		{name: "gap to another trust's role", request: request{path: path(w.nia.ID, fmt.Sprintf("/gap?role=%d", w.south1.ID)), as: w.planner.ID}, status: 404},

		{name: "create", request: request{method: "POST", path: "/api/v1/people", as: w.planner.ID, body: newPerson}, status: 201,
			check: func(t *testing.T, r response) {
				created = decode[personDoc](t, r)
				if created.Version != 1 || created.Assignments[0].FTE != 60 || r.header.Get("Location") != created.Href {
					t.Errorf("created = %+v", created)
				}
			}},
		{name: "the same staff number again", request: request{method: "POST", path: "/api/v1/people", as: w.planner.ID, body: newPerson}, status: 409},
		{name: "in an organisation the caller does not manage", request: request{method: "POST", path: "/api/v1/people", as: w.planner.ID,
			body: map[string]any{"organisation_id": w.south.ID, "staff_number": "X", "name": "X"}}, status: 403},
		{name: "every broken rule", request: request{method: "POST", path: "/api/v1/people", as: w.planner.ID,
			body: map[string]any{"organisation_id": w.research.ID, "staff_number": "N 3", "name": "",
				"assignments": []map[string]any{{"role_id": w.south1.ID, "team_id": w.team.ID, "fte": 1, "start_date": "2024-04-01"}}}}, status: 422,
			check: wantErrors(map[string]string{"/staff_number": "only letters", "/name": "name", "/assignments/0/role": "employer"})},
		{name: "change with the version read", request: request{method: "PUT", as: w.planner.ID}, status: 200,
			at: func() string { return created.Href },
			build: func() any {
				return map[string]any{"staff_number": "N002", "name": "Ray Research-Smith", "version": 1, "assignments": created.Assignments}
			},
			check: func(t *testing.T, r response) {
				if d := decode[personDoc](t, r); d.Version != 2 || d.Name != "Ray Research-Smith" {
					t.Errorf("updated = %+v", d)
				}
			}},
		{name: "a stale version changes nothing", request: request{method: "PUT", as: w.planner.ID}, status: 409,
			at:    func() string { return created.Href },
			build: func() any { return map[string]any{"staff_number": "N002", "name": "Lost", "version": 1} }},
		{name: "no version", request: request{method: "PUT", as: w.planner.ID}, status: 428,
			at:    func() string { return created.Href },
			build: func() any { return map[string]any{"staff_number": "N002", "name": "Lost"} }},
	}
}
