package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/profile"
)

// Profile is a stored focus profile: the profile itself (internal/profile checks it) and whose
// it is. Exactly one of RoleID and UserID is set: a role's profile, or a person's own view of
// their role (AimRoleID is the role they aim for, if any).
type Profile struct {
	ID             int64
	OrganisationID int64 // the role's organisation; 0 for a person's own profile
	RoleID         int64
	UserID         int64
	AimRoleID      int64
	Title          string
	Profile        profile.Profile
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	UpdatedBy      int64
}

// ProfileVersion is one saved state of a profile, for its history.
type ProfileVersion struct {
	Version     int
	Title       string
	Profile     profile.Profile
	SavedAt     time.Time
	SavedBy     int64
	SavedByName string
}

const profileColumns = `p.id, p.organisation_id, p.role_id, p.user_id, p.aim_role_id, p.title,
	p.framework_key, p.framework_version, p.entries, p.draft, p.version, p.created_at, p.updated_at, p.updated_by`

func scanProfile(s scanner) (Profile, error) {
	var p Profile
	var entries string
	err := s.Scan(&p.ID, idCol{&p.OrganisationID}, idCol{&p.RoleID}, idCol{&p.UserID}, idCol{&p.AimRoleID}, &p.Title,
		&p.Profile.FrameworkKey, &p.Profile.FrameworkVersion, &entries, &p.Profile.Draft, &p.Version,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, idCol{&p.UpdatedBy})
	if err != nil {
		return p, notFound(err)
	}
	if err := json.Unmarshal([]byte(entries), &p.Profile.Entries); err != nil {
		return p, fmt.Errorf("store: profile %d entries: %w", p.ID, err)
	}
	return p, nil
}

func scanProfiles(rows *sql.Rows, err error) ([]Profile, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func checkProfile(p *Profile) error {
	p.Title = strings.TrimSpace(p.Title)
	switch {
	case p.Title == "":
		return fmt.Errorf("%w: a profile needs a title", ErrInvalid)
	case (p.RoleID == 0) == (p.UserID == 0):
		return fmt.Errorf("%w: a profile belongs to a role or to a person, not both", ErrInvalid)
	case p.Profile.FrameworkKey == "" || p.Profile.FrameworkVersion == "":
		return fmt.Errorf("%w: a profile needs a framework version", ErrInvalid)
	}
	return nil
}

func entriesJSON(p profile.Profile) (string, error) {
	entries := p.Entries
	if entries == nil {
		entries = []profile.Entry{}
	}
	b, err := json.Marshal(entries)
	return string(b), err
}

// CreateProfile saves a new profile. The caller has checked it with internal/profile (a
// complete profile, or a draft).
func (db *DB) CreateProfile(ctx context.Context, a Actor, p Profile) (Profile, error) {
	if err := checkProfile(&p); err != nil {
		return Profile{}, err
	}
	entries, err := entriesJSON(p.Profile)
	if err != nil {
		return Profile{}, err
	}
	err = db.tx(ctx, func(t *tx) error {
		p, err = t.insertProfile(ctx, a, p, entries, db.now())
		return err
	})
	if err != nil {
		return Profile{}, err
	}
	return p, nil
}

// insertProfile saves a new, checked profile with its first version and its audit entry.
func (t *tx) insertProfile(ctx context.Context, a Actor, p Profile, entries string, now time.Time) (Profile, error) {
	p.Version, p.CreatedAt, p.UpdatedAt, p.UpdatedBy = 1, now, now, a.UserID
	if err := t.row(ctx, `INSERT INTO profiles (organisation_id, role_id, user_id, aim_role_id, title,
		framework_key, framework_version, entries, draft, version, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullID(p.OrganisationID), nullID(p.RoleID), nullID(p.UserID), nullID(p.AimRoleID), p.Title,
		p.Profile.FrameworkKey, p.Profile.FrameworkVersion, entries, p.Profile.Draft, p.Version,
		now, now, nullID(a.UserID)).Scan(&p.ID); err != nil {
		return p, err
	}
	if err := t.saveProfileVersion(ctx, p, entries); err != nil {
		return p, err
	}
	return p, t.record(ctx, a, AuditEntry{
		OrganisationID: p.OrganisationID, Entity: "profile", EntityID: strconv.FormatInt(p.ID, 10),
		Action: ActionCreate, Summary: fmt.Sprintf("created profile on %s %s%s", p.Profile.FrameworkKey, p.Profile.FrameworkVersion, draftWord(p.Profile.Draft)),
		Fields: []string{"title", "entries"},
	})
}

// ImportProfiles saves new profiles in one transaction: all of them, or (on any error) none.
// The caller has checked each profile with internal/profile and the importer's right to add it.
// The error of a profile that cannot be saved names its place in the list (from 0).
func (db *DB) ImportProfiles(ctx context.Context, a Actor, ps []Profile) ([]Profile, error) {
	out := make([]Profile, len(ps))
	err := db.tx(ctx, func(t *tx) error {
		now := db.now()
		for i, p := range ps {
			if err := checkProfile(&p); err != nil {
				return fmt.Errorf("profile %d: %w", i, err)
			}
			entries, err := entriesJSON(p.Profile)
			if err != nil {
				return err
			}
			if out[i], err = t.insertProfile(ctx, a, p, entries, now); err != nil {
				return fmt.Errorf("profile %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func draftWord(draft bool) string {
	if draft {
		return " (draft)"
	}
	return ""
}

func (t *tx) saveProfileVersion(ctx context.Context, p Profile, entries string) error {
	_, err := t.exec(ctx, `INSERT INTO profile_versions (profile_id, version, title, framework_key, framework_version,
		entries, draft, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Version, p.Title, p.Profile.FrameworkKey, p.Profile.FrameworkVersion, entries, p.Profile.Draft,
		p.UpdatedAt, nullID(p.UpdatedBy))
	return err
}

// UpdateProfile saves a new state of a profile. p.Version must be the version that was read: if
// someone saved meanwhile it returns ErrConflict and changes nothing. Every state is kept.
func (db *DB) UpdateProfile(ctx context.Context, a Actor, p Profile) (Profile, error) {
	if err := checkProfile(&p); err != nil {
		return Profile{}, err
	}
	entries, err := entriesJSON(p.Profile)
	if err != nil {
		return Profile{}, err
	}
	var out Profile
	err = db.tx(ctx, func(t *tx) error {
		cur, err := scanProfile(t.row(ctx, `SELECT `+profileColumns+` FROM profiles p WHERE p.id = ?`, p.ID))
		if err != nil {
			return err
		}
		if cur.Version != p.Version {
			return fmt.Errorf("%w: profile %d is at version %d, not %d", ErrConflict, p.ID, cur.Version, p.Version)
		}
		out = cur
		out.Title, out.Profile, out.AimRoleID = p.Title, p.Profile, p.AimRoleID
		out.Version, out.UpdatedAt, out.UpdatedBy = cur.Version+1, db.now(), a.UserID
		res, err := t.exec(ctx, `UPDATE profiles SET title = ?, aim_role_id = ?, framework_key = ?, framework_version = ?,
			entries = ?, draft = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			out.Title, nullID(out.AimRoleID), out.Profile.FrameworkKey, out.Profile.FrameworkVersion, entries,
			out.Profile.Draft, out.Version, out.UpdatedAt, nullID(a.UserID), p.ID, p.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: profile %d changed meanwhile", ErrConflict, p.ID)
		}
		if err := t.saveProfileVersion(ctx, out, entries); err != nil {
			return err
		}
		var fields []string
		if cur.Title != out.Title {
			fields = append(fields, "title")
		}
		if cur.Profile.FrameworkKey != out.Profile.FrameworkKey || cur.Profile.FrameworkVersion != out.Profile.FrameworkVersion {
			fields = append(fields, "framework_version")
		}
		fields = append(fields, "entries")
		return t.record(ctx, a, AuditEntry{
			OrganisationID: out.OrganisationID, Entity: "profile", EntityID: strconv.FormatInt(p.ID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("saved version %d%s", out.Version, draftWord(out.Profile.Draft)),
			Fields: fields,
		})
	})
	if err != nil {
		return Profile{}, err
	}
	return out, nil
}

// GetProfile returns one profile.
func (db *DB) GetProfile(ctx context.Context, id int64) (Profile, error) {
	return scanProfile(db.r().row(ctx, `SELECT `+profileColumns+` FROM profiles p WHERE p.id = ?`, id))
}

// UserProfiles returns a person's own profiles, newest first.
func (db *DB) UserProfiles(ctx context.Context, userID int64) ([]Profile, error) {
	return scanProfiles(db.r().query(ctx, `SELECT `+profileColumns+` FROM profiles p
		WHERE p.user_id = ? ORDER BY p.updated_at DESC, p.id DESC`, userID))
}

// RoleProfiles returns the profiles of a role, newest first.
func (db *DB) RoleProfiles(ctx context.Context, roleID int64) ([]Profile, error) {
	return scanProfiles(db.r().query(ctx, `SELECT `+profileColumns+` FROM profiles p
		WHERE p.role_id = ? ORDER BY p.updated_at DESC, p.id DESC`, roleID))
}

// ProfileHistory returns every saved state of a profile, newest first, with who saved it.
func (db *DB) ProfileHistory(ctx context.Context, id int64) ([]ProfileVersion, error) {
	rows, err := db.r().query(ctx, `SELECT v.version, v.title, v.framework_key, v.framework_version, v.entries,
		v.draft, v.saved_at, v.saved_by, COALESCE(u.name, '')
		FROM profile_versions v LEFT JOIN users u ON u.id = v.saved_by
		WHERE v.profile_id = ? ORDER BY v.version DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ProfileVersion
	for rows.Next() {
		var v ProfileVersion
		var entries string
		if err := rows.Scan(&v.Version, &v.Title, &v.Profile.FrameworkKey, &v.Profile.FrameworkVersion, &entries,
			&v.Profile.Draft, timeCol{&v.SavedAt}, idCol{&v.SavedBy}, &v.SavedByName); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(entries), &v.Profile.Entries); err != nil {
			return nil, fmt.Errorf("store: profile %d version %d entries: %w", id, v.Version, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ProfilesOnVersion returns the profiles made on one framework version, oldest first. With
// organisation ids it returns only the profiles of those organisations' roles and the own
// profiles of people with an access role in them; with none, every profile on the version.
func (db *DB) ProfilesOnVersion(ctx context.Context, key, version string, orgIDs []int64) ([]Profile, error) {
	q := `SELECT ` + profileColumns + ` FROM profiles p WHERE p.framework_key = ? AND p.framework_version = ?`
	args := []any{key, version}
	if len(orgIDs) > 0 {
		in := placeholders(len(orgIDs))
		q += ` AND (p.organisation_id IN (` + in + `) OR p.user_id IN
			(SELECT m.user_id FROM memberships m WHERE m.organisation_id IN (` + in + `)))`
		for range 2 {
			for _, id := range orgIDs {
				args = append(args, id)
			}
		}
	}
	return scanProfiles(db.r().query(ctx, q+` ORDER BY p.id`, args...))
}

// VisibleProfiles returns the profiles a user may see, newest first: their own, and the
// profiles of the roles of the given organisations (those they may see). With roleID only that
// role's profiles (of those organisations) are returned.
func (db *DB) VisibleProfiles(ctx context.Context, userID int64, orgIDs []int64, roleID int64) ([]Profile, error) {
	var cond []string
	var args []any
	if roleID == 0 {
		cond = append(cond, "p.user_id = ?")
		args = append(args, userID)
	}
	if len(orgIDs) > 0 {
		c := "p.organisation_id IN (" + placeholders(len(orgIDs)) + ")"
		for _, id := range orgIDs {
			args = append(args, id)
		}
		if roleID != 0 {
			c += " AND p.role_id = ?"
			args = append(args, roleID)
		}
		cond = append(cond, "("+c+")")
	}
	if len(cond) == 0 {
		return nil, nil
	}
	return scanProfiles(db.r().query(ctx, `SELECT `+profileColumns+` FROM profiles p WHERE `+strings.Join(cond, " OR ")+
		` ORDER BY p.updated_at DESC, p.id DESC`, args...))
}

// EmployersOf returns the organisations a user holds an access role in and every organisation
// above them: whose published roles a member of staff may read and name on their own profile.
func (db *DB) EmployersOf(ctx context.Context, userID int64) (map[int64]bool, error) {
	ms, err := db.Memberships(ctx, userID)
	if err != nil || len(ms) == 0 {
		return map[int64]bool{}, err
	}
	all, err := db.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	parent := make(map[int64]int64, len(all))
	for _, o := range all {
		parent[o.ID] = o.ParentID
	}
	out := map[int64]bool{}
	for _, m := range ms {
		// The step limit stops a corrupt cycle from looping for ever.
		for id, steps := m.OrganisationID, 0; id != 0 && steps <= len(all); id, steps = parent[id], steps+1 {
			out[id] = true
		}
	}
	return out, nil
}
