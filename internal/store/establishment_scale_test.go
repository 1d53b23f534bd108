package store_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// TestEstablishmentAtScale measures the workforce profile of one organisation with 100,000
// people and 120,000 posts (issue 6's target: under 200 ms at the 95th percentile on both
// engines), beside the engine's own cost of the aggregate it replaces (the posts summed by
// team and role in SQL). It loads a lot of data, so it runs only when
// WORKFRAME_SCALE_ESTABLISHMENT=1; the figures are written to the test log.
func TestEstablishmentAtScale(t *testing.T) {
	if os.Getenv("WORKFRAME_SCALE_ESTABLISHMENT") != "1" {
		t.Skip("set WORKFRAME_SCALE_ESTABLISHMENT=1 to measure the profile at 100,000 people")
	}
	const people, posts, teams, roles = 100_000, 120_000, 4_000, 60
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			w := makeRoleWorld(t, db)
			now := time.Now()
			// Teams under the service, ids after everything the world made.
			var orgRows [][]any
			base := int64(1_000_000)
			for i := range teams {
				orgRows = append(orgRows, []any{base + int64(i), w.aService.ID, fmt.Sprintf("Scale team %d", i), store.KindTeam, 1, now})
			}
			must(0, db.BulkInsertForTest(ctx, "organisations", []string{"id", "parent_id", "name", "kind", "version", "created_at"}, orgRows))
			var roleIDs []int64
			for i := range roles {
				r := staffNurse(w.a.ID)
				r.Title = fmt.Sprintf("Scale role %d", i)
				r.Level, r.Band = 2+i%7, workforce.Bands[1+i%10]
				roleIDs = append(roleIDs, must(db.CreateRole(ctx, w.actor, r)).ID)
			}
			var pRows, aRows, eRows, postRows [][]any
			for i := range people {
				id := base + int64(i)
				team, role := base+int64(i%teams), roleIDs[i%roles]
				pRows = append(pRows, []any{id, w.a.ID, fmt.Sprintf("S%07d", i), "Person", "person", 1, now, now})
				aRows = append(aRows, []any{id, 0, role, team, 100 - (i%3)*20, "2020-01-01", ""})
				eRows = append(eRows, []any{id, id, "ksf", "2010", "c1", []string{"level-1", "level-2", "level-3"}[i%3], "self", "2020-01-01", "", 1, now, now},
					[]any{id + people, id, "ksf", "2010", "c3", "level-2", "self", "2020-01-01", "", 1, now, now})
			}
			for i := range posts {
				holder := any(nil)
				if i < people && i%10 != 0 {
					holder = base + int64(i)
				}
				postRows = append(postRows, []any{base + int64(i), base + int64(i%teams), roleIDs[i%roles], 100, "", workforce.PayPoints[i%3], 0, holder, 1, now, now})
			}
			start := time.Now()
			must(0, db.BulkInsertForTest(ctx, "people", []string{"id", "organisation_id", "staff_number", "name", "name_key", "version", "created_at", "updated_at"}, pRows))
			must(0, db.BulkInsertForTest(ctx, "person_assignments", []string{"person_id", "position", "role_id", "team_id", "fte", "start_date", "end_date"}, aRows))
			must(0, db.BulkInsertForTest(ctx, "portfolio_entries", []string{"id", "person_id", "framework_key", "framework_version", "node_key", "level_key", "evidence", "achieved", "review_by", "version", "created_at", "updated_at"}, eRows))
			must(0, db.BulkInsertForTest(ctx, "posts", []string{"id", "team_id", "role_id", "fte", "band", "pay_point", "actual_salary", "holder_id", "version", "created_at", "updated_at"}, postRows))
			must(db.QueryTimeForTest(ctx, "ANALYZE")) // both engines: plan with the new row counts
			t.Logf("%s: loaded %d people, %d posts, %d portfolio entries in %s", engine, people, posts, len(eRows), time.Since(start).Round(time.Millisecond))

			lookup := db.AnyFrameworks(ctx)
			pay := workforce.CurrentPayTable(db.Today())
			const runs = 20
			var load, total, direct []time.Duration
			var p workforce.Profile
			for range runs {
				t0 := time.Now()
				in := must(db.Establishment(ctx, w.aService.ID))
				t1 := time.Now()
				in.Pay, in.Lookup = pay, lookup
				p = workforce.WorkOutProfile(in)
				t2 := time.Now()
				load, total = append(load, t1.Sub(t0)), append(total, t2.Sub(t0))
				must(db.QueryTimeForTest(ctx, `WITH RECURSIVE below(id) AS (SELECT id FROM organisations WHERE id = ?
					UNION ALL SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id)
					SELECT p.team_id, p.role_id, COUNT(*), SUM(p.fte), COUNT(p.holder_id) FROM posts p JOIN below b ON b.id = p.team_id
					GROUP BY p.team_id, p.role_id`, w.aService.ID))
				direct = append(direct, time.Since(t2))
			}
			if p.Posts != posts || p.Headcount != people {
				t.Errorf("profile of %d posts and %d people, want %d and %d", p.Posts, p.Headcount, posts, people)
			}
			pct := func(ds []time.Duration, q int) time.Duration {
				s := slices.Clone(ds)
				slices.Sort(s)
				return s[(len(s)*q+99)/100-1].Round(time.Millisecond)
			}
			t.Logf("%s: profile p50 %s p95 %s (of which loading p95 %s); SQL aggregate of posts by team and role p50 %s p95 %s; target p95 < 200ms",
				engine, pct(total, 50), pct(total, 95), pct(load, 95), pct(direct, 50), pct(direct, 95))
		})
	}
}
