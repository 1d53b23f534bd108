package transfer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
)

// builtins are the built-in framework versions, for the profile tables to be checked against.
var builtins = func() map[string]*framework.Framework {
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		panic(fmt.Sprint(problems))
	}
	out := map[string]*framework.Framework{}
	for _, f := range fws {
		out[f.Key+"@"+f.Version] = f
	}
	return out
}()

func lookupBuiltin(key, version string) *framework.Framework {
	f := builtins[key+"@"+version]
	if f == nil || f.Kind != framework.KindProfile {
		return nil
	}
	return f
}

// validProfile makes a complete profile of f from r: every element at least the minimum, the
// rest spread at random, a random level each.
func validProfile(r *rand.Rand, f *framework.Framework) profile.Profile {
	nodes := f.ProfiledNodes()
	p := profile.Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version}
	left := f.Rules.Total - f.Rules.MinShare*len(nodes)
	for i, n := range nodes {
		share := f.Rules.MinShare
		if i == len(nodes)-1 {
			share += left
		} else if left > 0 {
			extra := r.IntN(left + 1)
			share += extra
			left -= extra
		}
		p.Entries = append(p.Entries, profile.Entry{Node: n.Key, Share: share, Level: f.Levels[r.IntN(len(f.Levels))].Key})
	}
	return p
}

func sampleRecords(r *rand.Rand, n int) []ProfileRecord {
	fws := []*framework.Framework{builtins["iwf@2.1"], builtins["iwf@1.0"]}
	var out []ProfileRecord
	for i := range n {
		f := fws[r.IntN(len(fws))]
		rec := ProfileRecord{ID: int64(i + 1), Title: fmt.Sprintf("Profile %d", i+1), Version: 1 + r.IntN(3), Profile: validProfile(r, f)}
		if r.IntN(2) == 0 {
			rec.RoleID = int64(100 + i)
		}
		out = append(out, rec)
	}
	return out
}

func TestProfileTablesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	recs := sampleRecords(r, 6)
	recs[0].Title = "=HYPERLINK(\"x\") a formula-looking title"
	// A draft keeps what it has: some shares, some levels.
	draft := profile.Empty(builtins["iwf@2.1"])
	draft.Entries[0].Share, draft.Entries[1].Level = 30, "core"
	recs = append(recs, ProfileRecord{Title: "Half done", Profile: draft})
	for _, format := range []Format{FormatCSV, FormatXLSX} {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			var err error
			if format == FormatCSV {
				err = WriteProfilesCSV(&buf, recs, lookupBuiltin)
			} else {
				err = WriteProfilesXLSX(&buf, recs, lookupBuiltin)
			}
			if err != nil {
				t.Fatal(err)
			}
			var back []ProfileRecord
			var problems []Problem
			if format == FormatCSV {
				back, problems = ReadProfilesCSV(&buf, lookupBuiltin)
			} else {
				back, problems = ReadProfilesXLSX(&buf, lookupBuiltin)
			}
			if len(problems) > 0 {
				t.Fatalf("reading the export back: %v", Problems(problems))
			}
			if len(back) != len(recs) {
				t.Fatalf("read %d profiles, wrote %d", len(back), len(recs))
			}
			for i := range recs {
				back[i].Line = 0
				if !reflect.DeepEqual(back[i], recs[i]) {
					t.Errorf("profile %d changed:\nwrote %+v\nread  %+v", i, recs[i], back[i])
				}
			}
		})
	}
}

func TestProfileJSON(t *testing.T) {
	var buf bytes.Buffer
	recs := sampleRecords(rand.New(rand.NewPCG(3, 4)), 2)
	if err := WriteProfilesJSON(&buf, recs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"profiles": [`) || strings.Count(buf.String(), `"framework_key"`) != 2 {
		t.Errorf("JSON export:\n%s", buf.String())
	}
}

// header is the fixed columns and the IWF 2.1 element pairs, as an export writes them.
func iwfHeader() string {
	cols := append([]string(nil), ProfileColumns...)
	for _, n := range builtins["iwf@2.1"].ProfiledNodes() {
		cols = append(cols, ShareColumn(n.Key), LevelColumn(n.Key))
	}
	return strings.Join(cols, ",")
}

// iwfRow is a valid IWF 2.1 row: 12 shares adding up to total, every level Core.
func iwfRow(title string, total int) string {
	cells := []string{"", title, "", "iwf", "2.1", "", ""}
	for i := range builtins["iwf@2.1"].ProfiledNodes() {
		share := 8
		if i == 0 {
			share = total - 8*11
		}
		cells = append(cells, fmt.Sprint(share), "Core")
	}
	return strings.Join(cells, ",")
}

// TestReadProfilesProblems: every bad row is reported with its line, its column and why, and
// nothing is returned.
func TestReadProfilesProblems(t *testing.T) {
	h := iwfHeader()
	tests := []struct {
		name  string
		csv   string
		line  int
		field string
		why   string
	}{
		{"total of 99", h + "\n" + iwfRow("A", 100) + "\n" + iwfRow("B", 99) + "\n", 3, "shares", "Shares add up to 99%: they must add up to 100%"},
		{"unknown level", h + "\n" + strings.Replace(iwfRow("A", 100), "Core", "Expert", 1) + "\n", 2, "ethics-patient-safety-governance level", `"Expert" is not a level of`},
		{"share not a number", h + "\n" + strings.Replace(iwfRow("A", 100), ",12,", ",twelve,", 1) + "\n", 2, "ethics-patient-safety-governance share", `"twelve" is not a whole number`},
		{"no title", h + "\n" + iwfRow("", 100) + "\n", 2, "title", "missing"},
		{"unknown framework version", h + "\n" + strings.Replace(iwfRow("A", 100), ",2.1,", ",9.9,", 1) + "\n", 2, "framework_version", "no profile framework iwf version 9.9"},
		{"missing column", "title,framework\nA,iwf\n", 1, "framework_version", "missing column"},
		{"unknown column", h + ",colour\n" + iwfRow("A", 100) + ",red\n", 1, "colour", "unknown column"},
		{"bad role id", h + "\n" + strings.Replace(iwfRow("A", 100), ",A,,", ",A,x,", 1) + "\n", 2, "role_id", `"x" is not a whole number`},
		{"not CSV", h + "\n\"unclosed\n", 2, "", "not valid CSV"},
		{"only a header", h + "\n", 0, "", "no profiles"},
		{"element of another version", h + ",leadership-old share\n" + iwfRow("A", 100) + ",5\n", 2, "leadership-old share", "not an element of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, problems := ReadProfilesCSV(strings.NewReader(tt.csv), lookupBuiltin)
			if recs != nil {
				t.Errorf("%d profiles returned with problems", len(recs))
			}
			for _, p := range problems {
				if p.Line == tt.line && p.Field == tt.field && strings.Contains(p.Reason, tt.why) {
					return
				}
			}
			t.Errorf("no problem at line %d, column %q, saying %q; got:\n%v", tt.line, tt.field, tt.why, Problems(problems))
		})
	}
}

// TestReadProfilesAllOrNothing is a property: for any set of valid rows with any one row made
// bad in any way, nothing is returned and the bad row is reported by its line; with no bad
// row, every row comes back.
func TestReadProfilesAllOrNothing(t *testing.T) {
	spoil := []func(cells []string) []string{
		func(c []string) []string { c[1] = ""; return c },             // no title
		func(c []string) []string { c[4] = "0.1"; return c },          // unknown version
		func(c []string) []string { c[7] = "101"; return c },          // a share over the total
		func(c []string) []string { c[8] = "Grand master"; return c }, // an unknown level
		func(c []string) []string { c[5] = "perhaps"; return c },      // draft neither yes nor no
	}
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 200 {
		n := 1 + r.IntN(8)
		recs := sampleRecords(r, n)
		var buf bytes.Buffer
		if err := WriteProfilesCSV(&buf, recs, lookupBuiltin); err != nil {
			t.Fatal(err)
		}
		if trial%2 == 0 {
			got, problems := ReadProfilesCSV(bytes.NewReader(buf.Bytes()), lookupBuiltin)
			if len(problems) > 0 || len(got) != n {
				t.Fatalf("trial %d: %d valid rows gave %d profiles and %v", trial, n, len(got), Problems(problems))
			}
			continue
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		bad := 1 + r.IntN(n) // a data row; line 1 is the header
		cells := strings.Split(lines[bad], ",")
		lines[bad] = strings.Join(spoil[r.IntN(len(spoil))](cells), ",")
		got, problems := ReadProfilesCSV(strings.NewReader(strings.Join(lines, "\n")+"\n"), lookupBuiltin)
		if got != nil {
			t.Fatalf("trial %d: a bad row on line %d, yet %d profiles were returned", trial, bad+1, len(got))
		}
		found := false
		for _, p := range problems {
			found = found || p.Line == bad+1
			if p.Line != bad+1 {
				t.Errorf("trial %d: a problem on line %d, but only line %d is bad: %v", trial, p.Line, bad+1, p)
			}
		}
		if !found {
			t.Fatalf("trial %d: the bad line %d is not reported: %v", trial, bad+1, Problems(problems))
		}
	}
}

// FuzzReadProfilesCSV: whatever the bytes, the reader does not panic, returns profiles or
// problems (never both, never neither), and what it accepts is valid and survives an export and
// a second import unchanged.
func FuzzReadProfilesCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/profiles/*.csv")
	if len(files) == 0 {
		f.Fatal("no seeds in testdata/profiles")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, problems := ReadProfilesCSV(bytes.NewReader(data), lookupBuiltin)
		if (recs == nil) == (len(problems) == 0) {
			t.Fatalf("%d profiles with problems %v", len(recs), problems)
		}
		for _, rec := range recs {
			if ps := profile.Check(rec.Profile, lookupBuiltin(rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion)); len(ps) > 0 {
				t.Fatalf("an accepted profile breaks the rules: %v", ps)
			}
		}
		if recs == nil {
			return
		}
		var out bytes.Buffer
		if err := WriteProfilesCSV(&out, recs, lookupBuiltin); err != nil {
			t.Fatal(err)
		}
		back, problems := ReadProfilesCSV(&out, lookupBuiltin)
		if len(problems) > 0 {
			t.Fatalf("the export cannot be read back: %v\n%q", Problems(problems), out.Bytes())
		}
		for i := range recs {
			back[i].Line, recs[i].Line = 0, 0
			if !reflect.DeepEqual(back[i], recs[i]) {
				t.Fatalf("profile %d changed on the way round:\n%+v\n%+v", i, recs[i], back[i])
			}
		}
	})
}
