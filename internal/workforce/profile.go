package workforce

import (
	"sort"
	"strconv"
)

// The workforce profile of a unit (issue 6): a team, a service or an organisation, with
// everything below it. It answers "what is the skill mix, what is funded, what is filled, what
// does it cost, which competences are short" from four compact inputs the store loads.
//
// Definitions, in plain words:
//   - Headcount: the people with a current assignment in one of the unit's teams, each once.
//   - Staff FTE: the sum of those current assignments' FTE.
//   - Funded FTE: the sum of the posts' FTE. A post's filled FTE is the FTE its holder works in
//     it (their current assignment of the post's role in the post's team), at most the post's
//     FTE; a post whose holder no longer has that assignment is vacant. Vacant FTE is funded
//     minus filled, so filled + vacant = funded always.
//   - By level, band, staff group and role: the same figures for the assignments and posts of
//     the roles in each group. FTE, posts and cost add up to the unit's totals. Headcount in a
//     group counts a person once per group they work in, so a person with assignments at two
//     levels is in both rows and the rows' headcounts may add up to more than the total.
//   - Registered: assignments of roles that require professional registration.
//   - Cost: each post costed at its pay point (see CostPost), on-costs included; totals are sums
//     of the rounded post costs. Posts whose band is not on the pay table are counted apart.
//   - Coverage, per team and competence: demand is the number of the team's posts whose role
//     requires the competence; the required level is the highest those roles require; held is
//     the number of people assigned to the team who hold the competence at that level or above,
//     in date; shortfall is demand − held when positive. A unit's figures are the sums over its
//     teams: a surplus in one team does not cover another team's shortfall.

// StaffRow is one current assignment in a team of the unit: who, which role, which team, how
// much of full time.
type StaffRow struct {
	PersonID int64
	TeamID   int64
	RoleID   int64
	FTE      FTE
}

// Holding is an in-date competence a person holds, from their portfolio.
type Holding struct {
	PersonID     int64
	FrameworkKey string
	NodeKey      string
	LevelKey     string
}

// TeamRef names a team of the unit.
type TeamRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ProfileInput is everything the profile is worked out from.
type ProfileInput struct {
	Teams    []TeamRef
	Roles    map[int64]Role
	Posts    []Post
	Staff    []StaffRow
	Holdings []Holding
	Pay      PayTable
	OnCost   OnCost
	Lookup   FrameworkLookup
}

// Figures are the headline numbers of a unit or of one group of it.
type Figures struct {
	Headcount   int   `json:"headcount"`
	StaffFTE    FTE   `json:"staff_fte"`
	Posts       int   `json:"posts"`
	VacantPosts int   `json:"vacant_posts"`
	FundedFTE   FTE   `json:"funded_fte"`
	FilledFTE   FTE   `json:"filled_fte"`
	VacantFTE   FTE   `json:"vacant_fte"`
	Cost        Pence `json:"cost"`
	BaseCost    Pence `json:"base_cost"`
	OnCostTotal Pence `json:"on_cost"`
	// Uncosted counts posts whose cost is unknown (no band on the pay table).
	Uncosted int `json:"uncosted_posts"`
}

// VacancyRate is vacant FTE as a whole percentage of funded FTE, rounded half up; 0 when nothing
// is funded.
func (f Figures) VacancyRate() int {
	if f.FundedFTE == 0 {
		return 0
	}
	return int((int64(f.VacantFTE)*200 + int64(f.FundedFTE)) / (2 * int64(f.FundedFTE)))
}

// Group is the figures of one level, band, staff group or role.
type Group struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Figures
}

// Split is staff in registered roles against the rest.
type Split struct {
	RegisteredHeadcount   int `json:"registered_headcount"`
	UnregisteredHeadcount int `json:"unregistered_headcount"`
	RegisteredFTE         FTE `json:"registered_fte"`
	UnregisteredFTE       FTE `json:"unregistered_fte"`
}

// RegisteredPercent is registered FTE as a whole percentage of staff FTE, half up.
func (s Split) RegisteredPercent() int {
	t := int64(s.RegisteredFTE + s.UnregisteredFTE)
	if t == 0 {
		return 0
	}
	return int((int64(s.RegisteredFTE)*200 + t) / (2 * t))
}

// Competence is a column of the coverage table.
type Competence struct {
	FrameworkKey string `json:"framework_key"`
	NodeKey      string `json:"node_key"`
	Code         string `json:"code,omitempty"`
	Title        string `json:"title"`
}

// Cell is coverage of one competence in one team (or summed over teams).
type Cell struct {
	Demand    int `json:"demand"`
	Held      int `json:"held"`
	Shortfall int `json:"shortfall"`
	// Level is the required level's title ("" when none); only for a team's cell.
	Level string `json:"level,omitempty"`
}

// Percent is held as a whole percentage of demand, at most 100, rounded down so that 100 means
// fully covered; 100 when nothing is demanded.
func (c Cell) Percent() int {
	if c.Demand == 0 {
		return 100
	}
	return min(100, c.Held*100/c.Demand)
}

// TeamCoverage is one row of the heat map.
type TeamCoverage struct {
	TeamRef
	Cells []Cell `json:"cells"`
}

// Coverage is the teams × competences table.
type Coverage struct {
	Competences []Competence   `json:"competences"`
	Teams       []TeamCoverage `json:"teams"`
	Totals      []Cell         `json:"totals"`
}

// Profile is the whole workforce profile of a unit.
type Profile struct {
	Figures
	ByLevel      []Group  `json:"by_level"`
	ByBand       []Group  `json:"by_band"`
	ByStaffGroup []Group  `json:"by_staff_group"`
	ByRole       []Group  `json:"by_role"`
	ByTeam       []Group  `json:"by_team"`
	Registered   Split    `json:"registered"`
	Coverage     Coverage `json:"coverage"`
	OnCost       OnCost   `json:"-"`
	PayTable     string   `json:"-"`
}

// NoLevel, NoBand and NoStaffGroup are the keys of the groups of roles without one.
const (
	NoLevel      = "0"
	NoBand       = "none"
	NoStaffGroup = "none"
)

// LevelLabel is a Career Framework level in words.
func LevelLabel(level int) string {
	if level == 0 {
		return "Not placed on a level"
	}
	return "Level " + strconv.Itoa(level)
}

// grouper accumulates figures by a key.
type grouper struct {
	rows map[string]*Group
	// people is who is counted in which row already: one flat set, sized for the staff, which
	// at 100,000 people is much cheaper than a set per row.
	people map[groupPerson]struct{}
}

type groupPerson struct {
	key    string
	person int64
}

func newGrouper(staff int) *grouper {
	return &grouper{rows: map[string]*Group{}, people: make(map[groupPerson]struct{}, staff)}
}

func (g *grouper) at(key, label string) *Group {
	r, ok := g.rows[key]
	if !ok {
		r = &Group{Key: key, Label: label}
		g.rows[key] = r
	}
	return r
}

func (g *grouper) staff(key, label string, s StaffRow) {
	r := g.at(key, label)
	r.StaffFTE += s.FTE
	if _, ok := g.people[groupPerson{key, s.PersonID}]; !ok {
		g.people[groupPerson{key, s.PersonID}] = struct{}{}
		r.Headcount++
	}
}

func (g *grouper) post(key, label string, filled FTE, fte FTE, c PostCost) {
	r := g.at(key, label)
	addPost(&r.Figures, filled, fte, c)
}

func addPost(f *Figures, filled, fte FTE, c PostCost) {
	f.Posts++
	f.FundedFTE += fte
	f.FilledFTE += filled
	f.VacantFTE += fte - filled
	if filled == 0 {
		f.VacantPosts++
	}
	if c.Costed {
		f.Cost += c.Total
		f.BaseCost += c.Base
		f.OnCostTotal += c.OnCost
	} else {
		f.Uncosted++
	}
}

// sorted returns the groups ordered by less on their keys.
func (g *grouper) sorted(less func(a, b string) bool) []Group {
	out := make([]Group, 0, len(g.rows))
	for _, r := range g.rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].Key, out[j].Key) })
	return out
}

func bandRank(b string) int {
	for i, k := range Bands {
		if k == b {
			return i + 1
		}
	}
	return 0 // no band: below band 1, so last in a list that runs from the highest band down
}

func staffGroupRank(name string) int {
	for i, g := range StaffGroups {
		if g.Name == name {
			return i
		}
	}
	return len(StaffGroups)
}

// WorkOutProfile works out the profile of a unit from its teams' posts, current assignments and
// holdings. Rows whose team is not one of in.Teams are ignored, so a loader that reads a little
// too much cannot change the figures.
func WorkOutProfile(in ProfileInput) Profile {
	inUnit := map[int64]bool{}
	teamName := map[int64]string{}
	for _, t := range in.Teams {
		inUnit[t.ID], teamName[t.ID] = true, t.Name
	}
	p := Profile{OnCost: in.OnCost, PayTable: in.Pay.Name + " " + in.Pay.Year}
	n := len(in.Staff)
	byLevel, byBand, byGroup, byRole, byTeam := newGrouper(n), newGrouper(n), newGrouper(n), newGrouper(n), newGrouper(n)
	for l := MinLevel; l <= MaxLevel; l++ { // every level has a row, so the pyramid has no holes
		byLevel.at(strconv.Itoa(l), LevelLabel(l))
	}
	for _, t := range in.Teams {
		byTeam.at(strconv.FormatInt(t.ID, 10), t.Name)
	}
	keys := func(r Role, band string) (lk, ll, bk, bl, gk, gl, rk, rl string) {
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

	// Staff in post, and who holds what where (for filled FTE).
	people := make(map[int64]bool, n)
	regPeople, unregPeople := make(map[int64]bool, n), make(map[int64]bool, n)
	teamKey := make(map[int64]string, len(in.Teams))
	for _, t := range in.Teams {
		teamKey[t.ID] = strconv.FormatInt(t.ID, 10)
	}
	teamPeople := map[int64][]int64{}
	for _, s := range in.Staff {
		if !inUnit[s.TeamID] {
			continue
		}
		r := in.Roles[s.RoleID]
		r.ID = s.RoleID
		if !people[s.PersonID] {
			people[s.PersonID] = true
			p.Headcount++
		}
		p.StaffFTE += s.FTE
		if ps := teamPeople[s.TeamID]; len(ps) == 0 || ps[len(ps)-1] != s.PersonID {
			teamPeople[s.TeamID] = append(ps, s.PersonID)
		}
		if r.RegistrationRequired {
			p.Registered.RegisteredFTE += s.FTE
			regPeople[s.PersonID] = true
		} else {
			p.Registered.UnregisteredFTE += s.FTE
			unregPeople[s.PersonID] = true
		}
		lk, ll, bk, bl, gk, gl, rk, rl := keys(r, r.Band)
		byLevel.staff(lk, ll, s)
		byBand.staff(bk, bl, s)
		byGroup.staff(gk, gl, s)
		byRole.staff(rk, rl, s)
		byTeam.staff(teamKey[s.TeamID], teamName[s.TeamID], s)
	}
	p.Registered.RegisteredHeadcount, p.Registered.UnregisteredHeadcount = len(regPeople), len(unregPeople)

	// Posts: funded, filled, cost.
	fills := Fill(in.Posts, in.Staff)
	ranks := rankCache{lookup: in.Lookup, m: map[Requirement]int{}}
	demand := map[int64]map[compKey]int{}
	reqLevel := map[int64]map[compKey]int{}
	for i, post := range in.Posts {
		if !inUnit[post.TeamID] {
			continue
		}
		r := in.Roles[post.RoleID]
		r.ID = post.RoleID
		band := post.BandOf(r)
		filled := fills[i]
		c := in.Cost(post, filled)
		addPost(&p.Figures, filled, post.FTE, c)
		lk, ll, bk, bl, gk, gl, rk, rl := keys(r, band)
		byLevel.post(lk, ll, filled, post.FTE, c)
		byBand.post(bk, bl, filled, post.FTE, c)
		byGroup.post(gk, gl, filled, post.FTE, c)
		byRole.post(rk, rl, filled, post.FTE, c)
		byTeam.post(teamKey[post.TeamID], teamName[post.TeamID], filled, post.FTE, c)
		for _, q := range r.Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if demand[post.TeamID] == nil {
				demand[post.TeamID], reqLevel[post.TeamID] = map[compKey]int{}, map[compKey]int{}
			}
			demand[post.TeamID][k]++
			reqLevel[post.TeamID][k] = max(reqLevel[post.TeamID][k], ranks.of(q))
		}
	}

	p.ByLevel = byLevel.sorted(func(a, b string) bool { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x > y })
	p.ByBand = byBand.sorted(func(a, b string) bool { return bandRank(a) > bandRank(b) })
	p.ByStaffGroup = byGroup.sorted(func(a, b string) bool { return staffGroupRank(a) < staffGroupRank(b) })
	roles := byRole.sorted(func(a, b string) bool { return a < b })
	sort.SliceStable(roles, func(i, j int) bool { return roles[i].Label < roles[j].Label })
	p.ByRole = roles
	p.ByTeam = make([]Group, 0, len(in.Teams))
	for _, t := range in.Teams {
		p.ByTeam = append(p.ByTeam, *byTeam.rows[strconv.FormatInt(t.ID, 10)])
	}
	p.Coverage = coverage(in, demand, reqLevel, teamPeople)
	return p
}

type compKey struct{ fw, node string }

// Fill works out the FTE that fills each post (in the order given): what its holder works in it,
// from their current assignment of the post's role in the post's team, at most the post's FTE.
// When one person is named on two posts of the same role in the same team, the second gets what
// is left, so nobody's time is counted twice.
func Fill(posts []Post, staff []StaffRow) []FTE {
	type slot struct{ person, team, role int64 }
	working := make(map[slot]FTE, len(staff))
	for _, s := range staff {
		working[slot{s.PersonID, s.TeamID, s.RoleID}] += s.FTE
	}
	used := make(map[slot]FTE, len(posts))
	out := make([]FTE, len(posts))
	for i, p := range posts {
		if p.HolderID == 0 {
			continue
		}
		k := slot{p.HolderID, p.TeamID, p.RoleID}
		out[i] = max(0, min(p.FTE, working[k]-used[k]))
		used[k] += out[i]
	}
	return out
}

// Cost is what a post of the input costs a year, given the FTE that fills it: an actual salary
// is somebody's pay, so it costs the post only while they fill it.
func (in ProfileInput) Cost(p Post, filled FTE) PostCost {
	r := in.Roles[p.RoleID]
	actual := p.ActualSalary
	if filled == 0 {
		actual = 0
	}
	return CostPost(in.Pay, p.BandOf(r), p.PayPoint, actual, p.FTE, in.OnCost)
}

// rankCache remembers requiredRank of each requirement: a unit has few distinct ones and many
// posts.
type rankCache struct {
	lookup FrameworkLookup
	m      map[Requirement]int
}

func (c rankCache) of(q Requirement) int {
	r, ok := c.m[q]
	if !ok {
		r = requiredRank(q, c.lookup)
		c.m[q] = r
	}
	return r
}

// requiredRank is the position of a requirement's level on its framework's scale: 1 when the
// framework has no scale, the requirement names no level, or the framework is unknown.
func requiredRank(q Requirement, lookup FrameworkLookup) int {
	if f := lookupOrNil(lookup, q); f != nil && q.LevelKey != "" && len(f.Levels) > 0 {
		if r := levelRank(f.Levels, q.LevelKey); r > 0 {
			return r
		}
	}
	return 1
}

// coverage builds the heat map. Held levels are ranked on the scale of the framework version
// the unit's roles require (the newest one any requirement names, for the title); a holding
// whose level is not on that scale counts as the lowest step, as Analyse treats a level-less
// holding.
func coverage(in ProfileInput, demand map[int64]map[compKey]int, reqLevel map[int64]map[compKey]int, teamPeople map[int64][]int64) Coverage {
	var cv Coverage
	// Columns: every competence demanded anywhere in the unit, with its title from a version a
	// role requires.
	cols := map[compKey]int{}
	version := map[compKey]string{}
	for _, r := range in.Roles {
		for _, q := range r.Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if version[k] < q.FrameworkVersion {
				version[k] = q.FrameworkVersion
			}
		}
	}
	for _, d := range demand {
		for k := range d {
			if _, ok := cols[k]; !ok {
				cols[k] = 0
				c := Competence{FrameworkKey: k.fw, NodeKey: k.node, Title: k.node}
				if f := lookupOrNil(in.Lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version[k]}); f != nil {
					if n := f.Node(k.node); n != nil {
						c.Title, c.Code = n.Title, n.Code
					}
				}
				cv.Competences = append(cv.Competences, c)
			}
		}
	}
	sort.Slice(cv.Competences, func(i, j int) bool {
		a, b := cv.Competences[i], cv.Competences[j]
		if a.FrameworkKey != b.FrameworkKey {
			return a.FrameworkKey < b.FrameworkKey
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.NodeKey < b.NodeKey
	})
	for i, c := range cv.Competences {
		cols[compKey{c.FrameworkKey, c.NodeKey}] = i
	}

	// Each person's best rank of each demanded competence.
	type personComp struct {
		person int64
		comp   compKey
	}
	best := make(map[personComp]int, len(in.Holdings))
	type heldLevel struct {
		comp  compKey
		level string
	}
	rankOf := map[heldLevel]int{}
	for _, h := range in.Holdings {
		k := compKey{h.FrameworkKey, h.NodeKey}
		if _, ok := cols[k]; !ok {
			continue
		}
		rank, ok := rankOf[heldLevel{k, h.LevelKey}]
		if !ok {
			rank = 1
			if f := lookupOrNil(in.Lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version[k]}); f != nil && len(f.Levels) > 0 {
				rank = max(levelRank(f.Levels, h.LevelKey), 1)
			}
			rankOf[heldLevel{k, h.LevelKey}] = rank
		}
		pc := personComp{h.PersonID, k}
		best[pc] = max(best[pc], rank)
	}

	cv.Totals = make([]Cell, len(cv.Competences))
	for _, t := range in.Teams {
		row := TeamCoverage{TeamRef: t, Cells: make([]Cell, len(cv.Competences))}
		members := uniq(teamPeople[t.ID])
		for k, d := range demand[t.ID] {
			i := cols[k]
			need := reqLevel[t.ID][k]
			held := 0
			for _, pid := range members {
				if best[personComp{pid, k}] >= need {
					held++
				}
			}
			c := Cell{Demand: d, Held: held, Shortfall: max(0, d-held)}
			if f := lookupOrNil(in.Lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version[k]}); f != nil && len(f.Levels) > 0 {
				for _, l := range f.Levels {
					if l.Rank == need {
						c.Level = l.Title
					}
				}
			}
			row.Cells[i] = c
			cv.Totals[i].Demand += c.Demand
			cv.Totals[i].Held += c.Held
			cv.Totals[i].Shortfall += c.Shortfall
		}
		cv.Teams = append(cv.Teams, row)
	}
	return cv
}

func uniq(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
