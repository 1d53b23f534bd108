package workforce

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/framework"
)

// Problem is one thing wrong with a role. Field names the field as forms and the JSON API name it
// ("title", "requirements[2].level_key"); Message says what is wrong in words a planner reads.
//
// A Warning is advice, not an error: the role may be saved as it is (a registered role below
// level 5, say: nursing associates are registered at level 4). Everything else stops the save.
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

func (p Problem) String() string {
	kind := "error"
	if p.Warning {
		kind = "warning"
	}
	return fmt.Sprintf("%s: %s (%s)", p.Field, p.Message, kind)
}

// HasErrors reports whether any problem is an error rather than a warning.
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Errors returns the problems that are errors, dropping warnings.
func Errors(problems []Problem) []Problem {
	var out []Problem
	for _, p := range problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// RequirementKinds are the kinds of framework whose nodes a role may require: competence
// frameworks (the KSF, an organisation's own, most CASE imports) and profile frameworks (the
// IWF's elements). A checklist, strategy, method or level scale describes something else.
var RequirementKinds = []framework.Kind{framework.KindCompetence, framework.KindProfile}

// FrameworkLookup returns a framework version by key and version, or nil when it does not exist
// or may not be used.
type FrameworkLookup = func(key, version string) *framework.Framework

// ValidateRole checks a role against the rules of the domain and returns every problem found, in
// field order; none means the role may be saved. Validate the Normalise'd role: ValidateRole does
// not trim or fold case.
//
// Rules: a title (at most MaxTitleLen characters); a known staff group or none; a level 0..9 (0:
// not placed), and an indicative level only when there is a level; a band of Bands or none; a
// known status; limits on the length of text and lists. Each requirement names a framework
// version that lookup finds, of a kind in RequirementKinds, a node of that version, and a level
// of its scale (no level when the framework has no scale); a node is required at most once.
//
// Warnings (saved anyway): registration required below level 5, where registered practitioners
// start (DOMAIN.md section 2; nursing associates are the known exception), and a staff group made
// only of registered professionals without registration required.
func ValidateRole(r Role, lookup FrameworkLookup) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	warn := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
	}

	switch n := utf8.RuneCountInString(r.Title); {
	case strings.TrimSpace(r.Title) == "":
		add("title", "Enter a title")
	case n > MaxTitleLen:
		add("title", "Title must be %d characters or fewer (it has %d)", MaxTitleLen, n)
	}
	group, knownGroup := LookupStaffGroup(r.StaffGroup)
	if !knownGroup || (r.StaffGroup != "" && group.Name != r.StaffGroup) {
		add("staff_group", "Staff group %q is not one of the NHS staff groups", r.StaffGroup)
	}
	if n := utf8.RuneCountInString(r.Profession); n > MaxProfessionLen {
		add("profession", "Profession must be %d characters or fewer (it has %d)", MaxProfessionLen, n)
	}
	switch {
	case r.Level < 0 || r.Level > MaxLevel:
		add("level", "Level must be from %d to %d, or not set (it is %d)", MinLevel, MaxLevel, r.Level)
	case r.Level == 0 && r.LevelIndicative:
		add("level_indicative", "Only a level that is set can be marked as indicative")
	}
	if r.Band != "" && !validBand(r.Band) {
		add("band", "Band %q is not an Agenda for Change band (1 to 9, 8a to 8d)", r.Band)
	}
	if r.RegistrationRequired && r.Level >= MinLevel && r.Level < RegisteredLevel {
		warn("registration_required", "Registered practitioners usually start at level %d, and this role is at level %d: check the level (nursing associates, registered at level 4, are an exception)",
			RegisteredLevel, r.Level)
	}
	if !r.RegistrationRequired && knownGroup && group.Registered {
		warn("registration_required", "Staff in the %s staff group are registered professionals, but this role does not require registration", group.Name)
	}
	if n := utf8.RuneCountInString(r.Summary); n > MaxSummaryLen {
		add("summary", "Summary must be %d characters or fewer (it has %d)", MaxSummaryLen, n)
	}
	checkList(&ps, "activities", "activity", r.Activities)
	checkList(&ps, "quality_standards", "quality standard", r.QualityStandards)
	checkList(&ps, "knowledge_skills", "knowledge and skills item", r.KnowledgeSkills)

	if len(r.Requirements) > MaxRequirements {
		add("requirements", "A role can have at most %d competence requirements (it has %d)", MaxRequirements, len(r.Requirements))
	}
	seen := map[[2]string]int{}
	for i, q := range r.Requirements {
		ps = append(ps, checkRequirement(i, q, lookup, seen)...)
	}
	if !ValidStatus(r.Status) {
		add("status", "Status must be draft, published or retired (it is %q)", r.Status)
	}
	return ps
}

func validBand(b string) bool {
	for _, known := range Bands {
		if b == known {
			return true
		}
	}
	return false
}

func checkList(ps *[]Problem, field, item string, list []string) {
	if len(list) > MaxListItems {
		*ps = append(*ps, Problem{Field: field, Message: fmt.Sprintf("At most %d of them (there are %d)", MaxListItems, len(list))})
	}
	for i, s := range list {
		if n := utf8.RuneCountInString(s); n > MaxListItemLen {
			*ps = append(*ps, Problem{Field: fmt.Sprintf("%s[%d]", field, i),
				Message: fmt.Sprintf("Each %s must be %d characters or fewer (this one has %d)", item, MaxListItemLen, n)})
		}
	}
}

func checkRequirement(i int, q Requirement, lookup FrameworkLookup, seen map[[2]string]int) []Problem {
	var ps []Problem
	field := func(name string) string { return fmt.Sprintf("requirements[%d].%s", i, name) }
	add := func(name, format string, args ...any) {
		ps = append(ps, Problem{Field: field(name), Message: fmt.Sprintf(format, args...)})
	}
	for _, part := range []struct{ name, value string }{
		{"framework_key", q.FrameworkKey}, {"framework_version", q.FrameworkVersion},
		{"node_key", q.NodeKey}, {"level_key", q.LevelKey},
	} {
		if len(part.value) > MaxRequirementKeys {
			add(part.name, "Must be %d characters or fewer", MaxRequirementKeys)
			return ps
		}
	}
	if q.FrameworkKey == "" {
		add("framework_key", "Choose a framework")
		return ps
	}
	if q.FrameworkVersion == "" {
		add("framework_version", "Choose a version of framework %q", q.FrameworkKey)
		return ps
	}
	if q.NodeKey == "" {
		add("node_key", "Choose a competence of framework %s", q.Ref())
		return ps
	}
	key := [2]string{q.FrameworkKey, q.NodeKey}
	if first, dup := seen[key]; dup {
		add("node_key", "Competence %q of framework %q is already required (requirement %d)", q.NodeKey, q.FrameworkKey, first+1)
		return ps
	}
	seen[key] = i

	var f *framework.Framework
	if lookup != nil {
		f = lookup(q.FrameworkKey, q.FrameworkVersion)
	}
	if f == nil {
		add("framework_version", "Framework %s is not available", q.Ref())
		return ps
	}
	if !requirementKind(f.Kind) {
		add("framework_key", "Framework %s is a %s framework: only competence and profile frameworks can be required", q.Ref(), f.Kind)
		return ps
	}
	if f.Node(q.NodeKey) == nil {
		add("node_key", "Framework %s has no competence %q", q.Ref(), q.NodeKey)
	}
	switch {
	case len(f.Levels) == 0 && q.LevelKey != "":
		add("level_key", "Framework %s has no levels, so no level can be required", q.Ref())
	case len(f.Levels) > 0 && q.LevelKey == "":
		add("level_key", "Choose the level of %s required", q.NodeKey)
	case len(f.Levels) > 0 && f.Level(q.LevelKey) == nil:
		add("level_key", "Framework %s has no level %q", q.Ref(), q.LevelKey)
	}
	return ps
}

func requirementKind(k framework.Kind) bool {
	for _, ok := range RequirementKinds {
		if k == ok {
			return true
		}
	}
	return false
}
