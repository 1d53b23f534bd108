package transfer

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/framework"
)

func init() {
	// Exports carry the time they were made; tests want the same bytes every run.
	caseNow = func() time.Time { return time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC) }
}

func intp(i int) *int { return &i }

// richFramework uses every part of the model, to prove that formats keep what they claim to.
func richFramework() *framework.Framework {
	return &framework.Framework{
		Key: "test-framework", Title: "Test Framework: everything", Version: "2.0", Kind: framework.KindProfile,
		Status: framework.StatusSuperseded, Publisher: "NHS Example Trust",
		Source:      "Written for the tests from nothing in particular",
		Licence:     "Open Government Licence v3.0\nReuse with attribution.",
		Description: "A framework with *Markdown*, <b>HTML</b>, and a formula-looking =SUM(A1) inside.",
		Language:    "en-GB", Provisional: true,
		Levels: []framework.Level{
			{Key: "awareness", Rank: 1, Title: "Awareness", Description: "Knows whom to ask.", Examples: "Volunteer"},
			{Key: "core", Rank: 2, Title: "Core", Provisional: true},
		},
		Rules: &framework.Rules{ProfileNodeType: "element", Total: 100, MinShare: 1, MinShareProvisional: true},
		Nodes: []framework.Node{
			{Key: "domain-a", Type: "domain", Title: "Domain A", Description: "The first domain.", Children: []framework.Node{
				{Key: "a1", Type: "element", Title: "=cmd|' /C calc'!A0", Code: "A1", Notes: "-starts with a minus", Provisional: true,
					Examples: []string{"one | with pipe", `back\slash`, "+plus"}, References: []string{"https://example.org/ref"}},
				{Key: "a2", Type: "element", Title: "Element A2", Description: "Line one\nLine two\n\n- bullet", Sequence: intp(7),
					Identifier: "https://case.example.org/uri/a2", Language: "cy"},
				{Key: "a3", Type: "element", Title: "Element A3 with a long title that goes on and on well past the point where a title derived from a statement would be cut", Sequence: intp(3)},
			}},
			{Key: "domain-b", Type: "domain", Title: "Domain B", Code: "B", Identifier: "0b8c3b4e-1f2a-4c5d-8e9f-0a1b2c3d4e5f", Children: []framework.Node{
				{Key: "b1", Type: "element", Title: "Element B1", Description: "Element B1, described."},
				{Key: "b2", Type: "element", Title: "@mention", Notes: "\ttab first"},
			}},
		},
		Crosswalk: &framework.Crosswalk{FromVersion: "1.0", LevelRule: framework.LevelRuleLargestShare, Mappings: []framework.Mapping{
			{From: "old-a", To: []framework.Target{{Node: "a1", Weight: 0.25}, {Node: "a2", Weight: 0.75}}},
			{From: "old-b", To: []framework.Target{{Node: "b1", Weight: 1}}},
		}},
		Relations: []framework.Relation{
			{Type: "isRelatedTo", From: "a1", To: "b1", Sequence: intp(2)},
			{Type: "exactMatchOf", From: "a2", ToURI: "https://other.example.org/ims/case/v1p0/CFItems/4f1c2b9e-8d7a-4e6b-9c5d-3a2b1c0d9e8f", ToTitle: "Other framework's item"},
			{Type: "hasSkillLevel", From: "b2", ToURI: "https://example.org/levels/advanced", Identifier: "kept-identifier-1"},
			{Type: "isRelatedTo", From: "a1", To: "b1"},
			{Type: "precedes", FromURI: "https://other.example.org/ims/case/v1p0/CFItems/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", FromTitle: "Older framework's item",
				To: "a3", Notes: "Carried over from version 1."},
			{Type: "replacedBy", FromURI: "https://example.org/retired-standard", To: "b1", Identifier: "kept-identifier-2", Sequence: intp(1),
				Notes: "=looks like a formula\nsecond line"},
		},
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readCASEFile(t *testing.T, path string) *framework.Framework {
	t.Helper()
	f, problems := ReadCASE(bytes.NewReader(mustRead(t, path)))
	if len(problems) > 0 {
		t.Fatalf("%s: %v", path, Problems(problems))
	}
	return f
}

func caseBytes(t *testing.T, f *framework.Framework, base string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCASE(&buf, f, base); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameFramework fails with the first difference, in JSON, when two frameworks differ.
func sameFramework(t *testing.T, want, got *framework.Framework) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			lo := max(0, i-6)
			t.Fatalf("frameworks differ at JSON line %d:\nwant: %s\ngot:  %s\ncontext (want):\n%s", i+1, wl[i], gl[i], strings.Join(wl[lo:min(len(wl), i+4)], "\n"))
		}
	}
	if string(w) == string(g) {
		t.Fatalf("frameworks differ in a way JSON does not show (nil against empty?):\nwant %#v\ngot  %#v", want, got)
	}
	t.Fatalf("frameworks differ in length: want %d JSON lines, got %d", len(wl), len(gl))
}

// parentsOf maps every node key to its parent key and its index among its siblings.
func parentsOf(f *framework.Framework) map[string]struct {
	parent string
	index  int
} {
	out := map[string]struct {
		parent string
		index  int
	}{}
	var walk func(nodes []framework.Node, parent string)
	walk = func(nodes []framework.Node, parent string) {
		for i := range nodes {
			out[nodes[i].Key] = struct {
				parent string
				index  int
			}{parent, i}
			walk(nodes[i].Children, nodes[i].Key)
		}
	}
	walk(f.Nodes, "")
	return out
}

func nodeByIdentifier(f *framework.Framework, id string) *framework.Node {
	var found *framework.Node
	f.Walk(func(n *framework.Node, _ string, _ int) bool {
		if n.Identifier == id {
			found = n
			return false
		}
		return true
	})
	return found
}

func wantProblem(t *testing.T, problems []Problem, line int, field, reasonPart string) {
	t.Helper()
	for _, p := range problems {
		if p.Line == line && p.Field == field && strings.Contains(p.Reason, reasonPart) {
			return
		}
	}
	t.Errorf("no problem {line %d, field %q, reason containing %q} in:\n%v", line, field, reasonPart, Problems(problems))
}
