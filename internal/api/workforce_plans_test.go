package api

import (
	"fmt"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
)

func TestWorkforcePlansAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			plans := fmt.Sprintf("/api/v1/organisations/%d/workforce-plans", w.research.ID)
			var plan wplanDoc
			step3 := func() string { return plan.Href + "/steps/define-required-workforce" }
			runSteps(t, srv, []step{
				{name: "staff may not plan", request: request{path: plans, as: w.nurse.ID}, status: 403},
				{name: "another trust finds nothing", request: request{path: plans, as: w.outsider.ID}, status: 404},
				{name: "a plan needs a title", request: request{method: "POST", path: plans, as: w.planner.ID, body: map[string]any{"title": ""}}, status: 422},
				{name: "start a plan", request: request{method: "POST", path: plans, as: w.planner.ID, body: map[string]any{"title": "Research 2027"}}, status: 201,
					check: func(t *testing.T, r response) {
						plan = decode[wplanDoc](t, r)
						if len(plan.Steps) != 6 || plan.Steps[0].Title != "Define the plan" || plan.Steps[2].Status != "not-started" || plan.Method.Key != "six-steps" {
							t.Errorf("plan %+v", plan)
						}
					}},
				{name: "a step without a version", request: request{method: "PUT", as: w.planner.ID, body: map[string]any{"status": "done"}}, at: step3, status: 428},
				{name: "a bad due date", request: request{method: "PUT", as: w.planner.ID, body: map[string]any{"status": "done", "version": 0,
					"actions": []map[string]any{{"title": "Recruit", "owner": "Lead", "due": "2027-02-30", "done": false}}}}, at: step3, status: 422},
				{name: "save step 3", request: request{method: "PUT", as: w.planner.ID, body: map[string]any{"status": "in-progress", "notes": "Two more", "version": 0,
					"actions": []map[string]any{{"title": "Recruit", "owner": "Lead", "due": "2027-03-31", "done": false}}}}, at: step3, status: 200,
					check: func(t *testing.T, r response) {
						if d := decode[wplanStepDoc](t, r); d.Version != 1 || d.Notes != "Two more" || len(d.Actions) != 1 || r.header.Get("ETag") != `"1"` {
							t.Errorf("step %+v", d)
						}
					}},
				{name: "a stale step", request: request{method: "PUT", as: w.planner.ID, body: map[string]any{"status": "done", "version": 0}}, at: step3, status: 409},
				{name: "an unknown step", request: request{method: "PUT", as: w.planner.ID, body: map[string]any{"status": "done", "version": 0}}, at: func() string { return plan.Href + "/steps/seven" }, status: 404},
				{name: "the plan shows it", request: request{as: w.planner.ID}, at: func() string { return plan.Href }, status: 200,
					check: func(t *testing.T, r response) {
						if d := decode[wplanDoc](t, r); d.Steps[2].Status != "in-progress" || d.Steps[2].Actions[0].Due != "2027-03-31" || d.Version != 2 {
							t.Errorf("plan %+v", d)
						}
					}},
				{name: "another trust cannot read it", request: request{as: w.outsider.ID}, at: func() string { return plan.Href }, status: 404},
				{name: "the unit's plans", request: request{path: plans, as: w.planner.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if l := decode[wplanListDoc](t, r); len(l.WorkforcePlans) != 1 || l.WorkforcePlans[0].Title != "Research 2027" {
							t.Errorf("list %+v", l)
						}
					}},
			})
		})
	}
}
