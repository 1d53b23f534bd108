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

// TestPlanWrites: plans, objectives, measures, risks and dependencies written through the
// contract-validating client. North leads; the site administrator edits the plan; South's
// planner (outsider) is a partner and may not; the newcomer belongs to neither.
func TestPlanWrites(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := context.Background()
			p, err := srv.db.CreatePartnershipWith(ctx, store.System, store.Partnership{Name: "Moors", LeadOrganisationID: w.north.ID},
				[]store.NewPartner{{OrganisationID: w.north.ID, Kind: strategy.PartnerProvider}, {OrganisationID: w.south.ID, Kind: strategy.PartnerProvider}})
			if err != nil {
				t.Fatal(err)
			}
			plans := fmt.Sprintf("/api/v1/partnerships/%d/plans", p.ID)
			body := map[string]any{"title": "Moors plan", "framework_key": "london-workforce", "framework_version": "2016",
				"priorities": []string{"finding-1", "finding-2"}}
			if res := srv.call(t, request{method: "POST", path: plans, as: w.outsider.ID, body: body}); res.status != 403 {
				t.Errorf("a partner creates a plan: %d", res.status)
			}
			// Someone who plans nowhere is refused by the route before the partnership is looked at.
			if res := srv.call(t, request{method: "POST", path: plans, as: w.newcomer.ID, body: body}); res.status != 403 {
				t.Errorf("a stranger creates a plan: %d, want 403", res.status)
			}
			bad := map[string]any{"title": "x", "framework_key": "london-workforce", "framework_version": "2016", "priorities": []string{"finding-99"}}
			if res := srv.call(t, request{method: "POST", path: plans, as: w.admin.ID, body: bad}); res.status != 422 {
				t.Errorf("an unknown priority: %d", res.status)
			}
			res := srv.call(t, request{method: "POST", path: plans, as: w.admin.ID, body: body})
			if res.status != 201 || res.header.Get("ETag") != `"1"` || res.header.Get("Location") == "" {
				t.Fatalf("create: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: plans, as: w.admin.ID, body: body}); res.status != 409 {
				t.Errorf("the same title again: %d", res.status)
			}
			plan := decode[struct{ ID int64 }](t, res)
			planPath := fmt.Sprintf("/api/v1/plans/%d", plan.ID)

			// Objectives, measures, risks, dependencies: the plan's editors only.
			if res := srv.call(t, request{method: "POST", path: planPath + "/objectives", as: w.outsider.ID, body: map[string]any{"title": "x"}}); res.status != 403 {
				t.Errorf("a partner adds an objective: %d", res.status)
			}
			res = srv.call(t, request{method: "POST", path: planPath + "/objectives", as: w.admin.ID, body: map[string]any{"title": "Fewer vacancies"}})
			if res.status != 201 {
				t.Fatalf("objective: %d %s", res.status, res.body)
			}
			obj := decode[struct{ ID int64 }](t, res)
			measure := map[string]any{"objective_id": obj.ID, "title": "Vacancy rate", "unit": "%", "baseline": "12", "target": "14", "direction": "decrease"}
			if res := srv.call(t, request{method: "POST", path: planPath + "/measures", as: w.admin.ID, body: measure}); res.status != 422 {
				t.Errorf("a target behind the baseline: %d", res.status)
			}
			measure["target"], measure["baseline"] = "8.5", "twelve"
			if res := srv.call(t, request{method: "POST", path: planPath + "/measures", as: w.admin.ID, body: measure}); res.status != 422 ||
				!strings.Contains(string(res.body), "/baseline") {
				t.Errorf("a baseline that is no number: %d %s", res.status, res.body)
			}
			measure["baseline"] = "12"
			res = srv.call(t, request{method: "POST", path: planPath + "/measures", as: w.admin.ID, body: measure})
			if m := decode[struct{ Target, Status string }](t, res); res.status != 201 || m.Target != "8.5" || m.Status != "no data" {
				t.Errorf("measure: %d %s", res.status, res.body)
			}
			a1 := srv.call(t, request{method: "POST", path: planPath + "/actions", as: w.outsider.ID,
				body: map[string]any{"title": "Bank", "lead_organisation_id": w.south.ID, "priorities": []string{"finding-2"}}})
			a2 := srv.call(t, request{method: "POST", path: planPath + "/actions", as: w.admin.ID,
				body: map[string]any{"title": "Rota", "lead_organisation_id": w.north.ID, "priorities": []string{"finding-1"}}})
			act1, act2 := decode[struct{ ID int64 }](t, a1), decode[struct{ ID int64 }](t, a2)
			risk := map[string]any{"title": "Agency spend", "likelihood": 4, "impact": 4, "action_id": act1.ID}
			if res := srv.call(t, request{method: "POST", path: planPath + "/risks", as: w.outsider.ID, body: risk}); res.status != 403 {
				t.Errorf("a partner adds a risk: %d", res.status)
			}
			res = srv.call(t, request{method: "POST", path: planPath + "/risks", as: w.admin.ID, body: risk})
			if rk := decode[struct {
				Score  int
				Rating string
			}](t, res); res.status != 201 || rk.Score != 16 || rk.Rating != "high" {
				t.Errorf("risk: %d %s", res.status, res.body)
			}
			risk["impact"] = 9
			if res := srv.call(t, request{method: "POST", path: planPath + "/risks", as: w.admin.ID, body: risk}); res.status != 422 {
				t.Errorf("impact 9: %d", res.status)
			}
			dep := map[string]any{"action_id": act2.ID, "depends_on_id": act1.ID}
			if res := srv.call(t, request{method: "POST", path: planPath + "/dependencies", as: w.admin.ID, body: dep}); res.status != 201 {
				t.Errorf("dependency: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: planPath + "/dependencies", as: w.admin.ID,
				body: map[string]any{"action_id": act1.ID, "depends_on_id": act2.ID}}); res.status != 422 {
				t.Errorf("a cycle: %d", res.status)
			}

			// Changing the plan: version required, stale refused, a served priority kept.
			upd := map[string]any{"title": "Moors plan 2026-28", "priorities": []string{"finding-1", "finding-2", "finding-5"}}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.outsider.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 403 {
				t.Errorf("a partner changes the plan: %d", res.status)
			}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: upd}); res.status != 428 {
				t.Errorf("without a version: %d", res.status)
			}
			res = srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}})
			if res.status != 200 || res.header.Get("ETag") != `"2"` {
				t.Fatalf("change: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 409 ||
				!strings.Contains(string(res.body), "version 2") {
				t.Errorf("stale: %d %s", res.status, res.body)
			}
			drop := map[string]any{"title": "Moors plan", "priorities": []string{"finding-1"}, "version": 2}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: drop}); res.status != 422 || !strings.Contains(string(res.body), "finding-2") {
				t.Errorf("dropping a served priority: %d %s", res.status, res.body)
			}
			other := map[string]any{"title": "x", "priorities": []string{"finding-1"}, "framework_version": "2020", "version": 2}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: other}); res.status != 422 {
				t.Errorf("another framework version: %d", res.status)
			}
			if res := srv.call(t, request{method: "POST", path: plans, as: w.admin.ID, body: map[string]any{"title": "Other plan",
				"framework_key": "london-workforce", "framework_version": "2016", "priorities": []string{"finding-1"}}}); res.status != 201 {
				t.Fatalf("a second plan: %d", res.status)
			}
			taken := map[string]any{"title": "Other plan", "priorities": []string{"finding-1", "finding-2"}, "version": 2}
			if res := srv.call(t, request{method: "PUT", path: planPath, as: w.admin.ID, body: taken}); res.status != 409 || !strings.Contains(string(res.body), "/title") {
				t.Errorf("a taken title: %d %s", res.status, res.body)
			}
			// A risk and a dependency taken off again (the read-back below counts what stays).
			extra := srv.call(t, request{method: "POST", path: planPath + "/risks", as: w.admin.ID, body: map[string]any{"title": "Strike", "likelihood": 2, "impact": 5}})
			extraRisk := decode[struct{ ID int64 }](t, extra)
			riskPath := fmt.Sprintf("%s/risks/%d", planPath, extraRisk.ID)
			if res := srv.call(t, request{method: "DELETE", path: riskPath, as: w.outsider.ID}); res.status != 403 {
				t.Errorf("a partner removes a risk: %d", res.status)
			}
			if res := srv.call(t, request{method: "DELETE", path: riskPath, as: w.admin.ID}); res.status != 204 {
				t.Errorf("remove a risk: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "DELETE", path: riskPath, as: w.admin.ID}); res.status != 404 {
				t.Errorf("remove it twice: %d", res.status)
			}
			if res := srv.call(t, request{method: "POST", path: planPath + "/dependencies", as: w.admin.ID,
				body: map[string]any{"action_id": act1.ID, "depends_on_id": act2.ID}}); res.status != 422 {
				t.Errorf("a loop: %d", res.status)
			}
			back := fmt.Sprintf("%s/actions/%d/waits-for/%d", planPath, act1.ID, act2.ID)
			if res := srv.call(t, request{method: "DELETE", path: back, as: w.admin.ID}); res.status != 404 {
				t.Errorf("remove a dependency that is not there: %d", res.status)
			}
			res = srv.call(t, request{path: planPath, as: w.viewer.ID})
			got := decode[struct {
				Title string
				Risks []struct {
					ActionID int64 `json:"action_id"`
				}
				Dependencies []struct {
					DependsOnID int64 `json:"depends_on_id"`
				}
				Measures []struct{ Title string }
			}](t, res)
			if got.Title != "Moors plan 2026-28" || len(got.Risks) != 1 || got.Risks[0].ActionID != act1.ID || len(got.Dependencies) != 1 || len(got.Measures) != 1 {
				t.Errorf("the plan read back: %s", res.body)
			}
			if res := srv.call(t, request{method: "DELETE", path: fmt.Sprintf("%s/actions/%d/waits-for/%d", planPath, act2.ID, act1.ID), as: w.admin.ID}); res.status != 204 {
				t.Errorf("remove the dependency: %d %s", res.status, res.body)
			}
			if deps, _ := srv.db.PlanDependencies(ctx, plan.ID); len(deps) != 0 {
				t.Errorf("%d dependencies after removing the only one", len(deps))
			}
		})
	}
}

// TestSolutionWrites: a solution read with its comments and adoptions, changed and deleted by
// the partner that recorded it or the lead, and commented on in a partner's name.
func TestSolutionWrites(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := context.Background()
			db := srv.db
			p, err := db.CreatePartnershipWith(ctx, store.System, store.Partnership{Name: "Moors", LeadOrganisationID: w.north.ID},
				[]store.NewPartner{{OrganisationID: w.north.ID, Kind: strategy.PartnerProvider}, {OrganisationID: w.south.ID, Kind: strategy.PartnerProvider}})
			if err != nil {
				t.Fatal(err)
			}
			other, err := db.CreatePartnershipWith(ctx, store.System, store.Partnership{Name: "South alone", LeadOrganisationID: w.south.ID},
				[]store.NewPartner{{OrganisationID: w.south.ID, Kind: strategy.PartnerProvider}})
			if err != nil {
				t.Fatal(err)
			}
			sol, err := db.CreateSolution(ctx, store.System, store.Solution{PartnershipID: p.ID, OrganisationID: w.south.ID, Title: "Rotations", WhatWeDid: "Rotated"})
			if err != nil {
				t.Fatal(err)
			}
			path := fmt.Sprintf("/api/v1/partnerships/%d/register/%d", p.ID, sol.ID)
			if res := srv.call(t, request{path: fmt.Sprintf("/api/v1/partnerships/%d/register/%d", other.ID, sol.ID), as: w.outsider.ID}); res.status != 404 {
				t.Errorf("the solution under another partnership: %d", res.status)
			}
			if res := srv.call(t, request{path: path, as: w.newcomer.ID}); res.status != 404 {
				t.Errorf("a stranger reads it: %d", res.status)
			}

			// Comments in a partner's name.
			if res := srv.call(t, request{method: "POST", path: path + "/comments", as: w.viewer.ID,
				body: map[string]any{"organisation_id": w.north.ID, "rating": 4, "body": "x"}}); res.status != 403 {
				t.Errorf("a viewer comments: %d", res.status)
			}
			if res := srv.call(t, request{method: "POST", path: path + "/comments", as: w.admin.ID,
				body: map[string]any{"organisation_id": w.north.ID, "rating": 7, "body": "x"}}); res.status != 422 {
				t.Errorf("rating 7: %d", res.status)
			}
			res := srv.call(t, request{method: "POST", path: path + "/comments", as: w.admin.ID,
				body: map[string]any{"organisation_id": w.north.ID, "rating": 4, "body": "Worked for us"}})
			if c := decode[struct{ Organisation string }](t, res); res.status != 201 || c.Organisation != w.north.Name {
				t.Errorf("comment: %d %s", res.status, res.body)
			}

			// Adopted, it shows the link back and cannot be deleted.
			plan, err := db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Plan", FrameworkKey: "london-workforce",
				FrameworkVersion: "2016", Priorities: []string{"finding-1"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.CreateAction(ctx, store.System, store.PlanAction{PlanID: plan.ID, SolutionID: sol.ID,
				Action: strategy.Action{Title: "Adopt rotations", LeadOrgID: w.north.ID, Priorities: []string{"finding-1"}}}); err != nil {
				t.Fatal(err)
			}
			res = srv.call(t, request{path: path, as: w.viewer.ID})
			detail := decode[struct {
				Version   int
				Rating    string
				Comments  []struct{ Body string }
				AdoptedBy []struct {
					ActionTitle string `json:"action_title"`
				} `json:"adopted_by"`
			}](t, res)
			if res.status != 200 || res.header.Get("ETag") != `"1"` || detail.Rating != "4.0" || len(detail.Comments) != 1 ||
				len(detail.AdoptedBy) != 1 || detail.AdoptedBy[0].ActionTitle != "Adopt rotations" {
				t.Errorf("detail: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "DELETE", path: path, as: w.outsider.ID, header: http.Header{"If-Match": {`"1"`}}}); res.status != 422 {
				t.Errorf("delete an adopted solution: %d %s", res.status, res.body)
			}

			// Changes: the recorder and the lead; not a viewer; it stays in the recorder's name.
			upd := map[string]any{"title": "Nurse rotations", "what_we_did": "Rotated new nurses", "framework_key": "london-workforce",
				"framework_version": "2016", "priorities": []string{"finding-2"}}
			if res := srv.call(t, request{method: "PUT", path: path, as: w.viewer.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 403 {
				t.Errorf("a viewer changes it: %d", res.status)
			}
			if res := srv.call(t, request{method: "PUT", path: path, as: w.outsider.ID, body: upd}); res.status != 428 {
				t.Errorf("without a version: %d", res.status)
			}
			moved := map[string]any{"title": "x", "what_we_did": "y", "organisation_id": w.north.ID, "version": 1}
			if res := srv.call(t, request{method: "PUT", path: path, as: w.outsider.ID, body: moved}); res.status != 422 {
				t.Errorf("moved to another partner: %d", res.status)
			}
			res = srv.call(t, request{method: "PUT", path: path, as: w.outsider.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}})
			if s := decode[struct{ Title string }](t, res); res.status != 200 || s.Title != "Nurse rotations" || res.header.Get("ETag") != `"2"` {
				t.Errorf("the recorder changes it: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "PUT", path: path, as: w.admin.ID, body: upd, header: http.Header{"If-Match": {`"1"`}}}); res.status != 409 {
				t.Errorf("stale: %d", res.status)
			}

			// A solution nobody adopted is deleted, with If-Match.
			lone, err := db.CreateSolution(ctx, store.System, store.Solution{PartnershipID: p.ID, OrganisationID: w.south.ID, Title: "Exit interviews", WhatWeDid: "Asked"})
			if err != nil {
				t.Fatal(err)
			}
			lonePath := fmt.Sprintf("/api/v1/partnerships/%d/register/%d", p.ID, lone.ID)
			if res := srv.call(t, request{method: "DELETE", path: lonePath, as: w.outsider.ID}); res.status != 428 {
				t.Errorf("delete without If-Match: %d", res.status)
			}
			if res := srv.call(t, request{method: "DELETE", path: lonePath, as: w.outsider.ID, header: http.Header{"If-Match": {`"2"`}}}); res.status != 409 {
				t.Errorf("delete a version that never was: %d", res.status)
			}
			if res := srv.call(t, request{method: "DELETE", path: lonePath, as: w.outsider.ID, header: http.Header{"If-Match": {`"1"`}}}); res.status != 204 {
				t.Errorf("delete: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{path: lonePath, as: w.outsider.ID}); res.status != 404 {
				t.Errorf("after delete: %d", res.status)
			}
		})
	}
}

// TestPartnershipCreateAPI: an organisation's administrator creates a partnership of their own
// organisation; bringing in another organisation is 403; a site administrator may.
func TestPartnershipCreateAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := context.Background()
			northAdmin, err := srv.db.CreateUser(ctx, store.System, store.User{Email: "nan@northmoor.example", Name: "Nan Admin"})
			if err != nil {
				t.Fatal(err)
			}
			if err := srv.db.SetMembership(ctx, store.System, northAdmin.ID, w.north.ID, store.AccessAdministrator); err != nil {
				t.Fatal(err)
			}
			both := map[string]any{"name": "Moors", "lead_organisation_id": w.north.ID, "partners": []map[string]any{
				{"organisation_id": w.north.ID, "kind": "provider"}, {"organisation_id": w.south.ID, "kind": "commissioner"}}}
			if res := srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: northAdmin.ID, body: both}); res.status != 403 {
				t.Errorf("bringing in another organisation: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: w.planner.ID, body: map[string]any{"name": "x",
				"lead_organisation_id": w.north.ID, "partners": []map[string]any{{"organisation_id": w.north.ID, "kind": "provider"}}}}); res.status != 403 {
				t.Errorf("a planner creates one: %d", res.status)
			}
			own := map[string]any{"name": "North alone", "lead_organisation_id": w.north.ID, "partners": []map[string]any{
				{"organisation_id": w.north.ID, "kind": "provider"}}}
			res := srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: northAdmin.ID, body: own})
			if doc := decode[struct {
				MayEditPlans bool `json:"may_edit_plans"`
			}](t, res); res.status != 201 || !doc.MayEditPlans {
				t.Errorf("own partnership: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: northAdmin.ID, body: own}); res.status != 409 {
				t.Errorf("the same name: %d", res.status)
			}
			res = srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: w.admin.ID, body: both})
			if doc := decode[struct{ Partners []struct{ Kind string } }](t, res); res.status != 201 || len(doc.Partners) != 2 {
				t.Errorf("the site administrator: %d %s", res.status, res.body)
			}
			research := map[string]any{"name": "R", "lead_organisation_id": w.research.ID, "partners": []map[string]any{
				{"organisation_id": w.research.ID, "kind": "provider"}}}
			if res := srv.call(t, request{method: "POST", path: "/api/v1/partnerships", as: w.admin.ID, body: research}); res.status != 422 {
				t.Errorf("a service as a partner: %d", res.status)
			}
		})
	}
}

// TestResourceAPI: case studies and resources, read by any partner, kept by the lead's planners.
func TestResourceAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			p, err := srv.db.CreatePartnershipWith(context.Background(), store.System, store.Partnership{Name: "Moors", LeadOrganisationID: w.north.ID},
				[]store.NewPartner{{OrganisationID: w.north.ID, Kind: strategy.PartnerProvider}, {OrganisationID: w.south.ID, Kind: strategy.PartnerProvider}})
			if err != nil {
				t.Fatal(err)
			}
			list := fmt.Sprintf("/api/v1/partnerships/%d/resources", p.ID)
			cs := map[string]any{"framework_key": "london-workforce", "priority_key": "finding-1", "kind": "case-study", "title": "Retention at Northmoor",
				"url": "https://example.org/retention"}
			if res := srv.call(t, request{method: "POST", path: list, as: w.outsider.ID, body: cs}); res.status != 403 {
				t.Errorf("a partner adds one: %d", res.status)
			}
			res := srv.call(t, request{method: "POST", path: list, as: w.admin.ID, body: cs})
			if res.status != 201 {
				t.Fatalf("add: %d %s", res.status, res.body)
			}
			created := decode[struct{ ID int64 }](t, res)
			one := fmt.Sprintf("%s/%d", list, created.ID)
			cs["url"] = "javascript:alert(1)"
			if res := srv.call(t, request{method: "PUT", path: one, as: w.admin.ID, body: cs}); res.status != 422 {
				t.Errorf("a script link: %d", res.status)
			}
			cs["url"], cs["kind"] = "https://example.org/r", "resource"
			if res := srv.call(t, request{method: "PUT", path: one, as: w.admin.ID, body: cs}); res.status != 200 || !strings.Contains(string(res.body), `"kind":"resource"`) {
				t.Errorf("change: %d %s", res.status, res.body)
			}
			res = srv.call(t, request{path: list, as: w.outsider.ID})
			if got := decode[struct{ Resources []struct{ Title string } }](t, res); res.status != 200 || len(got.Resources) != 1 {
				t.Errorf("list: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{path: list, as: w.newcomer.ID}); res.status != 404 {
				t.Errorf("a stranger lists them: %d", res.status)
			}
			if res := srv.call(t, request{method: "DELETE", path: one, as: w.outsider.ID}); res.status != 403 {
				t.Errorf("a partner deletes: %d", res.status)
			}
			if res := srv.call(t, request{method: "DELETE", path: one, as: w.admin.ID}); res.status != 204 {
				t.Errorf("delete: %d %s", res.status, res.body)
			}
			if res := srv.call(t, request{method: "DELETE", path: one, as: w.admin.ID}); res.status != 404 {
				t.Errorf("delete twice: %d", res.status)
			}
		})
	}
}
