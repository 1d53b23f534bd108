package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// A scenario is its author's draft until shared; a shared one can be locked, and a locked one
// refuses changes, deletion and being taken back as a draft until it is unlocked.
func TestScenarioSharingAndLocking(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		colleague := store.Actor{UserID: must(db.CreateUser(ctx, store.System, store.User{Email: "colleague@a.example", Name: "Cal Colleague"})).ID}
		sc := must(db.CreateScenario(ctx, w.actor, w.aService.ID, "Draft", ""))
		if sc.Shared || !sc.VisibleTo(w.actor.UserID) || sc.VisibleTo(colleague.UserID) {
			t.Fatalf("new scenario %+v should be the author's draft", sc)
		}
		if list := must(db.UnitScenarios(ctx, w.aService.ID, colleague.UserID)); len(list) != 0 {
			t.Errorf("a colleague lists another's draft: %+v", list)
		}
		if _, err := db.LockScenario(ctx, w.actor, sc.ID, sc.Version, true); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("locking a draft: %v", err)
		}
		if _, err := db.ShareScenario(ctx, colleague, sc.ID, sc.Version, true); !errors.Is(err, store.ErrNotAuthor) {
			t.Errorf("a colleague shared another's draft: %v", err)
		}
		if _, err := db.ShareScenario(ctx, w.actor, sc.ID, sc.Version+1, true); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale share: %v", err)
		}
		sc = must(db.ShareScenario(ctx, w.actor, sc.ID, sc.Version, true))
		if list := must(db.UnitScenarios(ctx, w.aService.ID, colleague.UserID)); len(list) != 1 || !list[0].Shared {
			t.Errorf("a colleague does not see the shared scenario: %+v", list)
		}
		sc = must(db.LockScenario(ctx, colleague, sc.ID, sc.Version, true))
		got := must(db.Scenario(ctx, sc.ID))
		if !got.Locked() || got.LockedBy != colleague.UserID || got.Version != sc.Version {
			t.Fatalf("locked %+v", got)
		}
		change := workforce.ScenarioChange{Kind: workforce.ChangeRemove, PostIDs: []int64{w.post2.ID}, Reason: "Not needed"}
		next := got
		next.Changes = []workforce.ScenarioChange{change}
		var le *store.LockedError
		if _, err := db.SaveScenario(ctx, w.actor, next); !errors.As(err, &le) || !errors.Is(err, store.ErrLocked) || le.LockedBy != colleague.UserID {
			t.Errorf("change to a locked scenario: %v", err)
		}
		if err := db.DeleteScenario(ctx, w.actor, got.ID, got.Version); !errors.Is(err, store.ErrLocked) {
			t.Errorf("delete of a locked scenario: %v", err)
		}
		if _, err := db.ShareScenario(ctx, w.actor, got.ID, got.Version, false); !errors.Is(err, store.ErrLocked) {
			t.Errorf("a locked scenario taken back as a draft: %v", err)
		}
		// A copy of an agreed scenario is the copier's unlocked draft.
		copied := must(db.CopyScenario(ctx, colleague, got.ID, "Variant"))
		if copied.Locked() || copied.Shared || copied.CreatedBy != colleague.UserID {
			t.Errorf("copy %+v", copied)
		}
		unlocked := must(db.LockScenario(ctx, w.actor, got.ID, got.Version, false))
		next.Version = unlocked.Version
		saved := must(db.SaveScenario(ctx, w.actor, next))
		if saved.Locked() || len(saved.Changes) != 1 {
			t.Errorf("after unlocking %+v", saved)
		}
		again := must(db.Scenario(ctx, got.ID))
		if again.Locked() || !again.Shared || len(again.Changes) != 1 {
			t.Errorf("stored %+v", again)
		}
	})
}
