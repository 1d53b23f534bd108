package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func TestImportRolesCreatesAndUpdates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		nurse := must(db.CreateRole(ctx, w.actor, staffNurse(w.a.ID)))

		found := must(db.RolesByTitle(ctx, w.a.ID, []string{"STAFF NURSE", "Porter"}))
		if len(found) != 1 || found["staff nurse"].ID != nurse.ID {
			t.Fatalf("RolesByTitle found %v", found)
		}
		if other := must(db.RolesByTitle(ctx, w.b.ID, []string{"Staff nurse"})); len(other) != 0 {
			t.Errorf("another organisation's role was found by title: %v", other)
		}

		update := nurse
		update.Band = "6"
		update.Requirements = append(update.Requirements, workforce.Requirement{FrameworkKey: "local-a", FrameworkVersion: "1", NodeKey: "supervision", Essential: false})
		porter := workforce.Role{Title: "Porter", StaffGroup: "Estates and Ancillary", Level: 1, Band: "2"}
		saved := must(db.ImportRoles(ctx, w.actor, w.a.ID, []workforce.Role{porter, update}))
		if saved[0].ID == 0 || saved[0].OrganisationID != w.a.ID || saved[0].Version != 1 {
			t.Errorf("new role saved as %+v", saved[0])
		}
		if saved[1].ID != nurse.ID || saved[1].Version != 2 || saved[1].Band != "6" || len(saved[1].Requirements) != 3 {
			t.Errorf("updated role saved as %+v", saved[1])
		}
		history := must(db.RoleVersions(ctx, nurse.ID))
		if len(history) != 2 {
			t.Errorf("the updated role has %d versions, want 2", len(history))
		}

		// The version read when the import was checked must still be the stored one.
		stale := nurse // version 1
		stale.Band = "7"
		_, err := db.ImportRoles(ctx, w.actor, w.a.ID, []workforce.Role{{Title: "Cleaner"}, stale})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("import over a changed role: %v, want ErrConflict", err)
		}
		if got := must(db.RolesByTitle(ctx, w.a.ID, []string{"Cleaner"})); len(got) != 0 {
			t.Errorf("the new role of a refused import was saved")
		}

		// A role of another organisation cannot be updated through this one.
		bRole := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.b.ID, Title: "Porter"}))
		if _, err := db.ImportRoles(ctx, w.actor, w.a.ID, []workforce.Role{bRole}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("updating another organisation's role: %v, want ErrInvalid", err)
		}

		// Problems of every role come back with their index in the list.
		fresh := must(db.Role(ctx, nurse.ID))
		fresh.Level = 12
		_, err = db.ImportRoles(ctx, w.actor, w.a.ID, []workforce.Role{{Title: "Ok"}, fresh, {Title: "porter"}, {Title: ""}})
		var inv *store.InvalidRolesError
		if !errors.As(err, &inv) {
			t.Fatalf("bad import: %v", err)
		}
		var idx []int
		for _, rp := range inv.Roles {
			idx = append(idx, rp.Index)
		}
		if want := map[int]bool{1: true, 2: true, 3: true}; len(idx) != 3 || !want[idx[0]] || !want[idx[1]] || !want[idx[2]] {
			t.Errorf("problems at %v, want roles 1, 2 and 3: %v", idx, inv)
		}
	})
}

// dbState is what an import could change: every role of the world's organisations with its
// requirements, each role's history, and the change sequence (every write moves it).
type dbState struct {
	roles    []workforce.Role
	versions map[int64]int
	last     int64
}

func snapshot(t *testing.T, db *store.DB, orgs []int64) dbState {
	t.Helper()
	ctx := context.Background()
	page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: orgs, Status: store.RoleStatusAny, Limit: store.MaxRolePage}))
	st := dbState{roles: page.Roles, versions: map[int64]int{}, last: must(db.LastChange(ctx))}
	for _, r := range page.Roles {
		st.versions[r.ID] = len(must(db.RoleVersions(ctx, r.ID)))
	}
	return st
}

// TestImportRolesIsAllOrNothing is a property test: for any import holding at least one bad
// role (among any number of good new roles and good updates), nothing in the database changes.
// The bad role is chosen from every way a role can be refused at save time: a broken rule, a
// title used twice, a title another role took, a version changed meanwhile, a framework of
// another organisation, a role of another organisation.
func TestImportRolesIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		var existing []workforce.Role
		for i := range 4 {
			existing = append(existing, must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.a.ID,
				Title: fmt.Sprintf("Existing %d", i), Level: i + 1, Requirements: []workforce.Requirement{ksf("c1", "level-1", true)}})))
		}
		bRole := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.b.ID, Title: "Trust B role"}))
		orgs := []int64{w.a.ID, w.aService.ID, w.b.ID, w.c.ID}
		bad := []func(rng *rand.Rand, roles []workforce.Role) workforce.Role{
			func(rng *rand.Rand, _ []workforce.Role) workforce.Role {
				return workforce.Role{Title: "Bad level", Level: 10 + rng.IntN(90)}
			},
			func(*rand.Rand, []workforce.Role) workforce.Role {
				return workforce.Role{Title: "Bad band", Band: "B12"}
			},
			func(*rand.Rand, []workforce.Role) workforce.Role { return workforce.Role{Title: ""} },
			func(*rand.Rand, []workforce.Role) workforce.Role {
				return workforce.Role{Title: "Unknown competence", Requirements: []workforce.Requirement{ksf("zz9", "level-1", true)}}
			},
			func(*rand.Rand, []workforce.Role) workforce.Role {
				return workforce.Role{Title: "Level out of range", Requirements: []workforce.Requirement{ksf("c2", "level-9", true)}}
			},
			func(*rand.Rand, []workforce.Role) workforce.Role {
				return workforce.Role{Title: "Other trust's framework", Requirements: []workforce.Requirement{
					{FrameworkKey: "local-b", FrameworkVersion: "1", NodeKey: "supervision"}}}
			},
			func(rng *rand.Rand, _ []workforce.Role) workforce.Role { // a new role with a stored title
				return workforce.Role{Title: existing[rng.IntN(len(existing))].Title}
			},
			func(rng *rand.Rand, _ []workforce.Role) workforce.Role { // an update from a stale version
				r := existing[rng.IntN(len(existing))]
				r.Version = 99
				r.Summary = "stale"
				return r
			},
			func(*rand.Rand, []workforce.Role) workforce.Role { return bRole },
			func(rng *rand.Rand, roles []workforce.Role) workforce.Role { // the same new title twice
				for _, r := range roles {
					if r.ID == 0 {
						return workforce.Role{Title: r.Title}
					}
				}
				return workforce.Role{Title: "", Level: 3}
			},
		}
		rng := rand.New(rand.NewPCG(4, uint64(len(db.Engine()))))
		for iter := range 40 {
			before := snapshot(t, db, orgs)
			var roles []workforce.Role
			for i := range rng.IntN(6) {
				roles = append(roles, workforce.Role{Title: fmt.Sprintf("New %d-%d", iter, i), Level: 1 + rng.IntN(9),
					Requirements: []workforce.Requirement{ksf("c2", "level-2", rng.IntN(2) == 0)}})
			}
			for _, e := range existing {
				if rng.IntN(2) == 0 {
					cur := must(db.Role(ctx, e.ID))
					cur.Summary = fmt.Sprintf("updated in import %d", iter)
					roles = append(roles, cur)
				}
			}
			kind := rng.IntN(len(bad))
			b := bad[kind](rng, roles)
			at := rng.IntN(len(roles) + 1)
			roles = append(roles[:at], append([]workforce.Role{b}, roles[at:]...)...)

			_, err := db.ImportRoles(ctx, w.actor, w.a.ID, roles)
			if err == nil {
				t.Fatalf("import %d with bad role kind %d (%+v) was saved", iter, kind, b)
			}
			if !errors.Is(err, store.ErrInvalid) && !errors.Is(err, store.ErrConflict) {
				t.Fatalf("import %d: unexpected error %v", iter, err)
			}
			if after := snapshot(t, db, orgs); !reflect.DeepEqual(before, after) {
				t.Fatalf("import %d with bad role kind %d changed the database", iter, kind)
			}
			// Without the bad role the same import is saved: the property is not vacuous.
			if iter%10 == 0 {
				good := append(roles[:at:at], roles[at+1:]...)
				if len(good) > 0 {
					if _, err := db.ImportRoles(ctx, w.actor, w.a.ID, good); err != nil {
						t.Fatalf("import %d without its bad role: %v", iter, err)
					}
					if after := snapshot(t, db, orgs); reflect.DeepEqual(before, after) {
						t.Fatalf("import %d without its bad role changed nothing", iter)
					}
				}
			}
		}
	})
}
