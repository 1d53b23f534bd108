package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/workframe/workframe/internal/strategy"
)

// DeleteRisk removes a risk of the plan (ErrNotFound for one the plan does not have), for a risk
// recorded by mistake or one that has passed.
func (db *DB) DeleteRisk(ctx context.Context, a Actor, planID, riskID int64) error {
	return db.tx(ctx, func(t *tx) error {
		var title string
		var pid int64
		if err := t.row(ctx, `SELECT r.title, p.partnership_id FROM plan_risks r JOIN plans p ON p.id = r.plan_id WHERE r.id = ? AND r.plan_id = ?`,
			riskID, planID).Scan(&title, &pid); err != nil {
			return notFound(err)
		}
		if _, err := t.exec(ctx, `DELETE FROM plan_risks WHERE id = ?`, riskID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("removed risk %d %q", riskID, title), Fields: []string{"risks"},
		})
	})
}

// RemoveDependency records that an action of the plan no longer waits for another
// (ErrNotFound when it did not).
func (db *DB) RemoveDependency(ctx context.Context, a Actor, planID int64, d strategy.Dependency) error {
	return db.tx(ctx, func(t *tx) error {
		var pid int64
		if err := t.row(ctx, `SELECT p.partnership_id FROM plan_dependencies d JOIN plan_actions a ON a.id = d.action_id
			JOIN plans p ON p.id = a.plan_id WHERE d.action_id = ? AND d.depends_on_id = ? AND a.plan_id = ?`,
			d.Action, d.DependsOn, planID).Scan(&pid); err != nil {
			return notFound(err)
		}
		if _, err := t.exec(ctx, `DELETE FROM plan_dependencies WHERE action_id = ? AND depends_on_id = ?`, d.Action, d.DependsOn); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "plan", EntityID: strconv.FormatInt(planID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("action %d no longer waits for action %d", d.Action, d.DependsOn), Fields: []string{"dependencies"},
		})
	})
}
