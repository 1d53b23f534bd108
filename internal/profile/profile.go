// Package profile is the pure core of focus profiles (the IWF's role profiles): what a valid
// profile is, how a submitted form becomes one, how profiles compare, how a team's profile is
// made from its members', and how a profile moves to a later version of its framework through
// the crosswalk.
//
// Nothing here knows the IWF's elements or levels: every rule comes from the framework version
// (its Rules, its Levels, its tree and its Crosswalk), so that any framework of kind "profile"
// works the same way. The package has no database and no HTTP: handlers load data through the
// store, call these functions and render what they return (DESIGN.md, principle 2).
//
// Arithmetic is exact. Shares are whole numbers; averages and splits are done on integers or
// exact fractions and rounded once, by largest remainder, so that a result always adds up to the
// framework's total and can be reproduced anywhere (DESIGN.md, decision 10).
package profile

import (
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// Profile spreads the focus of a role (or of a person's view of their role) over the profiled
// nodes of one framework version, with a level for each.
type Profile struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	// Entries holds one entry per profiled node, normally in the framework's tree order (the
	// functions of this package that build profiles keep that order; Validate does not require
	// it).
	Entries []Entry `json:"entries"`
	// Draft marks a profile saved before it is complete. Drafts are checked with ValidateDraft:
	// they may miss shares and levels and need not add up, but what they hold must be in range.
	Draft bool `json:"draft,omitempty"`
}

// Entry is the share and level of one profiled node (an IWF element).
type Entry struct {
	// Node is the key of the profiled node in the framework version.
	Node string `json:"node"`
	// Share is the node's share of the profile in whole percent (whole units of Rules.Total).
	// Zero means "not given yet" when the framework's minimum share is above zero, because a
	// complete profile can never hold it; when the minimum is zero, zero is a share like any
	// other.
	Share int `json:"share"`
	// Level is the key of one of the framework's levels; "" when not chosen yet.
	Level string `json:"level,omitempty"`
	// Note is the person's own comment on the element, free text.
	Note string `json:"note,omitempty"`
}

// Entry returns the first entry for node and whether there is one.
func (p Profile) Entry(node string) (Entry, bool) {
	for _, e := range p.Entries {
		if e.Node == node {
			return e, true
		}
	}
	return Entry{}, false
}

// Total returns the sum of the shares of all entries, as the running total a person sees.
func (p Profile) Total() int {
	total := 0
	for _, e := range p.Entries {
		total += e.Share
	}
	return total
}

// IsFor reports whether the profile was made on framework version f.
func (p Profile) IsFor(f *framework.Framework) bool {
	return f != nil && p.FrameworkKey == f.Key && p.FrameworkVersion == f.Version
}

// Empty returns a draft profile of f with an entry for every profiled node in tree order and
// nothing filled in: the starting point of "Create my profile".
func Empty(f *framework.Framework) Profile {
	p := Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version, Draft: true}
	for _, n := range f.ProfiledNodes() {
		p.Entries = append(p.Entries, Entry{Node: n.Key})
	}
	return p
}

// Even returns a draft profile of f whose shares are split as evenly as whole numbers allow
// (Total / number of nodes each, the remainder given one by one in tree order): a neutral
// suggestion to start from, whose shares always pass validation (the framework's own validation
// guarantees that number of nodes × minimum ≤ total, so the even share is at least the minimum).
//
// Levels are left empty on purpose: a level is a judgement about the role that no default can
// make, and a pre-chosen level would let a profile be saved without anyone making it. The
// profile is therefore a draft until the person chooses every level.
func Even(f *framework.Framework) Profile {
	p := Empty(f)
	n := len(p.Entries)
	if n == 0 || f.Rules == nil || f.Rules.Total <= 0 {
		return p
	}
	base, extra := f.Rules.Total/n, f.Rules.Total%n
	for i := range p.Entries {
		p.Entries[i].Share = base
		if i < extra {
			p.Entries[i].Share++
		}
	}
	return p
}

// Form field names. A profile form has, for every profiled node, one field of each: the share
// (a whole number), the level (a level key) and an optional note.
const (
	sharePrefix = "share-"
	levelPrefix = "level-"
	notePrefix  = "note-"
)

// ShareField is the name of the form field holding node's share ("share-leadership").
func ShareField(node string) string { return sharePrefix + node }

// LevelField is the name of the form field holding node's level ("level-leadership").
func LevelField(node string) string { return levelPrefix + node }

// NoteField is the name of the form field holding node's note ("note-leadership").
func NoteField(node string) string { return notePrefix + node }

// title returns the title of a node of f, or its key when it has none or is not in f.
func title(f *framework.Framework, key string) string {
	if f != nil {
		if n := f.Node(key); n != nil && strings.TrimSpace(n.Title) != "" {
			return n.Title
		}
	}
	return key
}

// levelTitle returns the title of a level of f, or its key.
func levelTitle(f *framework.Framework, key string) string {
	if f != nil {
		if l := f.Level(key); l != nil && strings.TrimSpace(l.Title) != "" {
			return l.Title
		}
	}
	return key
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// percent writes a whole share as "12%".
func percent(n int) string { return strconv.Itoa(n) + "%" }
