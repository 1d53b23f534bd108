package profile

import (
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	f := iwf(t, "2.1")
	role := iwf21Valid(t)
	person := with(with(role, "leadership", func(e *Entry) { e.Share, e.Level, e.Note = 8, "advanced", "I run the team" }),
		"clinical-studies-operations", func(e *Entry) { e.Share, e.Level = 25, "awareness" })
	draft := with(with(Empty(f), "leadership", func(e *Entry) { e.Level = "intermediate" }), "clinical-studies-operations", func(e *Entry) { e.Share = 40 })
	old := Profile{FrameworkKey: "iwf", FrameworkVersion: "1.0", Entries: []Entry{{Node: "leadership", Share: 10, Level: "core"}}}
	tf := tiny(t)
	ta := prof(tf, Entry{Node: "a", Share: 4, Level: "low"}, Entry{Node: "b", Share: 3, Level: "mid"}, Entry{Node: "c", Share: 3, Level: "high"})
	tb := prof(tf, Entry{Node: "a", Share: 2, Level: "high"}, Entry{Node: "b", Share: 2, Level: "mid"}, Entry{Node: "c", Share: 6, Level: "low"})

	core := Cell{Present: true, HasShare: true, Share: 3, Level: "core", LevelTitle: "Core", Rank: 2}
	tests := []struct {
		name     string
		profiles []Profile
		fw       string // "tiny" or "" for IWF 2.1
		node     string
		want     CompareRow
		totals   []int
		foreign  []int
	}{
		{
			name: "one profile", profiles: []Profile{role}, node: "leadership", totals: []int{100},
			want: CompareRow{Node: "leadership", Title: "Leadership", Parent: "domain-leadership", ParentTitle: "Leadership", Provisional: true, Cells: []Cell{core}},
		},
		{
			name: "role and person", profiles: []Profile{role, person}, node: "leadership", totals: []int{100, 100},
			want: CompareRow{Node: "leadership", Title: "Leadership", Parent: "domain-leadership", ParentTitle: "Leadership", Provisional: true,
				Cells: []Cell{core, {Present: true, HasShare: true, Share: 8, Level: "advanced", LevelTitle: "Advanced", Rank: 4, Note: "I run the team"}},
				Diffs: []Diff{{Share: 5, ShareKnown: true, Rank: 2, RankKnown: true}}},
		},
		{
			name: "lower share and level", profiles: []Profile{role, person}, node: "clinical-studies-operations", totals: []int{100, 100},
			want: CompareRow{Node: "clinical-studies-operations", Title: "Clinical Studies Operations", Parent: "domain-clinical-research", ParentTitle: "Clinical Research",
				Cells: []Cell{{Present: true, HasShare: true, Share: 30, Level: "core", LevelTitle: "Core", Rank: 2}, {Present: true, HasShare: true, Share: 25, Level: "awareness", LevelTitle: "Awareness", Rank: 1}},
				Diffs: []Diff{{Share: -5, ShareKnown: true, Rank: -1, RankKnown: true}}},
		},
		{
			name: "a draft: no share, so no share difference", profiles: []Profile{role, draft}, node: "leadership", totals: []int{100, 40},
			want: CompareRow{Node: "leadership", Title: "Leadership", Parent: "domain-leadership", ParentTitle: "Leadership", Provisional: true,
				Cells: []Cell{core, {Present: true, Level: "intermediate", LevelTitle: "Intermediate", Rank: 3}},
				Diffs: []Diff{{Rank: 1, RankKnown: true}}},
		},
		{
			name: "a draft: no level, so no level difference", profiles: []Profile{draft, role}, node: "clinical-studies-operations", totals: []int{40, 100},
			want: CompareRow{Node: "clinical-studies-operations", Title: "Clinical Studies Operations", Parent: "domain-clinical-research", ParentTitle: "Clinical Research",
				Cells: []Cell{{Present: true, HasShare: true, Share: 40}, {Present: true, HasShare: true, Share: 30, Level: "core", LevelTitle: "Core", Rank: 2}},
				Diffs: []Diff{{Share: -10, ShareKnown: true}}},
		},
		{
			name: "three profiles: each against the first", profiles: []Profile{role, person, role}, node: "leadership", totals: []int{100, 100, 100},
			want: CompareRow{Node: "leadership", Title: "Leadership", Parent: "domain-leadership", ParentTitle: "Leadership", Provisional: true,
				Cells: []Cell{core, {Present: true, HasShare: true, Share: 8, Level: "advanced", LevelTitle: "Advanced", Rank: 4, Note: "I run the team"}, core},
				Diffs: []Diff{{Share: 5, ShareKnown: true, Rank: 2, RankKnown: true}, {ShareKnown: true, RankKnown: true}}},
		},
		{
			name: "a profile of another version is flagged and matched by key", profiles: []Profile{role, old}, node: "clinical-context-1", totals: []int{100, 10}, foreign: []int{1},
			want: CompareRow{Node: "clinical-context-1", Title: "Clinical Context element 1: The care pathway and clinical setting", Parent: "domain-clinical-context", ParentTitle: "Clinical Context", Provisional: true,
				Cells: []Cell{{Present: true, HasShare: true, Share: 5, Level: "core", LevelTitle: "Core", Rank: 2}, {}},
				Diffs: []Diff{{}}},
		},
		{
			name: "hand-made framework", fw: "tiny", profiles: []Profile{ta, tb}, node: "c", totals: []int{10, 10},
			want: CompareRow{Node: "c", Title: "Cherries", Parent: "g2", ParentTitle: "Group two",
				Cells: []Cell{{Present: true, HasShare: true, Share: 3, Level: "high", LevelTitle: "High", Rank: 3}, {Present: true, HasShare: true, Share: 6, Level: "low", LevelTitle: "Low", Rank: 1}},
				Diffs: []Diff{{Share: 3, ShareKnown: true, Rank: -2, RankKnown: true}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := f
			if tt.fw == "tiny" {
				fw = tf
			}
			c := Compare(fw, tt.profiles...)
			if c.FrameworkKey != fw.Key || c.FrameworkVersion != fw.Version {
				t.Errorf("framework = %s %s", c.FrameworkKey, c.FrameworkVersion)
			}
			nodes := fw.ProfiledNodes()
			if len(c.Rows) != len(nodes) {
				t.Fatalf("%d rows, want %d", len(c.Rows), len(nodes))
			}
			for i, n := range nodes {
				if c.Rows[i].Node != n.Key || len(c.Rows[i].Cells) != len(tt.profiles) || len(c.Rows[i].Diffs) != len(tt.profiles)-1 {
					t.Errorf("row %d = %+v", i, c.Rows[i])
				}
			}
			var got CompareRow
			for _, r := range c.Rows {
				if r.Node == tt.node {
					got = r
				}
			}
			if len(tt.profiles) == 1 {
				tt.want.Diffs = nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("row:\n got %+v\nwant %+v", got, tt.want)
			}
			if !reflect.DeepEqual(c.Totals, tt.totals) || !reflect.DeepEqual(c.Foreign, tt.foreign) {
				t.Errorf("totals %v, foreign %v", c.Totals, c.Foreign)
			}
		})
	}
}

func TestCompareNothing(t *testing.T) {
	c := Compare(iwf(t, "2.1"))
	if len(c.Rows) != 12 || len(c.Totals) != 0 || len(c.Rows[0].Cells) != 0 {
		t.Errorf("Compare with no profiles = %+v", c)
	}
}
