package api

import (
	"fmt"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
)

func TestTrainingNeeds(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			pw := seedPeople(t, srv.db, w)
			path := func(unit int64, rest string) string {
				return fmt.Sprintf("/api/v1/training-needs?unit=%d%s", unit, rest)
			}
			needs := func(want string, people int) func(t *testing.T, r response) {
				return func(t *testing.T, r response) {
					t.Helper()
					d := decode[trainingNeedsDoc](t, r)
					got := ""
					for _, n := range d.Needs {
						got += fmt.Sprintf("%s:%d/%d ", n.NodeKey, n.Missing, n.Closes)
					}
					if got != want || d.People != people || d.AimUsed {
						t.Errorf("needs %q (%d people), want %q (%d)", got, d.People, want, people)
					}
				}
			}
			runSteps(t, srv, []step{
				// Nia, a research nurse with an empty portfolio, misses both essential dimensions.
				{name: "the planner of the service", request: request{path: path(w.research.ID, ""), as: w.planner.ID}, status: 200, check: needs("c1:1/1 hwb5:1/1 ", 1)},
				{name: "the team", request: request{path: path(pw.team.ID, "&essential_only=true&days=30"), as: w.planner.ID}, status: 200, check: needs("c1:1/1 hwb5:1/1 ", 1)},
				{name: "aim asked, too few to count", request: request{path: path(pw.team.ID, "&include_aim=true"), as: w.planner.ID}, status: 200, check: needs("c1:1/1 hwb5:1/1 ", 1)},
				{name: "the whole trust for its site administrator", request: request{path: path(w.north.ID, ""), as: w.admin.ID}, status: 200, check: needs("c1:1/1 hwb5:1/1 ", 1)},
				{name: "another trust's unit", request: request{path: path(w.research.ID, ""), as: w.outsider.ID}, status: 404},
				{name: "a viewer sees no people", request: request{path: path(w.north.ID, ""), as: w.viewer.ID}, status: 403},
				{name: "staff see no people", request: request{path: path(pw.team.ID, ""), as: w.nurse.ID}, status: 403},
				{name: "Southmoor's own, without Northmoor's", request: request{path: path(w.south.ID, ""), as: w.outsider.ID}, status: 200, check: needs("", 1)},
				{name: "no unit", request: request{path: "/api/v1/training-needs", as: w.planner.ID, invalid: true}, status: 400},
				{name: "bad days", request: request{path: path(w.research.ID, "&days=0"), as: w.planner.ID, invalid: true}, status: 400},
				{name: "nobody signed in", request: request{path: path(w.research.ID, ""), invalid: true}, status: 401},
			})
		})
	}
}
