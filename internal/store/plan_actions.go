package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/strategy"
)

// PlanAction is an action of a plan: the domain's Action with what the store keeps beside it.
type PlanAction struct {
	strategy.Action
	PlanID      int64
	Description string
	// SolutionID is the register solution this action adopts (0 for none): the adoption's
	// link back to the partner that solved the problem first.
	SolutionID int64
	Version    int
	CreatedAt  time.Time
}

const planActionColumns = `a.id, a.plan_id, a.objective_id, a.title, a.description, a.lead_org_id, a.start_date, a.due_date,
	a.status, a.solution_id, a.version, a.created_at`

func scanPlanAction(s scanner) (PlanAction, error) {
	var a PlanAction
	err := s.Scan(&a.ID, &a.PlanID, idCol{&a.ObjectiveID}, &a.Title, &a.Description, &a.LeadOrgID, dateCol{&a.Start}, dateCol{&a.Due},
		&a.Status, idCol{&a.SolutionID}, &a.Version, timeCol{&a.CreatedAt})
	return a, notFound(err)
}

// checkAction checks an action against its plan inside the transaction: the domain rules, an
// objective of the same plan, a solution of the same partnership.
func (t *tx) checkAction(ctx context.Context, act *PlanAction) (partnershipID int64, err error) {
	pid, err := t.planPartnership(ctx, act.PlanID)
	if err != nil {
		return 0, err
	}
	members, err := t.db.memberIDs(ctx, t.runner, pid)
	if err != nil {
		return 0, err
	}
	prios, err := t.planPriorities(ctx, act.PlanID)
	if err != nil {
		return 0, err
	}
	if err := strategy.CheckAction(&act.Action, members, prios); err != nil {
		return 0, domainInvalid(err)
	}
	if act.ObjectiveID != 0 {
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM plan_objectives WHERE id = ? AND plan_id = ?`, act.ObjectiveID, act.PlanID).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("%w: objective %d is not in the plan", ErrInvalid, act.ObjectiveID)
		}
	}
	if act.SolutionID != 0 {
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM register_solutions WHERE id = ? AND partnership_id = ?`, act.SolutionID, pid).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("%w: solution %d is not in the partnership's register", ErrInvalid, act.SolutionID)
		}
	}
	return pid, nil
}

func (t *tx) setActionLinks(ctx context.Context, act PlanAction) error {
	if _, err := t.exec(ctx, `DELETE FROM plan_action_partners WHERE action_id = ?`, act.ID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM plan_action_priorities WHERE action_id = ?`, act.ID); err != nil {
		return err
	}
	for _, org := range act.Partners {
		if _, err := t.exec(ctx, `INSERT INTO plan_action_partners (action_id, organisation_id) VALUES (?, ?)`, act.ID, org); err != nil {
			return err
		}
	}
	for _, k := range act.Priorities {
		if _, err := t.exec(ctx, `INSERT INTO plan_action_priorities (action_id, priority_key) VALUES (?, ?)`, act.ID, k); err != nil {
			return err
		}
	}
	return nil
}

// CreateAction adds an action to a plan.
func (db *DB) CreateAction(ctx context.Context, a Actor, act PlanAction) (PlanAction, error) {
	act.Version, act.CreatedAt = 1, db.now()
	act.Description = strings.TrimSpace(act.Description)
	err := db.tx(ctx, func(t *tx) error {
		if _, err := t.checkAction(ctx, &act); err != nil {
			return err
		}
		if err := t.row(ctx, `INSERT INTO plan_actions (plan_id, objective_id, title, description, lead_org_id, start_date, due_date,
			status, solution_id, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			act.PlanID, nullID(act.ObjectiveID), act.Title, act.Description, act.LeadOrgID, act.Start.String(), act.Due.String(),
			act.Status, nullID(act.SolutionID), act.Version, act.CreatedAt).Scan(&act.ID); err != nil {
			return err
		}
		if err := t.setActionLinks(ctx, act); err != nil {
			return err
		}
		summary := fmt.Sprintf("added action %q to plan %d", act.Title, act.PlanID)
		if act.SolutionID != 0 {
			summary += fmt.Sprintf(", adopting solution %d", act.SolutionID)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: act.LeadOrgID, Entity: "plan-action", EntityID: strconv.FormatInt(act.ID, 10), Action: ActionCreate,
			Summary: summary, Fields: []string{"title", "lead", "partners", "dates", "status", "priorities"},
		})
	})
	if err != nil {
		return PlanAction{}, err
	}
	return act, nil
}

// UpdateAction changes an action (version-checked: a stale version is ErrConflict). The plan
// and the adopted solution stay as they were.
func (db *DB) UpdateAction(ctx context.Context, a Actor, act PlanAction) (PlanAction, error) {
	act.Description = strings.TrimSpace(act.Description)
	var out PlanAction
	err := db.tx(ctx, func(t *tx) error {
		cur, err := t.planAction(ctx, act.ID)
		if err != nil {
			return err
		}
		if cur.Version != act.Version {
			return fmt.Errorf("%w: action %d is at version %d, not %d", ErrConflict, act.ID, cur.Version, act.Version)
		}
		act.PlanID, act.SolutionID, act.CreatedAt = cur.PlanID, cur.SolutionID, cur.CreatedAt
		if _, err := t.checkAction(ctx, &act); err != nil {
			return err
		}
		var d diff
		d.value("title", cur.Title, act.Title)
		d.value("description", cur.Description, act.Description)
		d.value("objective_id", cur.ObjectiveID, act.ObjectiveID)
		d.value("lead_org_id", cur.LeadOrgID, act.LeadOrgID)
		d.value("partners", fmt.Sprint(cur.Partners), fmt.Sprint(act.Partners))
		d.value("start", cur.Start.String(), act.Start.String())
		d.value("due", cur.Due.String(), act.Due.String())
		d.value("status", string(cur.Status), string(act.Status))
		d.value("priorities", strings.Join(cur.Priorities, ","), strings.Join(act.Priorities, ","))
		out = cur
		if d.empty() {
			return nil
		}
		res, err := t.exec(ctx, `UPDATE plan_actions SET objective_id = ?, title = ?, description = ?, lead_org_id = ?, start_date = ?,
			due_date = ?, status = ?, version = version + 1 WHERE id = ? AND version = ?`,
			nullID(act.ObjectiveID), act.Title, act.Description, act.LeadOrgID, act.Start.String(), act.Due.String(), act.Status,
			act.ID, act.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: action %d changed meanwhile", ErrConflict, act.ID)
		}
		if err := t.setActionLinks(ctx, act); err != nil {
			return err
		}
		out = act
		out.Version = cur.Version + 1
		return t.record(ctx, a, AuditEntry{
			OrganisationID: act.LeadOrgID, Entity: "plan-action", EntityID: strconv.FormatInt(act.ID, 10), Action: ActionUpdate,
			Summary: d.summary(), Fields: d.fields,
		})
	})
	if err != nil {
		return PlanAction{}, err
	}
	return out, nil
}

// SetActionStatus changes only an action's status (version-checked).
func (db *DB) SetActionStatus(ctx context.Context, a Actor, id int64, version int, status strategy.Status) (PlanAction, error) {
	cur, err := db.PlanAction(ctx, id)
	if err != nil {
		return PlanAction{}, err
	}
	cur.Version = version
	cur.Status = status
	return db.UpdateAction(ctx, a, cur)
}

func (t *tx) planAction(ctx context.Context, id int64) (PlanAction, error) {
	act, err := scanPlanAction(t.row(ctx, `SELECT `+planActionColumns+` FROM plan_actions a WHERE a.id = ?`, id))
	if err != nil {
		return PlanAction{}, err
	}
	return act, t.runner.actionLinks(ctx, []*PlanAction{&act})
}

// Action returns one action with its partners and priorities.
func (db *DB) PlanAction(ctx context.Context, id int64) (PlanAction, error) {
	act, err := scanPlanAction(db.r().row(ctx, `SELECT `+planActionColumns+` FROM plan_actions a WHERE a.id = ?`, id))
	if err != nil {
		return PlanAction{}, err
	}
	return act, db.r().actionLinks(ctx, []*PlanAction{&act})
}

// PlanActions returns a plan's actions by due date (undated last), then title.
func (db *DB) PlanActions(ctx context.Context, planID int64) ([]PlanAction, error) {
	rows, err := db.r().query(ctx, `SELECT `+planActionColumns+` FROM plan_actions a WHERE a.plan_id = ?
		ORDER BY CASE WHEN a.due_date = '' THEN 1 ELSE 0 END, a.due_date, LOWER(a.title), a.id`, planID)
	if err != nil {
		return nil, err
	}
	var out []PlanAction
	for rows.Next() {
		act, err := scanPlanAction(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, act)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*PlanAction, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, db.r().actionLinks(ctx, ptrs)
}

// actionLinks loads the partners and priorities of the actions, in two queries for all.
func (r runner) actionLinks(ctx context.Context, acts []*PlanAction) error {
	if len(acts) == 0 {
		return nil
	}
	byID := map[int64]*PlanAction{}
	ids := make([]string, 0, len(acts))
	for _, a := range acts {
		byID[a.ID] = a
		a.Partners, a.Priorities = nil, nil
		ids = append(ids, strconv.FormatInt(a.ID, 10))
	}
	// The ids are integers from the database, so joining them into the query is safe.
	in := strings.Join(ids, ",")
	rows, err := r.query(ctx, `SELECT action_id, organisation_id FROM plan_action_partners WHERE action_id IN (`+in+`) ORDER BY organisation_id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, org int64
		if err := rows.Scan(&id, &org); err != nil {
			rows.Close()
			return err
		}
		byID[id].Partners = append(byID[id].Partners, org)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Priorities in the plan's order.
	rows, err = r.query(ctx, `SELECT ap.action_id, ap.priority_key FROM plan_action_priorities ap
		JOIN plan_actions a ON a.id = ap.action_id
		JOIN plan_priorities pp ON pp.plan_id = a.plan_id AND pp.priority_key = ap.priority_key
		WHERE ap.action_id IN (`+in+`) ORDER BY pp.position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			return err
		}
		byID[id].Priorities = append(byID[id].Priorities, k)
	}
	return rows.Err()
}

// Note is a dated progress note on an action.
type Note struct {
	ID        int64
	ActionID  int64
	On        strategy.Date
	Body      string
	AuthorID  int64
	Author    string
	CreatedAt time.Time
}

// AddActionNote records progress on an action.
func (db *DB) AddPlanActionNote(ctx context.Context, a Actor, n Note) (Note, error) {
	n.Body = strings.TrimSpace(n.Body)
	if n.Body == "" {
		return Note{}, fmt.Errorf("%w: a progress note needs some words", ErrInvalid)
	}
	if n.On.IsZero() {
		return Note{}, fmt.Errorf("%w: a progress note needs a date", ErrInvalid)
	}
	n.AuthorID, n.CreatedAt = a.UserID, db.now()
	err := db.tx(ctx, func(t *tx) error {
		cur, err := t.planAction(ctx, n.ActionID)
		if err != nil {
			return err
		}
		if err := t.row(ctx, `INSERT INTO plan_action_notes (action_id, noted_on, body, author_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			n.ActionID, n.On.String(), n.Body, nullID(n.AuthorID), n.CreatedAt).Scan(&n.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: cur.LeadOrgID, Entity: "plan-action", EntityID: strconv.FormatInt(n.ActionID, 10), Action: ActionUpdate,
			Summary: "added a progress note dated " + n.On.String(), Fields: []string{"notes"},
		})
	})
	return n, err
}

// PlanNotes returns the progress notes of a plan's actions by action, newest first.
func (db *DB) PlanNotes(ctx context.Context, planID int64) (map[int64][]Note, error) {
	rows, err := db.r().query(ctx, `SELECT n.id, n.action_id, n.noted_on, n.body, COALESCE(n.author_id, 0), COALESCE(u.name, ''), n.created_at
		FROM plan_action_notes n JOIN plan_actions a ON a.id = n.action_id LEFT JOIN users u ON u.id = n.author_id
		WHERE a.plan_id = ? ORDER BY n.noted_on DESC, n.id DESC`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Note{}
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.ID, &n.ActionID, dateCol{&n.On}, &n.Body, &n.AuthorID, &n.Author, timeCol{&n.CreatedAt}); err != nil {
			return nil, err
		}
		out[n.ActionID] = append(out[n.ActionID], n)
	}
	return out, rows.Err()
}

// AddDependency records that one action of a plan waits for another. Both must be in the plan
// and the dependency must not close a cycle (ErrInvalid). The plan's row is locked first, so two
// additions at once cannot each pass the check and together make a cycle.
func (db *DB) AddDependency(ctx context.Context, a Actor, planID int64, d strategy.Dependency) error {
	return db.tx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `UPDATE plans SET version = version WHERE id = ?`, planID); err != nil {
			return err
		}
		deps, err := t.dependencies(ctx, planID)
		if err != nil {
			return err
		}
		ids, err := t.actionIDs(ctx, planID)
		if err != nil {
			return err
		}
		if err := strategy.CheckDependency(deps, d, ids); err != nil {
			return domainInvalid(err)
		}
		if _, err := t.exec(ctx, `INSERT INTO plan_dependencies (action_id, depends_on_id) VALUES (?, ?)`, d.Action, d.DependsOn); err != nil {
			return err
		}
		pid, err := t.planPartnership(ctx, planID)
		if err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("action %d now depends on action %d", d.Action, d.DependsOn), Fields: []string{"dependencies"},
		})
	})
}

func (r runner) actionIDs(ctx context.Context, planID int64) ([]int64, error) {
	rows, err := r.query(ctx, `SELECT id FROM plan_actions WHERE plan_id = ? ORDER BY id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (r runner) dependencies(ctx context.Context, planID int64) ([]strategy.Dependency, error) {
	rows, err := r.query(ctx, `SELECT d.action_id, d.depends_on_id FROM plan_dependencies d JOIN plan_actions a ON a.id = d.action_id
		WHERE a.plan_id = ? ORDER BY d.action_id, d.depends_on_id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []strategy.Dependency
	for rows.Next() {
		var d strategy.Dependency
		if err := rows.Scan(&d.Action, &d.DependsOn); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PlanDependencies returns the dependencies between a plan's actions.
func (db *DB) PlanDependencies(ctx context.Context, planID int64) ([]strategy.Dependency, error) {
	return db.r().dependencies(ctx, planID)
}

// AddRisk records a risk to a plan (or to one of its actions).
func (db *DB) AddRisk(ctx context.Context, a Actor, planID int64, r strategy.Risk) (strategy.Risk, error) {
	if err := strategy.CheckRisk(&r); err != nil {
		return r, domainInvalid(err)
	}
	err := db.tx(ctx, func(t *tx) error {
		pid, err := t.planPartnership(ctx, planID)
		if err != nil {
			return err
		}
		if r.ActionID != 0 {
			ids, err := t.actionIDs(ctx, planID)
			if err != nil {
				return err
			}
			if !slices.Contains(ids, r.ActionID) {
				return fmt.Errorf("%w: action %d is not in the plan", ErrInvalid, r.ActionID)
			}
		}
		if err := t.row(ctx, `INSERT INTO plan_risks (plan_id, action_id, title, likelihood, impact, mitigation) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			planID, nullID(r.ActionID), r.Title, r.Likelihood, r.Impact, r.Mitigation).Scan(&r.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("added risk %q (%s)", r.Title, r.Rating()), Fields: []string{"risks"},
		})
	})
	return r, err
}

// PlanRisks returns a plan's risks, highest score first.
func (db *DB) PlanRisks(ctx context.Context, planID int64) ([]strategy.Risk, error) {
	rows, err := db.r().query(ctx, `SELECT id, COALESCE(action_id, 0), title, likelihood, impact, mitigation FROM plan_risks
		WHERE plan_id = ? ORDER BY likelihood * impact DESC, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []strategy.Risk
	for rows.Next() {
		var r strategy.Risk
		if err := rows.Scan(&r.ID, &r.ActionID, &r.Title, &r.Likelihood, &r.Impact, &r.Mitigation); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddMeasure adds a measure to an objective of a plan.
func (db *DB) AddMeasure(ctx context.Context, a Actor, planID int64, m strategy.Measure) (strategy.Measure, error) {
	if err := strategy.CheckMeasure(&m); err != nil {
		return m, domainInvalid(err)
	}
	err := db.tx(ctx, func(t *tx) error {
		pid, err := t.planPartnership(ctx, planID)
		if err != nil {
			return err
		}
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM plan_objectives WHERE id = ? AND plan_id = ?`, m.ObjectiveID, planID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: a measure belongs to an objective of the plan", ErrInvalid)
		}
		if err := t.row(ctx, `INSERT INTO plan_measures (plan_id, objective_id, title, unit, baseline, target, direction, target_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, planID, m.ObjectiveID, m.Title, m.Unit, int64(m.Baseline), int64(m.Target),
			string(m.Direction), m.TargetDate.String()).Scan(&m.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("added measure %q: %s → %s %s", m.Title, m.Baseline, m.Target, m.Unit), Fields: []string{"measures"},
		})
	})
	return m, err
}

// AddMeasureValue records a dated value of a measure of the plan.
func (db *DB) AddMeasureValue(ctx context.Context, a Actor, planID, measureID int64, v strategy.Value) error {
	if v.On.IsZero() {
		return fmt.Errorf("%w: a value needs the date it was measured", ErrInvalid)
	}
	return db.tx(ctx, func(t *tx) error {
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM plan_measures WHERE id = ? AND plan_id = ?`, measureID, planID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		if _, err := t.exec(ctx, `INSERT INTO plan_measure_values (measure_id, on_date, value, note, created_at) VALUES (?, ?, ?, ?, ?)`,
			measureID, v.On.String(), int64(v.Value), strings.TrimSpace(v.Note), db.now()); err != nil {
			return err
		}
		pid, err := t.planPartnership(ctx, planID)
		if err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("measure %d: %s on %s", measureID, v.Value, v.On), Fields: []string{"measure_values"},
		})
	})
}

// PlanMeasures returns a plan's measures with their values by date.
func (db *DB) PlanMeasures(ctx context.Context, planID int64) ([]strategy.Measure, error) {
	r := db.r()
	rows, err := r.query(ctx, `SELECT id, objective_id, title, unit, baseline, target, direction, target_date FROM plan_measures
		WHERE plan_id = ? ORDER BY objective_id, id`, planID)
	if err != nil {
		return nil, err
	}
	var out []strategy.Measure
	for rows.Next() {
		var m strategy.Measure
		var b, tg int64
		if err := rows.Scan(&m.ID, &m.ObjectiveID, &m.Title, &m.Unit, &b, &tg, &m.Direction, dateCol{&m.TargetDate}); err != nil {
			rows.Close()
			return nil, err
		}
		m.Baseline, m.Target = strategy.Amount(b), strategy.Amount(tg)
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	idx := map[int64]int{}
	for i, m := range out {
		idx[m.ID] = i
	}
	rows, err = r.query(ctx, `SELECT v.measure_id, v.on_date, v.value, v.note FROM plan_measure_values v
		JOIN plan_measures m ON m.id = v.measure_id WHERE m.plan_id = ? ORDER BY v.on_date, v.id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, val int64
		var v strategy.Value
		if err := rows.Scan(&id, dateCol{&v.On}, &val, &v.Note); err != nil {
			return nil, err
		}
		v.Value = strategy.Amount(val)
		out[idx[id]].Values = append(out[idx[id]].Values, v)
	}
	return out, rows.Err()
}
