package career

import (
	"errors"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/workforce"
)

func req(node, level string) workforce.Requirement {
	return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: node, LevelKey: level, Essential: true}
}

// testGraph builds a graph of roles (id, staff group, level, requirements) and routes.
func testGraph(roles []struct {
	id    int64
	group string
	level int
	reqs  []workforce.Requirement
}, routes [][2]int64) *Graph {
	g := &Graph{Cat: NewCatalog(testLookup), Roles: map[int64]*RoleInfo{}, Gives: map[int64][]Held{},
		Routes: map[int64][]RouteInfo{}, ByGroupLevel: map[GroupLevel][]int64{}}
	for _, r := range roles {
		g.Roles[r.id] = &RoleInfo{ID: r.id, StaffGroup: r.group, Level: r.level, Title: "role", Need: g.Cat.NeedOf(r.reqs)}
		g.Gives[r.id] = g.Cat.HeldFromRequirements(r.reqs)
		k := GroupLevel{r.group, r.level}
		g.ByGroupLevel[k] = append(g.ByGroupLevel[k], r.id)
	}
	for _, rt := range routes {
		g.Routes[rt[0]] = append(g.Routes[rt[0]], RouteInfo{FromRoleID: rt[0], ToRoleID: rt[1], Kind: KindUp})
	}
	return g
}

type roleSpec = struct {
	id    int64
	group string
	level int
	reqs  []workforce.Requirement
}

func TestFindPathway(t *testing.T) {
	// Support (1, level 2) → senior support (2, level 3) → assistant practitioner (3, level 4) in
	// one staff group; registered nurse (4, level 5) in another, reached only by a route from 3;
	// an alternative level 4 role (5) whose requirements differ; an island (6) nothing reaches.
	roles := []roleSpec{
		{1, "support", 2, []workforce.Requirement{req("c1", "l1")}},
		{2, "support", 3, []workforce.Requirement{req("c1", "l2"), req("c2", "l1")}},
		{3, "support", 4, []workforce.Requirement{req("c1", "l2"), req("c2", "l2"), req("c3", "l1")}},
		{4, "nursing", 5, []workforce.Requirement{req("c1", "l3"), req("c2", "l2"), req("c3", "l2")}},
		{5, "support", 4, []workforce.Requirement{req("c4", "l4")}},
		{6, "island", 7, []workforce.Requirement{req("c1", "l4")}},
	}
	g := testGraph(roles, [][2]int64{{3, 4}, {5, 4}})
	held := g.Cat.HeldOf([]workforce.PortfolioEntry{{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: "c1", LevelKey: "l1"}})
	today := Today("2025-01-01")

	cases := []struct {
		name      string
		starts    []int64
		target    int64
		wantPath  []int64
		wantGaps  []int
		wantTotal int
		wantErr   error
	}{
		// Step to 2: c1 half (1 of 2), c2 missing: 25% → gap 75. Then to 3 holding 2's needs: c1
		// met, c2 half, c3 missing: (2+1+0)/6 = 50% → gap 50. Then to 4 by the route holding 3's:
		// c1 2 of 3, c2 met, c3 half: (4/3+2+1)/6 = 72% → gap 28. Going through 5 costs more
		// (c4 missing: gap 100 at 5).
		{"through the ladder and the route", []int64{1}, 4, []int64{2, 3, 4}, []int{75, 50, 28}, 153, nil},
		{"the target itself", []int64{1}, 1, nil, nil, 0, nil},
		{"no path", []int64{1}, 6, nil, nil, 0, ErrNoPath},
		{"unknown target", []int64{1}, 99, nil, nil, 0, ErrNoPath},
		{"no start", nil, 4, nil, nil, 0, ErrNoStart},
		// From 2 (holding only c1 at l1: the current role is not assumed met) both 3 and 5 are a level
		// up; 3 costs 84 (c1 half of 2), 5 costs 100, and 3 then reaches 4 for 28.
		{"from the middle", []int64{2}, 4, []int64{3, 4}, []int{84, 28}, 112, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := g.FindPathway(c.starts, held, c.target, today)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			if err != nil {
				return
			}
			var ids []int64
			var gaps []int
			for _, s := range p.Steps {
				ids = append(ids, s.Role.ID)
				gaps = append(gaps, s.Gap)
			}
			if !slices.Equal(ids, c.wantPath) || !slices.Equal(gaps, c.wantGaps) || p.Total != c.wantTotal {
				t.Errorf("path %v gaps %v total %d, want %v %v %d", ids, gaps, p.Total, c.wantPath, c.wantGaps, c.wantTotal)
			}
			sum := 0
			for _, s := range p.Steps {
				sum += s.Gap
			}
			if sum != p.Total {
				t.Errorf("total %d is not the sum of the steps' gaps %d", p.Total, sum)
			}
		})
	}
}

// TestFindPathwayTies: two level-up roles with the same requirements give equal totals; the one
// with the lower id wins, whatever order the roles were added in.
func TestFindPathwayTies(t *testing.T) {
	for _, order := range [][]int64{{10, 20}, {20, 10}} {
		var roles []roleSpec
		roles = append(roles, roleSpec{1, "g", 2, nil})
		for _, id := range order {
			roles = append(roles, roleSpec{id, "g", 3, []workforce.Requirement{req("c1", "l2")}})
		}
		roles = append(roles, roleSpec{30, "g", 4, []workforce.Requirement{req("c1", "l2"), req("c2", "l1")}})
		g := testGraph(roles, nil)
		p, err := g.FindPathway([]int64{1}, nil, 30, Today("2025-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		// Going straight to 30 is not a move (two levels up, no route), so: 1 → 10 → 30.
		if len(p.Steps) != 2 || p.Steps[0].Role.ID != 10 {
			t.Errorf("order %v: path starts with %d (%d steps), want 10", order, p.Steps[0].Role.ID, len(p.Steps))
		}
	}
}

// TestPathwayAgreesWithAnalyse: each step's gap is 100 − workforce.Analyse against the step's role
// with the person's portfolio plus the requirements of the steps before.
func TestPathwayAgreesWithAnalyse(t *testing.T) {
	reqs := map[int64][]workforce.Requirement{
		1: {req("c1", "l1")},
		2: {req("c1", "l2"), req("c2", "l1")},
		3: {req("c1", "l3"), req("c2", "l2"), req("c3", "l1")},
	}
	g := testGraph([]roleSpec{{1, "g", 2, reqs[1]}, {2, "g", 3, reqs[2]}, {3, "g", 4, reqs[3]}}, nil)
	entries := []workforce.PortfolioEntry{{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: "c2", LevelKey: "l1"}}
	p, err := g.FindPathway([]int64{1}, g.Cat.HeldOf(entries), 3, Today("2025-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	have := slices.Clone(entries)
	for _, s := range p.Steps {
		want := 100 - Transferability(reqs[s.Role.ID], have, testLookup, "2025-01-01")
		if s.Gap != want {
			t.Errorf("step to %d: gap %d, Analyse says %d", s.Role.ID, s.Gap, want)
		}
		have = append(have, EntriesFromRequirements(reqs[s.Role.ID])...)
	}
}
