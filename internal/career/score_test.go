package career

import (
	"math/rand"
	"testing"
	"testing/quick"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// testFrameworks are the framework versions the property test draws from: a scale of four
// (version 1) and the same keys reordered and extended (version 2), a scale of two, a framework
// without levels, and one the look-up does not know ("gone").
var testFrameworks = map[string]*framework.Framework{
	"ksf@1":  {Key: "ksf", Version: "1", Levels: []framework.Level{{Key: "l1", Rank: 1}, {Key: "l2", Rank: 2}, {Key: "l3", Rank: 3}, {Key: "l4", Rank: 4}}},
	"ksf@2":  {Key: "ksf", Version: "2", Levels: []framework.Level{{Key: "l1", Rank: 1}, {Key: "l2", Rank: 3}, {Key: "l3", Rank: 5}, {Key: "l5", Rank: 7}}},
	"iwf@1":  {Key: "iwf", Version: "1", Levels: []framework.Level{{Key: "core", Rank: 1}, {Key: "adv", Rank: 2}}},
	"flat@1": {Key: "flat", Version: "1"},
}

func testLookup(key, version string) *framework.Framework { return testFrameworks[key+"@"+version] }

var (
	fwChoices    = [][2]string{{"ksf", "1"}, {"ksf", "2"}, {"iwf", "1"}, {"flat", "1"}, {"gone", "1"}, {"", ""}}
	nodeChoices  = []string{"c1", "c2", "c3", "hwb5"}
	levelChoices = []string{"", "l1", "l2", "l3", "l4", "l5", "core", "adv", "odd"}
	dateChoices  = []workforce.Date{"", "2024-01-01", "2025-06-30", "2025-07-01", "2026-12-31"}
)

func randomReqs(r *rand.Rand) []workforce.Requirement {
	out := make([]workforce.Requirement, r.Intn(8))
	for i := range out {
		fw := fwChoices[r.Intn(len(fwChoices))]
		out[i] = workforce.Requirement{FrameworkKey: fw[0], FrameworkVersion: fw[1], NodeKey: nodeChoices[r.Intn(len(nodeChoices))],
			LevelKey: levelChoices[r.Intn(len(levelChoices))], Essential: r.Intn(2) == 0}
	}
	return out
}

func randomEntries(r *rand.Rand) []workforce.PortfolioEntry {
	out := make([]workforce.PortfolioEntry, r.Intn(10))
	for i := range out {
		fw := fwChoices[r.Intn(len(fwChoices))]
		out[i] = workforce.PortfolioEntry{FrameworkKey: fw[0], FrameworkVersion: fw[1], NodeKey: nodeChoices[r.Intn(len(nodeChoices))],
			LevelKey: levelChoices[r.Intn(len(levelChoices))], ReviewBy: dateChoices[r.Intn(len(dateChoices))]}
	}
	return out
}

// TestCompactAgreesWithAnalyse: the compact score the index uses equals workforce.Analyse's
// readiness, with the same counts, for every combination the generator makes: versions of one
// framework with different scales, frameworks without a scale or unknown to the look-up, levels
// off the scale, duplicates, and entries that expired the day before or expire today.
func TestCompactAgreesWithAnalyse(t *testing.T) {
	const today = workforce.Date("2025-07-01")
	check := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		reqs, entries := randomReqs(r), randomEntries(r)
		cat := NewCatalog(testLookup)
		// Intern the entries first on odd seeds, the needs first on even ones: the order in which
		// keys and scales are met must not matter.
		var held []Held
		var need Need
		if seed%2 == 0 {
			need = cat.NeedOf(reqs)
			held = cat.HeldOf(entries)
		} else {
			held = cat.HeldOf(entries)
			need = cat.NeedOf(reqs)
		}
		got, cnt := cat.ScoreHeld(need, BestHeld(held, Today(today), nil))
		want := workforce.Analyse(reqs, entries, testLookup, today)
		if got != want.Readiness || cnt.Met != want.Met || cnt.Partly != want.Partly || cnt.Missing != want.Missing ||
			cnt.EssentialNotMet != want.EssentialNotMet {
			t.Logf("seed %d: compact %d %+v, Analyse %d (%d met, %d partly, %d missing, %d essential not met)\nreqs %+v\nentries %+v",
				seed, got, cnt, want.Readiness, want.Met, want.Partly, want.Missing, want.EssentialNotMet, reqs, entries)
			return false
		}
		return got == Transferability(reqs, entries, testLookup, today)
	}
	if err := quick.Check(check, &quick.Config{MaxCount: 20000}); err != nil {
		t.Fatal(err)
	}
}

func TestScoreTable(t *testing.T) {
	ksf := func(node, level string, essential bool) workforce.Requirement {
		return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: node, LevelKey: level, Essential: essential}
	}
	held := func(node, level string) workforce.PortfolioEntry {
		return workforce.PortfolioEntry{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: node, LevelKey: level}
	}
	cases := []struct {
		name    string
		reqs    []workforce.Requirement
		entries []workforce.PortfolioEntry
		want    int
	}{
		{"nothing required", nil, nil, 100},
		{"all met", []workforce.Requirement{ksf("c1", "l2", true)}, []workforce.PortfolioEntry{held("c1", "l3")}, 100},
		{"nothing held", []workforce.Requirement{ksf("c1", "l2", true)}, nil, 0},
		// Essential c1 met (2 of 2), desirable c2 held at 1 of 3 (1/3 of 1): 7/3 of 3 = 77.7…%.
		{"essential met, desirable a third", []workforce.Requirement{ksf("c1", "l2", true), ksf("c2", "l3", false)},
			[]workforce.PortfolioEntry{held("c1", "l2"), held("c2", "l1")}, 77},
		// Essential c1 half way (1 of 2), desirable c2 met: (1 + 1) of 3 = 66.6…%.
		{"essential half, desirable met", []workforce.Requirement{ksf("c1", "l2", true), ksf("c2", "l1", false)},
			[]workforce.PortfolioEntry{held("c1", "l1"), held("c2", "l4")}, 66},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cat := NewCatalog(testLookup)
			got, _ := cat.ScoreHeld(cat.NeedOf(c.reqs), BestHeld(cat.HeldOf(c.entries), Today("2025-01-01"), nil))
			if got != c.want {
				t.Errorf("score %d, want %d", got, c.want)
			}
			if ref := Transferability(c.reqs, c.entries, testLookup, "2025-01-01"); ref != c.want {
				t.Errorf("Analyse says %d, want %d", ref, c.want)
			}
		})
	}
}
