package profile

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

func TestTeam(t *testing.T) {
	tf := tiny(t)
	a := prof(tf, Entry{Node: "a", Share: 4, Level: "low"}, Entry{Node: "b", Share: 3, Level: "mid"}, Entry{Node: "c", Share: 3, Level: "low"})
	b := prof(tf, Entry{Node: "a", Share: 2, Level: "high"}, Entry{Node: "b", Share: 2, Level: "low"}, Entry{Node: "c", Share: 6, Level: "low"})
	spread := func(low, lowFTE, mid, midFTE, high, highFTE int) []LevelCount {
		return []LevelCount{
			{Level: "low", Title: "Low", Rank: 1, Members: low, FTE: lowFTE},
			{Level: "mid", Title: "Mid", Rank: 2, Members: mid, FTE: midFTE},
			{Level: "high", Title: "High", Rank: 3, Members: high, FTE: highFTE},
		}
	}
	tests := []struct {
		name    string
		members []Member
		rank    int // 0: the default
		want    TeamProfile
	}{
		{
			// means 10/3, 8/3, 4: floors 3, 2, 4 leave 1 unit, which goes to the largest
			// remainder (Bananas, 2/3).
			name: "weighted by FTE", members: []Member{{Profile: a, FTE: 100}, {Profile: b, FTE: 50}},
			want: TeamProfile{FrameworkKey: "tiny", FrameworkVersion: "1", Members: 2, FTE: 150, GapRank: 2, Gaps: []string{"c"},
				Elements: []TeamElement{
					{Node: "a", Title: "Apples", Parent: "g1", ParentTitle: "Group one", Share: 3, Mean: Ratio{10, 3}, Lowest: 2, Highest: 4, Levels: spread(1, 100, 0, 0, 1, 50)},
					{Node: "b", Title: "Bananas", Parent: "g1", ParentTitle: "Group one", Share: 3, Mean: Ratio{8, 3}, Lowest: 2, Highest: 3, Levels: spread(1, 50, 1, 100, 0, 0)},
					{Node: "c", Title: "Cherries", Parent: "g2", ParentTitle: "Group two", Share: 4, Mean: Ratio{4, 1}, Lowest: 3, Highest: 6, Levels: spread(2, 150, 0, 0, 0, 0), Gap: true},
				}},
		},
		{
			// means 3, 2.5, 4.5: the two halves tie, so tree order gives the unit to Bananas.
			name: "equal FTE, a tie goes to tree order", members: []Member{{Profile: a, FTE: 60}, {Profile: b, FTE: 60}},
			want: TeamProfile{FrameworkKey: "tiny", FrameworkVersion: "1", Members: 2, FTE: 120, GapRank: 2, Gaps: []string{"c"},
				Elements: []TeamElement{
					{Node: "a", Title: "Apples", Parent: "g1", ParentTitle: "Group one", Share: 3, Mean: Ratio{3, 1}, Lowest: 2, Highest: 4, Levels: spread(1, 60, 0, 0, 1, 60)},
					{Node: "b", Title: "Bananas", Parent: "g1", ParentTitle: "Group one", Share: 3, Mean: Ratio{5, 2}, Lowest: 2, Highest: 3, Levels: spread(1, 60, 1, 60, 0, 0)},
					{Node: "c", Title: "Cherries", Parent: "g2", ParentTitle: "Group two", Share: 4, Mean: Ratio{9, 2}, Lowest: 3, Highest: 6, Levels: spread(2, 120, 0, 0, 0, 0), Gap: true},
				}},
		},
		{
			name: "a higher gap rank", members: []Member{{Profile: a, FTE: 100}}, rank: 3,
			want: TeamProfile{FrameworkKey: "tiny", FrameworkVersion: "1", Members: 1, FTE: 100, GapRank: 3, Gaps: []string{"a", "b", "c"},
				Elements: []TeamElement{
					{Node: "a", Title: "Apples", Parent: "g1", ParentTitle: "Group one", Share: 4, Mean: Ratio{4, 1}, Lowest: 4, Highest: 4, Levels: spread(1, 100, 0, 0, 0, 0), Gap: true},
					{Node: "b", Title: "Bananas", Parent: "g1", ParentTitle: "Group one", Share: 3, Mean: Ratio{3, 1}, Lowest: 3, Highest: 3, Levels: spread(0, 0, 1, 100, 0, 0), Gap: true},
					{Node: "c", Title: "Cherries", Parent: "g2", ParentTitle: "Group two", Share: 3, Mean: Ratio{3, 1}, Lowest: 3, Highest: 3, Levels: spread(1, 100, 0, 0, 0, 0), Gap: true},
				}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got TeamProfile
			var err error
			if tt.rank == 0 {
				got, err = Team(tf, tt.members)
			} else {
				got, err = TeamWithGapRank(tf, tt.members, tt.rank)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A research team on the IWF: nobody works at Intermediate or above on the Clinical Context
// elements or on Leadership.
func TestTeamIWF(t *testing.T) {
	f := iwf(t, "2.1")
	nurse := iwf21Valid(t)
	nurse = with(nurse, "clinical-studies-operations", func(e *Entry) { e.Level = "advanced" })
	manager := with(with(iwf21Valid(t), "study-site-management", func(e *Entry) { e.Level = "intermediate" }), "data-management-informatics", func(e *Entry) { e.Level = "intermediate" })
	team, err := Team(f, []Member{{Profile: nurse, FTE: 100}, {Profile: nurse, FTE: 80}, {Profile: manager, FTE: 40}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ethics-patient-safety-governance", "research-development-regulation", "science-research-design",
		"communication-relationships", "clinical-context-1", "clinical-context-2", "clinical-context-3", "clinical-context-4", "leadership"}
	if team.GapRank != 3 || !reflect.DeepEqual(team.Gaps, want) {
		t.Errorf("gap rank %d, gaps %v", team.GapRank, team.Gaps)
	}
	sum := 0
	for _, e := range team.Elements {
		sum += e.Share
		if e.Share != 0 && e.Node == "clinical-studies-operations" && (e.Levels[3].Members != 2 || e.Levels[1].Members != 1 || e.Levels[3].FTE != 180) {
			t.Errorf("spread = %+v", e.Levels)
		}
	}
	if sum != 100 {
		t.Errorf("team shares add up to %d", sum)
	}
}

func TestTeamErrors(t *testing.T) {
	tf := tiny(t)
	ok := prof(tf, Entry{Node: "a", Share: 4, Level: "low"}, Entry{Node: "b", Share: 3, Level: "mid"}, Entry{Node: "c", Share: 3, Level: "low"})
	bad := with(ok, "a", func(e *Entry) { e.Share = 5 })
	var me *MemberError
	if _, err := Team(tf, nil); !errors.Is(err, ErrNoMembers) {
		t.Errorf("no members: %v", err)
	}
	if _, err := Team(tf, []Member{{Profile: ok, FTE: 100}, {Profile: ok, FTE: 0}}); !errors.As(err, &me) || me.Index != 1 || err.Error() != "member 2: the FTE must be more than 0 and at most 100.00; it is 0" {
		t.Errorf("FTE 0: %v", err)
	}
	if _, err := Team(tf, []Member{{Profile: ok, FTE: MaxFTE + 1}}); !errors.As(err, &me) || me.Index != 0 {
		t.Errorf("FTE too big: %v", err)
	}
	if _, err := Team(tf, []Member{{Profile: ok, FTE: 100}, {Profile: ok, FTE: 100}, {Profile: bad, FTE: 100}}); !errors.As(err, &me) || me.Index != 2 ||
		err.Error() != "member 3: the profile is not complete: Shares add up to 11%: they must add up to 10%" {
		t.Errorf("invalid profile: %v", err)
	}
	if _, err := Team(tf, []Member{{Profile: Empty(tf), FTE: 100}}); !errors.As(err, &me) {
		t.Errorf("a draft: %v", err)
	}
	if _, err := Team(&framework.Framework{Key: "x", Title: "X", Version: "1", Kind: framework.KindChecklist}, []Member{{Profile: ok, FTE: 100}}); err == nil {
		t.Error("a checklist framework made a team profile")
	}
}

func TestDefaultGapRank(t *testing.T) {
	scale := func(ranks ...int) *framework.Framework {
		f := &framework.Framework{}
		for _, r := range ranks {
			f.Levels = append(f.Levels, framework.Level{Key: fmt.Sprint(r), Rank: r})
		}
		return f
	}
	for _, tt := range []struct {
		f    *framework.Framework
		want int
	}{
		{iwf(t, "2.1"), 3}, // Intermediate
		{tiny(t), 2},       // ranks given out of order
		{scale(), 0},
		{scale(7), 7},
		{scale(1, 2), 2},
		{scale(1, 2, 3, 4, 5), 3},
		{scale(10, 20, 30, 40, 50, 60), 40},
		{scale(1, 2, 3, 4, 5, 6, 7, 8, 9), 5},
	} {
		if got := DefaultGapRank(tt.f); got != tt.want {
			t.Errorf("DefaultGapRank(%v) = %d, want %d", tt.f.Levels, got, tt.want)
		}
	}
}

func TestRatioString(t *testing.T) {
	for _, tt := range []struct {
		r    Ratio
		want string
	}{
		{Ratio{10, 3}, "3.33"}, {Ratio{8, 3}, "2.67"}, {Ratio{5, 2}, "2.5"}, {Ratio{4, 1}, "4"},
		{Ratio{1, 200}, "0.01"}, {Ratio{1, 201}, "0"}, {Ratio{-5, 2}, "-2.5"}, {Ratio{199, 200}, "1"}, {Ratio{1, 0}, "?"},
	} {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%v.String() = %q, want %q", tt.r, got, tt.want)
		}
	}
}

// TestTeamProperties checks, for random valid member profiles and FTEs on the built-in IWF
// versions and hand-made frameworks, what Team promises exactly: the shares add up to the total;
// each share is its exact FTE-weighted mean rounded down or up, chosen by largest remainder
// (ties in tree order); each lies within the lowest and highest member share (so the minimum
// holds); the spread counts every member once per element; and the gaps are exactly the
// elements with nobody at the gap rank or above.
func TestTeamProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 2021))
	fws := []*framework.Framework{iwf(t, "2.1"), iwf(t, "1.0"), tiny(t), zeroMin(t)}
	for i := range 3000 {
		f := fws[i%len(fws)]
		members := make([]Member, 1+rng.IntN(25))
		for k := range members {
			fte := 1 + rng.IntN(150)
			if rng.IntN(20) == 0 {
				fte = 1 + rng.IntN(MaxFTE)
			}
			members[k] = Member{Profile: randomProfile(rng, f), FTE: fte}
		}
		rank := DefaultGapRank(f)
		if rng.IntN(3) == 0 {
			rank = rng.IntN(6)
		}
		team, err := TeamWithGapRank(f, members, rank)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkTeam(t, f, members, rank, team)
	}
}

func checkTeam(t *testing.T, f *framework.Framework, members []Member, rank int, team TeamProfile) {
	t.Helper()
	nodes := f.ProfiledNodes()
	if len(team.Elements) != len(nodes) || team.Members != len(members) {
		t.Fatalf("team = %+v", team)
	}
	fte := 0
	for _, m := range members {
		fte += m.FTE
	}
	if team.FTE != fte {
		t.Fatalf("FTE %d, want %d", team.FTE, fte)
	}
	sum := 0
	means := make([]*big.Rat, len(nodes))
	shares := prof(f)
	var gaps []string
	for i, n := range nodes {
		e := team.Elements[i]
		sum += e.Share
		num := new(big.Rat)
		lo, hi := f.Rules.Total, 0
		top := false
		counts := map[string]int{}
		for _, m := range members {
			me, _ := m.Profile.Entry(n.Key)
			num.Add(num, big.NewRat(int64(m.FTE*me.Share), 1))
			lo, hi = min(lo, me.Share), max(hi, me.Share)
			counts[me.Level]++
			top = top || f.Level(me.Level).Rank >= rank
		}
		means[i] = num.Quo(num, big.NewRat(int64(fte), 1))
		if e.Node != n.Key || means[i].Cmp(big.NewRat(e.Mean.Num, e.Mean.Den)) != 0 {
			t.Fatalf("%s: mean %v, want %v", n.Key, e.Mean, means[i])
		}
		fl := new(big.Int).Quo(means[i].Num(), means[i].Denom()).Int64()
		if s := int64(e.Share); s != fl && !(s == fl+1 && !means[i].IsInt()) {
			t.Fatalf("%s: share %d is not %v rounded", n.Key, e.Share, means[i])
		}
		if e.Lowest != lo || e.Highest != hi || e.Share < lo || e.Share > hi {
			t.Fatalf("%s: share %d outside [%d, %d] (reported [%d, %d])", n.Key, e.Share, lo, hi, e.Lowest, e.Highest)
		}
		counted := 0
		for _, l := range e.Levels {
			if l.Members != counts[l.Level] {
				t.Fatalf("%s: %d at %s, want %d", n.Key, l.Members, l.Level, counts[l.Level])
			}
			counted += l.Members
		}
		if counted != len(members) || e.Gap == top {
			t.Fatalf("%s: counted %d, gap %v", n.Key, counted, e.Gap)
		}
		if e.Gap {
			gaps = append(gaps, n.Key)
		}
		shares.Entries = append(shares.Entries, Entry{Node: n.Key, Share: e.Share, Level: f.Levels[0].Key})
	}
	if sum != f.Rules.Total {
		t.Fatalf("shares add up to %d, not %d", sum, f.Rules.Total)
	}
	if ps := Validate(shares, f); len(ps) > 0 {
		t.Fatalf("the team's shares do not validate: %v", ps)
	}
	if !slicesEqual(gaps, team.Gaps) {
		t.Fatalf("gaps %v, want %v", team.Gaps, gaps)
	}
	// Largest remainder: no element rounded down has a larger remainder than one rounded up,
	// nor an equal one earlier in the tree.
	rem := func(i int) *big.Rat {
		fl := new(big.Int).Quo(means[i].Num(), means[i].Denom())
		return new(big.Rat).Sub(means[i], new(big.Rat).SetInt(fl))
	}
	for i := range nodes {
		up := !means[i].IsInt() && big.NewRat(int64(team.Elements[i].Share), 1).Cmp(means[i]) > 0
		for j := range nodes {
			down := !means[j].IsInt() && big.NewRat(int64(team.Elements[j].Share), 1).Cmp(means[j]) < 0
			if up && down {
				if c := rem(j).Cmp(rem(i)); c > 0 || (c == 0 && j < i) {
					t.Fatalf("%s was rounded up before %s", nodes[i].Key, nodes[j].Key)
				}
			}
		}
	}
}

func slicesEqual(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// TestTeamGroupedMembers checks the property that lets a unit's posts go in grouped by role: a
// member standing for n posts with their FTE summed gives exactly the profile of the n posts
// put in one by one, for random profiles, counts and FTEs.
func TestTeamGroupedMembers(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2026))
	fws := []*framework.Framework{iwf(t, "2.1"), tiny(t), zeroMin(t)}
	for i := range 500 {
		f := fws[i%len(fws)]
		var one, grouped []Member
		for range 1 + rng.IntN(6) {
			p := randomProfile(rng, f)
			n := 1 + rng.IntN(40)
			sum := 0
			for range n {
				fte := 1 + rng.IntN(100)
				one = append(one, Member{Profile: p, FTE: fte})
				sum += fte
			}
			grouped = append(grouped, Member{Profile: p, FTE: sum, Count: n})
		}
		want, err := Team(f, one)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Team(f, grouped)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: grouped\n%+v\nwant\n%+v", i, got, want)
		}
	}
	// A group may hold up to its count times MaxFTE, and no more.
	p := randomProfile(rng, tiny(t))
	if _, err := Team(tiny(t), []Member{{Profile: p, FTE: 3 * MaxFTE, Count: 3}}); err != nil {
		t.Errorf("3 posts at MaxFTE each: %v", err)
	}
	if _, err := Team(tiny(t), []Member{{Profile: p, FTE: 3*MaxFTE + 1, Count: 3}}); err == nil {
		t.Error("3 posts over MaxFTE each were accepted")
	}
}

func TestCompareTeams(t *testing.T) {
	tf := tiny(t)
	a := prof(tf, Entry{Node: "a", Share: 4, Level: "low"}, Entry{Node: "b", Share: 3, Level: "mid"}, Entry{Node: "c", Share: 3, Level: "low"})
	b := prof(tf, Entry{Node: "a", Share: 2, Level: "high"}, Entry{Node: "b", Share: 2, Level: "low"}, Entry{Node: "c", Share: 6, Level: "low"})
	cur, err := Team(tf, []Member{{Profile: a, FTE: 200, Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	// Two of the posts become posts of the other role: the shares move halfway.
	scen, err := Team(tf, []Member{{Profile: b, FTE: 200, Count: 2}, {Profile: a, FTE: 200, Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		cur, scen TeamProfile
		want      []TeamChange
	}{
		{"both", cur, scen, []TeamChange{
			{Node: "a", Title: "Apples", ParentTitle: "Group one", Current: 4, Scenario: 3, CurrentGap: true},
			{Node: "b", Title: "Bananas", ParentTitle: "Group one", Current: 3, Scenario: 3},
			{Node: "c", Title: "Cherries", ParentTitle: "Group two", Current: 3, Scenario: 4, CurrentGap: true, ScenarioGap: true},
		}},
		{"no profile today", TeamProfile{}, cur, []TeamChange{
			{Node: "a", Title: "Apples", ParentTitle: "Group one", Scenario: 4, ScenarioGap: true},
			{Node: "b", Title: "Bananas", ParentTitle: "Group one", Scenario: 3},
			{Node: "c", Title: "Cherries", ParentTitle: "Group two", Scenario: 3, ScenarioGap: true},
		}},
		{"neither", TeamProfile{}, TeamProfile{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CompareTeams(tt.cur, tt.scen)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
			for _, c := range got {
				if c.Change() != c.Scenario-c.Current {
					t.Errorf("%s: change %d", c.Node, c.Change())
				}
			}
		})
	}
}
