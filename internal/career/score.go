package career

import (
	"math"
	"math/big"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// Transferability (issue 5) is how much of a role's requirement a person (or another role)
// already meets: exactly the readiness figure of the gap analysis, workforce.Analyse. Every
// requirement weighs 2 when essential and 1 when desirable; a met one earns its whole weight, a
// partly met one the share of the required level reached (held rank ÷ required rank), a missing
// one nothing; the score is the earned weight as a whole percentage, rounded down.
//
// Transferability itself calls workforce.Analyse. Career options and talent match need the same
// figure for tens of thousands of roles or a million people per request, so this file also holds a
// compact form (competences and level keys interned as small integers, level scales as arrays)
// that the in-memory index scores with integer arithmetic. TestCompactAgreesWithAnalyse proves the
// two agree for all inputs it can generate, expiry and framework versions included.

// Transferability is the readiness of the held entries against the requirements: the reference
// the compact form must agree with.
func Transferability(reqs []workforce.Requirement, held []workforce.PortfolioEntry, lookup workforce.FrameworkLookup, today workforce.Date) int {
	return workforce.Analyse(reqs, held, lookup, today).Readiness
}

// NoReview is the Review of an entry that never expires.
const NoReview = math.MaxInt32

// Day is a calendar day as a number (days since 1 January 1970), so expiry is an integer compare.
func Day(d workforce.Date) int32 {
	if d.IsZero() {
		return NoReview
	}
	return int32(d.Time().Unix() / 86400)
}

// Today is the day number of a date, for the queries.
func Today(d workforce.Date) int32 { return int32(d.Time().Unix() / 86400) }

// DayOf is the day number of a time's UTC calendar day.
func DayOf(t time.Time) int32 { return Today(workforce.DateOf(t.UTC())) }

// Held is one competence held, compactly: the competence, its level key, its rank on the scale of
// its own framework version (1 when that has no scale, as Analyse ranks it) and the day its review
// or expiry falls (NoReview for none).
type Held struct {
	Comp   int32
	Level  uint16
	Own    uint16
	Review int32
}

// Modes of a compact requirement, following Analyse's three cases.
const (
	modeAny   uint8 = iota // no level required: any in-date entry meets it
	modeExact              // a level but no scale: only the same level key meets it
	modeScale              // a level on a scale: ranks compared, partly met below it
)

// NeedItem is one requirement, compactly.
type NeedItem struct {
	Comp   int32
	Weight uint8
	Mode   uint8
	Req    uint16 // required rank (1 unless the mode is modeScale)
	Key    uint16 // level key, for modeExact
	Scale  int32  // scale index, for modeScale
}

// Need is a role's requirement, compactly, with what the integer arithmetic needs: the total
// weight and a common denominator of the required ranks.
type Need struct {
	Items []NeedItem
	Total int64
	LCM   int64
	// Big marks a need whose denominator could overflow int64 arithmetic (absurdly long scales):
	// it is scored with exact big fractions instead.
	Big bool
}

// Catalog interns competences, level keys and level scales. It is not safe for concurrent
// writes; the index guards it.
type Catalog struct {
	comps  map[[2]string]int32
	keys   map[string]uint16
	scales map[string]int32
	// ranks[scale][key] is the rank of a level key on a scale, 0 when it is not on it.
	ranks [][]uint16
	// scaleOf records the level scale of each framework version, with ok false when there is none.
	lookup workforce.FrameworkLookup
}

// NewCatalog returns an empty catalog that reads framework versions through lookup.
func NewCatalog(lookup workforce.FrameworkLookup) *Catalog {
	return &Catalog{comps: map[[2]string]int32{}, keys: map[string]uint16{"": 0}, scales: map[string]int32{}, lookup: lookup}
}

// Comps is how many competences are interned.
func (c *Catalog) Comps() int { return len(c.comps) }

func (c *Catalog) comp(fw, node string) int32 {
	k := [2]string{fw, node}
	id, ok := c.comps[k]
	if !ok {
		id = int32(len(c.comps))
		c.comps[k] = id
	}
	return id
}

// LookupComp returns the id of a competence, and whether it is known.
func (c *Catalog) LookupComp(fw, node string) (int32, bool) {
	id, ok := c.comps[[2]string{fw, node}]
	return id, ok
}

func (c *Catalog) key(k string) uint16 {
	id, ok := c.keys[k]
	if !ok {
		id = uint16(len(c.keys))
		c.keys[k] = id
		for i := range c.ranks {
			c.ranks[i] = append(c.ranks[i], 0)
		}
	}
	return id
}

// scale returns the scale of a framework version, or -1 when it has none (not found, or no
// levels).
func (c *Catalog) scale(fw, version string) int32 {
	ref := fw + "@" + version
	if id, ok := c.scales[ref]; ok {
		return id
	}
	var f *framework.Framework
	if c.lookup != nil && fw != "" {
		f = c.lookup(fw, version)
	}
	if f == nil || len(f.Levels) == 0 {
		c.scales[ref] = -1
		return -1
	}
	for _, l := range f.Levels {
		c.key(l.Key)
	}
	id := int32(len(c.ranks))
	row := make([]uint16, len(c.keys))
	for _, l := range f.Levels {
		if l.Rank > 0 && l.Rank < math.MaxUint16 {
			row[c.keys[l.Key]] = uint16(l.Rank)
		}
	}
	c.ranks = append(c.ranks, row)
	c.scales[ref] = id
	return id
}

func (c *Catalog) rank(scale int32, key uint16) uint16 {
	if scale < 0 {
		return 0
	}
	row := c.ranks[scale]
	if int(key) >= len(row) {
		return 0
	}
	return row[key]
}

// HeldOf makes the compact form of portfolio entries, in their order (the order matters: of two
// entries of equal rank the first counts, as in Analyse).
func (c *Catalog) HeldOf(entries []workforce.PortfolioEntry) []Held {
	out := make([]Held, 0, len(entries))
	for _, e := range entries {
		h := Held{Comp: c.comp(e.FrameworkKey, e.NodeKey), Level: c.key(e.LevelKey), Own: 1, Review: Day(e.ReviewBy)}
		if s := c.scale(e.FrameworkKey, e.FrameworkVersion); s >= 0 {
			h.Own = c.rank(s, h.Level)
		}
		out = append(out, h)
	}
	return out
}

// HeldFromRequirements is what someone holds once they meet the requirements: each competence at
// the level required, never expiring. It is a role as a starting point ("where does this role
// lead?") and each step of a pathway once passed.
func (c *Catalog) HeldFromRequirements(reqs []workforce.Requirement) []Held {
	entries := make([]workforce.PortfolioEntry, len(reqs))
	for i, q := range reqs {
		entries[i] = workforce.PortfolioEntry{FrameworkKey: q.FrameworkKey, FrameworkVersion: q.FrameworkVersion, NodeKey: q.NodeKey, LevelKey: q.LevelKey}
	}
	return c.HeldOf(entries)
}

// EntriesFromRequirements is HeldFromRequirements as portfolio entries, for workforce.Analyse.
func EntriesFromRequirements(reqs []workforce.Requirement) []workforce.PortfolioEntry {
	out := make([]workforce.PortfolioEntry, len(reqs))
	for i, q := range reqs {
		out[i] = workforce.PortfolioEntry{FrameworkKey: q.FrameworkKey, FrameworkVersion: q.FrameworkVersion, NodeKey: q.NodeKey, LevelKey: q.LevelKey}
	}
	return out
}

// NeedOf makes the compact form of a role's requirements.
func (c *Catalog) NeedOf(reqs []workforce.Requirement) Need {
	n := Need{Items: make([]NeedItem, 0, len(reqs)), LCM: 1}
	for _, q := range reqs {
		it := NeedItem{Comp: c.comp(q.FrameworkKey, q.NodeKey), Weight: workforce.WeightDesirable, Req: 1, Scale: -1}
		if q.Essential {
			it.Weight = workforce.WeightEssential
		}
		s := c.scale(q.FrameworkKey, q.FrameworkVersion)
		switch {
		case q.LevelKey == "":
			it.Mode = modeAny
		case s < 0:
			it.Mode, it.Key = modeExact, c.key(q.LevelKey)
		default:
			it.Mode, it.Scale, it.Key = modeScale, s, c.key(q.LevelKey)
			if r := c.rank(s, it.Key); r > 0 {
				it.Req = r
			}
		}
		n.Total += int64(it.Weight)
		if !n.Big {
			l := lcm(n.LCM, int64(it.Req))
			if l > 1<<40 {
				n.Big = true
			} else {
				n.LCM = l
			}
		}
		n.Items = append(n.Items, it)
	}
	return n
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func lcm(a, b int64) int64 { return a / gcd(a, b) * b }

// Best is what counts of a held competence: its best in-date entry's level key and own rank.
type Best struct {
	Level uint16
	Own   uint16
}

// BestHeld picks, for each competence, the in-date entry Analyse would count: the first of the
// highest own rank. Entries whose review date is before today are left out.
func BestHeld(held []Held, today int32, into map[int32]Best) map[int32]Best {
	if into == nil {
		into = make(map[int32]Best, len(held))
	}
	for _, h := range held {
		if h.Review < today {
			continue
		}
		if b, ok := into[h.Comp]; !ok || h.Own > b.Own {
			into[h.Comp] = Best{Level: h.Level, Own: h.Own}
		}
	}
	return into
}

// heldRank is the rank held against one requirement item, given the best entry of its
// competence.
func (c *Catalog) heldRank(it NeedItem, b Best) uint16 {
	switch it.Mode {
	case modeAny:
		return it.Req
	case modeExact:
		if b.Level == it.Key {
			return it.Req
		}
		return 0
	}
	return c.rank(it.Scale, b.Level)
}

// Counts are the parts of a score: requirements met, partly met and missing, and essential ones
// not met.
type Counts struct {
	Met, Partly, Missing, EssentialNotMet int
}

// Score is the transferability of the best held competences to a need, with its counts.
func (c *Catalog) Score(n Need, best func(comp int32) (Best, bool)) (int, Counts) {
	var cnt Counts
	if n.Total == 0 {
		return 100, cnt
	}
	var earned int64
	var earnedBig *big.Rat
	if n.Big {
		earnedBig = new(big.Rat)
	}
	for _, it := range n.Items {
		var held uint16
		b, ok := best(it.Comp)
		if ok {
			held = c.heldRank(it, b)
		}
		switch {
		case ok && held >= it.Req:
			cnt.Met++
			if n.Big {
				earnedBig.Add(earnedBig, big.NewRat(int64(it.Weight), 1))
			} else {
				earned += int64(it.Weight) * n.LCM
			}
		case ok && held > 0:
			cnt.Partly++
			if n.Big {
				earnedBig.Add(earnedBig, big.NewRat(int64(it.Weight)*int64(held), int64(it.Req)))
			} else {
				earned += int64(it.Weight) * int64(held) * (n.LCM / int64(it.Req))
			}
		default:
			cnt.Missing++
		}
		if it.Weight == workforce.WeightEssential && !(ok && held >= it.Req) {
			cnt.EssentialNotMet++
		}
	}
	if n.Big {
		pct := new(big.Rat).Mul(earnedBig, big.NewRat(100, n.Total))
		return int(new(big.Int).Quo(pct.Num(), pct.Denom()).Int64()), cnt
	}
	return int(earned * 100 / (n.Total * n.LCM)), cnt
}

// ScoreHeld is Score against a map of best entries.
func (c *Catalog) ScoreHeld(n Need, best map[int32]Best) (int, Counts) {
	return c.Score(n, func(comp int32) (Best, bool) { b, ok := best[comp]; return b, ok })
}
