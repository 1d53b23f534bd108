package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/workframe/workframe/internal/store"
)

func TestSessionStore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var s scs.CtxStore = db.SessionStore()
		now := time.Now()

		if _, found, err := s.FindCtx(ctx, "missing"); found || err != nil {
			t.Fatalf("Find(missing) = %v, %v", found, err)
		}
		ok(t, s.CommitCtx(ctx, "live", []byte("data-1"), now.Add(time.Hour)))
		ok(t, s.CommitCtx(ctx, "live", []byte("data-2"), now.Add(2*time.Hour))) // overwrite
		ok(t, s.CommitCtx(ctx, "old", []byte("stale"), now.Add(-time.Second)))
		b, found, err := s.FindCtx(ctx, "live")
		if err != nil || !found || string(b) != "data-2" {
			t.Fatalf("Find(live) = %q, %v, %v", b, found, err)
		}
		if _, found, err := s.FindCtx(ctx, "old"); found || err != nil {
			t.Fatalf("Find(expired) = %v, %v", found, err)
		}
		all := must(db.SessionStore().AllCtx(ctx))
		if len(all) != 1 || string(all["live"]) != "data-2" {
			t.Fatalf("All = %q", all)
		}

		// The context-free methods are the same store.
		if b, found, err := db.SessionStore().Find("live"); !found || err != nil || string(b) != "data-2" {
			t.Fatalf("Find without context = %q, %v, %v", b, found, err)
		}
		ok(t, s.DeleteCtx(ctx, "live"))
		ok(t, s.DeleteCtx(ctx, "never-existed"))
		if _, found, _ := s.FindCtx(ctx, "live"); found {
			t.Fatal("a deleted session is still found")
		}

		// Expired rows are removed by the clean-up, and only those.
		ok(t, s.CommitCtx(ctx, "fresh", []byte("x"), now.Add(time.Hour)))
		ok(t, db.DeleteExpiredSessions(ctx))
		all = must(db.SessionStore().AllCtx(ctx))
		if len(all) != 1 || all["fresh"] == nil {
			t.Fatalf("after clean-up: %q", all)
		}
	})
}

func TestDeleteUserSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := db.SessionStore()
		ada := must(db.CreateUser(ctx, store.System, store.User{Email: "ada@example.org"}))
		bob := must(db.CreateUser(ctx, store.System, store.User{Email: "bob@example.org"}))
		exp := time.Now().Add(time.Hour)
		for token, user := range map[string]int64{"ada-laptop": ada.ID, "ada-phone": ada.ID, "bob": bob.ID} {
			// Sign-in tracks the token before scs commits the session.
			ok(t, db.TrackSession(ctx, token, user, exp))
			ok(t, s.CommitCtx(ctx, token, []byte(token), exp))
		}
		ok(t, db.DeleteUserSessions(ctx, ada.ID))
		all := must(s.AllCtx(ctx))
		if len(all) != 1 || all["bob"] == nil {
			t.Fatalf("after signing Ada out everywhere: %q", all)
		}

		// Clean-up keeps a fresh tracking row whose session is not committed yet (sign-in tracks
		// first), and drops an expired one whose session is gone.
		ok(t, db.TrackSession(ctx, "pending", ada.ID, exp))
		ok(t, db.TrackSession(ctx, "gone", ada.ID, time.Now().Add(-time.Minute)))
		ok(t, db.DeleteExpiredSessions(ctx))
		ok(t, s.CommitCtx(ctx, "pending", []byte("p"), exp))
		ok(t, s.CommitCtx(ctx, "gone", []byte("g"), exp)) // only to see whether it is still tracked
		ok(t, db.DeleteUserSessions(ctx, ada.ID))
		all = must(s.AllCtx(ctx))
		if len(all) != 2 || all["bob"] == nil || all["gone"] == nil {
			t.Fatalf("after clean-up and signing Ada out again: %q", all)
		}

		if err := db.TrackSession(ctx, "ghost", 999999, exp); err == nil {
			t.Fatal("TrackSession for a missing user: want an error")
		}
	})
}

func TestSignInThrottling(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		base := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
		for i := range 5 {
			ok(t, db.RecordFailure(ctx, "ada@example.org", base.Add(time.Duration(i)*time.Minute)))
		}
		ok(t, db.RecordFailure(ctx, "192.0.2.7", base))
		count := func(key string, since time.Time) int {
			t.Helper()
			return must(db.FailuresSince(ctx, key, since))
		}
		if n := count("ada@example.org", base.Add(2*time.Minute)); n != 3 {
			t.Fatalf("failures since +2m = %d, want 3 (inclusive)", n)
		}
		if n := count("ada@example.org", time.Time{}); n != 5 {
			t.Fatalf("failures since ever = %d, want 5", n)
		}
		if n := count("192.0.2.7", base); n != 1 {
			t.Fatalf("failures for the address = %d, want 1", n)
		}
		ok(t, db.ClearFailures(ctx, "ada@example.org"))
		if n := count("ada@example.org", time.Time{}); n != 0 {
			t.Fatalf("failures after clearing = %d", n)
		}
		ok(t, db.DeleteFailuresBefore(ctx, base.Add(time.Second)))
		if n := count("192.0.2.7", time.Time{}); n != 0 {
			t.Fatalf("failures after clean-up = %d", n)
		}
	})
}
