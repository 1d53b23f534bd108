package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// Workforce plans (issue 6, decision 0012): a plan of a unit walks through the steps of the Six
// Steps method, read from the built-in framework file (its names and guidance are data, not
// code). Each step's status, notes, linked scenarios and actions are one row under one version.

// EntityWorkforcePlan names workforce plans in the audit log.
const EntityWorkforcePlan = "workforce_plan"

// The method every plan follows today; a plan records the version it was made with.
const (
	PlanMethodKey     = "six-steps"
	PlanMethodVersion = "1.0"
)

// MethodStep is one step of a planning method: its key, number, name and guidance.
type MethodStep struct {
	Key, Code, Title, Description string
}

var (
	methodOnce  sync.Once
	methodSteps []MethodStep
	methodTitle string
	methodErr   error
)

// PlanMethod returns the title and steps of the built-in Six Steps method, in order.
func PlanMethod() (string, []MethodStep, error) {
	methodOnce.Do(func() {
		data, err := frameworks.FS.ReadFile(PlanMethodKey + "-" + PlanMethodVersion + ".yaml")
		if err != nil {
			methodErr = err
			return
		}
		f, ps := framework.Load(data, PlanMethodKey+"-"+PlanMethodVersion+".yaml")
		if f == nil || len(ps) > 0 {
			methodErr = fmt.Errorf("store: the %s method does not load: %v", PlanMethodKey, ps)
			return
		}
		methodTitle = f.Title
		for _, n := range f.Nodes {
			if n.Type == "step" {
				methodSteps = append(methodSteps, MethodStep{Key: n.Key, Code: n.Code, Title: n.Title, Description: strings.TrimSpace(n.Description)})
			}
		}
		if len(methodSteps) == 0 {
			methodErr = fmt.Errorf("store: the %s method has no steps", PlanMethodKey)
		}
	})
	return methodTitle, methodSteps, methodErr
}

// WorkforcePlan is a stored plan, without its steps.
type WorkforcePlan struct {
	ID                       int64
	UnitID                   int64
	Title                    string
	MethodKey, MethodVersion string
	Version                  int
	CreatedBy                int64
	CreatedAt, UpdatedAt     time.Time
}

// StoredStep is a plan's step as stored: Version 0 means it has no row yet (not started).
type StoredStep struct {
	workforce.PlanStep
	Version   int
	UpdatedBy int64
	UpdatedAt time.Time
}

// InvalidPlanError lists what is wrong with a plan or a step; nothing was saved.
type InvalidPlanError struct{ Problems []workforce.Problem }

func (e *InvalidPlanError) Error() string {
	var b strings.Builder
	b.WriteString("store: invalid workforce plan:")
	for _, p := range e.Problems {
		fmt.Fprintf(&b, " %s: %s;", p.Field, p.Message)
	}
	return b.String()
}

func (e *InvalidPlanError) Unwrap() error { return ErrInvalid }

const workforcePlanColumns = `id, unit_id, title, method_key, method_version, version, created_by, created_at, updated_at`

func scanWorkforcePlan(s scanner) (WorkforcePlan, error) {
	var p WorkforcePlan
	err := s.Scan(&p.ID, &p.UnitID, &p.Title, &p.MethodKey, &p.MethodVersion, &p.Version, idCol{&p.CreatedBy}, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	return p, notFound(err)
}

// WorkforcePlanByID returns one plan.
func (db *DB) WorkforcePlanByID(ctx context.Context, id int64) (WorkforcePlan, error) {
	return scanWorkforcePlan(db.r().row(ctx, `SELECT `+workforcePlanColumns+` FROM workforce_plans WHERE id = ?`, id))
}

// UnitWorkforcePlans returns the plans of a unit, most recently changed first.
func (db *DB) UnitWorkforcePlans(ctx context.Context, unitID int64) ([]WorkforcePlan, error) {
	rows, err := db.r().query(ctx, `SELECT `+workforcePlanColumns+` FROM workforce_plans WHERE unit_id = ? ORDER BY updated_at DESC, id DESC`, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorkforcePlan
	for rows.Next() {
		p, err := scanWorkforcePlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateWorkforcePlan starts a plan of a unit, every step not started.
func (db *DB) CreateWorkforcePlan(ctx context.Context, a Actor, unitID int64, title string) (WorkforcePlan, error) {
	title = strings.Join(strings.Fields(title), " ")
	if ps := workforce.CheckPlanTitle(title); len(ps) > 0 {
		return WorkforcePlan{}, &InvalidPlanError{Problems: ps}
	}
	now := db.now()
	p := WorkforcePlan{UnitID: unitID, Title: title, MethodKey: PlanMethodKey, MethodVersion: PlanMethodVersion, Version: 1,
		CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	err := db.tx(ctx, func(t *tx) error {
		if err := t.row(ctx, `INSERT INTO workforce_plans (unit_id, title, method_key, method_version, version, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`, unitID, title, p.MethodKey, p.MethodVersion, nullID(a.UserID), now, now).Scan(&p.ID); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: unitID, Entity: EntityWorkforcePlan, EntityID: strconv.FormatInt(p.ID, 10),
			Action: ActionCreate, Summary: fmt.Sprintf("started workforce plan %d", p.ID), Fields: []string{"title"}})
	})
	if err != nil {
		return WorkforcePlan{}, err
	}
	return p, nil
}

// PlanSteps returns every step of the plan's method in order, with what the plan holds for it
// (an empty, not started step where nothing was saved yet).
func (db *DB) PlanSteps(ctx context.Context, planID int64) ([]MethodStep, []StoredStep, error) {
	_, steps, err := PlanMethod()
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.r().query(ctx, `SELECT step_key, status, notes, scenario_ids, actions, version, updated_by, updated_at
		FROM workforce_plan_steps WHERE plan_id = ?`, planID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	saved := map[string]StoredStep{}
	for rows.Next() {
		var s StoredStep
		var ids, acts string
		if err := rows.Scan(&s.Key, &s.Status, &s.Notes, &ids, &acts, &s.Version, idCol{&s.UpdatedBy}, timeCol{&s.UpdatedAt}); err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal([]byte(ids), &s.ScenarioIDs); err != nil {
			return nil, nil, fmt.Errorf("store: plan %d step %s scenarios: %w", planID, s.Key, err)
		}
		if err := json.Unmarshal([]byte(acts), &s.Actions); err != nil {
			return nil, nil, fmt.Errorf("store: plan %d step %s actions: %w", planID, s.Key, err)
		}
		saved[s.Key] = s
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	out := make([]StoredStep, len(steps))
	for i, m := range steps {
		s, ok := saved[m.Key]
		if !ok {
			s = StoredStep{PlanStep: workforce.PlanStep{Key: m.Key, Status: workforce.StepNotStarted}}
		}
		out[i] = s
	}
	return steps, out, nil
}

// SavePlanStep saves one step of a plan at the version that was read (0 for a step not saved
// before). Linked scenarios must be scenarios of the plan's unit. The plan's updated time and
// version move on too, so its list shows what changed last.
func (db *DB) SavePlanStep(ctx context.Context, a Actor, planID int64, step workforce.PlanStep, version int) (StoredStep, error) {
	_, steps, err := PlanMethod()
	if err != nil {
		return StoredStep{}, err
	}
	known := false
	for _, m := range steps {
		known = known || m.Key == step.Key
	}
	if !known {
		return StoredStep{}, fmt.Errorf("%w: no step %q in the plan's method", ErrNotFound, step.Key)
	}
	step = workforce.TidyStep(step)
	var out StoredStep
	err = db.tx(ctx, func(t *tx) error {
		plan, err := scanWorkforcePlan(t.row(ctx, `SELECT `+workforcePlanColumns+` FROM workforce_plans WHERE id = ?`, planID))
		if err != nil {
			return err
		}
		// A step may link the unit's scenarios the actor sees, and keeps those linked before
		// (a colleague's draft linked by them stays, unseen, until they share it).
		linked := map[int64]bool{}
		var before string
		if err := t.row(ctx, `SELECT scenario_ids FROM workforce_plan_steps WHERE plan_id = ? AND step_key = ?`, planID, step.Key).Scan(&before); err == nil {
			var ids []int64
			_ = json.Unmarshal([]byte(before), &ids)
			for _, id := range ids {
				linked[id] = true
			}
		} else if !errors.Is(notFound(err), ErrNotFound) {
			return err
		}
		unitScenarios := map[int64]bool{}
		rows, err := t.query(ctx, `SELECT id, shared, created_by FROM scenarios WHERE unit_id = ?`, plan.UnitID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var sc Scenario
			if err := rows.Scan(&sc.ID, &sc.Shared, idCol{&sc.CreatedBy}); err != nil {
				rows.Close()
				return err
			}
			unitScenarios[sc.ID] = sc.VisibleTo(a.UserID) || linked[sc.ID]
		}
		rows.Close()
		if ps := workforce.ValidateStep(step, func(id int64) bool { return unitScenarios[id] }); len(ps) > 0 {
			return &InvalidPlanError{Problems: ps}
		}
		if step.ScenarioIDs == nil {
			step.ScenarioIDs = []int64{}
		}
		if step.Actions == nil {
			step.Actions = []workforce.PlanAction{}
		}
		ids, _ := json.Marshal(step.ScenarioIDs)
		acts, _ := json.Marshal(step.Actions)
		now := t.db.now()
		if version == 0 {
			var there int
			if err := t.row(ctx, `SELECT version FROM workforce_plan_steps WHERE plan_id = ? AND step_key = ?`, planID, step.Key).Scan(&there); err == nil {
				return fmt.Errorf("%w: step %s of plan %d was saved meanwhile", ErrConflict, step.Key, planID)
			} else if !errors.Is(notFound(err), ErrNotFound) {
				return err
			}
			_, err = t.exec(ctx, `INSERT INTO workforce_plan_steps (plan_id, step_key, status, notes, scenario_ids, actions, version, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`, planID, step.Key, step.Status, step.Notes, string(ids), string(acts), nullID(a.UserID), now)
			if err != nil {
				return mapErr(err)
			}
		} else {
			res, err := t.exec(ctx, `UPDATE workforce_plan_steps SET status = ?, notes = ?, scenario_ids = ?, actions = ?, version = version + 1,
				updated_by = ?, updated_at = ? WHERE plan_id = ? AND step_key = ? AND version = ?`,
				step.Status, step.Notes, string(ids), string(acts), nullID(a.UserID), now, planID, step.Key, version)
			if err != nil {
				return mapErr(err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return fmt.Errorf("%w: step %s of plan %d is not at version %d", ErrConflict, step.Key, planID, version)
			}
		}
		if _, err := t.exec(ctx, `UPDATE workforce_plans SET updated_at = ?, version = version + 1 WHERE id = ?`, now, planID); err != nil {
			return err
		}
		out = StoredStep{PlanStep: step, Version: version + 1, UpdatedBy: a.UserID, UpdatedAt: now}
		return t.record(ctx, a, AuditEntry{OrganisationID: plan.UnitID, Entity: EntityWorkforcePlan, EntityID: strconv.FormatInt(planID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("workforce plan %d, step %s: %s, %d actions, %d scenarios", planID, step.Key,
				workforce.StepStatusLabel(step.Status), len(step.Actions), len(step.ScenarioIDs)),
			Fields: []string{"status", "notes", "scenario_ids", "actions"}})
	})
	if err != nil {
		return StoredStep{}, err
	}
	return out, nil
}
