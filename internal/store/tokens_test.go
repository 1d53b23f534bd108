package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

func TestAPITokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Riverside", Kind: "organisation"}))
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "ada@example.org", Name: "Ada"}))
		actor := store.Actor{UserID: u.ID, Address: "192.0.2.1"}

		secret, hash, hint := auth.NewToken()
		expires := time.Now().Add(store.DefaultTokenLifetime)
		tok := must(db.CreateToken(ctx, actor, store.NewAPIToken{Kind: store.TokenPersonal, Name: " nightly export ",
			UserID: u.ID, OrganisationID: org.ID, Scope: store.ScopeRead, Hash: hash, Hint: hint, ExpiresAt: expires}))
		if tok.Name != "nightly export" || tok.UserName != "Ada" || tok.OrganisationName != "Riverside" ||
			tok.Hint != hint || !tok.LastUsedAt.IsZero() || !tok.Active(time.Now()) || tok.CreatedBy != u.ID {
			t.Fatalf("created token = %+v", tok)
		}

		// Bad tokens are refused before anything is written.
		_, h2, _ := auth.NewToken()
		bad := []store.NewAPIToken{
			{Kind: store.TokenPersonal, Name: "", UserID: u.ID, OrganisationID: org.ID, Scope: store.ScopeRead, Hash: h2, Hint: "abcd", ExpiresAt: expires},
			{Kind: store.TokenPersonal, Name: "x", UserID: u.ID, OrganisationID: org.ID, Scope: "admin", Hash: h2, Hint: "abcd", ExpiresAt: expires},
			{Kind: store.TokenPersonal, Name: "x", UserID: u.ID, OrganisationID: org.ID, Scope: store.ScopeRead, Hash: h2, Hint: "abcd", ExpiresAt: time.Now().Add(-time.Hour)},
			{Kind: store.TokenPersonal, Name: "x", UserID: u.ID, OrganisationID: org.ID, Scope: store.ScopeRead, Hash: h2, Hint: "abcd", ExpiresAt: time.Now().Add(2 * store.MaxTokenLifetime)},
			{Kind: store.TokenService, Name: "x", UserID: u.ID, OrganisationID: org.ID, AccessRole: store.AccessViewer, Scope: store.ScopeRead, Hash: h2, Hint: "abcd", ExpiresAt: expires},
			{Kind: store.TokenService, Name: "x", OrganisationID: org.ID, Scope: store.ScopeRead, Hash: h2, Hint: "abcd", ExpiresAt: expires},
			{Kind: store.TokenPersonal, Name: "x", UserID: u.ID, OrganisationID: org.ID, Scope: store.ScopeRead, Hash: hash, Hint: "abcd", ExpiresAt: expires}, // same secret
		}
		for i, n := range bad {
			if _, err := db.CreateToken(ctx, actor, n); !errors.Is(err, store.ErrInvalid) && !errors.Is(err, store.ErrConflict) {
				t.Errorf("bad token %d: err = %v", i, err)
			}
		}

		// Using the token finds it and notes where from.
		used := must(db.UseToken(ctx, auth.HashToken(secret), "198.51.100.7"))
		if used.ID != tok.ID || used.LastUsedFrom != "198.51.100.7" || used.LastUsedAt.IsZero() {
			t.Fatalf("UseToken = %+v", used)
		}
		if got := must(db.Token(ctx, tok.ID)); got.LastUsedFrom != "198.51.100.7" || got.LastUsedAt.IsZero() {
			t.Fatalf("last use not stored: %+v", got)
		}
		if _, err := db.UseToken(ctx, auth.HashToken(secret+"x"), ""); !errors.Is(err, store.ErrTokenRefused) {
			t.Fatalf("unknown token: err = %v", err)
		}

		// A service token belongs to the organisation and lists with its service tokens only.
		_, sh, shint := auth.NewToken()
		svc := must(db.CreateToken(ctx, actor, store.NewAPIToken{Kind: store.TokenService, Name: "ESR feed",
			OrganisationID: org.ID, AccessRole: store.AccessViewer, Scope: store.ScopeRead, Hash: sh, Hint: shint, ExpiresAt: expires}))
		if mine := must(db.Tokens(ctx, store.TokenFilter{UserID: u.ID})); len(mine) != 1 || mine[0].ID != tok.ID {
			t.Fatalf("personal tokens = %+v", mine)
		}
		if svcs := must(db.Tokens(ctx, store.TokenFilter{OrganisationIDs: []int64{org.ID}})); len(svcs) != 1 || svcs[0].ID != svc.ID || svcs[0].AccessRole != store.AccessViewer {
			t.Fatalf("service tokens = %+v", svcs)
		}

		// A disabled owner's personal token stops working; revoking ends a token for good.
		u.Disabled = true
		u = must(db.UpdateUser(ctx, store.System, u))
		if _, err := db.UseToken(ctx, auth.HashToken(secret), ""); !errors.Is(err, store.ErrTokenRefused) {
			t.Fatalf("disabled owner: err = %v", err)
		}
		must(db.UseToken(ctx, sh, "")) // the service token does not depend on its maker
		ok(t, db.RevokeToken(ctx, actor, svc.ID))
		ok(t, db.RevokeToken(ctx, actor, svc.ID)) // again: no change, no error
		if _, err := db.UseToken(ctx, sh, ""); !errors.Is(err, store.ErrTokenRefused) {
			t.Fatalf("revoked token: err = %v", err)
		}
		wantErr(t, db.RevokeToken(ctx, actor, 999999), store.ErrNotFound)

		// Every change is in the audit log, with the token named when one made it.
		log := must(db.AuditLog(ctx, store.AuditFilter{Entity: "api_token"}))
		if len(log) != 3 || log[0].Action != "revoke" || log[2].Action != store.ActionCreate {
			t.Fatalf("audit = %+v", log)
		}
		ok(t, db.WriteAudit(ctx, store.Actor{TokenID: svc.ID}, store.AuditEntry{Entity: "export", Action: "export"}))
		if e := must(db.AuditLog(ctx, store.AuditFilter{Entity: "export"})); len(e) != 1 || e[0].TokenID != svc.ID || e[0].UserID != 0 {
			t.Fatalf("audit with token = %+v", e)
		}
	})
}
