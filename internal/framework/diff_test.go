package framework

import (
	"encoding/json"
	"reflect"
	"testing"
)

func node(key, typ, title string, children ...Node) Node {
	return Node{Key: key, Type: typ, Title: title, Children: children}
}

func version(v string, nodes ...Node) *Framework {
	return &Framework{Key: "demo", Title: "Demo", Version: v, Kind: KindProfile, Nodes: nodes}
}

func withCrosswalk(f *Framework, from string, mappings ...Mapping) *Framework {
	f.Crosswalk = &Crosswalk{FromVersion: from, Mappings: mappings}
	return f
}

func to(key string, weight float64) Target { return Target{Node: key, Weight: weight} }

func TestDiff(t *testing.T) {
	base := func() *Framework {
		return version("1",
			node("d1", "domain", "Domain one", node("e1", "element", "Element one"), node("e2", "element", "Element two")),
			node("d2", "domain", "Domain two", node("e3", "element", "Element three")),
		)
	}
	tests := []struct {
		name     string
		old, new *Framework
		want     VersionDiff
	}{
		{"nothing changed", base(), func() *Framework { f := base(); f.Version = "2"; return f }(),
			VersionDiff{}},
		{"a node added, in tree order", base(), func() *Framework {
			f := base()
			f.Nodes[1].Children = append(f.Nodes[1].Children, node("e4", "element", "Element four"))
			f.Nodes = append([]Node{node("d0", "domain", "Domain zero")}, f.Nodes...)
			return f
		}(), VersionDiff{Added: []NodeChange{
			{NewKey: "d0", Type: "domain", NewTitle: "Domain zero"},
			{NewKey: "e4", Type: "element", NewTitle: "Element four", NewParentKey: "d2", NewParent: "Domain two"},
		}}},
		{"a node removed", base(), func() *Framework { f := base(); f.Nodes[0].Children = f.Nodes[0].Children[1:]; return f }(),
			VersionDiff{Removed: []NodeChange{{OldKey: "e1", Type: "element", OldTitle: "Element one", OldParentKey: "d1", OldParent: "Domain one"}}}},
		{"a node renamed", base(), func() *Framework { f := base(); f.Nodes[1].Children[0].Title = "Element 3"; return f }(),
			VersionDiff{Renamed: []NodeChange{{OldKey: "e3", NewKey: "e3", Type: "element", OldTitle: "Element three", NewTitle: "Element 3",
				OldParentKey: "d2", NewParentKey: "d2", OldParent: "Domain two", NewParent: "Domain two"}}}},
		{"a node moved", base(), func() *Framework {
			f := base()
			e2 := f.Nodes[0].Children[1]
			f.Nodes[0].Children = f.Nodes[0].Children[:1]
			f.Nodes[1].Children = append(f.Nodes[1].Children, e2)
			return f
		}(), VersionDiff{Moved: []NodeChange{{OldKey: "e2", NewKey: "e2", Type: "element", OldTitle: "Element two", NewTitle: "Element two",
			OldParentKey: "d1", NewParentKey: "d2", OldParent: "Domain one", NewParent: "Domain two"}}}},
		{"a node moved to the top", base(), func() *Framework {
			f := base()
			f.Nodes = append(f.Nodes, f.Nodes[1].Children[0])
			f.Nodes[1].Children = nil
			return f
		}(), VersionDiff{Moved: []NodeChange{{OldKey: "e3", NewKey: "e3", Type: "element", OldTitle: "Element three", NewTitle: "Element three",
			OldParentKey: "d2", OldParent: "Domain two"}}}},
		{"fields changed", base(), func() *Framework {
			f := base()
			e := &f.Nodes[0].Children[0]
			e.Description, e.Provisional, e.Type = "What it is", true, "competence"
			return f
		}(), VersionDiff{Changed: []NodeChange{{OldKey: "e1", NewKey: "e1", Type: "competence", OldTitle: "Element one", NewTitle: "Element one",
			OldParentKey: "d1", NewParentKey: "d1", OldParent: "Domain one", NewParent: "Domain one",
			Fields: []FieldChange{{"type", "element", "competence"}, {"description", "", "What it is"}, {"provisional", "no", "yes"}}}}}},
		{"renamed and re-keyed through the crosswalk; a split is removed and added", version("1",
			node("od", "domain", "Old domain", node("old-a", "element", "Old A"), node("old-b", "element", "Old B")),
		), withCrosswalk(version("2",
			node("od", "domain", "Old domain", node("e1", "element", "Element one"), node("e2", "element", "Element two"), node("e3", "element", "Element three")),
		), "1",
			Mapping{From: "old-b", To: []Target{to("e2", 0.5), to("e3", 0.5)}},
			Mapping{From: "old-a", To: []Target{to("e1", 1)}},
		), VersionDiff{
			Added: []NodeChange{
				{NewKey: "e2", Type: "element", NewTitle: "Element two", NewParentKey: "od", NewParent: "Old domain"},
				{NewKey: "e3", Type: "element", NewTitle: "Element three", NewParentKey: "od", NewParent: "Old domain"},
			},
			Removed: []NodeChange{{OldKey: "old-b", Type: "element", OldTitle: "Old B", OldParentKey: "od", OldParent: "Old domain"}},
			Renamed: []NodeChange{{OldKey: "old-a", NewKey: "e1", Type: "element", OldTitle: "Old A", NewTitle: "Element one",
				OldParentKey: "od", NewParentKey: "od", OldParent: "Old domain", NewParent: "Old domain", ViaCrosswalk: true}},
			Crosswalk: []CrosswalkRow{ // in the old tree's order, not the crosswalk's
				{FromKey: "old-a", FromTitle: "Old A", To: []CrosswalkTarget{{"e1", "Element one", 1}}},
				{FromKey: "old-b", FromTitle: "Old B", To: []CrosswalkTarget{{"e2", "Element two", 0.5}, {"e3", "Element three", 0.5}}},
			},
		}},
		{"a key changed through the crosswalk, title kept; its children are not moved", version("1",
			node("od", "domain", "Domain", node("a", "element", "A")),
		), withCrosswalk(version("2",
			node("nd", "domain", "Domain", node("a", "element", "A")),
		), "1", Mapping{From: "od", To: []Target{to("nd", 1)}}, Mapping{From: "a", To: []Target{to("a", 1)}}),
			VersionDiff{
				Changed: []NodeChange{{OldKey: "od", NewKey: "nd", Type: "domain", OldTitle: "Domain", NewTitle: "Domain", ViaCrosswalk: true,
					Fields: []FieldChange{{"key", "od", "nd"}}}},
				Crosswalk: []CrosswalkRow{
					{FromKey: "od", FromTitle: "Domain", To: []CrosswalkTarget{{"nd", "Domain", 1}}},
					{FromKey: "a", FromTitle: "A", To: []CrosswalkTarget{{"a", "A", 1}}},
				},
			}},
		{"a merge is not a rename", version("1",
			node("a", "element", "A"), node("b", "element", "B"),
		), withCrosswalk(version("2", node("c", "element", "C")), "1",
			Mapping{From: "a", To: []Target{to("c", 1)}}, Mapping{From: "b", To: []Target{to("c", 1)}}),
			VersionDiff{
				Added:   []NodeChange{{NewKey: "c", Type: "element", NewTitle: "C"}},
				Removed: []NodeChange{{OldKey: "a", Type: "element", OldTitle: "A"}, {OldKey: "b", Type: "element", OldTitle: "B"}},
				Crosswalk: []CrosswalkRow{
					{FromKey: "a", FromTitle: "A", To: []CrosswalkTarget{{"c", "C", 1}}},
					{FromKey: "b", FromTitle: "B", To: []CrosswalkTarget{{"c", "C", 1}}},
				},
			}},
		{"a crosswalk from another version is ignored", version("1", node("a", "element", "A")),
			withCrosswalk(version("3", node("b", "element", "B")), "2", Mapping{From: "a", To: []Target{to("b", 1)}}),
			VersionDiff{
				Added:   []NodeChange{{NewKey: "b", Type: "element", NewTitle: "B"}},
				Removed: []NodeChange{{OldKey: "a", Type: "element", OldTitle: "A"}},
			}},
		{"level scale and rules", func() *Framework {
			f := base()
			f.Levels = []Level{{Key: "low", Rank: 1, Title: "Low"}, {Key: "mid", Rank: 2, Title: "Middle"}, {Key: "top", Rank: 3, Title: "Top"}}
			f.Rules = &Rules{ProfileNodeType: "element", Total: 100, MinShare: 1, MinShareProvisional: true}
			return f
		}(), func() *Framework {
			f := base()
			f.Levels = []Level{{Key: "low", Rank: 1, Title: "Low"}, {Key: "top", Rank: 2, Title: "Top", Provisional: true}, {Key: "new", Rank: 3, Title: "New"}}
			f.Rules = &Rules{ProfileNodeType: "element", Total: 100, MinShare: 5}
			return f
		}(), VersionDiff{
			Levels: []LevelChange{
				{Key: "top", Change: LevelChanged, Old: &Level{Key: "top", Rank: 3, Title: "Top"}, New: &Level{Key: "top", Rank: 2, Title: "Top", Provisional: true},
					Fields: []FieldChange{{"rank", "3", "2"}, {"provisional", "no", "yes"}}},
				{Key: "new", Change: LevelAdded, New: &Level{Key: "new", Rank: 3, Title: "New"}},
				{Key: "mid", Change: LevelRemoved, Old: &Level{Key: "mid", Rank: 2, Title: "Middle"}},
			},
			Rules: []FieldChange{{"min_share", "1", "5"}, {"min_share_provisional", "yes", "no"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.old, tt.new)
			tt.want.Key, tt.want.OldVersion, tt.want.NewVersion = "demo", tt.old.Version, tt.new.Version
			if !reflect.DeepEqual(got, tt.want) {
				g, _ := json.MarshalIndent(got, "", "  ")
				w, _ := json.MarshalIndent(tt.want, "", "  ")
				t.Errorf("Diff:\n got %s\nwant %s", g, w)
			}
			if got.Empty() != (len(tt.want.Added)+len(tt.want.Removed)+len(tt.want.Renamed)+len(tt.want.Moved)+
				len(tt.want.Changed)+len(tt.want.Levels)+len(tt.want.Rules) == 0) {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}

func TestDiffIsDeterministic(t *testing.T) {
	old, new := demoV1(), demo()
	first := Diff(old, new)
	for range 20 {
		if !reflect.DeepEqual(Diff(old, new), first) {
			t.Fatal("Diff gave two different answers")
		}
	}
	if Diff(nil, nil).Empty() != true {
		t.Error("Diff(nil, nil) is not empty")
	}
}

func TestNodeChangeKey(t *testing.T) {
	if (NodeChange{OldKey: "a"}).Key() != "a" || (NodeChange{OldKey: "a", NewKey: "b"}).Key() != "b" {
		t.Error("Key() does not prefer the new key")
	}
}

func TestCrosswalkAccessors(t *testing.T) {
	c := demo().Crosswalk
	if got := c.Targets("old-b"); !reflect.DeepEqual(got, []Target{to("e2", 0.5), to("e3", 0.5)}) {
		t.Errorf("Targets = %v", got)
	}
	if c.Targets("nope") != nil {
		t.Error("Targets of an unmapped node")
	}
	if got := c.Sources("e3"); !reflect.DeepEqual(got, []string{"old-b"}) {
		t.Errorf("Sources = %v", got)
	}
	var none *Crosswalk
	if none.Targets("a") != nil || none.Sources("a") != nil || none.MapsFrom("1") {
		t.Error("nil crosswalk")
	}
	if !c.MapsFrom("1") || c.MapsFrom("2") {
		t.Error("MapsFrom")
	}
}

func TestFrameworkHelpers(t *testing.T) {
	f := demo()
	if got := len(f.ProfiledNodes()); got != 3 {
		t.Errorf("ProfiledNodes = %d", got)
	}
	if f.Level("advanced").Rank != 2 || f.Level("none") != nil {
		t.Error("Level")
	}
	if p := f.Parent("e3"); p == nil || p.Key != "d2" {
		t.Errorf("Parent(e3) = %v", p)
	}
	if f.Parent("d1") != nil || f.Parent("none") != nil {
		t.Error("Parent of a top node or a missing one")
	}
	f.Rules = nil
	if f.ProfiledNodes() != nil {
		t.Error("ProfiledNodes without rules")
	}
}
