package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TokenKind says whom an API token acts for.
type TokenKind string

const (
	// TokenPersonal acts for the user who made it, with their own access, limited to one
	// organisation (and the units below it).
	TokenPersonal TokenKind = "personal"
	// TokenService belongs to an organisation: it acts with the access role it was given there,
	// whoever made it, so an integration keeps working when people move on. Only an
	// administrator of the organisation may make one.
	TokenService TokenKind = "service"
)

// TokenScope says what an API token may do.
type TokenScope string

const (
	ScopeRead  TokenScope = "read"  // GET and HEAD only
	ScopeWrite TokenScope = "write" // every method the access role allows
)

// Token lifetimes: a token must expire, and a year is the longest an administrator may choose.
const (
	DefaultTokenLifetime = 90 * 24 * time.Hour
	MaxTokenLifetime     = 366 * 24 * time.Hour
	// tokenUseInterval: a token's last-used time is written at most this often, so a busy
	// integration does not turn every read into a write.
	tokenUseInterval = time.Minute
)

// APIToken is a token as lists show it. The secret is never stored: only its hash.
type APIToken struct {
	ID               int64
	Kind             TokenKind
	Name             string
	UserID           int64 // personal tokens: the owner
	UserName         string
	OrganisationID   int64
	OrganisationName string
	AccessRole       AccessRole // service tokens: what they may do in the organisation
	Scope            TokenScope
	Hint             string // the secret's last four characters
	CreatedBy        int64
	CreatedAt        time.Time
	ExpiresAt        time.Time
	LastUsedAt       time.Time // zero: never used
	LastUsedFrom     string
	RevokedAt        time.Time // zero: not revoked
}

// Active reports whether the token may be used at now.
func (t APIToken) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt)
}

// NewAPIToken is what CreateToken needs. Hash and Hint come from auth.NewToken.
type NewAPIToken struct {
	Kind           TokenKind
	Name           string
	UserID         int64 // personal tokens
	OrganisationID int64
	AccessRole     AccessRole // service tokens
	Scope          TokenScope
	Hash, Hint     string
	ExpiresAt      time.Time
}

// CreateToken stores a new token. The caller checks that the actor may make it (their own
// access in the organisation, or administrator for a service token); the store checks that the
// token itself makes sense.
func (db *DB) CreateToken(ctx context.Context, a Actor, n NewAPIToken) (APIToken, error) {
	n.Name = strings.TrimSpace(n.Name)
	now := db.now()
	switch {
	case n.Name == "" || utf8.RuneCountInString(n.Name) > 100:
		return APIToken{}, fmt.Errorf("%w: a token needs a name of at most 100 characters", ErrInvalid)
	case n.Kind == TokenPersonal && (n.UserID == 0 || n.AccessRole != ""):
		return APIToken{}, fmt.Errorf("%w: a personal token needs its owner and takes their access role", ErrInvalid)
	case n.Kind == TokenService && (n.UserID != 0 || n.AccessRole.Rank() == 0):
		return APIToken{}, fmt.Errorf("%w: a service token needs an access role and no owner", ErrInvalid)
	case n.Kind != TokenPersonal && n.Kind != TokenService:
		return APIToken{}, fmt.Errorf("%w: unknown token kind %q", ErrInvalid, n.Kind)
	case n.Scope != ScopeRead && n.Scope != ScopeWrite:
		return APIToken{}, fmt.Errorf("%w: unknown token scope %q", ErrInvalid, n.Scope)
	case !n.ExpiresAt.After(now) || n.ExpiresAt.Sub(now) > MaxTokenLifetime:
		return APIToken{}, fmt.Errorf("%w: a token must expire within a year", ErrInvalid)
	case len(n.Hash) != 64 || n.Hint == "":
		return APIToken{}, fmt.Errorf("%w: a token needs its hash and hint", ErrInvalid)
	}
	var id int64
	err := db.tx(ctx, func(t *tx) error {
		err := t.row(ctx, `INSERT INTO api_tokens (kind, name, user_id, organisation_id, access_role, scope,
			hash, hint, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			string(n.Kind), n.Name, nullID(n.UserID), n.OrganisationID, string(n.AccessRole), string(n.Scope),
			n.Hash, n.Hint, nullID(a.UserID), now, n.ExpiresAt).Scan(&id)
		if err != nil {
			return mapErr(err)
		}
		summary := fmt.Sprintf("%s API token %q (%s) for organisation %d, expires %s",
			n.Kind, n.Name, n.Scope, n.OrganisationID, n.ExpiresAt.Format(time.DateOnly))
		if n.Kind == TokenService {
			summary += ", acting as " + string(n.AccessRole)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: n.OrganisationID, Entity: "api_token",
			EntityID: strconv.FormatInt(id, 10), Action: ActionCreate, Summary: summary,
			Fields: []string{"name", "scope", "expires_at"}})
	})
	if err != nil {
		return APIToken{}, err
	}
	return db.Token(ctx, id)
}

const tokenColumns = `t.id, t.kind, t.name, t.user_id, COALESCE(u.name, ''), t.organisation_id, o.name,
	t.access_role, t.scope, t.hint, t.created_by, t.created_at, t.expires_at, t.last_used_at,
	t.last_used_from, t.revoked_at
	FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id LEFT JOIN users u ON u.id = t.user_id`

func scanToken(s scanner) (APIToken, error) {
	var t APIToken
	err := s.Scan(&t.ID, &t.Kind, &t.Name, idCol{&t.UserID}, &t.UserName, &t.OrganisationID, &t.OrganisationName,
		&t.AccessRole, &t.Scope, &t.Hint, idCol{&t.CreatedBy}, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt},
		timeCol{&t.LastUsedAt}, &t.LastUsedFrom, timeCol{&t.RevokedAt})
	return t, notFound(err)
}

// Token returns one token.
func (db *DB) Token(ctx context.Context, id int64) (APIToken, error) {
	return scanToken(db.r().row(ctx, `SELECT `+tokenColumns+` WHERE t.id = ?`, id))
}

// TokenFilter selects tokens: a user's personal tokens, or the service tokens of organisations.
type TokenFilter struct {
	UserID          int64   // personal tokens of this user
	OrganisationIDs []int64 // service tokens of these organisations
}

// Tokens returns the tokens the filter selects, newest first, revoked and expired ones included
// (a list that hid them could not show what happened to a token).
func (db *DB) Tokens(ctx context.Context, f TokenFilter) ([]APIToken, error) {
	var where string
	var args []any
	switch {
	case f.UserID != 0:
		where, args = `t.kind = ? AND t.user_id = ?`, []any{string(TokenPersonal), f.UserID}
	case len(f.OrganisationIDs) > 0:
		where = `t.kind = ? AND t.organisation_id IN (` + placeholders(len(f.OrganisationIDs)) + `)`
		args = append([]any{string(TokenService)}, int64Args(f.OrganisationIDs)...)
	default:
		return nil, nil
	}
	rows, err := db.r().query(ctx, `SELECT `+tokenColumns+` WHERE `+where+` ORDER BY t.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken ends a token at once. Revoking a revoked token changes nothing.
func (db *DB) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return db.tx(ctx, func(t *tx) error {
		var orgID int64
		var name string
		var revoked timeCol
		var at time.Time
		revoked.t = &at
		if err := t.row(ctx, `SELECT organisation_id, name, revoked_at FROM api_tokens WHERE id = ?`, id).
			Scan(&orgID, &name, revoked); err != nil {
			return notFound(err)
		}
		if !at.IsZero() {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?`,
			t.db.now(), nullID(a.UserID), id); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: orgID, Entity: "api_token",
			EntityID: strconv.FormatInt(id, 10), Action: "revoke",
			Summary: fmt.Sprintf("API token %q revoked", name), Fields: []string{"revoked_at"}})
	})
}

// ErrTokenRefused is UseToken's answer for a token that is unknown, revoked, expired, or whose
// owner is disabled: the caller learns no more than that, so a guess reveals nothing.
var ErrTokenRefused = errors.New("token refused")

// UseToken finds the active token with this hash and notes its use (at most once a minute, from
// the address given). A personal token of a disabled user is refused like a revoked one.
func (db *DB) UseToken(ctx context.Context, hash, from string) (APIToken, error) {
	t, err := scanToken(db.r().row(ctx, `SELECT `+tokenColumns+` WHERE t.hash = ?`, hash))
	if errors.Is(err, ErrNotFound) {
		return APIToken{}, ErrTokenRefused
	}
	if err != nil {
		return APIToken{}, err
	}
	now := db.now()
	if !t.Active(now) {
		return APIToken{}, ErrTokenRefused
	}
	if t.Kind == TokenPersonal {
		u, err := db.User(ctx, t.UserID)
		if err != nil || u.Disabled {
			return APIToken{}, ErrTokenRefused
		}
	}
	if now.Sub(t.LastUsedAt) >= tokenUseInterval || t.LastUsedFrom != from {
		if _, err := db.r().exec(ctx, `UPDATE api_tokens SET last_used_at = ?, last_used_from = ? WHERE id = ?`,
			now, from, t.ID); err != nil {
			return APIToken{}, err
		}
		t.LastUsedAt, t.LastUsedFrom = now, from
	}
	return t, nil
}
