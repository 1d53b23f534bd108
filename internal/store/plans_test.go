package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type planWorld struct {
	p                   store.Partnership
	lead, b, c, outside store.Organisation
	leadTeam            store.Organisation
	actor               store.Actor
}

func newPlanWorld(t *testing.T, db *store.DB) planWorld {
	ctx := context.Background()
	org := func(name string, parent int64, kind string) store.Organisation {
		return must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, ParentID: parent, Kind: kind}))
	}
	w := planWorld{lead: org("Lead ICB", 0, store.KindOrganisation), b: org("Trust B", 0, store.KindOrganisation),
		c: org("Council C", 0, store.KindOrganisation), outside: org("Outside Trust", 0, store.KindOrganisation)}
	w.leadTeam = org("Workforce team", w.lead.ID, store.KindTeam)
	p := must(db.CreatePartnership(ctx, store.System, store.Partnership{Name: "South Partnership"}, []int64{w.lead.ID, w.b.ID, w.c.ID}))
	w.p = must(db.SetPartnershipLead(ctx, store.System, p.ID, p.Version, w.lead.ID))
	u := must(db.CreateUser(ctx, store.System, store.User{Email: "lead@example.org", Name: "Lee Lead"}))
	w.actor = store.Actor{UserID: u.ID}
	for _, name := range []string{"london-workforce-2016.yaml", "ksf-2010.yaml"} {
		f := must(framework.Parse(must(frameworks.FS.ReadFile(name)), name))
		must(db.SaveFrameworkVersion(ctx, store.System, f, true))
	}
	return w
}

func TestPartnershipLeadAndKinds(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		if _, err := db.SetPartnershipLead(ctx, store.System, w.p.ID, w.p.Version-1, w.b.ID); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale lead change: %v, want ErrConflict", err)
		}
		if _, err := db.SetPartnershipLead(ctx, store.System, w.p.ID, w.p.Version, w.outside.ID); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("outsider as lead: %v, want ErrInvalid", err)
		}
		must(0, db.SetPartnerKind(ctx, store.System, w.p.ID, w.c.ID, strategy.PartnerSocialCare))
		if err := db.SetPartnerKind(ctx, store.System, w.p.ID, w.c.ID, "parent"); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("unknown kind: %v", err)
		}
		if err := db.SetPartnerKind(ctx, store.System, w.p.ID, w.outside.ID, strategy.PartnerProvider); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("not a member: %v", err)
		}
		ps := must(db.PartnershipPartners(ctx, w.p.ID))
		got := map[string]store.Partner{}
		for _, p := range ps {
			got[p.Name] = p
		}
		if len(ps) != 3 || !got["Lead ICB"].Lead || got["Trust B"].Lead || got["Council C"].PartnerKind != strategy.PartnerSocialCare ||
			got["Trust B"].PartnerKind != strategy.PartnerProvider {
			t.Errorf("partners %+v", ps)
		}
	})
}

// TestPartnershipAccess is the rule of docs/security.md as a table.
func TestPartnershipAccess(t *testing.T) {
	all := []store.Organisation{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}, {ID: 11, ParentID: 1}, {ID: 21, ParentID: 2}}
	p := store.Partnership{ID: 9, LeadOrganisationID: 1}
	members := []int64{1, 2, 3}
	tests := []struct {
		name   string
		access map[int64]store.AccessRole
		want   store.PartnerAccess
	}{
		{"nobody", map[int64]store.AccessRole{}, store.PartnerAccess{}},
		{"outsider", map[int64]store.AccessRole{4: store.AccessAdministrator}, store.PartnerAccess{}},
		{"staff of a partner's team sees", map[int64]store.AccessRole{21: store.AccessStaff}, store.PartnerAccess{See: true}},
		{"viewer of a partner sees", map[int64]store.AccessRole{3: store.AccessViewer}, store.PartnerAccess{See: true}},
		{"manager of a partner leads its actions", map[int64]store.AccessRole{2: store.AccessManager, 21: store.AccessManager},
			store.PartnerAccess{See: true, ActFor: []int64{2}, SeeWorkforce: true}},
		{"lead's manager is no plan editor", map[int64]store.AccessRole{1: store.AccessManager},
			store.PartnerAccess{See: true, ActFor: []int64{1}, SeeWorkforce: true}},
		{"lead's planner edits the plan", map[int64]store.AccessRole{1: store.AccessPlanner},
			store.PartnerAccess{See: true, EditPlan: true, ActFor: []int64{1}, SeeWorkforce: true}},
		{"planner of a lead's team only sees", map[int64]store.AccessRole{11: store.AccessPlanner}, store.PartnerAccess{See: true}},
		{"manager of a partner's team sees no workforce figures", map[int64]store.AccessRole{21: store.AccessManager}, store.PartnerAccess{See: true}},
		{"administrator of a partner sees the workforce figures", map[int64]store.AccessRole{3: store.AccessAdministrator, 31: store.AccessAdministrator},
			store.PartnerAccess{See: true, ActFor: []int64{3}, SeeWorkforce: true}},
	}
	for _, tt := range tests {
		got := store.PartnershipAccessFrom(all, p, members, tt.access)
		if got.See != tt.want.See || got.EditPlan != tt.want.EditPlan || got.SeeWorkforce != tt.want.SeeWorkforce || !slices.Equal(got.ActFor, tt.want.ActFor) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if (store.PartnerAccess{ActFor: []int64{2}}).CanEditAction(3) || !(store.PartnerAccess{EditPlan: true}).CanEditAction(3) {
		t.Error("CanEditAction")
	}
}

func TestPlans(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		base := store.Plan{PartnershipID: w.p.ID, Title: "Workforce plan 2026", FrameworkKey: "london-workforce", FrameworkVersion: "2016"}

		bad := base
		bad.Priorities = []string{"finding-1", "finding-99"}
		if _, err := db.CreatePlan(ctx, w.actor, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("unknown priority: %v", err)
		}
		bad = base
		bad.FrameworkKey, bad.FrameworkVersion, bad.Priorities = "ksf", "2010", []string{"core-1"}
		if _, err := db.CreatePlan(ctx, w.actor, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a competence framework: %v", err)
		}
		plan := base
		plan.Priorities = []string{"finding-2", "finding-1", "finding-2"}
		plan = must(db.CreatePlan(ctx, w.actor, plan))
		if !slices.Equal(plan.Priorities, []string{"finding-1", "finding-2"}) {
			t.Errorf("priorities %v", plan.Priorities)
		}
		if _, err := db.CreatePlan(ctx, w.actor, plan); !errors.Is(err, store.ErrConflict) {
			t.Errorf("same title twice: %v", err)
		}
		got := must(db.Plan(ctx, plan.ID))
		if got.Title != plan.Title || !slices.Equal(got.Priorities, plan.Priorities) {
			t.Errorf("read back %+v", got)
		}

		obj := must(db.AddObjective(ctx, w.actor, store.Objective{PlanID: plan.ID, Title: "Fill nursing vacancies"}))
		act := store.PlanAction{PlanID: plan.ID, Action: strategy.Action{ObjectiveID: obj.ID, Title: "Joint bank", LeadOrgID: w.b.ID,
			Partners: []int64{w.c.ID}, Start: day("2026-01-01"), Due: day("2026-06-30"), Priorities: []string{"finding-1"}}}
		a1 := must(db.CreateAction(ctx, w.actor, act))
		if a1.Status != strategy.StatusPlanned || a1.Version != 1 {
			t.Errorf("new action %+v", a1)
		}
		outsider := act
		outsider.LeadOrgID = w.outside.ID
		if _, err := db.CreateAction(ctx, w.actor, outsider); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("outsider leads: %v", err)
		}
		other := act
		other.Priorities = []string{"finding-5"}
		if _, err := db.CreateAction(ctx, w.actor, other); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a priority the plan does not address: %v", err)
		}

		// Two edits from the same version: the second is a conflict, not an overwrite.
		e1, e2 := a1, a1
		e1.Status = strategy.StatusInProgress
		e2.Title = "Joint bank across the system"
		a1 = must(db.UpdateAction(ctx, w.actor, e1))
		if _, err := db.UpdateAction(ctx, w.actor, e2); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale edit: %v, want ErrConflict", err)
		}
		a1 = must(db.SetActionStatus(ctx, w.actor, a1.ID, a1.Version, strategy.StatusDone))
		if _, err := db.SetActionStatus(ctx, w.actor, a1.ID, a1.Version-1, strategy.StatusBlocked); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale status: %v", err)
		}
		a2 := must(db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: "Rotations",
			LeadOrgID: w.lead.ID, Priorities: []string{"finding-1", "finding-2"}, Due: day("2026-03-01")}}))
		acts := must(db.PlanActions(ctx, plan.ID))
		if len(acts) != 2 || acts[0].ID != a2.ID || acts[1].Status != strategy.StatusDone ||
			!slices.Equal(acts[1].Partners, []int64{w.c.ID}) || !slices.Equal(acts[0].Priorities, []string{"finding-1", "finding-2"}) {
			t.Errorf("actions %+v", acts)
		}
		var domain []strategy.Action
		for _, a := range acts {
			domain = append(domain, a.Action)
		}
		byP := strategy.ByPriority(domain, plan.Priorities, day("2026-04-01"))
		if byP["finding-1"].Total != 2 || byP["finding-1"].Done != 1 || byP["finding-2"].Overdue != 1 {
			t.Errorf("roll-up %+v", byP)
		}

		// A priority in use cannot be dropped; one not in use can be added and dropped.
		upd := got
		upd.Priorities = []string{"finding-1"}
		if _, err := db.UpdatePlan(ctx, w.actor, upd); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("dropping a used priority: %v", err)
		}
		upd.Priorities = []string{"finding-1", "finding-2", "finding-5"}
		got = must(db.UpdatePlan(ctx, w.actor, upd))
		if got.Version != 2 || len(got.Priorities) != 3 {
			t.Errorf("updated %+v", got)
		}
		if _, err := db.UpdatePlan(ctx, w.actor, upd); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale plan edit: %v", err)
		}

		must(db.AddPlanActionNote(ctx, w.actor, store.Note{ActionID: a1.ID, On: day("2026-02-01"), Body: "Bank agreement signed"}))
		if _, err := db.AddPlanActionNote(ctx, w.actor, store.Note{ActionID: a1.ID, On: day("2026-02-01")}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("empty note: %v", err)
		}
		notes := must(db.PlanNotes(ctx, plan.ID))
		if len(notes[a1.ID]) != 1 || notes[a1.ID][0].Author != "Lee Lead" {
			t.Errorf("notes %+v", notes)
		}

		must(0, db.AddDependency(ctx, w.actor, plan.ID, strategy.Dependency{Action: a1.ID, DependsOn: a2.ID}))
		if err := db.AddDependency(ctx, w.actor, plan.ID, strategy.Dependency{Action: a2.ID, DependsOn: a1.ID}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("cycle: %v", err)
		}
		if deps := must(db.PlanDependencies(ctx, plan.ID)); len(deps) != 1 {
			t.Errorf("dependencies %v", deps)
		}

		if _, err := db.AddRisk(ctx, w.actor, plan.ID, strategy.Risk{Title: "Agency costs", Likelihood: 6, Impact: 1}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad risk: %v", err)
		}
		must(db.AddRisk(ctx, w.actor, plan.ID, strategy.Risk{Title: "Low", Likelihood: 1, Impact: 2}))
		must(db.AddRisk(ctx, w.actor, plan.ID, strategy.Risk{Title: "Agency costs", Likelihood: 4, Impact: 4, ActionID: a1.ID}))
		if rs := must(db.PlanRisks(ctx, plan.ID)); len(rs) != 2 || rs[0].Title != "Agency costs" || rs[0].Rating() != "high" {
			t.Errorf("risks %+v", rs)
		}

		m := must(db.AddMeasure(ctx, w.actor, plan.ID, strategy.Measure{ObjectiveID: obj.ID, Title: "Nursing vacancy rate", Unit: "%",
			Baseline: 1250, Target: 800, Direction: strategy.Decrease}))
		if _, err := db.AddMeasure(ctx, w.actor, plan.ID, strategy.Measure{ObjectiveID: obj.ID, Title: "x", Baseline: 1, Target: 2,
			Direction: strategy.Decrease}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("target behind baseline: %v", err)
		}
		must(0, db.AddMeasureValue(ctx, w.actor, plan.ID, m.ID, strategy.Value{On: day("2026-03-31"), Value: 1025}))
		must(0, db.AddMeasureValue(ctx, w.actor, plan.ID, m.ID, strategy.Value{On: day("2026-01-31"), Value: 1200}))
		if err := db.AddMeasureValue(ctx, w.actor, plan.ID+1000, m.ID, strategy.Value{On: day("2026-01-31"), Value: 1}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("value through another plan: %v", err)
		}
		ms := must(db.PlanMeasures(ctx, plan.ID))
		if len(ms) != 1 || len(ms[0].Values) != 2 || ms[0].Values[0].On.String() != "2026-01-31" {
			t.Fatalf("measures %+v", ms)
		}
		if st, pc := ms[0].Status(); st != strategy.OnTrack || pc != 50 {
			t.Errorf("status %q %d", st, pc)
		}

		// Every change is in the audit log, under the organisation it concerns.
		log := must(db.AuditLog(ctx, store.AuditFilter{Entity: "plan-action"}))
		if len(log) < 5 {
			t.Errorf("plan-action audit entries: %d", len(log))
		}
		if ls := must(db.AuditLog(ctx, store.AuditFilter{Entity: "plan", OrganisationID: w.lead.ID})); len(ls) < 6 {
			t.Errorf("plan audit entries under the lead: %d", len(ls))
		}

		// The partnership's plans are listed; another partnership's are not.
		other2 := must(db.CreatePartnership(ctx, store.System, store.Partnership{Name: "Elsewhere"}, []int64{w.outside.ID}))
		if ps := must(db.PartnershipPlans(ctx, other2.ID)); len(ps) != 0 {
			t.Errorf("another partnership's plans: %+v", ps)
		}
		if ps := must(db.PartnershipPlans(ctx, w.p.ID)); len(ps) != 1 || len(ps[0].Priorities) != 3 {
			t.Errorf("plans %+v", ps)
		}
		vis := must(db.VisiblePartnerships(ctx, map[int64]store.AccessRole{w.leadTeam.ID: store.AccessStaff}))
		if len(vis) != 1 || vis[0].ID != w.p.ID {
			t.Errorf("visible to the lead's team: %+v", vis)
		}
	})
}

func day(s string) strategy.Date {
	d, err := strategy.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
