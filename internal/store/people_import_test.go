package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The bulk paths (COPY on PostgreSQL, prepared multi-row statements on SQLite) at sizes above
// one statement's batch: a re-import updates every person in place, and a bad row in the middle
// of a large file leaves the database as it was.

const bulkPeople = 450 // several of the store's 100-row batches, and an odd last one

func bulkFile(w peopleWorld, name string) []workforce.Person {
	out := make([]workforce.Person, bulkPeople)
	for i := range out {
		out[i] = w.personA(fmt.Sprintf("N%04d", i), fmt.Sprintf("%s Person%d", name, i))
	}
	return out
}

// firstImport imports bulkFile(w, "First") and returns what it said and the people's ids by
// staff number.
func firstImport(t *testing.T, db *store.DB, w peopleWorld) (store.ImportResult, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	res := must(db.ImportPeople(ctx, w.actor, w.a.ID, bulkFile(w, "First")))
	return res, must(db.StaffNumbers(ctx, w.a.ID))
}

func TestImportPeopleReimportUpdatesInPlace(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		first, ids := firstImport(t, db, w)
		if first.Created != bulkPeople || len(first.IDs) != bulkPeople {
			t.Fatalf("first import = %+v", first)
		}
		// The ids the import returns are the people's, in the file's order.
		for i, id := range first.IDs {
			if want := ids[fmt.Sprintf("N%04d", i)]; id != want {
				t.Fatalf("the import says person %d has id %d, the store %d", i, id, want)
			}
		}

		// Every name and email changes; every third person's FTE too.
		f := bulkFile(w, "Second")
		for i := range f {
			f[i].WorkEmail = fmt.Sprintf("second%d@a.example", i)
			if i%3 == 0 {
				f[i].Assignments[0].FTE = 50
			}
		}
		res := must(db.ImportPeople(ctx, w.actor, w.a.ID, f))
		if res.Created != 0 || res.Updated != bulkPeople || res.Unchanged != 0 || len(res.IDs) != bulkPeople {
			t.Fatalf("re-import = %+v", res)
		}
		after := must(db.StaffNumbers(ctx, w.a.ID))
		if len(after) != bulkPeople {
			t.Fatalf("%d people after the re-import, want %d", len(after), bulkPeople)
		}
		for i, want := range f {
			id := after[want.StaffNumber]
			if id != ids[want.StaffNumber] || res.IDs[i] != id {
				t.Fatalf("%s has id %d after the re-import, %d before", want.StaffNumber, id, ids[want.StaffNumber])
			}
			got := must(db.Person(ctx, id))
			if got.Name != want.Name || got.WorkEmail != want.WorkEmail || got.Version != 2 || got.UpdatedAt.Before(got.CreatedAt) ||
				len(got.Assignments) != 1 || got.Assignments[0] != want.Assignments[0] {
				t.Fatalf("person %d after the re-import: %+v, want %+v", i, got, want)
			}
		}
		// Searching by the new name finds them: the lower-cased name key moved with the name.
		if page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Search: "second"})); page.Total != bulkPeople {
			t.Errorf("a search for the new names finds %d people, want %d", page.Total, bulkPeople)
		}
		if res := must(db.ImportPeople(ctx, w.actor, w.a.ID, f)); res.Unchanged != bulkPeople || res.Updated+res.Created != 0 {
			t.Errorf("the same file again = %+v", res)
		}
	})
}

func TestImportPeopleBadRowInTheMiddleChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		firstImport(t, db, w)
		// A re-import that renames everyone and adds new people, with one bad row half-way.
		f := append(bulkFile(w, "Second"), w.personA("NEW1", "New One"), w.personA("NEW2", "New Two"))
		f[bulkPeople/2].Assignments[0].TeamID = w.teamB.ID // another employer's team
		_, err := db.ImportPeople(ctx, w.actor, w.a.ID, f)
		var inv *store.InvalidPeopleError
		if !errors.As(err, &inv) || len(inv.People) != 1 || inv.People[0].Index != bulkPeople/2 {
			t.Fatalf("import with a bad row: %v", err)
		}
		page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{w.a.ID}, Limit: store.MaxPeoplePage}))
		if page.Total != bulkPeople {
			t.Fatalf("%d people after a refused import, want %d", page.Total, bulkPeople)
		}
		for _, p := range page.People {
			if p.Version != 1 || p.Name[:5] != "First" {
				t.Fatalf("a refused import changed %+v", p)
			}
		}
	})
}

func TestImportPortfoliosBadEntryInTheMiddleSavesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makePeopleWorld(t, db)
		_, ids := firstImport(t, db, w)
		var entries []workforce.PortfolioEntry
		for i := range bulkPeople {
			for _, node := range []string{"c1", "c2"} {
				entries = append(entries, workforce.PortfolioEntry{PersonID: ids[fmt.Sprintf("N%04d", i)], FrameworkKey: "ksf",
					FrameworkVersion: "2010", NodeKey: node, LevelKey: "level-2", Evidence: workforce.EvidenceSelf, Achieved: "2024-01-15"})
			}
		}
		bad := append([]workforce.PortfolioEntry(nil), entries...)
		bad[len(bad)/2].LevelKey = "level-9"
		err := db.ImportPortfolios(ctx, w.actor, w.a.ID, bad)
		var inv *store.InvalidPortfolioError
		if !errors.As(err, &inv) || len(inv.Entries) != 1 || inv.Entries[0].Index != len(bad)/2 {
			t.Fatalf("load with a bad entry: %v", err)
		}
		for _, id := range ids {
			if got := must(db.Portfolio(ctx, id)); len(got) != 0 {
				t.Fatalf("a refused load saved %d entries of person %d", len(got), id)
			}
		}
		must(0, db.ImportPortfolios(ctx, w.actor, w.a.ID, entries))
		for n, id := range ids {
			if got := must(db.Portfolio(ctx, id)); len(got) != 2 || got[0].NodeKey != "c1" || got[1].NodeKey != "c2" {
				t.Fatalf("%s's portfolio: %+v", n, got)
			}
		}
	})
}
