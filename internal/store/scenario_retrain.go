package store

import (
	"context"
	"reflect"

	"github.com/workframe/workframe/internal/workforce"
)

// Retraining people in a scenario (decision 0013). A retrain change is checked when it is made
// against the unit as it is today: its people (a current assignment in one of its teams) and
// the competences of the frameworks its roles and the scenario's roles use. Changes saved
// before are replayed without that check, so someone leaving later never breaks a scenario.

// ScenarioChangeRules are the rules a new change of the scenario is checked against: the unit's
// teams and its employer's roles, and for retraining its people today and the competences of
// the frameworks the roles of its posts, its people and the scenario's posts (after changes)
// require.
func (db *DB) ScenarioChangeRules(ctx context.Context, sc Scenario, changes []workforce.ScenarioChange) (workforce.ScenarioRules, error) {
	rules, err := db.ScenarioRules(ctx, sc.UnitID)
	if err != nil {
		return rules, err
	}
	// The unit's input from the cache (fresh by the change sequence): its people and roles.
	_, in, err := db.Profiles().Profile(ctx, sc.UnitID)
	if err != nil {
		return rules, err
	}
	posts, _ := workforce.ApplyChanges(sc.Base, changes, rules)
	ids := make([]int64, 0, len(posts))
	for _, p := range posts {
		ids = append(ids, p.RoleID)
	}
	if err := db.ProfileRoles(ctx, ids, in.Roles); err != nil {
		return rules, err
	}
	return rules.WithUnit(in), nil
}

// checkedChanges is how many changes at the start of next are the stored ones unchanged: those
// were checked when they were made.
func checkedChanges(stored, next []workforce.ScenarioChange) int {
	n := 0
	for n < len(stored) && n < len(next) && reflect.DeepEqual(stored[n], next[n]) {
		n++
	}
	return n
}

// ScenarioComparison is the scenario's comparison with today, retraining counted
// (ProfileCache.Comparison: the index works out the teams of the people retrained again with
// what they gain).
func (db *DB) ScenarioComparison(ctx context.Context, sc Scenario) (workforce.ProfileInput, []workforce.Post, workforce.Comparison, []workforce.Problem, error) {
	return db.Profiles().Comparison(ctx, sc)
}
