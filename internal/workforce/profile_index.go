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
	// gained are holdings a scenario adds, by person, while WithScenario works it out.
	gained map[int64][]Holding
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

// Rows returns the index's posts and staff rows, each as one new list in the order of the
// unit's teams: for the pages that chart a unit's posts beside its figures.
func (x *ProfileIndex) Rows() ([]Post, []StaffRow) {
	np, ns := 0, 0
	for t := range x.teams {
		np, ns = np+len(x.posts[t]), ns+len(x.staff[t])
	}
	posts, staff := make([]Post, 0, np), make([]StaffRow, 0, ns)
	for t := range x.teams {
		posts = append(posts, x.posts[t]...)
		staff = append(staff, x.staff[t]...)
	}
	return posts, staff
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
	return x.WithScenario(posts, roles, nil)
}

// WithScenario is WithPosts with gained holdings added to the people's own (what a scenario's
// retrain changes give): the teams those people work in are worked out again, the others are
// reused as WithPosts reuses them. The index itself is left as it was.
func (x *ProfileIndex) WithScenario(posts []Post, roles map[int64]Role, gained []Holding) Profile {
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
	retrained := map[int]bool{} // teams with someone who gains a competence
	if len(gained) > 0 {
		x.gained = map[int64][]Holding{}
		defer func() { x.gained = nil }()
		for _, h := range gained {
			if pr := x.byPerson[h.PersonID]; pr != nil {
				x.gained[h.PersonID] = append(x.gained[h.PersonID], h)
				for _, st := range pr.staff {
					if t, ok := x.teamAt.of(st.TeamID); ok {
						retrained[t] = true
					}
				}
			}
		}
	}
	byTeam := x.byTeam(posts)
	parts := make([]*teamPart, len(x.teams))
	for t := range x.teams {
		switch {
		case retrained[t]:
			parts[t] = x.workOutTeam(t, pick(posts, byTeam[t]), all, nil)
		case samePosts(posts, byTeam[t], x.posts[t]):
			parts[t] = x.parts[t]
		default:
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
