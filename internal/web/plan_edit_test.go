package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// TestPartnershipCreate: an organisation's administrator creates a partnership of the
// organisations they administer, led by one of them; a site administrator may bring in any
// organisation, add partners and remove them (confirmed; never the lead).
func TestPartnershipCreate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		admin, site, staff := fx.signedIn("orgAdmin"), fx.signedIn("siteAdmin"), fx.signedIn("staff")
		if res := admin.get("/partnerships"); !strings.Contains(res.body, `href="/partnerships/new"`) {
			t.Error("an administrator is not offered to create a partnership")
		}
		if res := staff.get("/partnerships"); strings.Contains(res.body, `href="/partnerships/new"`) {
			t.Error("a staff member is offered to create a partnership")
		}
		if res := staff.get("/partnerships/new"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff opens the form: %d", res.StatusCode)
		}
		res := admin.get("/partnerships/new")
		if res.StatusCode != 200 || !strings.Contains(res.body, "Trust A") || strings.Contains(res.body, "Trust B") {
			t.Fatalf("the administrator's form offers other organisations than theirs: %d", res.StatusCode)
		}

		// Every problem listed, the values kept.
		res = admin.post("/partnerships", url.Values{"description": {"Kept words"}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 3 || !strings.Contains(res.body, "Kept words") {
			t.Errorf("empty partnership: %d %v", res.StatusCode, errorSummary(t, res))
		}
		// Trust B is not theirs to bring in: its kind is ignored and it cannot lead.
		res = admin.post("/partnerships", url.Values{"name": {"East Partners"}, "kind-" + itoa(fx.orgA.ID): {"provider"},
			"kind-" + itoa(fx.orgB.ID): {"provider"}, "lead": {itoa(fx.orgB.ID)}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), " "), "lead") {
			t.Errorf("lead from another organisation: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = admin.post("/partnerships", url.Values{"name": {"East Partners"}, "kind-" + itoa(fx.orgA.ID): {"commissioner"},
			"lead": {itoa(fx.orgA.ID)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", res.StatusCode, errorSummary(t, res))
		}
		page := admin.get(res.Header.Get("Location"))
		if !strings.Contains(page.body, "Led by <strong>Trust A</strong>") || !strings.Contains(page.body, "Create a plan") {
			t.Errorf("the new partnership's page: %d", page.StatusCode)
		}
		if res := admin.post("/partnerships", url.Values{"name": {"East Partners"}, "kind-" + itoa(fx.orgA.ID): {"commissioner"},
			"lead": {itoa(fx.orgA.ID)}}); res.StatusCode != http.StatusConflict {
			t.Errorf("a taken name: %d", res.StatusCode)
		}
		ps := need(fx.db.Partnerships(ctx))
		p := ps[0]
		partners := need(fx.db.PartnershipPartners(ctx, p.ID))
		if len(partners) != 1 || partners[0].PartnerKind != strategy.PartnerCommissioner {
			t.Fatalf("partners %+v", partners)
		}

		// The site administrator adds Trust B, then takes it out again.
		base := "/partnerships/" + itoa(p.ID)
		if res := site.post(base+"/partners", url.Values{"partner-organisation": {itoa(fx.orgB.ID)}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a partner without a kind: %d", res.StatusCode)
		}
		if res := site.post(base+"/partners", url.Values{"partner-organisation": {itoa(fx.orgB.ID)}, "partner-kind": {"education"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add a partner: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := fx.signedIn("adminB").get(base); res.StatusCode != 200 {
			t.Errorf("the new partner's administrator: %d", res.StatusCode)
		}
		remove := base + "/partners/" + itoa(fx.orgB.ID) + "/remove"
		if res := site.get(remove); res.StatusCode != 200 || !strings.Contains(res.body, "This cannot be undone") {
			t.Errorf("confirmation page: %d", res.StatusCode)
		}
		if res := site.post(remove, url.Values{}); res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 1 {
			t.Errorf("unconfirmed removal: %d", res.StatusCode)
		}
		if res := site.get(base + "/partners/" + itoa(fx.orgA.ID) + "/remove"); !strings.Contains(res.body, "choose another lead first") || strings.Contains(res.body, "Remove the partner") {
			t.Error("the lead may be removed")
		}
		if res := site.post(remove, url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if res := fx.signedIn("adminB").get(base); res.StatusCode != http.StatusNotFound {
			t.Errorf("a former partner still sees it: %d", res.StatusCode)
		}
	})
}

// TestPlanSettingsPage: the lead changes a plan's title and priorities; a priority actions
// serve cannot be dropped; a stale version is a conflict that keeps what was typed.
func TestPlanSettingsPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		p := fx.planWorld()
		plan := need(fx.db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Plan 2026",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1", "finding-2"}}))
		need(fx.db.CreateAction(ctx, store.System, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: "Bank of nurses",
			LeadOrgID: fx.orgB.ID, Priorities: []string{"finding-2"}}}))
		lead, partner := fx.signedIn("orgAdmin"), fx.signedIn("adminB")
		edit := "/plans/" + itoa(plan.ID) + "/edit"
		if res := partner.get(edit); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner opens the plan's settings: %d", res.StatusCode)
		}
		res := lead.get(edit)
		if res.StatusCode != 200 || !strings.Contains(res.body, "Served by 1 action") {
			t.Fatalf("form: %d", res.StatusCode)
		}
		res = lead.post(edit, url.Values{"version": {"1"}, "title": {"Kept title"}, "priority": {"finding-1"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Bank of nurses") || !strings.Contains(res.body, `value="Kept title"`) {
			t.Errorf("dropping a served priority: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = lead.post(edit, url.Values{"version": {"1"}, "title": {"Plan 2026-28"}, "priority": {"finding-2", "finding-5"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %v", res.StatusCode, errorSummary(t, res))
		}
		got := need(fx.db.Plan(ctx, plan.ID))
		if got.Title != "Plan 2026-28" || strings.Join(got.Priorities, ",") != "finding-2,finding-5" || got.Version != 2 {
			t.Errorf("saved %+v", got)
		}
		need(fx.db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Another plan",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		res = lead.post(edit, url.Values{"version": {"2"}, "title": {"Another plan"}, "priority": {"finding-2"}})
		if res.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, res), " "), "already has a plan called Another plan") {
			t.Errorf("a taken title: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = lead.post(edit, url.Values{"version": {"1"}, "title": {"My stale title"}, "priority": {"finding-2"}})
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "My stale title") || !strings.Contains(res.body, `name="version" value="2"`) {
			t.Errorf("stale: %d", res.StatusCode)
		}
	})
}

// TestSolutionEditPages: the recording partner and the lead change a solution; staff may not;
// an adopted solution is not deleted; another one is, once confirmed.
func TestSolutionEditPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		p := fx.planWorld()
		plan := need(fx.db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Plan",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		adopted := need(fx.db.CreateSolution(ctx, store.System, store.Solution{PartnershipID: p.ID, OrganisationID: fx.orgB.ID,
			Title: "Retire and return", WhatWeDid: "Flexible contracts"}))
		need(fx.db.CreateAction(ctx, store.System, store.PlanAction{PlanID: plan.ID, SolutionID: adopted.ID,
			Action: strategy.Action{Title: "Adopt it", LeadOrgID: fx.orgA.ID, Priorities: []string{"finding-1"}}}))
		lone := need(fx.db.CreateSolution(ctx, store.System, store.Solution{PartnershipID: p.ID, OrganisationID: fx.orgB.ID,
			Title: "Exit interviews", WhatWeDid: "Asked leavers"}))
		lead, partner, staff := fx.signedIn("orgAdmin"), fx.signedIn("adminB"), fx.signedIn("staff")
		path := "/partnerships/" + itoa(p.ID) + "/register/" + itoa(adopted.ID)

		if res := staff.get(path + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff opens the form: %d", res.StatusCode)
		}
		if res := staff.get(path); strings.Contains(res.body, path+"/edit") {
			t.Error("staff are offered to change the solution")
		}
		res := partner.get(path + "/edit")
		if res.StatusCode != 200 || !strings.Contains(res.body, `value="Retire and return"`) {
			t.Fatalf("the recorder's form: %d", res.StatusCode)
		}
		res = partner.post(path+"/edit", url.Values{"version": {"1"}, "solution-title": {"Kept"}, "solution-what": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 1 || !strings.Contains(res.body, `value="Kept"`) {
			t.Errorf("empty what-we-did: %d %v", res.StatusCode, errorSummary(t, res))
		}
		form := url.Values{"version": {"1"}, "solution-title": {"Retire and return scheme"}, "solution-what": {"Flexible contracts"},
			"solution-priority": {"london-workforce|2016|finding-1"}}
		if res := lead.post(path+"/edit", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the lead changes it: %d %v", res.StatusCode, errorSummary(t, res))
		}
		form.Set("solution-title", "My stale title")
		if res := partner.post(path+"/edit", form); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "My stale title") {
			t.Errorf("stale: %d", res.StatusCode)
		}
		if got := need(fx.db.Solution(ctx, adopted.ID)); got.Title != "Retire and return scheme" || len(got.Priorities) != 1 {
			t.Errorf("saved %+v", got)
		}

		// Delete: the adopted one says why it stays; the other goes once confirmed.
		res = partner.get(path + "/delete")
		if res.StatusCode != 200 || !strings.Contains(res.body, "cannot be deleted") || strings.Contains(res.body, "Delete the solution") {
			t.Errorf("adopted solution's delete page: %d", res.StatusCode)
		}
		if res := partner.post(path+"/delete", url.Values{"confirm": {"yes"}, "version": {"2"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("delete an adopted solution: %d", res.StatusCode)
		}
		lonePath := "/partnerships/" + itoa(p.ID) + "/register/" + itoa(lone.ID)
		if res := staff.post(lonePath+"/delete", url.Values{"confirm": {"yes"}, "version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff deletes: %d", res.StatusCode)
		}
		if res := partner.post(lonePath+"/delete", url.Values{"version": {"1"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("unconfirmed delete: %d", res.StatusCode)
		}
		if res := partner.post(lonePath+"/delete", url.Values{"confirm": {"yes"}, "version": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if res := partner.get(lonePath); res.StatusCode != http.StatusNotFound {
			t.Errorf("after delete: %d", res.StatusCode)
		}
	})
}

// TestResourceEditPages: the lead changes and deletes a case study; a partner may not.
func TestResourceEditPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		p := fx.planWorld()
		r := need(fx.db.AddResource(ctx, store.System, store.Resource{PartnershipID: p.ID, FrameworkKey: "london-workforce",
			PriorityKey: "finding-1", Kind: "resource", Title: "Retention toolkit"}))
		lead, partner := fx.signedIn("orgAdmin"), fx.signedIn("adminB")
		path := "/partnerships/" + itoa(p.ID) + "/resources/" + itoa(r.ID)
		if res := partner.get(path + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner opens it: %d", res.StatusCode)
		}
		if res := lead.get(path + "/edit"); res.StatusCode != 200 || !strings.Contains(res.body, `value="Retention toolkit"`) {
			t.Fatalf("form: %d", res.StatusCode)
		}
		form := url.Values{"resource-priority": {"london-workforce|2016|finding-2"}, "resource-kind": {"case-study"},
			"resource-title": {"Retention at Trust B"}, "resource-url": {"ftp://example.org"}}
		if res := lead.post(path+"/edit", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="Retention at Trust B"`) {
			t.Errorf("a bad link: %d", res.StatusCode)
		}
		form.Set("resource-url", "https://example.org/b")
		if res := lead.post(path+"/edit", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if got := need(fx.db.Resource(ctx, r.ID)); got.PriorityKey != "finding-2" || got.Kind != "case-study" {
			t.Errorf("saved %+v", got)
		}
		if res := lead.post(path+"/delete", url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if res := lead.get(path + "/edit"); res.StatusCode != http.StatusNotFound {
			t.Errorf("after delete: %d", res.StatusCode)
		}
	})
}

// TestPlanAPITokenScope: a read token of the plan's editor changes no plan, comment or solution
// (403 insufficient_scope); a write token of the same person does.
func TestPlanAPITokenScope(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		p := fx.planWorld()
		plan := need(fx.db.CreatePlan(t.Context(), store.System, store.Plan{PartnershipID: p.ID, Title: "Plan",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		sol := need(fx.db.CreateSolution(t.Context(), store.System, store.Solution{PartnershipID: p.ID, OrganisationID: fx.orgA.ID,
			Title: "Rotations", WhatWeDid: "Rotated"}))
		lead := fx.signedIn("orgAdmin")
		token := func(scope string) string {
			return makeToken(t, lead, url.Values{"name": {scope + " plans"}, "kind": {"personal"},
				"organisation": {itoa(fx.orgA.ID)}, "scope": {scope}, "days": {"30"}})
		}
		read, write := token("read"), token("write")
		planPath := "/api/v1/plans/" + itoa(plan.ID)
		solPath := "/api/v1/partnerships/" + itoa(p.ID) + "/register/" + itoa(sol.ID)
		for _, c := range []struct{ method, path, body string }{
			{"PUT", planPath, `{"title":"Renamed","priorities":["finding-1"],"version":1}`},
			{"POST", planPath + "/objectives", `{"title":"Fewer vacancies"}`},
			{"POST", planPath + "/risks", `{"title":"Agency spend","likelihood":3,"impact":3}`},
			{"POST", solPath + "/comments", `{"organisation_id":` + itoa(fx.orgA.ID) + `,"body":"Good"}`},
			{"PUT", solPath, `{"title":"Rotations","what_we_did":"Rotated nurses","version":1}`},
		} {
			res := bearer(t, fx, c.method, c.path, read, c.body)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Header.Get("WWW-Authenticate"), "insufficient_scope") {
				t.Errorf("%s %s with a read token: %d", c.method, c.path, res.StatusCode)
			}
			if res := bearer(t, fx, c.method, c.path, write, c.body); res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
				t.Errorf("%s %s with a write token: %d %s", c.method, c.path, res.StatusCode, res.body)
			}
		}
		if got := need(fx.db.Plan(t.Context(), plan.ID)); got.Title != "Renamed" {
			t.Errorf("the write token's change is not saved: %+v", got)
		}
	})
}

// TestPlanRemovals: the lead removes a risk and a dependency after confirming; a partner may not.
func TestPlanRemovals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		p := fx.planWorld()
		plan := need(fx.db.CreatePlan(ctx, store.System, store.Plan{PartnershipID: p.ID, Title: "Plan",
			FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		act := func(title string) int64 {
			return need(fx.db.CreateAction(ctx, store.System, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: title,
				LeadOrgID: fx.orgB.ID, Priorities: []string{"finding-1"}}})).ID
		}
		a1, a2 := act("Recruit"), act("Induct")
		if err := fx.db.AddDependency(ctx, store.System, plan.ID, strategy.Dependency{Action: a2, DependsOn: a1}); err != nil {
			t.Fatal(err)
		}
		risk := need(fx.db.AddRisk(ctx, store.System, plan.ID, strategy.Risk{Title: "Agency spend", Likelihood: 4, Impact: 4}))
		lead, partner := fx.signedIn("orgAdmin"), fx.signedIn("adminB")
		planURL := "/plans/" + itoa(plan.ID)
		riskURL := planURL + "/risks/" + itoa(risk.ID) + "/delete"
		depURL := planURL + "/actions/" + itoa(a2) + "/waits-for/" + itoa(a1) + "/remove"
		if res := lead.get(planURL); !strings.Contains(res.body, riskURL) || !strings.Contains(res.body, depURL) {
			t.Error("the plan page does not offer the removals")
		}
		if res := partner.get(planURL); strings.Contains(res.body, riskURL) {
			t.Error("a partner is offered to remove a risk")
		}
		for _, u := range []string{riskURL, depURL} {
			if res := partner.post(u, url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusForbidden {
				t.Errorf("a partner removes %s: %d", u, res.StatusCode)
			}
			if res := lead.get(u); res.StatusCode != 200 || !strings.Contains(res.body, "This cannot be undone") {
				t.Errorf("confirmation %s: %d", u, res.StatusCode)
			}
			if res := lead.post(u, url.Values{}); res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("unconfirmed %s: %d", u, res.StatusCode)
			}
			if res := lead.post(u, url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
				t.Errorf("remove %s: %d", u, res.StatusCode)
			}
			if res := lead.get(u); res.StatusCode != http.StatusNotFound {
				t.Errorf("after removal %s: %d", u, res.StatusCode)
			}
		}
		if n := len(need(fx.db.PlanRisks(ctx, plan.ID))); n != 0 {
			t.Errorf("%d risks left", n)
		}
		if n := len(need(fx.db.PlanDependencies(ctx, plan.ID))); n != 0 {
			t.Errorf("%d dependencies left", n)
		}
	})
}
