package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
)

func TestUsers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := must(db.CreateUser(ctx, store.System, store.User{
			Email: "  Ada.Lovelace@Example.ORG ", Name: "Ada Lovelace", PasswordHash: "hash-1", SiteAdmin: true,
		}))
		if u.ID == 0 || u.Email != "ada.lovelace@example.org" || u.Version != 1 || u.CreatedAt.IsZero() {
			t.Fatalf("CreateUser = %+v", u)
		}
		if got := must(db.User(ctx, u.ID)); got != u {
			t.Fatalf("User = %+v, want %+v", got, u)
		}
		if got := must(db.UserByEmail(ctx, "ADA.LOVELACE@example.org")); got.ID != u.ID {
			t.Fatalf("UserByEmail in another case = %+v", got)
		}
		_, err := db.UserByEmail(ctx, "nobody@example.org")
		wantErr(t, err, store.ErrNotFound)
		_, err = db.User(ctx, 999999)
		wantErr(t, err, store.ErrNotFound)

		_, err = db.CreateUser(ctx, store.System, store.User{Email: "ADA.LOVELACE@EXAMPLE.ORG", Name: "Impostor"})
		wantErr(t, err, store.ErrConflict)
		_, err = db.CreateUser(ctx, store.System, store.User{Email: "not an email"})
		wantErr(t, err, store.ErrInvalid)

		b := must(db.CreateUser(ctx, store.System, store.User{Email: "bob@example.org", Name: "Bob"}))
		if got := must(db.Users(ctx)); len(got) != 2 || got[0].ID != u.ID || got[1].ID != b.ID {
			t.Fatalf("Users = %+v", got)
		}

		// Password and sign-in bookkeeping do not bump the version.
		if err := db.SetPassword(ctx, store.System, b.ID, "hash-2"); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 3, 4, 5, 6, 7, 891234000, time.UTC)
		if err := db.RecordSignIn(ctx, b.ID, at); err != nil {
			t.Fatal(err)
		}
		got := must(db.User(ctx, b.ID))
		if got.PasswordHash != "hash-2" || !got.LastSignIn.Equal(at) || got.Version != 1 {
			t.Fatalf("after SetPassword and RecordSignIn: %+v", got)
		}
		wantErr(t, db.SetPassword(ctx, store.System, 999999, "x"), store.ErrNotFound)
		wantErr(t, db.RecordSignIn(ctx, 999999, at), store.ErrNotFound)
	})
}

func TestUpdateUserVersionConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "ada@example.org", Name: "Ada"}))
		must(db.CreateUser(ctx, store.System, store.User{Email: "bob@example.org", Name: "Bob"}))

		edit := u
		edit.SiteAdmin = true
		edit.Email = "Ada@NHS.example"
		updated := must(db.UpdateUser(ctx, store.System, edit))
		if updated.Version != 2 || !updated.SiteAdmin || updated.Email != "ada@nhs.example" {
			t.Fatalf("UpdateUser = %+v", updated)
		}
		entries := len(must(db.AuditLog(ctx, store.AuditFilter{})))

		stale := u // version 1
		stale.Disabled = true
		_, err := db.UpdateUser(ctx, store.System, stale)
		wantErr(t, err, store.ErrConflict)
		if got := must(db.User(ctx, u.ID)); got != updated {
			t.Fatalf("after a stale update: %+v, want %+v", got, updated)
		}

		dup := updated
		dup.Email = "BOB@example.org"
		_, err = db.UpdateUser(ctx, store.System, dup)
		wantErr(t, err, store.ErrConflict)
		if got := must(db.User(ctx, u.ID)); got != updated {
			t.Fatalf("after a duplicate email: %+v, want %+v", got, updated)
		}
		if n := len(must(db.AuditLog(ctx, store.AuditFilter{}))); n != entries {
			t.Fatalf("failed updates wrote %d audit entries", n-entries)
		}
	})
}

func TestMembershipsAndAccess(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := makeTree(t, db)
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "u@example.org", Name: "U"}))
		other := must(db.CreateUser(ctx, store.System, store.User{Email: "o@example.org", Name: "O"}))

		access := func(org store.Organisation) store.AccessRole {
			t.Helper()
			r, ok, err := db.AccessIn(ctx, u.ID, org.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ok != (r != "") {
				t.Fatalf("AccessIn(%s) = %q, %v", org.Name, r, ok)
			}
			return r
		}
		if r := access(tr.trials); r != "" {
			t.Fatalf("no membership: AccessIn = %q", r)
		}

		ok(t, db.SetMembership(ctx, store.System, u.ID, tr.north.ID, store.AccessViewer))
		ok(t, db.SetMembership(ctx, store.System, u.ID, tr.research.ID, store.AccessManager))
		ok(t, db.SetMembership(ctx, store.System, other.ID, tr.research.ID, store.AccessAdministrator))
		for org, want := range map[store.Organisation]store.AccessRole{
			tr.north:         store.AccessViewer,  // held there
			tr.estates:       store.AccessViewer,  // inherited from the trust
			tr.research:      store.AccessManager, // the stronger of the two
			tr.trials:        store.AccessManager, // inherited from the service
			tr.south:         "",
			tr.southResearch: "",
		} {
			if got := access(org); got != want {
				t.Errorf("AccessIn(%s) = %q, want %q", org.Name, got, want)
			}
		}

		// The strongest wins wherever it is held: administrator at the top beats manager below.
		ok(t, db.SetMembership(ctx, store.System, u.ID, tr.north.ID, store.AccessAdministrator))
		if got := access(tr.trials); got != store.AccessAdministrator {
			t.Fatalf("AccessIn(Trials) after upgrade at the top = %q", got)
		}

		ms := must(db.Memberships(ctx, u.ID))
		if len(ms) != 2 || ms[0].OrganisationName != "North Trust" || ms[0].AccessRole != store.AccessAdministrator ||
			ms[1].OrganisationName != "Research" || ms[1].AccessRole != store.AccessManager || ms[0].CreatedAt.IsZero() {
			t.Fatalf("Memberships = %+v", ms)
		}
		members := must(db.OrganisationMembers(ctx, tr.research.ID))
		if len(members) != 2 || members[0].UserName != "O" || members[1].UserName != "U" {
			t.Fatalf("OrganisationMembers = %+v", members)
		}
		inResearch := must(db.UsersInOrganisations(ctx, []int64{tr.research.ID, tr.north.ID}))
		if len(inResearch) != 2 {
			t.Fatalf("UsersInOrganisations = %+v", inResearch)
		}
		if got := must(db.UsersInOrganisations(ctx, []int64{tr.south.ID})); len(got) != 0 {
			t.Fatalf("UsersInOrganisations(South) = %+v", got)
		}

		// A disabled user holds no access.
		cur := must(db.User(ctx, u.ID))
		cur.Disabled = true
		must(db.UpdateUser(ctx, store.System, cur))
		if got := access(tr.trials); got != "" {
			t.Fatalf("disabled user: AccessIn = %q", got)
		}

		ok(t, db.RemoveMembership(ctx, store.System, other.ID, tr.research.ID))
		wantErr(t, db.RemoveMembership(ctx, store.System, other.ID, tr.research.ID), store.ErrNotFound)
		wantErr(t, db.SetMembership(ctx, store.System, u.ID, 999999, store.AccessStaff), store.ErrInvalid)
		wantErr(t, db.SetMembership(ctx, store.System, u.ID, tr.north.ID, "owner"), store.ErrInvalid)

		// Membership changes are audited against the organisation.
		log := must(db.AuditLog(ctx, store.AuditFilter{Entity: "membership", OrganisationID: tr.research.ID}))
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		if want := []string{"delete", "create", "create"}; !slices.Equal(actions, want) {
			t.Fatalf("membership audit actions = %v, want %v", actions, want)
		}
	})
}

func TestAccessRoles(t *testing.T) {
	for i, r := range store.AccessRoles {
		got, err := store.ParseAccessRole(" " + strings.ToUpper(string(r)) + " ")
		if err != nil || got != r {
			t.Fatalf("ParseAccessRole(%q) = %q, %v", r, got, err)
		}
		if !r.AtLeast(r) {
			t.Fatalf("%q is not at least itself", r)
		}
		if i > 0 && (!store.AccessRoles[i-1].AtLeast(r) || r.AtLeast(store.AccessRoles[i-1])) {
			t.Fatalf("order broken between %q and %q", store.AccessRoles[i-1], r)
		}
	}
	if _, err := store.ParseAccessRole("role"); err == nil {
		t.Fatal("ParseAccessRole(role): want an error")
	}
	if store.AccessRole("").AtLeast(store.AccessViewer) {
		t.Fatal("no access role is at least viewer")
	}
}

// TestConcurrentWrites checks that writers queue rather than fail with "database is locked".
func TestConcurrentWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust", Kind: store.KindOrganisation}))
		const n = 40
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				u, err := db.CreateUser(ctx, store.System, store.User{Email: fmt.Sprintf("user%d@example.org", i)})
				if err == nil {
					err = db.SetMembership(ctx, store.System, u.ID, org.ID, store.AccessStaff)
				}
				if err == nil {
					_, err = db.Users(ctx)
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := must(db.UsersInOrganisations(ctx, []int64{org.ID})); len(got) != n {
			t.Fatalf("%d users, want %d", len(got), n)
		}
		// Every change got its own, gap-free place in the sequence: 1 organisation, n users, n
		// memberships.
		if got := must(db.LastChange(ctx)); got != 1+2*n {
			t.Fatalf("LastChange = %d, want %d", got, 1+2*n)
		}
	})
}
