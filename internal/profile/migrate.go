package profile

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/framework"
)

// Note is something the person must review after a profile moved to another framework version.
type Note struct {
	// Node is the key of the node in the new version the note is about.
	Node string `json:"node"`
	// Kind is NoteShare, NoteLevel or NoteText.
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// The values of Note.Kind.
const (
	NoteShare = "share" // how the share was made: split, merged, rounded, raised or lowered
	NoteLevel = "level" // where the level came from, or that none could be given
	NoteText  = "note"  // the person's own notes were joined or shortened
)

// SourceError is returned by Migrate for a profile that is not valid on the version it was made
// on (a complete profile against Validate, a draft against ValidateDraft).
type SourceError struct {
	Problems []Problem
}

func (e *SourceError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return "the profile must be valid before it can be moved: " + strings.Join(msgs, "; ")
}

// weightTolerance is how far a crosswalk weight may be from the fraction it is read as, and the
// weights of one mapping from 1; it matches the framework package's own tolerance.
const weightTolerance = 1e-9

// Migrate moves profile p, made on framework version from, to version to through to's
// crosswalk (to.Crosswalk.FromVersion must be from.Version and both must be versions of the
// same framework). The original is not changed: the caller keeps it and saves the result only
// after the person has reviewed it, helped by the notes.
//
// A complete profile must pass Validate on from; the result then passes Validate on to, as long
// as every profiled node of to receives a share from some node of from (otherwise nothing can
// say its level: the result is returned as a draft with a note asking for the level). The
// algorithm, all in exact fractions:
//
//  1. Weights. Each crosswalk weight, a float64 in the file, is read as the fraction it stands
//     for: the simplest fraction within 1e-9 of it when its denominator is at most 1,000 (0.25
//     is 1/4, 0.3333333333 is 1/3, 0.1 is 1/10), otherwise the decimal written (0.12345 is
//     12345/100000). The weights of one mapping are then divided by their sum so that they
//     add up to exactly 1: a share is neither lost nor created. (Rounding weights to
//     ten-thousandths instead would read three thirds as 0.9999, which the framework package
//     accepts but which would lose share.)
//  2. Split. Each new node's exact share is Σ old share × weight over the old nodes mapped to
//     it (times to's total over from's, when the two versions' totals differ). These add up to
//     exactly the total.
//  3. Round by largest remainder. Each new node gets the whole part of its exact share; the
//     units still missing to reach the total go one each to the nodes with the largest
//     fractional parts, ties to the earlier node in the tree. Every share is now its exact
//     share rounded down or up.
//  4. Minimum. In tree order, every node below Rules.MinShare is raised to it one unit at a
//     time, each unit taken from the node with the largest share at that moment (ties: the
//     earlier in the tree), which is always above the minimum while some node is below it.
//
// What holds, with D the shortfall after step 3 (the sum over nodes of MinShare − share where
// positive; D ≤ Σ max(0, MinShare − ⌊exact⌋)): the shares add up to exactly Rules.Total; every
// share is at least MinShare; a node untouched by step 4 is less than 1 from its exact share; a
// raised node has exactly MinShare, which is more than its exact share; a node that gave units
// is less than 1 above its exact share and less than 1 + D below it. So no share is 1 + D or
// more from its exact share, and when no node falls below the minimum (D = 0) every share is its
// exact share rounded down or up. With the built-in IWF 1.0 → 2.1 crosswalk only the four
// Clinical Context elements can fall below 1% (when the old Clinical Context had under 4%), so
// D ≤ 3 and no share moves 4% or more.
//
// Levels follow the crosswalk's level rule, "largest-share" (the only one): a new node takes the
// level of the old node that gives it the largest exact share, ties going to the higher level
// (by rank). The level keeps its key when to has it, else takes to's level of the same rank.
// The person's notes are carried to every new node their old node maps to (joined when several
// old nodes merge, shortened to MaxNoteLength if need be).
//
// A draft moves as a draft: missing shares count as nothing, the total to reach is the draft's
// own total (scaled like the shares and rounded), and step 4 is skipped (a draft may be below
// the minimum).
//
// The notes say, per new node, what the person should check: a share that was split, merged,
// rounded, raised or lowered, and a level taken from a split or a merge.
func Migrate(p Profile, from, to *framework.Framework) (Profile, []Note, error) {
	m, err := newMigration(p, from, to)
	if err != nil {
		return Profile{}, nil, err
	}
	m.split()
	m.round()
	if !p.Draft {
		m.raise()
	}
	m.levels()
	out := m.result()
	if !out.Draft {
		if ps := Validate(out, to); len(ps) > 0 { // a bug here must never reach a saved profile
			return Profile{}, nil, fmt.Errorf("the moved profile is not valid on %s: %s", frameworkName(to), ps[0].Message)
		}
	}
	return out, m.notes, nil
}

type source struct {
	node   string // key in from
	title  string
	share  int
	level  string // key in from, "" when none
	rank   int
	note   string
	weight *big.Rat // normalised weight to this target
	part   *big.Rat // share × weight
	whole  bool     // the old node goes wholly to this one target
}

type migration struct {
	p        Profile
	from, to *framework.Framework
	nodes    []*framework.Node // profiled nodes of to, tree order
	sources  [][]source        // per new node, in from's tree order
	exact    []*big.Rat
	share    []int
	rounded  []int // after step 3
	given    []int // units given away in step 4
	level    []string
	target   int
	notes    []Note
	draft    bool
}

func newMigration(p Profile, from, to *framework.Framework) (*migration, error) {
	switch {
	case from == nil || to == nil:
		return nil, errors.New("both framework versions are needed to move a profile")
	case from.Key != to.Key:
		return nil, fmt.Errorf("a profile of %q cannot move to %q: a crosswalk links two versions of the same framework", from.Key, to.Key)
	case to.Crosswalk == nil || to.Crosswalk.FromVersion != from.Version:
		return nil, fmt.Errorf("%s has no crosswalk from version %s", frameworkName(to), from.Version)
	case to.Crosswalk.LevelRule != "" && to.Crosswalk.LevelRule != framework.LevelRuleLargestShare:
		return nil, fmt.Errorf("the crosswalk of %s has the level rule %q, which Workframe does not know", frameworkName(to), to.Crosswalk.LevelRule)
	}
	for _, f := range []*framework.Framework{from, to} {
		if ps := FrameworkProblems(f); ps != nil {
			return nil, errors.New(ps[0].Message)
		}
	}
	if ps := Check(p, from); len(ps) > 0 {
		return nil, &SourceError{Problems: ps}
	}
	m := &migration{p: p, from: from, to: to, nodes: to.ProfiledNodes(), draft: p.Draft}
	pos := map[string]int{}
	for i, n := range m.nodes {
		pos[n.Key] = i
	}
	m.sources = make([][]source, len(m.nodes))
	// Shares are in units of each version's total: when the totals differ (100 and 1000, say)
	// every share is scaled by to's total over from's.
	scale := big.NewRat(int64(to.Rules.Total), int64(from.Rules.Total))
	for _, old := range from.ProfiledNodes() {
		targets := to.Crosswalk.Targets(old.Key)
		if len(targets) == 0 {
			return nil, fmt.Errorf("the crosswalk of %s does not say where %s goes, so its share would be lost", frameworkName(to), title(from, old.Key))
		}
		weights, err := exactWeights(targets)
		if err != nil {
			return nil, fmt.Errorf("the crosswalk of %s, from %s: %w", frameworkName(to), title(from, old.Key), err)
		}
		e, _ := p.Entry(old.Key)
		rank := 0
		if l := from.Level(e.Level); l != nil {
			rank = l.Rank
		}
		for i, t := range targets {
			j, ok := pos[t.Node]
			if !ok {
				return nil, fmt.Errorf("the crosswalk of %s sends %s to %q, which does not take a share in %s", frameworkName(to), title(from, old.Key), t.Node, frameworkName(to))
			}
			part := new(big.Rat).Mul(big.NewRat(int64(e.Share), 1), weights[i])
			part.Mul(part, scale)
			m.sources[j] = append(m.sources[j], source{node: old.Key, title: title(from, old.Key), share: e.Share,
				level: e.Level, rank: rank, note: e.Note, weight: weights[i], part: part, whole: len(targets) == 1})
		}
	}
	m.target = to.Rules.Total
	if p.Draft { // the draft's own total, scaled, to the nearest whole unit (halves up)
		t := new(big.Rat).Mul(big.NewRat(int64(p.Total()), 1), scale)
		t.Add(t, big.NewRat(1, 2))
		m.target = int(new(big.Int).Quo(t.Num(), t.Denom()).Int64())
	}
	return m, nil
}

// split computes each new node's exact share (step 2).
func (m *migration) split() {
	m.exact = make([]*big.Rat, len(m.nodes))
	for j := range m.nodes {
		m.exact[j] = new(big.Rat)
		for _, s := range m.sources[j] {
			m.exact[j].Add(m.exact[j], s.part)
		}
	}
}

// round rounds the exact shares by largest remainder (step 3).
func (m *migration) round() {
	n := len(m.nodes)
	m.share = make([]int, n)
	rems := make([]*big.Rat, n)
	sum := 0
	for j, x := range m.exact {
		fl := new(big.Int).Quo(x.Num(), x.Denom()) // x ≥ 0, so truncation is the floor
		m.share[j] = int(fl.Int64())
		rems[j] = new(big.Rat).Sub(x, new(big.Rat).SetInt(fl))
		sum += m.share[j]
	}
	for _, j := range largest(n, m.target-sum, func(a, b int) int { return rems[a].Cmp(rems[b]) }) {
		m.share[j]++
	}
	m.rounded = append([]int(nil), m.share...)
}

// raise brings every share up to the minimum, taking from the largest shares (step 4).
func (m *migration) raise() {
	min := m.to.Rules.MinShare
	m.given = make([]int, len(m.nodes))
	for j := range m.nodes {
		for m.share[j] < min {
			giver := -1
			for k, s := range m.share {
				if s > min && (giver < 0 || s > m.share[giver]) {
					giver = k
				}
			}
			if giver < 0 { // impossible: the framework guarantees nodes × minimum ≤ total
				return
			}
			m.share[giver]--
			m.given[giver]++
			m.share[j]++
		}
	}
}

// levels applies the largest-share level rule.
func (m *migration) levels() {
	m.level = make([]string, len(m.nodes))
	for j := range m.nodes {
		best := -1
		for k, s := range m.sources[j] {
			if s.rank == 0 {
				continue // no (known) level to give
			}
			if best < 0 {
				best = k
				continue
			}
			b := m.sources[j][best]
			if c := s.part.Cmp(b.part); c > 0 || (c == 0 && s.rank > b.rank) {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		s := m.sources[j][best]
		if l := m.to.Level(s.level); l != nil {
			m.level[j] = l.Key
			continue
		}
		for _, l := range m.to.Levels {
			if l.Rank == s.rank {
				m.level[j] = l.Key
			}
		}
	}
}

func (m *migration) result() Profile {
	out := Profile{FrameworkKey: m.to.Key, FrameworkVersion: m.to.Version, Draft: m.draft}
	v := "v" + m.from.Version
	for j, n := range m.nodes {
		name := title(m.to, n.Key)
		srcs := m.sources[j]
		e := Entry{Node: n.Key, Share: m.share[j], Level: m.level[j]}
		if note := m.shareNote(j, name, v); note != "" {
			m.notes = append(m.notes, Note{Node: n.Key, Kind: NoteShare, Message: note})
		}
		if note := m.levelNote(j, name, v); note != "" {
			m.notes = append(m.notes, Note{Node: n.Key, Kind: NoteLevel, Message: note})
		}
		if e.Level == "" && !m.draft {
			out.Draft = true
		}
		var texts, from []string
		for _, s := range srcs {
			if t := strings.TrimSpace(s.note); t != "" && !contains(texts, t) {
				texts = append(texts, t)
				from = append(from, s.title)
			}
		}
		e.Note = strings.Join(texts, "\n\n")
		if utf8.RuneCountInString(e.Note) > MaxNoteLength {
			e.Note = string([]rune(e.Note)[:MaxNoteLength-1]) + "…"
			m.notes = append(m.notes, Note{Node: n.Key, Kind: NoteText, Message: fmt.Sprintf(
				"The notes of %s (%s) were too long together and were shortened; the full text is in the %s profile", orAnd(from), v, v)})
		} else if len(texts) > 1 {
			m.notes = append(m.notes, Note{Node: n.Key, Kind: NoteText, Message: fmt.Sprintf(
				"The notes of %s (%s) were joined for %s; check them", orAnd(from), v, name)})
		}
		out.Entries = append(out.Entries, e)
	}
	return out
}

// simple reports whether node j takes the whole of exactly one old node and nothing else: the
// share and level then carry over unchanged and need no note.
func (m *migration) simple(j int) bool {
	s := m.sources[j]
	return len(s) == 1 && s[0].whole
}

func (m *migration) shareNote(j int, name, v string) string {
	srcs, final, x := m.sources[j], m.share[j], m.exact[j]
	if len(srcs) == 0 {
		if m.draft {
			return fmt.Sprintf("%s is new: nothing in %s gives it a share", name, v)
		}
		return fmt.Sprintf("%s is new: nothing in %s gives it a share, so it has the minimum of %s, taken from the largest shares", name, v, percent(final))
	}
	exactFinal := x.Cmp(big.NewRat(int64(final), 1)) == 0
	if m.simple(j) && exactFinal {
		return ""
	}
	var origin string
	if m.simple(j) {
		origin = fmt.Sprintf("it had %s in %s", percent(srcs[0].share), v)
	} else {
		parts := make([]string, len(srcs))
		for k, s := range srcs {
			parts[k] = fmt.Sprintf("the %s %s had", percent(s.share), s.title)
		}
		word, verb := "part", "comes"
		if len(srcs) > 1 {
			word, verb = "parts", "come"
		}
		origin = fmt.Sprintf("its %s of %s in %s", word, orAnd(parts), v)
		if !exactFinal {
			origin += " " + verb + " to " + approx(x) + "%"
		}
	}
	msg := fmt.Sprintf("%s has %s: %s", name, percent(final), origin)
	var why []string
	min := m.to.Rules.MinShare
	r := m.rounded[j]
	switch c := big.NewRat(int64(r), 1).Cmp(x); {
	case !m.draft && final == min && r < min:
		why = append(why, fmt.Sprintf("raised to the minimum of %s", percent(min)))
	case c > 0:
		why = append(why, fmt.Sprintf("rounded up so that the shares add up to %s", percent(m.target)))
	case c < 0:
		why = append(why, fmt.Sprintf("rounded down so that the shares add up to %s", percent(m.target)))
	}
	if m.given != nil && m.given[j] > 0 {
		why = append(why, fmt.Sprintf("less %s given so that every %s has at least %s", percent(m.given[j]), m.to.Rules.ProfileNodeType, percent(min)))
	}
	if len(why) > 0 {
		msg += ", " + strings.Join(why, ", then ")
	}
	return msg
}

func (m *migration) levelNote(j int, name, v string) string {
	if m.level[j] == "" {
		if m.draft {
			return ""
		}
		return fmt.Sprintf("Choose a level for %s: nothing in %s gives it one", name, v)
	}
	if m.simple(j) {
		if s := m.sources[j][0]; s.level == m.level[j] {
			return ""
		}
	}
	var s source
	for _, c := range m.sources[j] {
		if c.rank != 0 && (s.weight == nil || c.part.Cmp(s.part) > 0 || (c.part.Cmp(s.part) == 0 && c.rank > s.rank)) {
			s = c
		}
	}
	lt := levelTitle(m.to, m.level[j])
	msg := fmt.Sprintf("%s took its level (%s) from %s (%s)", name, lt, s.title, v)
	if s.level != m.level[j] {
		msg = fmt.Sprintf("%s took its level (%s, the same rank as %s in %s) from %s (%s)", name, lt, levelTitle(m.from, s.level), v, s.title, v)
	}
	if len(m.sources[j]) > 1 {
		msg += ", which gives it the largest share"
	}
	return msg + "; check it"
}

// exactWeights reads the weights of one mapping as exact fractions that add up to exactly 1
// (step 1 of Migrate).
func exactWeights(targets []framework.Target) ([]*big.Rat, error) {
	out := make([]*big.Rat, len(targets))
	sum, fsum := new(big.Rat), 0.0
	for i, t := range targets {
		w := t.Weight
		if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 {
			return nil, fmt.Errorf("the weight to %q must be a number more than 0", t.Node)
		}
		out[i] = simplestNear(w)
		sum.Add(sum, out[i])
		fsum += w
	}
	if math.Abs(fsum-1) > weightTolerance*float64(len(targets)+1) {
		return nil, fmt.Errorf("the weights add up to %g, not 1", fsum)
	}
	for i := range out {
		out[i].Quo(out[i], sum)
	}
	return out, nil
}

// maxWeightDenominator bounds the fractions a weight may be read as: weights are either simple
// fractions (halves, thirds, sevenths...) or decimals, and a bigger denominator would only pick
// an odd neighbour of a decimal (0.99999 is 99990/99991 ± 1e-10).
const maxWeightDenominator = 1000

// simplestNear returns the fraction a person meant when writing the weight w (w > 0): the
// fraction with the smallest denominator within weightTolerance of w when that denominator is at
// most maxWeightDenominator (0.25 is 1/4, 0.3333333333 is 1/3), and otherwise the decimal w is
// written as (0.12345 is 12345/100000). A decimal of up to five places is never taken for a
// different simple fraction: two such numbers differ by at least 1/(1000 × 10⁵) > 1e-9.
func simplestNear(w float64) *big.Rat {
	tol := math.Min(weightTolerance, w/2)
	lo, hi := new(big.Rat), new(big.Rat)
	if lo.SetFloat64(w-tol) != nil && hi.SetFloat64(w+tol) != nil && lo.Sign() > 0 {
		if r := simplest(lo, hi); r.Denom().IsInt64() && r.Denom().Int64() <= maxWeightDenominator {
			return r
		}
	}
	if r, ok := new(big.Rat).SetString(strconv.FormatFloat(w, 'g', -1, 64)); ok {
		return r
	}
	return new(big.Rat).SetFloat64(w)
}

// simplest returns the fraction with the smallest denominator (then numerator) in [lo, hi],
// 0 < lo ≤ hi, by the continued-fraction method.
func simplest(lo, hi *big.Rat) *big.Rat {
	fl := new(big.Int).Quo(lo.Num(), lo.Denom()) // lo > 0: truncation is the floor
	flr := new(big.Rat).SetInt(fl)
	if flr.Cmp(lo) == 0 {
		return flr
	}
	next := new(big.Rat).Add(flr, big.NewRat(1, 1))
	if next.Cmp(hi) <= 0 {
		return next
	}
	// fl < lo ≤ hi < fl+1: fl + 1/x with x the simplest in [1/(hi−fl), 1/(lo−fl)].
	a := new(big.Rat).Inv(new(big.Rat).Sub(hi, flr))
	b := new(big.Rat).Inv(new(big.Rat).Sub(lo, flr))
	x := simplest(a, b)
	return x.Add(flr, x.Inv(x))
}

// approx writes an exact share for a note: "2.5", "about 3.33".
func approx(x *big.Rat) string {
	s := decimal(x)
	r, _ := new(big.Rat).SetString(s)
	if r == nil || r.Cmp(x) != 0 {
		return "about " + s
	}
	return s
}

// orAnd joins words as "a, b and c".
func orAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
