package workforce

import (
	"strings"
	"testing"
	"testing/quick"
)

func TestBuiltInPayTable(t *testing.T) {
	if len(BuiltInPayTables) == 0 {
		t.Fatal("no built-in pay table")
	}
	pt := CurrentPayTable("2025-11-23")
	if pt.Year != "2025/26" || pt.Effective != "2025-04-01" || len(pt.Bands) != 11 {
		t.Fatalf("table %s %s with %d bands", pt.Year, pt.Effective, len(pt.Bands))
	}
	// Every figure of DOMAIN.md section 7, transcribed by hand: entry, intermediate, top.
	want := map[string][3]int64{
		"2": {24465, 24465, 24465}, "3": {24937, 26598, 26598}, "4": {27485, 30162, 30162},
		"5": {31049, 33487, 37796}, "6": {38682, 40823, 46580}, "7": {47810, 50273, 54710},
		"8a": {55690, 58487, 62682}, "8b": {64455, 68631, 74896}, "8c": {76965, 81652, 88682},
		"8d": {91342, 96941, 105337}, "9": {109179, 115763, 125637},
		"1": {24465, 24465, 24465}, // band 1 is paid at band 2 rates
	}
	for band, w := range want {
		for i, point := range []string{PayEntry, PayIntermediate, PayTop} {
			if got, ok := pt.Salary(band, point); !ok || got != w[i] {
				t.Errorf("band %s %s: %d %v, want %d", band, point, got, ok, w[i])
			}
		}
	}
	if _, ok := pt.Salary("", PayEntry); ok {
		t.Error("no band has no salary")
	}
	if _, ok := pt.Salary("5", PayActual); ok {
		t.Error("the table has no actual salary")
	}
	if got := CurrentPayTable("2020-01-01"); got.Year != "2025/26" {
		t.Errorf("before any table: the oldest, got %s", got.Year)
	}
}

func TestParsePayTable(t *testing.T) {
	ok := `{"key":"k","name":"n","year":"2026/27","effective":"2026-04-01","source":"s","bands":[{"band":"5","entry":1,"intermediate":2,"top":3}]}`
	if _, err := ParsePayTable([]byte(ok)); err != nil {
		t.Fatalf("valid table: %v", err)
	}
	tests := []struct{ name, json, want string }{
		{"unknown field", strings.Replace(ok, `"source"`, `"sauce"`, 1), "unknown field"},
		{"no year", strings.Replace(ok, `"2026/27"`, `""`, 1), "a key and a year"},
		{"bad date", strings.Replace(ok, `2026-04-01`, `April 2026`, 1), "effective date"},
		{"bad band", strings.Replace(ok, `"band":"5"`, `"band":"Band 5"`, 1), "is not a band"},
		{"falling", strings.Replace(ok, `"top":3`, `"top":1`, 1), "must rise"},
		{"intermediate above top", strings.Replace(ok, `"intermediate":2`, `"intermediate":4`, 1), "must rise"},
		{"twice", strings.Replace(ok, `]}`, `,{"band":"5","entry":1,"top":1}]}`, 1), "twice"},
		{"same as unknown", strings.Replace(ok, `]}`, `],"same_as":{"1":"2"}}`, 1), "does not have"},
	}
	for _, tc := range tests {
		_, err := ParsePayTable([]byte(tc.json))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestCostPost(t *testing.T) {
	pt := CurrentPayTable("2025-11-23")
	tests := []struct {
		name   string
		band   string
		point  string
		actual int64
		fte    FTE
		on     OnCost
		want   PostCost
	}{
		// 31,049 × 1.00 = £31,049.00; 28.5% = £8,848.965 → £8,848.97 (half up).
		{"band 5 entry", "5", PayEntry, 0, 100, 2850, PostCost{true, PayEntry, 31049, 3_104_900, 884_897, 3_989_797}},
		// 37,796 × 0.60 = £22,677.60; 30% = £6,803.28.
		{"band 5 top part time", "5", PayTop, 0, 60, 3000, PostCost{true, PayTop, 37796, 2_267_760, 680_328, 2_948_088}},
		// No on-cost set: the base alone.
		{"no on-cost", "8a", PayIntermediate, 0, 100, 0, PostCost{true, PayIntermediate, 58487, 5_848_700, 0, 5_848_700}},
		{"actual", "6", PayActual, 41000, 80, 2000, PostCost{true, PayActual, 41000, 3_280_000, 656_000, 3_936_000}},
		{"actual missing → entry", "6", PayActual, 0, 100, 0, PostCost{true, PayEntry, 38682, 3_868_200, 0, 3_868_200}},
		// 24,937 × 0.01 = £249.37; 0.01% = 2.4937p → 2p.
		{"rounding down", "3", PayEntry, 0, 1, 1, PostCost{true, PayEntry, 24937, 24_937, 2, 24_939}},
		// 24,465 × 0.02 = 48,930p; 0.01% = 4.893p → 5p.
		{"rounding up", "2", PayEntry, 0, 2, 1, PostCost{true, PayEntry, 24465, 48_930, 5, 48_935}},
		{"no band", "", PayTop, 0, 100, 2850, PostCost{Point: PayTop}},
		{"unknown point", "5", "middle", 0, 100, 2850, PostCost{Point: "middle"}},
	}
	for _, tc := range tests {
		if got := CostPost(pt, tc.band, tc.point, tc.actual, tc.fte, tc.on); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// Costs are linear in FTE before on-costs and the on-cost is never more than half a penny away
// from the exact figure.
func TestCostPostProperties(t *testing.T) {
	pt := CurrentPayTable("2025-11-23")
	f := func(b uint8, fte uint8, on uint16) bool {
		band := Bands[int(b)%len(Bands)]
		ft := FTE(1 + int(fte)%100)
		oc := OnCost(int(on) % 10001)
		c := CostPost(pt, band, PayTop, 0, ft, oc)
		full, _ := pt.Salary(band, PayTop)
		exact := int64(c.Base) * int64(oc) // on-cost in 1/10000 pence
		diff := int64(c.OnCost)*10000 - exact
		return c.Costed && c.Base == Pence(full*int64(ft)) && diff > -5000 && diff <= 5000 && c.Total == c.Base+c.OnCost
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

func TestMoneyAndOnCost(t *testing.T) {
	for p, want := range map[Pence]string{0: "£0", 49: "£0", 50: "£1", 3_104_900: "£31,049", 23_435_279: "£234,353", -150: "-£2", 100_000_000_00: "£100,000,000"} {
		if got := p.Pounds(); got != want {
			t.Errorf("%d.Pounds() = %s, want %s", p, got, want)
		}
	}
	if got := Pence(23_435_279).Decimal(); got != "234352.79" {
		t.Errorf("Decimal %s", got)
	}
	for in, want := range map[string]OnCost{"28.5": 2850, "28.50%": 2850, "30": 3000, " 0 ": 0, "": 0, "100": 10000} {
		if got, err := ParseOnCost(in); err != nil || got != want {
			t.Errorf("ParseOnCost(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"100.01", "-1", "abc", "28.555"} {
		if _, err := ParseOnCost(in); err == nil {
			t.Errorf("ParseOnCost(%q) should fail", in)
		}
	}
	if OnCost(2850).String() != "28.50" {
		t.Error("OnCost.String")
	}
}

func TestValidatePost(t *testing.T) {
	nurse := Role{ID: 10, Band: "5"}
	holder := &Person{ID: 7, Name: "Ada Lovelace", Assignments: []Assignment{
		{RoleID: 10, TeamID: 3, FTE: 100, Start: "2020-01-01"},
		{RoleID: 11, TeamID: 3, FTE: 100, Start: "2020-01-01", End: "2021-01-01"},
	}}
	ok := Post{TeamID: 3, RoleID: 10, FTE: 100, PayPoint: PayEntry}
	tests := []struct {
		name   string
		change func(p *Post)
		role   Role
		holder *Person
		field  string
	}{
		{"valid vacant", func(p *Post) {}, nurse, nil, ""},
		{"valid filled at actual", func(p *Post) { p.HolderID, p.PayPoint, p.ActualSalary = 7, PayActual, 35000 }, nurse, holder, ""},
		{"valid band override", func(p *Post) { p.Band = "8a" }, nurse, nil, ""},
		{"no team", func(p *Post) { p.TeamID = 0 }, nurse, nil, "team"},
		{"role not found", func(p *Post) {}, Role{}, nil, "role"},
		{"fte zero", func(p *Post) { p.FTE = 0 }, nurse, nil, "fte"},
		{"fte over", func(p *Post) { p.FTE = 101 }, nurse, nil, "fte"},
		{"bad band", func(p *Post) { p.Band = "Band 5" }, nurse, nil, "band"},
		{"unknown point", func(p *Post) { p.PayPoint = "" }, nurse, nil, "pay_point"},
		{"actual vacant", func(p *Post) { p.PayPoint = PayActual }, nurse, nil, "pay_point"},
		{"actual without salary", func(p *Post) { p.HolderID, p.PayPoint = 7, PayActual }, nurse, holder, "actual_salary"},
		{"salary too high", func(p *Post) { p.HolderID, p.PayPoint, p.ActualSalary = 7, PayActual, 1_000_001 }, nurse, holder, "actual_salary"},
		{"salary on entry", func(p *Post) { p.ActualSalary = 30000 }, nurse, nil, "actual_salary"},
		{"holder not found", func(p *Post) { p.HolderID = 8 }, nurse, holder, "holder"},
		{"holder in another role", func(p *Post) { p.HolderID, p.RoleID = 7, 11 }, Role{ID: 11}, holder, "holder"},
		{"holder in another team", func(p *Post) { p.HolderID, p.TeamID = 7, 4 }, nurse, holder, "holder"},
	}
	for _, tc := range tests {
		p := ok
		tc.change(&p)
		ps := ValidatePost(p, tc.role, tc.holder, "2025-11-23")
		switch {
		case tc.field == "" && len(ps) > 0:
			t.Errorf("%s: unexpected %v", tc.name, ps)
		case tc.field != "" && (len(ps) != 1 || ps[0].Field != tc.field):
			t.Errorf("%s: got %v, want one problem on %s", tc.name, ps, tc.field)
		}
	}
	if got := (Post{Band: "6"}).BandOf(nurse); got != "6" {
		t.Errorf("override: %s", got)
	}
	if got := (Post{}).BandOf(nurse); got != "5" {
		t.Errorf("role's band: %s", got)
	}
}
