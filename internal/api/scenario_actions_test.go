package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// manyDoc is what the tests read of a comparison of several scenarios (money is sent as
// pounds with pence, which workforce.Pence does not read back).
type manyDoc struct {
	ScenarioIDs []int64      `json:"scenario_ids"`
	LeftOut     []leftOutDoc `json:"left_out"`
	Total       struct {
		Today     struct{ Posts int }
		Scenarios []struct{ Posts int }
	}
	Coverage []workforce.CoverageColumns
}

// Everything the scenario page does, through the API: add a change (retraining included),
// take it back, rename and annotate, copy, share, lock, and compare several at once; stale
// versions are 409, locked scenarios 409, bad input 422, strangers 404, staff 403.
func TestScenarioActionsAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, world := startWorld(t, engine)
			w := seedPeople(t, srv.db, world)
			ctx := context.Background()
			// One research nurse post, held by Nia, who holds no KSF competence: c1 (level 2)
			// is demanded once and held by nobody.
			if _, err := srv.db.CreatePost(ctx, store.System, workforce.Post{TeamID: w.team.ID, RoleID: w.researchNurse.ID, FTE: 100,
				PayPoint: workforce.PayTop, HolderID: w.nia.ID}); err != nil {
				t.Fatal(err)
			}
			sc, err := srv.db.CreateScenario(ctx, store.Actor{UserID: w.planner.ID}, w.research.ID, "Preceptorship", "")
			if err != nil {
				t.Fatal(err)
			}
			href := scenarioHref(sc.ID)
			version := sc.Version
			var copied scenarioDoc
			keep := func(want func(d scenarioDoc) bool) func(t *testing.T, r response) {
				return func(t *testing.T, r response) {
					d := decode[scenarioDoc](t, r)
					if !want(d) || r.header.Get("ETag") != versionTag(d.Version) {
						t.Errorf("scenario %+v, ETag %s", d, r.header.Get("ETag"))
					}
					version = d.Version
				}
			}
			retrain := func(person int64, level string) func() any {
				return func() any {
					return map[string]any{"kind": "retrain", "reason": "Research competences", "person_ids": []int64{person},
						"competences": []map[string]string{{"framework_key": "ksf", "node_key": "c1", "level_key": level}}, "version": version}
				}
			}
			many := func(ids ...int64) string {
				q := make([]string, len(ids))
				for i, id := range ids {
					q[i] = fmt.Sprintf("scenario=%d", id)
				}
				return fmt.Sprintf("/api/v1/organisations/%d/scenarios/comparison?%s", w.research.ID, strings.Join(q, "&"))
			}
			c1 := func(cov []workforce.CoverageChange) workforce.CoverageChange {
				for _, c := range cov {
					if c.Competence.NodeKey == "c1" {
						return c
					}
				}
				return workforce.CoverageChange{}
			}
			runSteps(t, srv, []step{
				{name: "staff may not change scenarios", request: request{method: "POST", path: href + "/changes", as: w.nurse.ID}, build: retrain(w.nia.ID, "level-2"), status: 403},
				{name: "another trust's planner finds nothing", request: request{method: "POST", path: href + "/changes", as: w.outsider.ID}, build: retrain(w.nia.ID, "level-2"), status: 404},
				{name: "retrain someone of another trust", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: retrain(w.southPerson.ID, "level-2"), status: 422,
					check: wantErrors(map[string]string{"/person_ids": "does not work in the unit"})},
				{name: "at a level off the scale", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: retrain(w.nia.ID, "level-9"), status: 422,
					check: wantErrors(map[string]string{"/competences/0/level_key": "level"})},
				{name: "a change without a reason", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: func() any {
					return map[string]any{"kind": "fte", "reason": " ", "post_ids": []int64{1}, "fte": 0.5, "version": version}
				}, status: 422, check: wantErrors(map[string]string{"/reason": "Say why"})},
				{name: "retrain Nia in c1 at level 2", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: retrain(w.nia.ID, "level-2"), status: 200,
					check: keep(func(d scenarioDoc) bool {
						return len(d.Changes) == 1 && d.Changes[0].Kind == "retrain" && d.Changes[0].PersonIDs[0] == w.nia.ID && d.Changes[0].By == w.planner.ID
					})},
				{name: "the same again is a duplicate", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: retrain(w.nia.ID, "level-2"), status: 422,
					check: wantErrors(map[string]string{"/competences/0/level_key": "already gains"})},
				{name: "a change at a stale version", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: func() any {
					m := retrain(w.nia.ID, "level-3")().(map[string]any)
					m["version"] = version - 1
					return m
				}, status: 409, check: wantErrors(map[string]string{"/version": "not the latest"})},
				{name: "the comparison counts Nia", request: request{path: href + "/comparison", as: w.planner.ID}, status: 200,
					check: func(t *testing.T, r response) {
						got := c1(decode[struct{ Coverage []workforce.CoverageChange }](t, r).Coverage)
						if got.Current != (workforce.Cell{Demand: 1, Held: 0, Shortfall: 1}) || got.Scenario != (workforce.Cell{Demand: 1, Held: 1, Shortfall: 0}) {
							t.Errorf("c1 %+v", got)
						}
					}},
				{name: "compare several: one named", request: request{path: many(sc.ID), as: w.planner.ID}, status: 200,
					check: func(t *testing.T, r response) {
						d := decode[manyDoc](t, r)
						if len(d.ScenarioIDs) != 1 || d.ScenarioIDs[0] != sc.ID || len(d.LeftOut) != 0 {
							t.Fatalf("columns %+v left out %+v", d.ScenarioIDs, d.LeftOut)
						}
						for _, c := range d.Coverage {
							if c.Competence.NodeKey == "c1" && (c.Today.Held != 0 || c.Scenarios[0].Held != 1 || c.ShortfallChange(0) != -1) {
								t.Errorf("c1 %+v", c)
							}
						}
						if d.Total.Today.Posts != 1 || d.Total.Scenarios[0].Posts != 1 {
							t.Errorf("total %+v", d.Total)
						}
					}},
				{name: "compare more than four", request: request{path: many(sc.ID, sc.ID+1, sc.ID+2, sc.ID+3, sc.ID+4), as: w.planner.ID}, status: 422,
					check: wantErrors(map[string]string{"scenario": "at most 4"})},
				{name: "compare one that is not the unit's", request: request{path: many(sc.ID + 100), as: w.planner.ID}, status: 422},
				{name: "compare the same twice", request: request{path: many(sc.ID, sc.ID), as: w.planner.ID}, status: 422},
				{name: "staff may not compare", request: request{path: many(sc.ID), as: w.nurse.ID}, status: 403},
				{name: "another trust's planner may not compare", request: request{path: many(sc.ID), as: w.outsider.ID}, status: 404},
				{name: "rename and annotate", request: request{method: "PUT", path: href + "/notes", as: w.planner.ID}, build: func() any {
					return map[string]any{"name": "Preceptorship 2027", "description": "Agreed with the matron", "version": version}
				}, status: 200, check: keep(func(d scenarioDoc) bool {
					return d.Name == "Preceptorship 2027" && d.Description == "Agreed with the matron" && len(d.Changes) == 1
				})},
				{name: "notes without a name", request: request{method: "PUT", path: href + "/notes", as: w.planner.ID}, build: func() any {
					return map[string]any{"name": " ", "version": version}
				}, status: 422, check: wantErrors(map[string]string{"/name": "name"})},
				{name: "notes at a stale version", request: request{method: "PUT", path: href + "/notes", as: w.planner.ID}, build: func() any {
					return map[string]any{"name": "Old", "version": version - 1}
				}, status: 409},
				{name: "notes without a version", request: request{method: "PUT", path: href + "/notes", as: w.planner.ID, body: map[string]any{"name": "x"}}, status: 428},
				{name: "copy it", request: request{method: "POST", path: href + "/copy", as: w.planner.ID, body: map[string]any{}}, status: 201,
					check: func(t *testing.T, r response) {
						copied = decode[scenarioDoc](t, r)
						if copied.Name != "Copy of Preceptorship 2027" || len(copied.Changes) != 1 || copied.Shared || copied.Version != 1 || r.header.Get("Location") != copied.Href {
							t.Errorf("copy %+v", copied)
						}
					}},
				{name: "a copy with a name too long", request: request{method: "POST", path: href + "/copy", as: w.planner.ID,
					body: map[string]any{"name": strings.Repeat("x", workforce.MaxScenarioName+1)}}, status: 422},
				{name: "a draft cannot be locked", request: request{method: "PUT", as: w.planner.ID}, at: func() string { return copied.Href + "/locked" },
					build: func() any { return map[string]any{"locked": true, "version": copied.Version} }, status: 422,
					check: wantErrors(map[string]string{"/locked": "draft"})},
				{name: "others do not see the draft", request: request{path: href, as: w.admin.ID}, status: 404},
				{name: "share it", request: request{method: "PUT", path: href + "/shared", as: w.planner.ID}, build: func() any {
					return map[string]any{"shared": true, "version": version}
				}, status: 200, check: keep(func(d scenarioDoc) bool { return d.Shared })},
				{name: "a flag that is not a boolean", request: request{method: "PUT", path: href + "/shared", as: w.planner.ID, invalid: true}, build: func() any {
					return map[string]any{"locked": true, "version": version}
				}, status: 422},
				{name: "only the author takes it back", request: request{method: "PUT", path: href + "/shared", as: w.admin.ID}, build: func() any {
					return map[string]any{"shared": false, "version": version}
				}, status: 403},
				{name: "lock it as agreed", request: request{method: "PUT", path: href + "/locked", as: w.admin.ID}, build: func() any {
					return map[string]any{"locked": true, "version": version}
				}, status: 200, check: keep(func(d scenarioDoc) bool { return d.Locked && d.LockedAt != nil })},
				{name: "a locked scenario takes no change", request: request{method: "POST", path: href + "/changes", as: w.planner.ID}, build: retrain(w.nia.ID, "level-3"), status: 409,
					check: func(t *testing.T, r response) {
						if p := decode[problem](t, r); !strings.Contains(p.Detail, "locked as agreed") {
							t.Errorf("problem %+v", p)
						}
					}},
				{name: "nor notes", request: request{method: "PUT", path: href + "/notes", as: w.planner.ID}, build: func() any {
					return map[string]any{"name": "Changed", "version": version}
				}, status: 409},
				{name: "nor undo", request: request{method: "POST", path: href + "/undo", as: w.planner.ID}, build: func() any {
					return map[string]any{"version": version}
				}, status: 409},
				{name: "nor to be taken back as a draft", request: request{method: "PUT", path: href + "/shared", as: w.planner.ID}, build: func() any {
					return map[string]any{"shared": false, "version": version}
				}, status: 409},
				{name: "unlock at a stale version", request: request{method: "PUT", path: href + "/locked", as: w.planner.ID}, build: func() any {
					return map[string]any{"locked": false, "version": version - 1}
				}, status: 409},
				{name: "unlock", request: request{method: "PUT", path: href + "/locked", as: w.planner.ID}, build: func() any {
					return map[string]any{"locked": false, "version": version}
				}, status: 200, check: keep(func(d scenarioDoc) bool { return !d.Locked && d.LockedAt == nil })},
				{name: "undo without a version", request: request{method: "POST", path: href + "/undo", as: w.planner.ID, body: map[string]any{}}, status: 428},
				{name: "undo at a stale version", request: request{method: "POST", path: href + "/undo", as: w.planner.ID}, build: func() any {
					return map[string]any{"version": version - 1}
				}, status: 409},
				{name: "undo the retraining", request: request{method: "POST", path: href + "/undo", as: w.planner.ID},
					build: func() any { return map[string]any{"version": version} }, status: 200,
					check: keep(func(d scenarioDoc) bool { return len(d.Changes) == 0 })},
				{name: "nothing left to undo", request: request{method: "POST", path: href + "/undo", as: w.planner.ID}, build: func() any {
					return map[string]any{"version": version}
				}, status: 409, check: func(t *testing.T, r response) {
					if p := decode[problem](t, r); !strings.Contains(p.Detail, "no changes") {
						t.Errorf("problem %+v", p)
					}
				}},
				{name: "compare today, the scenario and its copy", request: request{as: w.planner.ID}, at: func() string { return many(sc.ID, copied.ID) }, status: 200,
					check: func(t *testing.T, r response) {
						d := decode[manyDoc](t, r)
						if len(d.ScenarioIDs) != 2 || d.ScenarioIDs[1] != copied.ID {
							t.Fatalf("columns %+v", d.ScenarioIDs)
						}
						for _, c := range d.Coverage {
							if c.Competence.NodeKey == "c1" && (c.Scenarios[0].Held != 0 || c.Scenarios[1].Held != 1) {
								t.Errorf("undone in the first, kept in the copy: %+v", c)
							}
						}
					}},
			})
		})
	}
}
