package workforce

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/framework"
)

// Scenarios (issue 6): a named future version of a unit's establishment. A scenario starts as a
// copy of the unit's posts (its base) and is changed by a list of changes, each with its reason:
// add posts, remove posts, re-grade posts, change their FTE, or convert posts of one role into
// posts of another (two band 5 nurse posts into three band 4 assistant practitioner posts, say).
// The scenario's posts are always the base with the changes replayed in order, so every figure
// can be traced to a change and its reason, and a change can be taken back.
//
// Posts a change adds have negative ids (-1, -2... in the order they were added), so they never
// clash with stored posts; they are vacant.

// Scenario change kinds.
const (
	ChangeAdd     = "add"
	ChangeRemove  = "remove"
	ChangeRegrade = "regrade"
	ChangeFTE     = "fte"
	ChangeConvert = "convert"
	ChangeRetrain = "retrain"
)

// Limits of a scenario.
const (
	MaxScenarioName    = 200
	MaxScenarioNotes   = 5000
	MaxChangeReason    = 1000
	MaxChangePosts     = 100 // posts one change adds
	MaxScenarioChanges = 2000
)

// ScenarioChange is one change of a scenario. Which fields matter depends on the kind:
//   - add: Count posts of RoleID in TeamID, each FTE, at Band ("" for the role's) and PayPoint;
//   - remove: the posts PostIDs;
//   - regrade: the posts PostIDs to Band ("" for the role's);
//   - fte: the posts PostIDs to FTE;
//   - convert: the posts PostIDs (all of one team) become Count posts of RoleID in that team,
//     each FTE, at Band and PayPoint;
//   - retrain: the people PersonIDs gain the competences Gains (see retrain.go); no post changes.
type ScenarioChange struct {
	Kind     string  `json:"kind"`
	Reason   string  `json:"reason"`
	PostIDs  []int64 `json:"post_ids,omitempty"`
	TeamID   int64   `json:"team_id,omitempty"`
	RoleID   int64   `json:"role_id,omitempty"`
	Count    int     `json:"count,omitempty"`
	FTE      FTE     `json:"fte,omitempty"`
	Band     string  `json:"band,omitempty"`
	PayPoint string  `json:"pay_point,omitempty"`
	// PersonIDs and Gains are a retrain change's people and what they gain.
	PersonIDs []int64 `json:"person_ids,omitempty"`
	Gains     []Gain  `json:"competences,omitempty"`
	// By and At say who made the change and when (set by the store).
	By int64  `json:"by,omitempty"`
	At string `json:"at,omitempty"`
}

// ChangeKindLabel is the kind of change in words.
func ChangeKindLabel(kind string) string {
	switch kind {
	case ChangeAdd:
		return "Add posts"
	case ChangeRemove:
		return "Remove posts"
	case ChangeRegrade:
		return "Re-grade posts"
	case ChangeFTE:
		return "Change FTE"
	case ChangeConvert:
		return "Convert posts into another role"
	case ChangeRetrain:
		return "Retrain people"
	}
	return kind
}

// ScenarioRules says what a change may refer to: the unit's teams and the employer's roles, and
// for a retrain change the unit's people and the competences of the frameworks its roles use
// (UnitRules). A nil rule is not checked.
type ScenarioRules struct {
	IsTeam func(id int64) bool
	IsRole func(id int64) bool
	// IsPerson says whether someone works in the unit today.
	IsPerson func(id int64) bool
	// Competence is a competence's level scale (empty when its framework has none); ok is false
	// when no framework the unit's roles use has it.
	Competence func(frameworkKey, nodeKey string) (levels []framework.Level, ok bool)
	// Checked is how many changes at the start of the list were checked against people and
	// competences when they were made: replaying them does not check those again, so a person
	// who has left since (their retraining no longer counts) does not break the scenario.
	Checked int
}

// ApplyChanges replays the changes on the base posts and returns the scenario's posts, or the
// problems of the first change that cannot be applied (Field names it as "changes[3].fte"). It
// takes time in proportion to the posts plus the changes' size, not their product, so a
// scenario of a thousand changes to a large establishment replays quickly.
func ApplyChanges(base []Post, changes []ScenarioChange, rules ScenarioRules) ([]Post, []Problem) {
	st := newReplay(base)
	if len(changes) > MaxScenarioChanges {
		return st.result(), []Problem{{Field: "changes", Message: fmt.Sprintf("A scenario can have at most %d changes", MaxScenarioChanges)}}
	}
	for i, c := range changes {
		if ps := st.apply(c, rules, i >= rules.Checked, fmt.Sprintf("changes[%d].", i)); len(ps) > 0 {
			return st.result(), ps
		}
	}
	return st.result(), nil
}

// CheckChange checks one new change against the scenario's posts as they are, and returns the
// problems with plain field names (for a form).
func CheckChange(posts []Post, c ScenarioChange, rules ScenarioRules) []Problem {
	return newReplay(posts).apply(c, rules, true, "")
}

// CheckNewChange checks a change to add after the scenario's changes (replayed as already
// checked), against everything the rules know, and returns the problems with plain field names.
// Unlike CheckChange it sees the earlier changes' retraining, so a duplicate is found.
func CheckNewChange(base []Post, changes []ScenarioChange, c ScenarioChange, rules ScenarioRules) []Problem {
	st := newReplay(base)
	trusted := rules
	trusted.Checked = len(changes)
	for i, old := range changes {
		if ps := st.apply(old, trusted, false, fmt.Sprintf("changes[%d].", i)); len(ps) > 0 {
			return ps
		}
	}
	return st.apply(c, rules, true, "")
}

// replay is a scenario's posts while changes are applied: removed posts are marked, not cut
// out. A base in id order (as the store keeps it) is searched by halving; any other base gets
// an index by id, which at 120,000 posts costs more than the rest of the replay.
type replay struct {
	posts   []Post
	removed []bool
	base    int           // posts[:base] are the base's
	index   map[int64]int // the base's posts by id, when they are not in id order
	added   map[int64]int // added posts by id
	next    int64         // the id of the next added post
	// gained is what retrain changes gave so far: the rank of each person's competence (0 when
	// the scale was not known at replay).
	gained map[gainKey]gainedAt
}

func newReplay(base []Post) *replay {
	// Room for added posts, so the first one does not copy the whole base again.
	posts := append(make([]Post, 0, len(base)+1024), base...)
	st := &replay{posts: posts, removed: make([]bool, len(base), cap(posts)), base: len(base), added: map[int64]int{}, next: -1,
		gained: map[gainKey]gainedAt{}}
	for i, p := range base {
		st.next = min(st.next, p.ID-1)
		if i > 0 && base[i-1].ID >= p.ID && st.index == nil {
			st.index = make(map[int64]int, len(base))
			for j, q := range base {
				st.index[q.ID] = j
			}
		}
	}
	return st
}

// find is the position of the post with an id.
func (st *replay) find(id int64) (int, bool) {
	if i, ok := st.added[id]; ok {
		return i, true
	}
	if st.index != nil {
		i, ok := st.index[id]
		return i, ok
	}
	return slices.BinarySearchFunc(st.posts[:st.base], id, func(p Post, id int64) int { return cmp.Compare(p.ID, id) })
}

// result is the posts not removed. It cuts them out in place (the replay's posts are its own
// copy), so the replay is over once it is called.
func (st *replay) result() []Post {
	out := st.posts[:0]
	for i, p := range st.posts {
		if !st.removed[i] {
			out = append(out, p)
		}
	}
	return out
}

// apply checks a change and, when it breaks no rule, applies it. strict checks people and
// competences against the rules (a new change); otherwise only the change's shape.
func (st *replay) apply(c ScenarioChange, rules ScenarioRules, strict bool, prefix string) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: prefix + field, Message: fmt.Sprintf(format, args...)})
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(c.Reason)); {
	case n == 0:
		add("reason", "Say why: every change of a scenario has a reason")
	case n > MaxChangeReason:
		add("reason", "The reason must be %d characters or fewer (it has %d)", MaxChangeReason, n)
	}
	selected := func() []int {
		if len(c.PostIDs) == 0 {
			add("post_ids", "Select the posts to change")
			return nil
		}
		var out []int
		seen := map[int64]bool{}
		for _, id := range c.PostIDs {
			i, ok := st.find(id)
			if !ok || st.removed[i] || seen[id] {
				add("post_ids", "Post %d is not in the scenario (or is selected twice)", id)
				return nil
			}
			seen[id] = true
			out = append(out, i)
		}
		return out
	}
	checkFTE := func() {
		if c.FTE < MinFTE || c.FTE > MaxFTE {
			add("fte", "FTE must be from 0.01 to 1.00 (it is %s)", c.FTE)
		}
	}
	checkBand := func() {
		if b, ok := NormaliseBand(c.Band); !ok || b != c.Band {
			add("band", "Band must be one of Agenda for Change's bands, or empty for the role's band")
		}
	}
	checkNew := func() {
		if c.RoleID <= 0 || (rules.IsRole != nil && !rules.IsRole(c.RoleID)) {
			add("role", "Select a role of the organisation")
		}
		if c.Count < 1 || c.Count > MaxChangePosts {
			add("count", "The number of posts must be from 1 to %d", MaxChangePosts)
		}
		checkFTE()
		checkBand()
		if c.PayPoint != PayEntry && c.PayPoint != PayIntermediate && c.PayPoint != PayTop {
			add("pay_point", "New posts are vacant: cost them at the entry, intermediate or top point")
		}
	}
	var sel []int
	switch c.Kind {
	case ChangeAdd:
		if c.TeamID <= 0 || (rules.IsTeam != nil && !rules.IsTeam(c.TeamID)) {
			add("team", "Select a team of the unit")
		}
		checkNew()
	case ChangeRemove:
		sel = selected()
	case ChangeRegrade:
		sel = selected()
		checkBand()
	case ChangeFTE:
		sel = selected()
		checkFTE()
	case ChangeConvert:
		sel = selected()
		for _, i := range sel {
			if st.posts[i].TeamID != st.posts[sel[0]].TeamID {
				add("post_ids", "Convert posts of one team at a time")
				break
			}
		}
		checkNew()
	case ChangeRetrain:
		st.checkRetrain(c, rules, strict, add)
	default:
		add("kind", "Choose what the change does")
	}
	if len(ps) > 0 {
		return ps
	}
	addPosts := func(team int64) {
		for range c.Count {
			st.added[st.next] = len(st.posts)
			st.posts = append(st.posts, Post{ID: st.next, TeamID: team, RoleID: c.RoleID, FTE: c.FTE, Band: c.Band, PayPoint: c.PayPoint})
			st.removed = append(st.removed, false)
			st.next--
		}
	}
	switch c.Kind {
	case ChangeAdd:
		addPosts(c.TeamID)
	case ChangeRemove:
		for _, i := range sel {
			st.removed[i] = true
		}
	case ChangeRegrade:
		for _, i := range sel {
			st.posts[i].Band = c.Band
		}
	case ChangeFTE:
		for _, i := range sel {
			st.posts[i].FTE = c.FTE
		}
	case ChangeConvert:
		team := st.posts[sel[0]].TeamID
		for _, i := range sel {
			st.removed[i] = true
		}
		addPosts(team)
	case ChangeRetrain:
		st.retrain(c, rules)
	}
	return nil
}

// GroupChange is one row of a comparison: the same group now and in the scenario.
type GroupChange struct {
	Key      string  `json:"key"`
	Label    string  `json:"label"`
	Current  Figures `json:"current"`
	Scenario Figures `json:"scenario"`
}

// FundedChange and CostChange are the scenario's difference from today.
func (g GroupChange) FundedChange() FTE { return g.Scenario.FundedFTE - g.Current.FundedFTE }
func (g GroupChange) CostChange() Pence { return g.Scenario.Cost - g.Current.Cost }
func (g GroupChange) PostsChange() int  { return g.Scenario.Posts - g.Current.Posts }
func (g GroupChange) VacantChange() FTE { return g.Scenario.VacantFTE - g.Current.VacantFTE }
func (g GroupChange) StaffChange() FTE  { return g.Scenario.StaffFTE - g.Current.StaffFTE }
func (g GroupChange) Changed() bool     { return g.Current != g.Scenario }

// CoverageChange is one competence's coverage summed over the unit, now and in the scenario.
type CoverageChange struct {
	Competence Competence `json:"competence"`
	Current    Cell       `json:"current"`
	Scenario   Cell       `json:"scenario"`
}

// ShortfallChange is the scenario's shortfall minus today's.
func (c CoverageChange) ShortfallChange() int { return c.Scenario.Shortfall - c.Current.Shortfall }

// Comparison sets a scenario's profile beside today's.
type Comparison struct {
	Total        GroupChange      `json:"total"`
	ByLevel      []GroupChange    `json:"by_level"`
	ByStaffGroup []GroupChange    `json:"by_staff_group"`
	ByRole       []GroupChange    `json:"by_role"`
	Coverage     []CoverageChange `json:"coverage"`
}

// Compare sets two profiles of the same unit side by side, group by group (a group only one of
// them has is zero in the other).
func Compare(current, scenario Profile) Comparison {
	c := Comparison{Total: GroupChange{Key: "total", Label: "Total", Current: current.Figures, Scenario: scenario.Figures}}
	c.ByLevel = pairGroups(current.ByLevel, scenario.ByLevel)
	c.ByStaffGroup = pairGroups(current.ByStaffGroup, scenario.ByStaffGroup)
	c.ByRole = pairGroups(current.ByRole, scenario.ByRole)
	type ck struct{ fw, node string }
	idx := map[ck]int{}
	for i, comp := range current.Coverage.Competences {
		idx[ck{comp.FrameworkKey, comp.NodeKey}] = len(c.Coverage)
		c.Coverage = append(c.Coverage, CoverageChange{Competence: comp, Current: current.Coverage.Totals[i]})
	}
	for i, comp := range scenario.Coverage.Competences {
		k := ck{comp.FrameworkKey, comp.NodeKey}
		j, ok := idx[k]
		if !ok {
			j = len(c.Coverage)
			idx[k] = j
			c.Coverage = append(c.Coverage, CoverageChange{Competence: comp})
		}
		c.Coverage[j].Scenario = scenario.Coverage.Totals[i]
	}
	return c
}

func pairGroups(cur, scen []Group) []GroupChange {
	var out []GroupChange
	idx := map[string]int{}
	for _, g := range cur {
		idx[g.Key] = len(out)
		out = append(out, GroupChange{Key: g.Key, Label: g.Label, Current: g.Figures})
	}
	for _, g := range scen {
		i, ok := idx[g.Key]
		if !ok {
			i = len(out)
			idx[g.Key] = i
			out = append(out, GroupChange{Key: g.Key, Label: g.Label})
		}
		out[i].Scenario = g.Figures
	}
	return out
}

// Signed writes an FTE difference with its sign: "+1.50", "-0.60", "0.00".
func (f FTE) Signed() string {
	if f > 0 {
		return "+" + f.String()
	}
	return f.String()
}

// SignedPounds writes a money difference in whole pounds with its sign: "+£35,871", "-£2,000".
func (p Pence) SignedPounds() string {
	if p > 0 {
		return "+" + p.Pounds()
	}
	return p.Pounds()
}
