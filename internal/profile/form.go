package profile

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// Form is a profile form as submitted (or as about to be shown): the profile understood from it,
// the values exactly as typed so that a page can show them again after an error, and the values
// that could not be read.
type Form struct {
	// Profile holds one entry per profiled node of the framework, in tree order. A share that
	// was left blank or could not be read is 0, a level not chosen is "".
	Profile Profile
	// Raw maps a form field name (see ShareField, LevelField, NoteField) to the value as typed,
	// for every field of a profiled node that was submitted. A page redisplays these, never the
	// parsed numbers, so that nothing the person typed is lost or silently changed.
	Raw map[string]string
	// Problems lists the values that could not be read (a share that is not a whole number).
	// The rules of the framework are not checked here: call Check for everything at once.
	Problems []Problem
}

// ParseForm reads a submitted profile form for framework version f: for every profiled node the
// fields share-<key> (a whole number, optionally with a % sign; blank for none yet),
// level-<key> (a level key) and note-<key> (free text, trimmed). Fields of other names (the
// CSRF token, the buttons, anything unknown) are ignored, and when a field is sent twice the
// first value counts, as url.Values.Get does.
//
// ParseForm never sets Profile.Draft: which button was pressed is the handler's business. A
// share that is not a whole number gives a problem ("Enter the share for Leadership as a whole
// number, like 10") and is left at 0 in the profile; what was typed stays in Raw.
func ParseForm(values url.Values, f *framework.Framework) Form {
	fm := Form{Raw: map[string]string{}}
	if f == nil {
		fm.Problems = FrameworkProblems(f)
		return fm
	}
	fm.Profile = Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version}
	for _, n := range f.ProfiledNodes() {
		e := Entry{Node: n.Key}
		if raw, ok := first(values, ShareField(n.Key)); ok {
			fm.Raw[ShareField(n.Key)] = raw
			share, msg := parseShare(raw, title(f, n.Key), f.Rules)
			if msg != "" {
				fm.Problems = append(fm.Problems, Problem{Node: n.Key, Field: FieldShare, Message: msg})
			} else {
				e.Share = share
			}
		}
		if raw, ok := first(values, LevelField(n.Key)); ok {
			fm.Raw[LevelField(n.Key)] = raw
			e.Level = strings.TrimSpace(raw)
		}
		if raw, ok := first(values, NoteField(n.Key)); ok {
			fm.Raw[NoteField(n.Key)] = raw
			e.Note = cleanNote(raw)
		}
		fm.Profile.Entries = append(fm.Profile.Entries, e)
	}
	return fm
}

// NewForm makes the form for showing a saved profile p of framework version f: Raw holds each
// entry's values as the form would have submitted them (a share of 0 is blank when the minimum
// share is above zero, because it means "not given"). ParseForm of these values gives p back
// (for a profile of f with entries in tree order).
func NewForm(p Profile, f *framework.Framework) Form {
	fm := Form{Profile: p, Raw: map[string]string{}}
	minShare := 0
	if f != nil && f.Rules != nil {
		minShare = f.Rules.MinShare
	}
	for _, e := range p.Entries {
		if _, done := fm.Raw[ShareField(e.Node)]; done {
			continue // a repeated entry: the first one is shown, Validate reports the repeat
		}
		share := strconv.Itoa(e.Share)
		if e.Share == 0 && minShare > 0 {
			share = ""
		}
		fm.Raw[ShareField(e.Node)] = share
		fm.Raw[LevelField(e.Node)] = e.Level
		fm.Raw[NoteField(e.Node)] = e.Note
	}
	return fm
}

// Value returns what the form holds for a field name, as typed ("" when absent).
func (fm Form) Value(field string) string { return fm.Raw[field] }

// Values returns Raw as url.Values, as a browser would submit it.
func (fm Form) Values() url.Values {
	v := url.Values{}
	for k, s := range fm.Raw {
		v.Set(k, s)
	}
	return v
}

// Check returns every problem of the form: the values that could not be read and the rules of f
// that the profile breaks (as Check(fm.Profile, f): a draft when fm.Profile.Draft), in the
// order of the form. A rule problem on a field whose value could not be read is left out (the
// person is told once, about what they typed), and so is the total while any share could not
// be read, because the total is then not known.
func (fm Form) Check(f *framework.Framework) []Problem {
	out := slices.Clone(fm.Problems)
	type at struct{ node, field string }
	seen := map[at]bool{}
	unread := false
	for _, p := range fm.Problems {
		seen[at{p.Node, p.Field}] = true
		unread = unread || p.Field == FieldShare
	}
	for _, p := range Check(fm.Profile, f) {
		if seen[at{p.Node, p.Field}] || (p.Field == FieldTotal && unread) {
			continue
		}
		seen[at{p.Node, p.Field}] = true
		out = append(out, p)
	}
	sortProblems(out, f)
	return out
}

// sortProblems puts problems in the order of the form: the framework, then each profiled node
// in tree order (share, level, note, repeated entry), then entries of unknown nodes, then the
// total.
func sortProblems(ps []Problem, f *framework.Framework) {
	pos := map[string]int{}
	if f != nil {
		for i, n := range f.ProfiledNodes() {
			pos[n.Key] = i
		}
	}
	fields := map[string]int{FieldShare: 0, FieldLevel: 1, FieldNote: 2, FieldNode: 3}
	key := func(p Problem) int {
		switch {
		case p.Field == FieldFramework:
			return -1
		case p.Field == FieldTotal:
			return 1 << 30
		}
		if i, ok := pos[p.Node]; ok {
			return i*4 + fields[p.Field]
		}
		return 1<<30 - 1
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return key(a) - key(b) })
}

func first(values url.Values, name string) (string, bool) {
	vs, ok := values[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// cleanNote trims a note and writes its line breaks as \n (browsers send \r\n from a textarea).
func cleanNote(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// maxShareDigits bounds the digits read, so that a share far too big to be meaningful is a
// problem rather than an overflow.
const maxShareDigits = 9

// parseShare reads a share as typed: blank is 0 (not given); otherwise an optional sign, ASCII
// digits, an optional fraction made only of zeros ("10.0") and an optional % sign, with spaces
// around them. It returns the share, or a message for the person.
func parseShare(raw, name string, r *framework.Rules) (int, string) {
	s := strings.TrimSpace(raw)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if s == "" {
		return 0, ""
	}
	whole := fmt.Sprintf("Enter the share for %s as a whole number, like 10", name)
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" || i == 0 {
			return 0, whole
		}
		s = s[:i]
	}
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, whole
	}
	if len(strings.TrimLeft(s, "0")) > maxShareDigits {
		total, minShare := 100, 0
		if r != nil {
			total, minShare = r.Total, r.MinShare
		}
		if neg {
			return 0, fmt.Sprintf("%s must have at least %s", name, percent(minShare))
		}
		return 0, fmt.Sprintf("%s cannot have more than %s", name, percent(total))
	}
	n, err := strconv.Atoi(s)
	if err != nil { // cannot happen after the checks above; kept so a change there fails safe
		return 0, whole
	}
	if neg {
		n = -n
	}
	return n, ""
}
