package career

import (
	"cmp"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/workframe/workframe/internal/workforce"
)

// Index is the in-memory cache career options and talent match read (DESIGN decision 2): every
// role's requirement and every person's portfolio in the compact form of score.go, with the
// career framework routes. The store builds it at start and keeps it fresh from the change
// sequence; it is safe for concurrent use (queries share a read lock, updates take the write
// lock).
//
// Scope is applied here on every query, never by the caller alone: options are among the roles
// of a RoleScope, talent match among the people of a PeopleScope.
type Index struct {
	mu    sync.RWMutex
	cat   *Catalog
	roles map[int64]*RoleInfo
	gives map[int64][]Held
	// opts is the option table of the published roles (optable.go), rebuilt when roles change.
	opts   *optTable
	dirty  bool
	routes []RouteInfo
	people []PersonRec
	pos    map[int64]int
	free   []int
	// holders[comp] are the positions in people of everyone holding the competence (once each,
	// whether in date or not): talent match reads only the people who hold some competence of
	// the role, a few hundred thousand of a million and a half, instead of every portfolio.
	holders [][]int32
}

// PersonRec is a person as the index holds them.
type PersonRec struct {
	ID, Org, UserID int64
	Assign          []AssignRec
	Held            []Held
}

// AssignRec is an assignment: role, team and the days it runs (End NoReview: open).
type AssignRec struct {
	Role, Team int64
	Start, End int32
}

// current reports whether the assignment runs on the day.
func (a AssignRec) current(today int32) bool { return a.Start <= today && today <= a.End }

// NewIndex returns an empty index whose catalog reads framework versions through lookup.
func NewIndex(lookup workforce.FrameworkLookup) *Index {
	return &Index{cat: NewCatalog(lookup), roles: map[int64]*RoleInfo{}, gives: map[int64][]Held{}, pos: map[int64]int{}}
}

// Catalog returns the index's catalog. Callers must not use it while updates run; it is for
// tests and for scoring under the index's own lock.
func (x *Index) Catalog() *Catalog { return x.cat }

// PutRole adds or replaces a role; a retired role is removed. Only published roles are options
// and pathway steps; a draft is kept as a start (someone may hold it).
func (x *Index) PutRole(r workforce.Role) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if r.Status == workforce.StatusRetired {
		delete(x.roles, r.ID)
		delete(x.gives, r.ID)
		x.dirty = true
		return
	}
	x.roles[r.ID] = &RoleInfo{ID: r.ID, OrganisationID: r.OrganisationID, Title: r.Title, TitleKey: strings.ToLower(r.Title), StaffGroup: r.StaffGroup,
		Level: r.Level, Band: r.Band, Registration: r.RegistrationRequired, Shared: r.Shared && r.Status == workforce.StatusPublished,
		Published: r.Status == workforce.StatusPublished, Need: x.cat.NeedOf(r.Requirements)}
	x.gives[r.ID] = x.cat.HeldFromRequirements(r.Requirements)
	x.dirty = true
}

// RemoveRole drops a role.
func (x *Index) RemoveRole(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.roles, id)
	delete(x.gives, id)
	x.dirty = true
}

// SetRoutes replaces every route (the routes of published career frameworks).
func (x *Index) SetRoutes(rs []RouteInfo) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.routes = slices.Clone(rs)
}

// PutPerson adds or replaces a person with their portfolio.
func (x *Index) PutPerson(p workforce.Person, entries []workforce.PortfolioEntry) {
	rec := PersonRec{ID: p.ID, Org: p.OrganisationID, UserID: p.UserID}
	for _, a := range p.Assignments {
		end := Day(a.End)
		rec.Assign = append(rec.Assign, AssignRec{Role: a.RoleID, Team: a.TeamID, Start: Today(a.Start), End: end})
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	rec.Held = x.cat.HeldOf(entries)
	i, ok := x.pos[p.ID]
	switch {
	case ok:
		x.dropHolder(i)
	case len(x.free) > 0:
		i = x.free[len(x.free)-1]
		x.free = x.free[:len(x.free)-1]
	default:
		i = len(x.people)
		x.people = append(x.people, PersonRec{})
	}
	x.people[i], x.pos[p.ID] = rec, i
	x.addHolder(i)
}

// addHolder lists the person at position i under each competence they hold.
func (x *Index) addHolder(i int) {
	held := x.people[i].Held
	for k, h := range held {
		if slices.ContainsFunc(held[:k], func(e Held) bool { return e.Comp == h.Comp }) {
			continue
		}
		for int(h.Comp) >= len(x.holders) {
			x.holders = append(x.holders, nil)
		}
		x.holders[h.Comp] = append(x.holders[h.Comp], int32(i))
	}
}

// dropHolder takes the person at position i off the lists of the competences they hold.
func (x *Index) dropHolder(i int) {
	for _, h := range x.people[i].Held {
		if int(h.Comp) >= len(x.holders) {
			continue
		}
		list := x.holders[h.Comp]
		if k := slices.Index(list, int32(i)); k >= 0 {
			list[k] = list[len(list)-1]
			x.holders[h.Comp] = list[:len(list)-1]
		}
	}
}

// Trim gives back the spare room of the holder lists after a build (each grew by appending).
func (x *Index) Trim() {
	x.mu.Lock()
	defer x.mu.Unlock()
	for c, list := range x.holders {
		x.holders[c] = slices.Clip(slices.Clone(list))
	}
}

// RemovePerson drops a person (erased).
func (x *Index) RemovePerson(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if i, ok := x.pos[id]; ok {
		x.dropHolder(i)
		x.people[i] = PersonRec{}
		delete(x.pos, id)
		x.free = append(x.free, i)
	}
}

// Size is how many roles and people the index holds.
func (x *Index) Size() (roles, people int) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.roles), len(x.pos)
}

// Bytes estimates the memory the index holds, for the benchmark's report.
func (x *Index) Bytes() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var n int64
	for _, p := range x.people {
		n += 72 + int64(cap(p.Held))*12 + int64(cap(p.Assign))*32
	}
	n += int64(len(x.pos)) * 40
	for _, list := range x.holders {
		n += 24 + int64(cap(list))*4
	}
	for id, r := range x.roles {
		n += 160 + int64(cap(r.Need.Items))*16 + int64(cap(x.gives[id]))*12
	}
	return n
}

// RoleScope says which roles a viewer may see: those of Own organisations, and the shared,
// published roles of Partners.
type RoleScope struct {
	Own, Partners map[int64]bool
}

// Allows reports whether the scope lets the viewer see the role.
func (s RoleScope) Allows(r *RoleInfo) bool {
	return s.Own[r.OrganisationID] || (r.Shared && s.Partners[r.OrganisationID])
}

// PeopleScope says which people a viewer may see: those of an organisation where they are a
// manager or above, or with an assignment in such a team, and themselves (UserID).
type PeopleScope struct {
	Orgs   map[int64]bool
	UserID int64
}

func (s PeopleScope) allows(p *PersonRec) bool {
	if p.ID == 0 {
		return false
	}
	if s.UserID != 0 && p.UserID == s.UserID {
		return true
	}
	if s.Orgs[p.Org] {
		return true
	}
	for _, a := range p.Assign {
		if s.Orgs[a.Team] {
			return true
		}
	}
	return false
}

// optionsLocked returns the option table, made again if roles changed. The caller holds the
// write lock.
func (x *Index) optionsLocked() *optTable {
	if x.dirty || x.opts == nil {
		var published []*RoleInfo
		for _, r := range x.roles {
			if r.Published {
				published = append(published, r)
			}
		}
		x.opts = newOptTable(published, x.cat.Comps())
		x.dirty = false
	}
	return x.opts
}

// Start is where options are counted from: the roles held, what is held, and the level.
type Start struct {
	Roles []int64
	Held  []Held
	Level int
}

// PersonStart is a person's start: their current roles (the highest level counts) and portfolio.
// ok is false when the index does not hold the person.
func (x *Index) PersonStart(personID int64, today int32) (Start, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	i, ok := x.pos[personID]
	if !ok {
		return Start{}, false
	}
	p := &x.people[i]
	s := Start{Held: p.Held}
	for _, a := range p.Assign {
		if a.current(today) && !slices.Contains(s.Roles, a.Role) {
			s.Roles = append(s.Roles, a.Role)
			if r := x.roles[a.Role]; r != nil {
				s.Level = max(s.Level, r.Level)
			}
		}
	}
	return s, true
}

// RoleStart is a role as a start ("where does this role lead?"): its holder meets its
// requirements.
func (x *Index) RoleStart(roleID int64) (Start, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r, ok := x.roles[roleID]
	if !ok {
		return Start{}, false
	}
	return Start{Roles: []int64{roleID}, Held: x.gives[roleID], Level: r.Level}, true
}

// Role returns a role the index holds.
func (x *Index) Role(id int64) (*RoleInfo, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r, ok := x.roles[id]
	return r, ok
}

// Options lists the published roles of the scope a start could move to, ranked (SortOptions),
// without the roles held now and without roles not placed on a level.
func (x *Index) Options(st Start, today int32, scope RoleScope, f OptionFilter) []Option {
	x.mu.RLock()
	if x.dirty || x.opts == nil {
		// Roles changed since the table was made: make it again under the write lock, once.
		x.mu.RUnlock()
		x.mu.Lock()
		x.optionsLocked()
		x.mu.Unlock()
		x.mu.RLock()
	}
	defer x.mu.RUnlock()
	var routeTo map[int64]*RouteInfo
	for i := range x.routes {
		rt := &x.routes[i]
		if slices.Contains(st.Roles, rt.FromRoleID) {
			if routeTo == nil {
				routeTo = map[int64]*RouteInfo{}
			}
			if routeTo[rt.ToRoleID] == nil {
				routeTo[rt.ToRoleID] = rt
			}
		}
	}
	return x.opts.options(x.cat, st, today, scope, f, routeTo)
}

// Graph returns the pathway graph of the roles in scope (published ones, and the starts).
func (x *Index) Graph(scope RoleScope, starts []int64) *Graph {
	x.mu.RLock()
	defer x.mu.RUnlock()
	g := &Graph{Cat: x.cat, Roles: map[int64]*RoleInfo{}, Gives: map[int64][]Held{}, Routes: map[int64][]RouteInfo{},
		ByGroupLevel: map[GroupLevel][]int64{}}
	for id, r := range x.roles {
		if (!r.Published || !scope.Allows(r)) && !slices.Contains(starts, id) {
			continue
		}
		g.Roles[id], g.Gives[id] = r, x.gives[id]
		if r.Published && r.Level >= 1 {
			k := GroupLevel{r.StaffGroup, r.Level}
			g.ByGroupLevel[k] = append(g.ByGroupLevel[k], id)
		}
	}
	for _, rt := range x.routes {
		if _, ok := g.Roles[rt.FromRoleID]; ok {
			if _, ok := g.Roles[rt.ToRoleID]; ok {
				g.Routes[rt.FromRoleID] = append(g.Routes[rt.FromRoleID], rt)
			}
		}
	}
	return g
}

// Pathway finds the best pathway from a start to a target role of the scope.
func (x *Index) Pathway(st Start, target int64, today int32, scope RoleScope) (Pathway, error) {
	g := x.Graph(scope, st.Roles)
	x.mu.RLock() // the catalog is read while scoring
	defer x.mu.RUnlock()
	return g.FindPathway(st.Roles, st.Held, target, today)
}

// Match is one person of a talent match.
type Match struct {
	PersonID        int64
	OrganisationID  int64
	Transferability int
	Counts          Counts
}

// TalentMatch ranks the people of the scope against a role: best transferability first, ties
// by person id. Only people who meet some of the role (a score above 0) are listed; total is
// how many there are. A role that requires nothing matches nobody.
func (x *Index) TalentMatch(roleID int64, today int32, scope PeopleScope, limit, offset int) (matches []Match, total int, ok bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r, found := x.roles[roleID]
	if !found {
		return nil, 0, false
	}
	all := x.scan(r.Need, today, func(p *PersonRec) bool { return scope.allows(p) })
	total = len(all)
	if offset >= total {
		return nil, total, true
	}
	if limit <= 0 || limit > 1000 {
		slices.SortFunc(all, compareMatches)
		return slices.Clone(all[offset:min(total, offset+max(limit, total))]), total, true
	}
	// A page of a ranking of up to a few hundred thousand: count the matches of each score
	// (1 to 100), and sort by id only the scores the page reaches, instead of sorting them all.
	end := min(total, offset+limit)
	var count [101]int
	for _, m := range all {
		count[m.Transferability]++
	}
	page := make([]Match, 0, end-offset)
	first := 0 // the rank of the first match of a score
	for score := 100; score >= 1 && first < end; score-- {
		n := count[score]
		if first+n > offset && n > 0 {
			bucket := make([]Match, 0, n)
			for _, m := range all {
				if m.Transferability == score {
					bucket = append(bucket, m)
				}
			}
			slices.SortFunc(bucket, compareMatches)
			page = append(page, bucket[max(offset-first, 0):min(end-first, n)]...)
		}
		first += n
	}
	return page, total, true
}

// compareMatches ranks talent matches: the highest transferability first, then by person id.
func compareMatches(a, b Match) int {
	if c := cmp.Compare(b.Transferability, a.Transferability); c != 0 {
		return c
	}
	return cmp.Compare(a.PersonID, b.PersonID)
}

// scan scores every person keep allows against a need and returns those above 0. It is the hot
// loop of talent match: a dense table from competence to its requirement group, and per person
// a stamp per group instead of a map, so no allocation happens per person.
func (x *Index) scan(n Need, today int32, keep func(*PersonRec) bool) []Match {
	if n.Total == 0 {
		return nil
	}
	group := make([]int32, x.cat.Comps())
	for i := range group {
		group[i] = -1
	}
	var comps []int32
	for _, it := range n.Items {
		if group[it.Comp] < 0 {
			group[it.Comp] = int32(len(comps))
			comps = append(comps, it.Comp)
		}
	}
	// The candidates: everyone holding some competence of the role, each once (a bit per
	// person marks those already taken). Nobody else can score above 0.
	seen := make([]uint64, len(x.people)/64+1)
	count := 0
	for _, c := range comps {
		if int(c) >= len(x.holders) {
			continue
		}
		for _, i := range x.holders[c] {
			if seen[i/64]&(1<<(i%64)) == 0 {
				seen[i/64] |= 1 << (i % 64)
				count++
			}
		}
	}
	// Read off in people order, so the portfolios are read front to back; split between the
	// processors, each part with its own table of best entries, and the parts' matches joined
	// (the caller sorts them).
	cands := make([]int32, 0, count)
	for w, word := range seen {
		for word != 0 {
			cands = append(cands, int32(w*64+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	parts := min(runtime.GOMAXPROCS(0), len(cands)/scanChunk+1)
	outs := make([][]Match, parts)
	var wg sync.WaitGroup
	for k := range parts {
		part := cands[k*len(cands)/parts : (k+1)*len(cands)/parts]
		wg.Go(func() { outs[k] = x.scanPart(n, today, keep, group, len(comps), part) })
	}
	wg.Wait()
	var out []Match
	for _, o := range outs {
		out = append(out, o...)
	}
	return out
}

// scanChunk is how many candidates make it worth starting another goroutine for a scan.
var scanChunk = 20_000

func (x *Index) scanPart(n Need, today int32, keep func(*PersonRec) bool, group []int32, groups int, cands []int32) []Match {
	bests := make([]Best, groups)
	stamp := make([]int, groups)
	out := make([]Match, 0, len(cands))
	for _, pi := range cands {
		p := &x.people[pi]
		cur := int(pi) + 1
		found := false
		for _, h := range p.Held {
			if int(h.Comp) >= len(group) {
				continue
			}
			g := group[h.Comp]
			if g < 0 || h.Review < today {
				continue
			}
			if stamp[g] != cur || h.Own > bests[g].Own {
				stamp[g], bests[g] = cur, Best{Level: h.Level, Own: h.Own}
				found = true
			}
		}
		if !found || !keep(p) {
			continue
		}
		score, cnt := x.cat.Score(n, func(comp int32) (Best, bool) {
			g := group[comp]
			return bests[g], stamp[g] == cur
		})
		if score > 0 {
			out = append(out, Match{PersonID: p.ID, OrganisationID: p.Org, Transferability: score, Counts: cnt})
		}
	}
	return out
}

// TeamMembers lists the people of the scope with a current assignment in the team, by id.
func (x *Index) TeamMembers(teamID int64, today int32, scope PeopleScope) []int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []int64
	for i := range x.people {
		p := &x.people[i]
		if p.ID == 0 || !scope.allows(p) {
			continue
		}
		for _, a := range p.Assign {
			if a.Team == teamID && a.current(today) {
				out = append(out, p.ID)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// Score is the transferability of a start to one role.
func (x *Index) Score(st Start, roleID int64, today int32) (int, Counts, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r, ok := x.roles[roleID]
	if !ok {
		return 0, Counts{}, false
	}
	s, c := x.cat.ScoreHeld(r.Need, BestHeld(st.Held, today, nil))
	return s, c, true
}

// SetLookup changes how the catalog reads framework versions it has not met yet (the store
// gives it a reader bound to the refresh under way).
func (x *Index) SetLookup(lookup workforce.FrameworkLookup) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.cat.lookup = lookup
}
