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
// by the caller) side by side, retraining counted, all from the profile cache. Scenarios that no
// longer replay are left out, and kept lists the compared ones in the comparison's column order.
func (db *DB) CompareScenarios(ctx context.Context, unitID int64, scenarios []Scenario) (cmp workforce.ManyComparison, kept []Scenario, left []LeftOut, err error) {
	today, _, err := db.Profiles().Profile(ctx, unitID)
	if err != nil {
		return cmp, nil, nil, err
	}
	var profiles []workforce.Profile
	for _, sc := range scenarios {
		_, scenario, ps, err := db.Profiles().ScenarioProfiles(ctx, sc)
		if err != nil {
			return cmp, nil, nil, err
		}
		if len(ps) > 0 {
			left = append(left, LeftOut{Scenario: sc, Problem: ps[0]})
			continue
		}
		profiles = append(profiles, scenario)
		kept = append(kept, sc)
	}
	return workforce.CompareMany(today, profiles), kept, left, nil
}
