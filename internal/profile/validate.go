package profile

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/framework"
)

// Problem is one thing wrong with a profile, worded for the person filling in the form (the NHS
// error-summary pattern): it names the element by its title and says what to do.
type Problem struct {
	// Node is the key of the profiled node at fault; "" for the profile as a whole.
	Node string `json:"node,omitempty"`
	// Field is what is wrong: FieldShare, FieldLevel, FieldNote, FieldNode (an entry that should
	// not be there, or is there twice), FieldTotal or FieldFramework.
	Field string `json:"field"`
	// Message is plain English, ready to show ("Give a share to Leadership").
	Message string `json:"message"`
}

// The values of Problem.Field.
const (
	FieldShare     = "share"
	FieldLevel     = "level"
	FieldNote      = "note"
	FieldNode      = "node"
	FieldTotal     = "total"
	FieldFramework = "framework"
)

// Anchor returns the id of the form field a problem belongs to, for the link in an error
// summary: the form field name for a node's share, level or note ("share-leadership"), and the
// Field itself otherwise ("total").
func (p Problem) Anchor() string {
	switch {
	case p.Node == "":
		return p.Field
	case p.Field == FieldShare:
		return ShareField(p.Node)
	case p.Field == FieldLevel:
		return LevelField(p.Node)
	case p.Field == FieldNote:
		return NoteField(p.Node)
	}
	return p.Field + "-" + p.Node
}

func (p Problem) String() string { return p.Message }

// MaxNoteLength is the longest note, in characters, an entry may hold. Notes are comments for a
// conversation, not documents; the limit keeps a pasted document out of the database.
const MaxNoteLength = 2000

// Validate checks a complete profile against the rules of framework version f and returns every
// problem found, none when the profile can be saved. The rules all come from f:
//
//   - f must be a profile framework with rules, profiled nodes and levels, and the profile must
//     have been made on it (same key and version);
//   - every profiled node has exactly one entry, and there is no entry for anything else;
//   - each share is at least Rules.MinShare and at most Rules.Total;
//   - each entry has one of f's levels;
//   - each note is at most MaxNoteLength characters;
//   - the shares add up to exactly Rules.Total.
//
// Problems come in the order of the form: per node in tree order (share, level, note, then a
// duplicate entry), then entries for unknown nodes, then the total. Validate ignores p.Draft:
// use ValidateDraft or Check for drafts.
func Validate(p Profile, f *framework.Framework) []Problem { return validate(p, f, false) }

// ValidateDraft checks a draft: shares and levels may be missing and the total may be anything,
// because a draft is work in progress; but whatever is given must still be in range (a share
// between the minimum and the total, a known level, a note not too long, no unknown or repeated
// nodes), so that a draft never holds a value no complete profile could hold.
func ValidateDraft(p Profile, f *framework.Framework) []Problem { return validate(p, f, true) }

// Check validates p as what it says it is: ValidateDraft when p.Draft, Validate otherwise.
func Check(p Profile, f *framework.Framework) []Problem { return validate(p, f, p.Draft) }

// FrameworkProblems returns why f cannot hold profiles at all, or nil when it can.
func FrameworkProblems(f *framework.Framework) []Problem {
	bad := func(format string, args ...any) []Problem {
		return []Problem{{Field: FieldFramework, Message: fmt.Sprintf(format, args...)}}
	}
	switch {
	case f == nil:
		return bad("There is no framework to check the profile against")
	case f.Kind != framework.KindProfile:
		return bad("%s is not a profile framework, so it cannot hold a profile", frameworkName(f))
	case f.Rules == nil || strings.TrimSpace(f.Rules.ProfileNodeType) == "" || f.Rules.Total <= 0 || f.Rules.MinShare < 0:
		return bad("%s has no usable profile rules (which nodes take a share, their total and minimum), so a profile cannot be checked", frameworkName(f))
	case len(f.ProfiledNodes()) == 0:
		return bad("%s has no %s to share a profile between", frameworkName(f), plural(f.Rules.ProfileNodeType))
	case len(f.Levels) == 0:
		return bad("%s has no levels to choose from", frameworkName(f))
	}
	return nil
}

func validate(p Profile, f *framework.Framework, draft bool) []Problem {
	if ps := FrameworkProblems(f); ps != nil {
		return ps
	}
	var problems []Problem
	add := func(node, field, format string, args ...any) {
		problems = append(problems, Problem{Node: node, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !p.IsFor(f) {
		add("", FieldFramework, "This profile was made on %s, not on %s", profileFramework(p), frameworkName(f))
		return problems
	}
	r := f.Rules
	byNode := map[string][]int{}
	for i, e := range p.Entries {
		byNode[e.Node] = append(byNode[e.Node], i)
	}
	profiled := map[string]bool{}
	levels := levelTitles(f)
	for _, n := range f.ProfiledNodes() {
		profiled[n.Key] = true
		name := title(f, n.Key)
		idx := byNode[n.Key]
		if len(idx) == 0 {
			if !draft {
				add(n.Key, FieldShare, "Give a share to %s", name)
				add(n.Key, FieldLevel, "Choose a level for %s", name)
			}
			continue
		}
		e := p.Entries[idx[0]]
		switch {
		case e.Share == 0 && r.MinShare > 0:
			if !draft {
				add(n.Key, FieldShare, "Give a share to %s", name)
			}
		case e.Share < r.MinShare && r.MinShare == 0:
			add(n.Key, FieldShare, "%s cannot have a share below 0%%", name)
		case e.Share < r.MinShare:
			add(n.Key, FieldShare, "%s must have at least %s", name, percent(r.MinShare))
		case e.Share > r.Total:
			add(n.Key, FieldShare, "%s cannot have more than %s", name, percent(r.Total))
		}
		switch {
		case e.Level == "":
			if !draft {
				add(n.Key, FieldLevel, "Choose a level for %s", name)
			}
		case f.Level(e.Level) == nil:
			add(n.Key, FieldLevel, "Choose %s as the level for %s", orList(levels), name)
		}
		if utf8.RuneCountInString(e.Note) > MaxNoteLength {
			add(n.Key, FieldNote, "The note for %s must be %s characters or fewer", name, thousands(MaxNoteLength))
		}
		if len(idx) > 1 {
			add(n.Key, FieldNode, "%s is given more than once: give it once", name)
		}
	}
	reported := map[string]bool{}
	for _, e := range p.Entries {
		if profiled[e.Node] || reported[e.Node] {
			continue
		}
		reported[e.Node] = true
		typ := r.ProfileNodeType
		switch n := f.Node(e.Node); {
		case strings.TrimSpace(e.Node) == "":
			add("", FieldNode, "A share is given without saying which %s it is for", typ)
		case n == nil:
			add(e.Node, FieldNode, "%q is not %s %s of %s", e.Node, article(typ), typ, frameworkName(f))
		default:
			add(e.Node, FieldNode, "%s is %s %s, not %s %s: only %s take a share", title(f, e.Node), article(n.Type), n.Type, article(typ), typ, plural(typ))
		}
	}
	if total := p.Total(); !draft && total != r.Total {
		add("", FieldTotal, "Shares add up to %s: they must add up to %s", percent(total), percent(r.Total))
	}
	return problems
}

// frameworkName names a framework version for messages: "Integrated Workforce Framework 2.1".
func frameworkName(f *framework.Framework) string {
	name := f.Title
	if strings.TrimSpace(name) == "" {
		name = f.Key
	}
	return name + " " + f.Version
}

func profileFramework(p Profile) string {
	if p.FrameworkKey == "" && p.FrameworkVersion == "" {
		return "no framework"
	}
	return fmt.Sprintf("%q version %q", p.FrameworkKey, p.FrameworkVersion)
}

// levelTitles lists the titles of f's levels from the lowest rank to the highest.
func levelTitles(f *framework.Framework) []string {
	ls := sortedLevels(f)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Title
		if strings.TrimSpace(out[i]) == "" {
			out[i] = l.Key
		}
	}
	return out
}

// sortedLevels returns f's levels from the lowest rank to the highest.
func sortedLevels(f *framework.Framework) []framework.Level {
	ls := slices.Clone(f.Levels)
	slices.SortStableFunc(ls, func(a, b framework.Level) int { return a.Rank - b.Rank })
	return ls
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// plural makes an English plural of a node type for messages ("element" → "elements").
func plural(s string) string {
	switch {
	case s == "":
		return "nodes"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// thousands writes n with commas, as the NHS style guide asks ("2,000").
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
