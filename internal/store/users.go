package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// User is a person who signs in. Email is stored lower-cased and is unique. Email and name are
// personal data: audit entries name them as changed, never their values.
type User struct {
	ID           int64
	Email        string
	Name         string
	PasswordHash string // empty for users who only sign in through single sign-on
	SiteAdmin    bool
	Disabled     bool
	Version      int
	CreatedAt    time.Time
	LastSignIn   time.Time // zero until the first sign-in
}

const userColumns = `u.id, u.email, u.name, u.password_hash, u.site_admin, u.disabled, u.version,
	u.created_at, u.last_sign_in`

func scanUser(s scanner) (User, error) {
	var u User
	err := s.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.SiteAdmin, &u.Disabled, &u.Version,
		timeCol{&u.CreatedAt}, timeCol{&u.LastSignIn})
	return u, notFound(err)
}

func scanUsers(rows *sql.Rows, err error) ([]User, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// NormaliseEmail is how emails are stored and compared: trimmed and lower-cased.
func NormaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func checkUser(u *User) error {
	u.Email = NormaliseEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	if u.Email == "" || !strings.Contains(u.Email, "@") {
		return fmt.Errorf("%w: a user needs an email address", ErrInvalid)
	}
	return nil
}

// CreateUser adds a user. A duplicate email (in any case) is ErrConflict.
func (db *DB) CreateUser(ctx context.Context, a Actor, u User) (User, error) {
	if err := checkUser(&u); err != nil {
		return User{}, err
	}
	u.Version = 1
	u.CreatedAt = db.now()
	u.LastSignIn = time.Time{}
	err := db.tx(ctx, func(t *tx) error {
		if err := t.row(ctx, `INSERT INTO users (email, name, password_hash, site_admin, disabled, version, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Email, u.Name, u.PasswordHash, u.SiteAdmin, u.Disabled, u.Version, u.CreatedAt).Scan(&u.ID); err != nil {
			return err
		}
		fields := []string{"email", "name", "site_admin", "disabled"}
		if u.PasswordHash != "" {
			fields = append(fields, "password")
		}
		return t.record(ctx, a, AuditEntry{
			Entity: "user", EntityID: strconv.FormatInt(u.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created user %d (site_admin: %t, disabled: %t)", u.ID, u.SiteAdmin, u.Disabled),
			Fields:  fields,
		})
	})
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// User returns one user.
func (db *DB) User(ctx context.Context, id int64) (User, error) {
	return scanUser(db.r().row(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
}

// UserByEmail returns the user with this email, in any case.
func (db *DB) UserByEmail(ctx context.Context, email string) (User, error) {
	return scanUser(db.r().row(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = ?`, NormaliseEmail(email)))
}

// Users returns every user, by name then email.
func (db *DB) Users(ctx context.Context) ([]User, error) {
	return scanUsers(db.r().query(ctx, `SELECT `+userColumns+` FROM users u ORDER BY LOWER(u.name), u.name, u.email, u.id`))
}

// UsersInOrganisations returns the users with a membership in any of these organisations (only
// those nodes, not the ones below), by name then email.
func (db *DB) UsersInOrganisations(ctx context.Context, orgIDs []int64) ([]User, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(orgIDs))
	for i, id := range orgIDs {
		args[i] = id
	}
	return scanUsers(db.r().query(ctx, `SELECT `+userColumns+` FROM users u
		WHERE u.id IN (SELECT user_id FROM memberships WHERE organisation_id IN (`+placeholders(len(orgIDs))+`))
		ORDER BY LOWER(u.name), u.name, u.email, u.id`, args...))
}

// UpdateUser changes a user's email, name, site administrator flag and disabled flag (not the
// password: see SetPassword). u.Version must be the version that was read, or it returns
// ErrConflict and changes nothing. A duplicate email is ErrConflict too.
func (db *DB) UpdateUser(ctx context.Context, a Actor, u User) (User, error) {
	if err := checkUser(&u); err != nil {
		return User{}, err
	}
	var out User
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanUser(t.row(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, u.ID))
		if err != nil {
			return err
		}
		if cur.Version != u.Version {
			return fmt.Errorf("%w: user %d is at version %d, not %d", ErrConflict, u.ID, cur.Version, u.Version)
		}
		var d diff
		d.personal("email", cur.Email, u.Email)
		d.personal("name", cur.Name, u.Name)
		d.value("site_admin", cur.SiteAdmin, u.SiteAdmin)
		d.value("disabled", cur.Disabled, u.Disabled)
		out = cur
		if d.empty() {
			return nil
		}
		res, err := t.exec(ctx, `UPDATE users SET email = ?, name = ?, site_admin = ?, disabled = ?, version = version + 1
			WHERE id = ? AND version = ?`, u.Email, u.Name, u.SiteAdmin, u.Disabled, u.ID, u.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: user %d changed meanwhile", ErrConflict, u.ID)
		}
		out.Email, out.Name, out.SiteAdmin, out.Disabled = u.Email, u.Name, u.SiteAdmin, u.Disabled
		out.Version++
		return t.record(ctx, a, AuditEntry{
			Entity: "user", EntityID: strconv.FormatInt(u.ID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("user %d: %s", u.ID, d.summary()), Fields: d.fields,
		})
	})
	if err != nil {
		return User{}, err
	}
	return out, nil
}

// SetPassword replaces a user's password hash. It does not bump the user's version: a password
// change must not make an administrator's open edit form stale.
func (db *DB) SetPassword(ctx context.Context, a Actor, userID int64, hash string) error {
	return db.tx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		return t.record(ctx, a, AuditEntry{
			Entity: "user", EntityID: strconv.FormatInt(userID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("user %d: password changed", userID), Fields: []string{"password"},
		})
	})
}

// RecordSignIn stores the time of a successful sign-in. It is bookkeeping, not an edit: it
// neither bumps the version nor writes an audit entry (the sign-in handler audits the event).
func (db *DB) RecordSignIn(ctx context.Context, userID int64, at time.Time) error {
	res, err := db.r().exec(ctx, `UPDATE users SET last_sign_in = ? WHERE id = ?`, at, userID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}
