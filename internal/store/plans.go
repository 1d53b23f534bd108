package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/strategy"
)

// Plan is a workforce transformation plan of a partnership. It addresses chosen priorities
// (node keys) of one strategic framework version, kept by key and version.
type Plan struct {
	ID               int64
	PartnershipID    int64
	Title            string
	Description      string
	FrameworkKey     string
	FrameworkVersion string
	Priorities       []string
	Version          int
	CreatedAt        time.Time
}

// StrategyPriorities returns the priorities of a strategic framework version: its top-level
// nodes, in order. A framework that is not of kind strategy is ErrInvalid.
func StrategyPriorities(f *framework.Framework) ([]strategy.Priority, error) {
	if f.Kind != framework.KindStrategy {
		return nil, fmt.Errorf("%w: %s is not a strategic framework", ErrInvalid, f.Title)
	}
	out := make([]strategy.Priority, 0, len(f.Nodes))
	for _, n := range f.Nodes {
		out = append(out, strategy.Priority{Key: n.Key, Code: n.Code, Title: n.Title})
	}
	return out, nil
}

func priorityKeys(ps []strategy.Priority) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Key
	}
	return out
}

const planColumns = `p.id, p.partnership_id, p.title, p.description, p.framework_key, p.framework_version, p.version, p.created_at`

func scanPlan(s scanner) (Plan, error) {
	var p Plan
	err := s.Scan(&p.ID, &p.PartnershipID, &p.Title, &p.Description, &p.FrameworkKey, &p.FrameworkVersion, &p.Version, timeCol{&p.CreatedAt})
	return p, notFound(err)
}

// CreatePlan creates a plan of a partnership against chosen priorities of a strategic framework
// version (ErrInvalid for another kind of framework or a priority it does not have; a second
// plan of the same title in the partnership is ErrConflict).
func (db *DB) CreatePlan(ctx context.Context, a Actor, p Plan) (Plan, error) {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return Plan{}, fmt.Errorf("%w: a plan needs a title", ErrInvalid)
	}
	f, _, err := db.FrameworkVersion(ctx, p.FrameworkKey, p.FrameworkVersion)
	if err != nil {
		return Plan{}, fmt.Errorf("%w: framework %s version %s: %v", ErrInvalid, p.FrameworkKey, p.FrameworkVersion, err)
	}
	ps, err := StrategyPriorities(f)
	if err != nil {
		return Plan{}, err
	}
	if p.Priorities, err = strategy.CheckPlanPriorities(p.Priorities, priorityKeys(ps)); err != nil {
		return Plan{}, domainInvalid(err)
	}
	p.Version, p.CreatedAt = 1, db.now()
	err = db.tx(ctx, func(t *tx) error {
		var lead int64
		if err := t.row(ctx, `SELECT COALESCE(lead_organisation_id, 0) FROM partnerships WHERE id = ?`, p.PartnershipID).Scan(&lead); err != nil {
			return notFound(err)
		}
		if err := t.row(ctx, `INSERT INTO plans (partnership_id, title, description, framework_key, framework_version, version, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.PartnershipID, p.Title, p.Description, p.FrameworkKey, p.FrameworkVersion,
			p.Version, nullID(a.UserID), p.CreatedAt).Scan(&p.ID); err != nil {
			return err
		}
		if err := t.setPlanPriorities(ctx, p.ID, p.Priorities); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: lead, Entity: "plan", EntityID: strconv.FormatInt(p.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created plan %q against %s %s priorities %s", p.Title, p.FrameworkKey, p.FrameworkVersion, strings.Join(p.Priorities, ", ")),
			Fields:  []string{"title", "description", "framework", "priorities"},
		})
	})
	if err != nil {
		return Plan{}, err
	}
	return p, nil
}

func (t *tx) setPlanPriorities(ctx context.Context, planID int64, keys []string) error {
	if _, err := t.exec(ctx, `DELETE FROM plan_priorities WHERE plan_id = ?`, planID); err != nil {
		return err
	}
	for i, k := range keys {
		if _, err := t.exec(ctx, `INSERT INTO plan_priorities (plan_id, priority_key, position) VALUES (?, ?, ?)`, planID, k, i); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePlan changes a plan's title, description and priorities (version-checked). A priority
// that an action still serves cannot be dropped (ErrInvalid).
func (db *DB) UpdatePlan(ctx context.Context, a Actor, p Plan) (Plan, error) {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return Plan{}, fmt.Errorf("%w: a plan needs a title", ErrInvalid)
	}
	cur, err := db.Plan(ctx, p.ID)
	if err != nil {
		return Plan{}, err
	}
	f, _, err := db.FrameworkVersion(ctx, cur.FrameworkKey, cur.FrameworkVersion)
	if err != nil {
		return Plan{}, err
	}
	ps, err := StrategyPriorities(f)
	if err != nil {
		return Plan{}, err
	}
	if p.Priorities, err = strategy.CheckPlanPriorities(p.Priorities, priorityKeys(ps)); err != nil {
		return Plan{}, domainInvalid(err)
	}
	var out Plan
	err = db.tx(ctx, func(t *tx) error {
		cur, err := scanPlan(t.row(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = ?`, p.ID))
		if err != nil {
			return err
		}
		if cur.Version != p.Version {
			return fmt.Errorf("%w: plan %d is at version %d, not %d", ErrConflict, p.ID, cur.Version, p.Version)
		}
		if cur.Priorities, err = t.planPriorities(ctx, p.ID); err != nil {
			return err
		}
		for _, k := range cur.Priorities {
			if slices.Contains(p.Priorities, k) {
				continue
			}
			var n int
			if err := t.row(ctx, `SELECT COUNT(*) FROM plan_action_priorities ap JOIN plan_actions pa ON pa.id = ap.action_id
				WHERE pa.plan_id = ? AND ap.priority_key = ?`, p.ID, k).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w: %d actions serve the priority %s: move them first", ErrInvalid, n, k)
			}
		}
		var d diff
		d.value("title", cur.Title, p.Title)
		d.value("description", cur.Description, p.Description)
		d.value("priorities", strings.Join(cur.Priorities, ","), strings.Join(p.Priorities, ","))
		out = cur
		if d.empty() {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE plans SET title = ?, description = ?, version = version + 1 WHERE id = ? AND version = ?`,
			p.Title, p.Description, p.ID, p.Version); err != nil {
			return err
		}
		if err := t.setPlanPriorities(ctx, p.ID, p.Priorities); err != nil {
			return err
		}
		out.Title, out.Description, out.Priorities, out.Version = p.Title, p.Description, p.Priorities, cur.Version+1
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, cur.PartnershipID), Entity: "plan", EntityID: strconv.FormatInt(p.ID, 10),
			Action: ActionUpdate, Summary: d.summary(), Fields: d.fields,
		})
	})
	if err != nil {
		return Plan{}, err
	}
	return out, nil
}

func (t *tx) partnershipLead(ctx context.Context, id int64) int64 {
	var lead int64
	_ = t.row(ctx, `SELECT COALESCE(lead_organisation_id, 0) FROM partnerships WHERE id = ?`, id).Scan(&lead)
	return lead
}

func (r runner) planPriorities(ctx context.Context, planID int64) ([]string, error) {
	return r.strings(ctx, `SELECT priority_key FROM plan_priorities WHERE plan_id = ? ORDER BY position`, planID)
}

func (r runner) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := r.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Plan returns one plan with its priorities.
func (db *DB) Plan(ctx context.Context, id int64) (Plan, error) {
	p, err := scanPlan(db.r().row(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = ?`, id))
	if err != nil {
		return Plan{}, err
	}
	p.Priorities, err = db.r().planPriorities(ctx, id)
	return p, err
}

// PartnershipPlans returns a partnership's plans, by title, with their priorities.
func (db *DB) PartnershipPlans(ctx context.Context, partnershipID int64) ([]Plan, error) {
	rows, err := db.r().query(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.partnership_id = ? ORDER BY LOWER(p.title), p.id`, partnershipID)
	if err != nil {
		return nil, err
	}
	var out []Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Priorities, err = db.r().planPriorities(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Objective is an objective of a plan.
type Objective struct {
	ID          int64
	PlanID      int64
	Title       string
	Description string
}

// AddObjective adds an objective to a plan.
func (db *DB) AddObjective(ctx context.Context, a Actor, o Objective) (Objective, error) {
	o.Title = strings.TrimSpace(o.Title)
	if o.Title == "" {
		return Objective{}, fmt.Errorf("%w: an objective needs a title", ErrInvalid)
	}
	err := db.tx(ctx, func(t *tx) error {
		pid, err := t.planPartnership(ctx, o.PlanID)
		if err != nil {
			return err
		}
		if err := t.row(ctx, `INSERT INTO plan_objectives (plan_id, title, description) VALUES (?, ?, ?) RETURNING id`,
			o.PlanID, o.Title, o.Description).Scan(&o.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(o.PlanID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("added objective %q", o.Title), Fields: []string{"objectives"},
		})
	})
	return o, err
}

func (t *tx) planPartnership(ctx context.Context, planID int64) (int64, error) {
	var pid int64
	err := t.row(ctx, `SELECT partnership_id FROM plans WHERE id = ?`, planID).Scan(&pid)
	return pid, notFound(err)
}

// PlanObjectives returns a plan's objectives in the order they were added.
func (db *DB) PlanObjectives(ctx context.Context, planID int64) ([]Objective, error) {
	rows, err := db.r().query(ctx, `SELECT id, plan_id, title, description FROM plan_objectives WHERE plan_id = ? ORDER BY id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Objective
	for rows.Next() {
		var o Objective
		if err := rows.Scan(&o.ID, &o.PlanID, &o.Title, &o.Description); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// dateCol scans a TEXT 'YYYY-MM-DD' column (” for none) into a strategy.Date.
type dateCol struct{ d *strategy.Date }

func (c dateCol) Scan(v any) error {
	var s sql.NullString
	if err := s.Scan(v); err != nil {
		return err
	}
	d, err := strategy.ParseDate(s.String)
	*c.d = d
	return err
}
