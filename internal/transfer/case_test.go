package transfer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/workframe/workframe/internal/framework"
)

// fixtureItem is what a test reads straight from a fixture, to compare the import against.
type fixtureItem struct {
	Identifier           string `json:"identifier"`
	FullStatement        string `json:"fullStatement"`
	AbbreviatedStatement string `json:"abbreviatedStatement"`
	HumanCodingScheme    string `json:"humanCodingScheme"`
	Notes                string `json:"notes"`
}

type fixtureLink struct {
	Identifier string `json:"identifier"`
}

type fixture struct {
	CFDocument struct {
		Identifier string `json:"identifier"`
		Title      string `json:"title"`
	} `json:"CFDocument"`
	CFItems        []fixtureItem `json:"CFItems"`
	CFAssociations []struct {
		AssociationType string      `json:"associationType"`
		Origin          fixtureLink `json:"originNodeURI"`
		Destination     fixtureLink `json:"destinationNodeURI"`
	} `json:"CFAssociations"`
}

var caseFixtures = []struct {
	file  string
	items int
}{
	{"Ordering.json", 28},
	{"SmartLevelFramework.json", 14},
	{"MarkdownFramework.json", 2},
	{"Utf8TestFramework.json", 1},
}

// Every fixture keeps every item: its statement, coding scheme, notes and place in the tree.
func TestReadCASEFixturesKeepEveryItem(t *testing.T) {
	for _, tc := range caseFixtures {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "case", tc.file)
			var fx fixture
			if err := json.Unmarshal(mustRead(t, path), &fx); err != nil {
				t.Fatal(err)
			}
			f := readCASEFile(t, path)
			if got := f.CountNodes(); got != tc.items || len(fx.CFItems) != tc.items {
				t.Fatalf("nodes = %d, fixture items = %d, want %d", got, len(fx.CFItems), tc.items)
			}
			if f.Title != fx.CFDocument.Title || f.Identifier != fx.CFDocument.Identifier {
				t.Errorf("framework title/identifier = %q/%q, want %q/%q", f.Title, f.Identifier, fx.CFDocument.Title, fx.CFDocument.Identifier)
			}
			if f.Kind != framework.KindCompetence || f.Version != "1.0" || f.Publisher == "" {
				t.Errorf("kind/version/publisher = %q/%q/%q", f.Kind, f.Version, f.Publisher)
			}
			if problems := framework.Validate(f); len(problems) > 0 {
				t.Errorf("the import does not validate: %v", problems)
			}
			places := parentsOf(f)
			keyOf := map[string]string{}
			for _, it := range fx.CFItems {
				n := nodeByIdentifier(f, it.Identifier)
				if n == nil {
					t.Fatalf("item %s is missing", it.Identifier)
				}
				keyOf[it.Identifier] = n.Key
				full := n.Description
				if full == "" {
					full = n.Title
				}
				if full != it.FullStatement {
					t.Errorf("item %s: fullStatement %q came back as %q", it.Identifier, it.FullStatement, full)
				}
				if it.AbbreviatedStatement != "" && n.Title != it.AbbreviatedStatement {
					t.Errorf("item %s: title %q, want the abbreviatedStatement %q", it.Identifier, n.Title, it.AbbreviatedStatement)
				}
				if n.Code != it.HumanCodingScheme || n.Notes != it.Notes || n.Type != "item" {
					t.Errorf("item %s: code/notes/type = %q/%q/%q", it.Identifier, n.Code, n.Notes, n.Type)
				}
				if strings.TrimSpace(n.Title) == "" || len([]rune(n.Title)) > titleLimit {
					t.Errorf("item %s: title %q", it.Identifier, n.Title)
				}
			}
			for _, a := range fx.CFAssociations {
				if a.AssociationType != "isChildOf" {
					continue
				}
				wantParent := keyOf[a.Destination.Identifier] // "" for the document
				if got := places[keyOf[a.Origin.Identifier]].parent; got != wantParent {
					t.Errorf("item %s: parent %q, want %q", a.Origin.Identifier, got, wantParent)
				}
			}
		})
	}
}

func TestReadCASEOrderingFollowsCodes(t *testing.T) {
	f := readCASEFile(t, "testdata/case/Ordering.json")
	// Ordering.json has no sequenceNumbers and lists its associations out of order
	// (L1.1, L1.10, L1.3, ...): siblings come out in natural order of their coding scheme.
	level1 := nodeByIdentifier(f, "43bf51d6-3d92-4170-9531-df56731a1b6d")
	if level1 == nil || level1.Code != "H.A.MATH.GM.PF.2DFP.L1" || len(level1.Children) != 24 {
		t.Fatalf("Level 1 = %+v", level1)
	}
	for i, c := range level1.Children {
		if want := fmt.Sprintf("H.A.MATH.GM.PF.2DFP.L1.%d", i+1); c.Code != want {
			t.Errorf("child %d is %s, want %s", i, c.Code, want)
		}
	}
	for id, want := range map[string]struct {
		parent string
		index  int
	}{
		"3d8cdec5-83d6-49b4-9300-91a824c59758": {"", 0},
		"9d8d5691-3c65-4f95-af82-858844732458": {"H.A.MATH.GM", 0},
		"43bf51d6-3d92-4170-9531-df56731a1b6d": {"H.A.MATH.GM.PF.2DFP", 0},
		"caa3c8f2-14ea-4b3f-853e-68b61f9befd5": {"H.A.MATH.GM.PF.2DFP.L1", 0},
		"b9038c92-ecac-4a3e-a4a4-300eb2875e83": {"H.A.MATH.GM.PF.2DFP.L1", 1},
		"3fb22997-3bd9-471f-aa2c-2fa35ac35414": {"H.A.MATH.GM.PF.2DFP.L1", 9},
		"253e6cad-1ea7-45b8-9bde-30d67e5c8071": {"H.A.MATH.GM.PF.2DFP.L1", 23},
	} {
		n := nodeByIdentifier(f, id)
		got := parentsOf(f)[n.Key]
		if got.parent != want.parent || got.index != want.index {
			t.Errorf("%s: parent %q index %d, want %q %d", id, got.parent, got.index, want.parent, want.index)
		}
	}
	// Keys are the coding schemes, which are unique and usable as keys.
	if level1.Key != "H.A.MATH.GM.PF.2DFP.L1" {
		t.Errorf("key = %q", level1.Key)
	}
	if f.Key != "act-holistic-framework-math" {
		t.Errorf("framework key = %q", f.Key)
	}
}

func TestReadCASESmartLevelTree(t *testing.T) {
	f := readCASEFile(t, "testdata/case/SmartLevelFramework.json")
	places := parentsOf(f)
	for id, want := range map[string]struct {
		parent string
		index  int
	}{
		"00000000-0000-0000-0000-000000000001": {"", 0},
		"00000000-0000-0000-0000-000000000002": {"", 1},
		"00000000-0000-0000-0000-000000000003": {"00000000-0000-0000-0000-000000000001", 0},
		"00000000-0000-0000-0000-000000000012": {"00000000-0000-0000-0000-000000000001", 9},
		"00000000-0000-0000-0000-000000000014": {"00000000-0000-0000-0000-000000000002", 1},
	} {
		n := nodeByIdentifier(f, id)
		if n == nil {
			t.Fatalf("%s missing", id)
		}
		// No coding schemes: the identifiers are the keys.
		if n.Key != id {
			t.Errorf("key %q, want %q", n.Key, id)
		}
		if got := places[n.Key]; got.parent != want.parent || got.index != want.index {
			t.Errorf("%s: parent %q index %d, want %q %d", id, got.parent, got.index, want.parent, want.index)
		}
	}
	if n := nodeByIdentifier(f, "00000000-0000-0000-0000-000000000012"); n.Title != "Item 1.10" {
		t.Errorf("title %q", n.Title)
	}
}

func TestReadCASEUtf8AndMarkdown(t *testing.T) {
	f := readCASEFile(t, "testdata/case/Utf8TestFramework.json")
	if f.Title != "UTF8 \U0001D451 Test" || f.Nodes[0].Title != "Item \U0001D451 1" || f.Key != "utf8-test" {
		t.Errorf("title %q, node %q, key %q", f.Title, f.Nodes[0].Title, f.Key)
	}
	f = readCASEFile(t, "testdata/case/MarkdownFramework.json")
	table := f.Node("MD.Table")
	want := "This contains a _table_ in markdown:\r\n\r\n| Column 1 | Column 2 |\r\n| --- | --- |\r\n| data 1 | data 2|\r\n\r\n Here is a math equation $x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$"
	if table == nil || table.Description != want || table.Title != "This contains a _table_ in markdown:" {
		t.Errorf("MD.Table = %+v", table)
	}
	if m := f.Node("MD.Math"); m == nil || m.Title != "This contains math markdown: $x^2$" || m.Description != "" {
		t.Errorf("MD.Math = %+v", m)
	}
	// Sibling order without sequence numbers: by coding scheme.
	if f.Nodes[0].Key != "MD.Math" || f.Nodes[1].Key != "MD.Table" {
		t.Errorf("order %s, %s", f.Nodes[0].Key, f.Nodes[1].Key)
	}
}

// Export then import gives the same framework, for every fixture and for a framework that uses
// every part of the model.
func TestCASERoundTrip(t *testing.T) {
	for _, tc := range caseFixtures {
		t.Run(tc.file, func(t *testing.T) {
			f := readCASEFile(t, filepath.Join("testdata", "case", tc.file))
			for _, base := range []string{"", "https://workframe.example.org/ims/case/v1p1"} {
				out := caseBytes(t, f, base)
				back, problems := ReadCASE(bytes.NewReader(out))
				if len(problems) > 0 {
					t.Fatalf("re-import: %v\n%s", Problems(problems), out)
				}
				sameFramework(t, f, back)
				// And once more: the second export is the same file.
				if again := caseBytes(t, back, base); !bytes.Equal(again, out) {
					t.Errorf("second export differs from the first")
				}
			}
		})
	}
	t.Run("rich", func(t *testing.T) {
		f := richFramework()
		if problems := framework.Validate(f); len(problems) > 0 {
			t.Fatalf("test framework is not valid: %v", problems)
		}
		out := caseBytes(t, f, "https://workframe.example.org/ims/case/v1p1/")
		back, problems := ReadCASE(bytes.NewReader(out))
		if len(problems) > 0 {
			t.Fatalf("re-import: %v\n%s", Problems(problems), out)
		}
		sameFramework(t, f, back)
	})
}

func TestWriteCASEShape(t *testing.T) {
	f := richFramework()
	base := "https://workframe.example.org/ims/case/v1p1"
	var pkg map[string]any
	if err := json.Unmarshal(caseBytes(t, f, base), &pkg); err != nil {
		t.Fatal(err)
	}
	doc := pkg["CFDocument"].(map[string]any)
	if doc["caseVersion"] != "1.1" || doc["title"] != f.Title || doc["creator"] != f.Publisher || doc["version"] != "2.0" {
		t.Errorf("document = %v", doc)
	}
	if !strings.HasPrefix(doc["notes"].(string), ProvisionalMarker) {
		t.Errorf("a provisional framework's notes = %q", doc["notes"])
	}
	docID := doc["identifier"].(string)
	if _, err := uuid.Parse(docID); err != nil || doc["uri"] != base+"/CFDocuments/"+docID {
		t.Errorf("document identifier %q uri %q", docID, doc["uri"])
	}
	items := pkg["CFItems"].([]any)
	if len(items) != f.CountNodes() {
		t.Fatalf("%d items", len(items))
	}
	byKey := map[string]map[string]any{}
	for _, it := range items {
		m := it.(map[string]any)
		key := m["extensions"].(map[string]any)["workframe"].(map[string]any)["key"].(string)
		byKey[key] = m
	}
	a1 := byKey["a1"]
	if a1["humanCodingScheme"] != "A1" || a1["CFItemType"] != "element" || a1["fullStatement"] != f.Node("a1").Title {
		t.Errorf("a1 = %v", a1)
	}
	if link, ok := a1["CFItemTypeURI"].(map[string]any); !ok || link["title"] != "element" || link["uri"] == "" || link["identifier"] == "" {
		t.Errorf("a1 CFItemTypeURI = %v", a1["CFItemTypeURI"])
	}
	if !strings.HasPrefix(a1["notes"].(string), ProvisionalMarker+"\n\n") {
		t.Errorf("a provisional item's notes = %q", a1["notes"])
	}
	if a2 := byKey["a2"]; a2["identifier"] != "https://case.example.org/uri/a2" || a2["uri"] != "https://case.example.org/uri/a2" {
		t.Errorf("a kept URL identifier = %v / %v", a2["identifier"], a2["uri"])
	}
	if b := byKey["domain-b"]; b["identifier"] != "0b8c3b4e-1f2a-4c5d-8e9f-0a1b2c3d4e5f" {
		t.Errorf("kept identifier = %v", b["identifier"])
	}
	if a3 := byKey["a3"]; a3["abbreviatedStatement"] != f.Node("a3").Title {
		t.Errorf("a long title must be kept as the abbreviatedStatement: %v", a3)
	}
	defs := pkg["CFDefinitions"].(map[string]any)
	var types []string
	for _, it := range defs["CFItemTypes"].([]any) {
		types = append(types, it.(map[string]any)["title"].(string))
	}
	if strings.Join(types, ",") != "domain,element" {
		t.Errorf("CFItemTypes = %v", types)
	}
	if lic := defs["CFLicenses"].([]any); len(lic) != 1 || lic[0].(map[string]any)["licenseText"] != f.Licence {
		t.Errorf("CFLicenses = %v", lic)
	}
	counts := map[string]int{}
	for _, a := range pkg["CFAssociations"].([]any) {
		m := a.(map[string]any)
		counts[m["associationType"].(string)]++
		for _, end := range []string{"originNodeURI", "destinationNodeURI"} {
			link := m[end].(map[string]any)
			if link["identifier"] == "" || link["uri"] == "" {
				t.Errorf("%s of %v is not a whole link", end, m)
			}
		}
		if m["associationType"] == "exactMatchOf" {
			dest := m["destinationNodeURI"].(map[string]any)
			if dest["uri"] != f.Relations[1].ToURI || dest["title"] != "Other framework's item" || dest["identifier"] != "4f1c2b9e-8d7a-4e6b-9c5d-3a2b1c0d9e8f" {
				t.Errorf("external link = %v", dest)
			}
		}
		if m["associationType"] == "precedes" {
			origin := m["originNodeURI"].(map[string]any)
			if origin["uri"] != f.Relations[4].FromURI || origin["title"] != "Older framework's item" || origin["identifier"] != "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" {
				t.Errorf("external origin = %v", origin)
			}
			if m["notes"] != f.Relations[4].Notes {
				t.Errorf("association notes = %v", m["notes"])
			}
		}
	}
	if counts["isChildOf"] != f.CountNodes() || counts["isRelatedTo"] != 2 || counts["exactMatchOf"] != 1 || counts["hasSkillLevel"] != 1 ||
		counts["precedes"] != 1 || counts["replacedBy"] != 1 {
		t.Errorf("association counts = %v", counts)
	}
}

// pkgJSON builds a small CASE package for the tests below: a document "doc", items A, B and C
// (A and B at the top, C under A) and any extra associations.
func pkgJSON(extraItems, extraAssocs string) string {
	items := `
	{"identifier": "A", "fullStatement": "Item A", "humanCodingScheme": "A"},
	{"identifier": "B", "fullStatement": "Item B", "humanCodingScheme": "B"},
	{"identifier": "C", "fullStatement": "Item C", "humanCodingScheme": "A.1"}`
	if extraItems != "" {
		items += "," + extraItems
	}
	assocs := `
	{"identifier": "x1", "associationType": "isChildOf", "originNodeURI": {"identifier": "A", "uri": "https://s/CFItems/A"}, "destinationNodeURI": {"identifier": "doc", "uri": "https://s/CFDocuments/doc"}},
	{"identifier": "x2", "associationType": "isChildOf", "originNodeURI": {"identifier": "B"}, "destinationNodeURI": {"identifier": "doc"}},
	{"identifier": "x3", "associationType": "isChildOf", "originNodeURI": {"identifier": "C"}, "destinationNodeURI": {"identifier": "A"}}`
	if extraAssocs != "" {
		assocs += "," + extraAssocs
	}
	return `{
	"CFDocument": {"identifier": "doc", "uri": "https://s/CFDocuments/doc", "title": "Small", "creator": "Tester", "unknownField": [1, 2]},
	"CFItems": [` + items + `],
	"CFAssociations": [` + assocs + `],
	"somethingElse": {"ignored": true}
}`
}

func TestReadCASEExternalAssociationIsKeptAndExported(t *testing.T) {
	data := pkgJSON("", `{"identifier": "r1", "associationType": "exactMatchOf", "sequenceNumber": 4,
		"originNodeURI": {"identifier": "C", "title": "A.1"},
		"destinationNodeURI": {"title": "Elsewhere 1.2", "identifier": "7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b", "uri": "https://other.example/ims/case/v1p0/CFItems/7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b"}},
	{"identifier": "r2", "associationType": "isRelatedTo", "originNodeURI": {"identifier": "B"}, "destinationNodeURI": {"identifier": "C"}},
	{"identifier": "r3", "associationType": "someNewType", "originNodeURI": "A", "destinationNodeURI": "https://www.example.org/page"}`)
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	want := []framework.Relation{
		{Type: "exactMatchOf", From: "A.1", ToURI: "https://other.example/ims/case/v1p0/CFItems/7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b", ToTitle: "Elsewhere 1.2", Identifier: "r1", Sequence: intp(4)},
		{Type: "isRelatedTo", From: "B", To: "A.1", Identifier: "r2"},
		{Type: "someNewType", From: "A", ToURI: "https://www.example.org/page", Identifier: "r3"},
	}
	sameFramework(t, &framework.Framework{Relations: want}, &framework.Framework{Relations: f.Relations})
	out := caseBytes(t, f, "")
	if !strings.Contains(string(out), `"uri": "https://other.example/ims/case/v1p0/CFItems/7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b"`) ||
		!strings.Contains(string(out), `"associationType": "someNewType"`) {
		t.Errorf("the external links were not exported:\n%s", out)
	}
	back, problems := ReadCASE(bytes.NewReader(out))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)
}

func TestReadCASEChildOfOutsideFails(t *testing.T) {
	for name, tc := range map[string]struct {
		assoc, field, reason string
	}{
		"destination missing": {
			`{"identifier": "bad", "associationType": "isChildOf", "originNodeURI": {"identifier": "B"}, "destinationNodeURI": {"identifier": "missing-parent-id", "uri": "https://s/CFItems/missing-parent-id"}}`,
			"CFAssociations[3].destinationNodeURI", `"missing-parent-id" is not in this package`,
		},
		"origin missing": {
			`{"identifier": "bad", "associationType": "isChildOf", "originNodeURI": {"identifier": "ghost-item"}, "destinationNodeURI": {"identifier": "A"}}`,
			"CFAssociations[3].originNodeURI", `"ghost-item" is not a CFItem in this package`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			f, problems := ReadCASE(strings.NewReader(pkgJSON("", tc.assoc)))
			if f != nil {
				t.Fatal("an import with a broken tree returned a framework")
			}
			wantProblem(t, problems, 10, tc.field, tc.reason)
		})
	}
}

func TestReadCASESequenceNumbers(t *testing.T) {
	data := `{"CFDocument": {"identifier": "d", "title": "Seq"},
	"CFItems": [
		{"identifier": "i1", "fullStatement": "One", "humanCodingScheme": "Z"},
		{"identifier": "i2", "fullStatement": "Two", "humanCodingScheme": "Y"},
		{"identifier": "i3", "fullStatement": "Three", "humanCodingScheme": "X"},
		{"identifier": "i4", "fullStatement": "Four"}
	],
	"CFAssociations": [
		{"identifier": "a1", "associationType": "isChildOf", "sequenceNumber": "3", "originNodeURI": "i1", "destinationNodeURI": "d"},
		{"identifier": "a2", "associationType": "isChildOf", "sequenceNumber": 1, "originNodeURI": "i2", "destinationNodeURI": "d"},
		{"identifier": "a3", "associationType": "isChildOf", "sequenceNumber": " 2.0 ", "originNodeURI": "i3", "destinationNodeURI": "d"},
		{"identifier": "a4", "associationType": "isChildOf", "sequenceNumber": "", "originNodeURI": "i4", "destinationNodeURI": "d"}
	]}`
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	var got []string
	for _, n := range f.Nodes {
		seq := "nil"
		if n.Sequence != nil {
			seq = fmt.Sprint(*n.Sequence)
		}
		got = append(got, n.Identifier+"="+seq)
	}
	if strings.Join(got, " ") != "i2=1 i3=2 i1=3 i4=nil" {
		t.Errorf("order and sequences = %v", got)
	}
	back, problems := ReadCASE(bytes.NewReader(caseBytes(t, f, "")))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)
}

func TestReadCASELinksAsPlainStrings(t *testing.T) {
	data := `{"CFDocument": {"identifier": "d1", "uri": "https://s/CFDocuments/d1", "title": "Plain links", "CFPackageURI": "https://s/CFPackages/d1"},
	"CFItems": [
		{"identifier": "p", "uri": "https://s/CFItems/p", "fullStatement": "Parent", "CFDocumentURI": "https://s/CFDocuments/d1", "CFItemType": "Strand"},
		{"identifier": "c", "uri": "https://s/CFItems/c", "fullStatement": "Child", "CFDocumentURI": "d1", "CFItemTypeURI": {"title": "Standard", "identifier": "t1", "uri": "https://s/CFItemTypes/t1"}}
	],
	"CFAssociations": [
		{"identifier": "a1", "associationType": "isChildOf", "originNodeURI": "https://s/CFItems/p", "destinationNodeURI": "https://s/CFDocuments/d1", "CFDocumentURI": "d1"},
		{"identifier": "a2", "associationType": "isChildOf", "originNodeURI": "c", "destinationNodeURI": "https://mirror.example/ims/case/v1p0/CFItems/p"},
		{"identifier": "a3", "associationType": "isPeerOf", "originNodeURI": "c", "destinationNodeURI": "https://elsewhere.example/x"}
	]}`
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	if len(f.Nodes) != 1 || f.Nodes[0].Key != "p" || len(f.Nodes[0].Children) != 1 || f.Nodes[0].Children[0].Key != "c" {
		t.Fatalf("tree = %+v", f.Nodes)
	}
	if f.Nodes[0].Type != "Strand" || f.Nodes[0].Children[0].Type != "Standard" {
		t.Errorf("types = %q, %q", f.Nodes[0].Type, f.Nodes[0].Children[0].Type)
	}
	if len(f.Relations) != 1 || f.Relations[0].ToURI != "https://elsewhere.example/x" {
		t.Errorf("relations = %+v", f.Relations)
	}
}

func TestReadCASEProvisionalAndSecondParent(t *testing.T) {
	data := pkgJSON(`{"identifier": "P", "fullStatement": "Provisional one", "notes": "`+ProvisionalMarker+`\n\nReal notes."}`,
		`{"identifier": "x4", "associationType": "isChildOf", "originNodeURI": {"identifier": "P"}, "destinationNodeURI": {"identifier": "B"}},
		{"identifier": "x5", "associationType": "isChildOf", "originNodeURI": {"identifier": "P"}, "destinationNodeURI": {"identifier": "A"}}`)
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	p := f.Node("P")
	if !p.Provisional || p.Notes != "Real notes." || f.Parent("P").Key != "B" {
		t.Errorf("P = %+v under %v", p, f.Parent("P"))
	}
	if len(f.Relations) != 1 || f.Relations[0] != (framework.Relation{Type: "isChildOf", From: "P", To: "A", Identifier: "x5"}) {
		t.Errorf("second parent = %+v", f.Relations)
	}
	back, problems := ReadCASE(bytes.NewReader(caseBytes(t, f, "")))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)
}

func TestReadCASEProblems(t *testing.T) {
	for _, tc := range []struct {
		name        string
		data        string
		line        int
		field, part string
	}{
		{"not JSON", "{\n\"CFDocument\": {\"title\": \"x\",}\n}", 2, "", "not valid JSON"},
		{"cut short", `{"CFDocument": {"title": "x"`, 1, "", "not valid JSON"},
		{"not an object", `[1, 2]`, 1, "", "not a CASE package"},
		{"no document", `{"CFItems": []}`, 1, "CFDocument", "missing"},
		{"no title", `{"CFDocument": {"identifier": "d"}}`, 1, "CFDocument.title", "missing"},
		{"items not a list", `{"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": {"a": 1}}`, 1, "CFItems", "expected a list"},
		{"item not an object", "{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"},\n\"CFItems\": [\n 7]}", 3, "CFItems[0]", "expected an object"},
		{"statement an object", "{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"},\n\"CFItems\": [\n{\"identifier\": \"i\", \"fullStatement\": {\"x\": 1}}]}", 3, "CFItems[0].fullStatement", "expected text, found object"},
		{"item without identifier", "{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"},\n\"CFItems\": [\n{\"fullStatement\": \"x\"}]}", 3, "CFItems[0].identifier", "missing"},
		{"duplicate identifier", pkgJSON(`{"identifier": "B", "fullStatement": "again"}`, ""), 6, "CFItems[3].identifier", `"B" is also the identifier of the CFItem on line 5`},
		{"loop", pkgJSON(`{"identifier": "D", "fullStatement": "D"}, {"identifier": "E", "fullStatement": "E"}`,
			`{"identifier": "x4", "associationType": "isChildOf", "originNodeURI": {"identifier": "D"}, "destinationNodeURI": {"identifier": "E"}},
			{"identifier": "x5", "associationType": "isChildOf", "originNodeURI": {"identifier": "E"}, "destinationNodeURI": {"identifier": "D"}}`), 10, "CFAssociations", "loop: D → E → D"},
		{"self parent", pkgJSON(`{"identifier": "S", "fullStatement": "S"}`, `{"identifier": "x4", "associationType": "isChildOf", "originNodeURI": {"identifier": "S"}, "destinationNodeURI": {"identifier": "S"}}`), 10, "CFAssociations", "loop: S → S"},
		{"no association type", pkgJSON("", `{"identifier": "x4", "originNodeURI": {"identifier": "A"}, "destinationNodeURI": {"identifier": "C"}}`), 10, "CFAssociations[3].associationType", "missing"},
		{"no destination", pkgJSON("", `{"identifier": "x4", "associationType": "isRelatedTo", "originNodeURI": {"identifier": "A"}}`), 10, "CFAssociations[3].destinationNodeURI", "missing"},
		{"document as child", pkgJSON("", `{"identifier": "x4", "associationType": "isChildOf", "originNodeURI": {"identifier": "doc"}, "destinationNodeURI": {"identifier": "A"}}`), 10, "CFAssociations[3].originNodeURI", "is the CFDocument"},
		{"both ends outside", pkgJSON("", `{"identifier": "x4", "associationType": "precedes", "originNodeURI": {"identifier": "far"}, "destinationNodeURI": {"identifier": "farther"}}`), 10, "CFAssociations[3]", `precedes association from "far" to "farther" has neither end at a CFItem of this package`},
		{"document to outside", pkgJSON("", `{"identifier": "x4", "associationType": "isRelatedTo", "originNodeURI": {"identifier": "doc"}, "destinationNodeURI": "https://far.example/page"}`), 10, "CFAssociations[3]", `isRelatedTo association from "doc"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, problems := ReadCASE(strings.NewReader(tc.data))
			if f != nil {
				t.Fatal("returned a framework despite problems")
			}
			wantProblem(t, problems, tc.line, tc.field, tc.part)
		})
	}
}

// An association whose origin is outside the package (an item of another framework that points
// at one of ours) is kept as published, whatever its type, with its notes, and exported again.
func TestReadCASEAssociationsFromOutside(t *testing.T) {
	data := pkgJSON("", `{"identifier": "x4", "associationType": "precedes", "sequenceNumber": "2", "notes": "The 2019 item came first.",
		"originNodeURI": {"identifier": "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "uri": "https://old.example/ims/case/v1p0/CFItems/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "title": "Old 1.2"},
		"destinationNodeURI": {"identifier": "C", "uri": "https://s/CFItems/C"}},
	{"identifier": "x5", "associationType": "replacedBy", "notes": "Retired in 2024;\nsee B.",
		"originNodeURI": {"title": "Retired standard", "identifier": "retired-7", "uri": "https://old.example/standards/7"}, "destinationNodeURI": {"identifier": "B"}},
	{"identifier": "x6", "associationType": "isRelatedTo", "originNodeURI": {"identifier": "far", "uri": "https://far.example/CFItems/far", "title": "Far"}, "destinationNodeURI": {"identifier": "B"}},
	{"identifier": "x7", "associationType": "exemplar", "originNodeURI": "7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b", "destinationNodeURI": "A"},
	{"identifier": "x8", "associationType": "someNewType", "notes": "", "originNodeURI": {"identifier": "doc", "uri": "https://s/CFDocuments/doc", "title": "Small"}, "destinationNodeURI": {"identifier": "A"}},
	{"identifier": "x9", "associationType": "isRelatedTo", "notes": "Both ends inside.", "originNodeURI": {"identifier": "A"}, "destinationNodeURI": {"identifier": "B"}}`)
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	want := []framework.Relation{
		{Type: "precedes", FromURI: "https://old.example/ims/case/v1p0/CFItems/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", FromTitle: "Old 1.2", To: "A.1",
			Identifier: "x4", Sequence: intp(2), Notes: "The 2019 item came first."},
		{Type: "replacedBy", FromURI: "https://old.example/standards/7", FromTitle: "Retired standard", To: "B", Identifier: "x5", Notes: "Retired in 2024;\nsee B."},
		// Symmetric types are no longer turned round: the direction is kept as published.
		{Type: "isRelatedTo", FromURI: "https://far.example/CFItems/far", FromTitle: "Far", To: "B", Identifier: "x6"},
		// A link given as a plain string keeps that string.
		{Type: "exemplar", FromURI: "7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b", To: "A", Identifier: "x7"},
		{Type: "someNewType", FromURI: "https://s/CFDocuments/doc", FromTitle: "Small", To: "A", Identifier: "x8"},
		{Type: "isRelatedTo", From: "A", To: "B", Identifier: "x9", Notes: "Both ends inside."},
	}
	sameFramework(t, &framework.Framework{Relations: want}, &framework.Framework{Relations: f.Relations})
	if ps := framework.Validate(f); len(ps) > 0 {
		t.Fatalf("the import is not a valid framework: %v", ps)
	}

	for _, base := range []string{"", "https://workframe.example.org/ims/case/v1p1"} {
		out := caseBytes(t, f, base)
		var pkg struct {
			CFAssociations []struct {
				Identifier    string      `json:"identifier"`
				Notes         *string     `json:"notes"`
				OriginNodeURI caseLinkOut `json:"originNodeURI"`
			} `json:"CFAssociations"`
		}
		if err := json.Unmarshal(out, &pkg); err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, a := range pkg.CFAssociations {
			switch a.Identifier {
			case "x4":
				found++
				if a.OriginNodeURI != (caseLinkOut{Title: "Old 1.2", Identifier: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", URI: "https://old.example/ims/case/v1p0/CFItems/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"}) {
					t.Errorf("x4 origin = %+v", a.OriginNodeURI)
				}
				if a.Notes == nil || *a.Notes != "The 2019 item came first." {
					t.Errorf("x4 notes = %v", a.Notes)
				}
			case "x5":
				found++
				if a.OriginNodeURI != (caseLinkOut{Title: "Retired standard", Identifier: "https://old.example/standards/7", URI: "https://old.example/standards/7"}) {
					t.Errorf("x5 origin = %+v", a.OriginNodeURI)
				}
			case "x7":
				found++
				if a.OriginNodeURI.Identifier != "7d0b4a52-5f37-4d63-a8a9-0c1d2e3f4a5b" {
					t.Errorf("x7 origin = %+v", a.OriginNodeURI)
				}
				if a.Notes != nil {
					t.Errorf("x7 has notes %q; an association without notes is written without them", *a.Notes)
				}
			}
		}
		if found != 3 {
			t.Errorf("found %d of the 3 associations from outside in the export:\n%s", found, out)
		}
		back, problems := ReadCASE(bytes.NewReader(out))
		if len(problems) > 0 {
			t.Fatalf("re-import: %v\n%s", Problems(problems), out)
		}
		sameFramework(t, f, back)
		if again := caseBytes(t, back, base); !bytes.Equal(again, out) {
			t.Errorf("second export differs from the first")
		}
	}
}

// The tree must be whole: an isChildOf with an outside end still fails, naming it, while the
// same ends with another type are kept.
func TestReadCASEChildOfFromOutsideFailsOthersKept(t *testing.T) {
	assoc := `{"identifier": "bad", "associationType": "%s", "originNodeURI": {"identifier": "ghost-item", "uri": "https://elsewhere/CFItems/ghost-item"}, "destinationNodeURI": {"identifier": "A"}}`
	f, problems := ReadCASE(strings.NewReader(pkgJSON("", fmt.Sprintf(assoc, "isChildOf"))))
	if f != nil {
		t.Fatal("an isChildOf from outside the package was accepted")
	}
	wantProblem(t, problems, 10, "CFAssociations[3].originNodeURI", `isChildOf origin "ghost-item" is not a CFItem in this package`)
	for _, typ := range []string{"precedes", "replacedBy", "isPartOf", "hasSkillLevel", "exemplar", "exactMatchOf", "isPeerOf", "isTranslationOf", "madeUpType"} {
		f, problems := ReadCASE(strings.NewReader(pkgJSON("", fmt.Sprintf(assoc, typ))))
		if len(problems) > 0 {
			t.Fatalf("%s from outside: %v", typ, Problems(problems))
		}
		want := framework.Relation{Type: typ, FromURI: "https://elsewhere/CFItems/ghost-item", To: "A", Identifier: "bad"}
		if len(f.Relations) != 1 || f.Relations[0] != want {
			t.Errorf("%s: relations = %+v", typ, f.Relations)
		}
	}
}

func TestReadCASEKeys(t *testing.T) {
	data := `{"CFDocument": {"identifier": "d", "title": "Keys"},
	"CFItems": [
		{"identifier": "i1", "fullStatement": "1", "humanCodingScheme": "DUP"},
		{"identifier": "i2", "fullStatement": "2", "humanCodingScheme": "DUP"},
		{"identifier": "i3", "fullStatement": "3", "humanCodingScheme": "has space"},
		{"identifier": "https://s.example/CFItems/i4", "fullStatement": "4"},
		{"identifier": "i5", "fullStatement": "", "abbreviatedStatement": "", "humanCodingScheme": "OK.5"}
	],
	"CFAssociations": []}`
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	var keys []string
	for _, n := range f.Nodes {
		keys = append(keys, n.Key)
	}
	// Items without isChildOf come at the top level.
	// Codes used twice or with a space give way to identifiers; an identifier that is a URL
	// gives way to a key made from its hash. Items without isChildOf come at the top level,
	// ordered by code.
	if got := strings.Join(keys, " "); !regexp.MustCompile(`^item-[0-9a-f]{12} i1 i2 OK\.5 i3$`).MatchString(got) {
		t.Errorf("keys = %s", got)
	}
	if n := f.Node("OK.5"); n.Title != "OK.5" {
		t.Errorf("an item without statements is titled by its code: %+v", n)
	}
}

func TestReadCASEDocumentMapping(t *testing.T) {
	data := `{"CFDocument": {"identifier": "d", "title": "Mapped", "creator": "Maker", "version": "3.2", "language": "en",
		"description": "About it.", "notes": "Some notes.", "adoptionStatus": "Adopted", "officialSourceURL": "https://example.org/fw",
		"licenseURI": {"title": "CC BY 4.0", "identifier": "lic", "uri": "https://s/CFLicenses/lic"}},
	"CFDefinitions": {"CFLicenses": [{"identifier": "lic", "title": "CC BY 4.0", "licenseText": "Creative Commons Attribution 4.0"}]},
	"CFItems": [], "CFAssociations": []}`
	f, problems := ReadCASE(strings.NewReader(data))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	want := &framework.Framework{Key: "mapped", Title: "Mapped", Version: "3.2", Kind: framework.KindCompetence, Status: framework.StatusPublished,
		Publisher: "Maker", Source: "https://example.org/fw", Licence: "Creative Commons Attribution 4.0",
		Description: "About it.\n\nSome notes.", Language: "en", Identifier: "d"}
	sameFramework(t, want, f)
	back, problems := ReadCASE(bytes.NewReader(caseBytes(t, f, "")))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	sameFramework(t, f, back)
}

// A description that only repeats the title is dropped: CASE has one statement for both.
func TestCASEDescriptionEqualToTitle(t *testing.T) {
	f := &framework.Framework{Key: "d", Title: "D", Version: "1", Kind: framework.KindCompetence, Nodes: []framework.Node{
		{Key: "n", Type: "item", Title: "Same words", Description: "Same words"},
	}}
	back, problems := ReadCASE(bytes.NewReader(caseBytes(t, f, "")))
	if len(problems) > 0 {
		t.Fatal(Problems(problems))
	}
	if n := back.Node("n"); n.Title != "Same words" || n.Description != "" {
		t.Errorf("node = %+v", n)
	}
}

func TestDeriveTitle(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for in, want := range map[string]string{
		"Short":                     "Short",
		"  spaced   out \t text  ":  "spaced out text",
		"\n\nFirst line\nsecond":    "First line",
		"":                          "",
		long:                        strings.TrimSpace(strings.Repeat("word ", 19)) + "…",
		strings.Repeat("x", 150):    strings.Repeat("x", 99) + "…",
		"Item \U0001D451 1\r\nnext": "Item \U0001D451 1",
	} {
		if got := deriveTitle(in); got != want {
			t.Errorf("deriveTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"L1.2", "L1.10", -1}, {"L1.10", "L1.9", 1}, {"a", "a", 0}, {"a01", "a1", 0}, {"", "a", -1}, {"B", "a", -1}, {"x2y", "x2z", -1},
	} {
		if got := naturalCompare(tc.a, tc.b); got != tc.want {
			t.Errorf("naturalCompare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
