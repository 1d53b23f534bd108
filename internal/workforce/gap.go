package workforce

import (
	"math/big"

	"github.com/workframe/workframe/internal/framework"
)

// Gap analysis (issue 5): a person's portfolio against a role's requirements.
//
// Each requirement is met (held at the required level or above), partly met (held at a lower
// level of the framework's scale) or missing (not held, or held only in an entry whose review or
// expiry date has passed: an expired competence has to be renewed before it counts).
//
// Readiness, in plain words: every requirement carries a weight, 2 when essential and 1 when
// desirable (an essential competence counts twice a desirable one). A met requirement earns its
// whole weight; a partly met one earns the fraction of the required level reached (held level
// position ÷ required level position on the framework's scale, so level 2 of a required 3 earns
// two thirds); a missing one earns nothing. Readiness is the earned weight as a percentage of the
// total, rounded down to a whole number, computed with exact fractions: it is 100 only when every
// requirement is met, and 100 for a role that requires nothing. Matching ignores the framework
// version (a competence held against KSF 2010 meets a requirement of the same dimension in a
// later version) but compares levels by their position on the required version's scale.

// Weights of the readiness figure.
const (
	WeightEssential = 2
	WeightDesirable = 1
)

// Gap statuses.
const (
	GapMet     = "met"
	GapPartly  = "partly"
	GapMissing = "missing"
)

// GapItem is one requirement of the role and how the person stands against it.
type GapItem struct {
	Requirement
	Title         string `json:"title"`
	Code          string `json:"code,omitempty"`
	RequiredLevel string `json:"required_level,omitempty"` // the level's title
	RequiredRank  int    `json:"required_rank"`
	HeldLevel     string `json:"held_level,omitempty"`
	HeldRank      int    `json:"held_rank"`
	Status        string `json:"status"`
	// Expired marks a requirement the person held in an entry that has expired.
	Expired bool `json:"expired,omitempty"`
	// Percent is how much of this requirement is reached, 0..100 rounded down, for the chart.
	Percent int `json:"percent"`
}

// Gap is the whole analysis.
type Gap struct {
	Items     []GapItem `json:"items"`
	Readiness int       `json:"readiness"`
	Met       int       `json:"met"`
	Partly    int       `json:"partly"`
	Missing   int       `json:"missing"`
	// EssentialMissing counts essential requirements that are not met (partly or missing).
	EssentialNotMet int `json:"essential_not_met"`
}

func lookupOrNil(lookup FrameworkLookup, q Requirement) *framework.Framework {
	if lookup == nil || q.FrameworkKey == "" {
		return nil
	}
	return lookup(q.FrameworkKey, q.FrameworkVersion)
}

// levelRank is the position of a level key on a scale, 0 when it is not on it.
func levelRank(levels []framework.Level, key string) int {
	for _, l := range levels {
		if l.Key == key {
			return l.Rank
		}
	}
	return 0
}

func levelTitle(levels []framework.Level, key string) string {
	for _, l := range levels {
		if l.Key == key {
			return l.Title
		}
	}
	return key
}

// Analyse compares held entries with the requirements. lookup finds the framework versions (for
// titles and level scales); a requirement whose framework it cannot find is compared by level
// key alone. today decides which entries have expired.
func Analyse(reqs []Requirement, held []PortfolioEntry, lookup FrameworkLookup, today Date) Gap {
	type key struct{ fw, node string }
	// The best in-date entry of each competence, and whether an expired one exists.
	best := map[key]PortfolioEntry{}
	bestRank := map[key]int{}
	expired := map[key]bool{}
	for _, e := range held {
		k := key{e.FrameworkKey, e.NodeKey}
		if e.Flag(today, 0) == FlagExpired {
			expired[k] = true
			continue
		}
		r := 1
		if f := lookupOrNil(lookup, e.Requirement()); f != nil && len(f.Levels) > 0 {
			r = levelRank(f.Levels, e.LevelKey)
		}
		if _, ok := best[k]; !ok || r > bestRank[k] {
			best[k], bestRank[k] = e, r
		}
	}

	g := Gap{Items: make([]GapItem, 0, len(reqs))}
	earned, total := new(big.Rat), new(big.Rat)
	for _, q := range reqs {
		it := GapItem{Requirement: q, Title: q.NodeKey}
		f := lookupOrNil(lookup, q)
		var levels []framework.Level
		if f != nil {
			if n := f.Node(q.NodeKey); n != nil {
				it.Title, it.Code = n.Title, n.Code
			}
			levels = f.Levels
		}
		// Required position: on the scale when there is one; a framework without a scale (or a
		// requirement without a level) is all-or-nothing, position 1.
		it.RequiredRank = 1
		if q.LevelKey != "" && len(levels) > 0 {
			if r := levelRank(levels, q.LevelKey); r > 0 {
				it.RequiredRank = r
			}
			it.RequiredLevel = levelTitle(levels, q.LevelKey)
		} else if q.LevelKey != "" {
			it.RequiredLevel = q.LevelKey
		}
		k := key{q.FrameworkKey, q.NodeKey}
		e, ok := best[k]
		if ok {
			switch {
			case q.LevelKey == "" || len(levels) == 0:
				it.HeldRank = it.RequiredRank
				if e.LevelKey != q.LevelKey && q.LevelKey != "" && len(levels) == 0 {
					it.HeldRank = 0 // no scale to compare on: only the same level key counts
				}
			default:
				it.HeldRank = levelRank(levels, e.LevelKey)
			}
			if e.LevelKey != "" {
				it.HeldLevel = levelTitle(levels, e.LevelKey)
			}
		}
		it.Expired = expired[k] && !ok
		w := int64(WeightDesirable)
		if q.Essential {
			w = WeightEssential
		}
		total.Add(total, big.NewRat(w, 1))
		switch {
		case ok && it.HeldRank >= it.RequiredRank:
			it.Status, it.Percent = GapMet, 100
			g.Met++
			earned.Add(earned, big.NewRat(w, 1))
		case ok && it.HeldRank > 0:
			it.Status = GapPartly
			it.Percent = it.HeldRank * 100 / it.RequiredRank
			g.Partly++
			earned.Add(earned, big.NewRat(w*int64(it.HeldRank), int64(it.RequiredRank)))
		default:
			it.Status = GapMissing
			g.Missing++
		}
		if q.Essential && it.Status != GapMet {
			g.EssentialNotMet++
		}
		g.Items = append(g.Items, it)
	}
	g.Readiness = 100
	if total.Sign() > 0 {
		pct := new(big.Rat).Mul(earned, big.NewRat(100, 1))
		pct.Quo(pct, total)
		g.Readiness = int(new(big.Int).Quo(pct.Num(), pct.Denom()).Int64()) // floor: both positive
	}
	return g
}
