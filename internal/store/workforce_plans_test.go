package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func TestPlanMethodIsTheSixSteps(t *testing.T) {
	title, steps, err := store.PlanMethod()
	if err != nil || len(steps) != 6 || steps[0].Title != "Define the plan" || steps[5].Title != "Implement, monitor and refresh" || title == "" {
		t.Fatalf("method %q %+v %v", title, steps, err)
	}
}

func TestWorkforcePlanSteps(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		if _, err := db.CreateWorkforcePlan(ctx, w.actor, w.aService.ID, " "); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("plan without a title: %v", err)
		}
		plan := must(db.CreateWorkforcePlan(ctx, w.actor, w.aService.ID, "Wards  2027"))
		if plan.Title != "Wards 2027" || plan.MethodKey != "six-steps" {
			t.Errorf("plan %+v", plan)
		}
		mine := must(db.CreateScenario(ctx, w.actor, w.aService.ID, "Ours", ""))
		theirs := must(db.CreateScenario(ctx, w.actor, w.b.ID, "Another trust's", ""))
		_, steps, err := db.PlanSteps(ctx, plan.ID)
		if err != nil || len(steps) != 6 || steps[2].Key != "define-required-workforce" || steps[2].Version != 0 || steps[2].Status != workforce.StepNotStarted {
			t.Fatalf("steps %+v %v", steps, err)
		}
		step := workforce.PlanStep{Key: "define-required-workforce", Status: workforce.StepInProgress, Notes: "Two APs",
			ScenarioIDs: []int64{mine.ID}, Actions: []workforce.PlanAction{{Title: "Cost the APs", Owner: "Finance", Due: "31/03/2027"}}}
		bad := step
		bad.ScenarioIDs = []int64{theirs.ID}
		var inv *store.InvalidPlanError
		if _, err := db.SavePlanStep(ctx, w.actor, plan.ID, bad, 0); !errors.As(err, &inv) || inv.Problems[0].Field != "scenarios" {
			t.Errorf("another unit's scenario linked: %v", err)
		}
		if _, err := db.SavePlanStep(ctx, w.actor, plan.ID, workforce.PlanStep{Key: "step-seven"}, 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown step: %v", err)
		}
		saved := must(db.SavePlanStep(ctx, w.actor, plan.ID, step, 0))
		if saved.Version != 1 || saved.Actions[0].Due != "2027-03-31" {
			t.Errorf("saved %+v", saved)
		}
		if _, err := db.SavePlanStep(ctx, w.actor, plan.ID, step, 0); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a second first save: %v", err)
		}
		step.Status = workforce.StepDone
		if _, err := db.SavePlanStep(ctx, w.actor, plan.ID, step, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SavePlanStep(ctx, w.actor, plan.ID, step, 1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale save: %v", err)
		}
		_, steps, _ = db.PlanSteps(ctx, plan.ID)
		if got := steps[2]; got.Version != 2 || got.Status != workforce.StepDone || got.Notes != "Two APs" || len(got.ScenarioIDs) != 1 || got.ScenarioIDs[0] != mine.ID {
			t.Errorf("stored %+v", got)
		}
		if list := must(db.UnitWorkforcePlans(ctx, w.aService.ID)); len(list) != 1 || list[0].Version != 3 {
			t.Errorf("plans %+v", list)
		}
		if list := must(db.UnitWorkforcePlans(ctx, w.b.ID)); len(list) != 0 {
			t.Errorf("Trust B sees plans %+v", list)
		}
	})
}

// A step cannot link a colleague's draft scenario (its existence is not theirs to know), but a
// draft its author linked stays linked when a colleague saves the step.
func TestWorkforcePlanStepDrafts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		colleague := store.Actor{UserID: must(db.CreateUser(ctx, store.System, store.User{Email: "c@a.example", Name: "Cal"})).ID}
		plan := must(db.CreateWorkforcePlan(ctx, w.actor, w.aService.ID, "Plan"))
		draft := must(db.CreateScenario(ctx, w.actor, w.aService.ID, "Author's draft", ""))
		step := workforce.PlanStep{Key: "plan-to-deliver", Status: workforce.StepInProgress, ScenarioIDs: []int64{draft.ID}}
		if _, err := db.SavePlanStep(ctx, colleague, plan.ID, step, 0); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a colleague linked another's draft: %v", err)
		}
		must(db.SavePlanStep(ctx, w.actor, plan.ID, step, 0))
		step.Notes = "Colleague's notes"
		if got := must(db.SavePlanStep(ctx, colleague, plan.ID, step, 1)); len(got.ScenarioIDs) != 1 {
			t.Errorf("the author's draft was unlinked: %+v", got)
		}
	})
}
