package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/workforce"
)

// Customised local career frameworks (issue 4). A framework is saved whole: every change
// replaces its families, placements and routes in one transaction, checked by career.Validate
// against the roles as they are now, and raises its version, so a save based on an older version
// is refused (ErrConflict) and changes nothing.
//
// Which roles a framework may place (career.Usable): the roles of its organisation and the nodes
// below it (everyone who can see the framework can see those), and the shared, published roles
// of the organisation's partners (as the database of roles shows them). Who may see a framework
// follows the roles' rule: its organisation's people, and, when it is shared and published, the
// partners'.

// EntityCareerFramework is the entity name of career frameworks in the audit log and the change
// sequence.
const EntityCareerFramework = "career_framework"

// CareerFrameworkSummary is a framework in a list: its own fields (no families, placements or
// routes) and how many roles and routes it holds.
type CareerFrameworkSummary struct {
	career.Framework
	Families, Roles, Routes int
}

// CareerFrameworkQuery selects frameworks for a list. OrganisationIDs is the scope and is
// required (ErrInvalid when empty): the organisations the user may see.
type CareerFrameworkQuery struct {
	OrganisationIDs []int64
	// IncludeShared also returns the shared, published frameworks of partner organisations.
	IncludeShared bool
}

// InvalidCareerFrameworkError lists the broken rules of a framework that was not saved.
// errors.Is(err, ErrInvalid) holds.
type InvalidCareerFrameworkError struct {
	Problems []career.Problem
}

func (e *InvalidCareerFrameworkError) Error() string {
	msgs := make([]string, 0, len(e.Problems))
	for i, p := range e.Problems {
		if i == 5 {
			msgs = append(msgs, "(and more)")
			break
		}
		msgs = append(msgs, p.String())
	}
	return ErrInvalid.Error() + ": " + strings.Join(msgs, "; ")
}

func (e *InvalidCareerFrameworkError) Unwrap() error { return ErrInvalid }

const careerFrameworkColumns = `f.id, f.organisation_id, f.title, f.staff_group, f.description, f.status, f.shared,
	f.version, f.created_at, f.updated_at`

func scanCareerFramework(s scanner, extra ...any) (career.Framework, error) {
	var f career.Framework
	err := s.Scan(append([]any{&f.ID, &f.OrganisationID, &f.Title, &f.StaffGroup, &f.Description, &f.Status, &f.Shared,
		&f.Version, timeCol{&f.CreatedAt}, timeCol{&f.UpdatedAt}}, extra...)...)
	return f, notFound(err)
}

// CareerFramework returns one framework with its families, placements and routes.
func (db *DB) CareerFramework(ctx context.Context, id int64) (career.Framework, error) {
	return db.r().careerFramework(ctx, id)
}

func (r runner) careerFramework(ctx context.Context, id int64) (career.Framework, error) {
	f, err := scanCareerFramework(r.row(ctx, `SELECT `+careerFrameworkColumns+` FROM career_frameworks f WHERE f.id = ?`, id))
	if err != nil {
		return f, err
	}
	f.Families, f.Placements, f.Routes = []career.Family{}, []career.Placement{}, []career.Route{}
	rows, err := r.query(ctx, `SELECT key, name FROM career_framework_families WHERE framework_id = ? ORDER BY position`, id)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var fam career.Family
		if err := rows.Scan(&fam.Key, &fam.Name); err != nil {
			rows.Close()
			return f, err
		}
		f.Families = append(f.Families, fam)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	rows, err = r.query(ctx, `SELECT role_id, family_key FROM career_framework_placements WHERE framework_id = ? ORDER BY position`, id)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var p career.Placement
		if err := rows.Scan(&p.RoleID, &p.FamilyKey); err != nil {
			rows.Close()
			return f, err
		}
		f.Placements = append(f.Placements, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	rows, err = r.query(ctx, `SELECT from_role_id, to_role_id, kind, registration_required, qualification, note
		FROM career_framework_routes WHERE framework_id = ? ORDER BY position`, id)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var rt career.Route
		if err := rows.Scan(&rt.FromRoleID, &rt.ToRoleID, &rt.Kind, &rt.RegistrationRequired, &rt.Qualification, &rt.Note); err != nil {
			return f, err
		}
		f.Routes = append(f.Routes, rt)
	}
	return f, rows.Err()
}

// CareerFrameworks lists the frameworks of the organisations (and, with IncludeShared, the
// shared and published ones of their partners), by title then id.
func (db *DB) CareerFrameworks(ctx context.Context, q CareerFrameworkQuery) ([]CareerFrameworkSummary, error) {
	if len(q.OrganisationIDs) == 0 {
		return nil, fmt.Errorf("%w: a list of career frameworks needs the organisations the user may see", ErrInvalid)
	}
	prefix := ""
	var args []any
	scope := "f.organisation_id IN (" + placeholders(len(q.OrganisationIDs)) + ")"
	if q.IncludeShared {
		prefix = "WITH RECURSIVE " + partnerCTE(len(q.OrganisationIDs)) + " "
		args = append(args, int64Args(q.OrganisationIDs)...)
		scope = "(" + scope + " OR (f.shared = ? AND f.status = ? AND f.organisation_id IN (SELECT id FROM partner_orgs)))"
		args = append(args, int64Args(q.OrganisationIDs)...)
		args = append(args, true, career.StatusPublished)
	} else {
		args = append(args, int64Args(q.OrganisationIDs)...)
	}
	order := "LOWER(f.title)"
	if db.engine == EnginePostgres {
		order = `LOWER(f.title) COLLATE "C"`
	}
	rows, err := db.r().query(ctx, prefix+`SELECT `+careerFrameworkColumns+`,
		(SELECT COUNT(*) FROM career_framework_families x WHERE x.framework_id = f.id),
		(SELECT COUNT(*) FROM career_framework_placements x WHERE x.framework_id = f.id),
		(SELECT COUNT(*) FROM career_framework_routes x WHERE x.framework_id = f.id)
		FROM career_frameworks f WHERE `+scope+` ORDER BY `+order+`, f.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CareerFrameworkSummary{}
	for rows.Next() {
		var s CareerFrameworkSummary
		s.Framework, err = scanCareerFramework(rows, &s.Families, &s.Roles, &s.Routes)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CareerFrameworkRoles returns the roles with these ids (without their requirements), by id:
// what a framework's grid shows of the roles it places. Ids that match no role are absent.
func (db *DB) CareerFrameworkRoles(ctx context.Context, ids []int64) (map[int64]workforce.Role, error) {
	return db.r().rolesByID(ctx, ids)
}

func (r runner) rolesByID(ctx context.Context, ids []int64) (map[int64]workforce.Role, error) {
	out := map[int64]workforce.Role{}
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 500)]
		ids = ids[len(batch):]
		rows, err := r.query(ctx, `SELECT `+roleColumns+` FROM roles r WHERE r.id IN (`+placeholders(len(batch))+`)`, int64Args(batch)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			role, err := scanRole(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[role.ID] = role
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// usableCTE defines own_orgs(id), the organisation given as the first argument and every node
// below it, and partner_orgs(id) (see partnerCTE) for the same organisation, given again as the
// second argument.
const usableCTE = `own_orgs(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION
			SELECT o.id FROM organisations o JOIN own_orgs ON o.parent_id = own_orgs.id
		), `

// CareerFrameworkUsable returns the organisations whose roles a framework of the organisation
// may place (career.Usable).
func (db *DB) CareerFrameworkUsable(ctx context.Context, orgID int64) (career.Usable, error) {
	return db.r().careerUsable(ctx, orgID)
}

func (r runner) careerUsable(ctx context.Context, orgID int64) (career.Usable, error) {
	u := career.Usable{Own: map[int64]bool{}, Partners: map[int64]bool{}}
	rows, err := r.query(ctx, `WITH RECURSIVE `+usableCTE+partnerCTE(1)+`
		SELECT id, 1 FROM own_orgs UNION ALL SELECT id, 2 FROM partner_orgs`, orgID, orgID)
	if err != nil {
		return u, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var which int
		if err := rows.Scan(&id, &which); err != nil {
			return u, err
		}
		if which == 1 {
			u.Own[id] = true
		} else {
			u.Partners[id] = true
		}
	}
	return u, rows.Err()
}

// CareerFrameworkCandidates returns the roles a framework of the organisation may place: draft
// and published roles with a Career Framework level, of the organisation and the nodes below it,
// and those its partners share; by level, then title, then id.
func (db *DB) CareerFrameworkCandidates(ctx context.Context, orgID int64) ([]workforce.Role, error) {
	titleOrder := "r.title_key"
	if db.engine == EnginePostgres {
		titleOrder = `r.title_key COLLATE "C"`
	}
	rows, err := db.r().query(ctx, `WITH RECURSIVE `+usableCTE+partnerCTE(1)+`
		SELECT `+roleColumns+` FROM roles r
		WHERE r.level BETWEEN ? AND ? AND r.status <> ?
			AND (r.organisation_id IN (SELECT id FROM own_orgs)
				OR (r.shared = ? AND r.status = ? AND r.organisation_id IN (SELECT id FROM partner_orgs)))
		ORDER BY r.level, `+titleOrder+`, r.id LIMIT ?`,
		orgID, orgID, career.MinLevel, career.MaxLevel, workforce.StatusRetired, true, workforce.StatusPublished, MaxRolePage)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []workforce.Role
	for rows.Next() {
		role, err := scanRole(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, role)
	}
	return out, rows.Err()
}

// RoleRef turns a stored role into what career.Validate reads of it.
func RoleRef(r workforce.Role) career.RoleRef {
	return career.RoleRef{ID: r.ID, OrganisationID: r.OrganisationID, Title: r.Title, Level: r.Level,
		Shared: r.Shared && r.Status == workforce.StatusPublished, Retired: r.Status == workforce.StatusRetired}
}

// checkCareerFramework validates f against the roles as stored now; prev is the stored framework
// (nil when creating). It returns the roles it read, for the audit summary.
func (t *tx) checkCareerFramework(ctx context.Context, f career.Framework, prev *career.Framework) (map[int64]workforce.Role, error) {
	ids := f.RoleIDs()
	if prev != nil {
		ids = append(ids, prev.RoleIDs()...)
	}
	roles, err := t.rolesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	refs := make(map[int64]career.RoleRef, len(roles))
	for id, r := range roles {
		refs[id] = RoleRef(r)
	}
	use, err := t.careerUsable(ctx, f.OrganisationID)
	if err != nil {
		return nil, err
	}
	if errs := career.Errors(career.Validate(f, refs, use, prev)); len(errs) > 0 {
		return nil, &InvalidCareerFrameworkError{Problems: errs}
	}
	return roles, nil
}

// writeCareerChildren replaces the families, placements and routes of a framework.
func (t *tx) writeCareerChildren(ctx context.Context, f career.Framework) error {
	for _, table := range []string{"career_framework_routes", "career_framework_placements", "career_framework_families"} {
		if _, err := t.exec(ctx, `DELETE FROM `+table+` WHERE framework_id = ?`, f.ID); err != nil {
			return err
		}
	}
	insert := rowInserter(t)
	var rows [][]any
	for i, fam := range f.Families {
		rows = append(rows, []any{f.ID, fam.Key, fam.Name, i})
	}
	if err := insert(ctx, "career_framework_families", []string{"framework_id", "key", "name", "position"}, rows); err != nil {
		return err
	}
	rows = nil
	for i, p := range f.Placements {
		rows = append(rows, []any{f.ID, p.RoleID, p.FamilyKey, i})
	}
	if err := insert(ctx, "career_framework_placements", []string{"framework_id", "role_id", "family_key", "position"}, rows); err != nil {
		return err
	}
	rows = nil
	for i, r := range f.Routes {
		rows = append(rows, []any{f.ID, r.FromRoleID, r.ToRoleID, r.Kind, r.RegistrationRequired, r.Qualification, r.Note, i})
	}
	return insert(ctx, "career_framework_routes", []string{"framework_id", "from_role_id", "to_role_id", "kind",
		"registration_required", "qualification", "note", "position"}, rows)
}

// CreateCareerFramework saves a new framework at version 1. Broken rules are an
// *InvalidCareerFrameworkError (ErrInvalid); an organisation that does not exist is ErrInvalid.
func (db *DB) CreateCareerFramework(ctx context.Context, a Actor, f career.Framework) (career.Framework, error) {
	f = career.Normalise(f)
	now := db.now()
	f.Version, f.CreatedAt, f.UpdatedAt = 1, now, now
	err := db.tx(ctx, func(t *tx) error {
		if err := t.organisationExists(ctx, f.OrganisationID); err != nil {
			return err
		}
		if _, err := t.checkCareerFramework(ctx, f, nil); err != nil {
			return err
		}
		if err := t.row(ctx, `INSERT INTO career_frameworks (organisation_id, title, staff_group, description, status, shared,
			version, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			f.OrganisationID, f.Title, f.StaffGroup, f.Description, f.Status, f.Shared, f.Version, now, now,
			nullID(a.UserID)).Scan(&f.ID); err != nil {
			return err
		}
		if err := t.writeCareerChildren(ctx, f); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: f.OrganisationID, Entity: EntityCareerFramework, EntityID: strconv.FormatInt(f.ID, 10),
			Action: ActionCreate,
			Summary: fmt.Sprintf("created career framework %q with %d role families, %d roles and %d routes",
				f.Title, len(f.Families), len(f.Placements), len(f.Routes)),
			Fields: []string{"title", "staff_group", "description", "status", "shared", "families", "placements", "routes"},
		})
	})
	if err != nil {
		return career.Framework{}, err
	}
	return db.CareerFramework(ctx, f.ID)
}

// UpdateCareerFramework saves f as the new state of the framework f.ID. f.Version must be the
// version that was read: if someone saved meanwhile it returns ErrConflict and changes nothing.
// A framework stays in its organisation. Saving what is already stored changes nothing and keeps
// the version.
func (db *DB) UpdateCareerFramework(ctx context.Context, a Actor, f career.Framework) (career.Framework, error) {
	f = career.Normalise(f)
	err := db.tx(ctx, func(t *tx) error {
		cur, err := t.careerFramework(ctx, f.ID)
		if err != nil {
			return err
		}
		if cur.Version != f.Version {
			return fmt.Errorf("%w: career framework %d is at version %d, not %d", ErrConflict, f.ID, cur.Version, f.Version)
		}
		if f.OrganisationID != 0 && f.OrganisationID != cur.OrganisationID {
			return fmt.Errorf("%w: a career framework cannot move to another organisation", ErrInvalid)
		}
		f.OrganisationID, f.CreatedAt = cur.OrganisationID, cur.CreatedAt
		roles, err := t.checkCareerFramework(ctx, f, &cur)
		if err != nil {
			return err
		}
		fields, msgs := careerChanges(cur, f, roles)
		if len(fields) == 0 {
			return nil
		}
		f.Version, f.UpdatedAt = cur.Version+1, db.now()
		res, err := t.exec(ctx, `UPDATE career_frameworks SET title = ?, staff_group = ?, description = ?, status = ?,
			shared = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			f.Title, f.StaffGroup, f.Description, f.Status, f.Shared, f.Version, f.UpdatedAt, nullID(a.UserID), f.ID, cur.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: career framework %d changed meanwhile", ErrConflict, f.ID)
		}
		if slices.Contains(fields, "families") || slices.Contains(fields, "placements") || slices.Contains(fields, "routes") {
			if err := t.writeCareerChildren(ctx, f); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: f.OrganisationID, Entity: EntityCareerFramework, EntityID: strconv.FormatInt(f.ID, 10),
			Action:  ActionUpdate,
			Summary: auditText(fmt.Sprintf("career framework %d %q: ", f.ID, f.Title) + strings.Join(msgs, "; ")),
			Fields:  fields,
		})
	})
	if err != nil {
		return career.Framework{}, err
	}
	return db.CareerFramework(ctx, f.ID)
}

// careerChanges names the changed fields and says what changed, in words for the audit log (a
// framework holds no personal data, so values are kept: DESIGN decision 4).
func careerChanges(old, new career.Framework, roles map[int64]workforce.Role) (fields, msgs []string) {
	title := func(id int64) string {
		if r, ok := roles[id]; ok {
			return r.Title
		}
		return "role " + strconv.FormatInt(id, 10)
	}
	text := func(field, label, a, b string) {
		if a != b {
			fields = append(fields, field)
			msgs = append(msgs, fmt.Sprintf("%s %q → %q", label, a, b))
		}
	}
	text("title", "title", old.Title, new.Title)
	text("staff_group", "staff group", old.StaffGroup, new.StaffGroup)
	if old.Description != new.Description {
		fields = append(fields, "description")
		msgs = append(msgs, "description changed")
	}
	text("status", "status", old.Status, new.Status)
	if old.Shared != new.Shared {
		fields = append(fields, "shared")
		msgs = append(msgs, fmt.Sprintf("shared %t → %t", old.Shared, new.Shared))
	}
	if !slices.Equal(old.Families, new.Families) {
		fields = append(fields, "families")
		names := make([]string, len(new.Families))
		for i, f := range new.Families {
			names[i] = f.Name
		}
		msgs = append(msgs, "role families now "+strings.Join(names, ", "))
	}
	if !slices.Equal(old.Placements, new.Placements) {
		fields = append(fields, "placements")
		for _, p := range new.Placements {
			if q, ok := old.Placed(p.RoleID); !ok {
				fam, _ := new.Family(p.FamilyKey)
				msgs = append(msgs, fmt.Sprintf("added %s to %s", title(p.RoleID), fam.Name))
			} else if q.FamilyKey != p.FamilyKey {
				fam, _ := new.Family(p.FamilyKey)
				msgs = append(msgs, fmt.Sprintf("moved %s to %s", title(p.RoleID), fam.Name))
			}
		}
		for _, p := range old.Placements {
			if _, ok := new.Placed(p.RoleID); !ok {
				msgs = append(msgs, "removed "+title(p.RoleID))
			}
		}
	}
	if !slices.Equal(old.Routes, new.Routes) {
		fields = append(fields, "routes")
		before := len(msgs)
		has := func(f career.Framework, r career.Route) (career.Route, bool) {
			for _, x := range f.Routes {
				if x.Same(r) {
					return x, true
				}
			}
			return career.Route{}, false
		}
		for _, r := range new.Routes {
			if o, ok := has(old, r); !ok {
				msgs = append(msgs, fmt.Sprintf("added route %s %s → %s", r.Kind, title(r.FromRoleID), title(r.ToRoleID)))
			} else if o != r {
				msgs = append(msgs, fmt.Sprintf("changed route %s → %s", title(r.FromRoleID), title(r.ToRoleID)))
			}
		}
		for _, r := range old.Routes {
			if _, ok := has(new, r); !ok {
				msgs = append(msgs, fmt.Sprintf("removed route %s → %s", title(r.FromRoleID), title(r.ToRoleID)))
			}
		}
		if len(msgs) == before {
			msgs = append(msgs, "routes reordered")
		}
	}
	return fields, msgs
}

// auditText cuts an audit summary to a length an audit page can show.
func auditText(s string) string { return auditSummary(s, nil) }
