package framework

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// demo is a small valid profile framework: version 2 of "demo", with a crosswalk from version 1
// (see demoV1) and three relations: one inside the framework, one to an outside page and one
// from an outside item.
func demo() *Framework {
	return &Framework{
		Key: "demo", Title: "Demo framework", Version: "2", Kind: KindProfile,
		Levels: []Level{
			{Key: "core", Rank: 1, Title: "Core"},
			{Key: "advanced", Rank: 2, Title: "Advanced"},
		},
		Rules: &Rules{ProfileNodeType: "element", Total: 100, MinShare: 1},
		Nodes: []Node{
			{Key: "d1", Type: "domain", Title: "Domain one", Children: []Node{
				{Key: "e1", Type: "element", Title: "Element one"},
				{Key: "e2", Type: "element", Title: "Element two"},
			}},
			{Key: "d2", Type: "domain", Title: "Domain two", Children: []Node{
				{Key: "e3", Type: "element", Title: "Element three"},
			}},
		},
		Crosswalk: &Crosswalk{FromVersion: "1", LevelRule: LevelRuleLargestShare, Mappings: []Mapping{
			{From: "old-a", To: []Target{{Node: "e1", Weight: 1}}},
			{From: "old-b", To: []Target{{Node: "e2", Weight: 0.5}, {Node: "e3", Weight: 0.5}}},
		}},
		Relations: []Relation{
			{Type: "isRelatedTo", From: "e1", To: "e2"},
			{Type: "exactMatchOf", From: "e3", ToURI: "https://example.org/x", ToTitle: "X"},
			{Type: "precedes", FromURI: "https://example.org/older", FromTitle: "Older", To: "e2", Notes: "Replaced in 2024."},
		},
	}
}

// demoV1 is the earlier version that demo's crosswalk maps from.
func demoV1() *Framework {
	return &Framework{
		Key: "demo", Title: "Demo framework", Version: "1", Kind: KindProfile,
		Rules: &Rules{ProfileNodeType: "element", Total: 100, MinShare: 1},
		Nodes: []Node{
			{Key: "od", Type: "domain", Title: "Old domain", Children: []Node{
				{Key: "old-a", Type: "element", Title: "Old A"},
				{Key: "old-b", Type: "element", Title: "Old B"},
			}},
		},
	}
}

func TestDemoIsValid(t *testing.T) {
	if ps := Validate(demo()); len(ps) != 0 {
		t.Fatalf("demo framework has problems: %v", ps)
	}
	if ps := Validate(demoV1()); len(ps) != 0 {
		t.Fatalf("demo v1 has problems: %v", ps)
	}
	if ps := ValidateCrosswalk(demoV1(), demo()); len(ps) != 0 {
		t.Fatalf("demo crosswalk has problems: %v", ps)
	}
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name    string
		change  func(f *Framework)
		path    string
		mention string // the reason must contain this (the key or value at fault)
	}{
		// Metadata.
		{"no key", func(f *Framework) { f.Key = "" }, "key", "no key"},
		{"key with capitals and space", func(f *Framework) { f.Key = "Demo Two" }, "key", `"Demo Two"`},
		{"key suggests a slug", func(f *Framework) { f.Key = "Demo Two" }, "key", `"demo-two"`},
		{"key with underscore", func(f *Framework) { f.Key = "demo_two" }, "key", `"demo_two"`},
		{"key ending in hyphen", func(f *Framework) { f.Key = "demo-" }, "key", `"demo-"`},
		{"key too long", func(f *Framework) { f.Key = strings.Repeat("a", 65) }, "key", "at most 64"},
		{"no title", func(f *Framework) { f.Title = " " }, "title", `"demo"`},
		{"no version", func(f *Framework) { f.Version = ""; f.Crosswalk = nil }, "version", `"demo"`},
		{"no kind", func(f *Framework) { f.Kind = "" }, "kind", `"demo" has no kind`},
		{"unknown kind", func(f *Framework) { f.Kind = "profiles" }, "kind", `"profiles"`},
		{"unknown status", func(f *Framework) { f.Status = "live" }, "status", `"live"`},

		// Levels.
		{"levels framework without levels", func(f *Framework) { f.Kind = KindLevels; f.Levels = nil }, "levels", `"demo"`},
		{"level without key", func(f *Framework) { f.Levels[1].Key = "" }, "levels[1].key", `"Advanced"`},
		{"duplicate level key", func(f *Framework) { f.Levels[1].Key = "core" }, "levels[1].key", `"core" is used twice (first at levels[0])`},
		{"level rank 0", func(f *Framework) { f.Levels[0].Rank = 0 }, "levels[0].rank", `level "core" has rank 0`},
		{"negative level rank", func(f *Framework) { f.Levels[1].Rank = -2 }, "levels[1].rank", `"advanced"`},
		{"duplicate level rank", func(f *Framework) { f.Levels[1].Rank = 1 }, "levels[1].rank", `level "advanced" and level "core" both have rank 1`},
		{"level without title", func(f *Framework) { f.Levels[0].Title = "" }, "levels[0].title", `"core"`},

		// Rules.
		{"profile without rules", func(f *Framework) { f.Rules = nil }, "rules", `"demo" is a profile framework`},
		{"no profile node type", func(f *Framework) { f.Rules.ProfileNodeType = "" }, "rules.profile_node_type", `"demo"`},
		{"profile node type with no nodes", func(f *Framework) { f.Rules.ProfileNodeType = "elemnt" }, "rules.profile_node_type", `"elemnt"`},
		{"zero total", func(f *Framework) { f.Rules.Total = 0 }, "rules.total", "it is 0"},
		{"negative minimum", func(f *Framework) { f.Rules.MinShare = -1 }, "rules.min_share", "it is -1"},
		{"impossible minimum", func(f *Framework) { f.Rules.MinShare = 34 }, "rules.min_share",
			"a minimum share of 34% for each of 3 elements makes a total of 100% impossible"},
		{"impossible minimum of priorities", func(f *Framework) {
			f.Rules.ProfileNodeType = "priority"
			f.Nodes[0].Children[0].Type, f.Nodes[0].Children[1].Type, f.Nodes[1].Children[0].Type = "priority", "priority", "priority"
			f.Rules.MinShare = 50
		}, "rules.min_share", "for each of 3 priorities"},

		// Nodes.
		{"node without key", func(f *Framework) {
			f.Nodes[0].Children[1].Key = ""
			f.Crosswalk.Mappings[1].To[0].Node = "e1"
			f.Relations[0].To = "e3"
			f.Relations[2].To = "e1"
		},
			"nodes[0].children[1].key", `the node titled "Element two" has no key`},
		{"node key with spaces around", func(f *Framework) { f.Nodes[1].Key = " d2" }, "nodes[1].key", `" d2"`},
		{"duplicate node key", func(f *Framework) {
			f.Nodes[1].Children[0].Key = "e1"
			f.Crosswalk.Mappings[1].To[1].Node = "e2"
			f.Crosswalk.Mappings[1].To = f.Crosswalk.Mappings[1].To[:1]
			f.Crosswalk.Mappings[1].To[0].Weight = 1
			f.Relations[1].From = "e1"
		},
			"nodes[1].children[0].key", `"e1" is used twice: first at nodes[0].children[0]`},
		{"duplicate of a domain key", func(f *Framework) { f.Nodes[1].Key = "d1" }, "nodes[1].key", `"d1" is used twice: first at nodes[0] ("Domain one")`},
		{"node without type", func(f *Framework) { f.Nodes[1].Children[0].Type = ""; f.Rules.MinShare = 1 }, "nodes[1].children[0].type", `node "e3"`},
		{"node without title", func(f *Framework) { f.Nodes[0].Title = "" }, "nodes[0].title", `node "d1"`},
		{"node without anything", func(f *Framework) {
			f.Nodes = append(f.Nodes, Node{Key: "d3", Type: "domain", Title: "D3", Children: []Node{{Key: "x", Type: "t"}}})
		},
			"nodes[2].children[0].title", `node "x"`},

		// Crosswalk.
		{"crosswalk without from_version", func(f *Framework) { f.Crosswalk.FromVersion = "" }, "crosswalk.from_version", `"demo"`},
		{"crosswalk from its own version", func(f *Framework) { f.Crosswalk.FromVersion = "2" }, "crosswalk.from_version", `version "2"`},
		{"unknown level rule", func(f *Framework) { f.Crosswalk.LevelRule = "biggest" }, "crosswalk.level_rule", `"biggest"`},
		{"crosswalk without mappings", func(f *Framework) { f.Crosswalk.Mappings = nil }, "crosswalk.mappings", "version 1"},
		{"mapping without from", func(f *Framework) { f.Crosswalk.Mappings[1].From = "" }, "crosswalk.mappings[1].from", "mapping 2"},
		{"from mapped twice", func(f *Framework) { f.Crosswalk.Mappings[1].From = "old-a" }, "crosswalk.mappings[1].from", `"old-a" is mapped twice (first at crosswalk.mappings[0])`},
		{"mapped to nothing", func(f *Framework) { f.Crosswalk.Mappings[0].To = nil }, "crosswalk.mappings[0].to", `"old-a" is mapped to nothing`},
		{"target without node", func(f *Framework) { f.Crosswalk.Mappings[0].To[0].Node = "" }, "crosswalk.mappings[0].to[0].node", `"old-a"`},
		{"target not in this version", func(f *Framework) { f.Crosswalk.Mappings[1].To[1].Node = "e9" }, "crosswalk.mappings[1].to[1].node", `"old-b" is mapped to "e9", which is not a node of version 2`},
		{"target twice", func(f *Framework) { f.Crosswalk.Mappings[1].To[1].Node = "e2" }, "crosswalk.mappings[1].to[1].node", `"old-b" is mapped to "e2" twice`},
		{"zero weight", func(f *Framework) { f.Crosswalk.Mappings[0].To[0].Weight = 0 }, "crosswalk.mappings[0].to[0].weight", `from "old-a" to "e1"`},
		{"negative weight", func(f *Framework) {
			f.Crosswalk.Mappings[1].To[0].Weight = -0.5
			f.Crosswalk.Mappings[1].To[1].Weight = 1.5
		}, "crosswalk.mappings[1].to[0].weight", `"old-b"`},
		{"weight not a number", func(f *Framework) { f.Crosswalk.Mappings[0].To[0].Weight = math.NaN() }, "crosswalk.mappings[0].to[0].weight", `"old-a"`},
		{"infinite weight", func(f *Framework) { f.Crosswalk.Mappings[0].To[0].Weight = math.Inf(1) }, "crosswalk.mappings[0].to[0].weight", `"old-a"`},
		{"weights short of 1", func(f *Framework) { f.Crosswalk.Mappings[1].To[1].Weight = 0.4 }, "crosswalk.mappings[1].to", `the weights for "old-b" add up to 0.9, not 1`},
		{"weights over 1", func(f *Framework) { f.Crosswalk.Mappings[0].To[0].Weight = 1.25 }, "crosswalk.mappings[0].to", `"old-a" add up to 1.25`},

		// Relations.
		{"relation without type", func(f *Framework) { f.Relations[0].Type = "" }, "relations[0].type", `relation 1 from "e1"`},
		{"relation without origin", func(f *Framework) { f.Relations[1].From = "" }, "relations[1].from", "relation 2"},
		{"relation from an unknown node", func(f *Framework) { f.Relations[0].From = "e7" }, "relations[0].from", `"e7"`},
		{"relation to an unknown node", func(f *Framework) { f.Relations[0].To = "e8" }, "relations[0].to", `"e8"`},
		{"relation to nowhere", func(f *Framework) { f.Relations[1].ToURI = "" }, "relations[1].to", `relation 2 from "e3" points nowhere`},
		{"relation from nowhere", func(f *Framework) { f.Relations[2].FromURI = "" }, "relations[2].from", "relation 3 does not say where it starts"},
		{"relation from blank text", func(f *Framework) { f.Relations[2].FromURI = "  " }, "relations[2].from", "give from (the key of a node in this framework) or from_uri"},
		{"relation with both from and from_uri", func(f *Framework) { f.Relations[0].FromURI = "https://example.org/y" }, "relations[0].from_uri",
			`relation 1 from "e1" gives both from ("e1") and from_uri ("https://example.org/y")`},
		{"relation with both to and to_uri", func(f *Framework) { f.Relations[0].ToURI = "https://example.org" }, "relations[0].to_uri",
			`gives both to ("e2") and to_uri ("https://example.org")`},
		{"relation with both ends outside", func(f *Framework) { f.Relations[2].To = ""; f.Relations[2].ToURI = "https://example.org/newer" }, "relations[2].from_uri",
			`relation 3 from "https://example.org/older" goes from "https://example.org/older" to "https://example.org/newer", both outside this framework`},
		{"relation from outside to an unknown node", func(f *Framework) { f.Relations[2].To = "e9" }, "relations[2].to",
			`relation 3 from "https://example.org/older" points to "e9", which is not a node`},
		{"relation from outside without type", func(f *Framework) { f.Relations[2].Type = "" }, "relations[2].type", `relation 3 from "https://example.org/older" has no type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := demo()
			tt.change(f)
			ps := Validate(f)
			if len(ps) != 1 {
				t.Fatalf("want exactly one problem at %s, got %d:\n%s", tt.path, len(ps), list(ps))
			}
			if ps[0].Path != tt.path {
				t.Errorf("path = %q, want %q (%s)", ps[0].Path, tt.path, ps[0].Reason)
			}
			if !strings.Contains(ps[0].Reason, tt.mention) {
				t.Errorf("reason %q does not mention %q", ps[0].Reason, tt.mention)
			}
			if ps[0].File != "" {
				t.Errorf("Validate filled File: %q", ps[0].File)
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *Framework)
	}{
		{"empty status means published", func(f *Framework) { f.Status = "" }},
		{"every status", func(f *Framework) { f.Status = StatusRetired }},
		{"every kind", func(f *Framework) { f.Kind = KindMethod }},
		{"thirds add up to 1 within rounding", func(f *Framework) {
			f.Crosswalk.Mappings[1].To = []Target{{Node: "e1", Weight: 1.0 / 3}, {Node: "e2", Weight: 1.0 / 3}, {Node: "e3", Weight: 1.0 / 3}}
		}},
		{"empty level rule", func(f *Framework) { f.Crosswalk.LevelRule = "" }},
		{"minimum exactly possible", func(f *Framework) { f.Rules.Total = 3; f.Rules.MinShare = 1 }},
		{"zero minimum", func(f *Framework) { f.Rules.MinShare = 0 }},
		{"no crosswalk, no relations, no levels", func(f *Framework) { f.Crosswalk = nil; f.Relations = nil; f.Levels = nil }},
		{"a checklist without rules or nodes", func(f *Framework) {
			f.Kind = KindChecklist
			f.Rules, f.Nodes, f.Crosswalk, f.Relations = nil, nil, nil, nil
		}},
		{"relation from outside to a node, with notes", func(f *Framework) {
			f.Relations = append(f.Relations, Relation{Type: "replacedBy", FromURI: "urn:uuid:4f1c2b9e-8d7a-4e6b-9c5d-3a2b1c0d9e8f", To: "e1", Notes: "See the 2025 review."})
		}},
		{"relation from outside without a title", func(f *Framework) { f.Relations[2].FromTitle = "" }},
		{"relation from a node to outside", func(f *Framework) {
			f.Relations[2] = Relation{Type: "exemplar", From: "e2", ToURI: "https://example.org/case-study"}
		}},
		{"digits in a key", func(f *Framework) { f.Key = "ksf-2010" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := demo()
			tt.change(f)
			if ps := Validate(f); len(ps) != 0 {
				t.Fatalf("want no problems, got:\n%s", list(ps))
			}
		})
	}
}

func TestValidateNil(t *testing.T) {
	if ps := Validate(nil); len(ps) != 1 {
		t.Fatalf("Validate(nil) = %v", ps)
	}
}

func list(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

func paths(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Path
	}
	return out
}

const manyFaults = `key: My Framework
title: ""
version: "3"
kind: profiles
status: live
levels:
  - {key: core, rank: 1, title: Core}
  - {key: core, rank: 1, title: ""}
rules: {profile_node_type: element, total: 100, min_share: 60}
nodes:
  - key: d1
    type: domain
    title: Domain one
    children:
      - {key: e1, type: element, title: One}
      - {key: e1, type: element, title: One again}
      - {key: "", type: "", title: ""}
crosswalk:
  from_version: "3"
  level_rule: smallest
  mappings:
    - from: a
      to: [{node: e1, weight: 0.5}, {node: nowhere, weight: 0.25}]
    - from: a
      to: []
relations:
  - {type: "", from: ghost, to: phantom}
`

func TestLoadReportsEveryProblem(t *testing.T) {
	f, ps := Load([]byte(manyFaults), "faults.yaml")
	if f == nil {
		t.Fatal("Load returned no framework for a readable file")
	}
	want := []string{
		"key", "title", "kind", "status",
		"levels[1].key", "levels[1].title", "levels[1].rank",
		"rules.min_share",
		"nodes[0].children[1].key", "nodes[0].children[2].key", "nodes[0].children[2].type", "nodes[0].children[2].title",
		"crosswalk.from_version", "crosswalk.level_rule",
		"crosswalk.mappings[0].to[1].node", "crosswalk.mappings[0].to",
		"crosswalk.mappings[1].from", "crosswalk.mappings[1].to",
		"relations[0].type", "relations[0].from", "relations[0].to",
	}
	if got := paths(ps); !slices.Equal(got, want) {
		t.Errorf("problem paths:\n got %q\nwant %q\n%s", got, want, list(ps))
	}
	for _, p := range ps {
		if p.File != "faults.yaml" {
			t.Errorf("problem without its file: %v", p)
		}
		if !strings.HasPrefix(p.String(), "faults.yaml: "+p.Path+": ") {
			t.Errorf("String() = %q", p.String())
		}
	}
	// The impossible minimum counts the two elements named e1 and the one without a type
	// is not an element: 60% x 2 > 100%.
	if !strings.Contains(list(ps), "a minimum share of 60% for each of 2 elements makes a total of 100% impossible") {
		t.Errorf("no impossible-minimum message in\n%s", list(ps))
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	f, ps := Load([]byte("key: demo\ntitle: [unclosed\n"), "broken.yaml")
	if f != nil {
		t.Errorf("Load returned a framework for a broken file")
	}
	if len(ps) == 0 || ps[0].File != "broken.yaml" || !strings.HasPrefix(ps[0].Path, "line ") {
		t.Fatalf("problems = %v", ps)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{"a.yaml", "nodes[0].key", "no key"}, "a.yaml: nodes[0].key: no key"},
		{Problem{"", "nodes[0].key", "no key"}, "nodes[0].key: no key"},
		{Problem{"a.yaml", "", "empty"}, "a.yaml: empty"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestValidateCrosswalk(t *testing.T) {
	tests := []struct {
		name    string
		change  func(earlier, later *Framework)
		path    string
		mention string
	}{
		{"mapped node missing from the earlier version", func(e, _ *Framework) {
			e.Nodes[0].Children[1] = Node{Key: "note", Type: "note", Title: "Not an element"}
		},
			"crosswalk.mappings[1].from", `"old-b" is not a node of version 1`},
		{"element of the earlier version not mapped", func(e, _ *Framework) {
			e.Nodes[0].Children = append(e.Nodes[0].Children, Node{Key: "old-c", Type: "element", Title: "Old C"})
		}, "crosswalk.mappings", `element "old-c" ("Old C") of version 1 is not mapped`},
		{"other framework", func(e, _ *Framework) { e.Key = "other" }, "crosswalk", `cannot map from "other"`},
		{"other version", func(e, _ *Framework) { e.Version = "1.5" }, "crosswalk.from_version", `version "1.5"`},
		{"share of an element sent to a domain", func(_, l *Framework) { l.Crosswalk.Mappings[0].To[0].Node = "d1" },
			"crosswalk.mappings[0].to[0].node", `the share of element "old-a" can only go to a node of type "element", but "d1" is of type "domain"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			earlier, later := demoV1(), demo()
			tt.change(earlier, later)
			ps := ValidateCrosswalk(earlier, later)
			if len(ps) != 1 {
				t.Fatalf("want one problem at %s, got:\n%s", tt.path, list(ps))
			}
			if ps[0].Path != tt.path || !strings.Contains(ps[0].Reason, tt.mention) {
				t.Errorf("got %v, want path %q mentioning %q", ps[0], tt.path, tt.mention)
			}
		})
	}
	t.Run("no crosswalk", func(t *testing.T) {
		later := demo()
		later.Crosswalk = nil
		if ps := ValidateCrosswalk(demoV1(), later); ps != nil {
			t.Errorf("got %v", ps)
		}
	})
	t.Run("domains may map to domains", func(t *testing.T) {
		earlier, later := demoV1(), demo()
		later.Crosswalk.Mappings = append(later.Crosswalk.Mappings, Mapping{From: "od", To: []Target{{Node: "d1", Weight: 1}}})
		if ps := ValidateCrosswalk(earlier, later); len(ps) != 0 {
			t.Errorf("got %v", ps)
		}
	})
}

// TestDocumentationExampleIsValid keeps the example of docs/frameworks.md a valid file.
func TestDocumentationExampleIsValid(t *testing.T) {
	doc, err := os.ReadFile("../../docs/frameworks.md")
	if err != nil {
		t.Skipf("no documentation beside the code: %v", err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/frameworks.md has no YAML example")
	}
	f, ps := Load([]byte(example), "docs/frameworks.md")
	if f == nil || len(ps) > 0 {
		t.Fatalf("the documented example has problems:\n%s", list(ps))
	}
	roundTrip(t, f)
}
