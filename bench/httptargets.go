package bench

import (
	"context"
	"fmt"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The pages and API calls added since the first HTTP load (careers, the workforce profile,
// team profiles, scenarios): each needs records to fill its path, so they are made from the
// generated data once the people are imported (httpRecords). The site administrator who signs in
// may see them all (an administrator everywhere: manages people, plans the workforce); the read
// token is that administrator's, bound to the first organisation, where they are a planner.

// httpRecords are the ids the paths need: the first generated organisation (the unit of the
// workforce profile and the scenario), one of its people, that person's role and team, and a
// scenario of the organisation with a few changes, made by the signed-in user so they see it.
type httpRecords struct {
	Org, Person, Role, Team, Scenario int64
}

// findHTTPRecords picks the records from the generated data and saves the scenario as userID.
func findHTTPRecords(ctx context.Context, d *Database, userID int64) (httpRecords, error) {
	var rec httpRecords
	if len(d.OrgIDs) == 0 {
		return rec, fmt.Errorf("bench: no generated organisations to load")
	}
	db := d.Store
	rec.Org = d.OrgIDs[0]
	numbers, err := db.StaffNumbers(ctx, rec.Org)
	if err != nil {
		return rec, err
	}
	if len(numbers) == 0 {
		return rec, fmt.Errorf("bench: the HTTP load needs the people imported first")
	}
	rec.Person = numbers["G0000001"] // the first generated person works for the first organisation
	p, err := db.Person(ctx, rec.Person)
	if err != nil {
		return rec, fmt.Errorf("bench: the first generated person: %w", err)
	}
	if len(p.Assignments) == 0 {
		return rec, fmt.Errorf("bench: the first generated person has no assignment")
	}
	rec.Role, rec.Team = p.Assignments[0].RoleID, p.Assignments[0].TeamID
	// A site administrator's personal token acts with the access roles they hold in its
	// organisation, so the bench user plans the first organisation as well.
	if err := db.SetMembership(ctx, store.System, userID, rec.Org, store.AccessPlanner); err != nil {
		return rec, err
	}
	a := store.Actor{UserID: userID}
	sc, err := db.CreateScenario(ctx, a, rec.Org, "Bench scenario", "More posts in the first person's team")
	if err != nil {
		return rec, err
	}
	for k := range 5 {
		sc.Changes = append(sc.Changes, workforce.ScenarioChange{Kind: workforce.ChangeAdd, TeamID: rec.Team, RoleID: rec.Role,
			Count: 1 + k, FTE: 100, PayPoint: workforce.PayEntry, Reason: fmt.Sprintf("Bench change %d", k)})
	}
	if sc, err = db.SaveScenario(ctx, a, sc); err != nil {
		return rec, err
	}
	rec.Scenario = sc.ID
	return rec, nil
}

// targets are the pages and calls of the records.
func (rec httpRecords) targets() []HTTPTarget {
	return []HTTPTarget{
		{"career options page of a person", fmt.Sprintf("/people/%d/career-options", rec.Person), "session"},
		{"talent match page of a role", fmt.Sprintf("/roles/%d/talent-match", rec.Role), "session"},
		{"workforce profile page of an organisation", fmt.Sprintf("/organisations/%d/workforce", rec.Org), "session"},
		{"team profile page", fmt.Sprintf("/organisations/%d/team-profile", rec.Team), "session"},
		{"scenario comparison page", fmt.Sprintf("/organisations/%d/scenarios/compare?scenario=%d", rec.Org, rec.Scenario), "session"},
		{"API: people", "/api/v1/people", "token"},
		{"API: career options of a person", fmt.Sprintf("/api/v1/people/%d/career-options", rec.Person), "token"},
		{"API: workforce profile", fmt.Sprintf("/api/v1/organisations/%d/workforce-profile", rec.Org), "token"},
	}
}
