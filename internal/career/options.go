package career

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Career options (issue 5): the roles a person (or the holder of a role) could move to, each with
// its kind of move, its transferability and whether a career framework draws a route to it.

// Option kinds, by the target's Career Framework level against the starting level.
const (
	OptionUp      = "up"      // one level up
	OptionAcross  = "across"  // the same level
	OptionFurther = "further" // two or more levels up
	OptionDown    = "down"    // a lower level: left out unless asked for
)

// OptionKind is the kind of a move from a role at level from to one at level to. A start
// without a level (0: no current role placed on the framework) makes level 1 one level up.
func OptionKind(from, to int) string {
	switch d := to - from; {
	case d == 0:
		return OptionAcross
	case d == 1:
		return OptionUp
	case d > 1:
		return OptionFurther
	}
	return OptionDown
}

// KindText is the kind in words for pages and exports.
func KindText(kind string) string {
	switch kind {
	case OptionUp:
		return "One level up"
	case OptionAcross:
		return "Across, same level"
	case OptionFurther:
		return "Further up"
	case OptionDown:
		return "Down a level or more"
	}
	return kind
}

// RoleInfo is what career options need to know of a role.
type RoleInfo struct {
	ID             int64
	OrganisationID int64
	Title          string
	// TitleKey is the title lower-cased once, for ranking without allocating per comparison.
	TitleKey     string
	StaffGroup   string
	Level        int
	Band         string
	Registration bool
	// Shared: shared and published, so partners of its organisation may see it.
	Shared bool
	// Published roles are options and pathway steps; a draft is only ever a start.
	Published bool
	Need      Need
	// titleRank is the role's place among the index's roles by title key then id (from 1), so
	// ranking compares two integers; 0 when not set.
	titleRank int32
}

// RouteInfo is a career framework route as options and pathways use it.
type RouteInfo struct {
	FrameworkID          int64
	FrameworkTitle       string
	FromRoleID, ToRoleID int64
	Kind                 string
	RegistrationRequired bool
	Qualification        string
	Note                 string
}

// Option is one role a person could move to.
type Option struct {
	Role            *RoleInfo
	Kind            string
	Transferability int
	Counts          Counts
	// Route is a career framework route to the role from a role held now, nil when none.
	Route *RouteInfo
}

// OptionFilter narrows the options. Zero values keep everything but moves down.
type OptionFilter struct {
	Levels         []int
	StaffGroup     string
	OrganisationID int64
	Kinds          []string
	IncludeDown    bool
}

// Keep reports whether an option passes the filter.
func (f OptionFilter) Keep(o Option) bool {
	if o.Kind == OptionDown && !f.IncludeDown && !slices.Contains(f.Kinds, OptionDown) {
		return false
	}
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, o.Kind) {
		return false
	}
	if len(f.Levels) > 0 && !slices.Contains(f.Levels, o.Role.Level) {
		return false
	}
	if f.StaffGroup != "" && !strings.EqualFold(f.StaffGroup, o.Role.StaffGroup) {
		return false
	}
	if f.OrganisationID != 0 && f.OrganisationID != o.Role.OrganisationID {
		return false
	}
	return true
}

// SortOptions ranks options: the highest transferability first; among equals, those a career
// framework draws a route to; then by title (ignoring case) and id, so the order is the same on
// every run and can be compared with the same ranking in SQL.
func SortOptions(opts []Option) {
	slices.SortFunc(opts, CompareOptions)
}

// CompareOptions is the ranking of SortOptions.
func CompareOptions(a, b Option) int { return compareOptions(&a, &b) }

func compareOptions(a, b *Option) int {
	if c := cmp.Compare(b.Transferability, a.Transferability); c != 0 {
		return c
	}
	ar, br := a.Route != nil, b.Route != nil
	if ar != br {
		if ar {
			return -1
		}
		return 1
	}
	if a.Role.titleRank > 0 && b.Role.titleRank > 0 {
		return cmp.Compare(a.Role.titleRank, b.Role.titleRank)
	}
	if c := cmp.Compare(a.Role.titleKey(), b.Role.titleKey()); c != 0 {
		return c
	}
	return cmp.Compare(a.Role.ID, b.Role.ID)
}

func (r *RoleInfo) titleKey() string {
	if r.TitleKey == "" && r.Title != "" {
		return strings.ToLower(r.Title)
	}
	return r.TitleKey
}

// Explain says in plain words what a transferability score means, for the page beside it.
func Explain(score int, c Counts) string {
	total := c.Met + c.Partly + c.Missing
	if total == 0 {
		return "This role lists no competences, so nothing stands in the way: 100%."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d%% of what this role asks for is already met. ", score)
	fmt.Fprintf(&b, "Of its %d %s, %d %s met in full, %d %s held at a lower level and %d %s not held yet. ",
		total, plural(total, "competence", "competences"), c.Met, isAre(c.Met), c.Partly, isAre(c.Partly), c.Missing, isAre(c.Missing))
	b.WriteString("Essential competences count twice as much as desirable ones, and a competence held at a lower level counts for the share of the level reached.")
	if c.EssentialNotMet > 0 {
		fmt.Fprintf(&b, " %d essential %s still to be met in full.", c.EssentialNotMet, plural(c.EssentialNotMet, "competence is", "competences are"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func isAre(n int) string { return plural(n, "is", "are") }

// ScoreExplanation is the rule of the score in plain words, for the help on every page that shows
// one.
const ScoreExplanation = "Transferability is how much of a role's requirement is already met, as a percentage. " +
	"Each competence the role needs counts: an essential one twice as much as a desirable one. " +
	"A competence held at the level needed counts in full; one held at a lower level counts for the share of the level reached " +
	"(level 2 of a required 3 counts two thirds); one not held, or whose review date has passed, counts nothing. " +
	"The percentage is rounded down, so 100% means every competence is met."
