package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/workframe/workframe/internal/workforce"
)

// The establishment (issue 6): posts of teams and an organisation's pay settings.
//
// Rules the store enforces, whoever calls it:
//   - a post is saved only if workforce.ValidatePost finds no error: its team is a team, its role
//     a role of the team's employer, and its holder (if any) a person with a current assignment
//     of that role in that team;
//   - changes carry the version that was read (ErrConflict when it moved); every change writes
//     an audit entry (the actual salary is personal data: its field reads "changed", no value).
//
// Scope is the caller's: the web and API layers check the viewer's access role in the post's
// team (or above it) before calling.

// Entity names in the audit log and the change sequence.
const (
	EntityPost        = "post"
	EntityPaySettings = "pay_settings"
)

const postColumns = `p.id, p.team_id, p.role_id, p.fte, p.band, p.pay_point, p.actual_salary, p.holder_id, p.version`

func scanPost(s scanner) (workforce.Post, error) {
	var p workforce.Post
	err := s.Scan(&p.ID, &p.TeamID, &p.RoleID, &p.FTE, &p.Band, &p.PayPoint, &p.ActualSalary, idCol{&p.HolderID}, &p.Version)
	return p, notFound(err)
}

// InvalidPostError lists the broken rules of a post that was not saved.
type InvalidPostError struct{ Problems []workforce.Problem }

func (e *InvalidPostError) Error() string {
	s := "store: invalid post:"
	for _, p := range e.Problems {
		s += " " + p.Field + ": " + p.Message + ";"
	}
	return s
}

func (e *InvalidPostError) Unwrap() error { return ErrInvalid }

// Post returns one post.
func (db *DB) Post(ctx context.Context, id int64) (workforce.Post, error) {
	return scanPost(db.r().row(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.id = ?`, id))
}

// TeamPosts returns a team's posts, by role and id.
func (db *DB) TeamPosts(ctx context.Context, teamID int64) ([]workforce.Post, error) {
	return db.r().queryPosts(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.team_id = ? ORDER BY p.role_id, p.id`, teamID)
}

// HeldPosts returns the posts a person is named on as holder, by id: part of everything held
// about them (a post may carry their actual salary).
func (db *DB) HeldPosts(ctx context.Context, personID int64) ([]workforce.Post, error) {
	return db.r().queryPosts(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.holder_id = ? ORDER BY p.id`, personID)
}

// queryPosts runs a query of postColumns and returns its posts (never nil).
func (r runner) queryPosts(ctx context.Context, q string, args ...any) ([]workforce.Post, error) {
	rows, err := r.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []workforce.Post{}
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// checkPost validates a post inside the transaction against the domain rules and the team's
// employer.
func (t *tx) checkPost(ctx context.Context, p workforce.Post) error {
	var kind string
	err := t.row(ctx, `SELECT kind FROM organisations WHERE id = ?`, p.TeamID).Scan(&kind)
	if err != nil && !errors.Is(notFound(err), ErrNotFound) {
		return err
	}
	var ps []workforce.Problem
	var role workforce.Role
	if kind != KindTeam {
		ps = append(ps, workforce.Problem{Field: "team", Message: "Select a team: posts belong to teams"})
	}
	if kind != "" {
		e, err := t.employerOf(ctx, p.TeamID)
		if err != nil {
			return err
		}
		if e.roles[p.RoleID] {
			if role, err = t.role(ctx, p.RoleID); err != nil {
				return err
			}
		}
	}
	var holder *workforce.Person
	if p.HolderID != 0 {
		h, err := t.person(ctx, p.HolderID)
		switch {
		case err == nil:
			holder = &h
		case !errors.Is(err, ErrNotFound):
			return err
		}
	}
	for _, pr := range workforce.ValidatePost(p, role, holder, t.db.Today()) {
		if kind != KindTeam && pr.Field == "team" {
			continue
		}
		ps = append(ps, pr)
	}
	if ps = workforce.Errors(ps); len(ps) > 0 {
		return &InvalidPostError{Problems: ps}
	}
	return nil
}

func postFields(p workforce.Post) []string {
	fs := []string{"team", "role", "fte", "pay_point"}
	if p.Band != "" {
		fs = append(fs, "band")
	}
	if p.ActualSalary != 0 {
		fs = append(fs, "actual_salary")
	}
	if p.HolderID != 0 {
		fs = append(fs, "holder")
	}
	return fs
}

// CreatePost saves a new post at version 1.
func (db *DB) CreatePost(ctx context.Context, a Actor, p workforce.Post) (workforce.Post, error) {
	p.Version = 1
	now := db.now()
	err := db.tx(ctx, func(t *tx) error {
		if err := t.checkPost(ctx, p); err != nil {
			return err
		}
		if err := t.row(ctx, `INSERT INTO posts (team_id, role_id, fte, band, pay_point, actual_salary, holder_id, version,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.TeamID, p.RoleID, int(p.FTE), p.Band, p.PayPoint, p.ActualSalary, nullID(p.HolderID), p.Version, now, now).Scan(&p.ID); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: p.TeamID, Entity: EntityPost, EntityID: strconv.FormatInt(p.ID, 10),
			Action: ActionCreate, Summary: fmt.Sprintf("created post %d (%s FTE of role %d)", p.ID, p.FTE, p.RoleID), Fields: postFields(p)})
	})
	if err != nil {
		return workforce.Post{}, err
	}
	return p, nil
}

// UpdatePost saves a new version of a post; p.Version must be the version that was read. A post
// stays in its team (moving one is deleting it here and adding it there).
func (db *DB) UpdatePost(ctx context.Context, a Actor, p workforce.Post) (workforce.Post, error) {
	var out workforce.Post
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanPost(t.row(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.id = ?`, p.ID))
		if err != nil {
			return err
		}
		if cur.Version != p.Version {
			return fmt.Errorf("%w: post %d is at version %d, not %d", ErrConflict, p.ID, cur.Version, p.Version)
		}
		if p.TeamID != 0 && p.TeamID != cur.TeamID {
			return fmt.Errorf("%w: a post cannot move to another team", ErrInvalid)
		}
		p.TeamID = cur.TeamID
		if err := t.checkPost(ctx, p); err != nil {
			return err
		}
		d := &diff{}
		d.value("role", cur.RoleID, p.RoleID)
		d.value("fte", cur.FTE.String(), p.FTE.String())
		d.value("band", cur.Band, p.Band)
		d.value("pay_point", cur.PayPoint, p.PayPoint)
		d.personal("actual_salary", strconv.FormatInt(cur.ActualSalary, 10), strconv.FormatInt(p.ActualSalary, 10))
		d.value("holder", cur.HolderID, p.HolderID)
		out = cur
		if d.empty() {
			return nil
		}
		p.Version = cur.Version + 1
		res, err := t.exec(ctx, `UPDATE posts SET role_id = ?, fte = ?, band = ?, pay_point = ?, actual_salary = ?, holder_id = ?,
			version = ?, updated_at = ? WHERE id = ? AND version = ?`,
			p.RoleID, int(p.FTE), p.Band, p.PayPoint, p.ActualSalary, nullID(p.HolderID), p.Version, db.now(), p.ID, cur.Version)
		if err != nil {
			return mapErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: post %d changed meanwhile", ErrConflict, p.ID)
		}
		out = p
		return t.record(ctx, a, AuditEntry{OrganisationID: p.TeamID, Entity: EntityPost, EntityID: strconv.FormatInt(p.ID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("post %d: %s", p.ID, d.summary()), Fields: d.fields})
	})
	if err != nil {
		return workforce.Post{}, err
	}
	return out, nil
}

// DeletePost removes a post at the version that was read.
func (db *DB) DeletePost(ctx context.Context, a Actor, id int64, version int) error {
	return db.tx(ctx, func(t *tx) error {
		cur, err := scanPost(t.row(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.id = ?`, id))
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: post %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		if _, err := t.exec(ctx, `DELETE FROM posts WHERE id = ? AND version = ?`, id, version); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: cur.TeamID, Entity: EntityPost, EntityID: strconv.FormatInt(id, 10),
			Action: ActionDelete, Summary: fmt.Sprintf("deleted post %d (%s FTE of role %d)", id, cur.FTE, cur.RoleID)})
	})
}

// PaySettings are an employer's settings for costing posts.
type PaySettings struct {
	OrganisationID int64
	OnCost         workforce.OnCost
	Version        int // 0 when never saved
}

// PaySettingsOf returns the pay settings of the employer of any node (the top of its tree);
// an employer that never saved any has on-costs of 0 at version 0.
func (db *DB) PaySettingsOf(ctx context.Context, orgID int64) (PaySettings, error) {
	r := db.r()
	top, err := r.topOrganisation(ctx, orgID)
	if err != nil {
		return PaySettings{}, err
	}
	ps := PaySettings{OrganisationID: top}
	err = r.row(ctx, `SELECT on_cost, version FROM pay_settings WHERE organisation_id = ?`, top).Scan(&ps.OnCost, &ps.Version)
	if err = notFound(err); err != nil && !errors.Is(err, ErrNotFound) {
		return ps, err
	}
	return ps, nil
}

// SavePaySettings saves an employer's (a top-level organisation's) pay settings at the version
// that was read (0 for the first save).
func (db *DB) SavePaySettings(ctx context.Context, a Actor, ps PaySettings) (PaySettings, error) {
	if ps.OnCost < 0 || ps.OnCost > workforce.MaxOnCost {
		return ps, fmt.Errorf("%w: the on-cost must be from 0 to 100%%", ErrInvalid)
	}
	err := db.tx(ctx, func(t *tx) error {
		top, err := t.topOrganisation(ctx, ps.OrganisationID)
		if err != nil {
			return err
		}
		if top != ps.OrganisationID {
			return fmt.Errorf("%w: pay settings belong to the employer, organisation %d", ErrInvalid, top)
		}
		var cur PaySettings
		err = t.row(ctx, `SELECT on_cost, version FROM pay_settings WHERE organisation_id = ?`, top).Scan(&cur.OnCost, &cur.Version)
		if err = notFound(err); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if cur.Version != ps.Version {
			return fmt.Errorf("%w: pay settings are at version %d, not %d", ErrConflict, cur.Version, ps.Version)
		}
		if cur.Version == 0 {
			_, err = t.exec(ctx, `INSERT INTO pay_settings (organisation_id, on_cost, version, updated_at) VALUES (?, ?, 1, ?)`,
				top, int(ps.OnCost), db.now())
		} else {
			_, err = t.exec(ctx, `UPDATE pay_settings SET on_cost = ?, version = version + 1, updated_at = ? WHERE organisation_id = ?`,
				int(ps.OnCost), db.now(), top)
		}
		if err != nil {
			return mapErr(err)
		}
		ps.Version = cur.Version + 1
		return t.record(ctx, a, AuditEntry{OrganisationID: top, Entity: EntityPaySettings, EntityID: strconv.FormatInt(top, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("on-cost %s%% → %s%%", cur.OnCost, ps.OnCost), Fields: []string{"on_cost"}})
	})
	return ps, err
}

// unitTeams is the recursive CTE of the teams at or below a unit, shared by the loader's
// queries so that every one reads the same set.
const unitTeams = `WITH RECURSIVE below(id) AS (
		SELECT id FROM organisations WHERE id = ?
		UNION ALL
		SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
	), teams(id) AS (SELECT o.id FROM organisations o JOIN below b ON b.id = o.id WHERE o.kind = 'team')
	`

// Establishment loads what the workforce profile of a unit (a team, a service or an
// organisation, with everything below it) is worked out from: its teams, their posts, the
// current assignments in them, the in-date competences of the people assigned there that the
// posts' roles require, the roles, and the employer's on-cost. The caller adds the pay table
// and the framework look-up. Compact rows only: aggregating happens in workforce.WorkOutProfile,
// where the rules are tested (see docs/decisions/0010).
func (db *DB) Establishment(ctx context.Context, unitID int64) (workforce.ProfileInput, error) {
	r := db.r()
	in := workforce.ProfileInput{Roles: map[int64]workforce.Role{}}
	today := string(db.Today())

	teams, err := r.unitTeamRefs(ctx, unitID)
	if err != nil {
		return in, err
	}
	in.Teams = teams

	if in.Posts, err = r.queryPosts(ctx, unitTeams+`SELECT `+postColumns+` FROM posts p JOIN teams t ON t.id = p.team_id ORDER BY p.id`, unitID); err != nil {
		return in, err
	}
	roleIDs := map[int64]bool{}
	for _, p := range in.Posts {
		roleIDs[p.RoleID] = true
	}

	rows, err := r.query(ctx, unitTeams+`SELECT a.person_id, a.team_id, a.role_id, a.fte FROM person_assignments a
		JOIN teams t ON t.id = a.team_id
		WHERE a.start_date <= ? AND (a.end_date = '' OR a.end_date >= ?) ORDER BY a.team_id, a.person_id`, unitID, today, today)
	if err != nil {
		return in, err
	}
	for rows.Next() {
		var s workforce.StaffRow
		if err := rows.Scan(&s.PersonID, &s.TeamID, &s.RoleID, &s.FTE); err != nil {
			rows.Close()
			return in, err
		}
		in.Staff = append(in.Staff, s)
		roleIDs[s.RoleID] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, err
	}

	// In-date portfolio entries of the people assigned to the unit. All of them, not only the
	// competences the posts' roles require today: the profile cache follows changes row by
	// row (docs/decisions/0015), and a post changed to a role requiring another competence
	// must find its holders already there. WorkOutProfile ignores the others.
	rows, err = r.query(ctx, unitTeams+`, staff(id) AS (
			SELECT DISTINCT a.person_id FROM person_assignments a JOIN teams t ON t.id = a.team_id
			WHERE a.start_date <= ? AND (a.end_date = '' OR a.end_date >= ?)
		)
		SELECT DISTINCT e.person_id, e.framework_key, e.node_key, e.level_key FROM portfolio_entries e
		JOIN staff s ON s.id = e.person_id
		WHERE e.review_by = '' OR e.review_by >= ?`, unitID, today, today, today)
	if err != nil {
		return in, err
	}
	for rows.Next() {
		var h workforce.Holding
		if err := rows.Scan(&h.PersonID, &h.FrameworkKey, &h.NodeKey, &h.LevelKey); err != nil {
			rows.Close()
			return in, err
		}
		in.Holdings = append(in.Holdings, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, err
	}

	if err := r.profileRoles(ctx, slices.Sorted(maps.Keys(roleIDs)), in.Roles); err != nil {
		return in, err
	}
	ps, err := db.PaySettingsOf(ctx, unitID)
	if err != nil {
		return in, err
	}
	in.OnCost = ps.OnCost
	return in, nil
}

// ProfileRoles adds to roles the roles of ids it lacks, with what the profile needs of them (a
// scenario's new posts may be of roles the unit has no post or person in yet).
func (db *DB) ProfileRoles(ctx context.Context, ids []int64, roles map[int64]workforce.Role) error {
	var missing []int64
	for _, id := range ids {
		if _, ok := roles[id]; !ok && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	return db.r().profileRoles(ctx, missing, roles)
}

// profileRoles loads the figures of roles the profile groups by, and their requirements.
func (r runner) profileRoles(ctx context.Context, ids []int64, into map[int64]workforce.Role) error {
	for chunk := range slices.Chunk(ids, 500) {
		rows, err := r.query(ctx, `SELECT id, title, staff_group, level, band, registration_required FROM roles
			WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var ro workforce.Role
			if err := rows.Scan(&ro.ID, &ro.Title, &ro.StaffGroup, &ro.Level, &ro.Band, &ro.RegistrationRequired); err != nil {
				rows.Close()
				return err
			}
			into[ro.ID] = ro
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		reqs, err := r.requirements(ctx, chunk)
		if err != nil {
			return err
		}
		for id, q := range reqs {
			ro := into[id]
			ro.Requirements = q
			into[id] = ro
		}
	}
	return nil
}
