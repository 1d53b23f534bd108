package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

func TestRegister(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPlanWorld(t, db)
		sol := store.Solution{PartnershipID: w.p.ID, OrganisationID: w.b.ID, Title: "Rotational posts for 50% of new nurses",
			Problem: "Newly qualified nurses leave in year one", WhatWeDid: "Rotations across acute and community",
			Results: "Turnover fell", FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-2", "finding-1"}}
		if _, err := db.CreateSolution(ctx, w.actor, store.Solution{PartnershipID: w.p.ID, OrganisationID: w.outside.ID, Title: "x", WhatWeDid: "y"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("outsider records: %v", err)
		}
		bad := sol
		bad.Priorities = []string{"finding-99"}
		if _, err := db.CreateSolution(ctx, w.actor, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("unknown priority: %v", err)
		}
		s1 := must(db.CreateSolution(ctx, w.actor, sol))
		must(db.CreateSolution(ctx, w.actor, store.Solution{PartnershipID: w.p.ID, OrganisationID: w.c.ID, Title: "Joint apprenticeships",
			WhatWeDid: "Shared levy", FrameworkKey: "london-workforce", FrameworkVersion: "2016", Priorities: []string{"finding-5"}}))
		if s1.Organisation != "Trust B" || len(s1.Priorities) != 2 {
			t.Errorf("solution %+v", s1)
		}

		search := func(text, prio string) int {
			return len(must(db.SearchRegister(ctx, store.RegisterQuery{PartnershipID: w.p.ID, Text: text, Priority: prio})))
		}
		for _, tt := range []struct {
			text, prio string
			want       int
		}{{"", "", 2}, {"ROTATION", "", 1}, {"turnover rotations", "", 1}, {"turnover levy", "", 0}, {"", "finding-5", 1},
			{"50%", "", 1}, {"5_%", "", 0}, {"levy", "finding-1", 0}} {
			if got := search(tt.text, tt.prio); got != tt.want {
				t.Errorf("search %q %q: %d, want %d", tt.text, tt.prio, got, tt.want)
			}
		}
		other := must(db.CreatePartnership(ctx, store.System, store.Partnership{Name: "Other"}, []int64{w.outside.ID}))
		if n := len(must(db.SearchRegister(ctx, store.RegisterQuery{PartnershipID: other.ID}))); n != 0 {
			t.Errorf("another partnership's register: %d", n)
		}

		must(db.AddComment(ctx, w.actor, store.Comment{SolutionID: s1.ID, OrganisationID: w.c.ID, Rating: 4, Body: "Worked for us"}))
		must(db.AddComment(ctx, w.actor, store.Comment{SolutionID: s1.ID, OrganisationID: w.lead.ID, Rating: 5, Body: "Good"}))
		must(db.AddComment(ctx, w.actor, store.Comment{SolutionID: s1.ID, OrganisationID: w.lead.ID, Body: "A question"}))
		if _, err := db.AddComment(ctx, w.actor, store.Comment{SolutionID: s1.ID, OrganisationID: w.outside.ID, Rating: 1, Body: "x"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("outsider comments: %v", err)
		}
		if _, err := db.AddComment(ctx, w.actor, store.Comment{SolutionID: s1.ID, OrganisationID: w.c.ID, Rating: 6, Body: "x"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("rating 6: %v", err)
		}

		// Adopting: an action of a plan of the same partnership links back to the solution.
		plan := must(db.CreatePlan(ctx, w.actor, store.Plan{PartnershipID: w.p.ID, Title: "P", FrameworkKey: "london-workforce",
			FrameworkVersion: "2016", Priorities: []string{"finding-1"}}))
		must(db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, SolutionID: s1.ID, Action: strategy.Action{
			Title: "Adopt rotations", LeadOrgID: w.c.ID, Priorities: []string{"finding-1"}}}))
		otherSol := must(db.CreateSolution(ctx, w.actor, store.Solution{PartnershipID: other.ID, OrganisationID: w.outside.ID, Title: "x", WhatWeDid: "y"}))
		if _, err := db.CreateAction(ctx, w.actor, store.PlanAction{PlanID: plan.ID, SolutionID: otherSol.ID, Action: strategy.Action{
			Title: "Adopt theirs", LeadOrgID: w.c.ID, Priorities: []string{"finding-1"}}}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("adopting another partnership's solution: %v", err)
		}
		got := must(db.Solution(ctx, s1.ID))
		if got.Adoptions != 1 || got.RatingCount != 2 || got.Rating() != "4.5" {
			t.Errorf("solution figures: %+v %q", got, got.Rating())
		}
		ads := must(db.SolutionAdoptions(ctx, s1.ID))
		if len(ads) != 1 || ads[0].Lead != "Council C" || ads[0].PlanTitle != "P" {
			t.Errorf("adoptions %+v", ads)
		}
		if cs := must(db.SolutionComments(ctx, s1.ID)); len(cs) != 3 || cs[0].Organisation != "Council C" {
			t.Errorf("comments %+v", cs)
		}

		if _, err := db.AddResource(ctx, w.actor, store.Resource{PartnershipID: w.p.ID, FrameworkKey: "london-workforce", PriorityKey: "finding-1",
			Kind: "case-study", Title: "x", URL: "javascript:alert(1)"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("script link: %v", err)
		}
		must(db.AddResource(ctx, w.actor, store.Resource{PartnershipID: w.p.ID, FrameworkKey: "london-workforce", PriorityKey: "finding-1",
			Kind: "case-study", Title: "Retention in Barking", URL: "https://example.org/retention"}))
		if rs := must(db.PartnershipResources(ctx, w.p.ID)); len(rs) != 1 {
			t.Errorf("resources %+v", rs)
		}
	})
}
