package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
)

func TestAuditKeepsPersonalValuesOut(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		admin := must(db.CreateUser(ctx, store.System, store.User{Email: "admin@example.org", Name: "Admin Person"}))
		actor := store.Actor{UserID: admin.ID, Address: "198.51.100.9"}

		u := must(db.CreateUser(ctx, actor, store.User{Email: "grace.hopper@example.org", Name: "Grace Hopper", PasswordHash: "secret-hash"}))
		u.Email = "g.hopper@example.org"
		u.Name = "Grace B. Hopper"
		u.SiteAdmin = true
		u = must(db.UpdateUser(ctx, actor, u))
		ok(t, db.SetPassword(ctx, actor, u.ID, "other-secret-hash"))

		entries := must(db.AuditLog(ctx, store.AuditFilter{UserID: admin.ID}))
		if len(entries) != 3 {
			t.Fatalf("%d entries by the admin, want 3: %+v", len(entries), entries)
		}
		for _, e := range entries {
			for _, secret := range []string{"grace", "Grace", "Hopper", "hopper", "secret-hash"} {
				if strings.Contains(e.Summary, secret) || strings.Contains(strings.Join(e.Fields, " "), secret) {
					t.Errorf("audit entry %d leaks %q: %q", e.ID, secret, e.Summary)
				}
			}
			if e.UserID != admin.ID || e.UserName != "Admin Person" || e.Address != "198.51.100.9" ||
				e.Entity != "user" || e.EntityID != itoa(u.ID) || e.At.IsZero() {
				t.Errorf("audit entry = %+v", e)
			}
		}
		// Newest first: password, update, create.
		if got := entries[0]; got.Action != store.ActionUpdate || !slices.Equal(got.Fields, []string{"password"}) {
			t.Errorf("password entry = %+v", got)
		}
		upd := entries[1]
		if upd.Action != store.ActionUpdate || !slices.Equal(upd.Fields, []string{"email", "name", "site_admin"}) {
			t.Errorf("update entry = %+v", upd)
		}
		for _, want := range []string{"email changed", "name changed", "site_admin: false → true"} {
			if !strings.Contains(upd.Summary, want) {
				t.Errorf("update summary %q lacks %q", upd.Summary, want)
			}
		}
		if c := entries[2]; c.Action != store.ActionCreate || !slices.Contains(c.Fields, "email") {
			t.Errorf("create entry = %+v", c)
		}
	})
}

func TestAuditLogFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return clock })
		tr := makeTree(t, db) // 7 organisations at 09:00
		clock = clock.Add(time.Hour)
		ok(t, db.WriteAudit(ctx, store.Actor{UserID: 42, Address: "203.0.113.5"}, store.AuditEntry{
			Entity: "session", EntityID: "42", Action: "sign-in", Summary: "signed in", OrganisationID: tr.north.ID,
		}))
		wantErr(t, db.WriteAudit(ctx, store.System, store.AuditEntry{}), store.ErrInvalid)

		count := func(f store.AuditFilter) int {
			t.Helper()
			return len(must(db.AuditLog(ctx, f)))
		}
		for name, c := range map[string]struct {
			f    store.AuditFilter
			want int
		}{
			"all":          {store.AuditFilter{}, 8},
			"by user":      {store.AuditFilter{UserID: 42}, 1},
			"by entity":    {store.AuditFilter{Entity: "organisation"}, 7},
			"by action":    {store.AuditFilter{Action: "sign-in"}, 1},
			"by org":       {store.AuditFilter{OrganisationID: tr.north.ID}, 2},
			"since":        {store.AuditFilter{Since: clock}, 1},
			"until":        {store.AuditFilter{Until: clock}, 7},
			"limit":        {store.AuditFilter{Limit: 3}, 3},
			"offset":       {store.AuditFilter{Limit: 5, Offset: 5}, 3},
			"no such user": {store.AuditFilter{UserID: 7}, 0},
		} {
			if got := count(c.f); got != c.want {
				t.Errorf("%s: %d entries, want %d", name, got, c.want)
			}
		}
		e := must(db.AuditLog(ctx, store.AuditFilter{Limit: 1}))[0]
		if e.Action != "sign-in" || !e.At.Equal(clock) || e.UserName != "" || e.Fields == nil || len(e.Fields) != 0 {
			t.Fatalf("newest entry = %+v", e)
		}
	})
}

func TestChangeSequence(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if got := must(db.LastChange(ctx)); got != 0 {
			t.Fatalf("LastChange on a new database = %d", got)
		}
		org := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust", Kind: store.KindOrganisation}))
		first := must(db.LastChange(ctx))
		org.Name = "Trust 2"
		must(db.UpdateOrganisation(ctx, store.System, org))
		second := must(db.LastChange(ctx))
		if first <= 0 || second <= first {
			t.Fatalf("LastChange did not move: %d then %d", first, second)
		}
		// An update that changes nothing is not a change.
		org = must(db.Organisation(ctx, org.ID))
		must(db.UpdateOrganisation(ctx, store.System, org))
		if got := must(db.LastChange(ctx)); got != second {
			t.Fatalf("a no-op update moved LastChange to %d", got)
		}
		changes := must(db.ChangesSince(ctx, first-1, 0))
		if len(changes) != 2 || changes[0].Entity != "organisation" || changes[0].EntityID != itoa(org.ID) ||
			changes[1].ID != second || changes[0].At.IsZero() {
			t.Fatalf("ChangesSince = %+v", changes)
		}
	})
}

func itoa(n int64) string { return strconvFormat(n) }

func TestAuditIsInTheSameTransaction(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.RecordThenFail(ctx, store.System, store.AuditEntry{Entity: "organisation", EntityID: "1", Action: "create"})
		wantErr(t, err, store.ErrTestFailure)
		if log := must(db.AuditLog(ctx, store.AuditFilter{})); len(log) != 0 {
			t.Fatalf("audit entries survived a rollback: %+v", log)
		}
		if last := must(db.LastChange(ctx)); last != 0 {
			t.Fatalf("a change survived a rollback: %d", last)
		}
	})
}
