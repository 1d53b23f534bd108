package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

func TestCreatePartnershipWith(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		ps := []store.NewPartner{{OrganisationID: w.lead.ID, Kind: strategy.PartnerCommissioner}, {OrganisationID: w.b.ID, Kind: strategy.PartnerProvider}, {OrganisationID: w.c.ID, Kind: strategy.PartnerSocialCare}}
		for _, tt := range []struct {
			name     string
			p        store.Partnership
			partners []store.NewPartner
		}{
			{"no name", store.Partnership{Name: " ", LeadOrganisationID: w.lead.ID}, ps},
			{"no partners", store.Partnership{Name: "X"}, nil},
			{"lead not a partner", store.Partnership{Name: "X", LeadOrganisationID: w.outside.ID}, ps},
			{"partner twice", store.Partnership{Name: "X", LeadOrganisationID: w.lead.ID}, append(ps, store.NewPartner{OrganisationID: w.b.ID, Kind: strategy.PartnerEducation})},
			{"unknown kind", store.Partnership{Name: "X", LeadOrganisationID: w.lead.ID}, []store.NewPartner{{OrganisationID: w.lead.ID, Kind: "friend"}}},
			{"a team", store.Partnership{Name: "X", LeadOrganisationID: w.leadTeam.ID}, []store.NewPartner{{OrganisationID: w.leadTeam.ID, Kind: strategy.PartnerProvider}}},
			{"no such organisation", store.Partnership{Name: "X", LeadOrganisationID: 9999}, []store.NewPartner{{OrganisationID: 9999, Kind: strategy.PartnerProvider}}},
		} {
			if _, err := db.CreatePartnershipWith(ctx, w.actor, tt.p, tt.partners); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("%s: %v, want ErrInvalid", tt.name, err)
			}
		}
		if _, err := db.CreatePartnershipWith(ctx, w.actor, store.Partnership{Name: "South Partnership", LeadOrganisationID: w.lead.ID}, ps); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a taken name: %v", err)
		}
		p := must(db.CreatePartnershipWith(ctx, w.actor, store.Partnership{Name: " North Partnership ", LeadOrganisationID: w.b.ID}, ps))
		if p.Name != "North Partnership" || p.LeadOrganisationID != w.b.ID || p.Version != 1 {
			t.Errorf("created %+v", p)
		}
		got := must(db.PartnershipPartners(ctx, p.ID))
		if len(got) != 3 {
			t.Fatalf("partners %+v", got)
		}
		for _, pt := range got {
			want := map[int64]strategy.PartnerKind{w.lead.ID: strategy.PartnerCommissioner, w.b.ID: strategy.PartnerProvider, w.c.ID: strategy.PartnerSocialCare}[pt.ID]
			if pt.PartnerKind != want || pt.Lead != (pt.ID == w.b.ID) {
				t.Errorf("partner %s: %s lead %v", pt.Name, pt.PartnerKind, pt.Lead)
			}
		}
		if n := len(entriesFor(must(db.AuditLog(ctx, store.AuditFilter{Entity: "partnership"})), p.ID)); n != 1 {
			t.Errorf("%d audit entries for the creation", n)
		}
	})
}

func TestPartnersJoinAndLeave(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		if err := db.AddPartner(ctx, w.actor, w.p.ID, w.leadTeam.ID, strategy.PartnerProvider); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a team joins: %v", err)
		}
		if err := db.AddPartner(ctx, w.actor, w.p.ID, w.b.ID, strategy.PartnerProvider); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a partner joins again: %v", err)
		}
		must0(t, db.AddPartner(ctx, w.actor, w.p.ID, w.outside.ID, strategy.PartnerEducation))
		if err := db.RemovePartner(ctx, w.actor, w.p.ID, w.lead.ID); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("the lead leaves: %v", err)
		}
		plan := must(db.CreatePlan(ctx, w.actor, store.Plan{PartnershipID: w.p.ID, Title: "P", FrameworkKey: "london-workforce",
			FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		must(db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: "A", LeadOrgID: w.lead.ID,
			Partners: []int64{w.c.ID}, Priorities: []string{"finding-1"}}}))
		if err := db.RemovePartner(ctx, w.actor, w.p.ID, w.c.ID); !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "1 action") {
			t.Errorf("a partner in an action leaves: %v", err)
		}
		if err := db.RemovePartner(ctx, w.actor, w.p.ID, 9999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a stranger leaves: %v", err)
		}
		must0(t, db.RemovePartner(ctx, w.actor, w.p.ID, w.outside.ID))
		if n := len(must(db.PartnershipPartners(ctx, w.p.ID))); n != 3 {
			t.Errorf("%d partners after one left", n)
		}
	})
}

func TestSolutionEditAndDelete(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		s := must(db.CreateSolution(ctx, w.actor, store.Solution{PartnershipID: w.p.ID, OrganisationID: w.b.ID, Title: "Rotations",
			WhatWeDid: "Rotated", Contacts: "Ann Smith, ann@example.org", FrameworkKey: "london-workforce", FrameworkVersion: "2016",
			Priorities: []string{"finding-2"}}))
		must(db.AddComment(ctx, w.actor, store.Comment{SolutionID: s.ID, OrganisationID: w.c.ID, Rating: 4, Body: "Good"}))

		edit := s
		edit.Title, edit.Contacts, edit.Priorities = "Nurse rotations", "Bob Jones", []string{"finding-5", "finding-1"}
		got := must(db.UpdateSolution(ctx, w.actor, edit))
		if got.Title != "Nurse rotations" || got.Version != 2 || strings.Join(got.Priorities, ",") != "finding-1,finding-5" || got.OrganisationID != w.b.ID {
			t.Errorf("updated %+v", got)
		}
		if _, err := db.UpdateSolution(ctx, w.actor, edit); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale edit: %v", err)
		}
		bad := got
		bad.Priorities = []string{"finding-99"}
		if _, err := db.UpdateSolution(ctx, w.actor, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("an unknown priority: %v", err)
		}
		entries := entriesFor(must(db.AuditLog(ctx, store.AuditFilter{Entity: "solution"})), s.ID)
		var summary string
		for _, e := range entries {
			if e.Action == store.ActionUpdate && strings.Contains(e.Summary, "title") {
				summary = e.Summary
			}
		}
		if !strings.Contains(summary, "contacts changed") || strings.Contains(summary, "Bob") || strings.Contains(summary, "Ann") {
			t.Errorf("the audit copies personal contacts or misses the change: %q", summary)
		}

		// An adopted solution stays (an action never drops its adoption); one nothing adopts goes
		// with its comments.
		plan := must(db.CreatePlan(ctx, w.actor, store.Plan{PartnershipID: w.p.ID, Title: "P", FrameworkKey: "london-workforce",
			FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		must(db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, SolutionID: s.ID,
			Action: strategy.Action{Title: "Adopt", LeadOrgID: w.c.ID, Priorities: []string{"finding-1"}}}))
		if err := db.DeleteSolution(ctx, w.actor, s.ID, got.Version); !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "adopted by 1 action") {
			t.Errorf("an adopted solution is deleted: %v", err)
		}
		if _, err := db.Solution(ctx, s.ID); err != nil {
			t.Fatalf("the adopted solution went: %v", err)
		}
		s = must(db.CreateSolution(ctx, w.actor, store.Solution{PartnershipID: w.p.ID, OrganisationID: w.b.ID, Title: "Exit interviews", WhatWeDid: "Asked"}))
		must(db.AddComment(ctx, w.actor, store.Comment{SolutionID: s.ID, OrganisationID: w.c.ID, Rating: 2, Body: "Meh"}))
		got = s
		if err := db.DeleteSolution(ctx, w.actor, s.ID, got.Version+1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale delete: %v", err)
		}
		must0(t, db.DeleteSolution(ctx, w.actor, s.ID, got.Version))
		if _, err := db.Solution(ctx, s.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
		if n := len(must(db.SolutionComments(ctx, s.ID))); n != 0 {
			t.Errorf("%d comments left behind", n)
		}
		if n := len(entriesFor(must(db.AuditLog(ctx, store.AuditFilter{Entity: "solution", Action: store.ActionDelete})), s.ID)); n != 1 {
			t.Errorf("%d audit entries for the delete", n)
		}
	})
}

func TestResourceEditAndDelete(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		r := must(db.AddResource(ctx, w.actor, store.Resource{PartnershipID: w.p.ID, FrameworkKey: "london-workforce", PriorityKey: "finding-1",
			Kind: "resource", Title: "Retention toolkit", URL: "https://example.org/toolkit"}))
		edit := r
		edit.Kind, edit.Title, edit.PartnershipID = "case-study", " Retention at Trust B ", 9999
		got := must(db.UpdateResource(ctx, w.actor, edit))
		if got.Title != "Retention at Trust B" || got.PartnershipID != w.p.ID {
			t.Errorf("updated %+v", got)
		}
		if back := must(db.Resource(ctx, r.ID)); back.Kind != "case-study" || back.PartnershipID != w.p.ID {
			t.Errorf("read back %+v", back)
		}
		edit.URL = "javascript:alert(1)"
		if _, err := db.UpdateResource(ctx, w.actor, edit); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a script link: %v", err)
		}
		must0(t, db.DeleteResource(ctx, w.actor, r.ID))
		if _, err := db.Resource(ctx, r.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
		if err := db.DeleteResource(ctx, w.actor, r.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("delete twice: %v", err)
		}
	})
}

func must0(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// entriesFor keeps the audit entries about one record.
func entriesFor(all []store.AuditEntry, id int64) []store.AuditEntry {
	var out []store.AuditEntry
	for _, e := range all {
		if e.EntityID == strconv.FormatInt(id, 10) {
			out = append(out, e)
		}
	}
	return out
}

func TestRiskAndDependencyRemoval(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		newPlan := func(title string) store.Plan {
			return must(db.CreatePlan(ctx, w.actor, store.Plan{PartnershipID: w.p.ID, Title: title, FrameworkKey: "london-workforce",
				FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		}
		plan, other := newPlan("P"), newPlan("Q")
		act := func(title string) int64 {
			return must(db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: title,
				LeadOrgID: w.lead.ID, Priorities: []string{"finding-1"}}})).ID
		}
		a1, a2 := act("First"), act("Second")
		dep := strategy.Dependency{Action: a2, DependsOn: a1}
		must0(t, db.AddDependency(ctx, w.actor, plan.ID, dep))
		risk := must(db.AddRisk(ctx, w.actor, plan.ID, strategy.Risk{Title: "Agency spend", Likelihood: 3, Impact: 4}))
		if err := db.DeleteRisk(ctx, w.actor, other.ID, risk.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a risk through another plan: %v", err)
		}
		if err := db.RemoveDependency(ctx, w.actor, other.ID, dep); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a dependency through another plan: %v", err)
		}
		if err := db.RemoveDependency(ctx, w.actor, plan.ID, strategy.Dependency{Action: a1, DependsOn: a2}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the reverse dependency: %v", err)
		}
		must0(t, db.DeleteRisk(ctx, w.actor, plan.ID, risk.ID))
		must0(t, db.RemoveDependency(ctx, w.actor, plan.ID, dep))
		if n := len(must(db.PlanRisks(ctx, plan.ID))); n != 0 {
			t.Errorf("%d risks left", n)
		}
		if n := len(must(db.PlanDependencies(ctx, plan.ID))); n != 0 {
			t.Errorf("%d dependencies left", n)
		}
		// Once removed, the reverse dependency no longer closes a loop.
		must0(t, db.AddDependency(ctx, w.actor, plan.ID, strategy.Dependency{Action: a1, DependsOn: a2}))
	})
}
