package store_test

import (
	"context"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func TestTeamMembers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		pr := func(draft bool) profile.Profile {
			return profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "2.1", Draft: draft,
				Entries: []profile.Entry{{Node: "a", Share: 100, Level: "core"}}}
		}
		r2 := staffNurse(w.a.ID)
		r2.Title = "Senior staff nurse"
		second := must(db.CreateRole(ctx, w.actor, r2))
		roleDone := must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: w.roleA.ID, OrganisationID: w.a.ID, Title: "Staff nurse", Profile: pr(false)}))
		must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: w.roleA.ID, OrganisationID: w.a.ID, Title: "Draft", Profile: pr(true)}))
		secondDone := must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: second.ID, OrganisationID: w.a.ID, Title: "Second", Profile: pr(false)}))
		own := must(db.CreateProfile(ctx, store.Actor{UserID: w.staff.ID}, store.Profile{UserID: w.staff.ID, Title: "Mine", Profile: pr(false)}))
		must(db.CreateProfile(ctx, store.Actor{UserID: w.staff.ID}, store.Profile{UserID: w.staff.ID, Title: "Unfinished", Profile: pr(true)}))

		other := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward 2", ParentID: w.aService.ID, Kind: store.KindTeam}))
		// Sam works 0.4 in the first role and 0.5 in the second: the second comes first.
		sam := w.personA("10000001", "Sam Staff")
		sam.UserID = w.staff.ID
		sam.Assignments = []workforce.Assignment{
			{RoleID: w.roleA.ID, TeamID: w.teamA.ID, FTE: 40, Start: "2020-04-01"},
			{RoleID: second.ID, TeamID: w.teamA.ID, FTE: 50, Start: "2020-04-01"},
			{RoleID: w.roleA.ID, TeamID: other.ID, FTE: 10, Start: "2020-04-01"}, // not in the team
		}
		must(db.CreatePerson(ctx, w.actor, sam))
		must(db.CreatePerson(ctx, w.actor, w.personA("10000002", "Alex Able")))
		gone := w.personA("10000003", "Gone Person")
		gone.Assignments[0].End = "2021-01-01"
		must(db.CreatePerson(ctx, w.actor, gone))
		b := workforce.Person{OrganisationID: w.b.ID, StaffNumber: "20000001", Name: "Bea Other",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-04-01"}}}
		must(db.CreatePerson(ctx, w.actor, b))

		ms := must(db.TeamMembers(ctx, w.teamA.ID, "2025-06-01"))
		if len(ms) != 2 || ms[0].Person.Name != "Alex Able" || ms[1].Person.Name != "Sam Staff" {
			t.Fatalf("TeamMembers = %+v", ms)
		}
		alex, s := ms[0], ms[1]
		if alex.FTE != 100 || len(alex.RoleIDs) != 1 || len(alex.Own) != 0 || len(alex.RoleProfiles) != 1 || alex.RoleProfiles[0].ID != roleDone.ID {
			t.Errorf("Alex = %+v", alex)
		}
		if s.FTE != 90 || len(s.RoleIDs) != 2 || s.RoleIDs[0] != second.ID || s.RoleIDs[1] != w.roleA.ID {
			t.Errorf("Sam's FTE and roles = %d %v", s.FTE, s.RoleIDs)
		}
		if len(s.RoleProfiles) != 2 || s.RoleProfiles[0].ID != secondDone.ID || s.RoleProfiles[1].ID != roleDone.ID {
			t.Errorf("Sam's role profiles = %+v", s.RoleProfiles)
		}
		if len(s.Own) != 1 || s.Own[0].ID != own.ID {
			t.Errorf("Sam's own profiles = %+v", s.Own)
		}
		// Trust B's team has only its own person; the past member is gone on the day.
		if ms := must(db.TeamMembers(ctx, w.teamB.ID, "2025-06-01")); len(ms) != 1 || ms[0].Person.Name != "Bea Other" {
			t.Errorf("team B = %+v", ms)
		}
		if ms := must(db.TeamMembers(ctx, w.teamA.ID, "2020-06-01")); len(ms) != 3 {
			t.Errorf("team A in 2020 has %d members, want 3", len(ms))
		}
	})
}
