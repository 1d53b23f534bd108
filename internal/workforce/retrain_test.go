package workforce

import (
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
)

func retrainRules() ScenarioRules { return exampleRules.WithUnit(exampleInput()) }

func retrainChange(people []int64, node, level string) ScenarioChange {
	return ScenarioChange{Kind: ChangeRetrain, Reason: "Preceptorship programme", PersonIDs: people,
		Gains: []Gain{{FrameworkKey: "ksf", NodeKey: node, LevelKey: level}}}
}

// Hand-worked on the example of profile_test.go. Today: Ward A needs c1 at level 2 for 4 posts
// and P1, P3, P4 hold it (P2 only at level 1): shortfall 1. Ward B needs c2 at level 1 for 2
// posts and only P4 holds it: shortfall 1. Totals: c1 demand 7, held 5, shortfall 2; c2 demand
// 3, held 3, shortfall 1.
func TestRetrainCoverageHandWorked(t *testing.T) {
	in := exampleInput()
	tests := []struct {
		name    string
		changes []ScenarioChange
		want    []Cell // totals of c1 and c2
		wardA   Cell   // Ward A's c1
	}{
		{"nobody retrained", nil,
			[]Cell{{Demand: 7, Held: 5, Shortfall: 2}, {Demand: 3, Held: 3, Shortfall: 1}}, Cell{Demand: 4, Held: 3, Shortfall: 1, Level: "Level 2"}},
		// P2 to c1 level 2: Ward A now has P1-P4 at level 2, shortfall 0; Ward B unchanged (1).
		{"P2 gains c1 at level 2", []ScenarioChange{retrainChange([]int64{2}, "c1", "level-2")},
			[]Cell{{Demand: 7, Held: 6, Shortfall: 1}, {Demand: 3, Held: 3, Shortfall: 1}}, Cell{Demand: 4, Held: 4, Level: "Level 2"}},
		// Level 1 is what P2 holds already, below the level 2 Ward A needs: nothing changes.
		{"P2 gains c1 at level 1 only", []ScenarioChange{retrainChange([]int64{2}, "c1", "level-1")},
			[]Cell{{Demand: 7, Held: 5, Shortfall: 2}, {Demand: 3, Held: 3, Shortfall: 1}}, Cell{Demand: 4, Held: 3, Shortfall: 1, Level: "Level 2"}},
		// P5 (the doctor in Ward B) to c1 and c2 at level 2: Ward B's c1 already counts P5
		// (held 2 of 3), so only c2 moves, held 2 of 2 there; total c2 held 4, shortfall 0.
		{"P5 gains c2", []ScenarioChange{{Kind: ChangeRetrain, Reason: "r", PersonIDs: []int64{5},
			Gains: []Gain{{"ksf", "c1", "level-2"}, {"ksf", "c2", "level-2"}}}},
			[]Cell{{Demand: 7, Held: 5, Shortfall: 2}, {Demand: 3, Held: 4, Shortfall: 0}}, Cell{Demand: 4, Held: 3, Shortfall: 1, Level: "Level 2"}},
		// P9 works outside the unit: retrained or not, they count nowhere.
		{"someone outside the unit", []ScenarioChange{retrainChange([]int64{9}, "c2", "level-3")},
			[]Cell{{Demand: 7, Held: 5, Shortfall: 2}, {Demand: 3, Held: 3, Shortfall: 1}}, Cell{Demand: 4, Held: 3, Shortfall: 1, Level: "Level 2"}},
	}
	for _, tc := range tests {
		p := WorkOutProfile(ScenarioInput(in, in.Posts, tc.changes))
		if !reflect.DeepEqual(p.Coverage.Totals, tc.want) {
			t.Errorf("%s: totals %+v, want %+v", tc.name, p.Coverage.Totals, tc.want)
		}
		if got := p.Coverage.Teams[0].Cells[0]; got != tc.wardA {
			t.Errorf("%s: Ward A c1 %+v, want %+v", tc.name, got, tc.wardA)
		}
		if today := WorkOutProfile(in); p.Figures != today.Figures {
			t.Errorf("%s: retraining changed posts or cost: %+v, today %+v", tc.name, p.Figures, today.Figures)
		}
	}
	if len(in.Holdings) != len(exampleInput().Holdings) {
		t.Error("ScenarioInput changed today's holdings")
	}
}

func TestRetrainRules(t *testing.T) {
	posts := exampleInput().Posts[:8]
	ok := retrainChange([]int64{2, 3}, "c1", "level-3")
	tests := []struct {
		name  string
		edit  func(c *ScenarioChange)
		field string
	}{
		{"no reason", func(c *ScenarioChange) { c.Reason = "" }, "reason"},
		{"nobody", func(c *ScenarioChange) { c.PersonIDs = nil }, "person_ids"},
		{"too many people", func(c *ScenarioChange) { c.PersonIDs = make([]int64, MaxRetrainPeople+1) }, "person_ids"},
		{"someone twice", func(c *ScenarioChange) { c.PersonIDs = []int64{2, 2} }, "person_ids"},
		{"no such id", func(c *ScenarioChange) { c.PersonIDs = []int64{0} }, "person_ids"},
		{"someone outside the unit", func(c *ScenarioChange) { c.PersonIDs = []int64{2, 9} }, "person_ids"},
		{"no competence", func(c *ScenarioChange) { c.Gains = nil }, "competences"},
		{"an empty competence", func(c *ScenarioChange) { c.Gains = []Gain{{}} }, "competences[0].node_key"},
		{"a node no framework has", func(c *ScenarioChange) { c.Gains[0].NodeKey = "c9" }, "competences[0].node_key"},
		{"a framework the unit's roles do not use", func(c *ScenarioChange) {
			c.Gains = []Gain{{FrameworkKey: "acme-ahp", NodeKey: "supervision"}}
		}, "competences[0].node_key"},
		{"a level off the scale", func(c *ScenarioChange) { c.Gains[0].LevelKey = "level-9" }, "competences[0].level_key"},
		{"no level on a scale", func(c *ScenarioChange) { c.Gains[0].LevelKey = "" }, "competences[0].level_key"},
		{"the same competence twice", func(c *ScenarioChange) {
			c.Gains = []Gain{c.Gains[0], {FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-2"}}
		}, "competences[1].node_key"},
	}
	for _, tc := range tests {
		c := ok
		c.PersonIDs = append([]int64(nil), ok.PersonIDs...)
		c.Gains = append([]Gain(nil), ok.Gains...)
		tc.edit(&c)
		ps := CheckChange(posts, c, retrainRules())
		if len(ps) != 1 || ps[0].Field != tc.field {
			t.Errorf("%s: %v, want one problem on %s", tc.name, ps, tc.field)
		}
	}
	if ps := CheckChange(posts, ok, retrainRules()); len(ps) != 0 {
		t.Errorf("valid change: %v", ps)
	}

	// Duplicates across the scenario: gaining again what an earlier change gave, at that level
	// or lower, is refused; a higher level is a new gain.
	earlier := []ScenarioChange{retrainChange([]int64{2}, "c1", "level-2")}
	for level, want := range map[string]int{"level-1": 1, "level-2": 1, "level-3": 0} {
		ps := CheckNewChange(posts, earlier, retrainChange([]int64{3, 2}, "c1", level), retrainRules())
		if len(ps) != want {
			t.Errorf("after level 2, gaining %s: %v, want %d problems", level, ps, want)
		}
	}
	// A retrain change moves no post.
	after, ps := ApplyChanges(posts, earlier, retrainRules())
	if len(ps) != 0 || !reflect.DeepEqual(after, posts) {
		t.Errorf("retrain changed posts: %v %v", ps, after)
	}
}

// Changes checked when they were made are replayed without checking people again: someone who
// has left since does not break the scenario (their retraining simply counts nowhere), while a
// new change naming them is refused.
func TestRetrainReplayTrustsCheckedChanges(t *testing.T) {
	posts := exampleInput().Posts[:8]
	left := retrainChange([]int64{9}, "c1", "level-2")
	rules := retrainRules()
	if _, ps := ApplyChanges(posts, []ScenarioChange{left}, rules); len(ps) != 1 || ps[0].Field != "changes[0].person_ids" {
		t.Errorf("unchecked: %v, want a problem on changes[0].person_ids", ps)
	}
	rules.Checked = 1
	if _, ps := ApplyChanges(posts, []ScenarioChange{left}, rules); len(ps) != 0 {
		t.Errorf("checked when made: %v", ps)
	}
	if _, ps := ApplyChanges(posts, []ScenarioChange{left, left}, rules); len(ps) != 1 || ps[0].Field != "changes[1].person_ids" {
		t.Errorf("a second change after the checked ones: %v", ps)
	}
	if ps := CheckNewChange(posts, []ScenarioChange{left}, retrainChange([]int64{1}, "c2", "level-1"), retrainRules()); len(ps) != 0 {
		t.Errorf("a valid change after one whose person left: %v", ps)
	}
}

// Retraining never lowers coverage: for any unit and any people and competences gained, every
// team's held figure is at least today's and its shortfall at most today's, demand and every
// other figure unchanged.
func TestRetrainNeverLowersCoverage(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		in := randomInput(r)
		var changes []ScenarioChange
		for range r.Intn(4) {
			c := ScenarioChange{Kind: ChangeRetrain, Reason: "r"}
			for range 1 + r.Intn(5) {
				c.PersonIDs = append(c.PersonIDs, int64(1+r.Intn(30)))
			}
			c.Gains = append(c.Gains, Gain{FrameworkKey: "ksf", NodeKey: []string{"c1", "c2"}[r.Intn(2)],
				LevelKey: []string{"level-1", "level-2", "level-3", "off-scale"}[r.Intn(4)]})
			changes = append(changes, c)
		}
		today, future := WorkOutProfile(in), WorkOutProfile(ScenarioInput(in, in.Posts, changes))
		if today.Figures != future.Figures || !reflect.DeepEqual(today.Coverage.Competences, future.Coverage.Competences) {
			t.Logf("seed %d: figures or columns moved", seed)
			return false
		}
		for i, team := range today.Coverage.Teams {
			for j, now := range team.Cells {
				then := future.Coverage.Teams[i].Cells[j]
				if then.Demand != now.Demand || then.Held < now.Held || then.Shortfall > now.Shortfall {
					t.Logf("seed %d: team %d competence %d: %+v → %+v", seed, team.ID, j, now, then)
					return false
				}
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}
