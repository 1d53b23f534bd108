package transfer

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
)

func xlsxBytes(t testing.TB, f *framework.Framework) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// workbook builds a workbook from sheets of rows, as a user's spreadsheet program would.
func workbook(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, name := range order {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXRoundTrip(t *testing.T) {
	f := richFramework()
	back, problems := ReadXLSX(bytes.NewReader(xlsxBytes(t, f)), framework.Framework{})
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)

	for _, tc := range caseFixtures {
		t.Run(tc.file, func(t *testing.T) {
			f := readCASEFile(t, filepath.Join("testdata", "case", tc.file))
			back, problems := ReadXLSX(bytes.NewReader(xlsxBytes(t, f)), framework.Framework{})
			if len(problems) > 0 {
				t.Fatal(Problems(problems))
			}
			sameFramework(t, f, back) // a workbook keeps CR LF inside cells
		})
	}
}

func TestWriteXLSXShape(t *testing.T) {
	f := richFramework()
	x, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, f)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "Nodes,Framework,Levels,Relations,Crosswalk" {
		t.Errorf("sheets = %s", got)
	}
	rows, err := x.GetRows(SheetNodes)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(NodeColumns, ",") || len(rows) != 1+f.CountNodes() {
		t.Errorf("nodes sheet: header %v, %d rows", rows[0], len(rows))
	}
	// Formula protection: the cells start with an apostrophe and are text, not formulas.
	for cell, want := range map[string]string{"E3": `'=cmd|' /C calc'!A0`, "H3": "'-starts with a minus", "E8": "'@mention", "H8": "'\ttab first"} {
		got, err := x.GetCellValue(SheetNodes, cell)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", cell, got, err, want)
		}
		if formula, _ := x.GetCellFormula(SheetNodes, cell); formula != "" {
			t.Errorf("%s holds a formula %q", cell, formula)
		}
	}
	fw, _ := x.GetRows(SheetFramework)
	if len(fw) < 2 || strings.Join(fw[0], ",") != "field,value" || strings.Join(fw[1], ",") != "key,test-framework" {
		t.Errorf("framework sheet starts %v", fw[:2])
	}
	levels, _ := x.GetRows(SheetLevels)
	if len(levels) != 3 || strings.Join(levels[1], ",") != "awareness,1,Awareness,Knows whom to ask.,Volunteer" {
		t.Errorf("levels = %v", levels)
	}
	cw, _ := x.GetRows(SheetCrosswalk)
	if len(cw) != 4 || strings.Join(cw[1], ",") != "old-a,a1,0.25" {
		t.Errorf("crosswalk = %v", cw)
	}
	rel, _ := x.GetRows(SheetRelations)
	if len(rel) != 1+len(f.Relations) || strings.Join(rel[0], ",") != "type,from,from_uri,from_title,to,to_uri,to_title,identifier,sequence,notes" {
		t.Fatalf("relations = %v", rel)
	}
	if got := strings.Join(rel[5], "|"); got != "precedes||"+f.Relations[4].FromURI+"|Older framework's item|a3|||||Carried over from version 1." {
		t.Errorf("relation from outside = %q", got)
	}
	if got, _ := x.GetCellValue(SheetRelations, "J7"); got != "'=looks like a formula\nsecond line" {
		t.Errorf("relation notes cell = %q", got)
	}
}

// Workbooks written before relations could start outside the framework have no from_uri,
// from_title or notes columns; a hand-made sheet may have from_uri and no from column.
func TestReadXLSXRelationColumns(t *testing.T) {
	nodes := [][]any{{"key", "title"}, {"a", "A"}, {"b", "B"}}
	for name, tc := range map[string]struct {
		rows [][]any
		want []framework.Relation
	}{
		"old columns": {
			[][]any{{"type", "from", "to", "to_uri", "to_title", "identifier", "sequence"}, {"isRelatedTo", "a", "b", nil, nil, "r1", 2}},
			[]framework.Relation{{Type: "isRelatedTo", From: "a", To: "b", Identifier: "r1", Sequence: intp(2)}},
		},
		"from outside, no from column": {
			[][]any{{"Type", "From URI", "From title", "To", "Notes"}, {"replacedBy", "https://old.example/7", "Old 7", "b", "  kept as written  "}},
			[]framework.Relation{{Type: "replacedBy", FromURI: "https://old.example/7", FromTitle: "Old 7", To: "b", Notes: "  kept as written  "}},
		},
	} {
		t.Run(name, func(t *testing.T) {
			data := workbook(t, map[string][][]any{SheetNodes: nodes, SheetRelations: tc.rows}, SheetNodes, SheetRelations)
			f, problems := ReadXLSX(bytes.NewReader(data), smallMeta)
			if len(problems) > 0 {
				t.Fatal(Problems(problems))
			}
			sameFramework(t, &framework.Framework{Relations: tc.want}, &framework.Framework{Relations: f.Relations})
		})
	}
}

// A workbook made by hand: nodes only, on a sheet with another name, metadata from the caller.
func TestReadXLSXNodesOnly(t *testing.T) {
	data := workbook(t, map[string][][]any{
		"My nodes": {
			{"Key", "Title", "Parent", "Sequence", "Provisional"},
			{"top", "Top", nil, 1, true},
			{},
			{"under", "Under", "top", 2.0, false},
		},
	}, "My nodes")
	f, problems := ReadXLSX(bytes.NewReader(data), smallMeta)
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	want := smallMeta
	want.Nodes = []framework.Node{{Key: "top", Type: "item", Title: "Top", Sequence: intp(1), Provisional: true,
		Children: []framework.Node{{Key: "under", Type: "item", Title: "Under", Sequence: intp(2)}}}}
	sameFramework(t, &want, f)
}

func TestReadXLSXMetaOverridesSheet(t *testing.T) {
	f := richFramework()
	f.Relations, f.Crosswalk = nil, nil
	back, problems := ReadXLSX(bytes.NewReader(xlsxBytes(t, f)), framework.Framework{Key: "renamed", Version: "2.1"})
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	if back.Key != "renamed" || back.Version != "2.1" || back.Title != f.Title {
		t.Errorf("key/version/title = %q/%q/%q", back.Key, back.Version, back.Title)
	}
}

func TestReadXLSXProblems(t *testing.T) {
	nodes := [][]any{
		{"key", "title", "parent", "provisional"},
		{"a", "A", nil, nil},
		{nil, "No key", nil, nil},
		{"b", "B", "nowhere", nil},
		{"c", "C", nil, "sometimes"},
	}
	framework := [][]any{
		{"field", "value"},
		{"key", "hand-made"},
		{"title", "Hand made"},
		{"version", "1"},
		{"kind", "competence"},
		{"colour", "blue"},
	}
	levels := [][]any{
		{"key", "rank", "title"},
		{"low", 1, "Low"},
		{"high", "top", "High"},
	}
	data := workbook(t, map[string][][]any{"Nodes": nodes, "Framework": framework, "Levels": levels}, "Nodes", "Framework", "Levels")
	f, problems := ReadXLSX(bytes.NewReader(data), smallMeta)
	if f != nil {
		t.Fatal("returned a framework despite problems")
	}
	wantProblem(t, problems, 3, "key", "missing")
	wantProblem(t, problems, 4, "parent", `no node with key "nowhere" in the file`)
	wantProblem(t, problems, 5, "provisional", `"sometimes" is not yes or no`)
	wantProblem(t, problems, 6, "field (Framework sheet)", `"colour" is not a framework field`)
	wantProblem(t, problems, 3, "rank (Levels sheet)", `"top" is not a whole number`)
}

func TestReadXLSXValidationProblemsHaveRows(t *testing.T) {
	f := richFramework()
	f.Levels[1].Rank = 1 // two levels with rank 1
	f.Crosswalk.Mappings[0].To[0].Node = "gone"
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, problems := ReadXLSX(&buf, framework.Framework{})
	if back != nil {
		t.Fatal("returned an invalid framework")
	}
	wantProblem(t, problems, 3, "rank (Levels sheet)", "both have rank 1")
	wantProblem(t, problems, 2, "to (Crosswalk sheet)", `mapped to "gone"`)

	f = richFramework()
	f.Relations[4].To, f.Relations[4].ToURI = "", "https://example.org/newer"         // both ends outside
	f.Relations[5].From = "b2"                                                        // from and from_uri
	f.Relations = append(f.Relations, framework.Relation{Type: "precedes", To: "a1"}) // no origin
	back, problems = ReadXLSX(bytes.NewReader(xlsxBytes(t, f)), framework.Framework{})
	if back != nil {
		t.Fatal("returned an invalid framework")
	}
	wantProblem(t, problems, 6, "from_uri (Relations sheet)", "both outside this framework")
	wantProblem(t, problems, 7, "from_uri (Relations sheet)", `gives both from ("b2") and from_uri`)
	wantProblem(t, problems, 8, "from (Relations sheet)", "does not say where it starts")
}

func TestReadXLSXDamaged(t *testing.T) {
	good := xlsxBytes(t, richFramework())
	for name, data := range map[string][]byte{
		"not a zip":   []byte("PK\x03\x04 but not really a zip"),
		"empty":       nil,
		"text":        []byte("key,title\na,A\n"),
		"cut in half": good[:len(good)/2],
	} {
		t.Run(name, func(t *testing.T) {
			f, problems := ReadXLSX(bytes.NewReader(data), smallMeta)
			if f != nil || len(problems) == 0 {
				t.Fatalf("f = %v, problems = %v", f, problems)
			}
		})
	}
}

func TestWriteXLSXRefusesWhatACellCannotHold(t *testing.T) {
	for name, text := range map[string]string{
		"too long": strings.Repeat("x", maxCellChars+1),
		"control":  "bell\x07",
	} {
		t.Run(name, func(t *testing.T) {
			f := &framework.Framework{Key: "x", Title: "X", Version: "1", Kind: framework.KindCompetence,
				Nodes: []framework.Node{{Key: "n", Type: "item", Title: "N", Description: text}}}
			err := WriteXLSX(&bytes.Buffer{}, f)
			if err == nil || !strings.Contains(err.Error(), "description") {
				t.Errorf("err = %v", err)
			}
		})
	}
	f := &framework.Framework{Key: "x", Title: "X", Version: "1", Kind: framework.KindCompetence,
		Nodes: []framework.Node{{Key: "n", Type: "item", Title: "N", Description: strings.Repeat("\U0001D451", maxCellChars/2)}}}
	if err := WriteXLSX(&bytes.Buffer{}, f); err != nil {
		t.Errorf("a cell of exactly the limit: %v", err)
	}
}
