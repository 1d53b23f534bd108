package store_test

import (
	"cmp"
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// directProfile is the profile worked out without the cache, as every page did before it.
func directProfile(t *testing.T, db *store.DB, unitID int64) workforce.Profile {
	t.Helper()
	ctx := context.Background()
	in := must(db.Establishment(ctx, unitID))
	in.Pay, in.Lookup = workforce.CurrentPayTable(db.Today()), db.AnyFrameworks(ctx)
	return workforce.WorkOutProfile(in)
}

// directComparison is a scenario's comparison worked out without the cache.
func directComparison(t *testing.T, db *store.DB, sc store.Scenario) (workforce.Comparison, []workforce.Problem) {
	t.Helper()
	ctx := context.Background()
	in, posts, ps, err := db.ScenarioInputs(ctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		return workforce.Comparison{}, ps
	}
	in.Pay, in.Lookup = workforce.CurrentPayTable(db.Today()), db.AnyFrameworks(ctx)
	future := in
	future.Posts = posts
	return workforce.Compare(workforce.WorkOutProfile(in), workforce.WorkOutProfile(future)), nil
}

// The cached profile and comparison are the figures worked out directly, after every kind of
// change that can move them, in a random order: posts added, changed and removed, assignments
// changed, competences recorded, scenarios edited, pay settings saved, and days passing (an
// assignment ending, a competence expiring).
func TestProfileCacheGivesTheDirectFigures(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Now().UTC()
		db.SetClock(func() time.Time { return day })
		w := makeEstablishmentWorld(t, db)
		sc := must(db.CreateScenario(ctx, w.actor, w.aService.ID, "Equivalence", ""))
		r := rand.New(rand.NewPCG(6, 10))
		teams := []int64{w.teamA.ID, w.ward2.ID}
		people := []int64{w.priya.ID, w.sam.ID}
		points := []string{workforce.PayEntry, workforce.PayIntermediate, workforce.PayTop}
		hits, scenarioEdits := 0, 0
		for step := range 60 {
			// Saves are followed row by row: only a day passing loads the units again in
			// full (assignments and competences start and end by date).
			before := db.Profiles().WorkOuts()
			newDay := false
			switch op := r.IntN(11); op {
			case 0, 1: // a post added, sometimes filled
				p := workforce.Post{TeamID: teams[r.IntN(2)], RoleID: w.roleA.ID, FTE: workforce.FTE(10 * (1 + r.IntN(10))), PayPoint: points[r.IntN(3)]}
				if p.TeamID == w.teamA.ID && r.IntN(2) == 0 {
					p.HolderID = people[r.IntN(2)]
				}
				if _, err := db.CreatePost(ctx, w.actor, p); err != nil {
					t.Logf("step %d: post not added (%v)", step, err) // a holder who left: the rules say no
				}
			case 2: // a post changed or removed
				posts := must(db.TeamPosts(ctx, teams[r.IntN(2)]))
				if len(posts) == 0 {
					continue
				}
				p := posts[r.IntN(len(posts))]
				if r.IntN(2) == 0 {
					p.FTE = workforce.FTE(10 * (1 + r.IntN(10)))
					must(db.UpdatePost(ctx, w.actor, p))
				} else {
					must(0, db.DeletePost(ctx, w.actor, p.ID, p.Version))
				}
			case 3: // an assignment's FTE changed
				p := must(db.Person(ctx, people[r.IntN(2)]))
				p.Assignments[0].FTE = workforce.FTE(20 * (1 + r.IntN(5)))
				must(db.UpdatePerson(ctx, w.actor, p))
			case 4: // a competence recorded, maybe expiring soon
				review := workforce.Date("")
				if r.IntN(2) == 0 {
					review = workforce.DateOf(day.AddDate(0, 0, r.IntN(3)))
				}
				must(db.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: people[r.IntN(2)], FrameworkKey: "ksf",
					FrameworkVersion: "2010", NodeKey: "c1", LevelKey: []string{"level-1", "level-2", "level-3"}[r.IntN(3)],
					Evidence: workforce.EvidenceSelf, Achieved: "2020-05-01", ReviewBy: review}))
			case 5: // the scenario edited
				cur := must(db.Scenario(ctx, sc.ID))
				cur.Changes = append(cur.Changes, workforce.ScenarioChange{Kind: workforce.ChangeAdd, Reason: "More cover",
					TeamID: teams[r.IntN(2)], RoleID: w.roleA.ID, Count: 1 + r.IntN(3), FTE: 100, PayPoint: workforce.PayEntry})
				if _, err := db.SaveScenario(ctx, w.actor, cur); err != nil {
					t.Fatal(err)
				}
				scenarioEdits++
			case 6: // the on-cost changed
				ps := must(db.PaySettingsOf(ctx, w.a.ID))
				ps.OnCost = workforce.OnCost(100 * r.IntN(30))
				must(db.SavePaySettings(ctx, w.actor, ps))
			case 7: // a day passes
				day = day.AddDate(0, 0, 1)
				newDay = true
			case 8: // nothing changes: the cache answers
				hits++
			case 9: // the role's requirement changed: every post of it demands another level
				ro := must(db.Role(ctx, w.roleA.ID))
				ro.Requirements = []workforce.Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: []string{"c1", "c2"}[r.IntN(2)],
					LevelKey: []string{"level-1", "level-2", "level-3"}[r.IntN(3)], Essential: true}}
				must(db.UpdateRole(ctx, w.actor, ro))
			case 10: // a person joins the second ward, or leaves it
				p := must(db.Person(ctx, people[r.IntN(2)]))
				if len(p.Assignments) == 1 {
					p.Assignments = append(p.Assignments, workforce.Assignment{RoleID: w.roleA.ID, TeamID: w.ward2.ID, FTE: 20, Start: "2020-01-01"})
				} else {
					p.Assignments = p.Assignments[:1]
				}
				must(db.UpdatePerson(ctx, w.actor, p))
			}
			for _, unit := range []int64{w.aService.ID, w.teamA.ID, w.a.ID} {
				got, in := must2(db.Profiles().Profile(ctx, unit))
				if want := directProfile(t, db, unit); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d, unit %d: cached profile\n%+v\nwant\n%+v", step, unit, got, want)
				}
				// The pages chart and list the posts and people the cache gives with the figures.
				if direct := must(db.Establishment(ctx, unit)); !sameRows(in, direct) {
					t.Fatalf("step %d, unit %d: cached rows\n%+v\n%+v\nwant\n%+v\n%+v", step, unit, in.Posts, in.Staff, direct.Posts, direct.Staff)
				}
			}
			if n := db.Profiles().WorkOuts() - before; step > 0 && !newDay && n != 0 {
				t.Errorf("step %d: %d units loaded again in full after a change that can be followed row by row", step, n)
			}
			cur := must(db.Scenario(ctx, sc.ID))
			_, _, got, gotPs, err := db.Profiles().Comparison(ctx, cur)
			if err != nil {
				t.Fatal(err)
			}
			want, wantPs := directComparison(t, db, cur)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotPs, wantPs) {
				t.Fatalf("step %d: cached comparison\n%+v %v\nwant\n%+v %v", step, got, gotPs, want, wantPs)
			}
		}
		if hits == 0 || scenarioEdits == 0 {
			t.Errorf("the random walk asked %d times without a change and edited the scenario %d times", hits, scenarioEdits)
		}
	})
}

// sameRows reports whether two inputs hold the same posts and staff rows, in any order.
func sameRows(a, b workforce.ProfileInput) bool {
	byPost := func(x, y workforce.Post) int { return cmp.Compare(x.ID, y.ID) }
	byStaff := func(x, y workforce.StaffRow) int {
		return cmp.Or(cmp.Compare(x.PersonID, y.PersonID), cmp.Compare(x.TeamID, y.TeamID), cmp.Compare(x.RoleID, y.RoleID), cmp.Compare(x.FTE, y.FTE))
	}
	ap, bp := slices.SortedFunc(slices.Values(a.Posts), byPost), slices.SortedFunc(slices.Values(b.Posts), byPost)
	as, bs := slices.SortedFunc(slices.Values(a.Staff), byStaff), slices.SortedFunc(slices.Values(b.Staff), byStaff)
	return len(ap) == len(bp) && len(as) == len(bs) && (len(ap) == 0 || reflect.DeepEqual(ap, bp)) && (len(as) == 0 || reflect.DeepEqual(as, bs))
}
