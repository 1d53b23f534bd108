package workforce

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestParseFTE(t *testing.T) {
	tests := []struct {
		in      string
		want    FTE
		wantErr bool
	}{
		{"1", 100, false},
		{"1.00", 100, false},
		{"0.6", 60, false},
		{"0.60", 60, false},
		{".75", 75, false},
		{"0,5", 50, false},
		{"0.500", 50, false},
		{"60%", 60, false},
		{" 0.01 ", 1, false},
		{"0.125", 0, true},
		{"", 0, true},
		{"abc", 0, true},
		{"-0.5", 0, true},
		{"1e2", 0, true},
		{"1.5", 150, false}, // parsed; ValidatePerson rejects it
		{"10000", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseFTE(tt.in)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("ParseFTE(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if s := FTE(60).String(); s != "0.60" {
		t.Errorf("FTE(60) = %q", s)
	}
}

// FuzzParseFTE: whatever parses writes back to a string that parses to the same value.
func FuzzParseFTE(f *testing.F) {
	for _, s := range []string{"1", "0.6", ".75", "60%", "0.500", "x", "100000%", "-5%", "99999%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseFTE(s)
		if err != nil || v < 0 {
			return
		}
		back, err := ParseFTE(v.String())
		if err != nil || back != v {
			t.Fatalf("%q → %v → %q → %v, %v", s, v, v.String(), back, err)
		}
	})
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2024-03-01", "2024-03-01", false},
		{"01/03/2024", "2024-03-01", false},
		{"1/3/2024", "2024-03-01", false},
		{"01-Mar-2024", "2024-03-01", false},
		{"", "", false},
		{"2024-02-30", "", true},
		{"03/31/2024", "", true}, // month first is not a UK date
		{"0001-01-01", "", true},
		{"yesterday", "", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func validPerson() Person {
	return NormalisePerson(Person{OrganisationID: 1, StaffNumber: "12345678", Name: "Ada Lovelace", WorkEmail: "ada@example.nhs.uk",
		Assignments: []Assignment{{RoleID: 1, TeamID: 2, FTE: 100, Start: "2020-01-01"}}})
}

func TestValidatePerson(t *testing.T) {
	today := Date("2025-06-01")
	tests := []struct {
		name   string
		edit   func(p *Person)
		fields []string // fields with problems, in order; "!x" for a warning
	}{
		{"valid", func(p *Person) {}, nil},
		{"no staff number", func(p *Person) { p.StaffNumber = "" }, []string{"staff_number"}},
		{"staff number with spaces", func(p *Person) { p.StaffNumber = "12 34" }, []string{"staff_number"}},
		{"staff number too long", func(p *Person) { p.StaffNumber = strings.Repeat("1", 31) }, []string{"staff_number"}},
		{"staff number with slash", func(p *Person) { p.StaffNumber = "A-1/2.3" }, nil},
		{"no name", func(p *Person) { p.Name = "" }, []string{"name"}},
		{"name with a control character", func(p *Person) { p.Name = "Ada\x07" }, []string{"name"}},
		{"no email is fine", func(p *Person) { p.WorkEmail = "" }, nil},
		{"bad email", func(p *Person) { p.WorkEmail = "ada at example" }, []string{"work_email"}},
		{"email with a display name", func(p *Person) { p.WorkEmail = "Ada <ada@example.org>" }, []string{"work_email"}},
		{"no assignments is fine", func(p *Person) { p.Assignments = nil }, nil},
		{"assignment without role and team", func(p *Person) { p.Assignments[0].RoleID, p.Assignments[0].TeamID = 0, 0 },
			[]string{"assignments[0].role", "assignments[0].team"}},
		{"team of another organisation", func(p *Person) { p.Assignments[0].TeamID = 99 }, []string{"assignments[0].team"}},
		{"FTE zero", func(p *Person) { p.Assignments[0].FTE = 0 }, []string{"assignments[0].fte"}},
		{"FTE above one", func(p *Person) { p.Assignments[0].FTE = 101 }, []string{"assignments[0].fte"}},
		{"FTE 0.01", func(p *Person) { p.Assignments[0].FTE = 1 }, nil},
		{"no start", func(p *Person) { p.Assignments[0].Start = "" }, []string{"assignments[0].start_date"}},
		{"end before start", func(p *Person) { p.Assignments[0].End = "2019-12-31" }, []string{"assignments[0].end_date"}},
		{"end on start day", func(p *Person) { p.Assignments[0].End = "2020-01-01" }, nil},
		{"over full time now", func(p *Person) {
			p.Assignments = append(p.Assignments, Assignment{RoleID: 1, TeamID: 2, FTE: 20, Start: "2024-01-01"})
		}, []string{"!assignments"}},
		{"over full time only in the past", func(p *Person) {
			p.Assignments = append(p.Assignments, Assignment{RoleID: 1, TeamID: 2, FTE: 20, Start: "2018-01-01", End: "2019-01-01"})
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPerson()
			tt.edit(&p)
			var got []string
			for _, pr := range ValidatePerson(p, today, func(id int64) bool { return id == 2 }) {
				f := pr.Field
				if pr.Warning {
					f = "!" + f
				}
				got = append(got, f)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("problems %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestAssignmentCurrent(t *testing.T) {
	a := Assignment{Start: "2024-01-01", End: "2024-12-31"}
	for day, want := range map[Date]bool{"2023-12-31": false, "2024-01-01": true, "2024-12-31": true, "2025-01-01": false} {
		if a.Current(day) != want {
			t.Errorf("Current(%s) = %v, want %v", day, !want, want)
		}
	}
	if !(Assignment{Start: "2024-01-01"}).Current("2099-01-01") {
		t.Error("an assignment without an end date is current for ever")
	}
}

func TestEntryFlag(t *testing.T) {
	today := Date("2025-06-01")
	tests := []struct {
		review Date
		want   string
	}{
		{"", FlagCurrent},
		{"2025-05-31", FlagExpired},
		{"2025-06-01", FlagDue}, // the last day it is valid
		{"2025-08-30", FlagDue}, // 90 days ahead
		{"2025-08-31", FlagCurrent},
	}
	for _, tt := range tests {
		if got := (PortfolioEntry{ReviewBy: tt.review}).Flag(today, DefaultDueDays); got != tt.want {
			t.Errorf("review %q: flag %q, want %q", tt.review, got, tt.want)
		}
	}
}

func validEntry() PortfolioEntry {
	return PortfolioEntry{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2",
		Evidence: EvidenceSelf, Achieved: "2024-01-01", ReviewBy: "2026-01-01"}
}

func TestValidateEntry(t *testing.T) {
	today := Date("2025-06-01")
	tests := []struct {
		name   string
		edit   func(e *PortfolioEntry)
		fields []string
	}{
		{"valid", func(e *PortfolioEntry) {}, nil},
		{"no framework", func(e *PortfolioEntry) { e.FrameworkKey = "" }, []string{"framework"}},
		{"unknown framework", func(e *PortfolioEntry) { e.FrameworkVersion = "1999" }, []string{"framework"}},
		{"checklist framework", func(e *PortfolioEntry) { e.FrameworkKey, e.FrameworkVersion, e.NodeKey = "iwl", "2009", "s1" }, []string{"framework"}},
		{"no competence", func(e *PortfolioEntry) { e.NodeKey = "" }, []string{"node_key"}},
		{"unknown competence", func(e *PortfolioEntry) { e.NodeKey = "c9" }, []string{"node_key"}},
		{"level not on the scale", func(e *PortfolioEntry) { e.LevelKey = "level-7" }, []string{"level_key"}},
		{"no level on a scale", func(e *PortfolioEntry) { e.LevelKey = "" }, []string{"level_key"}},
		{"level on a framework without a scale", func(e *PortfolioEntry) {
			e.FrameworkKey, e.FrameworkVersion, e.NodeKey = "acme-ahp", "1", "supervision"
		}, []string{"level_key"}},
		{"framework without a scale", func(e *PortfolioEntry) {
			e.FrameworkKey, e.FrameworkVersion, e.NodeKey, e.LevelKey = "acme-ahp", "1", "supervision", ""
		}, nil},
		{"unknown evidence", func(e *PortfolioEntry) { e.Evidence = "rumour" }, []string{"evidence"}},
		{"confirmed without who", func(e *PortfolioEntry) { e.Evidence = EvidenceConfirmed }, []string{"evidence"}},
		{"confirmed with who and when", func(e *PortfolioEntry) {
			e.Evidence, e.ConfirmedBy, e.ConfirmedAt = EvidenceConfirmed, 4, time.Now()
		}, nil},
		{"no date achieved", func(e *PortfolioEntry) { e.Achieved = "" }, []string{"achieved"}},
		{"achieved in the future", func(e *PortfolioEntry) { e.Achieved = "2025-06-02" }, []string{"achieved"}},
		{"achieved today", func(e *PortfolioEntry) { e.Achieved = today }, nil},
		{"review before achieved", func(e *PortfolioEntry) { e.ReviewBy = "2023-01-01" }, []string{"review_by"}},
		{"expired entries are still valid records", func(e *PortfolioEntry) { e.ReviewBy = "2025-01-01" }, nil},
		{"long note", func(e *PortfolioEntry) { e.Note = strings.Repeat("x", MaxPortfolioNote+1) }, []string{"note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEntry()
			tt.edit(&e)
			var got []string
			for _, p := range ValidateEntry(e, testFrameworks(), today) {
				got = append(got, p.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("problems %v, want %v", got, tt.fields)
			}
		})
	}
}

func req(node, level string, essential bool) Requirement {
	return Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level, Essential: essential}
}

func held(node, level string, review Date) PortfolioEntry {
	return PortfolioEntry{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level,
		Evidence: EvidenceSelf, Achieved: "2020-01-01", ReviewBy: review}
}

func TestAnalyse(t *testing.T) {
	today := Date("2025-06-01")
	local := Requirement{FrameworkKey: "acme-ahp", FrameworkVersion: "1", NodeKey: "supervision", Essential: false}
	tests := []struct {
		name      string
		reqs      []Requirement
		held      []PortfolioEntry
		statuses  string
		readiness int
	}{
		{"nothing required", nil, nil, "", 100},
		{"met exactly", []Requirement{req("c1", "level-2", true)}, []PortfolioEntry{held("c1", "level-2", "")}, "met", 100},
		{"met above", []Requirement{req("c1", "level-2", true)}, []PortfolioEntry{held("c1", "level-3", "")}, "met", 100},
		// 1 of 2 levels of an essential (weight 2): 1 of 2 → 50.
		{"partly", []Requirement{req("c1", "level-2", true)}, []PortfolioEntry{held("c1", "level-1", "")}, "partly", 50},
		{"missing", []Requirement{req("c1", "level-2", true)}, nil, "missing", 0},
		// Essential met (2) + desirable missing (0) of 3 → 66.
		{"essential counts twice", []Requirement{req("c1", "level-1", true), req("c2", "level-1", false)},
			[]PortfolioEntry{held("c1", "level-1", "")}, "met,missing", 66},
		// Desirable met (1) of 3 → 33.
		{"desirable counts once", []Requirement{req("c1", "level-1", true), req("c2", "level-1", false)},
			[]PortfolioEntry{held("c2", "level-1", "")}, "missing,met", 33},
		// Essential at 1 of 3 levels: 2×1/3 = 2/3, plus desirable 1, of 3 → 5/9 → 55.
		{"fraction of levels", []Requirement{req("c1", "level-3", true), req("c2", "level-1", false)},
			[]PortfolioEntry{held("c1", "level-1", ""), held("c2", "level-2", "")}, "partly,met", 55},
		{"expired does not count", []Requirement{req("c1", "level-1", true)}, []PortfolioEntry{held("c1", "level-1", "2025-05-31")}, "missing", 0},
		{"due for review still counts", []Requirement{req("c1", "level-1", true)}, []PortfolioEntry{held("c1", "level-1", "2025-06-10")}, "met", 100},
		{"best of several entries", []Requirement{req("c1", "level-3", true)},
			[]PortfolioEntry{held("c1", "level-1", ""), held("c1", "level-3", ""), held("c1", "level-2", "")}, "met", 100},
		{"expired higher, current lower", []Requirement{req("c1", "level-3", true)},
			[]PortfolioEntry{held("c1", "level-3", "2024-01-01"), held("c1", "level-2", "")}, "partly", 66},
		{"another version of the framework", []Requirement{req("c1", "level-1", true)},
			[]PortfolioEntry{{FrameworkKey: "ksf", FrameworkVersion: "2004", NodeKey: "c1", LevelKey: "level-1", Achieved: "2020-01-01"}}, "met", 100},
		{"framework without levels", []Requirement{local},
			[]PortfolioEntry{{FrameworkKey: "acme-ahp", FrameworkVersion: "1", NodeKey: "supervision", Achieved: "2020-01-01"}}, "met", 100},
		{"another competence does not count", []Requirement{req("c1", "level-1", true)}, []PortfolioEntry{held("c2", "level-3", "")}, "missing", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Analyse(tt.reqs, tt.held, testFrameworks(), today)
			var st []string
			for _, it := range g.Items {
				st = append(st, it.Status)
			}
			if got := strings.Join(st, ","); got != tt.statuses {
				t.Errorf("statuses %q, want %q", got, tt.statuses)
			}
			if g.Readiness != tt.readiness {
				t.Errorf("readiness %d, want %d", g.Readiness, tt.readiness)
			}
			if g.Met+g.Partly+g.Missing != len(tt.reqs) {
				t.Errorf("counts %d+%d+%d do not add up to %d", g.Met, g.Partly, g.Missing, len(tt.reqs))
			}
		})
	}
	g := Analyse([]Requirement{req("c1", "level-2", true)}, []PortfolioEntry{held("c1", "level-1", "")}, testFrameworks(), today)
	it := g.Items[0]
	if it.Title != "Communication" || it.Code != "C1" || it.RequiredLevel != "Level 2" || it.HeldLevel != "Level 1" || it.Percent != 50 || g.EssentialNotMet != 1 {
		t.Errorf("item %+v, gap %+v", it, g)
	}
	if g := Analyse([]Requirement{req("c1", "level-1", true)}, []PortfolioEntry{held("c1", "level-1", "2020-01-02")}, testFrameworks(), today); !g.Items[0].Expired {
		t.Error("an expired entry is not marked")
	}
}

// TestAnalyseProperties: for any requirements and portfolio, readiness is within 0..100, is 100
// exactly when every requirement is met, and the statuses add up.
func TestAnalyseProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	nodes := []string{"c1", "c2"}
	levels := []string{"level-1", "level-2", "level-3", "nope"}
	reviews := []Date{"", "2020-01-01", "2030-01-01"}
	lookup := testFrameworks()
	for i := range 20000 {
		var reqs []Requirement
		used := map[string]bool{}
		for range rng.IntN(3) {
			n := nodes[rng.IntN(len(nodes))]
			if used[n] {
				continue
			}
			used[n] = true
			reqs = append(reqs, req(n, levels[rng.IntN(3)], rng.IntN(2) == 0))
		}
		var hs []PortfolioEntry
		for range rng.IntN(4) {
			hs = append(hs, held(nodes[rng.IntN(len(nodes))], levels[rng.IntN(len(levels))], reviews[rng.IntN(len(reviews))]))
		}
		g := Analyse(reqs, hs, lookup, "2025-06-01")
		if g.Readiness < 0 || g.Readiness > 100 {
			t.Fatalf("case %d: readiness %d out of range (%v, %v)", i, g.Readiness, reqs, hs)
		}
		if (g.Readiness == 100) != (g.Met == len(reqs)) {
			t.Fatalf("case %d: readiness %d with %d of %d met (%v, %v)", i, g.Readiness, g.Met, len(reqs), reqs, hs)
		}
		if g.Met+g.Partly+g.Missing != len(reqs) {
			t.Fatalf("case %d: statuses do not add up", i)
		}
		// Adding an entry never lowers readiness.
		more := append(append([]PortfolioEntry{}, hs...), held(nodes[rng.IntN(2)], levels[rng.IntN(3)], ""))
		if g2 := Analyse(reqs, more, lookup, "2025-06-01"); g2.Readiness < g.Readiness {
			t.Fatalf("case %d: adding a competence lowered readiness %d → %d", i, g.Readiness, g2.Readiness)
		}
	}
}

func TestFTEJSON(t *testing.T) {
	for in, want := range map[string]FTE{`0.6`: 60, `"0.60"`: 60, `1`: 100, `0.05`: 5} {
		var f FTE
		if err := f.UnmarshalJSON([]byte(in)); err != nil || f != want {
			t.Errorf("%s → %v, %v", in, f, err)
		}
	}
	var f FTE
	if err := f.UnmarshalJSON([]byte(`0.123`)); err == nil {
		t.Error("three decimals accepted")
	}
	if b, _ := FTE(60).MarshalJSON(); string(b) != "0.60" {
		t.Errorf("marshal %s", b)
	}
}
