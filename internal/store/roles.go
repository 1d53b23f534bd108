package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// The database of roles (issue 4): roles with their competence requirements, their version
// history, full-text search on both engines, sharing between partner organisations and bulk
// loading.
//
// Rules the store enforces, whoever calls it:
//   - a role is saved only if workforce.ValidateRole finds no error (warnings do not stop it);
//     the frameworks it checks requirements against are the stored versions the role's
//     organisation may use: shared ones (no owner) and those of its own employer (the same
//     top-level organisation), but not an organisation's draft, which may still change. A
//     requirement the role already had (or, for a copy, that the
//     shared original had) stays valid, so a copy of a partner's role keeps its requirements on
//     the partner's own framework;
//   - titles are unique in an organisation, whatever their case;
//   - every change writes a role_versions row (the whole role and the list of changes) and an
//     audit entry with the changed fields, before and after values included: a role holds no
//     personal data (DESIGN decision 4);
//   - a role's organisation, provenance and creation are fixed: moving a role to another
//     organisation is a copy.
//
// Sharing (DESIGN decision 1): a role that is shared and published is visible to, and may be
// copied by, the organisations of the partnerships its organisation (or a node above it) belongs
// to, and the nodes below them. Nobody else sees it.

// EntityRole is the entity name of roles in the audit log and the change sequence.
const EntityRole = "role"

// RoleVersion is one entry of a role's history: the role as saved at that version, who saved
// it, when, and what changed from the version before.
type RoleVersion struct {
	RoleID        int64
	Version       int
	Role          workforce.Role
	Changes       []workforce.Change
	ChangedBy     int64  // 0: the system or the command line
	ChangedByName string // the user's current name, joined at read time; personal data
	ChangedAt     time.Time
}

// Values of RoleQuery.Status besides the role statuses.
const (
	// RoleStatusCurrent (the zero value) selects draft and published roles: retired ones are
	// left out unless asked for.
	RoleStatusCurrent = ""
	// RoleStatusAny selects roles of every status.
	RoleStatusAny = "any"
)

// RoleQuery selects roles for the database of roles. OrganisationIDs is the scope and is
// required: the caller passes the organisations the user may see (ErrInvalid when empty).
type RoleQuery struct {
	// Text is a full-text query: words (all must match, stemmed: "nursing" finds "nurse"),
	// "quoted phrases", OR between alternatives and -word to exclude, as web search engines
	// read them. Common English words ("the", "of") are ignored. Empty (or only ignored words):
	// no text condition, and results are in ladder order (level, then title).
	Text string
	// OrganisationIDs are the organisations whose roles may be returned.
	OrganisationIDs []int64
	// AllOrganisations returns the roles of every organisation, whatever OrganisationIDs holds:
	// for a viewer who may see them all (a site administrator). Passing the ids of every node
	// instead (980 at the generated system scale) cost each search a list the engine checks
	// and plans for (bench/RESULTS.md).
	AllOrganisations bool
	// IncludeShared also returns the shared, published roles of partner organisations.
	IncludeShared bool
	// Levels keeps roles at these Career Framework levels (0: not placed); empty keeps all.
	Levels []int
	// StaffGroup keeps roles of this staff group (any spelling workforce.LookupStaffGroup
	// reads); empty keeps all.
	StaffGroup string
	// Status is a role status, RoleStatusCurrent (draft and published) or RoleStatusAny.
	Status string
	// Limit defaults to 20 and is capped at MaxRolePage; Offset skips that many results.
	Limit, Offset int
	// ExactTotal counts every match (an export needs it). Otherwise the count stops after
	// RoleCountCap and RolePage.More says there are more: counting tens of thousands of matches
	// for "more than 1,000" cost more than the ranked page itself (bench/RESULTS.md).
	ExactTotal bool
}

// RoleCountCap is where SearchRoles stops counting matches unless asked for the exact total.
const RoleCountCap = 1000

// MaxRolePage is the most roles SearchRoles returns at once.
const MaxRolePage = 1000

// RolePage is one page of search results and the number of results on every page.
type RolePage struct {
	// Roles are ranked best first when the query had text (ties broken by id), otherwise by
	// level (1 to 9, unplaced last), then title, then id. Each has its requirements.
	Roles []workforce.Role
	// Total is the number of matches, at most RoleCountCap unless the query asked for the exact
	// total; More is true when more than Total match.
	Total         int
	More          bool
	Limit, Offset int
}

// LevelCount is one cell of the nine-level ladder: how many roles of a staff group sit at a level.
type LevelCount struct {
	Level      int // 0: not placed
	StaffGroup string
	Count      int
}

// RoleProblems are the errors of one role that was not saved. Index is its position in the list
// given to CreateRoles (0 for the methods that save one role).
type RoleProblems struct {
	Index    int
	Title    string
	Problems []workforce.Problem
}

// InvalidRolesError says which roles broke which rules; nothing was saved. It lists every
// error of every role (not warnings), so an import can report them all at once.
// errors.Is(err, ErrInvalid) holds.
type InvalidRolesError struct {
	Roles []RoleProblems
}

func (e *InvalidRolesError) Error() string {
	var b strings.Builder
	b.WriteString(ErrInvalid.Error())
	count := 0
	for _, r := range e.Roles {
		for _, p := range r.Problems {
			if count == 5 {
				fmt.Fprintf(&b, " (and more)")
				return b.String()
			}
			sep := ";"
			if count == 0 {
				sep = ":"
			}
			fmt.Fprintf(&b, "%s role %d %q: %s: %s", sep, r.Index+1, r.Title, p.Field, p.Message)
			count++
		}
	}
	return b.String()
}

func (e *InvalidRolesError) Unwrap() error { return ErrInvalid }

// Role returns one role with its requirements.
func (db *DB) Role(ctx context.Context, id int64) (workforce.Role, error) {
	return db.r().role(ctx, id)
}

func (r runner) role(ctx context.Context, id int64) (workforce.Role, error) {
	role, err := scanRole(r.row(ctx, `SELECT `+roleColumns+` FROM roles r WHERE r.id = ?`, id))
	if err != nil {
		return workforce.Role{}, err
	}
	reqs, err := r.requirements(ctx, []int64{id})
	if err != nil {
		return workforce.Role{}, err
	}
	role.Requirements = append(role.Requirements, reqs[id]...)
	return role, nil
}

const roleColumns = `r.id, r.organisation_id, r.title, r.staff_group, r.profession, r.level, r.level_indicative,
	r.band, r.registration_required, r.summary, r.activities, r.quality_standards, r.knowledge_skills,
	r.status, r.shared, r.copied_from_id, r.version, r.created_at, r.updated_at`

func scanRole(s scanner) (workforce.Role, error) {
	var r workforce.Role
	var activities, standards, knowledge []byte
	err := s.Scan(&r.ID, &r.OrganisationID, &r.Title, &r.StaffGroup, &r.Profession, &r.Level, &r.LevelIndicative,
		&r.Band, &r.RegistrationRequired, &r.Summary, &activities, &standards, &knowledge,
		&r.Status, &r.Shared, idCol{&r.CopiedFromID}, &r.Version, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt})
	if err != nil {
		return workforce.Role{}, notFound(err)
	}
	for _, l := range []struct {
		dst *[]string
		src []byte
	}{{&r.Activities, activities}, {&r.QualityStandards, standards}, {&r.KnowledgeSkills, knowledge}} {
		*l.dst = []string{}
		if err := json.Unmarshal(l.src, l.dst); err != nil {
			return workforce.Role{}, fmt.Errorf("store: role %d lists: %w", r.ID, err)
		}
	}
	r.Requirements = []workforce.Requirement{}
	return r, nil
}

// requirements returns the requirements of the roles, in their order.
func (r runner) requirements(ctx context.Context, ids []int64) (map[int64][]workforce.Requirement, error) {
	out := map[int64][]workforce.Requirement{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := r.query(ctx, `SELECT role_id, framework_key, framework_version, node_key, level_key, essential
		FROM role_requirements WHERE role_id IN (`+placeholders(len(ids))+`) ORDER BY role_id, position`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var q workforce.Requirement
		if err := rows.Scan(&id, &q.FrameworkKey, &q.FrameworkVersion, &q.NodeKey, &q.LevelKey, &q.Essential); err != nil {
			return nil, err
		}
		out[id] = append(out[id], q)
	}
	return out, rows.Err()
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// CreateRole saves a new role at version 1 with its requirements, and the first entry of its
// history. ID, Version, CopiedFromID and the times are set by the store; an empty status is
// draft. Broken rules are an *InvalidRolesError (ErrInvalid); a title already used in the
// organisation is ErrConflict; an organisation that does not exist is ErrInvalid.
func (db *DB) CreateRole(ctx context.Context, a Actor, r workforce.Role) (workforce.Role, error) {
	r = db.prepareRole(r)
	err := db.tx(ctx, func(t *tx) error {
		if err := t.organisationExists(ctx, r.OrganisationID); err != nil {
			return err
		}
		fw := newFrameworkCache(t.runner)
		if err := fw.validate(ctx, r, nil); err != nil {
			return err
		}
		if err := t.titleFree(ctx, r.OrganisationID, r.Title, 0); err != nil {
			return err
		}
		ids, err := t.allocateRoleIDs(ctx, 1)
		if err != nil {
			return err
		}
		r.ID = ids[0]
		changes := []workforce.Change{{Field: workforce.FieldRole, Message: "Created"}}
		if err := t.insertRoles(ctx, rowInserter(t), []newRole{{role: r, by: a.UserID, changes: changes,
			names: workforce.CompetenceNames(r, fw.any(ctx))}}); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: r.OrganisationID, Entity: EntityRole, EntityID: strconv.FormatInt(r.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created role %d %q (level %d, band %q, %s, %d requirements)",
				r.ID, r.Title, r.Level, r.Band, r.Status, len(r.Requirements)),
			Fields: setFields(r),
		})
	})
	if err != nil {
		return workforce.Role{}, err
	}
	return r, nil
}

// prepareRole readies a role the store is about to create.
func (db *DB) prepareRole(r workforce.Role) workforce.Role {
	r = workforce.Normalise(r)
	now := db.now()
	r.ID, r.Version, r.CopiedFromID, r.CreatedAt, r.UpdatedAt = 0, 1, 0, now, now
	return r
}

// setFields names the fields a new role has values for, for its audit entry.
func setFields(r workforce.Role) []string {
	return workforce.ChangedFields(workforce.Diff(workforce.Role{}, r))
}

// UpdateRole saves a new version of a role: every field but the organisation, provenance and
// creation (a different non-zero OrganisationID is ErrInvalid). r.Version must be the version
// that was read, or it returns ErrConflict and changes nothing. When nothing differs it writes
// nothing and returns the stored role. Broken rules are an *InvalidRolesError; a title already
// used in the organisation is ErrConflict.
func (db *DB) UpdateRole(ctx context.Context, a Actor, r workforce.Role) (workforce.Role, error) {
	r = workforce.Normalise(r)
	return db.updateRole(ctx, a, r.ID, r.Version, func(cur workforce.Role) (workforce.Role, error) {
		if r.OrganisationID != 0 && r.OrganisationID != cur.OrganisationID {
			return workforce.Role{}, fmt.Errorf("%w: a role cannot move to another organisation (copy it instead)", ErrInvalid)
		}
		return r, nil
	})
}

// SetRoleStatus changes a role's status (draft, published, retired), as a new version. version
// must be the version that was read (ErrConflict otherwise).
func (db *DB) SetRoleStatus(ctx context.Context, a Actor, id int64, version int, status string) (workforce.Role, error) {
	return db.updateRole(ctx, a, id, version, func(cur workforce.Role) (workforce.Role, error) {
		cur.Status = strings.ToLower(strings.TrimSpace(status))
		return cur, nil
	})
}

// updateRole loads the role, checks the version, lets edit give the new content, and saves it
// with its history row and audit entry when anything changed.
func (db *DB) updateRole(ctx context.Context, a Actor, id int64, version int,
	edit func(cur workforce.Role) (workforce.Role, error)) (workforce.Role, error) {
	var out workforce.Role
	err := db.tx(ctx, func(t *tx) error {
		var err error
		out, err = db.updateRoleIn(ctx, t, a, id, version, edit)
		return err
	})
	if err != nil {
		return workforce.Role{}, err
	}
	return out, nil
}

// updateRoleIn is updateRole inside a transaction the caller holds, so that an import can
// update many roles and create others all at once.
func (db *DB) updateRoleIn(ctx context.Context, t *tx, a Actor, id int64, version int,
	edit func(cur workforce.Role) (workforce.Role, error)) (workforce.Role, error) {
	var out workforce.Role
	err := func() error {
		cur, err := t.role(ctx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: role %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		r, err := edit(cur)
		if err != nil {
			return err
		}
		r.ID, r.OrganisationID, r.CopiedFromID, r.CreatedAt = cur.ID, cur.OrganisationID, cur.CopiedFromID, cur.CreatedAt
		r.Version, r.UpdatedAt = cur.Version, cur.UpdatedAt
		r = workforce.Normalise(r)

		fw := newFrameworkCache(t.runner)
		if err := fw.validate(ctx, r, cur.Requirements); err != nil {
			return err
		}
		changes := workforce.DiffWith(cur, r, fw.any(ctx))
		out = cur
		if len(changes) == 0 {
			return nil
		}
		if !strings.EqualFold(cur.Title, r.Title) {
			if err := t.titleFree(ctx, r.OrganisationID, r.Title, r.ID); err != nil {
				return err
			}
		}
		r.Version, r.UpdatedAt = cur.Version+1, db.now()
		lists, err := roleLists(r)
		if err != nil {
			return err
		}
		res, err := t.exec(ctx, `UPDATE roles SET title = ?, title_key = ?, staff_group = ?, profession = ?, level = ?,
			level_indicative = ?, band = ?, registration_required = ?, summary = ?, activities = ?,
			quality_standards = ?, knowledge_skills = ?, competence_names = ?, status = ?, shared = ?,
			version = ?, updated_at = ?
			WHERE id = ? AND version = ?`,
			r.Title, titleKey(r.Title), r.StaffGroup, r.Profession, r.Level, r.LevelIndicative, r.Band,
			r.RegistrationRequired, r.Summary, lists[0], lists[1], lists[2],
			strings.Join(workforce.CompetenceNames(r, fw.any(ctx)), "\n"), r.Status, r.Shared,
			r.Version, r.UpdatedAt, r.ID, cur.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: role %d changed meanwhile", ErrConflict, id)
		}
		if !slices.Equal(cur.Requirements, r.Requirements) {
			if _, err := t.exec(ctx, `DELETE FROM role_requirements WHERE role_id = ?`, r.ID); err != nil {
				return err
			}
			if err := rowInserter(t)(ctx, "role_requirements", requirementColumns, requirementRows(r)); err != nil {
				return err
			}
		}
		if err := rowInserter(t)(ctx, "role_versions", versionColumns,
			[][]any{versionRow(r, a.UserID, changes)}); err != nil {
			return err
		}
		out = r
		return t.record(ctx, a, AuditEntry{
			OrganisationID: r.OrganisationID, Entity: EntityRole, EntityID: strconv.FormatInt(r.ID, 10), Action: ActionUpdate,
			Summary: auditSummary(fmt.Sprintf("role %d %q: ", r.ID, r.Title), changes),
			Fields:  workforce.ChangedFields(changes),
		})
	}()
	if err != nil {
		return workforce.Role{}, err
	}
	return out, nil
}

// auditSummary joins the change messages, cut to a length an audit page can show.
func auditSummary(prefix string, changes []workforce.Change) string {
	msgs := make([]string, len(changes))
	for i, c := range changes {
		msgs[i] = c.Message
	}
	s := prefix + strings.Join(msgs, "; ")
	const max = 2000
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// RoleVersions returns a role's history, newest first. ErrNotFound if the role does not exist.
func (db *DB) RoleVersions(ctx context.Context, id int64) ([]RoleVersion, error) {
	rows, err := db.r().query(ctx, `SELECT v.version, v.document, v.changes, v.changed_by, COALESCE(u.name, ''), v.changed_at
		FROM role_versions v LEFT JOIN users u ON u.id = v.changed_by
		WHERE v.role_id = ? ORDER BY v.version DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RoleVersion
	for rows.Next() {
		v := RoleVersion{RoleID: id}
		var doc, changes []byte
		if err := rows.Scan(&v.Version, &doc, &changes, idCol{&v.ChangedBy}, &v.ChangedByName, timeCol{&v.ChangedAt}); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(doc, &v.Role); err != nil {
			return nil, fmt.Errorf("store: role %d version %d: %w", id, v.Version, err)
		}
		v.Role.CreatedAt, v.Role.UpdatedAt = v.Role.CreatedAt.UTC(), v.Role.UpdatedAt.UTC()
		if err := json.Unmarshal(changes, &v.Changes); err != nil {
			return nil, fmt.Errorf("store: role %d version %d changes: %w", id, v.Version, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return out, nil
}

// CopyRole copies a role into an organisation as a new draft that remembers where it came from
// (CopiedFromID). The source must belong to the same employer (the same top-level organisation
// as toOrgID) or be shared and published by a partner organisation; otherwise it is ErrNotFound,
// as if it did not exist. The copy keeps the source's title, adding " (copy)" or " (copy 2)"...
// when the organisation already has a role of that name, and is not shared.
func (db *DB) CopyRole(ctx context.Context, a Actor, sourceID, toOrgID int64) (workforce.Role, error) {
	var out workforce.Role
	err := db.tx(ctx, func(t *tx) error {
		src, err := t.role(ctx, sourceID)
		if err != nil {
			return err
		}
		if err := t.organisationExists(ctx, toOrgID); err != nil {
			return err
		}
		sameEmployer, err := t.sameEmployer(ctx, src.OrganisationID, toOrgID)
		if err != nil {
			return err
		}
		if !sameEmployer {
			partner := false
			if src.Shared && src.Status == workforce.StatusPublished {
				if partner, err = t.isPartner(ctx, toOrgID, src.OrganisationID); err != nil {
					return err
				}
			}
			if !partner {
				return fmt.Errorf("%w: role %d is not shared with organisation %d", ErrNotFound, sourceID, toOrgID)
			}
		}
		r := src
		r.OrganisationID, r.Status, r.Shared = toOrgID, workforce.StatusDraft, false
		r = db.prepareRole(r)
		r.CopiedFromID = src.ID
		if r.Title, err = t.freeTitle(ctx, toOrgID, r.Title); err != nil {
			return err
		}
		fw := newFrameworkCache(t.runner)
		if err := fw.validate(ctx, r, src.Requirements); err != nil {
			return err
		}
		ids, err := t.allocateRoleIDs(ctx, 1)
		if err != nil {
			return err
		}
		r.ID = ids[0]
		var srcOrg string
		if err := t.row(ctx, `SELECT name FROM organisations WHERE id = ?`, src.OrganisationID).Scan(&srcOrg); err != nil {
			return err
		}
		changes := []workforce.Change{{Field: workforce.FieldRole,
			Message: fmt.Sprintf("Copied from %q (role %d, version %d) of %s", src.Title, src.ID, src.Version, srcOrg)}}
		if err := t.insertRoles(ctx, rowInserter(t), []newRole{{role: r, by: a.UserID, changes: changes,
			names: workforce.CompetenceNames(r, fw.any(ctx))}}); err != nil {
			return err
		}
		out = r
		return t.record(ctx, a, AuditEntry{
			OrganisationID: toOrgID, Entity: EntityRole, EntityID: strconv.FormatInt(r.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("copied role %d %q of organisation %d to role %d %q",
				src.ID, src.Title, src.OrganisationID, r.ID, r.Title),
			Fields: append(setFields(r), "copied_from_id"),
		})
	})
	if err != nil {
		return workforce.Role{}, err
	}
	return out, nil
}

// CreateRoles saves many new roles in one transaction, for imports and the data generator: all
// of them or, if any breaks a rule, none. The roles are prepared as CreateRole prepares one; the
// problems of every bad role (broken rules, a title used twice in an organisation, in the list or
// already stored, an organisation that does not exist) come back together in an
// *InvalidRolesError. It writes one audit entry per organisation, not one per role. On SQLite
// the rows go in as multi-row INSERTs, on PostgreSQL through COPY.
func (db *DB) CreateRoles(ctx context.Context, a Actor, roles []workforce.Role) ([]workforce.Role, error) {
	if len(roles) == 0 {
		return nil, nil
	}
	out := make([]workforce.Role, len(roles))
	for i, r := range roles {
		out[i] = db.prepareRole(r)
	}
	err := db.bulkTx(ctx, func(t *tx, insert inserter) error {
		return db.createRolesIn(ctx, t, insert, a, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// createRolesIn is CreateRoles inside a transaction the caller holds: it checks every role,
// then gives each its id and inserts them all. out must be prepared (prepareRole).
func (db *DB) createRolesIn(ctx context.Context, t *tx, insert inserter, a Actor, out []workforce.Role) error {
	{
		fw := newFrameworkCache(t.runner)
		var bad []RoleProblems
		problem := func(i int, ps ...workforce.Problem) {
			if n := len(bad); n > 0 && bad[n-1].Index == i {
				bad[n-1].Problems = append(bad[n-1].Problems, ps...)
				return
			}
			bad = append(bad, RoleProblems{Index: i, Title: out[i].Title, Problems: ps})
		}

		orgs := map[int64]bool{}
		for _, r := range out {
			orgs[r.OrganisationID] = true
		}
		existing, err := t.existingTitles(ctx, orgs)
		if err != nil {
			return err
		}
		type key struct {
			org   int64
			title string
		}
		first := map[key]int{}
		for i, r := range out {
			if !orgs[r.OrganisationID] {
				problem(i, workforce.Problem{Field: "organisation_id", Message: fmt.Sprintf("Organisation %d does not exist", r.OrganisationID)})
				continue
			}
			if ps := workforce.Errors(workforce.ValidateRole(r, fw.lookupFor(ctx, r.OrganisationID, nil))); len(ps) > 0 {
				problem(i, ps...)
			}
			k := key{r.OrganisationID, titleKey(r.Title)}
			if j, dup := first[k]; dup {
				problem(i, workforce.Problem{Field: "title", Message: fmt.Sprintf("Role %d of this list has the same title", j+1)})
			} else if existing[k.org][k.title] {
				problem(i, workforce.Problem{Field: "title", Message: "The organisation already has a role with this title"})
			} else if k.title != "" {
				first[k] = i
			}
		}
		if fw.err != nil {
			return fw.err
		}
		if len(bad) > 0 {
			return &InvalidRolesError{Roles: bad}
		}

		ids, err := t.allocateRoleIDs(ctx, len(out))
		if err != nil {
			return err
		}
		rows := make([]newRole, len(out))
		created := []workforce.Change{{Field: workforce.FieldRole, Message: "Created"}}
		for i := range out {
			out[i].ID = ids[i]
			rows[i] = newRole{role: out[i], by: a.UserID, changes: created, names: workforce.CompetenceNames(out[i], fw.any(ctx))}
		}
		if err := t.insertRoles(ctx, insert, rows); err != nil {
			return err
		}
		// One audit entry (and change) per organisation, in id order, written last.
		perOrg := map[int64][]int64{}
		var orgOrder []int64
		for _, r := range out {
			if _, ok := perOrg[r.OrganisationID]; !ok {
				orgOrder = append(orgOrder, r.OrganisationID)
			}
			perOrg[r.OrganisationID] = append(perOrg[r.OrganisationID], r.ID)
		}
		for _, org := range orgOrder {
			ids := perOrg[org]
			if err := t.record(ctx, a, AuditEntry{
				OrganisationID: org, Entity: EntityRole, Action: ActionCreate,
				Summary: fmt.Sprintf("created %d roles in one import (ids %d to %d)", len(ids), slices.Min(ids), slices.Max(ids)),
				Fields:  []string{"roles"},
			}); err != nil {
				return err
			}
		}
		return nil
	}
}

// RefreshRoleCompetenceNames writes again the competence names that search matches for every
// role requiring a competence of this framework version, from the version as stored now. Call it
// after replacing a framework version in place (ReplaceFrameworkVersion), whose node titles may
// have changed. It changes no role's content, so it writes no version, audit entry or change.
// It returns how many roles it updated.
func (db *DB) RefreshRoleCompetenceNames(ctx context.Context, key, version string) (int, error) {
	count := 0
	err := db.tx(ctx, func(t *tx) error {
		var err error
		count, err = t.refreshRoleCompetenceNames(ctx, key, version)
		return err
	})
	return count, err
}

// refreshRoleCompetenceNames is RefreshRoleCompetenceNames inside a transaction, so that
// replacing a framework version and refreshing what search matches happen together.
func (t *tx) refreshRoleCompetenceNames(ctx context.Context, key, version string) (int, error) {
	count := 0
	rows, err := t.query(ctx, `SELECT DISTINCT role_id FROM role_requirements
		WHERE framework_key = ? AND framework_version = ? ORDER BY role_id`, key, version)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	fw := newFrameworkCache(t.runner)
	for chunk := range slices.Chunk(ids, 500) {
		reqs, err := t.requirements(ctx, chunk)
		if err != nil {
			return 0, err
		}
		for _, id := range chunk {
			names := strings.Join(workforce.CompetenceNames(workforce.Role{Requirements: reqs[id]}, fw.any(ctx)), "\n")
			if fw.err != nil {
				return 0, fw.err
			}
			res, err := t.exec(ctx, `UPDATE roles SET competence_names = ? WHERE id = ? AND competence_names <> ?`, names, id, names)
			if err != nil {
				return 0, err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return 0, err
			}
			count += int(n)
		}
	}
	return count, nil
}

// existingTitles returns the title keys of the roles stored in these organisations. Organisations
// that do not exist are removed from orgs.
func (t *tx) existingTitles(ctx context.Context, orgs map[int64]bool) (map[int64]map[string]bool, error) {
	ids := make([]int64, 0, len(orgs))
	for id := range orgs {
		ids = append(ids, id)
		orgs[id] = false
	}
	out := map[int64]map[string]bool{}
	for chunk := range slices.Chunk(ids, 500) {
		rows, err := t.query(ctx, `SELECT id FROM organisations WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			orgs[id] = true
			out[id] = map[string]bool{}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		rows, err = t.query(ctx, `SELECT organisation_id, title_key FROM roles WHERE organisation_id IN (`+
			placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var org int64
			var key string
			if err := rows.Scan(&org, &key); err != nil {
				rows.Close()
				return nil, err
			}
			out[org][key] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// titleKey is how titles are compared for uniqueness and sorted.
func titleKey(title string) string { return strings.ToLower(title) }

func (t *tx) organisationExists(ctx context.Context, id int64) error {
	var one int
	err := t.row(ctx, `SELECT 1 FROM organisations WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: organisation %d does not exist", ErrInvalid, id)
	}
	return err
}

// errTitleTaken is the ErrConflict of a title already used, told apart from a version conflict
// by an import, which reports it as a problem of its row.
type errTitleTaken struct{ error }

func (e errTitleTaken) Unwrap() error { return e.error }

// titleFree returns ErrConflict when another role of the organisation has this title.
func (t *tx) titleFree(ctx context.Context, orgID int64, title string, exceptID int64) error {
	var id int64
	err := t.row(ctx, `SELECT id FROM roles WHERE organisation_id = ? AND title_key = ? AND id <> ?`,
		orgID, titleKey(title), exceptID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("%w: the organisation already has a role called %q (role %d)", errTitleTaken{ErrConflict}, title, id)
}

// freeTitle returns title, or title with " (copy)", " (copy 2)"... when it is taken, cut so that
// it stays within the longest title allowed.
func (t *tx) freeTitle(ctx context.Context, orgID int64, title string) (string, error) {
	for n := 1; ; n++ {
		candidate := title
		if n > 1 {
			suffix := " (copy)"
			if n > 2 {
				suffix = fmt.Sprintf(" (copy %d)", n-1)
			}
			base := []rune(title)
			if room := workforce.MaxTitleLen - utf8.RuneCountInString(suffix); len(base) > room {
				base = base[:room]
			}
			candidate = strings.TrimSpace(string(base)) + suffix
		}
		err := t.titleFree(ctx, orgID, candidate, 0)
		if err == nil {
			return candidate, nil
		}
		if !errors.Is(err, ErrConflict) || n > 1000 {
			return "", err
		}
	}
}

// topOrganisation returns the top-level organisation (the employer) of a node of the tree.
func (r runner) topOrganisation(ctx context.Context, id int64) (int64, error) {
	var top int64
	err := r.row(ctx, `WITH RECURSIVE up(id, parent_id) AS (
			SELECT id, parent_id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
		)
		SELECT id FROM up WHERE parent_id IS NULL`, id).Scan(&top)
	return top, notFound(err)
}

func (r runner) sameEmployer(ctx context.Context, a, b int64) (bool, error) {
	ta, err := r.topOrganisation(ctx, a)
	if err != nil {
		return false, err
	}
	tb, err := r.topOrganisation(ctx, b)
	return ta == tb, err
}

// partnerCTE defines partner_orgs(id): the organisations that share a partnership with any of n
// organisations (given as ? arguments) or a node above them, and every node below those
// partners. Use it after WITH RECURSIVE.
func partnerCTE(n int) string {
	return `scope_up(id, parent_id) AS (
			SELECT id, parent_id FROM organisations WHERE id IN (` + placeholders(n) + `)
			UNION
			SELECT o.id, o.parent_id FROM organisations o JOIN scope_up s ON o.id = s.parent_id
		),
		partner_orgs(id) AS (
			SELECT m2.organisation_id FROM partnership_members m1
				JOIN partnership_members m2 ON m2.partnership_id = m1.partnership_id
			WHERE m1.organisation_id IN (SELECT id FROM scope_up)
			UNION
			SELECT o.id FROM organisations o JOIN partner_orgs p ON o.parent_id = p.id
		)`
}

// isPartner reports whether org is a partner of (or below a partner of) other.
func (r runner) isPartner(ctx context.Context, org, other int64) (bool, error) {
	var n int
	err := r.row(ctx, `WITH RECURSIVE `+partnerCTE(1)+`
		SELECT COUNT(*) FROM partner_orgs WHERE id = ?`, org, other).Scan(&n)
	return n > 0, err
}

// frameworkCache reads framework versions (and the employers that own them) once per
// transaction. Errors reading them are kept in err: lookups then find nothing.
type frameworkCache struct {
	r      runner
	byRef  map[string]*cachedFramework
	owners map[int64]int64 // organisation → its top-level organisation
	err    error
}

type cachedFramework struct {
	f     *framework.Framework
	owner int64 // top-level organisation that owns it; 0: shared with everyone
}

func newFrameworkCache(r runner) *frameworkCache {
	return &frameworkCache{r: r, byRef: map[string]*cachedFramework{}, owners: map[int64]int64{}}
}

func (c *frameworkCache) get(ctx context.Context, key, version string) *cachedFramework {
	ref := key + "@" + version
	if cf, ok := c.byRef[ref]; ok {
		return cf
	}
	var doc []byte
	var org int64
	err := c.r.row(ctx, `SELECT document, organisation_id FROM framework_versions WHERE key = ? AND version = ?`,
		key, version).Scan(&doc, idCol{&org})
	var cf *cachedFramework
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		c.err = err
		return nil
	default:
		f := new(framework.Framework)
		if err := json.Unmarshal(doc, f); err != nil {
			c.err = fmt.Errorf("store: decode framework %s: %w", ref, err)
			return nil
		}
		cf = &cachedFramework{f: f}
		if org != 0 {
			if cf.owner, err = c.top(ctx, org); err != nil {
				c.err = err
				return nil
			}
		}
	}
	c.byRef[ref] = cf
	return cf
}

func (c *frameworkCache) top(ctx context.Context, org int64) (int64, error) {
	if top, ok := c.owners[org]; ok {
		return top, nil
	}
	top, err := c.r.topOrganisation(ctx, org)
	if err != nil {
		return 0, err
	}
	c.owners[org] = top
	return top, nil
}

// validate checks one role against the rules and the frameworks its organisation may use; kept
// are the requirements that stay valid whatever their framework's owner.
func (c *frameworkCache) validate(ctx context.Context, r workforce.Role, kept []workforce.Requirement) error {
	ps := workforce.Errors(workforce.ValidateRole(r, c.lookupFor(ctx, r.OrganisationID, kept)))
	if c.err != nil {
		return c.err
	}
	if len(ps) > 0 {
		return &InvalidRolesError{Roles: []RoleProblems{{Title: r.Title, Problems: ps}}}
	}
	return nil
}

// any finds every stored framework version, for naming competences.
func (c *frameworkCache) any(ctx context.Context) workforce.FrameworkLookup {
	return func(key, version string) *framework.Framework {
		if cf := c.get(ctx, key, version); cf != nil {
			return cf.f
		}
		return nil
	}
}

// lookupFor finds the framework versions a role of the organisation may require: shared ones,
// its employer's own, and those of the requirements it already has (kept).
func (c *frameworkCache) lookupFor(ctx context.Context, orgID int64, kept []workforce.Requirement) workforce.FrameworkLookup {
	return func(key, version string) *framework.Framework {
		cf := c.get(ctx, key, version)
		if cf == nil {
			return nil
		}
		if slices.ContainsFunc(kept, func(q workforce.Requirement) bool {
			return q.FrameworkKey == key && q.FrameworkVersion == version
		}) {
			return cf.f
		}
		if cf.owner == 0 {
			return cf.f
		}
		// An organisation's draft may still change under a role that required it: only its
		// published (or later) versions can be required.
		if cf.f.Status == framework.StatusDraft {
			return nil
		}
		top, err := c.top(ctx, orgID)
		if err != nil {
			if !errors.Is(err, ErrNotFound) {
				c.err = err
			}
			return nil
		}
		if top == cf.owner {
			return cf.f
		}
		return nil
	}
}

// allocateRoleIDs reserves n new role ids, so that a batch can insert roles, their requirements
// and their history rows without reading ids back. On SQLite the write transaction holds the
// database lock, so the ids after the largest are free; on PostgreSQL they come from the
// identity sequence.
func (t *tx) allocateRoleIDs(ctx context.Context, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if !t.pg {
		var last int64
		if err := t.row(ctx, `SELECT COALESCE(MAX(id), 0) FROM roles`).Scan(&last); err != nil {
			return nil, err
		}
		for i := range n {
			ids = append(ids, last+1+int64(i))
		}
		return ids, nil
	}
	rows, err := t.query(ctx, `SELECT nextval(pg_get_serial_sequence('roles', 'id')) FROM generate_series(1, ?)`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// newRole is a role ready to insert: its id set, who creates it, its first history entry and
// the names of its competences for search.
type newRole struct {
	role    workforce.Role
	by      int64
	changes []workforce.Change
	names   []string
}

var (
	roleInsertColumns = []string{"id", "organisation_id", "title", "title_key", "staff_group", "profession", "level",
		"level_indicative", "band", "registration_required", "summary", "activities", "quality_standards",
		"knowledge_skills", "competence_names", "status", "shared", "copied_from_id", "version", "created_at",
		"updated_at", "created_by"}
	requirementColumns = []string{"role_id", "position", "framework_key", "framework_version", "node_key", "level_key", "essential"}
	versionColumns     = []string{"role_id", "version", "document", "changes", "changed_by", "changed_at"}
)

// insertRoles writes new roles, their requirements and their first history rows.
func (t *tx) insertRoles(ctx context.Context, insert inserter, roles []newRole) error {
	roleRows := make([][]any, 0, len(roles))
	var reqRows [][]any
	versionRows := make([][]any, 0, len(roles))
	for _, n := range roles {
		r := n.role
		lists, err := roleLists(r)
		if err != nil {
			return err
		}
		roleRows = append(roleRows, []any{r.ID, r.OrganisationID, r.Title, titleKey(r.Title), r.StaffGroup, r.Profession,
			r.Level, r.LevelIndicative, r.Band, r.RegistrationRequired, r.Summary, lists[0], lists[1], lists[2],
			strings.Join(n.names, "\n"), r.Status, r.Shared, nullID(r.CopiedFromID), r.Version, r.CreatedAt,
			r.UpdatedAt, nullID(n.by)})
		reqRows = append(reqRows, requirementRows(r)...)
		versionRows = append(versionRows, versionRow(r, n.by, n.changes))
	}
	if err := insert(ctx, "roles", roleInsertColumns, roleRows); err != nil {
		return err
	}
	if err := insert(ctx, "role_requirements", requirementColumns, reqRows); err != nil {
		return err
	}
	return insert(ctx, "role_versions", versionColumns, versionRows)
}

func requirementRows(r workforce.Role) [][]any {
	rows := make([][]any, len(r.Requirements))
	for i, q := range r.Requirements {
		rows[i] = []any{r.ID, i, q.FrameworkKey, q.FrameworkVersion, q.NodeKey, q.LevelKey, q.Essential}
	}
	return rows
}

// versionRow is the history row of a role as it is now. Encoding a Role cannot fail.
func versionRow(r workforce.Role, by int64, changes []workforce.Change) []any {
	doc, _ := json.Marshal(r)
	if changes == nil {
		changes = []workforce.Change{}
	}
	cs, _ := json.Marshal(changes)
	return []any{r.ID, r.Version, string(doc), string(cs), nullID(by), r.UpdatedAt}
}

// roleLists encodes the three lists of a role as JSON arrays.
func roleLists(r workforce.Role) ([3]string, error) {
	var out [3]string
	for i, l := range [][]string{r.Activities, r.QualityStandards, r.KnowledgeSkills} {
		if l == nil {
			l = []string{}
		}
		b, err := json.Marshal(l)
		if err != nil {
			return out, err
		}
		out[i] = string(b)
	}
	return out, nil
}

// inserter writes rows into a table inside the current transaction.
type inserter func(ctx context.Context, table string, cols []string, rows [][]any) error

// insertBatch is how many rows one multi-row INSERT carries: 100 was the fastest on SQLite here
// (DESIGN, bulk load facts), and keeps the widest table under both engines' parameter limits.
const insertBatch = 100

// rowInserter writes rows with multi-row INSERT statements; it works on both engines.
func rowInserter(t *tx) inserter {
	return func(ctx context.Context, table string, cols []string, rows [][]any) error {
		row := "(" + placeholders(len(cols)) + ")"
		head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
		for batch := range slices.Chunk(rows, insertBatch) {
			var b strings.Builder
			b.WriteString(head)
			args := make([]any, 0, len(batch)*len(cols))
			for i, r := range batch {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(row)
				args = append(args, r...)
			}
			if _, err := t.exec(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("store: insert into %s: %w", table, err)
			}
		}
		return nil
	}
}

// preparedInserter writes rows on SQLite with one prepared INSERT of insertBatch rows, run again
// for each full batch, and the rest with one INSERT of their own. Preparing once instead of for
// every batch saved a tenth of a people import's time (SQLite parsed the same statement 2,000
// times); one-row statements were twice as slow as either, each paying the driver's per-call cost.
func preparedInserter(t *tx) inserter {
	p, ok := t.q.(interface {
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	})
	if !ok {
		return rowInserter(t)
	}
	return func(ctx context.Context, table string, cols []string, rows [][]any) error {
		if len(rows) == 0 {
			return nil
		}
		head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
		row := "(" + placeholders(len(cols)) + ")"
		run := func(n int, rows [][]any) error {
			stmt, err := p.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+", ", n), ", "))
			if err != nil {
				return fmt.Errorf("store: insert into %s: %w", table, err)
			}
			defer stmt.Close()
			args := make([]any, 0, n*len(cols))
			for batch := range slices.Chunk(rows, n) {
				args = args[:0]
				for _, r := range batch {
					args = append(args, r...)
				}
				if _, err := stmt.ExecContext(ctx, t.args(args)...); err != nil {
					return fmt.Errorf("store: insert into %s: %w", table, err)
				}
			}
			return nil
		}
		full := len(rows) / insertBatch * insertBatch
		if full > 0 {
			if err := run(insertBatch, rows[:full]); err != nil {
				return err
			}
		}
		if full < len(rows) {
			return run(len(rows)-full, rows[full:])
		}
		return nil
	}
}

// execEach runs one statement for each row of arguments, prepared once when the transaction
// can prepare (SQLite then parses it once instead of once a row).
func (t *tx) execEach(ctx context.Context, query string, rows [][]any) error {
	p, ok := t.q.(interface {
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	})
	if !ok {
		for _, r := range rows {
			if _, err := t.exec(ctx, query, r...); err != nil {
				return err
			}
		}
		return nil
	}
	stmt, err := p.PrepareContext(ctx, t.rebind(query))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, t.args(r)...); err != nil {
			return err
		}
	}
	return nil
}

// bulkTx runs fn in a write transaction with an inserter suited to the engine: prepared
// multi-row INSERTs on SQLite, COPY on PostgreSQL (on the transaction's own connection, so the
// copied rows commit or roll back with everything else). Like tx, it runs fn again when the transaction lost a race.
func (db *DB) bulkTx(ctx context.Context, fn func(t *tx, insert inserter) error) error {
	if db.engine != EnginePostgres {
		return db.tx(ctx, func(t *tx) error { return fn(t, preparedInserter(t)) })
	}
	const attempts = 5
	var err error
	for i := range attempts {
		if err = db.tryCopy(ctx, fn); err == nil || !retryable(err) || i == attempts-1 {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * 50 * time.Millisecond):
		}
	}
	return mapErr(err)
}

func (db *DB) tryCopy(ctx context.Context, fn func(t *tx, insert inserter) error) (err error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	t := &tx{runner: runner{q: sqlTx, pg: true}, db: db}
	copyRows := func(ctx context.Context, table string, cols []string, rows [][]any) error {
		if len(rows) == 0 {
			return nil
		}
		for _, r := range rows {
			for i, v := range r {
				if tm, ok := v.(time.Time); ok {
					r[i] = t.args([]any{tm})[0]
				}
			}
		}
		return conn.Raw(func(driverConn any) error {
			c, ok := driverConn.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("store: COPY needs a pgx connection, not %T", driverConn)
			}
			if _, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
				return fmt.Errorf("store: copy into %s: %w", table, err)
			}
			return nil
		})
	}
	if err = fn(t, copyRows); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// SearchRoles returns one page of the roles that match the query, and how many match in all.
func (db *DB) SearchRoles(ctx context.Context, q RoleQuery) (RolePage, error) {
	if len(q.OrganisationIDs) == 0 && !q.AllOrganisations {
		return RolePage{}, fmt.Errorf("%w: a role search needs the organisations the user may see", ErrInvalid)
	}
	page := RolePage{Limit: q.Limit, Offset: max(q.Offset, 0)}
	if page.Limit <= 0 {
		page.Limit = 20
	}
	page.Limit = min(page.Limit, MaxRolePage)
	pg := db.engine == EnginePostgres
	terms := parseSearch(q.Text)

	var with, from, where, order []string
	var withArgs, fromArgs, whereArgs []any
	switch {
	case q.AllOrganisations: // every role is in scope: no condition
	case q.IncludeShared:
		with = append(with, partnerCTE(len(q.OrganisationIDs)))
		withArgs = append(withArgs, int64Args(q.OrganisationIDs)...)
		where = append(where, "(r.organisation_id IN ("+placeholders(len(q.OrganisationIDs))+
			") OR (r.shared = ? AND r.status = ? AND r.organisation_id IN (SELECT id FROM partner_orgs)))")
		whereArgs = append(whereArgs, int64Args(q.OrganisationIDs)...)
		whereArgs = append(whereArgs, true, workforce.StatusPublished)
	default:
		where = append(where, "r.organisation_id IN ("+placeholders(len(q.OrganisationIDs))+")")
		whereArgs = append(whereArgs, int64Args(q.OrganisationIDs)...)
	}
	if len(q.Levels) > 0 {
		where = append(where, "r.level IN ("+placeholders(len(q.Levels))+")")
		for _, l := range q.Levels {
			whereArgs = append(whereArgs, l)
		}
	}
	if q.StaffGroup != "" {
		group := strings.TrimSpace(q.StaffGroup)
		if g, ok := workforce.LookupStaffGroup(group); ok {
			group = g.Name
		}
		where = append(where, "r.staff_group = ?")
		whereArgs = append(whereArgs, group)
	}
	switch status := strings.ToLower(strings.TrimSpace(q.Status)); status {
	case RoleStatusCurrent:
		where = append(where, "r.status <> ?")
		whereArgs = append(whereArgs, workforce.StatusRetired)
	case RoleStatusAny:
	default:
		if !workforce.ValidStatus(status) {
			return RolePage{}, fmt.Errorf("%w: unknown role status %q", ErrInvalid, q.Status)
		}
		where = append(where, "r.status = ?")
		whereArgs = append(whereArgs, status)
	}

	titleOrder := "r.title_key"
	if pg {
		titleOrder = `r.title_key COLLATE "C"`
	}
	switch {
	case terms.empty():
		from = append(from, "roles r")
		order = append(order, "CASE WHEN r.level = 0 THEN 10 ELSE r.level END", titleOrder, "r.id")
	case pg:
		from = append(from, "roles r", "to_tsquery('english', ?) tq")
		fromArgs = append(fromArgs, terms.tsquery())
		where = append([]string{"r.search @@ tq"}, where...)
		order = append(order, "ts_rank(r.search, tq) DESC", "r.id")
	default:
		from = append(from, "roles_fts JOIN roles r ON r.id = roles_fts.rowid")
		where = append([]string{"roles_fts MATCH ?"}, where...)
		whereArgs = append([]any{terms.fts5()}, whereArgs...)
		// Column weights as PostgreSQL's A, B and C; bm25 is smaller for better matches.
		order = append(order, "bm25(roles_fts, 10.0, 4.0, 1.0)", "r.id")
	}
	prefix := ""
	if len(with) > 0 {
		prefix = "WITH RECURSIVE " + strings.Join(with, ", ") + " "
	}
	where = append(where, "1 = 1") // never empty; the engines drop it
	body := " FROM " + strings.Join(from, ", ") + " WHERE " + strings.Join(where, " AND ")
	args := slices.Concat(withArgs, fromArgs, whereArgs)

	r := db.r()
	count := prefix + "SELECT COUNT(*)" + body
	countArgs := args
	if !q.ExactTotal {
		count = prefix + "SELECT COUNT(*) FROM (SELECT 1" + body + " LIMIT ?) capped"
		countArgs = append(slices.Clone(args), RoleCountCap+1)
	}
	if err := r.row(ctx, count, countArgs...).Scan(&page.Total); err != nil {
		return RolePage{}, err
	}
	if page.Total > RoleCountCap && !q.ExactTotal {
		page.Total, page.More = RoleCountCap, true
	}
	page.Roles = []workforce.Role{}
	if page.Total <= page.Offset && !page.More {
		return page, nil
	}
	if !terms.empty() && (page.More || page.Total > RoleCountCap) {
		// Too many matches to rank them all within the target: title matches first (role_rank.go).
		filter := titleFirstFilter{prefix: prefix, prefixArgs: withArgs, where: strings.Join(where[1:], " AND "), args: whereArgs}
		if !pg {
			filter.args = whereArgs[1:] // the MATCH text
		}
		ids, err := db.titleFirstPage(ctx, terms, filter, page.Limit, page.Offset)
		if err != nil {
			return RolePage{}, err
		}
		if page.Roles, err = r.rolesInOrder(ctx, ids); err != nil {
			return RolePage{}, err
		}
		return page, nil
	}
	rows, err := r.query(ctx, prefix+"SELECT "+roleColumns+body+" ORDER BY "+strings.Join(order, ", ")+" LIMIT ? OFFSET ?",
		append(args, page.Limit, page.Offset)...)
	if err != nil {
		return RolePage{}, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		role, err := scanRole(rows)
		if err != nil {
			return RolePage{}, err
		}
		page.Roles = append(page.Roles, role)
		ids = append(ids, role.ID)
	}
	if err := rows.Err(); err != nil {
		return RolePage{}, err
	}
	reqs, err := r.requirements(ctx, ids)
	if err != nil {
		return RolePage{}, err
	}
	for i := range page.Roles {
		page.Roles[i].Requirements = append(page.Roles[i].Requirements, reqs[page.Roles[i].ID]...)
	}
	return page, nil
}

// RolesByLevelEverywhere is RolesByLevel over every organisation, for a viewer who may see them
// all (see RoleQuery.AllOrganisations).
func (db *DB) RolesByLevelEverywhere(ctx context.Context) ([]LevelCount, error) {
	return db.rolesByLevel(ctx, "", nil)
}

// RolesByLevel counts the draft and published roles of the organisations at each Career
// Framework level and staff group, for the nine-level ladder: by level (unplaced, 0, last), then
// staff group. SearchRoles with Levels lists the roles of a cell.
func (db *DB) RolesByLevel(ctx context.Context, orgIDs []int64) ([]LevelCount, error) {
	if len(orgIDs) == 0 {
		return nil, fmt.Errorf("%w: the ladder needs the organisations the user may see", ErrInvalid)
	}
	return db.rolesByLevel(ctx, "organisation_id IN ("+placeholders(len(orgIDs))+") AND ", int64Args(orgIDs))
}

func (db *DB) rolesByLevel(ctx context.Context, scope string, args []any) ([]LevelCount, error) {
	groupOrder := "staff_group"
	if db.engine == EnginePostgres {
		groupOrder = `staff_group COLLATE "C"`
	}
	// role_counts is a summary kept by triggers in the same transaction as the roles (migration
	// 00019): counting the roles themselves read every role on each request.
	rows, err := db.r().query(ctx, `SELECT level, staff_group, CAST(SUM(roles) AS BIGINT) FROM role_counts
		WHERE `+scope+`status <> ?
		GROUP BY level, staff_group HAVING SUM(roles) > 0
		ORDER BY CASE WHEN level = 0 THEN 10 ELSE level END, `+groupOrder,
		append(args, workforce.StatusRetired)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LevelCount
	for rows.Next() {
		var c LevelCount
		if err := rows.Scan(&c.Level, &c.StaffGroup, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// searchTerms is a parsed full-text query: alternatives (OR) of conjunctions (AND) of words and
// phrases, some negated. Both engines get the same query from it, so they match the same roles:
// FTS5 syntax for SQLite, to_tsquery syntax for PostgreSQL. Only letters and digits reach either
// engine, so no user input can break their syntax.
type searchTerms [][]searchTerm

type searchTerm struct {
	words []string // one word, or a phrase
	not   bool
}

func (s searchTerms) empty() bool { return len(s) == 0 }

// parseSearch reads a query as web search engines do: words must all match; "a phrase" matches
// the words in that order; OR (any case) between words or phrases offers alternatives; -word or
// -"phrase" excludes. Words are runs of letters and digits. PostgreSQL's English stop words are
// dropped (to_tsquery drops them on PostgreSQL; on SQLite they would have to be in the text),
// except inside a phrase, and an alternative with nothing left to match is dropped.
func parseSearch(text string) searchTerms {
	var groups searchTerms
	var cur []searchTerm
	flush := func() {
		hasPositive := slices.ContainsFunc(cur, func(t searchTerm) bool { return !t.not })
		if hasPositive {
			groups = append(groups, cur)
		}
		cur = nil
	}
	runes := []rune(text)
	for i := 0; i < len(runes); {
		c := runes[i]
		switch {
		case c == '"' || ((c == '-' || c == '!') && i+1 < len(runes) && runes[i+1] == '"' && (i == 0 || unicode.IsSpace(runes[i-1]))):
			not := c != '"'
			if not {
				i++
			}
			end := i + 1
			for end < len(runes) && runes[end] != '"' {
				end++
			}
			words := searchWords(string(runes[i+1 : min(end, len(runes))]))
			// Stop words at either end of a phrase are dropped, as PostgreSQL drops them;
			// those inside stay (PostgreSQL counts them as a gap).
			for len(words) > 0 && stopWords[words[0]] {
				words = words[1:]
			}
			for len(words) > 0 && stopWords[words[len(words)-1]] {
				words = words[:len(words)-1]
			}
			if len(words) > 0 {
				cur = append(cur, searchTerm{words: words, not: not})
			}
			i = end + 1
		case isWordRune(c) || ((c == '-' || c == '!') && i+1 < len(runes) && isWordRune(runes[i+1]) && (i == 0 || unicode.IsSpace(runes[i-1]))):
			not := !isWordRune(c)
			if not {
				i++
			}
			end := i
			for end < len(runes) && !unicode.IsSpace(runes[end]) && runes[end] != '"' {
				end++
			}
			raw := string(runes[i:end])
			i = end
			if !not && strings.EqualFold(raw, "or") {
				if len(cur) > 0 {
					flush()
				}
				continue
			}
			for _, w := range searchWords(raw) {
				if !stopWords[w] {
					cur = append(cur, searchTerm{words: []string{w}, not: not})
				}
			}
		default:
			i++
		}
	}
	flush()
	return groups
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// searchWords splits text into lower-case runs of letters and digits, as both engines' tokenizers
// do ("self-care" is "self" and "care").
func searchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
}

// fts5 writes the query in SQLite FTS5 syntax: every word or phrase quoted, so it is taken
// literally.
func (s searchTerms) fts5() string {
	groups := make([]string, len(s))
	for i, g := range s {
		var pos, neg []string
		for _, t := range g {
			q := `"` + strings.Join(t.words, " ") + `"`
			if t.not {
				neg = append(neg, q)
			} else {
				pos = append(pos, q)
			}
		}
		expr := "(" + strings.Join(pos, " AND ") + ")"
		for _, n := range neg {
			expr = "(" + expr + " NOT " + n + ")"
		}
		groups[i] = expr
	}
	return strings.Join(groups, " OR ")
}

// tsquery writes the query in PostgreSQL to_tsquery syntax; the english configuration then stems
// the words as it stemmed the roles' text.
func (s searchTerms) tsquery() string {
	groups := make([]string, len(s))
	for i, g := range s {
		parts := make([]string, len(g))
		for j, t := range g {
			p := strings.Join(t.words, " <-> ")
			if len(t.words) > 1 {
				p = "(" + p + ")"
			}
			if t.not {
				p = "!" + p
			}
			parts[j] = p
		}
		groups[i] = "(" + strings.Join(parts, " & ") + ")"
	}
	return strings.Join(groups, " | ")
}

// stopWords is PostgreSQL's English stop word list (tsearch_data/english.stop, from the Snowball
// project), so that SQLite ignores the words PostgreSQL ignores.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i me my myself we our ours ourselves you your yours yourself
		yourselves he him his himself she her hers herself it its itself they them their theirs
		themselves what which who whom this that these those am is are was were be been being have
		has had having do does did doing a an the and but if or because as until while of at by for
		with about against between into through during before after above below to from up down in
		out on off over under again further then once here there when where why how all any both
		each few more most other some such no nor not only own same so than too very s t can will
		just don should now`) {
		m[w] = true
	}
	return m
}()
