package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Sharing and locking scenarios (decision 0012). A new scenario is its author's draft until they
// share it with the unit's managers, planners and administrators (those who may PlanWorkforce
// there); a shared scenario can be locked when it is agreed, and then refuses changes and
// deletion until someone who may plan the unit unlocks it (recorded in the audit log).

// ErrLocked means the scenario is locked as agreed: unlock it first, or copy it.
var ErrLocked = errors.New("locked")

// LockedError says who locked the scenario and when.
type LockedError struct {
	ID       int64
	LockedBy int64
	LockedAt time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("store: scenario %d is locked since %s", e.ID, e.LockedAt.Format(time.RFC3339))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

func lockedError(sc Scenario) error {
	return &LockedError{ID: sc.ID, LockedBy: sc.LockedBy, LockedAt: sc.LockedAt}
}

// ErrNotAuthor means only the author of a scenario may share it or take it back as a draft.
var ErrNotAuthor = errors.New("not the author")

// ShareScenario shares the scenario with the unit's planners (shared) or takes it back as its
// author's draft, at the version that was read. Only the author may do either; a locked
// scenario stays shared (it was agreed with others).
func (db *DB) ShareScenario(ctx context.Context, a Actor, id int64, version int, shared bool) (Scenario, error) {
	return db.scenarioFlag(ctx, a, id, version, func(t *tx, cur *Scenario) (string, error) {
		if cur.CreatedBy != 0 && cur.CreatedBy != a.UserID {
			return "", fmt.Errorf("%w: scenario %d", ErrNotAuthor, id)
		}
		if !shared && cur.Locked() {
			return "", lockedError(*cur)
		}
		cur.Shared = shared
		if shared {
			return "shared scenario %d with the unit's planners", nil
		}
		return "took scenario %d back as a draft", nil
	})
}

// LockScenario locks the scenario as agreed (locked) or unlocks it, at the version read. Only a
// shared scenario can be locked: an agreement needs others to see it.
func (db *DB) LockScenario(ctx context.Context, a Actor, id int64, version int, locked bool) (Scenario, error) {
	return db.scenarioFlag(ctx, a, id, version, func(t *tx, cur *Scenario) (string, error) {
		if locked {
			if !cur.Shared && cur.CreatedBy != 0 {
				return "", fmt.Errorf("%w: share the scenario before locking it", ErrInvalid)
			}
			cur.LockedBy, cur.LockedAt = a.UserID, t.db.now()
			return "locked scenario %d as agreed", nil
		}
		cur.LockedBy, cur.LockedAt = 0, time.Time{}
		return "unlocked scenario %d", nil
	})
}

// scenarioFlag reads the scenario at version, lets change set its flags (returning the audit
// summary), and saves them with a new version.
func (db *DB) scenarioFlag(ctx context.Context, a Actor, id int64, version int, change func(*tx, *Scenario) (string, error)) (Scenario, error) {
	var out Scenario
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanScenario(t.row(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: scenario %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		summary, err := change(t, &cur)
		if err != nil {
			return err
		}
		var lockedAt any
		if cur.Locked() {
			lockedAt = cur.LockedAt
		}
		now := t.db.now()
		res, err := t.exec(ctx, `UPDATE scenarios SET shared = ?, locked_by = ?, locked_at = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, cur.Shared, nullID(cur.LockedBy), lockedAt, now, id, version)
		if err != nil {
			return mapErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: scenario %d changed meanwhile", ErrConflict, id)
		}
		cur.Version, cur.UpdatedAt = version+1, now
		out = cur
		return t.record(ctx, a, AuditEntry{OrganisationID: cur.UnitID, Entity: EntityScenario, EntityID: strconv.FormatInt(id, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf(summary, id), Fields: []string{"shared", "locked"}})
	})
	if err != nil {
		return Scenario{}, err
	}
	return out, nil
}
