package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// A retrain change is saved only if its people work in the unit and its competence is one its
// roles' frameworks have at a level of the scale; the comparison counts what they gain.
func TestScenarioRetrain(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		sc := must(db.CreateScenario(ctx, w.actor, w.aService.ID, "Preceptorship", ""))
		retrain := func(person int64, node, level string) workforce.ScenarioChange {
			return workforce.ScenarioChange{Kind: workforce.ChangeRetrain, Reason: "Preceptorship", PersonIDs: []int64{person},
				Gains: []workforce.Gain{{FrameworkKey: "ksf", NodeKey: node, LevelKey: level}}}
		}
		bad := []struct {
			name   string
			change workforce.ScenarioChange
			field  string
		}{
			{"Bo works in Trust B", retrain(w.bo.ID, "c1", "level-2"), "changes[0].person_ids"},
			{"Erin's assignment ended", retrain(w.erin.ID, "c1", "level-2"), "changes[0].person_ids"},
			{"no such competence", retrain(w.sam.ID, "c99", "level-2"), "changes[0].competences[0].node_key"},
			{"off the scale", retrain(w.sam.ID, "c1", "level-9"), "changes[0].competences[0].level_key"},
		}
		for _, tc := range bad {
			next := sc
			next.Changes = []workforce.ScenarioChange{tc.change}
			_, err := db.SaveScenario(ctx, w.actor, next)
			var inv *store.InvalidScenarioError
			if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Field != tc.field {
				t.Errorf("%s: %v, want one problem on %s", tc.name, err, tc.field)
			}
		}
		if got := must(db.Scenario(ctx, sc.ID)); got.Version != sc.Version || len(got.Changes) != 0 {
			t.Fatalf("a refused change was saved: %+v", got)
		}

		// Sam (Ward 1) gains c1 at level 2: coverage of c1 was demand 3 (Ward 1: 2, Ward 2: 1),
		// held 1 (Priya), shortfall 2; now held 2, shortfall 1. Posts and cost do not move.
		next := sc
		next.Changes = []workforce.ScenarioChange{retrain(w.sam.ID, "c1", "level-2")}
		saved := must(db.SaveScenario(ctx, w.actor, next))
		if c := saved.Changes[0]; c.By != w.actor.UserID || c.At == "" || len(c.PersonIDs) != 1 || c.Gains[0].LevelKey != "level-2" {
			t.Errorf("saved change %+v", c)
		}
		_, _, cmp, ps, err := db.ScenarioComparison(ctx, must(db.Scenario(ctx, sc.ID)))
		if err != nil || len(ps) > 0 {
			t.Fatal(err, ps)
		}
		var c1 *workforce.CoverageChange
		for i := range cmp.Coverage {
			if cmp.Coverage[i].Competence.NodeKey == "c1" {
				c1 = &cmp.Coverage[i]
			}
		}
		if c1 == nil || c1.Current != (workforce.Cell{Demand: 3, Held: 1, Shortfall: 2}) || c1.Scenario != (workforce.Cell{Demand: 3, Held: 2, Shortfall: 1}) || c1.ShortfallChange() != -1 {
			t.Errorf("coverage of c1: %+v", c1)
		}
		if cmp.Total.Changed() {
			t.Errorf("retraining moved posts or cost: %+v", cmp.Total)
		}

		// The same again is a duplicate; a higher level is not.
		again := saved
		again.Changes = append(append([]workforce.ScenarioChange{}, saved.Changes...), retrain(w.sam.ID, "c1", "level-2"))
		if _, err := db.SaveScenario(ctx, w.actor, again); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a duplicate retraining: %v", err)
		}
		again.Changes[1] = retrain(w.sam.ID, "c1", "level-3")
		saved = must(db.SaveScenario(ctx, w.actor, again))

		// Sam leaves: the saved changes still replay (their retraining counts nowhere), and a
		// new change can still be added; a new one naming Sam cannot.
		sam := must(db.Person(ctx, w.sam.ID))
		sam.Assignments[0].End = "2021-01-01"
		must(db.UpdatePerson(ctx, w.actor, sam))
		more := saved
		more.Changes = append(append([]workforce.ScenarioChange{}, saved.Changes...),
			workforce.ScenarioChange{Kind: workforce.ChangeFTE, Reason: "Part time", PostIDs: []int64{w.post3.ID}, FTE: 40})
		saved = must(db.SaveScenario(ctx, w.actor, more))
		if _, _, _, ps, err := db.ScenarioComparison(ctx, saved); err != nil || len(ps) > 0 {
			t.Errorf("a scenario whose retrained person left: %v %v", err, ps)
		}
		more = saved
		more.Changes = append(append([]workforce.ScenarioChange{}, saved.Changes...), retrain(w.sam.ID, "c3", "level-1"))
		if _, err := db.SaveScenario(ctx, w.actor, more); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("retraining someone who has left: %v", err)
		}
	})
}
