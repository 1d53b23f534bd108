package workforce

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"testing/quick"
)

var exampleRules = ScenarioRules{
	IsTeam: func(id int64) bool { return id == 1 || id == 2 },
	IsRole: func(id int64) bool { return id == 10 || id == 20 || id == 30 },
}

// The hand-worked scenario: Ward A's staff nurse posts A2 (1.00, top, filled 0.60 by P2) and A3
// (0.50, intermediate, vacant) become three full-time healthcare assistant posts at band 4,
// entry point.
func TestScenarioConvertHandWorked(t *testing.T) {
	in := exampleInput()
	conv := ScenarioChange{Kind: ChangeConvert, Reason: "Skill mix review: more support on the ward", PostIDs: []int64{2, 3},
		RoleID: 20, Count: 3, FTE: 100, Band: "4", PayPoint: PayEntry}
	posts, ps := ApplyChanges(in.Posts, []ScenarioChange{conv}, exampleRules)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var added []Post
	for _, p := range posts {
		if p.ID == 2 || p.ID == 3 {
			t.Errorf("converted post %d is still there", p.ID)
		}
		if p.ID < 0 {
			added = append(added, p)
		}
	}
	want := []Post{{ID: -1, TeamID: 1, RoleID: 20, FTE: 100, Band: "4", PayPoint: PayEntry},
		{ID: -2, TeamID: 1, RoleID: 20, FTE: 100, Band: "4", PayPoint: PayEntry},
		{ID: -3, TeamID: 1, RoleID: 20, FTE: 100, Band: "4", PayPoint: PayEntry}}
	if !reflect.DeepEqual(added, want) {
		t.Fatalf("added %+v", added)
	}
	current := WorkOutProfile(in)
	in.Posts = posts
	c := Compare(current, WorkOutProfile(in))
	// Cost: 23,435,279 − A2 4,856,786 − A3 2,151,540 + 3 × (2,748,500 + 783,323 (783,322.5 half up)).
	if c.Total.Scenario.Cost != 27_022_422 || c.Total.CostChange() != 3_587_143 {
		t.Errorf("cost %d (change %d)", c.Total.Scenario.Cost, c.Total.CostChange())
	}
	// Funded 6.90 − 1.50 + 3.00; filled loses P2's 0.60.
	if s := c.Total.Scenario; s.FundedFTE != 840 || s.FilledFTE != 350 || s.VacantFTE != 490 || s.Posts != 9 || s.VacantPosts != 5 {
		t.Errorf("scenario figures %+v", s)
	}
	if c.Total.FundedChange() != 150 || c.Total.PostsChange() != 1 {
		t.Errorf("changes: funded %s, posts %d", c.Total.FundedChange(), c.Total.PostsChange())
	}
	levels := map[string]GroupChange{}
	for _, g := range c.ByLevel {
		levels[g.Key] = g
	}
	if l5, l3 := levels["5"], levels["3"]; l5.Scenario.FundedFTE != 200 || l5.FundedChange() != -150 || l3.Scenario.FundedFTE != 540 || l3.FundedChange() != 300 {
		t.Errorf("level 5 %+v, level 3 %+v", l5, l3)
	}
	// Coverage, Ward A: c1 demanded by A1 (level 2), A4 and the three new posts → 5 at level 2,
	// held by P1, P3, P4 → short 2; c2 by A4 and the new posts → 4, held by P3, P4 → short 2.
	// Ward B unchanged (c1 3/2/1, c2 2/1/1).
	wantCov := []CoverageChange{
		{Competence: Competence{FrameworkKey: "ksf", NodeKey: "c1", Code: "C1", Title: "Communication"},
			Current: Cell{Demand: 7, Held: 5, Shortfall: 2}, Scenario: Cell{Demand: 8, Held: 5, Shortfall: 3}},
		{Competence: Competence{FrameworkKey: "ksf", NodeKey: "c2", Code: "C2", Title: "Personal and people development"},
			Current: Cell{Demand: 3, Held: 3, Shortfall: 1}, Scenario: Cell{Demand: 6, Held: 3, Shortfall: 3}},
	}
	if !reflect.DeepEqual(c.Coverage, wantCov) {
		t.Errorf("coverage\n got %+v\nwant %+v", c.Coverage, wantCov)
	}
	if c.Coverage[1].ShortfallChange() != 2 {
		t.Errorf("shortfall change %d", c.Coverage[1].ShortfallChange())
	}
}

func TestScenarioChangeKinds(t *testing.T) {
	base := exampleInput().Posts[:4] // A1..A4 of Ward A
	tests := []struct {
		name   string
		change ScenarioChange
		check  func(t *testing.T, posts []Post)
	}{
		{"add two", ScenarioChange{Kind: ChangeAdd, Reason: "r", TeamID: 2, RoleID: 10, Count: 2, FTE: 60, PayPoint: PayTop}, func(t *testing.T, ps []Post) {
			if len(ps) != 6 || ps[4].ID != -1 || ps[5].ID != -2 || ps[5].TeamID != 2 || ps[5].FTE != 60 || ps[5].HolderID != 0 {
				t.Errorf("%+v", ps)
			}
		}},
		{"remove", ScenarioChange{Kind: ChangeRemove, Reason: "r", PostIDs: []int64{1, 4}}, func(t *testing.T, ps []Post) {
			if len(ps) != 2 || ps[0].ID != 2 || ps[1].ID != 3 {
				t.Errorf("%+v", ps)
			}
		}},
		{"regrade", ScenarioChange{Kind: ChangeRegrade, Reason: "r", PostIDs: []int64{1}, Band: "6"}, func(t *testing.T, ps []Post) {
			if ps[0].Band != "6" || ps[1].Band != "" {
				t.Errorf("%+v", ps)
			}
		}},
		{"fte", ScenarioChange{Kind: ChangeFTE, Reason: "r", PostIDs: []int64{2, 3}, FTE: 80}, func(t *testing.T, ps []Post) {
			if ps[1].FTE != 80 || ps[2].FTE != 80 || ps[0].FTE != 100 || ps[1].HolderID != 2 {
				t.Errorf("%+v", ps)
			}
		}},
	}
	for _, tc := range tests {
		ps, probs := ApplyChanges(base, []ScenarioChange{tc.change}, exampleRules)
		if len(probs) > 0 {
			t.Errorf("%s: %v", tc.name, probs)
			continue
		}
		tc.check(t, ps)
	}
	if base[0].Band != "" || len(base) != 4 {
		t.Error("applying changes altered the base")
	}
}

func TestScenarioChangeRules(t *testing.T) {
	posts := exampleInput().Posts[:8]
	ok := ScenarioChange{Kind: ChangeConvert, Reason: "r", PostIDs: []int64{2, 3}, RoleID: 20, Count: 3, FTE: 100, PayPoint: PayEntry}
	tests := []struct {
		name  string
		edit  func(c *ScenarioChange)
		field string
	}{
		{"no reason", func(c *ScenarioChange) { c.Reason = "  " }, "reason"},
		{"unknown kind", func(c *ScenarioChange) { c.Kind = "merge" }, "kind"},
		{"no posts", func(c *ScenarioChange) { c.PostIDs = nil }, "post_ids"},
		{"a post not in the scenario", func(c *ScenarioChange) { c.PostIDs = []int64{2, 99} }, "post_ids"},
		{"the same post twice", func(c *ScenarioChange) { c.PostIDs = []int64{2, 2} }, "post_ids"},
		{"posts of two teams", func(c *ScenarioChange) { c.PostIDs = []int64{2, 7} }, "post_ids"},
		{"a role of another employer", func(c *ScenarioChange) { c.RoleID = 99 }, "role"},
		{"no count", func(c *ScenarioChange) { c.Count = 0 }, "count"},
		{"too many", func(c *ScenarioChange) { c.Count = MaxChangePosts + 1 }, "count"},
		{"fte", func(c *ScenarioChange) { c.FTE = 0 }, "fte"},
		{"band", func(c *ScenarioChange) { c.Band = "Band 4" }, "band"},
		{"actual pay for a vacant post", func(c *ScenarioChange) { c.PayPoint = PayActual }, "pay_point"},
		{"add to a team outside the unit", func(c *ScenarioChange) { c.Kind, c.PostIDs, c.TeamID = ChangeAdd, nil, 99 }, "team"},
	}
	for _, tc := range tests {
		c := ok
		tc.edit(&c)
		ps := CheckChange(posts, c, exampleRules)
		if len(ps) != 1 || ps[0].Field != tc.field {
			t.Errorf("%s: %v, want one problem on %s", tc.name, ps, tc.field)
		}
	}
	if ps := CheckChange(posts, ok, exampleRules); len(ps) != 0 {
		t.Errorf("valid change: %v", ps)
	}
	// A replayed list names the change that broke.
	_, ps := ApplyChanges(posts, []ScenarioChange{ok, {Kind: ChangeRemove, Reason: "again", PostIDs: []int64{2}}}, exampleRules)
	if len(ps) != 1 || ps[0].Field != "changes[1].post_ids" {
		t.Errorf("replay: %v", ps)
	}
}

// Whatever the changes, a scenario's profile keeps filled + vacant = funded, and the comparison
// of a profile with itself shows no change.
func TestScenarioProperties(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		in := randomInput(r)
		rules := ScenarioRules{IsTeam: func(id int64) bool { return id >= 1 && id <= 5 }, IsRole: func(id int64) bool { return id >= 1 && id <= 6 }}
		var changes []ScenarioChange
		posts := in.Posts
		for range r.Intn(6) {
			c := ScenarioChange{Kind: []string{ChangeAdd, ChangeRemove, ChangeRegrade, ChangeFTE}[r.Intn(4)], Reason: "why",
				TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), Count: 1 + r.Intn(3), FTE: FTE(1 + r.Intn(100)),
				Band: Bands[r.Intn(len(Bands))], PayPoint: PayTop}
			if len(posts) > 0 && c.Kind != ChangeAdd {
				c.PostIDs = []int64{posts[r.Intn(len(posts))].ID}
			}
			if len(CheckChange(posts, c, rules)) > 0 {
				continue
			}
			changes = append(changes, c)
			var ps []Problem
			if posts, ps = ApplyChanges(in.Posts, changes, rules); len(ps) > 0 {
				return false
			}
		}
		now := WorkOutProfile(in)
		in.Posts = posts
		s := WorkOutProfile(in)
		same := Compare(now, now)
		for _, g := range append(same.ByLevel, same.Total) {
			if g.Changed() {
				return false
			}
		}
		inUnit := 0
		for _, p := range posts {
			for _, t := range in.Teams {
				if p.TeamID == t.ID {
					inUnit++
				}
			}
		}
		return s.FilledFTE+s.VacantFTE == s.FundedFTE && s.Posts == inUnit
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 200}); err != nil {
		t.Error(err)
	}
}

// A base in id order is searched by halving, any other by an index: both replay the same
// changes to the same posts (in the base's order) with the same problems.
func TestScenarioReplayOfAnyBaseOrder(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		sorted := randomInput(r).Posts
		shuffled := slices.Clone(sorted)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		rules := ScenarioRules{IsTeam: func(id int64) bool { return id >= 1 && id <= 5 }, IsRole: func(id int64) bool { return id >= 1 && id <= 6 }}
		var changes []ScenarioChange
		for range 1 + r.Intn(6) {
			c := ScenarioChange{Kind: []string{ChangeAdd, ChangeRemove, ChangeRegrade, ChangeFTE}[r.Intn(4)], Reason: "why",
				TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), Count: 1 + r.Intn(3), FTE: FTE(1 + r.Intn(100)),
				Band: Bands[r.Intn(len(Bands))], PayPoint: PayTop}
			if c.Kind != ChangeAdd {
				c.PostIDs = []int64{int64(r.Intn(len(sorted) + 3))} // sometimes a post that is not there
			}
			changes = append(changes, c)
		}
		a, pa := ApplyChanges(sorted, changes, rules)
		b, pb := ApplyChanges(shuffled, changes, rules)
		byID := func(x, y Post) int { return int(x.ID - y.ID) }
		slices.SortFunc(a, byID)
		slices.SortFunc(b, byID)
		return reflect.DeepEqual(a, b) && reflect.DeepEqual(pa, pb)
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}
