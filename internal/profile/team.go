package profile

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// Member is one person (or post) in a team aggregate.
type Member struct {
	// Profile must be a complete, valid profile of the framework version aggregated.
	Profile Profile
	// FTE is the member's whole-time equivalent in hundredths: 100 is full time, 60 is 0.6.
	// Hundredths keep the arithmetic exact (DESIGN.md decision 10); FTE is never stated more
	// finely than that.
	FTE int
	// Count is how many people or posts the member stands for (0 counts as 1): the posts of one
	// role in a unit share their role's profile, so they go in as one member with their FTE
	// summed, and the spread of levels and the member count still count posts.
	Count int
}

// count is how many the member stands for.
func (m Member) count() int { return max(1, m.Count) }

// MaxFTE is the largest FTE a member may have, in hundredths (100 whole-time equivalents): a
// member may stand for a group of identical posts, but a bigger number is a typing error.
const MaxFTE = 100 * 100

// ErrNoMembers is returned by Team for a team without members: it has no profile.
var ErrNoMembers = errors.New("a team profile needs at least one member with a profile")

// MemberError says which member stopped a team aggregate and why.
type MemberError struct {
	Index int // position in the members given to Team
	// Reason is set for an FTE out of range; Problems for a profile that does not validate.
	Reason   string
	Problems []Problem
}

func (e *MemberError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("member %d: %s", e.Index+1, e.Reason)
	}
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return fmt.Sprintf("member %d: the profile is not complete: %s", e.Index+1, strings.Join(msgs, "; "))
}

// Ratio is an exact fraction Num/Den (Den > 0).
type Ratio struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Float64 returns the ratio as a float, for charts.
func (r Ratio) Float64() float64 { return float64(r.Num) / float64(r.Den) }

// String writes the ratio as a decimal rounded half up to two places ("12.25", "7", "33.33").
func (r Ratio) String() string {
	if r.Den <= 0 {
		return "?"
	}
	return decimal(new(big.Rat).SetFrac64(r.Num, r.Den))
}

// decimal writes an exact fraction as a decimal rounded half away from zero to two places,
// without trailing zeros ("12.25", "7", "33.33").
func decimal(x *big.Rat) string {
	h := new(big.Rat).Mul(new(big.Rat).Abs(x), big.NewRat(100, 1))
	h.Add(h, big.NewRat(1, 2))
	n := new(big.Int).Quo(h.Num(), h.Denom()) // hundredths, rounded half up
	hundred := big.NewInt(100)
	whole, frac := new(big.Int).QuoRem(n, hundred, new(big.Int))
	s := whole.String()
	if frac.Sign() != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%02d", frac.Int64()), "0")
	}
	if x.Sign() < 0 && n.Sign() != 0 {
		s = "-" + s
	}
	return s
}

// TeamProfile is the profile of a team made from its members' profiles.
type TeamProfile struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	// Members is how many members (people or posts, Member.Count) were aggregated; FTE their
	// total in hundredths.
	Members int `json:"members"`
	FTE     int `json:"fte"`
	// GapRank is the level rank a member must reach on an element for it not to be a gap.
	GapRank int `json:"gap_rank"`
	// Elements has one element per profiled node, in tree order. Their shares add up to
	// exactly the framework's total.
	Elements []TeamElement `json:"elements"`
	// Gaps lists, in tree order, the keys of the elements where no member works at GapRank or
	// above: the team's development needs.
	Gaps []string `json:"gaps,omitempty"`
}

// TeamElement is one profiled node of a team profile.
type TeamElement struct {
	Node        string `json:"node"`
	Title       string `json:"title"`
	Parent      string `json:"parent,omitempty"`
	ParentTitle string `json:"parent_title,omitempty"`
	// Share is Mean rounded to a whole percent by largest remainder (see Team).
	Share int `json:"share"`
	// Mean is the exact FTE-weighted mean of the members' shares.
	Mean Ratio `json:"mean"`
	// Lowest and Highest are the smallest and largest share any member gives the element.
	Lowest  int `json:"lowest"`
	Highest int `json:"highest"`
	// Levels is the spread of levels: one count per level of the framework, lowest rank first,
	// zero counts included so that a table or chart has a fixed shape.
	Levels []LevelCount `json:"levels"`
	// Gap is true when no member works at the team's GapRank or above on this element.
	Gap bool `json:"gap,omitempty"`
}

// LevelCount is how many members (and how much FTE) work at one level on one element; a member
// standing for several posts counts once per post.
type LevelCount struct {
	Level   string `json:"level"`
	Title   string `json:"title"`
	Rank    int    `json:"rank"`
	Members int    `json:"members"`
	FTE     int    `json:"fte"` // hundredths
}

// DefaultGapRank is the level rank Team uses for gaps: the lowest rank of the upper half of f's
// scale, that is the level at position n/2 (counting from 0) of the n levels sorted by rank.
// For the IWF's four levels that is rank 3, Intermediate, which is what the issue names ("the
// elements where nobody works at Intermediate or above"): Intermediate is the first level at
// which a person supports others, so a team with nobody there depends on outside help. For a
// three-level scale it is the second level; for five, the third (the middle level counts as
// upper). It is 0 when f has no levels.
func DefaultGapRank(f *framework.Framework) int {
	ls := sortedLevels(f)
	if len(ls) == 0 {
		return 0
	}
	return ls[len(ls)/2].Rank
}

// Team makes the profile of a team from its members' profiles, with gaps at DefaultGapRank(f).
// See TeamWithGapRank.
func Team(f *framework.Framework, members []Member) (TeamProfile, error) {
	return TeamWithGapRank(f, members, DefaultGapRank(f))
}

// TeamWithGapRank makes the profile of a team on framework version f from its members, each of
// whom must have a valid (complete) profile of f and an FTE from 1 to MaxFTE hundredths.
//
// Each element's Mean is the exact FTE-weighted mean Σ FTEᵢ·shareᵢ / Σ FTEᵢ, kept as a fraction.
// Share rounds the means to whole percent by largest remainder: every element gets the whole
// part of its mean, and the units still missing to reach the total go one each to the elements
// with the largest fractional parts (ties: tree order). Because every member's shares add up to
// the total, the means add up to it exactly, so:
//
//   - the shares add up to exactly Rules.Total;
//   - each share is its mean rounded down or up (never further than 1 from it);
//   - each share lies within [Lowest, Highest], the smallest and largest member share for that
//     element (the mean lies between them and they are whole numbers), so the minimum share
//     holds too.
//
// Levels counts members (and their FTE) at each level, and an element is a gap when no member
// works on it at gapRank or above.
func TeamWithGapRank(f *framework.Framework, members []Member, gapRank int) (TeamProfile, error) {
	if ps := FrameworkProblems(f); ps != nil {
		return TeamProfile{}, errors.New(ps[0].Message)
	}
	if len(members) == 0 {
		return TeamProfile{}, ErrNoMembers
	}
	var fte int64
	count := 0
	for i, m := range members {
		// A member standing for n posts may hold up to n times MaxFTE.
		if m.FTE <= 0 || int64(m.FTE) > int64(MaxFTE)*int64(m.count()) {
			return TeamProfile{}, &MemberError{Index: i, Reason: fmt.Sprintf("the FTE must be more than 0 and at most %d.00; it is %s", MaxFTE/100*m.count(), Ratio{int64(m.FTE), 100})}
		}
		if ps := Validate(m.Profile, f); len(ps) > 0 {
			return TeamProfile{}, &MemberError{Index: i, Problems: ps}
		}
		fte += int64(m.FTE)
		count += m.count()
	}
	total := int64(f.Rules.Total)
	if fte > math.MaxInt64/total/2 { // the sums below stay under FTE × total
		return TeamProfile{}, fmt.Errorf("the team is too large to aggregate exactly (%d members)", len(members))
	}
	t := TeamProfile{FrameworkKey: f.Key, FrameworkVersion: f.Version, Members: count, FTE: int(fte), GapRank: gapRank}
	nodes := f.ProfiledNodes()
	levels := sortedLevels(f)
	floors := make([]int64, len(nodes))
	rems := make([]int64, len(nodes))
	var sumFloors int64
	for i, n := range nodes {
		el := TeamElement{Node: n.Key, Title: title(f, n.Key), Gap: true}
		if parent := f.Parent(n.Key); parent != nil {
			el.Parent, el.ParentTitle = parent.Key, title(f, parent.Key)
		}
		for _, l := range levels {
			el.Levels = append(el.Levels, LevelCount{Level: l.Key, Title: levelTitle(f, l.Key), Rank: l.Rank})
		}
		var num int64
		for j, m := range members {
			e, _ := m.Profile.Entry(n.Key)
			num += int64(m.FTE) * int64(e.Share)
			if j == 0 || e.Share < el.Lowest {
				el.Lowest = e.Share
			}
			if j == 0 || e.Share > el.Highest {
				el.Highest = e.Share
			}
			for k := range el.Levels {
				if el.Levels[k].Level == e.Level {
					el.Levels[k].Members += m.count()
					el.Levels[k].FTE += m.FTE
					if el.Levels[k].Rank >= gapRank {
						el.Gap = false
					}
				}
			}
		}
		el.Mean = reduce(num, fte)
		floors[i], rems[i] = num/fte, num%fte // shares are ≥ 0 (MinShare ≥ 0), so / is floor
		sumFloors += floors[i]
		t.Elements = append(t.Elements, el)
	}
	for _, i := range largest(len(nodes), int(total-sumFloors), func(a, b int) int { return cmpInt64(rems[a], rems[b]) }) {
		floors[i]++
	}
	for i := range t.Elements {
		t.Elements[i].Share = int(floors[i])
		if t.Elements[i].Gap {
			t.Gaps = append(t.Gaps, t.Elements[i].Node)
		}
	}
	return t, nil
}

// largest returns the indexes (0..n-1) of the k largest items by cmp, ties going to the lower
// index (tree order). It is the choice step of largest-remainder rounding.
func largest(n, k int, cmp func(a, b int) int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return -cmp(a, b) })
	k = max(0, min(k, n))
	return idx[:k]
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func reduce(num, den int64) Ratio {
	a, b := num, den
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return Ratio{0, 1}
	}
	return Ratio{num / a, den / a}
}
