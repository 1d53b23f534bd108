package strategy

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
	"testing/quick"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCheckAction(t *testing.T) {
	members := []int64{1, 2, 3}
	plan := []string{"finding-1", "finding-2"}
	tests := []struct {
		name    string
		in      Action
		wantErr bool
		want    Action
	}{
		{"tidied", Action{Title: " Joint bank ", LeadOrgID: 1, Partners: []int64{3, 1, 2, 3}, Priorities: []string{"finding-2", "finding-1", "finding-2"}},
			false, Action{Title: "Joint bank", LeadOrgID: 1, Partners: []int64{2, 3}, Status: StatusPlanned, Priorities: []string{"finding-1", "finding-2"}}},
		{"no title", Action{LeadOrgID: 1, Priorities: plan}, true, Action{}},
		{"lead not a partner", Action{Title: "x", LeadOrgID: 9, Priorities: plan}, true, Action{}},
		{"involved not a partner", Action{Title: "x", LeadOrgID: 1, Partners: []int64{9}, Priorities: plan}, true, Action{}},
		{"unknown status", Action{Title: "x", LeadOrgID: 1, Status: "lost", Priorities: plan}, true, Action{}},
		{"due before start", Action{Title: "x", LeadOrgID: 1, Start: day("2026-05-02"), Due: day("2026-05-01"), Priorities: plan}, true, Action{}},
		{"due on start", Action{Title: "x", LeadOrgID: 1, Start: day("2026-05-01"), Due: day("2026-05-01"), Priorities: plan[:1]},
			false, Action{Title: "x", LeadOrgID: 1, Start: day("2026-05-01"), Due: day("2026-05-01"), Status: StatusPlanned, Priorities: plan[:1]}},
		{"no priority", Action{Title: "x", LeadOrgID: 1}, true, Action{}},
		{"priority outside the plan", Action{Title: "x", LeadOrgID: 1, Priorities: []string{"finding-1", "finding-7"}}, true, Action{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			err := CheckAction(&a, members, plan)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("err = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, tt.want) {
				t.Errorf("got %+v, want %+v", a, tt.want)
			}
		})
	}
}

func TestCheckPlanPriorities(t *testing.T) {
	avail := []string{"a", "b", "c"}
	got, err := CheckPlanPriorities([]string{"c", "a", "c"}, avail)
	if err != nil || !reflect.DeepEqual(got, []string{"a", "c"}) {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := CheckPlanPriorities(nil, avail); !errors.Is(err, ErrInvalid) {
		t.Errorf("none chosen: %v", err)
	}
	if _, err := CheckPlanPriorities([]string{"z"}, avail); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown: %v", err)
	}
}

func TestDueAndOverdue(t *testing.T) {
	today := day("2026-06-10")
	tests := []struct {
		due      string
		status   Status
		overdue  bool
		within30 bool
	}{
		{"2026-06-09", StatusInProgress, true, false},
		{"2026-06-09", StatusDone, false, false},
		{"2026-06-09", StatusCancelled, false, false},
		{"2026-06-10", StatusPlanned, false, true},
		{"2026-07-10", StatusBlocked, false, true},
		{"2026-07-11", StatusPlanned, false, false},
		{"", StatusPlanned, false, false},
	}
	for _, tt := range tests {
		a := Action{Due: day(tt.due), Status: tt.status}
		if got := a.Overdue(today); got != tt.overdue {
			t.Errorf("%s %s: overdue %v, want %v", tt.due, tt.status, got, tt.overdue)
		}
		if got := a.DueWithin(today, 30); got != tt.within30 {
			t.Errorf("%s %s: due within 30 days %v, want %v", tt.due, tt.status, got, tt.within30)
		}
	}
}

func TestRollups(t *testing.T) {
	today := day("2026-06-10")
	actions := []Action{
		{ID: 1, LeadOrgID: 1, Partners: []int64{2}, Status: StatusDone, Priorities: []string{"p1"}},
		{ID: 2, LeadOrgID: 1, Status: StatusInProgress, Due: day("2026-06-01"), Priorities: []string{"p1", "p2"}},
		{ID: 3, LeadOrgID: 2, Status: StatusPlanned, Priorities: []string{"p2"}},
		{ID: 4, LeadOrgID: 2, Status: StatusCancelled, Priorities: []string{"p1"}},
		{ID: 5, LeadOrgID: 3, Partners: []int64{1}, Status: StatusBlocked, Priorities: []string{"p1"}},
	}
	byP := ByPriority(actions, []string{"p1", "p2", "p3"}, today)
	want := map[string]Progress{
		"p1": {Total: 3, Done: 1, InProgress: 1, Blocked: 1, Overdue: 1},
		"p2": {Total: 2, InProgress: 1, Planned: 1, Overdue: 1},
		"p3": {},
	}
	if !reflect.DeepEqual(byP, want) {
		t.Errorf("by priority:\n got %+v\nwant %+v", byP, want)
	}
	if got := byP["p1"].Percent(); got != 33 { // 1 of 3: floor, not rounded
		t.Errorf("p1 percent %d, want 33", got)
	}
	byO := ByPartner(actions, []int64{1, 2, 3, 4}, today)
	wantO := map[int64]Progress{
		1: {Total: 3, Done: 1, InProgress: 1, Blocked: 1, Overdue: 1},
		2: {Total: 2, Done: 1, Planned: 1},
		3: {Total: 1, Blocked: 1},
		4: {},
	}
	if !reflect.DeepEqual(byO, wantO) {
		t.Errorf("by partner:\n got %+v\nwant %+v", byO, wantO)
	}
	hm := HeatMap(actions, []int64{1, 2}, []string{"p1", "p2"}, today)
	if hm[0][0].Total != 3 || hm[0][1].Total != 1 || hm[1][0].Total != 1 || hm[1][1].Total != 1 {
		t.Errorf("heat map %+v", hm)
	}
	if hm[1][0].Heat() != "all done" || hm[0][1].Heat() != "under way" || (Progress{}).Heat() != "none" {
		t.Errorf("heat words %q %q", hm[1][0].Heat(), hm[0][1].Heat())
	}
	if got := Tally(actions, today); got.Total != 4 || got.Percent() != 25 {
		t.Errorf("tally %+v", got)
	}
}

func TestPercentProperty(t *testing.T) {
	f := func(part, whole int) bool {
		p := Percent(part, whole)
		return p >= 0 && p <= 100 && (whole <= 0 || part < whole || p == 100)
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
	// Any set of actions: every roll-up percentage is in 0..100 and the counts add up.
	g := func(statuses []uint8, prios []uint8) bool {
		var actions []Action
		for i, s := range statuses {
			k := "p1"
			if i < len(prios) && prios[i]%2 == 1 {
				k = "p2"
			}
			actions = append(actions, Action{LeadOrgID: int64(s%3 + 1), Status: Statuses[int(s)%len(Statuses)], Priorities: []string{k}})
		}
		for _, p := range ByPriority(actions, []string{"p1", "p2"}, day("2026-01-01")) {
			if p.Percent() < 0 || p.Percent() > 100 || p.Done+p.InProgress+p.Blocked+p.Planned != p.Total {
				return false
			}
		}
		for _, p := range ByPartner(actions, []int64{1, 2, 3}, day("2026-01-01")) {
			if p.Percent() < 0 || p.Percent() > 100 {
				return false
			}
		}
		return true
	}
	if err := quick.Check(g, nil); err != nil {
		t.Error(err)
	}
}

func TestCheckDependency(t *testing.T) {
	actions := []int64{1, 2, 3, 4}
	existing := []Dependency{{2, 1}, {3, 2}}
	tests := []struct {
		d  Dependency
		ok bool
	}{
		{Dependency{4, 3}, true},
		{Dependency{3, 1}, true},  // a shortcut is no cycle
		{Dependency{1, 3}, false}, // 1 → 3 → 2 → 1
		{Dependency{1, 2}, false},
		{Dependency{2, 2}, false},
		{Dependency{2, 1}, false}, // already there
		{Dependency{5, 1}, false}, // not in the plan
	}
	for _, tt := range tests {
		err := CheckDependency(existing, tt.d, actions)
		if (err == nil) != tt.ok {
			t.Errorf("%v: err %v, want ok=%v", tt.d, err, tt.ok)
		}
	}
}

// TestDependenciesStayAcyclic: whatever dependencies are asked for, in any order, the ones
// CheckDependency accepts never form a cycle.
func TestDependenciesStayAcyclic(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 2 + rng.IntN(8)
		var actions []int64
		for i := range n {
			actions = append(actions, int64(i+1))
		}
		var deps []Dependency
		for range 40 {
			d := Dependency{int64(1 + rng.IntN(n)), int64(1 + rng.IntN(n))}
			if CheckDependency(deps, d, actions) == nil {
				deps = append(deps, d)
			}
			if !Acyclic(deps) {
				t.Fatalf("seed %d: accepted dependencies %v have a cycle", seed, deps)
			}
		}
	}
	if Acyclic([]Dependency{{1, 2}, {2, 1}}) {
		t.Error("Acyclic missed a cycle")
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		in   string
		want Amount
		out  string
		bad  bool
	}{
		{"12", 1200, "12", false},
		{"12.5", 1250, "12.5", false},
		{"12.50%", 1250, "12.5", false},
		{"-0.25", -25, "-0.25", false},
		{".5", 50, "0.5", false},
		{"1,200.05", 120005, "1200.05", false},
		{"1.234", 0, "", true},
		{"abc", 0, "", true},
		{"", 0, "", true},
		{"-", 0, "", true},
		{"1.", 0, "", true},
		{"99999999999999999", 0, "", true},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if tt.bad {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%q: err %v, want ErrInvalid", tt.in, err)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.out {
			t.Errorf("%q: got %d %q %v, want %d %q", tt.in, got, got.String(), err, tt.want, tt.out)
		}
	}
	roundTrip := func(v int64) bool {
		a := Amount(v % (maxWhole * 100))
		b, err := ParseAmount(a.String())
		return err == nil && a == b
	}
	if err := quick.Check(roundTrip, nil); err != nil {
		t.Error(err)
	}
}

func TestMeasureStatus(t *testing.T) {
	vals := func(vs ...Amount) []Value {
		var out []Value
		for i, v := range vs {
			out = append(out, Value{On: day("2026-01-01").AddDays(i * 30), Value: v})
		}
		return out
	}
	tests := []struct {
		name    string
		m       Measure
		want    Standing
		percent int
	}{
		{"no values", Measure{Baseline: 1200, Target: 800, Direction: Decrease}, NoData, 0},
		{"vacancy falling", Measure{Baseline: 1200, Target: 800, Direction: Decrease, Values: vals(1100, 1000)}, OnTrack, 50},
		{"vacancy met", Measure{Baseline: 1200, Target: 800, Direction: Decrease, Values: vals(800)}, Met, 100},
		{"vacancy beyond", Measure{Baseline: 1200, Target: 800, Direction: Decrease, Values: vals(700)}, Met, 100},
		{"vacancy rising", Measure{Baseline: 1200, Target: 800, Direction: Decrease, Values: vals(1300)}, OffTrack, 0},
		{"survey rising", Measure{Baseline: 650, Target: 700, Direction: Increase, Values: vals(660)}, OnTrack, 20},
		{"survey flat", Measure{Baseline: 650, Target: 700, Direction: Increase, Values: vals(650)}, OffTrack, 0},
		{"latest by date, not entry order", Measure{Baseline: 0, Target: 100, Direction: Increase,
			Values: []Value{{On: day("2026-03-01"), Value: 90}, {On: day("2026-01-01"), Value: 10}}}, OnTrack, 90},
	}
	for _, tt := range tests {
		got, pc := tt.m.Status()
		if got != tt.want || pc != tt.percent {
			t.Errorf("%s: %q %d, want %q %d", tt.name, got, pc, tt.want, tt.percent)
		}
	}
	bad := []Measure{
		{Title: "", Baseline: 1, Target: 2, Direction: Increase},
		{Title: "x", Baseline: 2, Target: 2, Direction: Increase},
		{Title: "x", Baseline: 1, Target: 2, Direction: Decrease},
		{Title: "x", Baseline: 1, Target: 2},
	}
	for _, m := range bad {
		if err := CheckMeasure(&m); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", m, err)
		}
	}
	// For all baselines, targets and values the percentage stays in 0..100.
	f := func(b, tg, v int32, up bool) bool {
		m := Measure{Baseline: Amount(b), Target: Amount(tg), Direction: Decrease, Values: []Value{{Value: Amount(v)}}}
		if up {
			m.Direction = Increase
		}
		_, pc := m.Status()
		return pc >= 0 && pc <= 100
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

func TestRisk(t *testing.T) {
	tests := []struct {
		l, i   int
		rating string
	}{{1, 4, "low"}, {1, 5, "medium"}, {3, 3, "medium"}, {3, 4, "high"}, {5, 5, "high"}}
	for _, tt := range tests {
		r := Risk{Title: "x", Likelihood: tt.l, Impact: tt.i}
		if err := CheckRisk(&r); err != nil || r.Rating() != tt.rating {
			t.Errorf("%d×%d: %q %v, want %q", tt.l, tt.i, r.Rating(), err, tt.rating)
		}
	}
	for _, r := range []Risk{{Title: "", Likelihood: 1, Impact: 1}, {Title: "x", Likelihood: 0, Impact: 1}, {Title: "x", Likelihood: 1, Impact: 6}} {
		if err := CheckRisk(&r); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", r, err)
		}
	}
}

func TestPartnerKinds(t *testing.T) {
	for _, k := range PartnerKinds {
		if !k.Valid() || k.Label() == string(k) {
			t.Errorf("%q", k)
		}
	}
	if PartnerKind("parent").Valid() {
		t.Error("unknown kind valid")
	}
}
