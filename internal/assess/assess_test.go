package assess

import (
	"errors"
	"io/fs"
	"testing"
	"time"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
)

var t0 = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)

// checklist is a small checklist of the test's own: nothing here relies on the IWL file.
func checklist() *framework.Framework {
	return &framework.Framework{Key: "c", Version: "1", Kind: framework.KindChecklist,
		Levels: []framework.Level{{Key: "gold", Rank: 2, Title: "Gold"}, {Key: "bronze", Rank: 1, Title: "Bronze"}},
		Nodes: []framework.Node{
			{Key: "a1", Title: "Area 1", Children: []framework.Node{{Key: "s1", Title: "S1"}, {Key: "g", Title: "Group",
				Children: []framework.Node{{Key: "s2", Title: "S2"}}}}},
			{Key: "a2", Title: "Area 2", Children: []framework.Node{{Key: "s3", Title: "S3"}}},
		}}
}

func TestScaleAndStandardsAreReadFromTheFramework(t *testing.T) {
	f := checklist()
	sc := ScaleOf(f)
	want := []string{NotStarted, "bronze", "gold"}
	if len(sc) != len(want) {
		t.Fatalf("scale %v", sc)
	}
	for i, k := range want {
		if sc[i].Key != k {
			t.Errorf("scale[%d] = %s, want %s (ordered by rank)", i, sc[i].Key, k)
		}
	}
	areas := StandardsOf(f)
	if len(areas) != 2 || len(areas[0].Standards) != 2 || areas[0].Standards[1].Key != "s2" || areas[1].Standards[0].AreaTitle != "Area 2" {
		t.Errorf("standards by area: %+v", areas)
	}
}

func TestBuiltInIWLChecklist(t *testing.T) {
	b, err := fs.ReadFile(frameworks.FS, "iwl-2009.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := framework.Parse(b, "iwl-2009.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc := ScaleOf(f)
	if len(sc) != 4 || sc[1].Title != "Pledge" || sc[3].Title != "Practice Plus" {
		t.Errorf("IWL scale: %+v", sc)
	}
	if n := len(FlatStandards(f)); n < 7 {
		t.Errorf("IWL has %d standards", n)
	}
}

func TestRatingState(t *testing.T) {
	for _, tc := range []struct {
		m, s string
		want State
	}{
		{"", "", Unconfirmed},
		{"gold", "", Awaiting},
		{"", "gold", Awaiting},
		{"gold", "bronze", Disagreed},
		{"gold", "gold", Agreed},
		{NotStarted, NotStarted, Agreed},
	} {
		r := Rating{Management: tc.m, Staff: tc.s}
		if got := r.State(); got != tc.want {
			t.Errorf("management %q staff %q: %s, want %s", tc.m, tc.s, got, tc.want)
		}
		_, agreed := r.Agreed()
		if agreed != (tc.want == Agreed) {
			t.Errorf("management %q staff %q: agreed %v", tc.m, tc.s, agreed)
		}
	}
}

func TestRate(t *testing.T) {
	sc := ScaleOf(checklist())
	signedOnce := Cycle{ManagementSignedBy: 1, ManagementSignedAt: t0}
	signedOff := Cycle{ManagementSignedBy: 1, StaffSignedBy: 2}
	for _, tc := range []struct {
		name    string
		c       Cycle
		r       Rating
		side    Side
		key     string
		err     error
		want    Rating
		signOff bool // management's sign-off still there afterwards
	}{
		{"management gives its view", Cycle{}, Rating{}, Management, "gold", nil, Rating{Management: "gold", ManagementBy: 7, ManagementAt: t0}, false},
		{"staff side gives its view", Cycle{}, Rating{Management: "gold"}, StaffSide, "bronze", nil, Rating{Management: "gold", Staff: "bronze", StaffBy: 7, StaffAt: t0}, false},
		{"not started is on every scale", Cycle{}, Rating{}, StaffSide, NotStarted, nil, Rating{Staff: NotStarted, StaffBy: 7, StaffAt: t0}, false},
		{"off the scale", Cycle{}, Rating{}, Management, "platinum", ErrInvalid, Rating{}, false},
		{"empty rating", Cycle{}, Rating{}, Management, "", ErrInvalid, Rating{}, false},
		{"not a partner", Cycle{}, Rating{}, Side("viewer"), "gold", ErrNotPartner, Rating{}, false},
		{"signed off is read-only", signedOff, Rating{Management: "gold"}, Management, "bronze", ErrSignedOff, Rating{Management: "gold"}, false},
		{"a change withdraws a pending sign-off", signedOnce, Rating{Management: "gold", Staff: "gold"}, StaffSide, "bronze", nil, Rating{Management: "gold", Staff: "bronze", StaffBy: 7, StaffAt: t0}, false},
		{"confirming the same view changes nothing", signedOnce, Rating{Management: "gold", Staff: "gold"}, StaffSide, "gold", nil, Rating{Management: "gold", Staff: "gold"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, r, err := Rate(tc.c, sc, tc.r, tc.side, tc.key, 7, t0)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if r != tc.want {
				t.Errorf("rating %+v, want %+v", r, tc.want)
			}
			if tc.err == nil && (c.ManagementSignedBy != 0) != tc.signOff {
				t.Errorf("management sign-off kept = %v, want %v", c.ManagementSignedBy != 0, tc.signOff)
			}
		})
	}
}

func TestSignOff(t *testing.T) {
	std := FlatStandards(checklist())
	agreed := func(keys ...string) map[string]Rating {
		m := map[string]Rating{}
		for _, k := range keys {
			m[k] = Rating{StandardKey: k, Management: "gold", Staff: "gold"}
		}
		return m
	}
	withRating := func(m map[string]Rating, k string, r Rating) map[string]Rating { m[k] = r; return m }
	for _, tc := range []struct {
		name    string
		c       Cycle
		ratings map[string]Rating
		side    Side
		err     error
		off     bool
	}{
		{"all agreed: management signs first", Cycle{}, agreed("s1", "s2", "s3"), Management, nil, false},
		{"all agreed: staff side completes", Cycle{ManagementSignedBy: 1}, agreed("s1", "s2", "s3"), StaffSide, nil, true},
		{"one disagreed", Cycle{}, withRating(agreed("s1", "s2"), "s3", Rating{Management: "gold", Staff: "bronze"}), Management, ErrNotAgreed, false},
		{"one awaiting the other side", Cycle{}, withRating(agreed("s1", "s2"), "s3", Rating{Management: "gold"}), StaffSide, ErrNotAgreed, false},
		{"one never rated", Cycle{}, agreed("s1", "s2"), Management, ErrNotAgreed, false},
		{"already signed off", Cycle{ManagementSignedBy: 1, StaffSignedBy: 2}, agreed("s1", "s2", "s3"), Management, ErrSignedOff, true},
		{"not a partner", Cycle{}, agreed("s1", "s2", "s3"), Side(""), ErrNotPartner, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := SignOff(tc.c, std, tc.ratings, tc.side, 9, t0)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if c.SignedOff() != tc.off {
				t.Errorf("signed off %v, want %v", c.SignedOff(), tc.off)
			}
		})
	}
	if b := Blockers(std, withRating(agreed("s1"), "s2", Rating{Management: "gold", Staff: "bronze"})); len(b) != 2 || b[0].State != Disagreed || b[1].State != Unconfirmed {
		t.Errorf("blockers %+v", b)
	}
}

func TestSignedOffCycleRejectsEveryEdit(t *testing.T) {
	c := Cycle{ManagementSignedBy: 1, StaffSignedBy: 2}
	if _, _, err := Rate(c, ScaleOf(checklist()), Rating{}, Management, "gold", 1, t0); !errors.Is(err, ErrSignedOff) {
		t.Errorf("rate: %v", err)
	}
	if _, err := SetDetails(c, Rating{}, "Jo", "x"); !errors.Is(err, ErrSignedOff) {
		t.Errorf("details: %v", err)
	}
	if c.Status() != StatusSignedOff || (Cycle{ManagementSignedBy: 1}).Status() != StatusOpen {
		t.Errorf("status")
	}
}

func TestNextCycleCopiesThePrevious(t *testing.T) {
	prev := Cycle{ID: 4, OrganisationID: 2, Name: "2025/26", FrameworkKey: "c", FrameworkVersion: "1", ManagementSignedBy: 1, StaffSignedBy: 2, Version: 3}
	rs := []Rating{{CycleID: 4, StandardKey: "s1", Management: "gold", Staff: "gold", Owner: "Jo", Comment: "ok", Version: 5}}
	c, got, err := NextCycle(prev, rs, " 2026/27 ")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "2026/27" || c.PreviousID != 4 || c.SignedOff() || c.FrameworkVersion != "1" || c.OrganisationID != 2 {
		t.Errorf("cycle %+v", c)
	}
	if len(got) != 1 || got[0].CycleID != 0 || got[0].Version != 0 || got[0].Management != "gold" || got[0].Owner != "Jo" {
		t.Errorf("ratings %+v", got)
	}
	if _, _, err := NextCycle(prev, rs, "  "); !errors.Is(err, ErrInvalid) {
		t.Errorf("blank name: %v", err)
	}
}

func TestActions(t *testing.T) {
	std := map[string]bool{"s1": true}
	good := Action{Description: "Do it", OwnerID: 1, Sides: []Side{Management, StaffSide}, Due: t0, Status: ActionNotStarted, Standards: []string{"s1"}}
	for _, tc := range []struct {
		name   string
		change func(a *Action)
		field  string
	}{
		{"good", func(*Action) {}, ""},
		{"no description", func(a *Action) { a.Description = " " }, "description"},
		{"no standard", func(a *Action) { a.Standards = nil }, "standards"},
		{"unknown standard", func(a *Action) { a.Standards = []string{"zz"} }, "standards"},
		{"no owner", func(a *Action) { a.OwnerID = 0 }, "owner"},
		{"no side", func(a *Action) { a.Sides = nil }, "sides"},
		{"bad side", func(a *Action) { a.Sides = []Side{"board"} }, "sides"},
		{"no due date", func(a *Action) { a.Due = time.Time{} }, "due"},
		{"bad status", func(a *Action) { a.Status = "maybe" }, "status"},
		{"dropped without reason", func(a *Action) { a.Status = ActionDropped }, "dropped_reason"},
		{"dropped with reason", func(a *Action) { a.Status, a.DroppedReason = ActionDropped, "Merged" }, ""},
	} {
		a := good
		tc.change(&a)
		ps := CheckAction(a, std)
		switch {
		case tc.field == "" && len(ps) > 0:
			t.Errorf("%s: problems %v", tc.name, ps)
		case tc.field != "" && (len(ps) != 1 || ps[0].Field != tc.field):
			t.Errorf("%s: problems %v, want one for %s", tc.name, ps, tc.field)
		}
	}
	day := func(d int) time.Time { return time.Date(2026, 5, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		due    time.Time
		status ActionStatus
		today  time.Time
		want   bool
	}{
		{day(1), ActionInProgress, day(2), true},
		{day(2), ActionInProgress, day(2).Add(23 * time.Hour), false}, // due today is not overdue
		{day(1), ActionDone, day(9), false},
		{day(1), ActionDropped, day(9), false},
		{time.Time{}, ActionNotStarted, day(9), false},
	} {
		if got := (Action{Due: tc.due, Status: tc.status}).Overdue(tc.today); got != tc.want {
			t.Errorf("due %v %s on %v: overdue %v", tc.due, tc.status, tc.today, got)
		}
	}
}

func TestCompare(t *testing.T) {
	f := checklist()
	r := func(k string) Rating { return Rating{Management: k, Staff: k} }
	earlier := map[string]Rating{"s1": r("bronze"), "s2": r("gold"), "s3": {Management: "gold", Staff: "bronze"}}
	later := map[string]Rating{"s1": r("gold"), "s2": r(NotStarted), "s3": r("gold")}
	ms := Compare(ScaleOf(f), FlatStandards(f), earlier, later)
	want := []int{1, -1, 0}
	for i, m := range ms {
		if m.Direction != want[i] {
			t.Errorf("%s: direction %d, want %d", m.StandardKey, m.Direction, want[i])
		}
	}
	counts := AreaCounts(StandardsOf(f), earlier)
	if counts["a1"]["bronze"] != 1 || counts["a1"]["gold"] != 1 || counts["a2"][""] != 1 {
		t.Errorf("counts %v", counts)
	}
}
