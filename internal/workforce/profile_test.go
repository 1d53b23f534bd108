package workforce

import (
	"math/rand"
	"reflect"
	"strconv"
	"testing"
	"testing/quick"
)

// The hand-worked example (every figure below was worked out on paper from these rows; the
// working is in the comments).
//
// Teams: Ward A (1) and Ward B (2); team 99 is outside the unit and must change nothing.
// Roles: 10 staff nurse (level 5, band 5, registered, needs ksf c1 at level 2); 20 healthcare
// assistant (level 3, band 3, needs c1 and c2 at level 1); 30 doctor (level 7, no band,
// registered, needs nothing).
// On-costs 28.50%, pay table AfC 2025/26.
func exampleInput() ProfileInput {
	ksf := func(node, level string) Requirement {
		return Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level}
	}
	return ProfileInput{
		Teams: []TeamRef{{ID: 1, Name: "Ward A"}, {ID: 2, Name: "Ward B"}},
		Roles: map[int64]Role{
			10: {ID: 10, Title: "Staff nurse", Level: 5, Band: "5", StaffGroup: "Nursing and Midwifery Registered",
				RegistrationRequired: true, Requirements: []Requirement{ksf("c1", "level-2")}},
			20: {ID: 20, Title: "Healthcare assistant", Level: 3, Band: "3", StaffGroup: "Additional Clinical Services",
				Requirements: []Requirement{ksf("c1", "level-1"), ksf("c2", "level-1")}},
			30: {ID: 30, Title: "Doctor", Level: 7, StaffGroup: "Medical and Dental", RegistrationRequired: true},
		},
		Staff: []StaffRow{
			{PersonID: 1, TeamID: 1, RoleID: 10, FTE: 100},
			{PersonID: 2, TeamID: 1, RoleID: 10, FTE: 60},
			{PersonID: 3, TeamID: 1, RoleID: 20, FTE: 100},
			{PersonID: 4, TeamID: 1, RoleID: 20, FTE: 50},
			{PersonID: 4, TeamID: 2, RoleID: 20, FTE: 50},
			{PersonID: 5, TeamID: 2, RoleID: 30, FTE: 100},
			{PersonID: 9, TeamID: 99, RoleID: 10, FTE: 100},
		},
		Posts: []Post{
			{ID: 1, TeamID: 1, RoleID: 10, FTE: 100, PayPoint: PayEntry, HolderID: 1},                   // A1
			{ID: 2, TeamID: 1, RoleID: 10, FTE: 100, PayPoint: PayTop, HolderID: 2},                     // A2: holder works 0.60
			{ID: 3, TeamID: 1, RoleID: 10, FTE: 50, PayPoint: PayIntermediate},                          // A3: vacant
			{ID: 4, TeamID: 1, RoleID: 20, FTE: 100, Band: "4", PayPoint: PayIntermediate, HolderID: 3}, // A4: band 4 override
			{ID: 5, TeamID: 2, RoleID: 20, FTE: 100, PayPoint: PayEntry, HolderID: 4},                   // B1: holder works 0.50 here
			{ID: 6, TeamID: 2, RoleID: 30, FTE: 100, PayPoint: PayTop, HolderID: 5},                     // B2: no band, not costed
			{ID: 7, TeamID: 2, RoleID: 10, FTE: 100, PayPoint: PayActual},                               // B3: vacant, actual → entry
			{ID: 8, TeamID: 2, RoleID: 20, FTE: 40, PayPoint: PayTop, HolderID: 3},                      // B4: P3 not in Ward B → vacant
			{ID: 9, TeamID: 99, RoleID: 10, FTE: 100, PayPoint: PayTop, HolderID: 9},                    // outside the unit
		},
		Holdings: []Holding{
			{PersonID: 1, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-3"},
			{PersonID: 2, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-1"},
			{PersonID: 3, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-2"},
			{PersonID: 3, FrameworkKey: "ksf", NodeKey: "c2", LevelKey: "level-1"},
			{PersonID: 4, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-2"},
			{PersonID: 4, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-1"}, // a lower, older entry: best counts
			{PersonID: 4, FrameworkKey: "ksf", NodeKey: "c2", LevelKey: "level-1"},
			{PersonID: 5, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-2"},
			{PersonID: 9, FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-3"},
		},
		Pay:    CurrentPayTable("2025-11-23"),
		OnCost: 2850,
		Lookup: testFrameworks(),
	}
}

func TestProfileHeadlineFigures(t *testing.T) {
	p := WorkOutProfile(exampleInput())
	want := Figures{
		Headcount: 5,   // P1..P5; P4 once though in two teams; P9 outside
		StaffFTE:  460, // 1 + 0.6 + 1 + 0.5 + 0.5 + 1
		Posts:     8,
		// Vacant posts: A3, B3, B4 (nothing filled).
		VacantPosts: 3,
		FundedFTE:   690, // 1 + 1 + 0.5 + 1 + 1 + 1 + 1 + 0.4
		FilledFTE:   410, // A1 1, A2 0.6, A4 1, B1 0.5, B2 1
		VacantFTE:   280,
		// Posts: A1 31,049×1.00 = 3,104,900p + 884,897 (28.5%: 884,896.5 half up) = 3,989,797
		// A2 37,796 → 3,779,600 + 1,077,186 = 4,856,786
		// A3 33,487×0.50 = 1,674,350 + 477,190 (477,189.75) = 2,151,540
		// A4 band 4 has no intermediate point → top 30,162: 3,016,200 + 859,617 = 3,875,817
		// B1 24,937 → 2,493,700 + 710,705 (710,704.5 half up) = 3,204,405
		// B2 doctor: no band, not costed
		// B3 actual but vacant → entry 31,049: 3,104,900 + 884,897 = 3,989,797
		// B4 26,598×0.40 = 1,063,920 + 303,217 (303,217.2) = 1,367,137
		BaseCost:    18_237_570,
		OnCostTotal: 5_197_709,
		Cost:        23_435_279,
		Uncosted:    1,
	}
	if p.Figures != want {
		t.Errorf("figures\n got %+v\nwant %+v", p.Figures, want)
	}
	if got := p.VacancyRate(); got != 41 { // 2.80 / 6.90 = 40.58%
		t.Errorf("vacancy rate %d, want 41", got)
	}
	wantSplit := Split{RegisteredHeadcount: 3, UnregisteredHeadcount: 2, RegisteredFTE: 260, UnregisteredFTE: 200}
	if p.Registered != wantSplit {
		t.Errorf("registered %+v, want %+v", p.Registered, wantSplit)
	}
	if got := p.Registered.RegisteredPercent(); got != 57 { // 2.60 / 4.60 = 56.5%
		t.Errorf("registered percent %d, want 57", got)
	}
}

func TestProfileByLevel(t *testing.T) {
	p := WorkOutProfile(exampleInput())
	if len(p.ByLevel) != 9 || p.ByLevel[0].Key != "9" || p.ByLevel[8].Key != "1" {
		t.Fatalf("the pyramid has every level from 9 down to 1: %+v", p.ByLevel)
	}
	want := map[string]Figures{
		"7": {Headcount: 1, StaffFTE: 100, Posts: 1, FundedFTE: 100, FilledFTE: 100, Uncosted: 1},
		// Nurses: P1 1.00 + P2 0.60; posts A1, A2, A3, B3.
		"5": {Headcount: 2, StaffFTE: 160, Posts: 4, VacantPosts: 2, FundedFTE: 350, FilledFTE: 160, VacantFTE: 190,
			BaseCost: 3_104_900 + 3_779_600 + 1_674_350 + 3_104_900, OnCostTotal: 884_897 + 1_077_186 + 477_190 + 884_897,
			Cost: 14_987_920},
		// Healthcare assistants: P3 1.00, P4 0.50 + 0.50; posts A4, B1, B4.
		"3": {Headcount: 2, StaffFTE: 200, Posts: 3, VacantPosts: 1, FundedFTE: 240, FilledFTE: 150, VacantFTE: 90,
			BaseCost: 3_016_200 + 2_493_700 + 1_063_920, OnCostTotal: 859_617 + 710_705 + 303_217, Cost: 8_447_359},
	}
	for _, g := range p.ByLevel {
		if g.Figures != want[g.Key] {
			t.Errorf("level %s\n got %+v\nwant %+v", g.Key, g.Figures, want[g.Key])
		}
	}
}

func TestProfileByBandGroupRoleTeam(t *testing.T) {
	p := WorkOutProfile(exampleInput())
	type row struct {
		key           string
		hc            int
		staff, funded FTE
		posts         int
		cost          Pence
	}
	rows := func(gs []Group) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Headcount, g.StaffFTE, g.FundedFTE, g.Posts, g.Cost})
		}
		return out
	}
	tests := []struct {
		name string
		got  []Group
		want []row
	}{
		// Staff are grouped by their role's band, posts by the post's band (A4 is band 4).
		{"band", p.ByBand, []row{
			{"5", 2, 160, 350, 4, 14_987_920},
			{"4", 0, 0, 100, 1, 3_875_817},
			{"3", 2, 200, 140, 2, 3_204_405 + 1_367_137},
			{NoBand, 1, 100, 100, 1, 0},
		}},
		{"staff group", p.ByStaffGroup, []row{
			{"Medical and Dental", 1, 100, 100, 1, 0},
			{"Nursing and Midwifery Registered", 2, 160, 350, 4, 14_987_920},
			{"Additional Clinical Services", 2, 200, 240, 3, 8_447_359},
		}},
		{"role", p.ByRole, []row{
			{"30", 1, 100, 100, 1, 0},
			{"20", 2, 200, 240, 3, 8_447_359},
			{"10", 2, 160, 350, 4, 14_987_920},
		}},
		// P4 works in both wards, so the wards' headcounts add up to 6.
		{"team", p.ByTeam, []row{
			{"1", 4, 310, 350, 4, 3_989_797 + 4_856_786 + 2_151_540 + 3_875_817},
			{"2", 2, 150, 340, 4, 3_204_405 + 3_989_797 + 1_367_137},
		}},
	}
	for _, tc := range tests {
		if got := rows(tc.got); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("by %s\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func TestProfileCoverage(t *testing.T) {
	cv := WorkOutProfile(exampleInput()).Coverage
	if len(cv.Competences) != 2 || cv.Competences[0].Code != "C1" || cv.Competences[1].Title != "Personal and people development" {
		t.Fatalf("competences %+v", cv.Competences)
	}
	want := []TeamCoverage{
		// Ward A: c1 demanded by A1-A3 (level 2) and A4 (level 1) → 4 at level 2; held at level 2
		// or above by P1, P3, P4 (P2 only at level 1). c2 by A4 → 1; held by P3 and P4.
		{TeamRef{1, "Ward A"}, []Cell{{Demand: 4, Held: 3, Shortfall: 1, Level: "Level 2"}, {Demand: 1, Held: 2, Level: "Level 1"}}},
		// Ward B: c1 by B1, B4 (level 1), B3 (level 2) → 3 at level 2; held by P4 and P5. c2 by
		// B1, B4 → 2; held by P4 only.
		{TeamRef{2, "Ward B"}, []Cell{{Demand: 3, Held: 2, Shortfall: 1, Level: "Level 2"}, {Demand: 2, Held: 1, Shortfall: 1, Level: "Level 1"}}},
	}
	if !reflect.DeepEqual(cv.Teams, want) {
		t.Errorf("teams\n got %+v\nwant %+v", cv.Teams, want)
	}
	wantTotals := []Cell{{Demand: 7, Held: 5, Shortfall: 2}, {Demand: 3, Held: 3, Shortfall: 1}}
	if !reflect.DeepEqual(cv.Totals, wantTotals) {
		t.Errorf("totals %+v, want %+v", cv.Totals, wantTotals)
	}
	if got := cv.Teams[0].Cells[0].Percent(); got != 75 {
		t.Errorf("percent %d, want 75", got)
	}
	if got := cv.Teams[0].Cells[1].Percent(); got != 100 {
		t.Errorf("a surplus is 100%%, got %d", got)
	}
}

// An expired competence is not held: the store leaves it out of Holdings, and a unit with no
// staff has every demanded competence short.
func TestProfileEmptyTeams(t *testing.T) {
	in := exampleInput()
	in.Staff, in.Holdings = nil, nil
	p := WorkOutProfile(in)
	if p.Headcount != 0 || p.FilledFTE != 0 || p.VacantFTE != p.FundedFTE || p.VacantPosts != p.Posts {
		t.Errorf("no staff: every post vacant, got %+v", p.Figures)
	}
	if p.Coverage.Totals[0].Shortfall != 7 || p.Coverage.Totals[1].Shortfall != 3 {
		t.Errorf("no staff: shortfall is the demand, got %+v", p.Coverage.Totals)
	}
	if p.VacancyRate() != 100 || (Figures{}).VacancyRate() != 0 || (Split{}).RegisteredPercent() != 0 {
		t.Error("rates of empty figures")
	}
}

// A holder named on two posts of the same role in the same team fills at most what they work.
func TestProfileHolderFillsOnce(t *testing.T) {
	in := exampleInput()
	in.Posts = []Post{
		{TeamID: 1, RoleID: 10, FTE: 50, PayPoint: PayEntry, HolderID: 2},
		{TeamID: 1, RoleID: 10, FTE: 50, PayPoint: PayEntry, HolderID: 2},
	}
	p := WorkOutProfile(in)
	if p.FilledFTE != 60 || p.VacantFTE != 40 || p.VacantPosts != 0 {
		t.Errorf("P2 works 0.60 across two 0.50 posts: filled 0.60, got %+v", p.Figures)
	}
}

// randomInput builds a unit of random teams, roles, posts and staff for the property tests.
func randomInput(r *rand.Rand) ProfileInput {
	in := exampleInput()
	in.Teams = nil
	for t := int64(1); t <= int64(1+r.Intn(4)); t++ {
		in.Teams = append(in.Teams, TeamRef{ID: t, Name: "Team " + strconv.FormatInt(t, 10)})
	}
	in.Roles = map[int64]Role{}
	groups := append(append([]StaffGroup{}, StaffGroups...), StaffGroup{})
	bands := append(append([]string{}, Bands...), "") // no band: not costed
	for id := int64(1); id <= 6; id++ {
		in.Roles[id] = Role{ID: id, Title: "Role " + strconv.FormatInt(id, 10), Level: r.Intn(10),
			Band: bands[r.Intn(len(bands))], StaffGroup: groups[r.Intn(len(groups))].Name,
			RegistrationRequired: r.Intn(2) == 0, Requirements: []Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010",
				NodeKey: []string{"c1", "c2"}[r.Intn(2)], LevelKey: []string{"level-1", "level-2", "level-3"}[r.Intn(3)]}}}
	}
	in.Staff, in.Posts = nil, nil
	for pid := int64(1); pid <= int64(r.Intn(30)); pid++ {
		for range 1 + r.Intn(2) {
			in.Staff = append(in.Staff, StaffRow{PersonID: pid, TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), FTE: FTE(1 + r.Intn(100))})
		}
	}
	for i := range r.Intn(40) {
		p := Post{ID: int64(i + 1), TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), FTE: FTE(1 + r.Intn(100)), PayPoint: PayPoints[r.Intn(4)]}
		if r.Intn(2) == 0 {
			p.HolderID = int64(1 + r.Intn(30))
		}
		if p.PayPoint == PayActual && r.Intn(2) == 0 {
			p.ActualSalary = int64(20000 + r.Intn(80000))
		}
		in.Posts = append(in.Posts, p)
	}
	in.Holdings = nil
	for range r.Intn(40) {
		in.Holdings = append(in.Holdings, Holding{PersonID: int64(1 + r.Intn(30)), FrameworkKey: "ksf",
			NodeKey: []string{"c1", "c2"}[r.Intn(2)], LevelKey: []string{"level-1", "level-2", "level-3"}[r.Intn(3)]})
	}
	in.OnCost = OnCost(r.Intn(4000))
	return in
}

// Properties that hold for any unit: filled + vacant = funded (overall and in every group), and
// FTE, posts and cost by level, band, staff group, role and team add up to the unit's totals.
func TestProfileProperties(t *testing.T) {
	f := func(seed int64) bool {
		p := WorkOutProfile(randomInput(rand.New(rand.NewSource(seed))))
		if p.FilledFTE+p.VacantFTE != p.FundedFTE || p.FilledFTE < 0 || p.VacantFTE < 0 || p.Cost != p.BaseCost+p.OnCostTotal {
			t.Logf("seed %d: %+v", seed, p.Figures)
			return false
		}
		if p.Registered.RegisteredFTE+p.Registered.UnregisteredFTE != p.StaffFTE {
			return false
		}
		for name, gs := range map[string][]Group{"level": p.ByLevel, "band": p.ByBand, "group": p.ByStaffGroup, "role": p.ByRole, "team": p.ByTeam} {
			var sum Figures
			for _, g := range gs {
				if g.FilledFTE+g.VacantFTE != g.FundedFTE {
					t.Logf("seed %d: %s %s filled+vacant≠funded", seed, name, g.Key)
					return false
				}
				sum.StaffFTE += g.StaffFTE
				sum.Posts += g.Posts
				sum.VacantPosts += g.VacantPosts
				sum.FundedFTE += g.FundedFTE
				sum.FilledFTE += g.FilledFTE
				sum.VacantFTE += g.VacantFTE
				sum.Cost += g.Cost
				sum.BaseCost += g.BaseCost
				sum.OnCostTotal += g.OnCostTotal
				sum.Uncosted += g.Uncosted
				if g.Headcount > p.Headcount {
					return false
				}
			}
			want := p.Figures
			want.Headcount = 0
			if sum != want {
				t.Logf("seed %d: by %s sums to %+v, total %+v", seed, name, sum, want)
				return false
			}
		}
		for i, tot := range p.Coverage.Totals {
			var d, h, s int
			for _, row := range p.Coverage.Teams {
				c := row.Cells[i]
				if c.Shortfall != max(0, c.Demand-c.Held) {
					return false
				}
				d, h, s = d+c.Demand, h+c.Held, s+c.Shortfall
			}
			if tot != (Cell{Demand: d, Held: h, Shortfall: s}) {
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}
