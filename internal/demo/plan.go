package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// The demo's partnership plan: the partnership gains a fifth partner (the area's integrated care
// board, a commissioner), a lead (the hospital trust, so the demo planner can edit the plan),
// a plan under way against three priorities of the London Workforce Strategic Framework (the
// built-in strategic framework, data like any other), and a "solve once" register.
const (
	PlanTitle       = "North Riverside workforce plan 2026 to 2028"
	commissioner    = "North Riverside Integrated Care Board"
	strategyKey     = "london-workforce"
	strategyVersion = "2016"
)

var partnerKinds = map[string]strategy.PartnerKind{
	"Riverside University Hospitals NHS Foundation Trust": strategy.PartnerProvider,
	"Northgate Community Health NHS Trust":                strategy.PartnerProvider,
	"Riverside Care Partnership Ltd":                      strategy.PartnerSocialCare,
	"North Riverside Clinical Research Network":           strategy.PartnerNational,
	commissioner: strategy.PartnerCommissioner,
}

// loadPlan adds whatever of the partnership plan is missing. Dates are relative to the day the
// demo is loaded, so the plan is always under way: some actions done, some due, one overdue.
func loadPlan(ctx context.Context, db *store.DB) error {
	sys := store.System
	p, err := partnershipByName(ctx, db, Partnership)
	if err != nil {
		return err
	}
	if _, _, err := db.FrameworkVersion(ctx, strategyKey, strategyVersion); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("demo: the built-in framework %s@%s is not stored: load the built-in frameworks first", strategyKey, strategyVersion)
	} else if err != nil {
		return err
	}
	icb, err := db.OrganisationByName(ctx, commissioner)
	if errors.Is(err, store.ErrNotFound) {
		if icb, err = db.CreateOrganisation(ctx, sys, store.Organisation{Name: commissioner, Kind: "organisation"}); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	partners, err := db.PartnershipPartners(ctx, p.ID)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, pt := range partners {
		ids[pt.Name] = pt.ID
	}
	if ids[commissioner] == 0 {
		if err := db.AddPartner(ctx, sys, p.ID, icb.ID, strategy.PartnerCommissioner); err != nil {
			return err
		}
		ids[commissioner] = icb.ID
	}
	for name, kind := range partnerKinds {
		if ids[name] != 0 {
			if err := db.SetPartnerKind(ctx, sys, p.ID, ids[name], kind); err != nil {
				return err
			}
		}
	}
	trust := ids[Organisations[0].name]
	if p.LeadOrganisationID == 0 {
		if p, err = db.SetPartnershipLead(ctx, sys, p.ID, p.Version, trust); err != nil {
			return err
		}
	}
	plans, err := db.PartnershipPlans(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, pl := range plans {
		if pl.Title == PlanTitle {
			return nil // the plan and the register are there
		}
	}
	return createPlan(ctx, db, p, ids)
}

func partnershipByName(ctx context.Context, db *store.DB, name string) (store.Partnership, error) {
	ps, err := db.Partnerships(ctx)
	if err != nil {
		return store.Partnership{}, err
	}
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
	}
	return store.Partnership{}, fmt.Errorf("demo: partnership %q: %w", name, store.ErrNotFound)
}

func createPlan(ctx context.Context, db *store.DB, p store.Partnership, ids map[string]int64) error {
	sys := store.System
	today := strategy.DateOf(time.Now())
	day := func(n int) strategy.Date { return today.AddDays(n) }
	trust, northgate, care := ids[Organisations[0].name], ids["Northgate Community Health NHS Trust"], ids["Riverside Care Partnership Ltd"]
	network, icb := ids["North Riverside Clinical Research Network"], ids[commissioner]

	plan, err := db.CreatePlan(ctx, sys, store.Plan{PartnershipID: p.ID, Title: PlanTitle, FrameworkKey: strategyKey, FrameworkVersion: strategyVersion,
		Description: "How the partners will keep and attract the staff the area needs, work across organisational boundaries and respond to change together.",
		Priorities:  []string{"finding-1", "finding-2", "finding-5"}})
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	vacancies, err := db.AddObjective(ctx, sys, store.Objective{PlanID: plan.ID, Title: "Reduce registered nursing vacancies across the partnership"})
	if err != nil {
		return err
	}
	careers, err := db.AddObjective(ctx, sys, store.Objective{PlanID: plan.ID, Title: "Offer careers that cross health and social care"})
	if err != nil {
		return err
	}

	// Solutions first, so that one action can adopt one.
	rotations, err := db.CreateSolution(ctx, sys, store.Solution{PartnershipID: p.ID, OrganisationID: northgate,
		Title:     "Rotational posts for newly qualified nurses",
		Problem:   "Newly qualified nurses left within their first year.",
		WhatWeDid: "Two-year rotations across district nursing, a ward and a care home, with one preceptor throughout.",
		Results:   "First-year leavers fell from 1 in 4 to 1 in 10 over two intakes.",
		Contacts:  "Practice education team, Northgate Community Health", Links: "https://example.org/northgate-rotations",
		FrameworkKey: strategyKey, FrameworkVersion: strategyVersion, Priorities: []string{"finding-1", "finding-2"}})
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	for _, s := range []store.Solution{
		{PartnershipID: p.ID, OrganisationID: care, Title: "Shared induction for care home and home care staff",
			Problem: "Every care employer ran its own induction, and staff moving between them repeated it.", WhatWeDid: "One induction recognised by all four employers, run monthly.",
			Results: "Induction days per new starter halved.", FrameworkKey: strategyKey, FrameworkVersion: strategyVersion, Priorities: []string{"finding-2"}},
		{PartnershipID: p.ID, OrganisationID: trust, Title: "Retire and return with flexible contracts",
			Problem: "Experienced nurses retired outright.", WhatWeDid: "Offered part-time and bank contracts before retirement, agreed in one conversation.",
			Results: "Eleven nurses returned in the first year.", FrameworkKey: strategyKey, FrameworkVersion: strategyVersion, Priorities: []string{"finding-1"}},
	} {
		if _, err := db.CreateSolution(ctx, sys, s); err != nil {
			return fmt.Errorf("demo register: %w", err)
		}
	}
	if _, err := db.AddComment(ctx, sys, store.Comment{SolutionID: rotations.ID, OrganisationID: care, Rating: 4,
		Body: "We hosted two rotations: the nurses stayed on our bank afterwards."}); err != nil {
		return err
	}

	type act struct {
		a        store.PlanAction
		note     string
		noteDays int
	}
	acts := []act{
		{store.PlanAction{Action: strategy.Action{Title: "Joint nursing bank across the trusts", ObjectiveID: vacancies.ID, LeadOrgID: trust,
			Partners: []int64{northgate}, Start: day(-150), Due: day(-20), Status: strategy.StatusDone, Priorities: []string{"finding-1"}}},
			"The bank went live with 140 nurses enrolled.", -25},
		{store.PlanAction{Action: strategy.Action{Title: "Rotational posts for newly qualified nurses", ObjectiveID: vacancies.ID, LeadOrgID: trust,
			Partners: []int64{care}, Start: day(-60), Due: day(120), Status: strategy.StatusInProgress, Priorities: []string{"finding-1", "finding-2"}},
			SolutionID: rotations.ID, Description: "Adopts Northgate's rotations from the register."},
			"First six rotations agreed with Riverside Care.", -10},
		{store.PlanAction{Action: strategy.Action{Title: "Health and care apprenticeship pathway", ObjectiveID: careers.ID, LeadOrgID: care,
			Partners: []int64{icb, northgate}, Start: day(-30), Due: day(20), Status: strategy.StatusInProgress, Priorities: []string{"finding-2"}}},
			"", 0},
		{store.PlanAction{Action: strategy.Action{Title: "Commission a shared workforce planning service", LeadOrgID: icb,
			Start: day(-90), Due: day(-5), Status: strategy.StatusBlocked, Priorities: []string{"finding-5"}}},
			"Waiting for the partners' agreement on funding.", -7},
		{store.PlanAction{Action: strategy.Action{Title: "Research careers for nurses and allied health professionals", ObjectiveID: careers.ID,
			LeadOrgID: network, Partners: []int64{trust}, Start: day(30), Due: day(300), Status: strategy.StatusPlanned, Priorities: []string{"finding-1", "finding-5"}}},
			"", 0},
	}
	var created []store.PlanAction
	for _, x := range acts {
		x.a.PlanID = plan.ID
		a, err := db.CreateAction(ctx, sys, x.a)
		if err != nil {
			return fmt.Errorf("demo action %q: %w", x.a.Title, err)
		}
		created = append(created, a)
		if x.note != "" {
			if _, err := db.AddPlanActionNote(ctx, sys, store.Note{ActionID: a.ID, On: day(x.noteDays), Body: x.note}); err != nil {
				return err
			}
		}
	}
	if err := db.AddDependency(ctx, sys, plan.ID, strategy.Dependency{Action: created[4].ID, DependsOn: created[3].ID}); err != nil {
		return err
	}
	for _, r := range []strategy.Risk{
		{Title: "Agency spend rises while the bank grows", Likelihood: 3, Impact: 4, Mitigation: "Monthly bank fill-rate review by the partnership board."},
		{Title: "Funding for the shared planning service is not agreed", Likelihood: 3, Impact: 3, ActionID: created[3].ID,
			Mitigation: "Options paper to the next board."},
	} {
		if _, err := db.AddRisk(ctx, sys, plan.ID, r); err != nil {
			return err
		}
	}
	vacancy, err := db.AddMeasure(ctx, sys, plan.ID, strategy.Measure{ObjectiveID: vacancies.ID, Title: "Registered nursing vacancy rate",
		Unit: "%", Baseline: 1250, Target: 800, Direction: strategy.Decrease, TargetDate: day(540)})
	if err != nil {
		return err
	}
	for i, v := range []strategy.Amount{1250, 1210, 1140, 1080} {
		if err := db.AddMeasureValue(ctx, sys, plan.ID, vacancy.ID, strategy.Value{On: day(-90 + 30*i), Value: v}); err != nil {
			return err
		}
	}
	survey, err := db.AddMeasure(ctx, sys, plan.ID, strategy.Measure{ObjectiveID: careers.ID, Title: "Staff who would recommend the partnership as a place to work",
		Unit: "%", Baseline: 5800, Target: 6500, Direction: strategy.Increase, TargetDate: day(540)})
	if err != nil {
		return err
	}
	for i, v := range []strategy.Amount{5800, 5750} {
		if err := db.AddMeasureValue(ctx, sys, plan.ID, survey.ID, strategy.Value{On: day(-180 + 180*i), Value: v}); err != nil {
			return err
		}
	}
	_, err = db.AddResource(ctx, sys, store.Resource{PartnershipID: p.ID, FrameworkKey: strategyKey, PriorityKey: "finding-1",
		Kind: "case-study", Title: "Retention in community nursing: Northgate's rotations", URL: "https://example.org/northgate-rotations"})
	return err
}
