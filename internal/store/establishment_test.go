package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// establishmentWorld: Trust A's Therapies service with Ward 1 (Priya 1.00 and Sam 0.60, staff
// nurses) and Ward 2 (Erin, whose assignment ended in 2021); Trust B's Ward B with Bo.
type establishmentWorld struct {
	peopleWorld
	ward2               store.Organisation
	priya, sam, erin    workforce.Person
	bo                  workforce.Person
	post1, post2, post3 workforce.Post
	postB               workforce.Post
}

func makeEstablishmentWorld(t *testing.T, db *store.DB) establishmentWorld {
	t.Helper()
	ctx := context.Background()
	w := establishmentWorld{peopleWorld: makePeopleWorld(t, db)}
	w.ward2 = must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Ward 2", ParentID: w.aService.ID, Kind: store.KindTeam}))
	w.priya = must(db.CreatePerson(ctx, w.actor, w.personA("P1", "Priya Shah")))
	sam := w.personA("P2", "Sam Jones")
	sam.Assignments[0].FTE = 60
	w.sam = must(db.CreatePerson(ctx, w.actor, sam))
	erin := w.personA("P3", "Erin Example")
	erin.Assignments[0].TeamID, erin.Assignments[0].End = w.ward2.ID, "2021-03-31"
	w.erin = must(db.CreatePerson(ctx, w.actor, erin))
	w.bo = must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.b.ID, StaffNumber: "B1", Name: "Bo Brown",
		Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-01-01"}}}))
	entry := func(p workforce.Person, level, review string) {
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: level, Evidence: workforce.EvidenceSelf, Achieved: "2020-05-01", ReviewBy: workforce.Date(review)}))
	}
	entry(w.priya, "level-3", "2099-01-01")
	entry(w.sam, "level-2", "2021-01-01") // expired: not held
	entry(w.bo, "level-4", "")
	post := func(p workforce.Post) workforce.Post { return must(db.CreatePost(ctx, w.actor, p)) }
	w.post1 = post(workforce.Post{TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayEntry, HolderID: w.priya.ID})
	w.post2 = post(workforce.Post{TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayActual, ActualSalary: 36000, HolderID: w.sam.ID})
	w.post3 = post(workforce.Post{TeamID: w.ward2.ID, RoleID: w.roleA.ID, FTE: 50, Band: "6", PayPoint: workforce.PayIntermediate})
	w.postB = post(workforce.Post{TeamID: w.teamB.ID, RoleID: w.roleB.ID, FTE: 100, PayPoint: workforce.PayTop, HolderID: w.bo.ID})
	return w
}

func TestPostCreateUpdateDeleteAndRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		got := must(db.Post(ctx, w.post2.ID))
		if got != w.post2 || got.Version != 1 || got.ActualSalary != 36000 || got.HolderID != w.sam.ID {
			t.Fatalf("read back %+v, want %+v", got, w.post2)
		}
		if ps := must(db.TeamPosts(ctx, w.teamA.ID)); len(ps) != 2 || ps[0].ID != w.post1.ID || ps[1].ID != w.post2.ID {
			t.Errorf("TeamPosts = %+v", ps)
		}

		bad := []struct {
			name  string
			post  workforce.Post
			field string
		}{
			{"a service is not a team", workforce.Post{TeamID: w.aService.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayEntry}, "team"},
			{"another employer's role", workforce.Post{TeamID: w.teamA.ID, RoleID: w.roleB.ID, FTE: 100, PayPoint: workforce.PayEntry}, "role"},
			{"holder whose assignment ended", workforce.Post{TeamID: w.ward2.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayEntry, HolderID: w.erin.ID}, "holder"},
			{"holder of another employer", workforce.Post{TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayEntry, HolderID: w.bo.ID}, "holder"},
			{"fte", workforce.Post{TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 150, PayPoint: workforce.PayEntry}, "fte"},
		}
		for _, tc := range bad {
			_, err := db.CreatePost(ctx, w.actor, tc.post)
			var inv *store.InvalidPostError
			if !errors.As(err, &inv) || !errors.Is(err, store.ErrInvalid) || len(inv.Problems) != 1 || inv.Problems[0].Field != tc.field {
				t.Errorf("%s: %v, want one problem on %s", tc.name, err, tc.field)
			}
		}

		// Update at the version read; a stale version is a conflict and changes nothing.
		edit := w.post3
		edit.FTE, edit.PayPoint = 80, workforce.PayTop
		upd := must(db.UpdatePost(ctx, w.actor, edit))
		if upd.Version != 2 || upd.FTE != 80 || upd.TeamID != w.ward2.ID {
			t.Fatalf("UpdatePost = %+v", upd)
		}
		edit.FTE = 10
		if _, err := db.UpdatePost(ctx, w.actor, edit); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale update: %v", err)
		}
		if cur := must(db.Post(ctx, w.post3.ID)); cur.FTE != 80 {
			t.Errorf("a stale update changed the post: %+v", cur)
		}
		moved := upd
		moved.TeamID = w.teamA.ID
		if _, err := db.UpdatePost(ctx, w.actor, moved); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("moving a post: %v", err)
		}
		if same := must(db.UpdatePost(ctx, w.actor, upd)); same.Version != 2 {
			t.Errorf("an update that changes nothing writes nothing: version %d", same.Version)
		}
		if err := db.DeletePost(ctx, w.actor, w.post3.ID, 1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale delete: %v", err)
		}
		if err := db.DeletePost(ctx, w.actor, w.post3.ID, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Post(ctx, w.post3.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted post: %v", err)
		}
		log := must(db.AuditLog(ctx, store.AuditFilter{Entity: store.EntityPost}))
		if len(log) != 6 { // four created, one updated, one deleted
			t.Errorf("%d audit entries for posts, want 6", len(log))
		}
	})
}

func TestPaySettings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		if ps := must(db.PaySettingsOf(ctx, w.aService.ID)); ps.OrganisationID != w.a.ID || ps.OnCost != 0 || ps.Version != 0 {
			t.Fatalf("never saved: %+v", ps)
		}
		must(db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.a.ID, OnCost: 2850}))
		if _, err := db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.a.ID, OnCost: 3000}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale save: %v", err)
		}
		ps := must(db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.a.ID, OnCost: 3000, Version: 1}))
		if ps.Version != 2 {
			t.Errorf("version %d", ps.Version)
		}
		if got := must(db.PaySettingsOf(ctx, w.aService.ID)); got.OnCost != 3000 || got.Version != 2 {
			t.Errorf("read back through the service: %+v", got)
		}
		if got := must(db.PaySettingsOf(ctx, w.b.ID)); got.OnCost != 0 {
			t.Errorf("Trust B has its own settings: %+v", got)
		}
		if _, err := db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.aService.ID, OnCost: 1}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("settings of a service: %v", err)
		}
		if _, err := db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.b.ID, OnCost: 10001}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("over 100%%: %v", err)
		}
	})
}

// The loader reads a unit and everything below it, and nothing of another organisation.
func TestEstablishmentLoaderIsScopedToTheUnit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		must(db.SavePaySettings(ctx, w.actor, store.PaySettings{OrganisationID: w.a.ID, OnCost: 2850}))
		for _, unit := range []store.Organisation{w.a, w.aService} {
			in := must(db.Establishment(ctx, unit.ID))
			if len(in.Teams) != 2 || in.Teams[0].Name != "Ward 1" || in.Teams[1].Name != "Ward 2" {
				t.Errorf("%s: teams %+v", unit.Name, in.Teams)
			}
			if len(in.Posts) != 3 || in.Posts[0] != w.post1 || in.Posts[2] != w.post3 {
				t.Errorf("%s: posts %+v", unit.Name, in.Posts)
			}
			// Erin's assignment ended: only Priya and Sam are staff.
			wantStaff := []workforce.StaffRow{{PersonID: w.priya.ID, TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 100},
				{PersonID: w.sam.ID, TeamID: w.teamA.ID, RoleID: w.roleA.ID, FTE: 60}}
			if len(in.Staff) != 2 || in.Staff[0] != wantStaff[0] || in.Staff[1] != wantStaff[1] {
				t.Errorf("%s: staff %+v", unit.Name, in.Staff)
			}
			// Sam's entry expired; Bo is in Trust B.
			if len(in.Holdings) != 1 || in.Holdings[0] != (workforce.Holding{PersonID: w.priya.ID, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-3"}) {
				t.Errorf("%s: holdings %+v", unit.Name, in.Holdings)
			}
			if len(in.Roles) != 1 || in.Roles[w.roleA.ID].Level != 5 || len(in.Roles[w.roleA.ID].Requirements) != 2 || in.OnCost != 2850 {
				t.Errorf("%s: roles %+v, on-cost %d", unit.Name, in.Roles, in.OnCost)
			}
			for _, p := range in.Posts {
				if p.ID == w.postB.ID {
					t.Errorf("%s: Trust B's post leaked", unit.Name)
				}
			}
		}
		team := must(db.Establishment(ctx, w.teamA.ID))
		if len(team.Teams) != 1 || len(team.Posts) != 2 || len(team.Staff) != 2 {
			t.Errorf("a team alone: %+v", team)
		}
		b := must(db.Establishment(ctx, w.b.ID))
		if len(b.Posts) != 1 || b.Posts[0].ID != w.postB.ID || len(b.Staff) != 1 || b.Staff[0].PersonID != w.bo.ID || b.OnCost != 0 {
			t.Errorf("Trust B: %+v", b)
		}

		// End to end with the domain: 2.50 funded, 1.60 filled (Sam works 0.60 of a 1.00 post).
		in := must(db.Establishment(ctx, w.aService.ID))
		in.Pay = workforce.CurrentPayTable(db.Today())
		p := workforce.WorkOutProfile(in)
		if p.FundedFTE != 250 || p.FilledFTE != 160 || p.Headcount != 2 || p.VacantPosts != 1 {
			t.Errorf("profile %+v", p.Figures)
		}
		// Coverage of c1: 3 posts demand it at level 2 (Ward 1: 2, Ward 2: 1); only Priya holds it.
		if got := p.Coverage.Totals[0]; got.Demand != 3 || got.Held != 1 || got.Shortfall != 2 {
			t.Errorf("coverage %+v of %+v", got, p.Coverage.Competences)
		}

		// Erasing a person leaves their post vacant.
		sam := must(db.Person(ctx, w.sam.ID))
		if err := db.ErasePerson(ctx, w.actor, sam.ID, sam.Version); err != nil {
			t.Fatal(err)
		}
		if got := must(db.Post(ctx, w.post2.ID)); got.HolderID != 0 {
			t.Errorf("erased holder still on the post: %+v", got)
		}
	})
}

func TestScenarioCreateChangeAndDelete(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		if _, err := db.CreateScenario(ctx, w.actor, w.aService.ID, "  ", ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("no name: %v", err)
		}
		sc := must(db.CreateScenario(ctx, w.actor, w.aService.ID, " More  support ", "Two wards"))
		if sc.Name != "More support" || sc.Version != 1 || len(sc.Base) != 3 || len(sc.Changes) != 0 {
			t.Fatalf("created %+v", sc)
		}
		// The base is a copy: changing the live establishment later does not change it.
		must(db.CreatePost(ctx, w.actor, workforce.Post{TeamID: w.ward2.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayEntry}))
		got := must(db.Scenario(ctx, sc.ID))
		if len(got.Base) != 3 || got.Base[1] != w.post2 {
			t.Errorf("base %+v", got.Base)
		}

		conv := workforce.ScenarioChange{Kind: workforce.ChangeConvert, Reason: " Skill mix ", PostIDs: []int64{w.post1.ID, w.post2.ID},
			RoleID: w.roleA.ID, Count: 3, FTE: 100, PayPoint: workforce.PayEntry}
		got.Changes = append(got.Changes, conv)
		saved := must(db.SaveScenario(ctx, w.actor, got))
		if saved.Version != 2 || len(saved.Changes) != 1 || saved.Changes[0].Reason != "Skill mix" || saved.Changes[0].By != w.actor.UserID || saved.Changes[0].At == "" {
			t.Fatalf("saved %+v", saved)
		}
		if _, err := db.SaveScenario(ctx, w.actor, got); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale save: %v", err)
		}
		// A role of another employer, or a team outside the unit, is refused with the change named.
		bad := saved
		bad.Changes = append(bad.Changes, workforce.ScenarioChange{Kind: workforce.ChangeAdd, Reason: "x", TeamID: w.teamB.ID, RoleID: w.roleB.ID,
			Count: 1, FTE: 100, PayPoint: workforce.PayEntry})
		_, err := db.SaveScenario(ctx, w.actor, bad)
		var inv *store.InvalidScenarioError
		if !errors.As(err, &inv) || len(inv.Problems) != 2 || inv.Problems[0].Field != "changes[1].team" {
			t.Errorf("bad change: %v", err)
		}
		again := must(db.Scenario(ctx, sc.ID))
		posts, ps := workforce.ApplyChanges(again.Base, again.Changes, must(db.ScenarioRules(ctx, again.UnitID)))
		if len(ps) > 0 || len(posts) != 4 {
			t.Errorf("replayed %d posts, %v", len(posts), ps)
		}
		if list := must(db.UnitScenarios(ctx, w.aService.ID, w.actor.UserID)); len(list) != 1 || list[0].ID != sc.ID {
			t.Errorf("unit scenarios %+v", list)
		}
		if list := must(db.UnitScenarios(ctx, w.b.ID, w.actor.UserID)); len(list) != 0 {
			t.Errorf("Trust B sees %d scenarios", len(list))
		}
		copied := must(db.CopyScenario(ctx, w.actor, sc.ID, "More support, variant"))
		if copied.ID == sc.ID || copied.Version != 1 || copied.Name != "More support, variant" || len(copied.Changes) != 1 ||
			copied.Changes[0].Reason != "Skill mix" || len(copied.Base) != 3 || copied.Description != "Two wards" {
			t.Errorf("copy %+v", copied)
		}
		if _, err := db.CopyScenario(ctx, w.actor, sc.ID, ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("copy without a name: %v", err)
		}
		if list := must(db.UnitScenarios(ctx, w.aService.ID, w.actor.UserID)); len(list) != 2 {
			t.Errorf("after the copy %d scenarios", len(list))
		}
		must(0, db.DeleteScenario(ctx, w.actor, copied.ID, 1))
		if err := db.DeleteScenario(ctx, w.actor, sc.ID, 1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale delete: %v", err)
		}
		if err := db.DeleteScenario(ctx, w.actor, sc.ID, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Scenario(ctx, sc.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted: %v", err)
		}
	})
}
