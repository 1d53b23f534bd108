package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/strategy"
)

// TestPartnershipPlans: the partnership routes through the contract-validating client. North
// leads a partnership with South; the viewer of North sees it, South's planner (outsider) acts
// for South, the site administrator edits the plan, the newcomer sees nothing.
func TestPartnershipPlans(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := context.Background()
			db := srv.db
			p, err := db.CreatePartnership(ctx, store.System, store.Partnership{Name: "Moors Partnership"}, []int64{w.north.ID, w.south.ID})
			if err != nil {
				t.Fatal(err)
			}
			if p, err = db.SetPartnershipLead(ctx, store.System, p.ID, p.Version, w.north.ID); err != nil {
				t.Fatal(err)
			}
			alone, err := db.CreatePartnership(ctx, store.System, store.Partnership{Name: "South alone"}, []int64{w.south.ID})
			if err != nil {
				t.Fatal(err)
			}
			plan, err := db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Moors plan", FrameworkKey: "london-workforce",
				FrameworkVersion: "2016", Priorities: []string{"finding-1", "finding-2"}})
			if err != nil {
				t.Fatal(err)
			}
			obj, _ := db.AddObjective(ctx, store.System, store.Objective{PlanID: plan.ID, Title: "Fewer vacancies"})
			m, err := db.AddMeasure(ctx, store.System, plan.ID, strategy.Measure{ObjectiveID: obj.ID, Title: "Vacancy rate", Unit: "%",
				Baseline: 1200, Target: 800, Direction: strategy.Decrease})
			if err != nil {
				t.Fatal(err)
			}
			pp := fmt.Sprintf("/api/v1/partnerships/%d", p.ID)
			planPath := fmt.Sprintf("/api/v1/plans/%d", plan.ID)

			if got := decode[struct{ Partnerships []struct{ ID int64 } }](t, srv.call(t, request{path: "/api/v1/partnerships", as: w.newcomer.ID})); len(got.Partnerships) != 0 {
				t.Errorf("the newcomer sees %v", got)
			}
			if got := decode[struct{ Partnerships []struct{ ID int64 } }](t, srv.call(t, request{path: "/api/v1/partnerships", as: w.outsider.ID})); len(got.Partnerships) != 2 {
				t.Errorf("the outsider sees %v", got)
			}
			res := srv.call(t, request{path: pp, as: w.viewer.ID})
			doc := decode[struct {
				Partners     []struct{ Name string }
				MayEditPlans bool  `json:"may_edit_plans"`
				MayActFor    []int `json:"may_act_for"`
			}](t, res)
			if res.status != 200 || len(doc.Partners) != 2 || doc.MayEditPlans || len(doc.MayActFor) != 0 {
				t.Errorf("viewer: %d %+v", res.status, doc)
			}
			if res := srv.call(t, request{path: fmt.Sprintf("/api/v1/partnerships/%d", alone.ID), as: w.viewer.ID}); res.status != 404 {
				t.Errorf("another partnership: %d", res.status)
			}
			if res := srv.call(t, request{path: planPath, as: w.newcomer.ID}); res.status != 404 {
				t.Errorf("the newcomer reads the plan: %d", res.status)
			}

			// Actions: the outsider leads for South, not for North.
			act := map[string]any{"title": "Shared bank", "lead_organisation_id": w.south.ID, "priorities": []string{"finding-1"}, "due": "2020-01-31", "status": "in-progress"}
			res = srv.call(t, request{method: "POST", path: planPath + "/actions", as: w.outsider.ID, body: act})
			if res.status != http.StatusCreated || res.header.Get("ETag") != `"1"` {
				t.Fatalf("create action: %d %s", res.status, res.body)
			}
			created := decode[struct {
				ID      int64
				Overdue bool
			}](t, res)
			if !created.Overdue {
				t.Error("an open action past its due date is not overdue")
			}
			north := map[string]any{"title": "x", "lead_organisation_id": w.north.ID, "priorities": []string{"finding-1"}}
			if res := srv.call(t, request{method: "POST", path: planPath + "/actions", as: w.outsider.ID, body: north}); res.status != 403 {
				t.Errorf("outsider leads for North: %d", res.status)
			}
			bad := map[string]any{"title": "x", "lead_organisation_id": w.south.ID, "priorities": []string{"finding-9"}, "due": "31/01/2027"}
			if res := srv.call(t, request{method: "POST", path: planPath + "/actions", as: w.outsider.ID, body: bad}); res.status != 422 {
				t.Errorf("bad action: %d", res.status)
			}
			actPath := fmt.Sprintf("%s/actions/%d", planPath, created.ID)
			upd := map[string]any{"title": "Shared bank", "lead_organisation_id": w.south.ID, "priorities": []string{"finding-1"}, "status": "done"}
			if res := srv.call(t, request{method: "PUT", path: actPath, as: w.outsider.ID, body: upd}); res.status != 428 {
				t.Errorf("change without a version: %d", res.status)
			}
			if res := srv.call(t, request{method: "PUT", path: actPath, as: w.outsider.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 200 {
				t.Errorf("change: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "PUT", path: actPath, as: w.outsider.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 409 {
				t.Errorf("stale change: %d", res.status)
			}

			// Measures: the plan's editors only.
			vals := fmt.Sprintf("%s/measures/%d/values", planPath, m.ID)
			if res := srv.call(t, request{method: "POST", path: vals, as: w.outsider.ID, body: map[string]any{"on": "2026-03-31", "value": "10"}}); res.status != 403 {
				t.Errorf("a partner records a value: %d", res.status)
			}
			if res := srv.call(t, request{method: "POST", path: vals, as: w.admin.ID, body: map[string]any{"on": "2026-03-31", "value": "10"}}); res.status != 201 {
				t.Errorf("record a value: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: vals, as: w.admin.ID, body: map[string]any{"on": "2026-03-31", "value": "ten"}}); res.status != 422 {
				t.Errorf("a value that is no number: %d", res.status)
			}
			res = srv.call(t, request{path: planPath, as: w.viewer.ID})
			pd := decode[struct {
				Actions  []struct{ Status string }
				Measures []struct {
					Status  string
					Percent int
				}
				Progress struct{ Total, Done, Percent int }
			}](t, res)
			if len(pd.Actions) != 1 || pd.Progress.Percent != 100 || len(pd.Measures) != 1 || pd.Measures[0].Status != "improving" || pd.Measures[0].Percent != 50 {
				t.Errorf("plan: %s", res.body)
			}

			// The register.
			reg := pp + "/register"
			sol := map[string]any{"organisation_id": w.south.ID, "title": "Rotations", "what_we_did": "Rotated new nurses",
				"framework_key": "london-workforce", "framework_version": "2016", "priorities": []string{"finding-2"}}
			if res := srv.call(t, request{method: "POST", path: reg, as: w.outsider.ID, body: sol}); res.status != 201 {
				t.Errorf("record a solution: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: reg, as: w.viewer.ID, body: sol}); res.status != 403 {
				t.Errorf("a viewer records a solution: %d", res.status)
			}
			res = srv.call(t, request{path: reg + "?q=rotated&priority=finding-2", as: w.viewer.ID})
			if res.status != 200 || !strings.Contains(string(res.body), "Rotations") {
				t.Errorf("search: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{path: reg + "?q=apprentice", as: w.viewer.ID}); strings.Contains(string(res.body), "Rotations") {
				t.Error("search found what it should not")
			}
		})
	}
}
