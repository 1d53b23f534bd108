package store

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/workframe/workframe/internal/workforce"
)

// ProfileCache keeps, per unit, a workforce.ProfileIndex (the unit's rows by team and person,
// each team's share of the figures worked out) and the profile, kept fresh by the change
// sequence (DESIGN decisions 2 and 11; docs/decisions/0010 and 0015).
//
// Loading a 100,000-person unit and working it out takes seconds; re-reading only the rows
// that changed and working out only the teams they touch takes milliseconds. So a request
// reads the newest change (one row); when it moved, the changes since then name what to read
// again (a post, a person's assignments and competences, a role, the on-cost, the frameworks)
// and the index takes those rows. Only what cannot be followed row by row loads the unit
// again: a new day (assignments start and end, competences expire by date), a change of the
// organisation tree, an import (its change names no single record), or a change of an
// entity this cache does not know. Every server keeps its own cache; the database stays the
// one truth, and a save on one server is seen by the next request on every other.
type ProfileCache struct {
	db        *DB
	mu        sync.Mutex
	units     map[int64]*unitEntry
	scenarios map[int64]*comparisonEntry
	// loads counts the units loaded in full from the database.
	loads atomic.Int64
}

// WorkOuts is how many times the cache has loaded a unit in full from the database (not
// followed the changes row by row); tests and the benchmark use it to tell the two apart.
func (c *ProfileCache) WorkOuts() int64 { return c.loads.Load() }

// profileCacheSize bounds each map: a 100,000-person unit's index is tens of MiB.
const profileCacheSize = 8

// maxFollowed is how many changed records are re-read one by one; more (a big import) and the
// unit is loaded again in full, which is then cheaper.
const maxFollowed = 5000

// unitEntry is one unit's index and profile. Its lock is held while the entry is refreshed
// and read, so two requests for a stale unit load it once.
type unitEntry struct {
	mu    sync.Mutex
	used  atomic.Int64 // unix nanoseconds of the last use, for eviction
	asOf  int64        // the newest change applied
	gen   int64        // counts the refreshes that changed something, for comparisons
	today workforce.Date
	x     *workforce.ProfileIndex
	p     workforce.Profile
	// lookup is the framework look-up the index was made with.
	lookup workforce.FrameworkLookup
	// rules are the unit's teams and its employer's roles for replaying scenarios, read at
	// generation rulesGen (0: not yet): any change that moves the unit may move them.
	rules    workforce.ScenarioRules
	rulesGen int64
	// posts and staff are the index's rows as one list each, made when first asked for after
	// a refresh (rowsOf, rowsGen say of which index and generation).
	posts   []workforce.Post
	staff   []workforce.StaffRow
	rowsOf  *workforce.ProfileIndex
	rowsGen int64
}

// comparisonEntry is one scenario (at one version) replayed and compared with its unit (at
// one generation of the unit's entry).
type comparisonEntry struct {
	unit     *unitEntry
	gen      int64
	version  int
	used     time.Time
	posts    []workforce.Post
	roles    map[int64]workforce.Role
	scenario workforce.Profile
	cmp      workforce.Comparison
	problems []workforce.Problem
}

// Profiles returns the database's profile cache, made on first use.
func (db *DB) Profiles() *ProfileCache {
	db.profilesOnce.Do(func() {
		db.profiles = &ProfileCache{db: db, units: map[int64]*unitEntry{}, scenarios: map[int64]*comparisonEntry{}}
	})
	return db.profiles
}

// Profile returns the workforce profile of a unit and what it was worked out with: the
// input's Teams, Roles (the caller's own copy), Pay, OnCost, Lookup, Posts and Staff are set;
// its Holdings are not (they live in the index by person: use Establishment for them). The
// profile's and the rows' slices are shared with the cache and must not be changed.
func (c *ProfileCache) Profile(ctx context.Context, unitID int64) (workforce.Profile, workforce.ProfileInput, error) {
	var p workforce.Profile
	var in workforce.ProfileInput
	err := c.withUnit(ctx, unitID, func(e *unitEntry) error {
		p, in = e.p, e.input(nil)
		return nil
	})
	return p, in, err
}

// input is what the entry's profile was worked out with, its roles copied (with extra added).
func (e *unitEntry) input(extra map[int64]workforce.Role) workforce.ProfileInput {
	roles := maps.Clone(e.x.Roles())
	for id, r := range extra {
		if _, ok := roles[id]; !ok {
			roles[id] = r
		}
	}
	if e.rowsOf != e.x || e.rowsGen != e.gen {
		e.posts, e.staff = e.x.Rows()
		e.rowsOf, e.rowsGen = e.x, e.gen
	}
	return workforce.ProfileInput{Teams: e.x.Teams(), Roles: roles, Pay: e.x.Pay(), OnCost: e.x.OnCost(), Lookup: e.lookup,
		Posts: e.posts, Staff: e.staff}
}

// withUnit calls fn with the unit's entry, fresh and locked.
func (c *ProfileCache) withUnit(ctx context.Context, unitID int64, fn func(*unitEntry) error) error {
	c.mu.Lock()
	e, ok := c.units[unitID]
	if !ok {
		e = &unitEntry{}
		c.units[unitID] = e
		evict(c.units, func(e *unitEntry) time.Time { return time.Unix(0, e.used.Load()) }, e)
	}
	e.used.Store(time.Now().UnixNano())
	c.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if err := c.refresh(ctx, unitID, e); err != nil {
		e.x = nil // half applied: load it again next time
		return err
	}
	return fn(e)
}

// refresh brings the entry up to the newest change: row by row when it can, in full when not.
func (c *ProfileCache) refresh(ctx context.Context, unitID int64, e *unitEntry) error {
	// The newest change is read before any row: a save committed while reading moves the
	// sequence past it, and the next request reads that save's rows again.
	newest, err := c.db.LastChange(ctx)
	if err != nil {
		return err
	}
	today := c.db.Today()
	if e.x != nil && e.today == today {
		if newest <= e.asOf {
			return nil
		}
		followed, err := c.follow(ctx, unitID, e, newest)
		if err != nil || followed {
			return err
		}
	}
	in, err := c.db.Establishment(ctx, unitID)
	if err != nil {
		return err
	}
	in.Pay = workforce.CurrentPayTable(today)
	in.Lookup = c.db.AnyFrameworks(ctx)
	c.loads.Add(1)
	e.x, e.lookup, e.asOf, e.today = workforce.NewProfileIndex(in), in.Lookup, newest, today
	e.p = e.x.Profile()
	e.gen++
	return nil
}

// Comparison replays a scenario (as read by the caller, at its version) and compares it with
// its unit's profile today. It returns what the unit's profile was worked out with (as
// Profile does, with the roles of the scenario's posts added), the scenario's posts, and the
// comparison; when the changes no longer replay, problems says why and the comparison is
// empty. Slices are shared with the cache and must not be changed.
func (c *ProfileCache) Comparison(ctx context.Context, sc Scenario) (workforce.ProfileInput, []workforce.Post, workforce.Comparison, []workforce.Problem, error) {
	in, _, out, err := c.scenarioEntry(ctx, sc)
	if err != nil {
		return in, nil, workforce.Comparison{}, nil, err
	}
	return in, out.posts, out.cmp, out.problems, nil
}

// ScenarioProfiles returns the unit's profile today and the scenario's (its posts, today's
// people with what its retrain changes give them), or the problems when its changes no longer
// replay.
func (c *ProfileCache) ScenarioProfiles(ctx context.Context, sc Scenario) (today, scenario workforce.Profile, problems []workforce.Problem, err error) {
	_, today, out, err := c.scenarioEntry(ctx, sc)
	if err != nil {
		return today, scenario, nil, err
	}
	return today, out.scenario, out.problems, nil
}

// scenarioEntry is the scenario's cached comparison, worked out again when the unit or the
// scenario changed since.
func (c *ProfileCache) scenarioEntry(ctx context.Context, sc Scenario) (workforce.ProfileInput, workforce.Profile, *comparisonEntry, error) {
	var in workforce.ProfileInput
	var today workforce.Profile
	var out *comparisonEntry
	err := c.withUnit(ctx, sc.UnitID, func(u *unitEntry) error {
		today = u.p
		c.mu.Lock()
		cached := c.scenarios[sc.ID]
		if cached != nil && cached.unit == u && cached.gen == u.gen && cached.version == sc.Version {
			cached.used = time.Now()
			c.mu.Unlock()
			out, in = cached, u.input(cached.roles)
			return nil
		}
		c.mu.Unlock()
		e, err := c.compare(ctx, u, sc)
		if err != nil {
			return err
		}
		c.mu.Lock()
		c.scenarios[sc.ID] = e
		evict(c.scenarios, func(e *comparisonEntry) time.Time { return e.used }, e)
		c.mu.Unlock()
		out, in = e, u.input(e.roles)
		return nil
	})
	return in, today, out, err
}

// compare replays a scenario and works out its profile from the unit's index: only the teams
// whose posts the scenario changes are worked out.
func (c *ProfileCache) compare(ctx context.Context, u *unitEntry, sc Scenario) (*comparisonEntry, error) {
	if u.rulesGen != u.gen {
		rules, err := c.db.ScenarioRules(ctx, sc.UnitID)
		if err != nil {
			return nil, err
		}
		u.rules, u.rulesGen = rules, u.gen
	}
	rules := u.rules
	e := &comparisonEntry{unit: u, gen: u.gen, version: sc.Version, used: time.Now(), roles: map[int64]workforce.Role{}}
	e.posts, e.problems = workforce.ApplyChanges(sc.Base, sc.Changes, rules)
	if len(e.problems) > 0 {
		return e, nil
	}
	known := u.x.Roles()
	var missing []int64
	seen := map[int64]bool{}
	for _, p := range e.posts {
		if _, ok := known[p.RoleID]; !ok && !seen[p.RoleID] {
			seen[p.RoleID] = true
			missing = append(missing, p.RoleID)
		}
	}
	if err := c.db.r().profileRoles(ctx, missing, e.roles); err != nil {
		return nil, err
	}
	e.scenario = u.x.WithScenario(e.posts, e.roles, workforce.Retrained(sc.Changes))
	e.cmp = workforce.Compare(u.p, e.scenario)
	return e, nil
}

// evict drops the least recently used entry (never keep) while the map is over its size.
func evict[E comparable](m map[int64]E, used func(E) time.Time, keep E) {
	for len(m) > profileCacheSize {
		var oldest int64
		var at time.Time
		first := true
		for id, e := range m {
			if u := used(e); e != keep && (first || u.Before(at)) {
				oldest, at, first = id, u, false
			}
		}
		delete(m, oldest)
	}
}
