package store

import (
	"context"

	"github.com/workframe/workframe/internal/workforce"
)

// LeftOut is a scenario left out of a comparison because its changes no longer replay (a role
// or team gone since), with the first problem.
type LeftOut struct {
	Scenario Scenario
	Problem  workforce.Problem
}

// CompareScenarios sets today's profile of the unit and each scenario's (of that unit, as read
// by the caller) side by side, retraining counted (workforce.ScenarioInput). Today's input comes
// from the profile cache; each scenario is replayed on it. Scenarios that no longer replay are
// left out, and kept lists the compared ones in the comparison's column order.
func (db *DB) CompareScenarios(ctx context.Context, unitID int64, scenarios []Scenario) (cmp workforce.ManyComparison, kept []Scenario, left []LeftOut, err error) {
	today, in, err := db.Profiles().Profile(ctx, unitID)
	if err != nil {
		return cmp, nil, nil, err
	}
	rules, err := db.ScenarioRules(ctx, unitID)
	if err != nil {
		return cmp, nil, nil, err
	}
	var profiles []workforce.Profile
	for _, sc := range scenarios {
		posts, ps := workforce.ApplyChanges(sc.Base, sc.Changes, rules)
		if len(ps) > 0 {
			left = append(left, LeftOut{Scenario: sc, Problem: ps[0]})
			continue
		}
		ids := make([]int64, 0, len(posts))
		for _, p := range posts {
			ids = append(ids, p.RoleID)
		}
		// in.Roles is this call's own copy: the scenarios' roles are added to it.
		if err := db.ProfileRoles(ctx, ids, in.Roles); err != nil {
			return cmp, nil, nil, err
		}
		profiles = append(profiles, workforce.WorkOutProfile(workforce.ScenarioInput(in, posts, sc.Changes)))
		kept = append(kept, sc)
	}
	return workforce.CompareMany(today, profiles), kept, left, nil
}
