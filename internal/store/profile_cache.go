package store

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/workframe/workframe/internal/workforce"
)

// ProfileCache keeps worked-out workforce profiles and scenario comparisons in memory, kept fresh
// by the change sequence (DESIGN decisions 2 and 11; docs/decisions/0010).
//
// A profile of a large unit costs seconds to load and work out (some 420,000 rows at 100,000
// people), far over issue 6's 200 ms, and the engine's own GROUP BY of the posts alone is near
// the target. But a profile changes only when something is saved (every save appends to the
// change sequence in its transaction) or when the day changes (assignments and portfolio
// entries start, end and expire by date). So an entry is keyed by the newest change it saw and
// the day, and a request reads one row (the newest change) to know whether the entry still
// stands; changes since then that cannot move a profile (a scenario saved) are skipped, so
// editing a scenario does not throw away the unit's profile. The figures are always
// workforce.WorkOutProfile of store.Establishment: the cache computes nothing of its own.
type ProfileCache struct {
	db        *DB
	mu        sync.Mutex
	units     map[int64]*profileEntry
	scenarios map[int64]*comparisonEntry
	// workOuts counts the profiles worked out from the database (not served from the cache).
	workOuts atomic.Int64
}

// WorkOuts is how many unit profiles the cache has worked out from the database so far; tests
// and the benchmark use it to tell a cached answer from a fresh one.
func (c *ProfileCache) WorkOuts() int64 { return c.workOuts.Load() }

// profileCacheSize bounds each map: a 100,000-person unit's input is tens of MiB.
const profileCacheSize = 8

// profileEntry is one unit's input (with Pay and Lookup set) and profile.
type profileEntry struct {
	asOf  int64 // the newest change before the input was read, or checked since to be harmless
	today workforce.Date
	used  time.Time
	in    workforce.ProfileInput
	p     workforce.Profile
}

// comparisonEntry is one scenario (at one version) replayed and compared.
type comparisonEntry struct {
	asOf     int64
	today    workforce.Date
	version  int
	used     time.Time
	posts    []workforce.Post
	roles    map[int64]workforce.Role
	cmp      workforce.Comparison
	problems []workforce.Problem
}

// Profiles returns the database's profile cache, made on first use.
func (db *DB) Profiles() *ProfileCache {
	db.profilesOnce.Do(func() {
		db.profiles = &ProfileCache{db: db, units: map[int64]*profileEntry{}, scenarios: map[int64]*comparisonEntry{}}
	})
	return db.profiles
}

// harmlessToProfiles are the entities whose changes cannot move any profile or comparison of
// another entity: a scenario's own version keys its comparison.
var harmlessToProfiles = map[string]bool{EntityScenario: true}

// fresh reports whether an entry that saw change asOf still stands at newest, reading the
// changes between (at most a few pages: more than that and the entry is simply rebuilt).
func (c *ProfileCache) fresh(ctx context.Context, asOf, newest int64) (bool, error) {
	for pages := 0; asOf < newest; pages++ {
		if pages == 3 {
			return false, nil
		}
		chs, err := c.db.ChangesSince(ctx, asOf, 1000)
		if err != nil {
			return false, err
		}
		if len(chs) == 0 {
			break
		}
		for _, ch := range chs {
			if ch.ID > newest {
				return true, nil
			}
			if !harmlessToProfiles[ch.Entity] {
				return false, nil
			}
			asOf = ch.ID
		}
	}
	return true, nil
}

// Profile returns the workforce profile of a unit and the input it was worked out from (Pay
// and Lookup set). The input's slices are shared with the cache and must not be changed; its
// Roles map is the caller's own copy.
func (c *ProfileCache) Profile(ctx context.Context, unitID int64) (workforce.Profile, workforce.ProfileInput, error) {
	e, err := c.unit(ctx, unitID)
	if err != nil {
		return workforce.Profile{}, workforce.ProfileInput{}, err
	}
	in := e.in
	in.Roles = maps.Clone(e.in.Roles)
	return e.p, in, nil
}

// unit returns a copy of the unit's entry, loaded again unless it still stands.
func (c *ProfileCache) unit(ctx context.Context, unitID int64) (profileEntry, error) {
	newest, err := c.db.LastChange(ctx)
	if err != nil {
		return profileEntry{}, err
	}
	today := c.db.Today()
	c.mu.Lock()
	var e profileEntry
	cached, found := c.units[unitID]
	if found {
		e = *cached
	}
	c.mu.Unlock()
	if found && e.today == today {
		ok, err := c.fresh(ctx, e.asOf, newest)
		if err != nil {
			return profileEntry{}, err
		}
		if ok {
			c.mu.Lock()
			cached.asOf, cached.used = max(cached.asOf, newest), time.Now()
			e.asOf = cached.asOf
			c.mu.Unlock()
			return e, nil
		}
	}
	// newest was read before the input: a change committed while loading moves the sequence
	// past it, and the next request loads again.
	in, err := c.db.Establishment(ctx, unitID)
	if err != nil {
		return profileEntry{}, err
	}
	in.Pay = workforce.CurrentPayTable(today)
	in.Lookup = c.db.AnyFrameworks(ctx)
	c.workOuts.Add(1)
	e = profileEntry{asOf: newest, today: today, used: time.Now(), in: in, p: workforce.WorkOutProfile(in)}
	c.mu.Lock()
	stored := e
	c.units[unitID] = &stored
	evict(c.units, func(e *profileEntry) time.Time { return e.used })
	c.mu.Unlock()
	return e, nil
}

// Comparison replays a scenario (as read by the caller, at its version) and compares it with
// its unit's profile today. It returns the unit's input today (with the roles of the
// scenario's posts added, Pay and Lookup set), the scenario's posts, and the comparison; when
// the changes no longer replay, problems says why and the comparison is empty. Slices are
// shared with the cache and must not be changed.
func (c *ProfileCache) Comparison(ctx context.Context, sc Scenario) (workforce.ProfileInput, []workforce.Post, workforce.Comparison, []workforce.Problem, error) {
	cur, err := c.unit(ctx, sc.UnitID)
	if err != nil {
		return workforce.ProfileInput{}, nil, workforce.Comparison{}, nil, err
	}
	in := cur.in
	c.mu.Lock()
	var e *comparisonEntry
	var asOf int64
	cached, found := c.scenarios[sc.ID]
	if found {
		asOf = cached.asOf
	}
	c.mu.Unlock()
	if found && cached.version == sc.Version && cached.today == cur.today {
		ok, err := c.fresh(ctx, asOf, cur.asOf)
		if err != nil {
			return in, nil, workforce.Comparison{}, nil, err
		}
		if ok {
			c.mu.Lock()
			cached.asOf, cached.used = max(cached.asOf, cur.asOf), time.Now()
			c.mu.Unlock()
			// Only asOf and used change after an entry is stored; the rest is read-only.
			in.Roles = maps.Clone(cached.roles)
			return in, cached.posts, cached.cmp, cached.problems, nil
		}
	}
	rules, err := c.db.ScenarioRules(ctx, sc.UnitID)
	if err != nil {
		return in, nil, workforce.Comparison{}, nil, err
	}
	e = &comparisonEntry{asOf: cur.asOf, today: cur.today, version: sc.Version, used: time.Now(), roles: maps.Clone(cur.in.Roles)}
	e.posts, e.problems = workforce.ApplyChanges(sc.Base, sc.Changes, rules)
	if len(e.problems) == 0 {
		ids := make([]int64, 0, len(e.posts))
		for _, p := range e.posts {
			ids = append(ids, p.RoleID)
		}
		if err := c.db.ProfileRoles(ctx, ids, e.roles); err != nil {
			return in, nil, workforce.Comparison{}, nil, err
		}
		future := cur.in
		future.Roles, future.Posts = e.roles, e.posts
		e.cmp = workforce.Compare(cur.p, workforce.WorkOutProfile(future))
	}
	c.mu.Lock()
	c.scenarios[sc.ID] = e
	evict(c.scenarios, func(e *comparisonEntry) time.Time { return e.used })
	c.mu.Unlock()
	in.Roles = maps.Clone(e.roles)
	return in, e.posts, e.cmp, e.problems, nil
}

// evict drops the least recently used entry while the map is over its size.
func evict[E any](m map[int64]E, used func(E) time.Time) {
	for len(m) > profileCacheSize {
		var oldest int64
		var at time.Time
		first := true
		for id, e := range m {
			if u := used(e); first || u.Before(at) {
				oldest, at, first = id, u, false
			}
		}
		delete(m, oldest)
	}
}
