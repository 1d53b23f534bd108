package store_test

import (
	"context"
	"maps"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

// TestAccessMap checks the scope rule on both engines: a membership applies to its organisation
// and everything below it, the strongest role wins, a site administrator administers everything,
// a disabled or unknown user sees nothing, and the map agrees with AccessIn and AccessFrom.
func TestAccessMap(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := func(name string, parent int64, kind string) store.Organisation {
			return must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, ParentID: parent, Kind: kind}))
		}
		a := org("Trust A", 0, store.KindOrganisation)
		research := org("Research", a.ID, store.KindService)
		trials := org("Trials unit", research.ID, store.KindTeam)
		wards := org("Wards", a.ID, store.KindService)
		b := org("Trust B", 0, store.KindOrganisation)
		user := func(email string, siteAdmin bool) store.User {
			return must(db.CreateUser(ctx, store.System, store.User{Email: email, Name: email, SiteAdmin: siteAdmin}))
		}
		pat := user("pat@example.org", false)
		ok(t, db.SetMembership(ctx, store.System, pat.ID, a.ID, store.AccessViewer))
		ok(t, db.SetMembership(ctx, store.System, pat.ID, research.ID, store.AccessPlanner))
		// A weaker membership below a stronger one does not weaken it.
		ok(t, db.SetMembership(ctx, store.System, pat.ID, trials.ID, store.AccessStaff))

		got := must(db.AccessMap(ctx, pat.ID, false))
		want := map[int64]store.AccessRole{
			a.ID: store.AccessViewer, research.ID: store.AccessPlanner, trials.ID: store.AccessPlanner, wards.ID: store.AccessViewer,
		}
		if !maps.Equal(got, want) {
			t.Errorf("AccessMap = %v, want %v (Trust B %d must be absent)", got, want, b.ID)
		}
		for _, o := range []store.Organisation{a, research, trials, wards, b} {
			role, held, err := db.AccessIn(ctx, pat.ID, o.ID)
			ok(t, err)
			if got[o.ID] != role || held != (got[o.ID] != "") {
				t.Errorf("%s: AccessMap says %q, AccessIn says %q (%v)", o.Name, got[o.ID], role, held)
			}
		}
		all := must(db.Organisations(ctx))
		if pure := store.AccessFrom(all, must(db.Memberships(ctx, pat.ID)), false); !maps.Equal(pure, got) {
			t.Errorf("AccessFrom = %v, AccessMap = %v", pure, got)
		}

		// No memberships: nothing. A site administrator: administrator of every node.
		nobody := user("nobody@example.org", false)
		if got := must(db.AccessMap(ctx, nobody.ID, false)); len(got) != 0 {
			t.Errorf("a user without memberships sees %v", got)
		}
		admin := user("admin@example.org", true)
		got = must(db.AccessMap(ctx, admin.ID, true))
		if len(got) != len(all) {
			t.Errorf("a site administrator sees %d of %d organisations", len(got), len(all))
		}
		for id, role := range got {
			if role != store.AccessAdministrator {
				t.Errorf("site administrator in %d: %q", id, role)
			}
		}
		if pure := store.AccessFrom(all, nil, true); !maps.Equal(pure, got) {
			t.Errorf("AccessFrom for a site administrator = %v", pure)
		}

		// A disabled account, or one that does not exist, sees nothing even when called a site
		// administrator.
		pat.Disabled = true
		must(db.UpdateUser(ctx, store.System, pat))
		if got := must(db.AccessMap(ctx, pat.ID, true)); len(got) != 0 {
			t.Errorf("a disabled user sees %v", got)
		}
		if got := must(db.AccessMap(ctx, 999999, true)); len(got) != 0 {
			t.Errorf("an unknown user sees %v", got)
		}
	})
}

func TestAccessFromStopsOnACycle(t *testing.T) {
	// A corrupt tree (1 → 2 → 1) must not hang; the membership still reaches both nodes.
	all := []store.Organisation{{ID: 1, ParentID: 2}, {ID: 2, ParentID: 1}, {ID: 3}}
	got := store.AccessFrom(all, []store.Membership{{OrganisationID: 1, AccessRole: store.AccessManager}}, false)
	want := map[int64]store.AccessRole{1: store.AccessManager, 2: store.AccessManager}
	if !maps.Equal(got, want) {
		t.Errorf("AccessFrom on a cycle = %v, want %v", got, want)
	}
}
