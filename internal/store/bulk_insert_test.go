package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The bulk path writes full batches with one prepared statement and the rest with another: a
// load of 2½ batches must save every row with its own values, and a row the database refuses in
// the middle (here a CHECK constraint, past the store's validation) must undo the whole load.
func TestBulkInsertBatchesAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		must(db.ImportPeople(ctx, w.actor, w.a.ID, []workforce.Person{w.personA("P1", "Pat One")}))
		id := must(db.StaffNumbers(ctx, w.a.ID))["P1"]
		cols := []string{"person_id", "framework_key", "framework_version", "node_key", "level_key", "evidence",
			"achieved", "review_by", "note", "version", "created_at", "updated_at"}
		now := time.Now()
		rows := func(n, badAt int) [][]any {
			out := make([][]any, n)
			for i := range out {
				evidence := workforce.EvidenceSelf
				if i == badAt {
					evidence = "hearsay"
				}
				out[i] = []any{id, "ksf", "2010", fmt.Sprintf("c%d", i%6+1), "level-2", evidence,
					"2024-01-15", "", fmt.Sprintf("row %d", i), 1, now, now}
			}
			return out
		}
		if err := db.BulkInsertForTest(ctx, "portfolio_entries", cols, rows(250, 150)); err == nil {
			t.Fatal("a row that breaks a CHECK constraint was accepted")
		}
		if got := must(db.Portfolio(ctx, id)); len(got) != 0 {
			t.Fatalf("a refused load left %d rows", len(got))
		}
		must(0, db.BulkInsertForTest(ctx, "portfolio_entries", cols, rows(250, -1)))
		got := must(db.Portfolio(ctx, id))
		if len(got) != 250 {
			t.Fatalf("saved %d rows of 250", len(got))
		}
		notes := map[string]bool{}
		for _, e := range got {
			notes[e.Note] = true
		}
		for _, i := range []int{0, 99, 100, 199, 200, 249} {
			if !notes[fmt.Sprintf("row %d", i)] {
				t.Errorf("row %d is missing", i)
			}
		}
	})
}
