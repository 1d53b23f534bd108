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
type grouper struct{ rows map[string]*Group }

func newGrouper() *grouper { return &grouper{rows: map[string]*Group{}} }

func (g *grouper) at(key, label string) *Group {
	r, ok := g.rows[key]
	if !ok {
		r = &Group{Key: key, Label: label}
		g.rows[key] = r
	}
	return r
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
// too much cannot change the figures. It is the profile of a fresh ProfileIndex: the index is
// where the rules are applied, team by team.
func WorkOutProfile(in ProfileInput) Profile {
	return NewProfileIndex(in).Profile()
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
