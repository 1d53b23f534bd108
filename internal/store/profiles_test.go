package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

func TestProfiles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "nurse@example.org", Name: "Jo Nurse"}))
		other := must(db.CreateUser(ctx, store.System, store.User{Email: "other@example.org", Name: "Other"}))
		as := store.Actor{UserID: u.ID}
		draft := profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "2.1", Draft: true,
			Entries: []profile.Entry{{Node: "a", Share: 60, Level: "core"}, {Node: "b"}}}

		p := must(db.CreateProfile(ctx, as, store.Profile{UserID: u.ID, Title: "My role today", Profile: draft}))
		if p.ID == 0 || p.Version != 1 {
			t.Fatalf("CreateProfile = %+v", p)
		}
		got := must(db.GetProfile(ctx, p.ID))
		if !reflect.DeepEqual(got.Profile, draft) || got.UserID != u.ID || got.Title != "My role today" {
			t.Fatalf("GetProfile = %+v", got)
		}

		done := draft
		done.Draft = false
		done.Entries = []profile.Entry{{Node: "a", Share: 60, Level: "core", Note: "most of my week"}, {Node: "b", Share: 40, Level: "awareness"}}
		p.Profile = done
		p2 := must(db.UpdateProfile(ctx, as, p))
		if p2.Version != 2 {
			t.Fatalf("version after update = %d", p2.Version)
		}
		// A save from the first version again is a conflict and changes nothing.
		stale := p
		stale.Profile.Entries = []profile.Entry{{Node: "a", Share: 1}}
		_, err := db.UpdateProfile(ctx, as, stale)
		wantErr(t, err, store.ErrConflict)
		if got := must(db.GetProfile(ctx, p.ID)); !reflect.DeepEqual(got.Profile, done) {
			t.Fatalf("a stale save changed the profile: %+v", got.Profile)
		}

		hist := must(db.ProfileHistory(ctx, p.ID))
		if len(hist) != 2 || hist[0].Version != 2 || hist[1].Version != 1 || !hist[1].Profile.Draft || hist[0].SavedByName != "Jo Nurse" {
			t.Fatalf("history = %+v", hist)
		}
		if !reflect.DeepEqual(hist[1].Profile, draft) {
			t.Errorf("the first version was not kept as it was: %+v", hist[1].Profile)
		}

		if ps := must(db.UserProfiles(ctx, u.ID)); len(ps) != 1 || ps[0].ID != p.ID {
			t.Errorf("UserProfiles = %+v", ps)
		}
		if ps := must(db.UserProfiles(ctx, other.ID)); len(ps) != 0 {
			t.Errorf("another person's profiles = %+v", ps)
		}
		// A profile belongs to a role or a person, never both or neither.
		_, err = db.CreateProfile(ctx, as, store.Profile{Title: "Nobody's", Profile: done})
		wantErr(t, err, store.ErrInvalid)
		_, err = db.CreateProfile(ctx, as, store.Profile{UserID: u.ID, Title: " ", Profile: done})
		wantErr(t, err, store.ErrInvalid)

		entries := must(db.AuditLog(ctx, store.AuditFilter{Entity: "profile"}))
		if len(entries) != 2 || entries[0].Action != store.ActionUpdate || entries[1].Action != store.ActionCreate {
			t.Errorf("audit = %+v", entries)
		}
	})
}
