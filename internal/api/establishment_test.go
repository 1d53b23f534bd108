package api

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
)

func TestEstablishment(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			runSteps(t, srv, establishmentSteps(seedPeople(t, srv.db, w)))
		})
	}
}

func establishmentSteps(w peopleWorld) []step {
	unit := func(id int64, rest string) string { return fmt.Sprintf("/api/v1/organisations/%d%s", id, rest) }
	var created postDoc
	var scenario scenarioDoc
	nurseOnNia := map[string]any{"role_id": w.researchNurse.ID, "fte": 1, "pay_point": "top", "holder_id": w.nia.ID}
	ifMatch := func(v string) http.Header { return http.Header{"If-Match": {v}} }
	return []step{
		{name: "nobody signed in", request: request{path: unit(w.team.ID, "/posts"), invalid: true}, status: 401},
		{name: "a member of staff sees no establishment", request: request{path: unit(w.team.ID, "/posts"), as: w.nurse.ID}, status: 403},
		{name: "nor a profile", request: request{path: unit(w.research.ID, "/workforce-profile"), as: w.nurse.ID}, status: 403},
		{name: "another trust's planner sees nothing", request: request{path: unit(w.team.ID, "/posts"), as: w.outsider.ID}, status: 404},
		{name: "another trust's planner cannot add a post", request: request{method: "POST", path: unit(w.team.ID, "/posts"), as: w.outsider.ID, body: nurseOnNia}, status: 404},
		{name: "add a post filled by Nia", request: request{method: "POST", path: unit(w.team.ID, "/posts"), as: w.planner.ID, body: nurseOnNia}, status: 201,
			check: func(t *testing.T, r response) {
				created = decode[postDoc](t, r)
				if created.Version != 1 || created.HolderID != w.nia.ID || created.FTE != 100 || r.header.Get("Location") != created.Href {
					t.Errorf("created %+v", created)
				}
			}},
		{name: "posts belong to teams", request: request{method: "POST", path: unit(w.research.ID, "/posts"), as: w.planner.ID, body: nurseOnNia}, status: 422},
		{name: "every broken rule", request: request{method: "POST", path: unit(w.team.ID, "/posts"), as: w.planner.ID,
			body: map[string]any{"role_id": w.south1.ID, "fte": 1.5, "pay_point": "actual"}}, status: 422,
			check: wantErrors(map[string]string{"/role_id": "role", "/fte": "FTE", "/pay_point": "vacant"})},
		{name: "the service's posts", request: request{path: unit(w.research.ID, "/posts"), as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if e := decode[establishmentDoc](t, r); len(e.Posts) != 1 || e.Posts[0].ID != created.ID {
					t.Errorf("establishment %+v", e)
				}
			}},
		// Band 6 top point, £46,580 × 1.00, no on-cost set.
		{name: "the service's profile", request: request{path: unit(w.research.ID, "/workforce-profile"), as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				p := decode[map[string]any](t, r)
				for k, want := range map[string]any{"headcount": 1.0, "posts": 1.0, "funded_fte": 1.0, "filled_fte": 1.0, "vacant_fte": 0.0,
					"cost": 46580.0, "registered_percent": 100.0, "kind": "service"} {
					if p[k] != want {
						t.Errorf("%s = %v, want %v", k, p[k], want)
					}
				}
			}},
		{name: "the post", request: request{as: w.planner.ID}, at: func() string { return created.Href }, status: 200},
		{name: "another trust's planner cannot read it", request: request{as: w.outsider.ID}, at: func() string { return created.Href }, status: 404},
		{name: "change without a version", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return created.Href },
			build: func() any { return map[string]any{"role_id": w.researchNurse.ID, "fte": 0.5, "pay_point": "entry"} }, status: 428},
		{name: "mark it vacant and half time", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return created.Href },
			build: func() any {
				return map[string]any{"role_id": w.researchNurse.ID, "fte": 0.5, "pay_point": "entry", "version": 1}
			},
			status: 200, check: func(t *testing.T, r response) {
				if p := decode[postDoc](t, r); p.Version != 2 || p.HolderID != 0 || p.FTE != 50 {
					t.Errorf("updated %+v", p)
				}
			}},
		{name: "a stale change", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return created.Href },
			build: func() any {
				return map[string]any{"role_id": w.researchNurse.ID, "fte": 1, "pay_point": "entry", "version": 1}
			}, status: 409},
		// A scenario of the service: the post (half time, vacant now) converted into two
		// clinical trials assistant posts.
		{name: "staff cannot start a scenario", request: request{method: "POST", path: unit(w.research.ID, "/scenarios"), as: w.nurse.ID, body: map[string]any{"name": "x"}}, status: 403},
		{name: "a scenario needs a name", request: request{method: "POST", path: unit(w.research.ID, "/scenarios"), as: w.planner.ID, body: map[string]any{"name": ""}}, status: 422},
		{name: "start a scenario", request: request{method: "POST", path: unit(w.research.ID, "/scenarios"), as: w.planner.ID, body: map[string]any{"name": "Trials support"}}, status: 201,
			check: func(t *testing.T, r response) {
				scenario = decode[scenarioDoc](t, r)
				if scenario.Version != 1 || len(scenario.Base) != 1 || scenario.Base[0].ID != created.ID || len(scenario.Changes) != 0 {
					t.Errorf("scenario %+v", scenario)
				}
			}},
		{name: "a change without a reason", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return scenario.Href },
			build: func() any {
				return map[string]any{"name": "Trials support", "version": 1, "changes": []map[string]any{{"kind": "convert", "reason": "",
					"post_ids": []int64{created.ID}, "role_id": w.assistant.ID, "count": 2, "fte": 1, "pay_point": "entry"}}}
			}, status: 422, check: wantErrors(map[string]string{"/changes/0/reason": "reason"})},
		{name: "convert the post", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return scenario.Href },
			build: func() any {
				return map[string]any{"name": "Trials support", "version": 1, "changes": []map[string]any{{"kind": "convert", "reason": "More trials",
					"post_ids": []int64{created.ID}, "role_id": w.assistant.ID, "count": 2, "fte": 1, "pay_point": "entry"}}}
			}, status: 200, check: func(t *testing.T, r response) {
				if d := decode[scenarioDoc](t, r); d.Version != 2 || len(d.Changes) != 1 || d.Changes[0].By != w.planner.ID {
					t.Errorf("saved %+v", d)
				}
			}},
		{name: "another trust cannot compare it", request: request{as: w.outsider.ID}, at: func() string { return scenario.Href + "/comparison" }, status: 404},
		// Research nurse band 6 entry £38,682 × 0.50 → two clinical trials assistants band 3
		// entry £24,937: £19,341 → £49,874.
		{name: "compare it with today", request: request{as: w.planner.ID}, at: func() string { return scenario.Href + "/comparison" }, status: 200,
			check: func(t *testing.T, r response) {
				c := decode[map[string]any](t, r)
				total := c["total"].(map[string]any)
				now, future := total["current"].(map[string]any), total["scenario"].(map[string]any)
				if now["cost"] != 19341.0 || future["cost"] != 49874.0 || now["posts"] != 1.0 || future["posts"] != 2.0 || future["funded_fte"] != 2.0 {
					t.Errorf("total %v", total)
				}
			}},
		{name: "the unit's scenarios", request: request{path: unit(w.research.ID, "/scenarios"), as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if l := decode[scenarioListDoc](t, r); len(l.Scenarios) != 1 || l.Scenarios[0].Name != "Trials support" {
					t.Errorf("list %+v", l)
				}
			}},
		{name: "delete the scenario", request: request{method: "DELETE", as: w.planner.ID, header: ifMatch(`"2"`)}, at: func() string { return scenario.Href }, status: 204},

		{name: "delete without a version", request: request{method: "DELETE", as: w.planner.ID}, at: func() string { return created.Href }, status: 428},
		{name: "delete a stale version", request: request{method: "DELETE", as: w.planner.ID, header: ifMatch(`"1"`)}, at: func() string { return created.Href }, status: 409},
		{name: "delete", request: request{method: "DELETE", as: w.planner.ID, header: ifMatch(`"2"`)}, at: func() string { return created.Href }, status: 204},
		{name: "gone", request: request{as: w.planner.ID}, at: func() string { return created.Href }, status: 404},
	}
}
