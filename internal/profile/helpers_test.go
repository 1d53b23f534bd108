package profile

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
)

var (
	builtinOnce sync.Once
	builtin     map[string]*framework.Framework
	builtinErr  []framework.Problem
)

// iwf returns a built-in IWF version ("1.0" or "2.1"), loaded as the application loads it.
func iwf(t testing.TB, version string) *framework.Framework {
	t.Helper()
	builtinOnce.Do(func() {
		all, problems := framework.LoadAll(frameworks.FS)
		builtinErr = problems
		builtin = map[string]*framework.Framework{}
		for _, f := range all {
			builtin[f.ID()] = f
		}
	})
	if len(builtinErr) > 0 {
		t.Fatalf("the built-in frameworks do not load: %v", builtinErr)
	}
	f := builtin["iwf@"+version]
	if f == nil {
		t.Fatalf("no built-in iwf@%s", version)
	}
	return f
}

// tiny is a hand-made profile framework unlike the IWF: three "area" nodes under two groups, a
// three-step scale, shares adding up to 10 with at least 2 each.
func tiny(t testing.TB) *framework.Framework {
	t.Helper()
	f := &framework.Framework{
		Key: "tiny", Title: "Tiny", Version: "1", Kind: framework.KindProfile,
		Levels: []framework.Level{
			{Key: "high", Rank: 3, Title: "High"}, // out of order on purpose
			{Key: "low", Rank: 1, Title: "Low"},
			{Key: "mid", Rank: 2, Title: "Mid"},
		},
		Rules: &framework.Rules{ProfileNodeType: "area", Total: 10, MinShare: 2},
		Nodes: []framework.Node{
			{Key: "g1", Type: "group", Title: "Group one", Children: []framework.Node{
				{Key: "a", Type: "area", Title: "Apples"},
				{Key: "b", Type: "area", Title: "Bananas"},
			}},
			{Key: "g2", Type: "group", Title: "Group two", Children: []framework.Node{
				{Key: "c", Type: "area", Title: "Cherries"},
			}},
		},
	}
	mustValid(t, f)
	return f
}

// zeroMin is a hand-made framework whose minimum share is 0.
func zeroMin(t testing.TB) *framework.Framework {
	t.Helper()
	f := &framework.Framework{
		Key: "zero", Title: "Zero", Version: "1", Kind: framework.KindProfile,
		Levels: []framework.Level{{Key: "one", Rank: 1, Title: "One"}, {Key: "two", Rank: 2, Title: "Two"}},
		Rules:  &framework.Rules{ProfileNodeType: "element", Total: 100, MinShare: 0},
		Nodes: []framework.Node{
			{Key: "x", Type: "element", Title: "Ex"},
			{Key: "y", Type: "element", Title: "Why"},
		},
	}
	mustValid(t, f)
	return f
}

func mustValid(t testing.TB, f *framework.Framework) {
	t.Helper()
	if ps := framework.Validate(f); len(ps) > 0 {
		t.Fatalf("test framework %s is not valid: %v", f.ID(), ps)
	}
}

// prof builds a profile of f from "key", share, level triples given in order.
func prof(f *framework.Framework, entries ...Entry) Profile {
	return Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version, Entries: entries}
}

// iwf21Valid is a valid IWF 2.1 profile (a research nurse, say).
func iwf21Valid(t testing.TB) Profile {
	f := iwf(t, "2.1")
	shares := map[string]int{
		"ethics-patient-safety-governance": 10, "research-development-regulation": 5,
		"science-research-design": 5, "clinical-studies-operations": 30, "study-site-management": 10,
		"data-management-informatics": 10, "communication-relationships": 10,
		"clinical-context-1": 5, "clinical-context-2": 5, "clinical-context-3": 3,
		"clinical-context-4": 4, "leadership": 3,
	}
	p := prof(f)
	for _, n := range f.ProfiledNodes() {
		p.Entries = append(p.Entries, Entry{Node: n.Key, Share: shares[n.Key], Level: "core"})
	}
	return p
}

// with returns a copy of p with fn applied to the entry of node.
func with(p Profile, node string, fn func(*Entry)) Profile {
	q := p
	q.Entries = append([]Entry(nil), p.Entries...)
	for i := range q.Entries {
		if q.Entries[i].Node == node {
			fn(&q.Entries[i])
		}
	}
	return q
}

func without(p Profile, node string) Profile {
	q := p
	q.Entries = nil
	for _, e := range p.Entries {
		if e.Node != node {
			q.Entries = append(q.Entries, e)
		}
	}
	return q
}

// randomProfile returns a random valid profile of f: the shares are a random split of the
// total with every node at least at the minimum (sometimes skewed so that one node takes
// almost everything, sometimes with every node at the minimum but one), and random levels.
func randomProfile(rng *rand.Rand, f *framework.Framework) Profile {
	nodes := f.ProfiledNodes()
	p := prof(f)
	r := f.Rules
	extra := r.Total - len(nodes)*r.MinShare
	shares := make([]int, len(nodes))
	switch rng.IntN(4) {
	case 0: // everything spare on one node
		shares[rng.IntN(len(nodes))] = extra
	case 1: // uniform units
		for range extra {
			shares[rng.IntN(len(nodes))]++
		}
	default: // random cut points: a uniformly random composition
		cuts := []int{0, extra}
		for range len(nodes) - 1 {
			cuts = append(cuts, rng.IntN(extra+1))
		}
		slices.Sort(cuts)
		for i := range nodes {
			shares[i] = cuts[i+1] - cuts[i]
		}
	}
	for i, n := range nodes {
		p.Entries = append(p.Entries, Entry{Node: n.Key, Share: r.MinShare + shares[i], Level: f.Levels[rng.IntN(len(f.Levels))].Key})
	}
	return p
}
