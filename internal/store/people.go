package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/workforce"
)

// People and their portfolios (issue 5).
//
// Rules the store enforces, whoever calls it:
//   - a person is saved only if workforce.ValidatePerson finds no error; an assignment's team
//     must be a team below the person's organisation and its role a role of the same employer;
//   - staff numbers are unique in an organisation (ErrConflict);
//   - every change writes an audit entry naming the changed fields; personal fields (staff
//     number, name, work email, the link to a user account) read "changed", without values
//     (DESIGN decision 4), and summaries never carry a name;
//   - updates carry the version that was read (ErrConflict when it moved).
//
// Scope (DESIGN decision 1) is the caller's: SearchPeople takes the organisations the viewer
// may see people in, and the web and API layers check a single record with PersonVisible.

// Entity names in the audit log and the change sequence.
const (
	EntityPerson    = "person"
	EntityPortfolio = "portfolio_entry"
)

// MaxPeoplePage is the most people SearchPeople returns at once.
const MaxPeoplePage = 200

// PersonQuery selects people. OrganisationIDs is the scope: a person is in it when their
// organisation is, or when one of their assignments is in a team that is. It must not be empty.
type PersonQuery struct {
	OrganisationIDs []int64
	// Search matches the start of any word of the name, or the start of the staff number, in any
	// case.
	Search string
	TeamID int64
	Limit  int
	Offset int
}

// PersonPage is one page of people and how many match in all.
type PersonPage struct {
	People []workforce.Person
	Total  int
}

// PersonProblems are the problems of one person of a list that was not saved. Index is its
// position in the list.
type PersonProblems struct {
	Index    int
	Problems []workforce.Problem
}

// InvalidPeopleError lists every person of a save that broke a rule; nothing was saved.
type InvalidPeopleError struct{ People []PersonProblems }

func (e *InvalidPeopleError) Error() string {
	var b strings.Builder
	b.WriteString("store: invalid people:")
	for _, p := range e.People {
		for _, pr := range p.Problems {
			fmt.Fprintf(&b, " [%d] %s: %s;", p.Index, pr.Field, pr.Message)
		}
	}
	return b.String()
}

func (e *InvalidPeopleError) Unwrap() error { return ErrInvalid }

// Today is the store clock's current date, for the rules that depend on it.
func (db *DB) Today() workforce.Date { return workforce.DateOf(db.now()) }

const personColumns = `p.id, p.organisation_id, p.staff_number, p.name, p.work_email, p.user_id, p.version, p.created_at, p.updated_at`

func scanPerson(s scanner) (workforce.Person, error) {
	var p workforce.Person
	err := s.Scan(&p.ID, &p.OrganisationID, &p.StaffNumber, &p.Name, &p.WorkEmail, idCol{&p.UserID}, &p.Version,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	p.Assignments = []workforce.Assignment{}
	return p, notFound(err)
}

// assignments loads the assignments of the people, by person id.
func (r runner) assignments(ctx context.Context, ids []int64) (map[int64][]workforce.Assignment, error) {
	out := map[int64][]workforce.Assignment{}
	for chunk := range slices.Chunk(ids, 500) {
		rows, err := r.query(ctx, `SELECT person_id, role_id, team_id, fte, start_date, end_date
			FROM person_assignments WHERE person_id IN (`+placeholders(len(chunk))+`) ORDER BY person_id, position`,
			int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var a workforce.Assignment
			if err := rows.Scan(&id, &a.RoleID, &a.TeamID, &a.FTE, &a.Start, &a.End); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = append(out[id], a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r runner) person(ctx context.Context, id int64) (workforce.Person, error) {
	p, err := scanPerson(r.row(ctx, `SELECT `+personColumns+` FROM people p WHERE p.id = ?`, id))
	if err != nil {
		return p, err
	}
	as, err := r.assignments(ctx, []int64{id})
	if err != nil {
		return p, err
	}
	if a := as[id]; a != nil {
		p.Assignments = a
	}
	return p, nil
}

// Person returns one person with their assignments.
func (db *DB) Person(ctx context.Context, id int64) (workforce.Person, error) {
	return db.r().person(ctx, id)
}

// PersonForUser returns the person record linked to a user account; ErrNotFound when there is
// none.
func (db *DB) PersonForUser(ctx context.Context, userID int64) (workforce.Person, error) {
	var id int64
	if err := db.r().row(ctx, `SELECT id FROM people WHERE user_id = ?`, userID).Scan(&id); err != nil {
		return workforce.Person{}, notFound(err)
	}
	return db.Person(ctx, id)
}

// PersonVisible reports whether a viewer with the access map may see the person's record:
// they hold manager or above in the person's organisation (or above it), or in the team of one
// of the person's assignments, or it is their own record.
func PersonVisible(p workforce.Person, access map[int64]AccessRole, userID int64) bool {
	if userID != 0 && p.UserID == userID {
		return true
	}
	if access[p.OrganisationID].May(ManagePeople) {
		return true
	}
	for _, a := range p.Assignments {
		if access[a.TeamID].May(ManagePeople) {
			return true
		}
	}
	return false
}

// PeopleScope returns the organisations of an access map where the viewer may see people:
// those where they are a manager or above.
func PeopleScope(access map[int64]AccessRole) []int64 {
	var out []int64
	for id, r := range access {
		if r.May(ManagePeople) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// SearchPeople returns a page of the people in scope that match, by name then staff number.
func (db *DB) SearchPeople(ctx context.Context, q PersonQuery) (PersonPage, error) {
	if len(q.OrganisationIDs) == 0 {
		return PersonPage{}, nil // nothing in scope: nothing to see
	}
	scope := placeholders(len(q.OrganisationIDs))
	where := []string{`(p.organisation_id IN (` + scope + `) OR EXISTS (SELECT 1 FROM person_assignments sa
		WHERE sa.person_id = p.id AND sa.team_id IN (` + scope + `)))`}
	args := append(int64Args(q.OrganisationIDs), int64Args(q.OrganisationIDs)...)
	if s := strings.ToLower(strings.TrimSpace(q.Search)); s != "" {
		like := escapeLike(s) + "%"
		where = append(where, `(p.name_key LIKE ? ESCAPE '\' OR p.name_key LIKE ? ESCAPE '\' OR LOWER(p.staff_number) LIKE ? ESCAPE '\')`)
		args = append(args, like, "% "+like, like)
	}
	if q.TeamID != 0 {
		where = append(where, `p.id IN (SELECT ta.person_id FROM person_assignments ta WHERE ta.team_id = ?)`)
		args = append(args, q.TeamID)
	}
	cond := strings.Join(where, " AND ")
	r := db.r()
	var page PersonPage
	if err := r.row(ctx, `SELECT COUNT(*) FROM people p WHERE `+cond, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxPeoplePage {
		limit = MaxPeoplePage
	}
	rows, err := r.query(ctx, `SELECT `+personColumns+` FROM people p WHERE `+cond+`
		ORDER BY p.name_key, p.staff_number, p.id LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return page, err
		}
		page.People = append(page.People, p)
		ids = append(ids, p.ID)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	as, err := r.assignments(ctx, ids)
	if err != nil {
		return page, err
	}
	for i := range page.People {
		if a := as[page.People[i].ID]; a != nil {
			page.People[i].Assignments = a
		}
	}
	return page, nil
}

// escapeLike escapes LIKE's wildcards with a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// employer is what the store checks a person's assignments against: the teams below the
// person's organisation and the roles of their employer (its top-level organisation's tree).
type employer struct {
	teams map[int64]bool
	roles map[int64]bool
}

func (r runner) employerOf(ctx context.Context, orgID int64) (employer, error) {
	e := employer{teams: map[int64]bool{}, roles: map[int64]bool{}}
	top, err := r.topOrganisation(ctx, orgID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return e, fmt.Errorf("%w: organisation %d does not exist", ErrInvalid, orgID)
		}
		return e, err
	}
	rows, err := r.query(ctx, `WITH RECURSIVE below(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
		), employer(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id FROM organisations o JOIN employer e ON o.parent_id = e.id
		)
		SELECT o.id, o.kind, 0 FROM organisations o JOIN below b ON b.id = o.id WHERE o.kind = 'team'
		UNION ALL
		SELECT r.id, '', 1 FROM roles r WHERE r.organisation_id IN (SELECT id FROM employer)`,
		orgID, top)
	if err != nil {
		return e, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind string
		var isRole int
		if err := rows.Scan(&id, &kind, &isRole); err != nil {
			return e, err
		}
		if isRole == 1 {
			e.roles[id] = true
		} else {
			e.teams[id] = true
		}
	}
	return e, rows.Err()
}

// checkPerson validates a person against the domain rules and their employer.
func checkPerson(p workforce.Person, today workforce.Date, e employer) []workforce.Problem {
	ps := workforce.Errors(workforce.ValidatePerson(p, today, func(id int64) bool { return e.teams[id] }))
	for i, a := range p.Assignments {
		if a.RoleID > 0 && !e.roles[a.RoleID] {
			ps = append(ps, workforce.Problem{Field: fmt.Sprintf("assignments[%d].role", i),
				Message: fmt.Sprintf("The role of assignment %d is not a role of the person's employer", i+1)})
		}
	}
	return ps
}

// personFields names the fields a person has values for, for the audit entry of a new one.
func personFields(p workforce.Person) []string {
	fs := []string{"staff_number", "name"}
	if p.WorkEmail != "" {
		fs = append(fs, "work_email")
	}
	if p.UserID != 0 {
		fs = append(fs, "user_id")
	}
	if len(p.Assignments) > 0 {
		fs = append(fs, "assignments")
	}
	return fs
}

// CreatePerson saves a new person at version 1. Broken rules are an *InvalidPeopleError; a staff
// number already used in the organisation, or a user already linked to a person, is ErrConflict.
func (db *DB) CreatePerson(ctx context.Context, a Actor, p workforce.Person) (workforce.Person, error) {
	p = workforce.NormalisePerson(p)
	now := db.now()
	p.Version, p.CreatedAt, p.UpdatedAt = 1, now, now
	err := db.tx(ctx, func(t *tx) error {
		e, err := t.employerOf(ctx, p.OrganisationID)
		if err != nil {
			return err
		}
		if ps := checkPerson(p, db.Today(), e); len(ps) > 0 {
			return &InvalidPeopleError{People: []PersonProblems{{Problems: ps}}}
		}
		if err := t.row(ctx, `INSERT INTO people (organisation_id, staff_number, name, name_key, work_email, user_id,
			version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.OrganisationID, p.StaffNumber, p.Name, strings.ToLower(p.Name), p.WorkEmail, nullID(p.UserID),
			p.Version, p.CreatedAt, p.UpdatedAt).Scan(&p.ID); err != nil {
			return mapErr(err)
		}
		if err := rowInserter(t)(ctx, "person_assignments", assignmentColumns, assignmentRows(p)); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: p.OrganisationID, Entity: EntityPerson, EntityID: strconv.FormatInt(p.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created person %d with %d assignments", p.ID, len(p.Assignments)),
			Fields:  personFields(p),
		})
	})
	if err != nil {
		return workforce.Person{}, err
	}
	return p, nil
}

var assignmentColumns = []string{"person_id", "position", "role_id", "team_id", "fte", "start_date", "end_date"}

func assignmentRows(p workforce.Person) [][]any {
	rows := make([][]any, len(p.Assignments))
	for i, a := range p.Assignments {
		rows[i] = []any{p.ID, i, a.RoleID, a.TeamID, int(a.FTE), string(a.Start), string(a.End)}
	}
	return rows
}

// personDiff lists what changed between two versions of a person; personal fields without their
// values.
func personDiff(cur, p workforce.Person) *diff {
	d := &diff{}
	d.personal("staff_number", cur.StaffNumber, p.StaffNumber)
	d.personal("name", cur.Name, p.Name)
	d.personal("work_email", cur.WorkEmail, p.WorkEmail)
	d.personal("user_id", strconv.FormatInt(cur.UserID, 10), strconv.FormatInt(p.UserID, 10))
	if !slices.Equal(cur.Assignments, p.Assignments) {
		d.value("assignments", len(cur.Assignments), len(p.Assignments))
		if len(cur.Assignments) == len(p.Assignments) {
			d.fields = append(d.fields, "assignments")
			d.parts = append(d.parts, "assignments changed")
		}
	}
	return d
}

// UpdatePerson saves a new version of a person: staff number, name, work email, user link and
// assignments (the organisation is fixed). p.Version must be the version that was read, or it
// returns ErrConflict and changes nothing. When nothing differs it writes nothing.
func (db *DB) UpdatePerson(ctx context.Context, a Actor, p workforce.Person) (workforce.Person, error) {
	p = workforce.NormalisePerson(p)
	var out workforce.Person
	err := db.tx(ctx, func(t *tx) error {
		cur, err := t.person(ctx, p.ID)
		if err != nil {
			return err
		}
		if cur.Version != p.Version {
			return fmt.Errorf("%w: person %d is at version %d, not %d", ErrConflict, p.ID, cur.Version, p.Version)
		}
		if p.OrganisationID != 0 && p.OrganisationID != cur.OrganisationID {
			return fmt.Errorf("%w: a person cannot move to another organisation", ErrInvalid)
		}
		p.OrganisationID, p.CreatedAt = cur.OrganisationID, cur.CreatedAt
		e, err := t.employerOf(ctx, p.OrganisationID)
		if err != nil {
			return err
		}
		if ps := checkPerson(p, db.Today(), e); len(ps) > 0 {
			return &InvalidPeopleError{People: []PersonProblems{{Problems: ps}}}
		}
		out = cur
		d := personDiff(cur, p)
		if d.empty() {
			return nil
		}
		if err := t.updatePerson(ctx, &p, cur.Version); err != nil {
			return err
		}
		out = p
		return t.record(ctx, a, AuditEntry{
			OrganisationID: p.OrganisationID, Entity: EntityPerson, EntityID: strconv.FormatInt(p.ID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("person %d: %s", p.ID, d.summary()), Fields: d.fields,
		})
	})
	if err != nil {
		return workforce.Person{}, err
	}
	return out, nil
}

// updatePerson writes a new version of a person and replaces their assignments.
func (t *tx) updatePerson(ctx context.Context, p *workforce.Person, from int) error {
	p.Version, p.UpdatedAt = from+1, t.db.now()
	res, err := t.exec(ctx, `UPDATE people SET staff_number = ?, name = ?, name_key = ?, work_email = ?, user_id = ?,
		version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		p.StaffNumber, p.Name, strings.ToLower(p.Name), p.WorkEmail, nullID(p.UserID), p.Version, p.UpdatedAt, p.ID, from)
	if err != nil {
		return mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("%w: person %d changed meanwhile", ErrConflict, p.ID)
	}
	if _, err := t.exec(ctx, `DELETE FROM person_assignments WHERE person_id = ?`, p.ID); err != nil {
		return err
	}
	return mapErr(rowInserter(t)(ctx, "person_assignments", assignmentColumns, assignmentRows(*p)))
}

// ImportResult says what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
	// IDs are the ids of the file's people, by their index in it: a caller loading their
	// portfolios next needs not read them back.
	IDs []int64
}

// ImportPeople saves people of one organisation from an HR extract, all or nothing: a person
// whose staff number is already in the organisation is updated (name, work email, and their
// assignments replaced by the file's; the account link is kept), any other is created. Every
// bad person is reported in an *InvalidPeopleError by index, and then nothing is saved. New
// people and all assignments go in with multi-row INSERTs on SQLite and COPY on PostgreSQL, in
// one transaction with one audit entry for the import.
func (db *DB) ImportPeople(ctx context.Context, a Actor, orgID int64, people []workforce.Person) (ImportResult, error) {
	var res ImportResult
	in := make([]workforce.Person, len(people))
	for i, p := range people {
		in[i] = workforce.NormalisePerson(p)
		in[i].OrganisationID = orgID
	}
	err := db.bulkTx(ctx, func(t *tx, insert inserter) error {
		res = ImportResult{}
		e, err := t.employerOf(ctx, orgID)
		if err != nil {
			return err
		}
		existing := map[string]workforce.Person{}
		rows, err := t.query(ctx, `SELECT `+personColumns+` FROM people p WHERE p.organisation_id = ?`, orgID)
		if err != nil {
			return err
		}
		for rows.Next() {
			p, err := scanPerson(rows)
			if err != nil {
				rows.Close()
				return err
			}
			existing[p.StaffNumber] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// The assignments of the people the file names again, to compare: not the whole
		// organisation's, which a batch of new people would read for nothing.
		var ids []int64
		for _, p := range in {
			if cur, ok := existing[p.StaffNumber]; ok {
				ids = append(ids, cur.ID)
			}
		}
		as, err := t.assignments(ctx, ids)
		if err != nil {
			return err
		}
		var bad []PersonProblems
		seen := map[string]int{}
		today := db.Today()
		for i, p := range in {
			ps := checkPerson(p, today, e)
			if j, dup := seen[p.StaffNumber]; dup && p.StaffNumber != "" {
				ps = append(ps, workforce.Problem{Field: "staff_number",
					Message: fmt.Sprintf("Staff number %s is also person %d of the file", p.StaffNumber, j+1)})
			} else {
				seen[p.StaffNumber] = i
			}
			if len(ps) > 0 {
				bad = append(bad, PersonProblems{Index: i, Problems: ps})
			}
		}
		if len(bad) > 0 {
			return &InvalidPeopleError{People: bad}
		}

		var fresh []int
		var assignRows, changed [][]any
		var touched []int64
		for i := range in {
			cur, ok := existing[in[i].StaffNumber]
			if !ok {
				fresh = append(fresh, i)
				continue
			}
			if a := as[cur.ID]; a != nil {
				cur.Assignments = a
			}
			p := in[i]
			p.ID, p.UserID, p.CreatedAt = cur.ID, cur.UserID, cur.CreatedAt
			if personDiff(cur, p).empty() {
				in[i] = cur
				res.Unchanged++
				continue
			}
			res.Updated++
			p.Version, p.UpdatedAt = cur.Version+1, db.now()
			changed = append(changed, []any{p.Name, strings.ToLower(p.Name), p.WorkEmail, p.Version, p.UpdatedAt, p.ID})
			touched = append(touched, p.ID)
			assignRows = append(assignRows, assignmentRows(p)...)
			in[i] = p
		}
		if err := t.updatePeople(ctx, insert, changed); err != nil {
			return err
		}
		for chunk := range slices.Chunk(touched, 500) {
			if _, err := t.exec(ctx, `DELETE FROM person_assignments WHERE person_id IN (`+placeholders(len(chunk))+`)`,
				int64Args(chunk)...); err != nil {
				return err
			}
		}
		newIDs, err := t.allocateIDs(ctx, "people", len(fresh))
		if err != nil {
			return err
		}
		now := db.now()
		personRows := make([][]any, 0, len(fresh))
		for k, i := range fresh {
			p := &in[i]
			p.ID, p.Version, p.CreatedAt, p.UpdatedAt = newIDs[k], 1, now, now
			personRows = append(personRows, []any{p.ID, p.OrganisationID, p.StaffNumber, p.Name, strings.ToLower(p.Name),
				p.WorkEmail, nil, p.Version, p.CreatedAt, p.UpdatedAt})
			assignRows = append(assignRows, assignmentRows(*p)...)
		}
		res.Created = len(fresh)
		res.IDs = make([]int64, len(in))
		for i := range in {
			res.IDs[i] = in[i].ID
		}
		if err := insert(ctx, "people", []string{"id", "organisation_id", "staff_number", "name", "name_key",
			"work_email", "user_id", "version", "created_at", "updated_at"}, personRows); err != nil {
			return mapErr(err)
		}
		if err := insert(ctx, "person_assignments", assignmentColumns, assignRows); err != nil {
			return mapErr(err)
		}
		if res.Created+res.Updated == 0 {
			return nil
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: EntityPerson, Action: ActionUpdate,
			Summary: fmt.Sprintf("imported people: %d created, %d updated, %d unchanged", res.Created, res.Updated, res.Unchanged),
			Fields:  []string{"people", "assignments"},
		})
	})
	return res, err
}

// updatePeople saves the new name, name key, work email, version and time of people a re-import
// changed (rows of name, name_key, work_email, version, updated_at, id). PostgreSQL gets them
// in one round trip: COPY into a temporary table dropped at commit, then one UPDATE … FROM; on
// SQLite, with no round trips to save, one prepared UPDATE runs for each.
func (t *tx) updatePeople(ctx context.Context, insert inserter, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if !t.pg {
		return t.execEach(ctx, `UPDATE people SET name = ?, name_key = ?, work_email = ?, version = ?, updated_at = ?
			WHERE id = ?`, rows)
	}
	if _, err := t.exec(ctx, `CREATE TEMPORARY TABLE people_import (name TEXT, name_key TEXT, work_email TEXT,
		version INTEGER, updated_at TIMESTAMPTZ, id BIGINT) ON COMMIT DROP`); err != nil {
		return err
	}
	if err := insert(ctx, "people_import", []string{"name", "name_key", "work_email", "version", "updated_at", "id"}, rows); err != nil {
		return err
	}
	_, err := t.exec(ctx, `UPDATE people p SET name = u.name, name_key = u.name_key, work_email = u.work_email,
		version = u.version, updated_at = u.updated_at FROM people_import u WHERE p.id = u.id`)
	return err
}

// allocateIDs reserves n new ids of a table with an identity id (see allocateRoleIDs).
func (t *tx) allocateIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if !t.pg {
		var last int64
		if err := t.row(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&last); err != nil {
			return nil, err
		}
		for i := range n {
			ids = append(ids, last+1+int64(i))
		}
		return ids, nil
	}
	rows, err := t.query(ctx, `SELECT nextval(pg_get_serial_sequence('`+table+`', 'id')) FROM generate_series(1, ?)`, n)
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

// ErasePerson deletes a person, their assignments and their portfolio, and removes their name
// from the audit summaries about them (the entries, with the person's id, stay). It is recorded
// in the audit log. version must be the version that was read.
func (db *DB) ErasePerson(ctx context.Context, a Actor, id int64, version int) error {
	return db.tx(ctx, func(t *tx) error {
		cur, err := t.person(ctx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: person %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		if _, err := t.exec(ctx, `DELETE FROM people WHERE id = ?`, id); err != nil {
			return err
		}
		// Summaries are written without names, but a name typed into another record's summary
		// (a note, say) is removed too: the audit keeps who did what, not who it was done to.
		sid := strconv.FormatInt(id, 10)
		for _, personal := range []string{cur.Name, cur.StaffNumber, cur.WorkEmail} {
			if strings.TrimSpace(personal) == "" {
				continue
			}
			if _, err := t.exec(ctx, `UPDATE audit_log SET summary = REPLACE(summary, ?, '[erased]')
				WHERE (entity = ? AND entity_id = ?) OR (entity = ? AND entity_id LIKE ?)`,
				personal, EntityPerson, sid, EntityPortfolio, sid+"/%"); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: cur.OrganisationID, Entity: EntityPerson, EntityID: sid, Action: "erase",
			Summary: fmt.Sprintf("erased person %d: record, assignments and portfolio deleted", id),
			Fields:  []string{"staff_number", "name", "work_email", "assignments", "portfolio"},
		})
	})
}

const entryColumns = `e.id, e.person_id, e.framework_key, e.framework_version, e.node_key, e.level_key, e.evidence,
	e.confirmed_by, COALESCE(u.name, ''), e.confirmed_at, e.achieved, e.review_by, e.note, e.version`

func scanEntry(s scanner) (workforce.PortfolioEntry, error) {
	var e workforce.PortfolioEntry
	err := s.Scan(&e.ID, &e.PersonID, &e.FrameworkKey, &e.FrameworkVersion, &e.NodeKey, &e.LevelKey, &e.Evidence,
		idCol{&e.ConfirmedBy}, &e.ConfirmedByName, timeCol{&e.ConfirmedAt}, &e.Achieved, &e.ReviewBy, &e.Note, &e.Version)
	return e, notFound(err)
}

// Portfolio returns a person's portfolio entries, by framework, competence and date achieved.
func (db *DB) Portfolio(ctx context.Context, personID int64) ([]workforce.PortfolioEntry, error) {
	rows, err := db.r().query(ctx, `SELECT `+entryColumns+` FROM portfolio_entries e
		LEFT JOIN users u ON u.id = e.confirmed_by WHERE e.person_id = ?
		ORDER BY e.framework_key, e.node_key, e.achieved DESC, e.id`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []workforce.PortfolioEntry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PortfolioEntry returns one entry.
func (db *DB) PortfolioEntry(ctx context.Context, id int64) (workforce.PortfolioEntry, error) {
	return scanEntry(db.r().row(ctx, `SELECT `+entryColumns+` FROM portfolio_entries e
		LEFT JOIN users u ON u.id = e.confirmed_by WHERE e.id = ?`, id))
}

// InvalidEntryError lists the problems of a portfolio entry that was not saved.
type InvalidEntryError struct{ Problems []workforce.Problem }

func (e *InvalidEntryError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, p.Field+": "+p.Message)
	}
	return "store: invalid portfolio entry: " + strings.Join(parts, "; ")
}

func (e *InvalidEntryError) Unwrap() error { return ErrInvalid }

// AddPortfolioEntry saves a new entry in a person's portfolio, checked against the frameworks
// the person's organisation may use. A confirmed entry records the actor as who confirmed it,
// now.
func (db *DB) AddPortfolioEntry(ctx context.Context, a Actor, e workforce.PortfolioEntry) (workforce.PortfolioEntry, error) {
	e.Version = 1
	e.ConfirmedBy, e.ConfirmedAt = 0, time.Time{}
	if e.Evidence == workforce.EvidenceConfirmed {
		e.ConfirmedBy, e.ConfirmedAt = a.UserID, db.now()
	}
	err := db.tx(ctx, func(t *tx) error {
		p, err := t.person(ctx, e.PersonID)
		if err != nil {
			return err
		}
		fw := newFrameworkCache(t.runner)
		ps := workforce.ValidateEntry(e, fw.lookupFor(ctx, p.OrganisationID, nil), db.Today())
		if fw.err != nil {
			return fw.err
		}
		if len(ps) > 0 {
			return &InvalidEntryError{Problems: ps}
		}
		now := db.now()
		if err := t.row(ctx, `INSERT INTO portfolio_entries (person_id, framework_key, framework_version, node_key, level_key,
			evidence, confirmed_by, confirmed_at, achieved, review_by, note, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			e.PersonID, e.FrameworkKey, e.FrameworkVersion, e.NodeKey, e.LevelKey, e.Evidence, nullID(e.ConfirmedBy),
			e.ConfirmedAt, string(e.Achieved), string(e.ReviewBy), e.Note, e.Version, now, now).Scan(&e.ID); err != nil {
			return mapErr(err)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: p.OrganisationID, Entity: EntityPortfolio, EntityID: fmt.Sprintf("%d/%d", p.ID, e.ID), Action: ActionCreate,
			Summary: fmt.Sprintf("person %d: added %s %s at %q (%s)", p.ID, e.Requirement().Ref(), e.NodeKey, e.LevelKey, e.Evidence),
			Fields:  []string{"competence", "level", "evidence", "achieved", "review_by"},
		})
	})
	if err != nil {
		return workforce.PortfolioEntry{}, err
	}
	return db.PortfolioEntry(ctx, e.ID)
}

// ConfirmPortfolioEntry records that a manager (the actor) confirmed an entry, now. version must
// be the version that was read (ErrConflict otherwise). Confirming a confirmed entry again
// records the new confirmer and time.
func (db *DB) ConfirmPortfolioEntry(ctx context.Context, a Actor, id int64, version int) (workforce.PortfolioEntry, error) {
	if a.UserID == 0 {
		return workforce.PortfolioEntry{}, fmt.Errorf("%w: a confirmation needs a user", ErrInvalid)
	}
	err := db.tx(ctx, func(t *tx) error {
		var personID, orgID int64
		var cur int
		if err := t.row(ctx, `SELECT e.person_id, p.organisation_id, e.version FROM portfolio_entries e
			JOIN people p ON p.id = e.person_id WHERE e.id = ?`, id).Scan(&personID, &orgID, &cur); err != nil {
			return notFound(err)
		}
		if cur != version {
			return fmt.Errorf("%w: portfolio entry %d is at version %d, not %d", ErrConflict, id, cur, version)
		}
		now := db.now()
		res, err := t.exec(ctx, `UPDATE portfolio_entries SET evidence = 'confirmed', confirmed_by = ?, confirmed_at = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, a.UserID, now, now, id, version)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: portfolio entry %d changed meanwhile", ErrConflict, id)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: EntityPortfolio, EntityID: fmt.Sprintf("%d/%d", personID, id), Action: "confirm",
			Summary: fmt.Sprintf("person %d: portfolio entry %d confirmed by user %d", personID, id, a.UserID),
			Fields:  []string{"evidence", "confirmed_by", "confirmed_at"},
		})
	})
	if err != nil {
		return workforce.PortfolioEntry{}, err
	}
	return db.PortfolioEntry(ctx, id)
}

// DeletePortfolioEntry removes an entry; version must be the version that was read.
func (db *DB) DeletePortfolioEntry(ctx context.Context, a Actor, id int64, version int) error {
	return db.tx(ctx, func(t *tx) error {
		var personID, orgID int64
		var cur int
		if err := t.row(ctx, `SELECT e.person_id, p.organisation_id, e.version FROM portfolio_entries e
			JOIN people p ON p.id = e.person_id WHERE e.id = ?`, id).Scan(&personID, &orgID, &cur); err != nil {
			return notFound(err)
		}
		if cur != version {
			return fmt.Errorf("%w: portfolio entry %d is at version %d, not %d", ErrConflict, id, cur, version)
		}
		if _, err := t.exec(ctx, `DELETE FROM portfolio_entries WHERE id = ?`, id); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: EntityPortfolio, EntityID: fmt.Sprintf("%d/%d", personID, id), Action: ActionDelete,
			Summary: fmt.Sprintf("person %d: portfolio entry %d removed", personID, id),
			Fields:  []string{"competence"},
		})
	})
}

// FrameworksFor returns a look-up of the framework versions an organisation's people and roles
// may use (shared ones and their employer's own), reading each once. Call err after use: a
// failure reading them makes look-ups find nothing.
func (db *DB) FrameworksFor(ctx context.Context, orgID int64) (lookup workforce.FrameworkLookup, err func() error) {
	c := newFrameworkCache(db.r())
	return c.lookupFor(ctx, orgID, nil), func() error { return c.err }
}

// AnyFrameworks returns a look-up of every stored framework version, for naming the competences
// of roles and portfolios already saved.
func (db *DB) AnyFrameworks(ctx context.Context) workforce.FrameworkLookup {
	return newFrameworkCache(db.r()).any(ctx)
}

// Teams returns the teams below (or at) an organisation, by name.
func (db *DB) Teams(ctx context.Context, orgID int64) ([]Organisation, error) {
	return scanOrganisations(db.r().query(ctx, `WITH RECURSIVE below(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
		)
		SELECT `+orgColumns+` FROM organisations o JOIN below b ON b.id = o.id
		WHERE o.kind = 'team' ORDER BY LOWER(o.name), o.id`, orgID))
}

// EmployerRoles returns the roles of an organisation's employer (every role in its top-level
// organisation's tree), by title: those its people may be assigned to.
func (db *DB) EmployerRoles(ctx context.Context, orgID int64) ([]workforce.Role, error) {
	r := db.r()
	top, err := r.topOrganisation(ctx, orgID)
	if err != nil {
		return nil, err
	}
	rows, err := r.query(ctx, `WITH RECURSIVE below(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
		)
		SELECT id FROM roles WHERE organisation_id IN (SELECT id FROM below) AND status <> 'retired'
		ORDER BY title_key, id`, top)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]workforce.Role, 0, len(ids))
	for _, id := range ids {
		role, err := r.role(ctx, id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		out = append(out, role)
	}
	return out, nil
}

// StaffNumbers maps the staff numbers of an organisation's people to their ids.
func (db *DB) StaffNumbers(ctx context.Context, orgID int64) (map[string]int64, error) {
	rows, err := db.r().query(ctx, `SELECT staff_number, id FROM people WHERE organisation_id = ?`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var n string
		var id int64
		if err := rows.Scan(&n, &id); err != nil {
			return nil, err
		}
		out[n] = id
	}
	return out, rows.Err()
}

// ImportPortfolios adds portfolio entries of an organisation's people in bulk, all or nothing:
// each entry is checked as AddPortfolioEntry checks one (a competence and level of a framework
// version the organisation may use, known evidence, dates), and must be of a person of the
// organisation; any bad entry is reported by index in an *InvalidPortfolioError and nothing is
// saved. Entries go in with multi-row INSERTs on SQLite and COPY on PostgreSQL, with one audit
// entry. Confirmed entries are not taken: a confirmation is a manager's act, recorded one by one.
func (db *DB) ImportPortfolios(ctx context.Context, a Actor, orgID int64, entries []workforce.PortfolioEntry) error {
	return db.bulkTx(ctx, func(t *tx, insert inserter) error {
		ids := map[int64]bool{}
		rows, err := t.query(ctx, `SELECT id FROM people WHERE organisation_id = ?`, orgID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		fw := newFrameworkCache(t.runner)
		lookup := fw.lookupFor(ctx, orgID, nil)
		today, now := db.Today(), db.now()
		var bad []EntryProblems
		out := make([][]any, 0, len(entries))
		for i, e := range entries {
			ps := workforce.ValidateEntry(e, lookup, today)
			if !ids[e.PersonID] {
				ps = append(ps, workforce.Problem{Field: "person_id", Message: fmt.Sprintf("Person %d is not a person of the organisation", e.PersonID)})
			}
			if e.Evidence == workforce.EvidenceConfirmed {
				ps = append(ps, workforce.Problem{Field: "evidence", Message: "A confirmation is a manager's: import the entry as self assessed"})
			}
			if len(ps) > 0 {
				bad = append(bad, EntryProblems{Index: i, Problems: ps})
				continue
			}
			out = append(out, []any{e.PersonID, e.FrameworkKey, e.FrameworkVersion, e.NodeKey, e.LevelKey, e.Evidence,
				string(e.Achieved), string(e.ReviewBy), e.Note, now, now})
		}
		if fw.err != nil {
			return fw.err
		}
		if len(bad) > 0 {
			return &InvalidPortfolioError{Entries: bad}
		}
		// No confirmation (confirmed_by and confirmed_at NULL) and version 1 are the columns'
		// defaults: left out, they cost nothing to send and bind for each row.
		if err := insert(ctx, "portfolio_entries", []string{"person_id", "framework_key", "framework_version", "node_key",
			"level_key", "evidence", "achieved", "review_by", "note", "created_at", "updated_at"}, out); err != nil {
			return mapErr(err)
		}
		if len(out) == 0 {
			return nil
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: EntityPortfolio, Action: ActionCreate,
			Summary: fmt.Sprintf("imported %d portfolio entries", len(out)),
			Fields:  []string{"competence", "level", "evidence", "achieved", "review_by"},
		})
	})
}

// EntryProblems are the problems of one entry of a bulk portfolio import, by its index.
type EntryProblems struct {
	Index    int
	Problems []workforce.Problem
}

// InvalidPortfolioError is every bad entry of a bulk portfolio import.
type InvalidPortfolioError struct{ Entries []EntryProblems }

func (e *InvalidPortfolioError) Error() string {
	first := e.Entries[0]
	return fmt.Sprintf("%d portfolio entries are not valid; entry %d: %s", len(e.Entries), first.Index+1, first.Problems[0].Message)
}

func (e *InvalidPortfolioError) Unwrap() error { return ErrInvalid }
