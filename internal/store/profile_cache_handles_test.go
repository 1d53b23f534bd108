package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// Two servers on one database (DESIGN decision 2): a save through one handle is in the other
// handle's next profile and comparison, followed row by row from the change sequence (not
// loaded again in full), and equal to the figures worked out directly.
func TestProfileCacheSeesAnotherHandlesSaves(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			defer catch(t)
			ctx := context.Background()
			dsn := storetest.DSN(t, engine)
			open := func() *store.DB {
				db := must(store.Open(ctx, dsn))
				t.Cleanup(func() { db.Close() })
				return db
			}
			a := open()
			must(0, a.Migrate(ctx))
			b := open()
			w := makeEstablishmentWorld(t, a)
			sc := must(a.CreateScenario(ctx, w.actor, w.aService.ID, "Other server", ""))
			check := func(what string) {
				t.Helper()
				loads := b.Profiles().WorkOuts()
				got, _ := must2(b.Profiles().Profile(ctx, w.aService.ID))
				if want := directProfile(t, a, w.aService.ID); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: the other handle's profile\n%+v\nwant\n%+v", what, got, want)
				}
				cur := must(a.Scenario(ctx, sc.ID))
				_, _, cmp, _, err := b.Profiles().Comparison(ctx, cur)
				if err != nil {
					t.Fatal(err)
				}
				if want, _ := directComparison(t, a, cur); !reflect.DeepEqual(cmp, want) {
					t.Fatalf("%s: the other handle's comparison\n%+v\nwant\n%+v", what, cmp, want)
				}
				if n := b.Profiles().WorkOuts() - loads; what != "first" && n != 0 {
					t.Errorf("%s: loaded in full %d times, want the change followed", what, n)
				}
			}
			check("first")
			before, _ := must2(b.Profiles().Profile(ctx, w.aService.ID))

			p := must(a.Post(ctx, w.post3.ID))
			p.FTE = 80
			must(a.UpdatePost(ctx, w.actor, p))
			check("a post changed")
			after, _ := must2(b.Profiles().Profile(ctx, w.aService.ID))
			if after.FundedFTE != before.FundedFTE+30 {
				t.Errorf("funded FTE %s after the post went from 0.50 to 0.80, was %s", after.FundedFTE, before.FundedFTE)
			}

			must(a.CreatePost(ctx, w.actor, workforce.Post{TeamID: w.ward2.ID, RoleID: w.roleA.ID, FTE: 100, PayPoint: workforce.PayTop}))
			check("a post added")
			must(0, a.DeletePost(ctx, w.actor, w.post1.ID, w.post1.Version))
			check("a post removed")

			sam := must(a.Person(ctx, w.sam.ID))
			sam.Assignments[0].TeamID = w.ward2.ID
			must(a.UpdatePerson(ctx, w.actor, sam))
			check("a person moved to another team")
			must(a.AddPortfolioEntry(ctx, w.actor, workforce.PortfolioEntry{PersonID: w.sam.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
				NodeKey: "c1", LevelKey: "level-3", Evidence: workforce.EvidenceSelf, Achieved: "2020-05-01"}))
			check("a competence recorded")

			ps := must(a.PaySettingsOf(ctx, w.a.ID))
			ps.OnCost = 3000
			must(a.SavePaySettings(ctx, w.actor, ps))
			check("the on-cost changed")

			cur := must(a.Scenario(ctx, sc.ID))
			cur.Changes = append(cur.Changes, workforce.ScenarioChange{Kind: workforce.ChangeAdd, Reason: "Cover nights",
				TeamID: w.ward2.ID, RoleID: w.roleA.ID, Count: 2, FTE: 100, PayPoint: workforce.PayEntry})
			must(a.SaveScenario(ctx, w.actor, cur))
			check("the scenario changed")
		})
	}
}

// Requests for the same unit at once, while posts are saved, all get a profile the direct
// work-out gives at some point (the figures are never half applied), and the last one after
// the saves is the direct one. Run with -race, this checks the cache's locking.
func TestProfileCacheUnderConcurrentRequests(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		before, _ := must2(db.Profiles().Profile(ctx, w.aService.ID))
		funded := map[workforce.FTE]bool{}
		for i := range 5 { // post 3 grows by 0.10 four times
			funded[before.FundedFTE+workforce.FTE(10*i)] = true
		}
		done := make(chan error)
		for range 4 {
			go func() {
				var err error
				for range 10 {
					var p workforce.Profile
					if p, _, err = db.Profiles().Profile(ctx, w.aService.ID); err != nil {
						break
					}
					if !funded[p.FundedFTE] {
						t.Errorf("funded FTE %s is no state the posts were in", p.FundedFTE)
					}
				}
				done <- err
			}()
		}
		p := w.post3
		for range 4 {
			p.FTE += 10
			p = must(db.UpdatePost(ctx, w.actor, p))
		}
		for range 4 {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
		got, _ := must2(db.Profiles().Profile(ctx, w.aService.ID))
		if want := directProfile(t, db, w.aService.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("after the saves:\n%+v\nwant\n%+v", got, want)
		}
	})
}
