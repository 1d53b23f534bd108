package transfer

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
)

func metaOf(f *framework.Framework) framework.Framework {
	m := *f
	m.Nodes = nil
	return m
}

func csvBytes(t *testing.T, f *framework.Framework) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// smallMeta is the metadata a caller gives with a CSV file in the tests.
var smallMeta = framework.Framework{Key: "local", Title: "Local framework", Version: "1", Kind: framework.KindCompetence}

func TestCSVRoundTrip(t *testing.T) {
	f := richFramework()
	back, problems := ReadCSV(bytes.NewReader(csvBytes(t, f)), metaOf(f))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)

	for _, tc := range caseFixtures {
		t.Run(tc.file, func(t *testing.T) {
			f := readCASEFile(t, filepath.Join("testdata", "case", tc.file))
			back, problems := ReadCSV(bytes.NewReader(csvBytes(t, f)), metaOf(f))
			if len(problems) > 0 {
				t.Fatal(Problems(problems))
			}
			// CSV readers turn a line break written as CR LF inside a cell into LF.
			f.Walk(func(n *framework.Node, _ string, _ int) bool {
				n.Description = strings.ReplaceAll(n.Description, "\r\n", "\n")
				return true
			})
			sameFramework(t, f, back)
		})
	}
}

func TestWriteCSVShape(t *testing.T) {
	out := csvBytes(t, richFramework())
	if !bytes.HasPrefix(out, utf8BOM) {
		t.Error("no byte order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != strings.Join(NodeColumns, ",") {
		t.Errorf("header = %v", records[0])
	}
	if len(records) != 1+richFramework().CountNodes() {
		t.Fatalf("%d records", len(records))
	}
	a1 := records[2]
	for i, want := range []string{"a1", "domain-a", "element", "A1", `'=cmd|' /C calc'!A0`, "", "true", "'-starts with a minus", `one \| with pipe | back\\slash | +plus`, "https://example.org/ref", "", "", ""} {
		if a1[i] != want {
			t.Errorf("a1 %s = %q, want %q", NodeColumns[i], a1[i], want)
		}
	}
	if b2 := records[7]; b2[4] != "'@mention" || b2[7] != "'\ttab first" {
		t.Errorf("b2 = %q", b2)
	}
}

// Cells that a spreadsheet would run as a formula are written with an apostrophe in front, and
// read back without it; an apostrophe the user wrote stays.
func TestFormulaInjection(t *testing.T) {
	titles := []string{"=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR", "'=already", "''+x", "'plain", "it's fine", "a=b", "'"}
	f := &framework.Framework{Key: "inj", Title: "Injection", Version: "1", Kind: framework.KindCompetence}
	for i, title := range titles {
		f.Nodes = append(f.Nodes, framework.Node{Key: "n" + string(rune('a'+i)), Type: "item", Title: title, Examples: []string{strings.TrimSpace(title) + "x"}})
	}
	out := csvBytes(t, f)
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range titles {
		cell := records[i+1][4]
		rest := strings.TrimLeft(title, "'")
		dangerous := rest != "" && strings.ContainsAny(rest[:1], "=+-@\t\r")
		if dangerous && cell != "'"+title {
			t.Errorf("%q was written %q", title, cell)
		}
		if !dangerous && cell != title {
			t.Errorf("%q was changed to %q", title, cell)
		}
	}
	back, problems := ReadCSV(bytes.NewReader(out), metaOf(f))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)

	for in, want := range map[string]string{"'=x": "=x", "'+x": "+x", "'-": "-", "'@": "@", "'\tx": "\tx", "'x": "'x", "''=x": "'=x", "'": "'", "x'": "x'"} {
		if got := unprotect(in); got != want {
			t.Errorf("unprotect(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadCSVHeaderAndSeparators(t *testing.T) {
	for name, data := range map[string]string{
		"any order and case": "\ufeffTitle,KEY,Parent,Provisional\nTop,top,,yes\nUnder,under,top,N\n",
		"semicolons":         "key;title;parent;provisional\ntop;Top;;TRUE\nunder;Under;top;0\n",
		"tabs":               "key\ttitle\tparent\tprovisional\ntop\tTop\t\t1\n\nunder\tUnder\ttop\tfalse\n",
		"crlf":               "key,title,parent,provisional\r\ntop,Top,,y\r\nunder,Under,top,\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			f, problems := ReadCSV(strings.NewReader(data), smallMeta)
			if len(problems) > 0 {
				t.Fatal(Problems(problems))
			}
			want := smallMeta
			want.Nodes = []framework.Node{{Key: "top", Type: "item", Title: "Top", Provisional: true, Children: []framework.Node{{Key: "under", Type: "item", Title: "Under"}}}}
			sameFramework(t, &want, f)
		})
	}
}

func TestReadCSVProblems(t *testing.T) {
	for _, tc := range []struct {
		name, data  string
		line        int
		field, part string
	}{
		{"missing key", "key,title\n,No key\n", 2, "key", "missing"},
		{"duplicate key", "key,title\na,A\nb,B\na,A again\n", 4, "key", `"a" is also the key on line 2`},
		{"unknown parent", "key,title,parent\na,A,\nb,B,a\nc,C,x\n", 4, "parent", `no node with key "x" in the file`},
		{"loop", "key,title,parent\na,A,b\nb,B,a\nc,C,\n", 2, "parent", "the parents form a loop: a → b → a"},
		{"loop second row", "key,title,parent\na,A,b\nb,B,a\nc,C,\n", 3, "parent", "the parents form a loop"},
		{"own parent", "key,title,parent\na,A,a\n", 2, "parent", "a → a"},
		{"bad provisional", "key,title,provisional\na,A,maybe\n", 2, "provisional", `"maybe" is not yes or no`},
		{"bad sequence", "key,title,sequence\na,A,2nd\n", 2, "sequence", `"2nd" is not a whole number`},
		{"missing title", "key,title\na,  \n", 2, "title", "missing"},
		{"unknown column", "key,title,colour\na,A,red\n", 1, "colour", "unknown column"},
		{"repeated column", "key,title,Title\na,A,B\n", 1, "title", "the column appears twice"},
		{"no key column", "title\nA\n", 1, "key", "missing column"},
		{"empty file", "", 0, "", "empty"},
		{"bad quoting", "key,title\na,\"A\nb,B\n", 2, "", "not valid CSV"},
		{"too many cells", "key,title\na,A,extra\n", 2, "", "has 3 cells but the header names 2 columns"},
		{"data without a column name", "key,title,\na,A,stray\n", 2, "column 3", "has no name"},
		{"not UTF-8", "key,title\na,Caf\xe9\n", 2, "title", "not valid UTF-8"},
		{"multi-line cell keeps its line", "key,title,description\na,A,\"one\ntwo\"\nb,B,\nc,C,\n,D,\n", 6, "key", "missing"},
		{"invalid for the framework", "key,title,type\na,A,\n", 0, "rules", "profile framework but has no rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta := smallMeta
			if tc.name == "invalid for the framework" {
				meta.Kind = framework.KindProfile
			}
			f, problems := ReadCSV(strings.NewReader(tc.data), meta)
			if f != nil {
				t.Fatal("returned a framework despite problems")
			}
			wantProblem(t, problems, tc.line, tc.field, tc.part)
		})
	}
}

func TestReadCSVEveryBadRowIsReported(t *testing.T) {
	data := "key,title,parent,provisional\n" + // 1
		"a,A,,\n" + // 2
		",No key,,\n" + // 3
		"b,B,missing,\n" + // 4
		"c,C,,perhaps\n" + // 5
		"a,A twice,,\n" // 6
	f, problems := ReadCSV(strings.NewReader(data), framework.Framework{})
	if f != nil {
		t.Fatal("returned a framework")
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"key: missing: a CSV file holds nodes only, so give the framework's key, title, version and kind with it",
		"title: missing: a CSV file holds nodes only, so give the framework's key, title, version and kind with it",
		"version: missing: a CSV file holds nodes only, so give the framework's key, title, version and kind with it",
		"kind: missing: a CSV file holds nodes only, so give the framework's key, title, version and kind with it",
		"line 3: key: missing: every row needs a key",
		`line 4: parent: no node with key "missing" in the file`,
		`line 5: provisional: "perhaps" is not yes or no (use true/false, yes/no or 1/0, or leave it empty)`,
		`line 6: key: "a" is also the key on line 2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{Line: 7, Field: "parent", Reason: `no node with key "x" in the file`}, `line 7: parent: no node with key "x" in the file`},
		{Problem{Field: "key", Reason: "missing"}, "key: missing"},
		{Problem{Line: 3, Reason: "not valid CSV"}, "line 3: not valid CSV"},
		{Problem{Reason: "broken"}, "broken"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
	if err := (Problems{{Line: 1, Reason: "a"}, {Line: 2, Reason: "b"}}).Error(); err != "line 1: a\nline 2: b" {
		t.Errorf("Problems.Error() = %q", err)
	}
}

func TestLists(t *testing.T) {
	for _, items := range [][]string{
		{"one"}, {"a | b", `c\d`, `e\|f`, `\`, "|"}, {"with, comma", "with \"quotes\""},
	} {
		if got := splitList(joinList(items)); strings.Join(got, "\x00") != strings.Join(items, "\x00") {
			t.Errorf("%q came back as %q", items, got)
		}
	}
	if got := splitList(`C:\docs | x||  | y`); strings.Join(got, ",") != `C:\docs,x,y` {
		t.Errorf("split = %q", got)
	}
	if splitList("") != nil || splitList("  ") != nil {
		t.Error("an empty cell must give no list")
	}
}
