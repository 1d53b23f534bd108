package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/workforce"
)

// The career index (issue 5, DESIGN decision 2): career options and talent match read an
// in-memory cache of every role's requirement and every person's portfolio. It is built from the
// database at start (/readyz fails until it is) and kept fresh from the change sequence: every
// store method that changes a role, a person, a portfolio, a career framework or a framework
// version appends a row to `changes` in the same transaction, so reading the changes after the
// last one applied tells the cache exactly what to reload. Nothing is written by the cache, so
// several servers each keep their own and agree with the database.
//
// Queries also catch up before they answer (one cheap read of the newest change id), so a page
// shown right after a change reflects it even between two polls.

// CareerIndex is the database's career index.
type CareerIndex struct {
	db      *DB
	refresh sync.Mutex // one build or refresh at a time
	idx     atomic.Pointer[career.Index]
	last    atomic.Int64 // the last change applied
	started atomic.Bool
	ready   atomic.Bool
	// BuiltIn is how long the last full build took.
	builtIn atomic.Int64
}

// maxIncremental is how many changed people or roles a refresh reloads one by one; more (or a
// bulk import, recorded without an id) and it rebuilds.
const maxIncremental = 2000

// Careers returns the database's career index (one per DB).
func (db *DB) Careers() *CareerIndex {
	db.careersOnce.Do(func() { db.careers = &CareerIndex{db: db} })
	return db.careers
}

// Start builds the index in the background and then polls the change sequence every interval
// until ctx ends. Until the first build is done, Ready is false.
func (c *CareerIndex) Start(ctx context.Context, interval time.Duration, logErr func(error)) {
	c.started.Store(true)
	go func() {
		for {
			if err := c.CatchUp(ctx); err != nil && ctx.Err() == nil && logErr != nil {
				logErr(err)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(interval):
			}
		}
	}()
}

// Started reports whether Start was called (a server that serves the index).
func (c *CareerIndex) Started() bool { return c.started.Load() }

// Ready reports whether the index has been built.
func (c *CareerIndex) Ready() bool { return c.ready.Load() }

// BuildTime is how long the last full build took.
func (c *CareerIndex) BuildTime() time.Duration { return time.Duration(c.builtIn.Load()) }

// Index returns the index, caught up with the newest change.
func (c *CareerIndex) Index(ctx context.Context) (*career.Index, error) {
	if err := c.CatchUp(ctx); err != nil {
		return nil, err
	}
	return c.idx.Load(), nil
}

// CatchUp builds the index if it has not been built, or applies the changes since the last one
// applied.
func (c *CareerIndex) CatchUp(ctx context.Context) error {
	newest, err := c.db.LastChange(ctx)
	if err != nil {
		return err
	}
	if c.idx.Load() != nil && newest == c.last.Load() {
		return nil
	}
	c.refresh.Lock()
	defer c.refresh.Unlock()
	if c.idx.Load() == nil {
		return c.build(ctx)
	}
	return c.apply(ctx)
}

// Rebuild builds the index again from scratch.
func (c *CareerIndex) Rebuild(ctx context.Context) error {
	c.refresh.Lock()
	defer c.refresh.Unlock()
	return c.build(ctx)
}

func (c *CareerIndex) build(ctx context.Context) error {
	start := time.Now()
	// Read the newest change first: a change committed during the build is applied again by the
	// next refresh, which is harmless (reloading is idempotent); one read after would be lost.
	newest, err := c.db.LastChange(ctx)
	if err != nil {
		return err
	}
	x := career.NewIndex(c.db.AnyFrameworks(ctx))
	if err := c.loadRoles(ctx, x, nil); err != nil {
		return err
	}
	if err := c.loadRoutes(ctx, x); err != nil {
		return err
	}
	if err := c.loadPeople(ctx, x, nil); err != nil {
		return err
	}
	x.Trim()
	c.idx.Store(x)
	c.last.Store(newest)
	c.ready.Store(true)
	c.builtIn.Store(int64(time.Since(start)))
	return nil
}

// apply reloads what changed since the last change applied.
func (c *CareerIndex) apply(ctx context.Context) error {
	x := c.idx.Load()
	roles, people := map[int64]bool{}, map[int64]bool{}
	routes, full := false, false
	last := c.last.Load()
	for {
		chs, err := c.db.ChangesSince(ctx, last, 1000)
		if err != nil {
			return err
		}
		for _, ch := range chs {
			last = ch.ID
			id, _ := strconv.ParseInt(strings.SplitN(ch.EntityID, "/", 2)[0], 10, 64)
			switch ch.Entity {
			case EntityRole:
				routes = true
				if id == 0 {
					full = true
				}
				roles[id] = true
			case EntityPerson, EntityPortfolio:
				if id == 0 {
					full = true
				}
				people[id] = true
			case EntityCareerFramework:
				routes = true
			case "framework_version":
				// A level scale may have changed: every compact rank may be stale.
				full = true
			}
		}
		if len(chs) < 1000 {
			break
		}
	}
	if full || len(roles) > maxIncremental || len(people) > maxIncremental {
		return c.build(ctx)
	}
	x.SetLookup(c.db.AnyFrameworks(ctx))
	if len(roles) > 0 {
		if err := c.loadRoles(ctx, x, keys(roles)); err != nil {
			return err
		}
	}
	if routes {
		if err := c.loadRoutes(ctx, x); err != nil {
			return err
		}
	}
	if len(people) > 0 {
		if err := c.loadPeople(ctx, x, keys(people)); err != nil {
			return err
		}
	}
	c.last.Store(last)
	return nil
}

func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// loadRoles puts the roles (all when ids is nil) into the index; a role that no longer exists
// is removed.
func (c *CareerIndex) loadRoles(ctx context.Context, x *career.Index, ids []int64) error {
	r := c.db.r()
	query := `SELECT ` + roleColumns + ` FROM roles r`
	var args []any
	if ids != nil {
		query += ` WHERE r.id IN (` + placeholders(len(ids)) + `)`
		args = int64Args(ids)
	}
	rows, err := r.query(ctx, query+` ORDER BY r.id`, args...)
	if err != nil {
		return err
	}
	var roles []workforce.Role
	for rows.Next() {
		role, err := scanRole(rows)
		if err != nil {
			rows.Close()
			return err
		}
		roles = append(roles, role)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	found := map[int64]bool{}
	for start := 0; start < len(roles); start += 500 {
		chunk := roles[start:min(start+500, len(roles))]
		cids := make([]int64, len(chunk))
		for i, role := range chunk {
			cids[i] = role.ID
		}
		reqs, err := r.requirements(ctx, cids)
		if err != nil {
			return err
		}
		for _, role := range chunk {
			role.Requirements = reqs[role.ID]
			x.PutRole(role)
			found[role.ID] = true
		}
	}
	for _, id := range ids {
		if !found[id] {
			x.RemoveRole(id)
		}
	}
	return nil
}

// loadRoutes replaces the routes with those of every published career framework.
func (c *CareerIndex) loadRoutes(ctx context.Context, x *career.Index) error {
	rows, err := c.db.r().query(ctx, `SELECT f.id, f.title, r.from_role_id, r.to_role_id, r.kind, r.registration_required,
			r.qualification, r.note
		FROM career_framework_routes r JOIN career_frameworks f ON f.id = r.framework_id
		WHERE f.status = 'published' ORDER BY f.id, r.position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var out []career.RouteInfo
	for rows.Next() {
		var rt career.RouteInfo
		if err := rows.Scan(&rt.FrameworkID, &rt.FrameworkTitle, &rt.FromRoleID, &rt.ToRoleID, &rt.Kind,
			&rt.RegistrationRequired, &rt.Qualification, &rt.Note); err != nil {
			return err
		}
		out = append(out, rt)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	x.SetRoutes(out)
	return nil
}

// loadPeople puts people (all when ids is nil) with their assignments and portfolios into the
// index; a person who no longer exists (erased) is removed. Entries are put in the order
// DB.Portfolio returns them, which is the order the gap analysis counts them in.
func (c *CareerIndex) loadPeople(ctx context.Context, x *career.Index, ids []int64) error {
	r := c.db.r()
	where, args := "", []any(nil)
	if ids != nil {
		where = ` WHERE p.id IN (` + placeholders(len(ids)) + `)`
		args = int64Args(ids)
	}
	people := map[int64]*workforce.Person{}
	var order []int64
	rows, err := r.query(ctx, `SELECT p.id, p.organisation_id, p.user_id FROM people p`+where+` ORDER BY p.id`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		p := &workforce.Person{}
		var user sql.NullInt64
		if err := rows.Scan(&p.ID, &p.OrganisationID, &user); err != nil {
			rows.Close()
			return err
		}
		p.UserID = user.Int64
		people[p.ID] = p
		order = append(order, p.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	awhere := strings.ReplaceAll(where, "p.id", "person_id")
	rows, err = r.query(ctx, `SELECT person_id, role_id, team_id, fte, start_date, end_date FROM person_assignments`+
		awhere+` ORDER BY person_id, position`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var a workforce.Assignment
		if err := rows.Scan(&id, &a.RoleID, &a.TeamID, &a.FTE, &a.Start, &a.End); err != nil {
			rows.Close()
			return err
		}
		if p := people[id]; p != nil {
			p.Assignments = append(p.Assignments, a)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Entries in person and id order, which the primary key and the person index give without
	// sorting (a sort of 30 million rows was most of a national-scale build); each person's
	// few are put in the order DB.Portfolio reads them in Go. Only their order within a
	// competence (latest achieved first, then id) can change a score: that picks which of two
	// equally ranked entries counts, as in the gap analysis.
	ewhere := strings.ReplaceAll(where, "p.id", "e.person_id")
	rows, err = r.query(ctx, `SELECT e.person_id, e.id, e.framework_key, e.framework_version, e.node_key, e.level_key, e.achieved, e.review_by
		FROM portfolio_entries e`+ewhere+` ORDER BY e.person_id, e.id`, args...)
	if err != nil {
		return err
	}
	put := map[int64]bool{}
	var cur int64
	var entries []workforce.PortfolioEntry
	flush := func() {
		if p := people[cur]; p != nil {
			slices.SortFunc(entries, portfolioOrder)
			x.PutPerson(*p, entries)
			put[cur] = true
		}
		entries = entries[:0]
	}
	for rows.Next() {
		var id int64
		var e workforce.PortfolioEntry
		if err := rows.Scan(&id, &e.ID, &e.FrameworkKey, &e.FrameworkVersion, &e.NodeKey, &e.LevelKey, &e.Achieved, &e.ReviewBy); err != nil {
			rows.Close()
			return err
		}
		if id != cur && cur != 0 {
			flush()
		}
		cur = id
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != 0 {
		flush()
	}
	for _, id := range order {
		if !put[id] {
			x.PutPerson(*people[id], nil)
		}
	}
	for _, id := range ids {
		if people[id] == nil {
			x.RemovePerson(id)
		}
	}
	return nil
}

// portfolioOrder is the order of DB.Portfolio: competence (framework, node), latest achieved
// first, then id.
func portfolioOrder(a, b workforce.PortfolioEntry) int {
	if c := cmp.Compare(a.FrameworkKey, b.FrameworkKey); c != 0 {
		return c
	}
	if c := cmp.Compare(a.NodeKey, b.NodeKey); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Achieved, a.Achieved); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// CareerRoleScope is the roles a viewer may see as career options and pathway steps, given the
// organisations visible to them: every role of their employers (the whole tree of the top-level
// organisation of each visible one: a member of staff on a ward may move to any role of their
// trust, as the gap analysis of their record offers), and the shared, published roles of the
// employers' partners (and the nodes below them).
func (db *DB) CareerRoleScope(ctx context.Context, visible []int64) (career.RoleScope, error) {
	s := career.RoleScope{Own: map[int64]bool{}, Partners: map[int64]bool{}}
	if len(visible) == 0 {
		return s, nil
	}
	r := db.r()
	rows, err := r.query(ctx, `WITH RECURSIVE up(id, parent_id) AS (
			SELECT id, parent_id FROM organisations WHERE id IN (`+placeholders(len(visible))+`)
			UNION
			SELECT o.id, o.parent_id FROM organisations o JOIN up u ON o.id = u.parent_id
		), down(id) AS (
			SELECT id FROM up WHERE parent_id IS NULL
			UNION
			SELECT o.id FROM organisations o JOIN down d ON o.parent_id = d.id
		)
		SELECT id FROM down`, int64Args(visible)...)
	if err != nil {
		return s, err
	}
	var own []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return s, err
		}
		s.Own[id] = true
		own = append(own, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, err
	}
	if len(own) == 0 {
		return s, nil
	}
	rows, err = r.query(ctx, `WITH RECURSIVE `+partnerCTE(len(own))+` SELECT id FROM partner_orgs`, int64Args(own)...)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return s, err
		}
		s.Partners[id] = true
	}
	return s, rows.Err()
}

// PersonBrief is what a list of people shows of each.
type PersonBrief struct {
	ID             int64
	OrganisationID int64
	StaffNumber    string
	Name           string
}

// PeopleBrief returns the names and staff numbers of people, by id. The caller has already
// scoped the ids (the career index lists only people of the viewer's scope).
func (db *DB) PeopleBrief(ctx context.Context, ids []int64) (map[int64]PersonBrief, error) {
	out := make(map[int64]PersonBrief, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		rows, err := db.r().query(ctx, `SELECT id, organisation_id, staff_number, name FROM people WHERE id IN (`+
			placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var p PersonBrief
			if err := rows.Scan(&p.ID, &p.OrganisationID, &p.StaffNumber, &p.Name); err != nil {
				rows.Close()
				return nil, err
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
