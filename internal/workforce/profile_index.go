package workforce

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ProfileIndex holds a unit's profile input by team and by person, with each team's share of
// the figures (its part) worked out, so that after a change only the teams the change touches
// are worked out again and the unit's figures are summed from the parts (DESIGN decision 11,
// docs/decisions/0015). WorkOutProfile is NewProfileIndex(in).Profile(): there is one
// computation, and an index kept up to date by its Set methods gives exactly what working the
// changed input out from scratch gives (a property test checks it).
//
// Why by team: every figure but headcount is a sum over teams (a post is filled only by an
// assignment in its own team; coverage is per team and a unit's coverage sums its teams).
// Headcount counts people once, across teams, so it is kept by person: each person is counted
// under the set of roles they work in, and a group's headcount is the number of people whose
// set has a role of that group.
//
// An index is not safe for concurrent use: the store guards each one with a lock.
type ProfileIndex struct {
	teams  []TeamRef
	teamAt teamPositions
	roles  map[int64]Role
	pay    PayTable
	onCost OnCost
	lookup FrameworkLookup

	posts    [][]Post      // by team position, in the order given (the store's: by id)
	postTeam map[int64]int // post id → team position, for posts with an id
	staff    [][]StaffRow  // by team position
	// byPerson is each person's rows in the unit and their holdings (only people with rows).
	byPerson map[int64]*personRows
	// roleSets counts people by the set of roles they work in (a key of sorted role ids).
	roleSets map[string]int

	parts []*teamPart // by team position; nil when it must be worked out again
	// version is the framework version each demanded competence's title and held levels are
	// read at (the newest any role in use requires); parts' held counts were worked out at it.
	version map[compKey]string
	ranks   rankCache
	held    map[heldLevel]int
	// reqs are the competences and required ranks of the index's roles, worked out once.
	reqs map[int64][]reqRank
}

type reqRank struct {
	comp compKey
	rank int
}

type personRows struct {
	staff    []StaffRow
	holdings []Holding
	roleSet  string
}

type heldLevel struct {
	comp  compKey
	level string
}

type roleBand struct {
	role int64
	band string
}

// teamPart is one team's share of the profile. Its lists are short (the roles and competences
// of one team), so they are slices searched in order: cheaper than maps at thousands of teams.
type teamPart struct {
	fig      Figures // the team's row: its people, staff FTE and posts
	staffFTE []roleFTE
	posts    []bandFigures
	comps    []compCell
	members  []int64 // people assigned here, each once
	// hist counts members by their best rank of each competence they hold (at x.version):
	// hist[k][r] members hold k at rank r, so the held count of any required rank is a sum.
	hist map[compKey][]int
}

// roleFTE is the staff FTE of a role in a team.
type roleFTE struct {
	role int64
	fte  FTE
}

// bandFigures are the figures of a team's posts of one role paid at one band.
type bandFigures struct {
	roleBand
	Figures
}

// compCell is a competence the team's posts' roles require: how many posts (demand), the
// highest rank required (need), and how many members hold it at that rank or above (held).
type compCell struct {
	comp               compKey
	demand, need, held int
}

// NewProfileIndex indexes a unit's input and works out every team's part. Rows whose team is
// not one of in.Teams are dropped.
func NewProfileIndex(in ProfileInput) *ProfileIndex {
	x := &ProfileIndex{teams: in.Teams, teamAt: newTeamPositions(in.Teams), roles: in.Roles,
		pay: in.Pay, onCost: in.OnCost, lookup: in.Lookup, postTeam: make(map[int64]int, len(in.Posts)),
		byPerson: map[int64]*personRows{}, roleSets: map[string]int{}}
	if x.roles == nil {
		x.roles = map[int64]Role{}
	}
	x.posts, x.staff = make([][]Post, len(in.Teams)), make([][]StaffRow, len(in.Teams))
	x.parts = make([]*teamPart, len(in.Teams))
	for _, p := range in.Posts {
		if t, ok := x.teamAt.of(p.TeamID); ok {
			x.posts[t] = append(x.posts[t], p)
			if p.ID != 0 {
				x.postTeam[p.ID] = t
			}
		}
	}
	for _, s := range in.Staff {
		if t, ok := x.teamAt.of(s.TeamID); ok {
			x.staff[t] = append(x.staff[t], s)
			pr := x.byPerson[s.PersonID]
			if pr == nil {
				pr = &personRows{}
				x.byPerson[s.PersonID] = pr
			}
			pr.staff = append(pr.staff, s)
		}
	}
	for _, h := range in.Holdings {
		if pr := x.byPerson[h.PersonID]; pr != nil {
			pr.holdings = append(pr.holdings, h)
		}
	}
	for _, pr := range x.byPerson {
		pr.roleSet = roleSetKey(pr.staff)
		x.roleSets[pr.roleSet]++
	}
	x.resetRanks()
	return x
}

// Teams are the unit's teams, in the order the profile lists them.
func (x *ProfileIndex) Teams() []TeamRef { return x.teams }

// Roles are the roles the index knows (shared: do not change).
func (x *ProfileIndex) Roles() map[int64]Role { return x.roles }

// HasTeam reports whether a team is one of the unit's.
func (x *ProfileIndex) HasTeam(id int64) bool { _, ok := x.teamAt.of(id); return ok }

// MissingRoles are the roles of the unit's posts and assignments the index has no record of.
func (x *ProfileIndex) MissingRoles() []int64 {
	seen := map[int64]bool{}
	var out []int64
	add := func(id int64) {
		if _, ok := x.roles[id]; !ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for t := range x.teams {
		for _, p := range x.posts[t] {
			add(p.RoleID)
		}
		for _, s := range x.staff[t] {
			add(s.RoleID)
		}
	}
	return out
}

// SetPost puts a post in the index (its team's posts stay in id order, as the store loads
// them) or, when its team is not the unit's, takes it out.
func (x *ProfileIndex) SetPost(p Post) {
	x.RemovePost(p.ID)
	t, ok := x.teamAt.of(p.TeamID)
	if !ok {
		return
	}
	ps := x.posts[t]
	i := sort.Search(len(ps), func(i int) bool { return ps[i].ID > p.ID })
	x.posts[t] = slices.Insert(ps, i, p)
	x.postTeam[p.ID] = t
	x.parts[t] = nil
}

// RemovePost takes a post out of the index, if it is there.
func (x *ProfileIndex) RemovePost(id int64) {
	t, ok := x.postTeam[id]
	if !ok {
		return
	}
	x.posts[t] = slices.DeleteFunc(x.posts[t], func(p Post) bool { return p.ID == id })
	delete(x.postTeam, id)
	x.parts[t] = nil
}

// SetPerson replaces a person's current assignments and in-date holdings (rows in teams that
// are not the unit's are dropped; a person with no rows left leaves the index).
func (x *ProfileIndex) SetPerson(id int64, staff []StaffRow, holdings []Holding) {
	if pr := x.byPerson[id]; pr != nil {
		for _, s := range pr.staff {
			t, _ := x.teamAt.of(s.TeamID)
			x.staff[t] = slices.DeleteFunc(x.staff[t], func(r StaffRow) bool { return r.PersonID == id })
			x.parts[t] = nil
		}
		if x.roleSets[pr.roleSet]--; x.roleSets[pr.roleSet] == 0 {
			delete(x.roleSets, pr.roleSet)
		}
		delete(x.byPerson, id)
	}
	pr := &personRows{}
	for _, s := range staff {
		if t, ok := x.teamAt.of(s.TeamID); ok && s.PersonID == id {
			x.staff[t] = append(x.staff[t], s)
			x.parts[t] = nil
			pr.staff = append(pr.staff, s)
		}
	}
	if len(pr.staff) == 0 {
		return
	}
	for _, h := range holdings {
		if h.PersonID == id {
			pr.holdings = append(pr.holdings, h)
		}
	}
	pr.roleSet = roleSetKey(pr.staff)
	x.roleSets[pr.roleSet]++
	x.byPerson[id] = pr
}

// SetRoles puts roles in the index (replacing those it has); the teams with posts or people
// of those roles are worked out again (labels and headcounts by group are summed afresh).
func (x *ProfileIndex) SetRoles(roles map[int64]Role) {
	x.roles = maps.Clone(x.roles)
	maps.Copy(x.roles, roles)
	for id := range roles {
		delete(x.reqs, id)
	}
	for t := range x.teams {
		uses := slices.ContainsFunc(x.posts[t], func(p Post) bool { _, ok := roles[p.RoleID]; return ok }) ||
			slices.ContainsFunc(x.staff[t], func(s StaffRow) bool { _, ok := roles[s.RoleID]; return ok })
		if uses {
			x.parts[t] = nil
		}
	}
}

// SetOnCost changes the employer's on-cost; every team is worked out again.
func (x *ProfileIndex) SetOnCost(c OnCost) {
	if c != x.onCost {
		x.onCost = c
		x.stale()
	}
}

// SetLookup changes how frameworks are looked up (a framework was saved); every team is worked
// out again.
func (x *ProfileIndex) SetLookup(l FrameworkLookup) {
	x.lookup = l
	x.resetRanks()
	x.stale()
}

// OnCost and Pay are what the posts are costed with.
func (x *ProfileIndex) OnCost() OnCost { return x.onCost }
func (x *ProfileIndex) Pay() PayTable  { return x.pay }

func (x *ProfileIndex) stale() {
	clear(x.parts)
	x.version = nil
}

func (x *ProfileIndex) resetRanks() {
	x.ranks = rankCache{lookup: x.lookup, m: map[Requirement]int{}}
	x.reqs = map[int64][]reqRank{}
	x.held = map[heldLevel]int{}
}

// roleSetKey names the set of roles of a person's rows: their sorted distinct ids.
func roleSetKey(rows []StaffRow) string {
	if len(rows) == 1 {
		return strconv.FormatInt(rows[0].RoleID, 10)
	}
	ids := make([]int64, 0, len(rows))
	for _, s := range rows {
		ids = append(ids, s.RoleID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// Profile works out the teams that changed and sums the parts.
func (x *ProfileIndex) Profile() Profile {
	x.update()
	return x.sum(x.parts, x.roles)
}

// update works out the teams that changed, and what is held in every team again when the
// framework versions the roles in use require have changed.
func (x *ProfileIndex) update() {
	for t, part := range x.parts {
		if part == nil {
			x.parts[t] = x.workOutTeam(t, x.posts[t], x.roles, nil)
		}
	}
	if v := versions(x.parts, x.roles); x.version == nil || !maps.Equal(v, x.version) {
		x.version = v
		x.held = map[heldLevel]int{}
		for _, part := range x.parts {
			part.hist = x.histogram(part.members)
			countHeld(part)
		}
	}
}

// WithPosts is the profile of the unit with its posts replaced by posts (a scenario's), its
// people and holdings as they are: teams whose posts are the same reuse their parts. roles
// adds the roles of new posts the index lacks; the index's own roles are kept.
func (x *ProfileIndex) WithPosts(posts []Post, roles map[int64]Role) Profile {
	x.update()
	all, cloned := x.roles, false
	for id, r := range roles {
		if _, ok := all[id]; !ok {
			if !cloned {
				all, cloned = maps.Clone(x.roles), true
			}
			all[id] = r
		}
	}
	byTeam := x.byTeam(posts)
	parts := make([]*teamPart, len(x.teams))
	for t := range x.teams {
		if samePosts(posts, byTeam[t], x.posts[t]) {
			parts[t] = x.parts[t]
		} else {
			parts[t] = x.workOutTeam(t, pick(posts, byTeam[t]), all, x.parts[t])
		}
	}
	if v := versions(parts, all); !maps.Equal(v, x.version) {
		// The scenario's roles name other framework versions: count what is held again in
		// every team, at those versions, without touching the index's own parts.
		saved, savedHeld := x.version, x.held
		x.version, x.held = v, map[heldLevel]int{}
		for t := range parts {
			parts[t] = x.workOutTeam(t, pick(posts, byTeam[t]), all, nil)
		}
		p := x.sum(parts, all)
		x.version, x.held = saved, savedHeld
		return p
	}
	return x.sum(parts, all)
}

// teamPositions finds a team's position in the unit's list. Team ids are usually close together
// (made one after another), so they index a slice when that is not much longer than the list:
// a scenario's 120,000 posts are grouped by team on every comparison, and a map look-up each
// costs more than the rest of the grouping.
type teamPositions struct {
	min   int64
	dense []int32 // position+1 by id-min; 0: not a team of the unit
	m     map[int64]int
}

func newTeamPositions(teams []TeamRef) teamPositions {
	var tp teamPositions
	if len(teams) == 0 {
		return tp
	}
	lo, hi := teams[0].ID, teams[0].ID
	for _, t := range teams {
		lo, hi = min(lo, t.ID), max(hi, t.ID)
	}
	if hi-lo < int64(8*len(teams)+1024) {
		tp.min, tp.dense = lo, make([]int32, hi-lo+1)
		for i, t := range teams {
			tp.dense[t.ID-lo] = int32(i + 1)
		}
		return tp
	}
	tp.m = make(map[int64]int, len(teams))
	for i, t := range teams {
		tp.m[t.ID] = i
	}
	return tp
}

func (tp teamPositions) of(id int64) (int, bool) {
	if tp.m != nil {
		i, ok := tp.m[id]
		return i, ok
	}
	if i := id - tp.min; i >= 0 && i < int64(len(tp.dense)) && tp.dense[i] > 0 {
		return int(tp.dense[i] - 1), true
	}
	return 0, false
}

// byTeam groups the positions of posts by the unit's teams, keeping their order (a counting
// sort into one slice of positions: at 120,000 posts, copying the posts or growing a slice per
// team costs more than the rest of the grouping).
func (x *ProfileIndex) byTeam(posts []Post) [][]int32 {
	team := make([]int32, len(posts))
	start := make([]int32, len(x.teams)+1)
	for i, p := range posts {
		t, ok := x.teamAt.of(p.TeamID)
		if !ok {
			team[i] = -1
			continue
		}
		team[i] = int32(t)
		start[t+1]++
	}
	for t := range x.teams {
		start[t+1] += start[t]
	}
	flat := make([]int32, start[len(x.teams)])
	next := slices.Clone(start)
	for i := range posts {
		if t := team[i]; t >= 0 {
			flat[next[t]] = int32(i)
			next[t]++
		}
	}
	out := make([][]int32, len(x.teams))
	for t := range x.teams {
		out[t] = flat[start[t]:start[t+1]:start[t+1]]
	}
	return out
}

// samePosts reports whether the posts at positions at are the team's posts in the index.
func samePosts(posts []Post, at []int32, team []Post) bool {
	if len(at) != len(team) {
		return false
	}
	for i, j := range at {
		if posts[j] != team[i] {
			return false
		}
	}
	return true
}

// pick is the posts at positions at.
func pick(posts []Post, at []int32) []Post {
	out := make([]Post, len(at))
	for i, j := range at {
		out[i] = posts[j]
	}
	return out
}

// roleOf is a role as the profile groups it: one missing from roles keeps its id.
func roleOf(roles map[int64]Role, id int64) Role {
	r := roles[id]
	r.ID = id
	return r
}

// workOutTeam works out one team's part from its posts and the index's assignments. same,
// when not nil, is a part of the team's people as they are (at x.version): what depends on the
// people alone is taken from it instead of worked out again (a scenario changes posts only).
func (x *ProfileIndex) workOutTeam(t int, posts []Post, roles map[int64]Role, same *teamPart) *teamPart {
	staff := x.staff[t]
	part := &teamPart{}
	if same != nil {
		part.members, part.staffFTE, part.hist = same.members, same.staffFTE, same.hist
		part.fig.Headcount, part.fig.StaffFTE = same.fig.Headcount, same.fig.StaffFTE
	} else {
		for _, s := range staff {
			part.fig.StaffFTE += s.FTE
			i := slices.IndexFunc(part.staffFTE, func(r roleFTE) bool { return r.role == s.RoleID })
			if i < 0 {
				i = len(part.staffFTE)
				part.staffFTE = append(part.staffFTE, roleFTE{role: s.RoleID})
			}
			part.staffFTE[i].fte += s.FTE
			if !slices.Contains(part.members, s.PersonID) {
				part.members = append(part.members, s.PersonID)
			}
		}
		part.fig.Headcount = len(part.members)
		part.hist = x.histogram(part.members)
	}
	fills := Fill(posts, staff)
	for i, post := range posts {
		r := roles[post.RoleID]
		band, filled := post.BandOf(r), fills[i]
		actual := post.ActualSalary
		if filled == 0 {
			actual = 0 // somebody's pay: it costs the post only while they fill it
		}
		c := CostPost(x.pay, band, post.PayPoint, actual, post.FTE, x.onCost)
		addPost(&part.fig, filled, post.FTE, c)
		k := roleBand{post.RoleID, band}
		j := slices.IndexFunc(part.posts, func(f bandFigures) bool { return f.roleBand == k })
		if j < 0 {
			j = len(part.posts)
			part.posts = append(part.posts, bandFigures{roleBand: k})
		}
		addPost(&part.posts[j].Figures, filled, post.FTE, c)
		for _, q := range x.reqsOf(post.RoleID, r) {
			j := slices.IndexFunc(part.comps, func(c compCell) bool { return c.comp == q.comp })
			if j < 0 {
				j = len(part.comps)
				part.comps = append(part.comps, compCell{comp: q.comp})
			}
			part.comps[j].demand++
			part.comps[j].need = max(part.comps[j].need, q.rank)
		}
	}
	countHeld(part)
	return part
}

// reqsOf is the competences a role requires with the rank each requires, kept for the
// index's own roles (a scenario's new roles are worked out each time).
func (x *ProfileIndex) reqsOf(id int64, r Role) []reqRank {
	if rr, ok := x.reqs[id]; ok {
		return rr
	}
	rr := make([]reqRank, len(r.Requirements))
	for i, q := range r.Requirements {
		rr[i] = reqRank{compKey{q.FrameworkKey, q.NodeKey}, x.ranks.of(q)}
	}
	if _, own := x.roles[id]; own {
		x.reqs[id] = rr
	}
	return rr
}

// histogram counts the members by their best in-date rank of each competence they hold,
// ranked on the scale of x.version.
func (x *ProfileIndex) histogram(members []int64) map[compKey][]int {
	hist := map[compKey][]int{}
	var best []reqRank
	for _, pid := range members {
		best = best[:0]
		for _, h := range x.byPerson[pid].holdings {
			k := compKey{h.FrameworkKey, h.NodeKey}
			rank := x.heldRank(k, h.LevelKey)
			if i := slices.IndexFunc(best, func(b reqRank) bool { return b.comp == k }); i >= 0 {
				best[i].rank = max(best[i].rank, rank)
			} else {
				best = append(best, reqRank{k, rank})
			}
		}
		for _, b := range best {
			h := hist[b.comp]
			if len(h) <= b.rank {
				h = append(h, make([]int, b.rank+1-len(h))...)
			}
			h[b.rank]++
			hist[b.comp] = h
		}
	}
	return hist
}

// countHeld counts the team's members who hold each demanded competence at the required rank
// or above.
func countHeld(part *teamPart) {
	for i, c := range part.comps {
		held := 0
		for r, n := range part.hist[c.comp] {
			if r >= c.need {
				held += n
			}
		}
		part.comps[i].held = held
	}
}

// heldRank is a held level's position on the scale of the version the unit's roles require:
// a level not on that scale counts as the lowest step, as Analyse treats a level-less holding.
func (x *ProfileIndex) heldRank(k compKey, level string) int {
	hl := heldLevel{k, level}
	rank, ok := x.held[hl]
	if !ok {
		rank = 1
		if f := lookupOrNil(x.lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: x.version[k]}); f != nil && len(f.Levels) > 0 {
			rank = max(levelRank(f.Levels, level), 1)
		}
		x.held[hl] = rank
	}
	return rank
}

// versions is, for each competence a role in use requires, the newest framework version any
// of them names: a competence's title and held levels are read at it.
func versions(parts []*teamPart, roles map[int64]Role) map[compKey]string {
	used := map[int64]struct{}{}
	for _, p := range parts {
		for _, r := range p.staffFTE {
			used[r.role] = struct{}{}
		}
		for _, f := range p.posts {
			used[f.role] = struct{}{}
		}
	}
	v := map[compKey]string{}
	for id := range used {
		for _, q := range roles[id].Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if v[k] < q.FrameworkVersion {
				v[k] = q.FrameworkVersion
			}
		}
	}
	return v
}

// groupKeys are the keys and labels of the level, band, staff group and role a role (paid at
// band) is counted in.
func groupKeys(r Role, band string) (lk, ll, bk, bl, gk, gl, rk, rl string) {
	lk, ll = strconv.Itoa(r.Level), LevelLabel(r.Level)
	bk, bl = band, "Band "+band
	if band == "" {
		bk, bl = NoBand, "No Agenda for Change band"
	}
	gk, gl = r.StaffGroup, r.StaffGroup
	if gk == "" {
		gk, gl = NoStaffGroup, "No staff group"
	}
	rk, rl = strconv.FormatInt(r.ID, 10), r.Title
	if rl == "" {
		rl = "Role " + rk
	}
	return
}

// sum adds the teams' parts up into the unit's profile.
func (x *ProfileIndex) sum(parts []*teamPart, roles map[int64]Role) Profile {
	p := Profile{OnCost: x.onCost, PayTable: x.pay.Name + " " + x.pay.Year}
	byLevel, byBand, byGroup, byRole := newGrouper(), newGrouper(), newGrouper(), newGrouper()
	for l := MinLevel; l <= MaxLevel; l++ { // every level has a row, so the pyramid has no holes
		byLevel.at(strconv.Itoa(l), LevelLabel(l))
	}
	staffFTE := map[int64]FTE{}
	posts := map[roleBand]*Figures{}
	for _, part := range parts {
		p.StaffFTE += part.fig.StaffFTE
		addPosts(&p.Figures, part.fig)
		for _, r := range part.staffFTE {
			staffFTE[r.role] += r.fte
		}
		for _, f := range part.posts {
			sum := posts[f.roleBand]
			if sum == nil {
				sum = &Figures{}
				posts[f.roleBand] = sum
			}
			addPosts(sum, f.Figures)
		}
	}
	for id, f := range staffFTE {
		r := roleOf(roles, id)
		lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(r, r.Band)
		byLevel.at(lk, ll).StaffFTE += f
		byBand.at(bk, bl).StaffFTE += f
		byGroup.at(gk, gl).StaffFTE += f
		byRole.at(rk, rl).StaffFTE += f
		if r.RegistrationRequired {
			p.Registered.RegisteredFTE += f
		} else {
			p.Registered.UnregisteredFTE += f
		}
	}
	// Headcounts: each person once in the unit, and once in each group they work in.
	for set, n := range x.roleSets {
		p.Headcount += n
		seen := map[string]bool{}
		count := func(g *grouper, dim, key, label string) {
			if !seen[dim+key] {
				seen[dim+key] = true
				g.at(key, label).Headcount += n
			}
		}
		reg, unreg := false, false
		for s := range strings.SplitSeq(set, ",") {
			id, _ := strconv.ParseInt(s, 10, 64)
			r := roleOf(roles, id)
			lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(r, r.Band)
			count(byLevel, "l", lk, ll)
			count(byBand, "b", bk, bl)
			count(byGroup, "g", gk, gl)
			count(byRole, "r", rk, rl)
			reg, unreg = reg || r.RegistrationRequired, unreg || !r.RegistrationRequired
		}
		if reg {
			p.Registered.RegisteredHeadcount += n
		}
		if unreg {
			p.Registered.UnregisteredHeadcount += n
		}
	}
	for k, f := range posts {
		lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(roleOf(roles, k.role), k.band)
		addPosts(&byLevel.at(lk, ll).Figures, *f)
		addPosts(&byBand.at(bk, bl).Figures, *f)
		addPosts(&byGroup.at(gk, gl).Figures, *f)
		addPosts(&byRole.at(rk, rl).Figures, *f)
	}

	p.setGroups(byLevel, byBand, byGroup, byRole)
	p.ByTeam = make([]Group, 0, len(x.teams))
	for t, team := range x.teams {
		p.ByTeam = append(p.ByTeam, Group{Key: strconv.FormatInt(team.ID, 10), Label: team.Name, Figures: parts[t].fig})
	}
	p.Coverage = x.coverage(parts)
	return p
}

// addPosts adds the post figures of f (not its staff figures) to into.
func addPosts(into *Figures, f Figures) {
	into.Posts += f.Posts
	into.VacantPosts += f.VacantPosts
	into.FundedFTE += f.FundedFTE
	into.FilledFTE += f.FilledFTE
	into.VacantFTE += f.VacantFTE
	into.Cost += f.Cost
	into.BaseCost += f.BaseCost
	into.OnCostTotal += f.OnCostTotal
	into.Uncosted += f.Uncosted
}

// coverage builds the heat map from the teams' parts: a column for every competence demanded
// anywhere in the unit, titled from the version x.version names.
func (x *ProfileIndex) coverage(parts []*teamPart) Coverage {
	var cv Coverage
	cols := map[compKey]int{}
	for _, part := range parts {
		for _, cell := range part.comps {
			k := cell.comp
			if _, ok := cols[k]; ok {
				continue
			}
			cols[k] = 0
			cv.Competences = append(cv.Competences, competenceOf(x.lookup, k, x.version[k]))
		}
	}
	sortCompetences(cv.Competences)
	for i, c := range cv.Competences {
		cols[compKey{c.FrameworkKey, c.NodeKey}] = i
	}
	levelTitle := map[compKey]map[int]string{}
	title := func(k compKey, need int) string {
		m, ok := levelTitle[k]
		if !ok {
			m = map[int]string{}
			if f := lookupOrNil(x.lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: x.version[k]}); f != nil {
				for _, l := range f.Levels {
					m[l.Rank] = l.Title // the last level of a rank names it
				}
			}
			levelTitle[k] = m
		}
		return m[need]
	}
	cv.Totals = make([]Cell, len(cv.Competences))
	for t, team := range x.teams {
		part := parts[t]
		row := TeamCoverage{TeamRef: team, Cells: make([]Cell, len(cv.Competences))}
		for _, cell := range part.comps {
			i := cols[cell.comp]
			cv.put(row, i, Cell{Demand: cell.demand, Held: cell.held, Shortfall: max(0, cell.demand-cell.held), Level: title(cell.comp, cell.need)})
		}
		cv.Teams = append(cv.Teams, row)
	}
	return cv
}

// competenceOf is a coverage column, titled from the framework version given (its key when the
// version or the node is not found).
func competenceOf(lookup FrameworkLookup, k compKey, version string) Competence {
	c := Competence{FrameworkKey: k.fw, NodeKey: k.node, Title: k.node}
	if f := lookupOrNil(lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version}); f != nil {
		if n := f.Node(k.node); n != nil {
			c.Title, c.Code = n.Title, n.Code
		}
	}
	return c
}

// sortCompetences orders coverage columns by framework, then code, then node.
func sortCompetences(cs []Competence) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.FrameworkKey != b.FrameworkKey {
			return a.FrameworkKey < b.FrameworkKey
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.NodeKey < b.NodeKey
	})
}

// setGroups orders the groups as the profile lists them: levels and bands from the highest
// down, staff groups in the NHS's order, roles by title (then id).
func (p *Profile) setGroups(byLevel, byBand, byGroup, byRole *grouper) {
	p.ByLevel = byLevel.sorted(func(a, b string) bool { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x > y })
	p.ByBand = byBand.sorted(func(a, b string) bool { return bandRank(a) > bandRank(b) })
	p.ByStaffGroup = byGroup.sorted(func(a, b string) bool { return staffGroupRank(a) < staffGroupRank(b) })
	roles := byRole.sorted(func(a, b string) bool { return a < b })
	sort.SliceStable(roles, func(i, j int) bool { return roles[i].Label < roles[j].Label })
	p.ByRole = roles
}

// put sets a team's cell of column i and adds it to the column's totals.
func (cv *Coverage) put(row TeamCoverage, i int, c Cell) {
	row.Cells[i] = c
	cv.Totals[i].Demand += c.Demand
	cv.Totals[i].Held += c.Held
	cv.Totals[i].Shortfall += c.Shortfall
}
