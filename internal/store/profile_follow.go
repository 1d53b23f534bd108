package store

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/workforce"
)

// Following the change sequence into a unit's ProfileIndex (profile_cache.go): which changes
// touch which rows, and the queries that read those rows again.

// harmlessToProfiles are the entities whose changes cannot move a workforce profile: nothing
// Establishment reads is written with them. A scenario's own version keys its comparison. An
// entity missing from this list and from follow's switch loads the unit again in full, so a new
// kind of record is safe before anyone thinks of it here.
var harmlessToProfiles = map[string]bool{
	EntityScenario: true, EntityWorkforcePlan: true, EntityCareerFramework: true, "profile": true,
	"api_token": true, "user": true, "membership": true, "partnership": true, "plan": true, "plan-action": true,
	"solution": true, "assessment": true, "assessment_action": true, "assessment_evidence": true,
	"assessment_rating": true, "assessment_side": true,
}

// followed is what the changes since an entry's newest ask to read again.
type followed struct {
	posts, people, roles      map[int64]bool
	allRoles, pay, frameworks bool
	teams, full, changed      bool
}

// follow applies the changes after e.asOf (up to newest at least) to the entry's index, row by
// row. It reports false when they cannot be followed so and the unit must be loaded in full.
func (c *ProfileCache) follow(ctx context.Context, unitID int64, e *unitEntry, newest int64) (bool, error) {
	f := followed{posts: map[int64]bool{}, people: map[int64]bool{}, roles: map[int64]bool{}}
	last := e.asOf
	for last < newest && !f.full {
		chs, err := c.db.ChangesSince(ctx, last, 1000)
		if err != nil {
			return false, err
		}
		if len(chs) == 0 {
			break
		}
		for _, ch := range chs {
			last = ch.ID
			f.note(ch)
		}
		f.full = f.full || len(f.posts)+len(f.people)+len(f.roles) > maxFollowed
	}
	if f.full {
		return false, nil
	}
	if f.teams {
		same, err := c.sameTeams(ctx, unitID, e.x.Teams())
		if err != nil || !same {
			return false, err
		}
	}
	x := e.x
	if f.frameworks {
		e.lookup = c.db.AnyFrameworks(ctx)
		x.SetLookup(e.lookup)
	}
	// Roles the index has are read again; others matter only once a post or person of the
	// unit has them, and then they are missing and read below.
	var roles []int64
	for id := range x.Roles() {
		if f.allRoles || f.roles[id] {
			roles = append(roles, id)
		}
	}
	if len(roles) > 0 {
		if err := c.setRoles(ctx, x, roles); err != nil {
			return false, err
		}
	}
	if len(f.posts) > 0 {
		if err := c.followPosts(ctx, x, f.posts); err != nil {
			return false, err
		}
	}
	if len(f.people) > 0 {
		if err := c.followPeople(ctx, x, f.people, e.today); err != nil {
			return false, err
		}
	}
	// Only a post or a person read again can name a role the index lacks.
	if len(f.posts)+len(f.people) > 0 {
		if missing := x.MissingRoles(); len(missing) > 0 {
			if err := c.setRoles(ctx, x, missing); err != nil {
				return false, err
			}
		}
	}
	if f.pay {
		ps, err := c.db.PaySettingsOf(ctx, unitID)
		if err != nil {
			return false, err
		}
		x.SetOnCost(ps.OnCost)
	}
	e.asOf = max(last, newest)
	if f.changed {
		e.p = x.Profile()
		e.gen++
	}
	return true, nil
}

// note sorts one change into what must be read again.
func (f *followed) note(ch Change) {
	if harmlessToProfiles[ch.Entity] {
		return
	}
	f.changed = true
	// Portfolio entries are "person/entry"; an import's change names no record (id 0).
	id, _ := strconv.ParseInt(strings.SplitN(ch.EntityID, "/", 2)[0], 10, 64)
	switch ch.Entity {
	case EntityPost:
		f.posts[id] = true
		f.full = f.full || id == 0
	case EntityPerson, EntityPortfolio:
		f.people[id] = true
		f.full = f.full || id == 0
	case EntityRole:
		f.roles[id] = true
		f.allRoles = f.allRoles || id == 0
	case EntityPaySettings:
		f.pay = true
	case "framework_version":
		f.frameworks = true
	case "organisation":
		// A team added, renamed or moved: only a change of the unit's teams loads it again.
		f.teams = true
	default:
		f.full = true
	}
}

// sameTeams reports whether the unit's teams are still teams (same ids, names and order).
func (c *ProfileCache) sameTeams(ctx context.Context, unitID int64, teams []workforce.TeamRef) (bool, error) {
	now, err := c.db.r().unitTeamRefs(ctx, unitID)
	return slices.Equal(now, teams), err
}

// unitTeamRefs are the teams at or below a unit, in the profile's order.
func (r runner) unitTeamRefs(ctx context.Context, unitID int64) ([]workforce.TeamRef, error) {
	rows, err := r.query(ctx, unitTeams+`SELECT o.id, o.name FROM organisations o JOIN teams t ON t.id = o.id ORDER BY LOWER(o.name), o.id`, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []workforce.TeamRef
	for rows.Next() {
		var t workforce.TeamRef
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// setRoles reads roles again into the index (a role no longer there keeps its old record: a
// role in use cannot be deleted).
func (c *ProfileCache) setRoles(ctx context.Context, x *workforce.ProfileIndex, ids []int64) error {
	roles := map[int64]workforce.Role{}
	slices.Sort(ids)
	if err := c.db.r().profileRoles(ctx, ids, roles); err != nil {
		return err
	}
	x.SetRoles(roles)
	return nil
}

// followPosts reads posts again: one that is gone, or not in the unit's teams, leaves the index.
func (c *ProfileCache) followPosts(ctx context.Context, x *workforce.ProfileIndex, ids map[int64]bool) error {
	r := c.db.r()
	found := map[int64]bool{}
	for chunk := range slices.Chunk(slices.Sorted(maps.Keys(ids)), 500) {
		posts, err := r.queryPosts(ctx, `SELECT `+postColumns+` FROM posts p WHERE p.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return err
		}
		for _, p := range posts {
			found[p.ID] = true
			x.SetPost(p)
		}
	}
	for id := range ids {
		if !found[id] {
			x.RemovePost(id)
		}
	}
	return nil
}

// followPeople reads people's current assignments and in-date competences again, with the
// same conditions as Establishment.
func (c *ProfileCache) followPeople(ctx context.Context, x *workforce.ProfileIndex, ids map[int64]bool, today workforce.Date) error {
	r := c.db.r()
	staff, holds := map[int64][]workforce.StaffRow{}, map[int64][]workforce.Holding{}
	for chunk := range slices.Chunk(slices.Sorted(maps.Keys(ids)), 500) {
		args := append(int64Args(chunk), string(today), string(today))
		rows, err := r.query(ctx, `SELECT a.person_id, a.team_id, a.role_id, a.fte FROM person_assignments a
			WHERE a.person_id IN (`+placeholders(len(chunk))+`) AND a.start_date <= ? AND (a.end_date = '' OR a.end_date >= ?)
			ORDER BY a.team_id, a.person_id`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var s workforce.StaffRow
			if err := rows.Scan(&s.PersonID, &s.TeamID, &s.RoleID, &s.FTE); err != nil {
				rows.Close()
				return err
			}
			staff[s.PersonID] = append(staff[s.PersonID], s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = r.query(ctx, `SELECT DISTINCT e.person_id, e.framework_key, e.node_key, e.level_key FROM portfolio_entries e
			WHERE e.person_id IN (`+placeholders(len(chunk))+`) AND (e.review_by = '' OR e.review_by >= ?)`,
			append(int64Args(chunk), string(today))...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var h workforce.Holding
			if err := rows.Scan(&h.PersonID, &h.FrameworkKey, &h.NodeKey, &h.LevelKey); err != nil {
				rows.Close()
				return err
			}
			holds[h.PersonID] = append(holds[h.PersonID], h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for id := range ids {
		x.SetPerson(id, staff[id], holds[id])
	}
	return nil
}
