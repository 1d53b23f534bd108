package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// A draft scenario is not found by another planner; a locked one refuses PUT and DELETE with a
// 409 that says it is locked and what to do.
func TestScenarioDraftAndLockedAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := context.Background()
			author := store.Actor{UserID: w.planner.ID}
			sc, err := srv.db.CreateScenario(ctx, author, w.research.ID, "Draft", "")
			if err != nil {
				t.Fatal(err)
			}
			href := scenarioHref(sc.ID)
			var shared, locked store.Scenario
			locked409 := func(t *testing.T, r response) {
				p := decode[problem](t, r)
				if p.Status != 409 || !strings.Contains(p.Detail, "locked as agreed") || !strings.Contains(p.Detail, "copy it") {
					t.Errorf("problem %+v", p)
				}
			}
			runSteps(t, srv, []step{
				{name: "another planner does not find a draft", request: request{path: href, as: w.admin.ID}, status: 404},
				{name: "nor lists it", request: request{path: fmt.Sprintf("/api/v1/organisations/%d/scenarios", w.research.ID), as: w.admin.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if l := decode[scenarioListDoc](t, r); len(l.Scenarios) != 0 {
							t.Errorf("listed %+v", l)
						}
						if shared, err = srv.db.ShareScenario(ctx, author, sc.ID, sc.Version, true); err != nil {
							t.Fatal(err)
						}
					}},
				{name: "a shared one is seen", request: request{path: href, as: w.admin.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if d := decode[scenarioDoc](t, r); !d.Shared || d.Locked || d.LockedAt != nil {
							t.Errorf("shared %+v", d)
						}
						if locked, err = srv.db.LockScenario(ctx, store.Actor{UserID: w.admin.ID}, sc.ID, shared.Version, true); err != nil {
							t.Fatal(err)
						}
					}},
				{name: "a locked one says so", request: request{path: href, as: w.planner.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if d := decode[scenarioDoc](t, r); !d.Locked || d.LockedAt == nil {
							t.Errorf("locked %+v", d)
						}
					}},
				{name: "and refuses changes", request: request{method: "PUT", path: href, as: w.planner.ID, header: http.Header{"If-Match": {`"3"`}},
					body: map[string]any{"name": "Renamed", "changes": []any{}}}, status: 409, check: locked409},
				{name: "and deletion", request: request{method: "DELETE", path: href, as: w.planner.ID, header: http.Header{"If-Match": {`"3"`}}}, status: 409, check: locked409},
			})
			if locked.Version != 3 {
				t.Errorf("locked at version %d", locked.Version)
			}
		})
	}
}
