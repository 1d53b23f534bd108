package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestCareerIndex: the index built from the database scores as the gap analysis does, sees only
// the roles and people of the scope, and follows changes (a competence added, a role retired, a
// person erased) through the change sequence, on both engines.
func TestCareerIndex(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		role := func(org int64, title string, level int, shared bool, reqs ...workforce.Requirement) workforce.Role {
			return must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: org, Title: title, StaffGroup: "Additional Clinical Services",
				Level: level, Status: workforce.StatusPublished, Shared: shared, Requirements: reqs}))
		}
		hca := role(w.a.ID, "Healthcare assistant", 2, false, ksf("c1", "level-1", true))
		senior := role(w.a.ID, "Senior healthcare assistant", 3, false, ksf("c1", "level-2", true), ksf("c3", "level-1", false))
		shared := role(w.b.ID, "Partner's shared support role", 3, true, ksf("c1", "level-2", true))
		role(w.b.ID, "Partner's own support role", 3, false, ksf("c1", "level-2", true))
		role(w.c.ID, "Stranger's shared support role", 3, true, ksf("c1", "level-2", true))

		p := w.personA("20000001", "Casey Brown")
		p.Assignments[0].RoleID = hca.ID
		p = must(db.CreatePerson(ctx, w.actor, p))
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: "level-1", Evidence: workforce.EvidenceSelf, Achieved: "2024-01-01"}))
		inB := must(db.CreatePerson(ctx, w.actor, workforce.Person{OrganisationID: w.b.ID, StaffNumber: "B1", Name: "Bo Other",
			Assignments: []workforce.Assignment{{RoleID: w.roleB.ID, TeamID: w.teamB.ID, FTE: 100, Start: "2020-01-01"}}}))
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: inB.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c1", LevelKey: "level-2", Evidence: workforce.EvidenceSelf, Achieved: "2024-01-01"}))

		ci := db.Careers()
		x := must(ci.Index(ctx))
		today := career.Today(db.Today())
		scope := must(db.CareerRoleScope(ctx, []int64{w.a.ID, w.aService.ID, w.teamA.ID}))
		st, found := x.PersonStart(p.ID, today)
		if !found || st.Level != 2 {
			t.Fatalf("start of Casey: %+v %v", st, found)
		}
		opts := x.Options(st, today, scope, career.OptionFilter{})
		titles := map[string]int{}
		for _, o := range opts {
			titles[o.Role.Title] = o.Transferability
		}
		entries := must(db.Portfolio(ctx, p.ID))
		want := workforce.Analyse(senior.Requirements, entries, db.AnyFrameworks(ctx), db.Today()).Readiness
		if got, listed := titles["Senior healthcare assistant"]; !listed || got != want {
			t.Errorf("senior healthcare assistant: %d (listed %v), gap analysis says %d", got, listed, want)
		}
		if _, listed := titles[shared.Title]; !listed {
			t.Errorf("the partner's shared role is missing from %v", titles)
		}
		for _, never := range []string{"Partner's own support role", "Stranger's shared support role", "Healthcare assistant"} {
			if _, listed := titles[never]; listed {
				t.Errorf("%q is an option, but must not be: %v", never, titles)
			}
		}

		// Talent match for the senior role: only the people of Trust A for a manager of Trust A.
		ms, total, _ := x.TalentMatch(senior.ID, today, career.PeopleScope{Orgs: map[int64]bool{w.a.ID: true}}, 10, 0)
		if total != 1 || ms[0].PersonID != p.ID {
			t.Errorf("talent match in Trust A: %+v (%d)", ms, total)
		}

		// A competence added shows at once; so does a retired role and an erased person.
		must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
			NodeKey: "c3", LevelKey: "level-1", Evidence: workforce.EvidenceSelf, Achieved: "2024-01-01"}))
		x = must(ci.Index(ctx))
		st, _ = x.PersonStart(p.ID, today)
		entries = must(db.Portfolio(ctx, p.ID))
		want2 := workforce.Analyse(senior.Requirements, entries, db.AnyFrameworks(ctx), db.Today()).Readiness
		got2, _, _ := x.Score(st, senior.ID, today)
		if got2 != want2 || want2 <= want {
			t.Errorf("after adding c3: %d, gap analysis %d (before %d)", got2, want2, want)
		}
		senior.Status = workforce.StatusRetired
		must(db.UpdateRole(ctx, w.actor, senior))
		x = must(ci.Index(ctx))
		for _, o := range x.Options(st, today, scope, career.OptionFilter{}) {
			if o.Role.ID == senior.ID {
				t.Error("a retired role is still an option")
			}
		}
		cur := must(db.Person(ctx, inB.ID))
		ok(t, db.ErasePerson(ctx, w.actor, inB.ID, cur.Version))
		x = must(ci.Index(ctx))
		if _, found := x.PersonStart(inB.ID, today); found {
			t.Error("an erased person is still in the index")
		}
		if ms, total, _ := x.TalentMatch(shared.ID, today, career.PeopleScope{Orgs: map[int64]bool{w.b.ID: true}}, 10, 0); total != 0 {
			t.Errorf("talent match still finds the erased person: %+v", ms)
		}
	})
}

// TestCareerIndexStart: a started index is not ready until its first build is done, then is,
// and stops when its context ends.
func TestCareerIndexStart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ci := db.Careers()
		if ci.Started() || ci.Ready() {
			t.Fatal("a new index says it is started or ready")
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ci.Start(ctx, 10*time.Millisecond, func(err error) { t.Errorf("career index: %v", err) })
		deadline := time.Now().Add(10 * time.Second)
		for !ci.Ready() && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if !ci.Started() || !ci.Ready() {
			t.Fatal("the started index did not become ready")
		}
	})
}

// TestCareerIndexEntryOrder: a full build reads portfolio entries in id order and puts each
// person's in the order DB.Portfolio returns them (competence, latest achieved first, then id),
// the order the gap analysis counts them in, whatever order they were added in.
func TestCareerIndexEntryOrder(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		p := must(db.CreatePerson(ctx, w.actor, w.personA("20000002", "Alex Green")))
		for _, e := range []struct{ node, level, achieved string }{
			{"c3", "level-1", "2023-05-01"}, {"c1", "level-1", "2022-01-01"}, {"c1", "level-2", "2024-03-01"},
			{"c1", "level-1", "2024-03-01"}, {"c2", "level-3", "2021-01-01"}, {"c1", "level-3", "2020-01-01"},
		} {
			must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
				NodeKey: e.node, LevelKey: e.level, Evidence: workforce.EvidenceSelf, Achieved: workforce.Date(e.achieved)}))
		}
		ok(t, db.Careers().Rebuild(ctx))
		x := must(db.Careers().Index(ctx))
		st, found := x.PersonStart(p.ID, career.Today(db.Today()))
		want := x.Catalog().HeldOf(must(db.Portfolio(ctx, p.ID)))
		if !found || !slices.Equal(st.Held, want) {
			t.Errorf("held in the index %+v, want the portfolio's order %+v", st.Held, want)
		}
	})
}
