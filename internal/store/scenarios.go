package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/workforce"
)

// Scenarios (issue 6): a named future version of a unit's establishment, its base (the unit's
// posts when it was made) and its changes, each with a reason. The store checks every change
// list by replaying it (workforce.ApplyChanges) against the unit's teams and the employer's
// roles before saving, and saves at the version that was read (ErrConflict otherwise).

// EntityScenario names scenarios in the audit log.
const EntityScenario = "scenario"

// Scenario is a stored scenario.
type Scenario struct {
	ID          int64
	UnitID      int64
	Name        string
	Description string
	Base        []workforce.Post
	Changes     []workforce.ScenarioChange
	Version     int
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Shared is false while the scenario is its author's draft (decision 0012).
	Shared bool
	// LockedBy and LockedAt are set while it is locked as agreed (LockedAt is zero otherwise).
	LockedBy int64
	LockedAt time.Time
}

// Locked says whether the scenario is locked as agreed: it refuses changes until unlocked.
func (sc Scenario) Locked() bool { return !sc.LockedAt.IsZero() }

// VisibleTo says whether a user who may plan the scenario's unit sees it: a shared scenario, or
// their own draft. A draft whose author is gone (or made by the system) counts as shared, so
// nothing is left that nobody can see.
func (sc Scenario) VisibleTo(userID int64) bool {
	return sc.Shared || sc.CreatedBy == 0 || sc.CreatedBy == userID
}

// InvalidScenarioError lists what is wrong with a scenario or its changes; nothing was saved.
type InvalidScenarioError struct{ Problems []workforce.Problem }

func (e *InvalidScenarioError) Error() string {
	var b strings.Builder
	b.WriteString("store: invalid scenario:")
	for _, p := range e.Problems {
		fmt.Fprintf(&b, " %s: %s;", p.Field, p.Message)
	}
	return b.String()
}

func (e *InvalidScenarioError) Unwrap() error { return ErrInvalid }

const scenarioColumns = `id, unit_id, name, description, base, changes, version, created_by, created_at, updated_at, shared, locked_by, locked_at`

func scanScenario(s scanner) (Scenario, error) {
	var sc Scenario
	var base, changes string
	err := s.Scan(&sc.ID, &sc.UnitID, &sc.Name, &sc.Description, &base, &changes, &sc.Version, idCol{&sc.CreatedBy},
		timeCol{&sc.CreatedAt}, timeCol{&sc.UpdatedAt}, &sc.Shared, idCol{&sc.LockedBy}, timeCol{&sc.LockedAt})
	if err != nil {
		return sc, notFound(err)
	}
	if err := json.Unmarshal([]byte(base), &sc.Base); err != nil {
		return sc, fmt.Errorf("store: scenario %d base: %w", sc.ID, err)
	}
	if err := json.Unmarshal([]byte(changes), &sc.Changes); err != nil {
		return sc, fmt.Errorf("store: scenario %d changes: %w", sc.ID, err)
	}
	return sc, nil
}

func checkScenarioText(name, description string) []workforce.Problem {
	var ps []workforce.Problem
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		ps = append(ps, workforce.Problem{Field: "name", Message: "Enter a name for the scenario"})
	case n > workforce.MaxScenarioName:
		ps = append(ps, workforce.Problem{Field: "name", Message: fmt.Sprintf("The name must be %d characters or fewer", workforce.MaxScenarioName)})
	}
	if utf8.RuneCountInString(description) > workforce.MaxScenarioNotes {
		ps = append(ps, workforce.Problem{Field: "description", Message: fmt.Sprintf("The notes must be %d characters or fewer", workforce.MaxScenarioNotes)})
	}
	return ps
}

// Scenario returns one scenario.
func (db *DB) Scenario(ctx context.Context, id int64) (Scenario, error) {
	return scanScenario(db.r().row(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, id))
}

// UnitScenarios returns the scenarios of a unit that the user sees (shared ones and their own
// drafts: Scenario.VisibleTo), newest change first.
func (db *DB) UnitScenarios(ctx context.Context, unitID, viewerID int64) ([]Scenario, error) {
	rows, err := db.r().query(ctx, `SELECT `+scenarioColumns+` FROM scenarios
		WHERE unit_id = ? AND (shared = ? OR created_by IS NULL OR created_by = ?) ORDER BY updated_at DESC, id DESC`, unitID, true, viewerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scenario
	for rows.Next() {
		sc, err := scanScenario(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// ScenarioRules are the teams of a unit and the roles of its employer, which a scenario's
// changes may refer to.
func (db *DB) ScenarioRules(ctx context.Context, unitID int64) (workforce.ScenarioRules, error) {
	e, err := db.r().employerOf(ctx, unitID)
	if err != nil {
		return workforce.ScenarioRules{}, err
	}
	return workforce.ScenarioRules{IsTeam: func(id int64) bool { return e.teams[id] }, IsRole: func(id int64) bool { return e.roles[id] }}, nil
}

// CreateScenario makes a scenario of a unit from its posts as they are now.
func (db *DB) CreateScenario(ctx context.Context, a Actor, unitID int64, name, description string) (Scenario, error) {
	name, description = strings.Join(strings.Fields(name), " "), strings.TrimSpace(description)
	if ps := checkScenarioText(name, description); len(ps) > 0 {
		return Scenario{}, &InvalidScenarioError{Problems: ps}
	}
	in, err := db.Establishment(ctx, unitID)
	if err != nil {
		return Scenario{}, err
	}
	if in.Posts == nil {
		in.Posts = []workforce.Post{}
	}
	base, err := json.Marshal(in.Posts)
	if err != nil {
		return Scenario{}, err
	}
	now := db.now()
	sc := Scenario{UnitID: unitID, Name: name, Description: description, Base: in.Posts, Changes: []workforce.ScenarioChange{},
		Version: 1, CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now, Shared: a.UserID == 0}
	err = db.tx(ctx, func(t *tx) error {
		if err := t.row(ctx, `INSERT INTO scenarios (unit_id, name, description, base, changes, version, created_by, created_at, updated_at, shared)
			VALUES (?, ?, ?, ?, '[]', 1, ?, ?, ?, ?) RETURNING id`, unitID, name, description, string(base), nullID(a.UserID), now, now, sc.Shared).Scan(&sc.ID); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: unitID, Entity: EntityScenario, EntityID: strconv.FormatInt(sc.ID, 10),
			Action: ActionCreate, Summary: fmt.Sprintf("created scenario %d from %d posts", sc.ID, len(in.Posts)), Fields: []string{"name", "base"}})
	})
	if err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

// SaveScenario saves a scenario's name, notes and changes at the version that was read. The
// changes must replay on the base; each new change is stamped with who made it and when.
func (db *DB) SaveScenario(ctx context.Context, a Actor, sc Scenario) (Scenario, error) {
	sc.Name, sc.Description = strings.Join(strings.Fields(sc.Name), " "), strings.TrimSpace(sc.Description)
	// New retrain changes are checked against the unit's people and competences today, loaded
	// before the transaction (outside the write lock); the version check inside still decides.
	var unit *workforce.ScenarioRules
	if pre, err := db.Scenario(ctx, sc.ID); err == nil && workforce.HasRetraining(sc.Changes[checkedChanges(pre.Changes, sc.Changes):]) {
		r, err := db.ScenarioChangeRules(ctx, pre, sc.Changes)
		if err != nil {
			return Scenario{}, err
		}
		unit = &r
	}
	var out Scenario
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanScenario(t.row(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, sc.ID))
		if err != nil {
			return err
		}
		if cur.Version != sc.Version {
			return fmt.Errorf("%w: scenario %d is at version %d, not %d", ErrConflict, sc.ID, cur.Version, sc.Version)
		}
		if cur.Locked() {
			return lockedError(cur)
		}
		ps := checkScenarioText(sc.Name, sc.Description)
		e, err := t.employerOf(ctx, cur.UnitID)
		if err != nil {
			return err
		}
		rules := workforce.ScenarioRules{IsTeam: func(id int64) bool { return e.teams[id] }, IsRole: func(id int64) bool { return e.roles[id] }}
		if unit != nil {
			rules.IsPerson, rules.Competence = unit.IsPerson, unit.Competence
		}
		// Changes kept as they were stored were checked when they were made.
		rules.Checked = checkedChanges(cur.Changes, sc.Changes)
		if sc.Changes == nil {
			sc.Changes = []workforce.ScenarioChange{}
		}
		for i := range sc.Changes {
			sc.Changes[i].Reason = strings.TrimSpace(sc.Changes[i].Reason)
			if i >= len(cur.Changes) {
				sc.Changes[i].By, sc.Changes[i].At = a.UserID, t.db.now().Format(time.RFC3339)
			}
		}
		if _, cps := workforce.ApplyChanges(cur.Base, sc.Changes, rules); len(cps) > 0 {
			ps = append(ps, cps...)
		}
		if len(ps) > 0 {
			return &InvalidScenarioError{Problems: ps}
		}
		changes, err := json.Marshal(sc.Changes)
		if err != nil {
			return err
		}
		now := t.db.now()
		res, err := t.exec(ctx, `UPDATE scenarios SET name = ?, description = ?, changes = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, sc.Name, sc.Description, string(changes), now, sc.ID, cur.Version)
		if err != nil {
			return mapErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: scenario %d changed meanwhile", ErrConflict, sc.ID)
		}
		out = cur
		out.Name, out.Description, out.Changes, out.Version, out.UpdatedAt = sc.Name, sc.Description, sc.Changes, cur.Version+1, now
		return t.record(ctx, a, AuditEntry{OrganisationID: cur.UnitID, Entity: EntityScenario, EntityID: strconv.FormatInt(sc.ID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("scenario %d: %d changes (was %d)", sc.ID, len(sc.Changes), len(cur.Changes)),
			Fields: []string{"name", "description", "changes"}})
	})
	if err != nil {
		return Scenario{}, err
	}
	return out, nil
}

// DeleteScenario removes a scenario at the version that was read.
func (db *DB) DeleteScenario(ctx context.Context, a Actor, id int64, version int) error {
	return db.tx(ctx, func(t *tx) error {
		cur, err := scanScenario(t.row(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: scenario %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		if cur.Locked() {
			return lockedError(cur)
		}
		if _, err := t.exec(ctx, `DELETE FROM scenarios WHERE id = ? AND version = ?`, id, version); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: cur.UnitID, Entity: EntityScenario, EntityID: strconv.FormatInt(id, 10),
			Action: ActionDelete, Summary: fmt.Sprintf("deleted scenario %d with %d changes", id, len(cur.Changes))})
	})
}

// ScenarioInputs loads what a scenario is compared from: the unit's establishment today (with
// the roles of every post of the scenario, including roles only its new posts have) and the
// scenario's posts, replayed from its base and changes. problems is not empty when the changes
// no longer replay (a role or team has gone since): the caller shows it, nothing is worked out.
func (db *DB) ScenarioInputs(ctx context.Context, sc Scenario) (today workforce.ProfileInput, posts []workforce.Post, problems []workforce.Problem, err error) {
	today, err = db.Establishment(ctx, sc.UnitID)
	if err != nil {
		return today, nil, nil, err
	}
	rules, err := db.ScenarioRules(ctx, sc.UnitID)
	if err != nil {
		return today, nil, nil, err
	}
	posts, problems = workforce.ApplyChanges(sc.Base, sc.Changes, rules)
	if len(problems) > 0 {
		return today, posts, problems, nil
	}
	ids := make([]int64, 0, len(posts))
	for _, p := range posts {
		ids = append(ids, p.RoleID)
	}
	return today, posts, nil, db.ProfileRoles(ctx, ids, today.Roles)
}

// CopyScenario makes a new scenario with the same base and changes (their reasons, authors and
// dates kept) under a new name, so a variant can be tried without losing the original.
func (db *DB) CopyScenario(ctx context.Context, a Actor, id int64, name string) (Scenario, error) {
	name = strings.Join(strings.Fields(name), " ")
	if ps := checkScenarioText(name, ""); len(ps) > 0 {
		return Scenario{}, &InvalidScenarioError{Problems: ps}
	}
	var out Scenario
	err := db.tx(ctx, func(t *tx) error {
		src, err := scanScenario(t.row(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, id))
		if err != nil {
			return err
		}
		now := t.db.now()
		out = src
		// A copy is the copier's draft, unlocked: a variant of an agreed scenario can be tried.
		out.Name, out.Version, out.CreatedBy, out.CreatedAt, out.UpdatedAt = name, 1, a.UserID, now, now
		out.Shared, out.LockedBy, out.LockedAt = a.UserID == 0, 0, time.Time{}
		if err := t.row(ctx, `INSERT INTO scenarios (unit_id, name, description, base, changes, version, created_by, created_at, updated_at, shared)
			SELECT unit_id, ?, description, base, changes, 1, ?, ?, ?, ? FROM scenarios WHERE id = ? RETURNING id`,
			name, nullID(a.UserID), now, now, out.Shared, id).Scan(&out.ID); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: src.UnitID, Entity: EntityScenario, EntityID: strconv.FormatInt(out.ID, 10),
			Action: ActionCreate, Summary: fmt.Sprintf("copied scenario %d into scenario %d", id, out.ID), Fields: []string{"name", "base", "changes"}})
	})
	if err != nil {
		return Scenario{}, err
	}
	return out, nil
}
