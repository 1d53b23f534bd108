package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// matrixPlan is a plan of a partnership of Trust B alone (led by it), with an objective, an
// action and a measure, for the permission matrix: Trust A's personas may not see it.
func (fx *fixture) matrixPlan() store.Plan {
	fx.t.Helper()
	ctx := fx.t.Context()
	ps, err := fx.db.Partnerships(ctx)
	if err != nil {
		fx.t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == "Matrix partnership" {
			plans, err := fx.db.PartnershipPlans(ctx, p.ID)
			if err != nil || len(plans) == 0 {
				fx.t.Fatalf("matrix plan: %v", err)
			}
			return plans[0]
		}
	}
	p := need(fx.db.CreatePartnership(ctx, store.System, store.Partnership{Name: "Matrix partnership"}, []int64{fx.orgB.ID}))
	p = need(fx.db.SetPartnershipLead(ctx, store.System, p.ID, p.Version, fx.orgB.ID))
	plan := need(fx.db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Matrix plan",
		FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
	obj := need(fx.db.AddObjective(ctx, store.System, store.Objective{PlanID: plan.ID, Title: "Objective"}))
	for _, title := range []string{"Action", "Second action"} {
		need(fx.db.CreateAction(ctx, store.System, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: title,
			LeadOrgID: fx.orgB.ID, Priorities: []string{"finding-1"}}}))
	}
	fx.matrixRiskAndDependency(plan)
	need(fx.db.AddMeasure(ctx, store.System, plan.ID, strategy.Measure{ObjectiveID: obj.ID, Title: "Vacancy rate",
		Baseline: 1000, Target: 800, Direction: strategy.Decrease}))
	need(fx.db.CreateSolution(ctx, store.System, store.Solution{PartnershipID: p.ID, OrganisationID: fx.orgB.ID,
		Title: "Solution", WhatWeDid: "Something"}))
	fx.matrixResources(plan)
	return plan
}

// matrixRiskAndDependency returns the matrix plan's risks and dependencies, first adding a risk
// and the first action's dependency on the second if they are not there: the matrix's DELETE
// routes remove them when a persona may.
func (fx *fixture) matrixRiskAndDependency(plan store.Plan) ([]strategy.Risk, []strategy.Dependency) {
	ctx := fx.t.Context()
	if len(need(fx.db.PlanRisks(ctx, plan.ID))) == 0 {
		need(fx.db.AddRisk(ctx, store.System, plan.ID, strategy.Risk{Title: "Risk", Likelihood: 2, Impact: 2}))
	}
	if len(need(fx.db.PlanDependencies(ctx, plan.ID))) == 0 {
		acts := need(fx.db.PlanActions(ctx, plan.ID)) // "Action", then "Second action"
		if err := fx.db.AddDependency(ctx, store.System, plan.ID, strategy.Dependency{Action: acts[0].ID, DependsOn: acts[1].ID}); err != nil {
			panic(err)
		}
	}
	return need(fx.db.PlanRisks(ctx, plan.ID)), need(fx.db.PlanDependencies(ctx, plan.ID))
}

// matrixResources returns the matrix partnership's case studies, adding one if none is left.
func (fx *fixture) matrixResources(plan store.Plan) []store.Resource {
	ctx := fx.t.Context()
	if len(need(fx.db.PartnershipResources(ctx, plan.PartnershipID))) == 0 {
		need(fx.db.AddResource(ctx, store.System, store.Resource{PartnershipID: plan.PartnershipID, FrameworkKey: "london-workforce",
			PriorityKey: "finding-1", Kind: "case-study", Title: "Case study"}))
	}
	return need(fx.db.PartnershipResources(ctx, plan.PartnershipID))
}

// need returns v, or panics (failing the test) on an error from setting up a fixture.
func need[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// planWorld is a partnership led by Trust A with Trust B as a partner.
func (fx *fixture) planWorld() store.Partnership {
	ctx := fx.t.Context()
	p := need(fx.db.CreatePartnership(ctx, store.System, store.Partnership{Name: "North London Partners"}, []int64{fx.orgA.ID, fx.orgB.ID}))
	return need(fx.db.SetPartnershipLead(ctx, store.System, p.ID, p.Version, fx.orgA.ID))
}

func TestPlanPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		p := fx.planWorld()
		lead, partner, staff := fx.signedIn("orgAdmin"), fx.signedIn("adminB"), fx.signedIn("staff")
		base := "/partnerships/" + itoa(p.ID)

		// Everyone of a partner sees the partnership; the lead's administrator may create plans.
		for _, c := range []*client{lead, partner, staff} {
			if res := c.get("/partnerships"); !strings.Contains(res.body, "North London Partners") {
				t.Errorf("partnership list: %d", res.StatusCode)
			}
		}
		res := lead.get(base)
		if res.StatusCode != 200 || !strings.Contains(res.body, "Create a plan") || !strings.Contains(res.body, "Trust B") {
			t.Fatalf("partnership page for the lead: %d", res.StatusCode)
		}
		if res := partner.get(base); strings.Contains(res.body, "Create a plan") {
			t.Error("a partner that does not lead is offered to create a plan")
		}
		if res := partner.get(base + "/plans/new"); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner's plan form: %d", res.StatusCode)
		}

		// Bad input: every problem listed, the values kept.
		res = lead.post(base+"/plans", url.Values{"title": {""}, "description": {"Kept words"}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 2 || !strings.Contains(res.body, "Kept words") {
			t.Errorf("empty plan: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = lead.post(base+"/plans", url.Values{"title": {"Plan 2026"},
			"priority": {"london-workforce|2016|finding-1", "london-workforce|2016|finding-2"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create plan: %d %v", res.StatusCode, errorSummary(t, res))
		}
		planURL := res.Header.Get("Location")
		res = lead.get(planURL)
		if !strings.Contains(res.body, "Retaining and recruiting the best staff") || strings.Contains(res.body, "Supporting workforce agility") {
			t.Errorf("plan page priorities")
		}
		if res := lead.post(base+"/plans", url.Values{"title": {"Plan 2026"}, "priority": {"london-workforce|2016|finding-1"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("same title: %d", res.StatusCode)
		}

		// A partner's administrator adds an action it leads; staff may not; nor for another partner.
		action := url.Values{"action-title": {"Shared bank of nurses"}, "action-lead": {itoa(fx.orgB.ID)},
			"action-priority": {"finding-1"}, "action-due": {"2020-01-31"}, "action-status": {"in-progress"}}
		if res := staff.post(planURL+"/actions", action); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff adds an action: %d", res.StatusCode)
		}
		other := url.Values{"action-title": {"x"}, "action-lead": {itoa(fx.orgA.ID)}, "action-priority": {"finding-1"}}
		if res := partner.post(planURL+"/actions", other); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a partner adds an action for the lead: %d", res.StatusCode)
		}
		bad := url.Values{"action-title": {"Kept title"}, "action-lead": {itoa(fx.orgB.ID)}, "action-due": {"31/01/2027"}}
		res = partner.post(planURL+"/actions", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 2 || !strings.Contains(res.body, `value="Kept title"`) {
			t.Errorf("bad action: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := partner.post(planURL+"/actions", action); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("partner adds action: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = partner.get(planURL)
		if !strings.Contains(res.body, "Shared bank of nurses") || !strings.Contains(res.body, "Overdue") {
			t.Errorf("action on the plan page")
		}
		// The partner may not change the plan itself.
		if res := partner.post(planURL+"/objectives", url.Values{"objective-title": {"x"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("partner adds an objective: %d", res.StatusCode)
		}

		// The lead adds an objective and a measure with values: a chart with its table.
		if res := lead.post(planURL+"/objectives", url.Values{"objective-title": {"Fill vacancies"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("objective: %d", res.StatusCode)
		}
		plans := need(fx.db.PartnershipPlans(t.Context(), p.ID))
		objs := need(fx.db.PlanObjectives(t.Context(), plans[0].ID))
		res = lead.post(planURL+"/measures", url.Values{"measure-title": {"Vacancy rate"}, "measure-objective": {itoa(objs[0].ID)},
			"measure-unit": {"%"}, "measure-baseline": {"12"}, "measure-target": {"14"}, "measure-direction": {"decrease"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "target must be below the baseline") {
			t.Errorf("target behind baseline: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = lead.post(planURL+"/measures", url.Values{"measure-title": {"Vacancy rate"}, "measure-objective": {itoa(objs[0].ID)},
			"measure-unit": {"%"}, "measure-baseline": {"12"}, "measure-target": {"8"}, "measure-direction": {"decrease"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("measure: %d %v", res.StatusCode, errorSummary(t, res))
		}
		ms := need(fx.db.PlanMeasures(t.Context(), plans[0].ID))
		for _, v := range [][2]string{{"11", "2026-01-31"}, {"10", "2026-02-28"}} {
			f := "value-" + itoa(ms[0].ID)
			if res := lead.post(planURL+"/measures/"+itoa(ms[0].ID)+"/values", url.Values{f: {v[0]}, f + "-on": {v[1]}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("value: %d %v", res.StatusCode, errorSummary(t, res))
			}
		}
		doc := lead.get(planURL).doc(t)
		if doc.Find("svg.wf-trend[role=img] title").Length() != 1 || doc.Find("svg.wf-trend polyline").Length() != 1 {
			t.Error("no accessible trend chart")
		}
		if !strings.Contains(doc.Find("#measure-"+itoa(ms[0].ID)+" table").Text(), "28 February 2026") {
			t.Error("no table of values beside the chart")
		}

		// Editing: a stale version is a conflict, with what was typed kept.
		acts := need(fx.db.PlanActions(t.Context(), plans[0].ID))
		edit := planURL + "/actions/" + itoa(acts[0].ID)
		form := url.Values{"action-title": {"Shared bank, renamed"}, "action-lead": {itoa(fx.orgB.ID)}, "action-priority": {"finding-1"},
			"action-status": {"done"}, "version": {"1"}}
		if res := lead.post(edit, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lead edits: %d %v", res.StatusCode, errorSummary(t, res))
		}
		form.Set("action-title", "My stale title")
		res = partner.post(edit, form)
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "My stale title") {
			t.Errorf("stale edit: %d", res.StatusCode)
		}
		if res := staff.get(edit + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff opens the action: %d", res.StatusCode)
		}
		if res := partner.post(edit+"/notes", url.Values{"note-on": {"2026-03-01"}, "note-body": {"Rota agreed"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("note: %d %v", res.StatusCode, errorSummary(t, res))
		}

		// Dashboard: progress by priority, heat map in words, measure against target.
		res = staff.get(planURL + "/dashboard")
		d := res.doc(t)
		if !strings.Contains(d.Find("#by-priority + p").Text(), "1 of 1 actions done (100%)") {
			t.Errorf("overall: %q", d.Find("#by-priority + p").Text())
		}
		heat := d.Find(".wf-heatmap tbody").Text()
		if !strings.Contains(heat, "all done") || !strings.Contains(heat, "none") {
			t.Errorf("heat map: %q", heat)
		}
		if !strings.Contains(res.body, "improving") || !strings.Contains(res.body, "50%") {
			t.Error("measure against target")
		}
		if res := staff.get(planURL + "/report"); res.StatusCode != 200 || !strings.Contains(res.body, "Rota agreed") {
			t.Errorf("report: %d", res.StatusCode)
		}
		res = staff.get(planURL + "/export")
		if res.StatusCode != 200 || !strings.HasPrefix(res.body, "PK") {
			t.Errorf("export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		res = staff.get(planURL + "/export?format=csv")
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(strings.TrimPrefix(res.body, "\ufeff"), "Action ID,") || !strings.Contains(res.body, "Shared bank, renamed") {
			t.Errorf("actions as CSV: %s %q", res.Header.Get("Content-Type"), res.body)
		}
		if res := staff.get(planURL + "/export?format=csv&sheet=measures"); !strings.HasPrefix(strings.TrimPrefix(res.body, "\ufeff"), "Measure ID,") || strings.Count(res.body, "Vacancy rate") != 2 {
			t.Errorf("measure values as CSV: %q", res.body)
		}

		// A dependency that would close a cycle is refused; a risk out of range is reported.
		a2 := need(fx.db.CreateAction(t.Context(), store.System, store.PlanAction{PlanID: plans[0].ID,
			Action: strategy.Action{Title: "Second", LeadOrgID: fx.orgA.ID, Priorities: []string{"finding-2"}}}))
		if res := lead.post(planURL+"/dependencies", url.Values{"dependency-action": {itoa(a2.ID)}, "dependency-on": {itoa(acts[0].ID)}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("dependency: %d", res.StatusCode)
		}
		res = lead.post(planURL+"/dependencies", url.Values{"dependency-action": {itoa(acts[0].ID)}, "dependency-on": {itoa(a2.ID)}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "cycle") {
			t.Errorf("cycle: %d", res.StatusCode)
		}
		res = lead.post(planURL+"/risks", url.Values{"risk-title": {"Agency spend"}, "risk-likelihood": {"9"}, "risk-impact": {"3"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="Agency spend"`) {
			t.Errorf("bad risk: %d", res.StatusCode)
		}
	})
}

// TestPlanScoping: a partnership's pages are "not found" to people of other organisations.
func TestPlanScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		plan := fx.matrixPlan()
		for _, persona := range []string{"staff", "orgAdmin"} {
			c := fx.signedIn(persona)
			for _, path := range []string{"/partnerships/" + itoa(plan.PartnershipID), "/plans/" + itoa(plan.ID),
				"/plans/" + itoa(plan.ID) + "/dashboard", "/plans/" + itoa(plan.ID) + "/export"} {
				if res := c.get(path); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s: %d, want 404", persona, path, res.StatusCode)
				}
			}
			if res := c.get("/partnerships"); strings.Contains(res.body, "Matrix partnership") {
				t.Errorf("%s sees another partnership listed", persona)
			}
		}
		if res := fx.signedIn("adminB").get("/plans/" + itoa(plan.ID)); res.StatusCode != 200 {
			t.Errorf("Trust B's own plan: %d", res.StatusCode)
		}
	})
}

func TestRegisterPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		p := fx.planWorld()
		plan := need(fx.db.CreatePlan(t.Context(), store.System, store.Plan{PartnershipID: p.ID, Title: "Plan",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1", "finding-2"}}))
		lead, partner, staff := fx.signedIn("orgAdmin"), fx.signedIn("adminB"), fx.signedIn("staff")
		reg := "/partnerships/" + itoa(p.ID) + "/register"

		sol := url.Values{"solution-partner": {itoa(fx.orgB.ID)}, "solution-title": {"Retire and return scheme"},
			"solution-what": {"Flexible contracts for retiring nurses"}, "solution-links": {"https://example.org/rr\njavascript:alert(1)"},
			"solution-priority": {"london-workforce|2016|finding-1"}}
		if res := staff.post(reg, sol); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff records: %d", res.StatusCode)
		}
		res := partner.post(reg, url.Values{"solution-partner": {itoa(fx.orgB.ID)}, "solution-title": {"Kept"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="Kept"`) {
			t.Errorf("incomplete solution: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = partner.post(reg, sol)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("record: %d %v", res.StatusCode, errorSummary(t, res))
		}
		solURL := res.Header.Get("Location")
		doc := staff.get(solURL).doc(t)
		if doc.Find(`a[href="https://example.org/rr"]`).Length() != 1 || doc.Find(`a[href^="javascript"]`).Length() != 0 {
			t.Error("links: web addresses only become links")
		}
		if res := staff.get(reg + "?q=RETIRING"); !strings.Contains(res.body, "Retire and return scheme") {
			t.Error("search by words")
		}
		if res := staff.get(reg + "?q=apprentice"); strings.Contains(res.body, "Retire and return scheme") {
			t.Error("search found a solution without the word")
		}
		if res := staff.get(reg + "?priority=finding-2"); strings.Contains(res.body, "Retire and return scheme") {
			t.Error("priority filter")
		}

		// The lead adopts it into the plan: the action links back, and the solution lists it.
		res = lead.post(solURL+"/adopt", url.Values{"adopt-plan": {itoa(plan.ID)}, "adopt-lead": {itoa(fx.orgA.ID)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("adopt: %d %v", res.StatusCode, errorSummary(t, res))
		}
		// A partner (not the plan's editors) adopts only in its own name.
		if res := partner.post(solURL+"/adopt", url.Values{"adopt-plan": {itoa(plan.ID)}, "adopt-lead": {itoa(fx.orgA.ID)}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("adopting in another partner's name: %d", res.StatusCode)
		}
		acts := need(fx.db.PlanActions(t.Context(), plan.ID))
		if len(acts) != 1 || acts[0].SolutionID == 0 || acts[0].Title != "Adopt: Retire and return scheme" ||
			len(acts[0].Priorities) != 1 || acts[0].Priorities[0] != "finding-1" {
			t.Errorf("adopted action %+v", acts)
		}
		if res := staff.get(solURL); !strings.Contains(res.body, "Adopt: Retire and return scheme") {
			t.Error("adoption not listed on the solution")
		}
		if res := staff.get("/plans/" + itoa(plan.ID)); !strings.Contains(res.body, solURL) {
			t.Error("the plan does not link back to the solution")
		}

		res = lead.post(solURL+"/comments", url.Values{"comment-partner": {itoa(fx.orgA.ID)}, "comment-rating": {"4"}, "comment-body": {"Worked well"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("comment: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := staff.get(solURL); !strings.Contains(res.body, "Rated 4.0 out of 5") {
			t.Error("rating not shown")
		}

		res = lead.post("/partnerships/"+itoa(p.ID)+"/resources", url.Values{"resource-priority": {"london-workforce|2016|finding-1"},
			"resource-kind": {"case-study"}, "resource-title": {"Retention case study"}, "resource-url": {"https://example.org/case"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("resource: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := partner.post("/partnerships/"+itoa(p.ID)+"/resources", url.Values{"resource-title": {"x"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner edits resources: %d", res.StatusCode)
		}
		if res := staff.get(reg); !strings.Contains(res.body, "Retention case study") {
			t.Error("resource not listed")
		}
	})
}

func TestPartnershipSettings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		p := need(fx.db.CreatePartnership(ctx, store.System, store.Partnership{Name: "No lead yet"}, []int64{fx.orgA.ID, fx.orgB.ID}))
		site := fx.signedIn("siteAdmin")
		path := "/partnerships/" + itoa(p.ID)
		if res := fx.signedIn("orgAdmin").get(path); strings.Contains(res.body, "Change the lead") {
			t.Error("an organisation's administrator is offered the partnership's settings")
		}
		form := url.Values{"version": {"1"}, "lead": {itoa(fx.orgA.ID)}, "kind-" + itoa(fx.orgB.ID): {"education"}}
		if res := site.post(path+"/settings", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("settings: %d %v", res.StatusCode, errorSummary(t, res))
		}
		partners := need(fx.db.PartnershipPartners(ctx, p.ID))
		for _, pt := range partners {
			if pt.ID == fx.orgA.ID && !pt.Lead || pt.ID == fx.orgB.ID && pt.PartnerKind != strategy.PartnerEducation {
				t.Errorf("partner %+v", pt)
			}
		}
		form.Set("lead", itoa(fx.orgB.ID)) // from the page as it was, at version 1
		if res := site.post(path+"/settings", form); res.StatusCode != http.StatusConflict || len(errorSummary(t, res)) != 1 {
			t.Errorf("stale lead: %d", res.StatusCode)
		}
		// Now the lead's administrator may create plans.
		if res := fx.signedIn("orgAdmin").get(path + "/plans/new"); res.StatusCode != 200 {
			t.Errorf("the lead's administrator: %d", res.StatusCode)
		}
	})
}
