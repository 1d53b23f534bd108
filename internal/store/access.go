package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AccessRole is a user's permission in an organisation. (In this domain a "role" alone is a job,
// so the code always says access role.)
type AccessRole string

// Access roles, strongest first.
const (
	AccessAdministrator AccessRole = "administrator"
	AccessPlanner       AccessRole = "planner"
	AccessManager       AccessRole = "manager"
	AccessStaff         AccessRole = "staff"
	AccessViewer        AccessRole = "viewer"
)

// AccessRoles lists the access roles, strongest first.
var AccessRoles = []AccessRole{AccessAdministrator, AccessPlanner, AccessManager, AccessStaff, AccessViewer}

// ParseAccessRole reads an access role name (any case, surrounding space ignored).
func ParseAccessRole(s string) (AccessRole, error) {
	r := AccessRole(strings.ToLower(strings.TrimSpace(s)))
	if r.Rank() == 0 {
		return "", fmt.Errorf("%w: unknown access role %q", ErrInvalid, s)
	}
	return r, nil
}

// Rank orders access roles: administrator 5 down to viewer 1; 0 for an unknown value.
func (r AccessRole) Rank() int {
	for i, known := range AccessRoles {
		if r == known {
			return len(AccessRoles) - i
		}
	}
	return 0
}

// AtLeast reports whether r grants everything min grants.
func (r AccessRole) AtLeast(min AccessRole) bool { return r.Rank() > 0 && r.Rank() >= min.Rank() }

// Membership is a user's access role in one organisation. It also applies to every node below
// that organisation (see AccessIn).
type Membership struct {
	UserID           int64
	OrganisationID   int64
	OrganisationName string
	UserName         string // personal data: show it only to those who may see the member list
	UserEmail        string
	AccessRole       AccessRole
	CreatedAt        time.Time
}

func scanMemberships(rows *sql.Rows, err error) ([]Membership, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.UserID, &m.OrganisationID, &m.OrganisationName, &m.UserName, &m.UserEmail,
			&m.AccessRole, timeCol{&m.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const membershipQuery = `SELECT m.user_id, m.organisation_id, o.name, u.name, u.email, m.access_role, m.created_at
	FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id`

// SetMembership gives a user an access role in an organisation, replacing the one they held
// there. The user and the organisation must exist (ErrInvalid).
func (db *DB) SetMembership(ctx context.Context, a Actor, userID, orgID int64, r AccessRole) error {
	if r.Rank() == 0 {
		return fmt.Errorf("%w: unknown access role %q", ErrInvalid, r)
	}
	return db.tx(ctx, func(t *tx) error {
		var before AccessRole
		err := t.row(ctx, `SELECT access_role FROM memberships WHERE user_id = ? AND organisation_id = ?`,
			userID, orgID).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if before == r {
			return nil
		}
		// One upsert statement, the same on both engines.
		if _, err := t.exec(ctx, `INSERT INTO memberships (user_id, organisation_id, access_role, created_at)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, organisation_id) DO UPDATE SET access_role = excluded.access_role`,
			userID, orgID, string(r), t.db.now()); err != nil {
			return mapErr(err)
		}
		e := AuditEntry{
			OrganisationID: orgID, Entity: "membership", EntityID: membershipID(userID, orgID),
			Action:  ActionCreate,
			Summary: fmt.Sprintf("user %d given access role %s in organisation %d", userID, r, orgID),
			Fields:  []string{"access_role"},
		}
		if before != "" {
			e.Action = ActionUpdate
			e.Summary = fmt.Sprintf("user %d access role in organisation %d: %s → %s", userID, orgID, before, r)
		}
		return t.record(ctx, a, e)
	})
}

func membershipID(userID, orgID int64) string { return fmt.Sprintf("%d:%d", userID, orgID) }

// RemoveMembership takes away a user's access role in an organisation; ErrNotFound if they had
// none there.
func (db *DB) RemoveMembership(ctx context.Context, a Actor, userID, orgID int64) error {
	return db.tx(ctx, func(t *tx) error {
		var before AccessRole
		err := t.row(ctx, `DELETE FROM memberships WHERE user_id = ? AND organisation_id = ? RETURNING access_role`,
			userID, orgID).Scan(&before)
		if err != nil {
			return notFound(err)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "membership", EntityID: membershipID(userID, orgID),
			Action:  ActionDelete,
			Summary: fmt.Sprintf("user %d lost access role %s in organisation %d", userID, before, orgID),
			Fields:  []string{"access_role"},
		})
	})
}

// Memberships returns a user's memberships, by organisation name.
func (db *DB) Memberships(ctx context.Context, userID int64) ([]Membership, error) {
	return scanMemberships(db.r().query(ctx, membershipQuery+` WHERE m.user_id = ? ORDER BY LOWER(o.name), o.name, o.id`, userID))
}

// OrganisationMembers returns the memberships held directly in an organisation (not in the
// nodes above or below it), by user name.
func (db *DB) OrganisationMembers(ctx context.Context, orgID int64) ([]Membership, error) {
	return scanMemberships(db.r().query(ctx,
		membershipQuery+` WHERE m.organisation_id = ? ORDER BY LOWER(u.name), u.name, u.email, u.id`, orgID))
}

// AccessIn returns the strongest access role the user holds in the organisation or any node
// above it; ok is false when they hold none. A disabled user holds none.
func (db *DB) AccessIn(ctx context.Context, userID, orgID int64) (AccessRole, bool, error) {
	rows, err := db.r().query(ctx, `WITH RECURSIVE up(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION
			SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL
		)
		SELECT m.access_role FROM memberships m
		JOIN up ON m.organisation_id = up.id
		JOIN users u ON u.id = m.user_id
		WHERE m.user_id = ? AND NOT u.disabled`, orgID, userID)
	if err != nil {
		return "", false, err
	}
	defer rows.Close()
	var best AccessRole
	for rows.Next() {
		var r AccessRole
		if err := rows.Scan(&r); err != nil {
			return "", false, err
		}
		if r.Rank() > best.Rank() {
			best = r
		}
	}
	if err := rows.Err(); err != nil {
		return "", false, err
	}
	return best, best != "", nil
}
