package demo

import (
	"context"
	"fmt"

	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// loadGeneratedPlans saves the generated partnerships (partners and lead in one transaction,
// store.CreatePartnershipWith) and their plans: objectives, actions with their partners and
// progress notes, a measure with its values, and risks.
func loadGeneratedPlans(ctx context.Context, db *store.DB, g *generate.Generator, orgIDs []int64, res *GeneratedResult, progress func(generate.Progress)) error {
	f, err := g.Strategy()
	if err != nil {
		return err
	}
	ps, err := g.Partnerships()
	if err != nil {
		return err
	}
	sys := store.System
	today := strategy.DateOf(db.Today().Time())
	for k, pr := range ps {
		var partners []store.NewPartner
		for _, m := range pr.Members {
			partners = append(partners, store.NewPartner{OrganisationID: orgIDs[m], Kind: strategy.PartnerProvider})
		}
		p, err := db.CreatePartnershipWith(ctx, sys, store.Partnership{Name: pr.Name, LeadOrganisationID: orgIDs[pr.Lead],
			Description: "Generated partnership of neighbouring organisations."}, partners)
		if err != nil {
			return fmt.Errorf("generated partnership %q: %w", pr.Name, err)
		}
		res.Partnerships++
		pl := pr.Plan
		plan, err := db.CreatePlan(ctx, sys, store.Plan{PartnershipID: p.ID, Title: pl.Title, Description: pl.Description,
			FrameworkKey: f.Key, FrameworkVersion: f.Version, Priorities: pl.Priorities})
		if err != nil {
			return fmt.Errorf("generated plan %q: %w", pl.Title, err)
		}
		res.Plans++
		var objectives []int64
		for _, title := range pl.Objectives {
			o, err := db.AddObjective(ctx, sys, store.Objective{PlanID: plan.ID, Title: title})
			if err != nil {
				return err
			}
			objectives = append(objectives, o.ID)
		}
		var actions []int64
		for _, a := range pl.Actions {
			act := store.PlanAction{PlanID: plan.ID, Action: strategy.Action{Title: a.Title, LeadOrgID: orgIDs[a.Lead],
				Start: today.AddDays(a.StartDays), Due: today.AddDays(a.DueDays), Status: a.Status, Priorities: a.Priorities}}
			if a.Objective >= 0 {
				act.ObjectiveID = objectives[a.Objective]
			}
			for _, m := range a.Partners {
				act.Partners = append(act.Partners, orgIDs[m])
			}
			saved, err := db.CreateAction(ctx, sys, act)
			if err != nil {
				return fmt.Errorf("generated action %q: %w", a.Title, err)
			}
			actions = append(actions, saved.ID)
			res.PlanActions++
			if a.Note != "" {
				if _, err := db.AddPlanActionNote(ctx, sys, store.Note{ActionID: saved.ID, On: today.AddDays(a.NoteDays), Body: a.Note}); err != nil {
					return err
				}
			}
		}
		m := pl.Measure
		m.ObjectiveID, m.TargetDate, m.Values = objectives[0], today.AddDays(pl.TargetDays), nil
		saved, err := db.AddMeasure(ctx, sys, plan.ID, m)
		if err != nil {
			return fmt.Errorf("generated measure: %w", err)
		}
		for i, v := range pl.Measure.Values {
			v.On = today.AddDays(pl.MeasureDays[i])
			if err := db.AddMeasureValue(ctx, sys, plan.ID, saved.ID, v); err != nil {
				return err
			}
		}
		for _, r := range pl.Risks {
			if r.ActionID > 0 {
				r.ActionID = actions[r.ActionID-1]
			}
			if _, err := db.AddRisk(ctx, sys, plan.ID, r); err != nil {
				return fmt.Errorf("generated risk: %w", err)
			}
		}
		if progress != nil {
			progress(generate.Progress{Stage: "partnership plans", Done: k + 1, Total: len(ps)})
		}
	}
	return nil
}
