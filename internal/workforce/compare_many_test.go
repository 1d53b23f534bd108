package workforce

import (
	"testing"
	"testing/quick"
)

func fig(posts int, fte FTE, cost Pence) Figures {
	return Figures{Posts: posts, FundedFTE: fte, Cost: cost}
}

func TestCompareManyHandWorked(t *testing.T) {
	nurse, ap := Competence{FrameworkKey: "f", NodeKey: "nurse"}, Competence{FrameworkKey: "f", NodeKey: "ap"}
	today := Profile{Figures: fig(2, 200, 100), ByLevel: []Group{{Key: "5", Label: "Level 5", Figures: fig(2, 200, 100)}},
		Coverage: Coverage{Competences: []Competence{nurse}, Totals: []Cell{{Demand: 2, Held: 1, Shortfall: 1}}}}
	// A: two band 5 posts become three level 4 posts; B: one more level 5 post.
	a := Profile{Figures: fig(3, 300, 150), ByLevel: []Group{{Key: "4", Label: "Level 4", Figures: fig(3, 300, 150)}},
		Coverage: Coverage{Competences: []Competence{ap}, Totals: []Cell{{Demand: 3, Shortfall: 3}}}}
	b := Profile{Figures: fig(3, 300, 160), ByLevel: []Group{{Key: "5", Label: "Level 5", Figures: fig(3, 300, 160)}},
		Coverage: Coverage{Competences: []Competence{nurse}, Totals: []Cell{{Demand: 3, Held: 1, Shortfall: 2}}}}
	c := CompareMany(today, []Profile{a, b})
	if c.Total.Today != today.Figures || c.Total.Scenarios[0] != a.Figures || c.Total.Scenarios[1] != b.Figures {
		t.Errorf("total %+v", c.Total)
	}
	want := []GroupColumns{
		{Key: "5", Label: "Level 5", Today: fig(2, 200, 100), Scenarios: []Figures{{}, fig(3, 300, 160)}},
		{Key: "4", Label: "Level 4", Scenarios: []Figures{fig(3, 300, 150), {}}},
	}
	if len(c.ByLevel) != len(want) {
		t.Fatalf("by level %+v", c.ByLevel)
	}
	for i, w := range want {
		g := c.ByLevel[i]
		if g.Key != w.Key || g.Today != w.Today || g.Scenarios[0] != w.Scenarios[0] || g.Scenarios[1] != w.Scenarios[1] {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if len(c.Coverage) != 2 || c.Coverage[0].Competence != nurse || c.Coverage[0].Scenarios[0] != (Cell{}) ||
		c.Coverage[0].Scenarios[1].Shortfall != 2 || c.Coverage[1].Competence != ap || c.Coverage[1].Scenarios[0].Shortfall != 3 {
		t.Errorf("coverage %+v", c.Coverage)
	}
}

// Each column of CompareMany is what Compare gives for that scenario alone.
func TestCompareManyAgreesWithCompare(t *testing.T) {
	profile := func(keys []uint8, seed uint8) Profile {
		p := Profile{}
		for i, k := range keys {
			f := fig(int(k%5)+i, FTE(k)*10, Pence(k)*100+Pence(seed))
			p.ByLevel = append(p.ByLevel, Group{Key: string(rune('a' + k%6)), Figures: f})
			p.Figures.Posts += f.Posts
		}
		// Keys must be unique within a profile, as a profile's groups are.
		seen := map[string]bool{}
		var uniq []Group
		for _, g := range p.ByLevel {
			if !seen[g.Key] {
				seen[g.Key] = true
				uniq = append(uniq, g)
			}
		}
		p.ByLevel = uniq
		return p
	}
	prop := func(t0, s1, s2 []uint8) bool {
		today := profile(t0, 0)
		scen := []Profile{profile(s1, 1), profile(s2, 2)}
		many := CompareMany(today, scen)
		for s, p := range scen {
			one := Compare(today, p)
			if many.Total.Scenarios[s] != one.Total.Scenario || many.Total.Today != one.Total.Current {
				return false
			}
			byKey := map[string]GroupColumns{}
			for _, g := range many.ByLevel {
				byKey[g.Key] = g
			}
			for _, g := range one.ByLevel {
				if m, ok := byKey[g.Key]; !ok || m.Today != g.Current || m.Scenarios[s] != g.Scenario {
					return false
				}
			}
		}
		return true
	}
	if err := quick.Check(prop, nil); err != nil {
		t.Error(err)
	}
}
