package profile

import (
	"github.com/workframe/workframe/internal/framework"
)

// Comparison sets profiles side by side, one row per profiled node of a framework version.
type Comparison struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	// Rows has one row per profiled node, in tree order.
	Rows []CompareRow `json:"rows"`
	// Totals holds each profile's total, in the order the profiles were given.
	Totals []int `json:"totals"`
	// Foreign lists (by position) the profiles that were not made on this framework version.
	// Their entries are matched by node key only, so the page should offer to move them to
	// this version first (Migrate) rather than trust the comparison.
	Foreign []int `json:"foreign,omitempty"`
}

// CompareRow is one profiled node across the compared profiles.
type CompareRow struct {
	Node  string `json:"node"`
	Title string `json:"title"`
	// Parent and ParentTitle name the node's parent (the IWF domain), "" at the top of the tree,
	// so that a page can group rows and colour them by domain.
	Parent      string `json:"parent,omitempty"`
	ParentTitle string `json:"parent_title,omitempty"`
	Provisional bool   `json:"provisional,omitempty"`
	// Cells holds one cell per profile, in the order the profiles were given.
	Cells []Cell `json:"cells"`
	// Diffs compares every profile after the first with the first (the baseline: the role when
	// comparing a role with people's views of it, last year when comparing years): Diffs[i] is
	// profile i+1 minus profile 0. With two profiles it is the one difference.
	Diffs []Diff `json:"diffs,omitempty"`
}

// Cell is one profile's entry for one node.
type Cell struct {
	// Present is false when the profile has no entry for the node.
	Present bool `json:"present"`
	// HasShare is false when the share is not given (a draft's 0 when the minimum is above 0).
	HasShare   bool   `json:"has_share"`
	Share      int    `json:"share"`
	Level      string `json:"level,omitempty"`
	LevelTitle string `json:"level_title,omitempty"`
	// Rank is the level's rank on the framework's scale, 0 when there is no (known) level.
	Rank int    `json:"rank,omitempty"`
	Note string `json:"note,omitempty"`
}

// Diff is how one profile differs from the baseline on one node.
type Diff struct {
	// Share is the other profile's share minus the baseline's, in whole percent; valid when
	// ShareKnown (both have a share).
	Share      int  `json:"share"`
	ShareKnown bool `json:"share_known"`
	// Rank is the other profile's level rank minus the baseline's: +1 is one level higher.
	// Valid when RankKnown (both have a known level).
	Rank      int  `json:"rank"`
	RankKnown bool `json:"rank_known"`
}

// Compare sets profiles side by side on framework version f: per profiled node in tree order,
// each profile's share and level, and how each profile after the first differs from the first
// in share and in level rank (an empty comparison when f is nil). Profiles may be drafts; a missing share or level is shown as
// missing, never as zero, so that a difference is only given where both sides have a value.
func Compare(f *framework.Framework, profiles ...Profile) Comparison {
	if f == nil {
		return Comparison{}
	}
	c := Comparison{FrameworkKey: f.Key, FrameworkVersion: f.Version, Totals: make([]int, len(profiles))}
	for i, p := range profiles {
		c.Totals[i] = p.Total()
		if !p.IsFor(f) {
			c.Foreign = append(c.Foreign, i)
		}
	}
	minShare := 0
	if f.Rules != nil {
		minShare = f.Rules.MinShare
	}
	for _, n := range f.ProfiledNodes() {
		row := CompareRow{Node: n.Key, Title: title(f, n.Key), Provisional: n.Provisional}
		if parent := f.Parent(n.Key); parent != nil {
			row.Parent, row.ParentTitle = parent.Key, title(f, parent.Key)
		}
		for _, p := range profiles {
			var cell Cell
			if e, ok := p.Entry(n.Key); ok {
				cell = Cell{Present: true, HasShare: e.Share != 0 || minShare == 0, Share: e.Share, Level: e.Level, Note: e.Note}
				if l := f.Level(e.Level); l != nil {
					cell.LevelTitle, cell.Rank = levelTitle(f, l.Key), l.Rank
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		for i := 1; i < len(row.Cells); i++ {
			base, other := row.Cells[0], row.Cells[i]
			var d Diff
			if base.HasShare && other.HasShare {
				d.Share, d.ShareKnown = other.Share-base.Share, true
			}
			if base.Rank != 0 && other.Rank != 0 {
				d.Rank, d.RankKnown = other.Rank-base.Rank, true
			}
			row.Diffs = append(row.Diffs, d)
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
