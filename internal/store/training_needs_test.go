package store_test

import (
	"context"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestTrainingNeedsInput: a unit's people with the roles they hold there, their portfolios and
// the role they aim for, on both engines; nobody of another trust, and no past member.
func TestTrainingNeedsInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		senior := staffNurse(w.a.ID)
		senior.Title, senior.Status = "Senior staff nurse", workforce.StatusPublished
		senior.Requirements = append(senior.Requirements, ksf("c4", "level-2", true))
		senior = must(db.CreateRole(ctx, w.actor, senior))
		otherTeam := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward 2", ParentID: w.aService.ID, Kind: store.KindTeam}))

		sam := w.personA("10000001", "Sam Staff")
		sam.UserID = w.staff.ID
		sam.Assignments = append(sam.Assignments, workforce.Assignment{RoleID: senior.ID, TeamID: otherTeam.ID, FTE: 20, Start: "2020-04-01"})
		sam = must(db.CreatePerson(ctx, w.actor, sam))
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: sam.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: "level-2", Evidence: workforce.EvidenceSelf, Achieved: "2022-01-01"}))
		// Sam aims to be a senior staff nurse.
		must(db.CreateProfile(ctx, store.Actor{UserID: w.staff.ID}, store.Profile{UserID: w.staff.ID, AimRoleID: senior.ID, Title: "Mine",
			Profile: profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "2.1", Draft: true}}))
		gone := w.personA("10000002", "Gone Person")
		gone.Assignments[0].End = "2021-01-01"
		must(db.CreatePerson(ctx, w.actor, gone))
		must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.b.ID, StaffNumber: "20000001", Name: "Bea Other",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-04-01"}}}))

		// The team: Sam with the staff nurse role only (the senior post is in another team), aiming for senior.
		in := must(db.TrainingNeedsInput(ctx, w.teamA.ID, "2025-06-01"))
		if len(in.People) != 1 || in.Aims != 1 {
			t.Fatalf("team input = %+v", in)
		}
		p := in.People[0]
		if p.ID != sam.ID || len(p.Roles) != 1 || p.Roles[0].ID != w.roleA.ID || len(p.Roles[0].Requirements) != 2 ||
			p.Aim == nil || p.Aim.ID != senior.ID || len(p.Held) != 1 || p.Held[0].NodeKey != "c1" {
			t.Errorf("Sam in the team = %+v", p)
		}
		// The trust: both of Sam's roles; then the aim is one they hold and does not count.
		in = must(db.TrainingNeedsInput(ctx, w.a.ID, "2025-06-01"))
		if len(in.People) != 1 || len(in.People[0].Roles) != 2 || in.People[0].Aim != nil || in.Aims != 0 {
			t.Errorf("trust input = %+v", in)
		}
		// Trust B sees only its own person; in 2020 the past member was still there.
		if in := must(db.TrainingNeedsInput(ctx, w.b.ID, "2025-06-01")); len(in.People) != 1 || in.People[0].Roles[0].ID != w.roleB.ID {
			t.Errorf("trust B input = %+v", in)
		}
		if in := must(db.TrainingNeedsInput(ctx, w.teamA.ID, "2020-06-01")); len(in.People) != 2 {
			t.Errorf("team A in 2020: %d people", len(in.People))
		}
		needs := workforce.AnalyseTrainingNeeds(must(db.TrainingNeedsInput(ctx, w.teamA.ID, "2025-06-01")).People, db.AnyFrameworks(ctx),
			workforce.TrainingOptions{Today: "2025-06-01", IncludeAim: true})
		if len(needs.Needs) != 2 || needs.Needs[0].NodeKey != "c3" || needs.Needs[0].Closes != 2 || needs.Needs[1].NodeKey != "c4" || needs.Needs[1].AimOnly != 1 {
			t.Errorf("needs = %+v", needs.Needs)
		}
	})
}
