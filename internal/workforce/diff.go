package workforce

import (
	"fmt"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// Field names of a role, as Change.Field, Problem.Field and the JSON API name them. FieldRole
// is the field of changes to the whole role: its creation, or its copy from another.
const (
	FieldRole                 = "role"
	FieldTitle                = "title"
	FieldStaffGroup           = "staff_group"
	FieldProfession           = "profession"
	FieldLevel                = "level"
	FieldLevelIndicative      = "level_indicative"
	FieldBand                 = "band"
	FieldRegistrationRequired = "registration_required"
	FieldSummary              = "summary"
	FieldActivities           = "activities"
	FieldQualityStandards     = "quality_standards"
	FieldKnowledgeSkills      = "knowledge_skills"
	FieldRequirements         = "requirements"
	FieldStatus               = "status"
	FieldShared               = "shared"
)

// Change is one line of a role's version history: the field that changed and what happened to it
// in words ("Level changed from 5 to 6", "Added requirement KSF C1 Communication at Level 2
// (essential)"). Roles hold no personal data, so values are shown (DESIGN decision 4).
type Change struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ChangedFields returns the distinct fields of the changes, in the order they first appear.
func ChangedFields(changes []Change) []string {
	var out []string
	for _, c := range changes {
		if !slices.Contains(out, c.Field) {
			out = append(out, c.Field)
		}
	}
	return out
}

// Diff lists what changed from old to new, field by field in the order of the Role type, naming
// competences by their keys. Ids, organisation, provenance, version and times are not compared.
func Diff(old, new Role) []Change { return DiffWith(old, new, nil) }

// DiffWith is Diff naming competences and levels by their codes and titles, read from the
// framework versions lookup finds (nil, or a version it does not find, falls back to keys).
func DiffWith(old, new Role, lookup FrameworkLookup) []Change {
	var cs []Change
	add := func(field, format string, args ...any) {
		cs = append(cs, Change{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	text := func(field, label, before, after string) {
		switch {
		case before == after:
		case before == "":
			add(field, "%s set to %q", label, after)
		case after == "":
			add(field, "%s %q removed", label, before)
		default:
			add(field, "%s changed from %q to %q", label, before, after)
		}
	}
	text(FieldTitle, "Title", old.Title, new.Title)
	text(FieldStaffGroup, "Staff group", old.StaffGroup, new.StaffGroup)
	text(FieldProfession, "Profession", old.Profession, new.Profession)
	switch {
	case old.Level == new.Level:
	case old.Level == 0:
		add(FieldLevel, "Level set to %d", new.Level)
	case new.Level == 0:
		add(FieldLevel, "Level %d removed", old.Level)
	default:
		add(FieldLevel, "Level changed from %d to %d", old.Level, new.Level)
	}
	if old.LevelIndicative != new.LevelIndicative {
		if new.LevelIndicative {
			add(FieldLevelIndicative, "Level marked as indicative")
		} else {
			add(FieldLevelIndicative, "Level no longer marked as indicative")
		}
	}
	switch {
	case old.Band == new.Band:
	case old.Band == "":
		add(FieldBand, "Band set to %s", new.Band)
	case new.Band == "":
		add(FieldBand, "Band %s removed", old.Band)
	default:
		add(FieldBand, "Band changed from %s to %s", old.Band, new.Band)
	}
	if old.RegistrationRequired != new.RegistrationRequired {
		if new.RegistrationRequired {
			add(FieldRegistrationRequired, "Professional registration now required")
		} else {
			add(FieldRegistrationRequired, "Professional registration no longer required")
		}
	}
	if old.Summary != new.Summary {
		// A summary is too long to quote twice; the version documents hold both texts.
		add(FieldSummary, "Summary changed")
	}
	cs = append(cs, diffList(FieldActivities, "activity", "Activities", old.Activities, new.Activities)...)
	cs = append(cs, diffList(FieldQualityStandards, "quality standard", "Quality standards", old.QualityStandards, new.QualityStandards)...)
	cs = append(cs, diffList(FieldKnowledgeSkills, "knowledge and skills item", "Knowledge and skills", old.KnowledgeSkills, new.KnowledgeSkills)...)
	cs = append(cs, diffRequirements(old.Requirements, new.Requirements, lookup)...)
	if old.Status != new.Status {
		add(FieldStatus, "Status changed from %s to %s", old.Status, new.Status)
	}
	if old.Shared != new.Shared {
		if new.Shared {
			add(FieldShared, "Shared with partner organisations")
		} else {
			add(FieldShared, "No longer shared with partner organisations")
		}
	}
	return cs
}

// diffList reports removed and added items (an edited item is one of each), or a new order when
// only the order changed. Repeated items are counted.
func diffList(field, item, plural string, old, new []string) []Change {
	if slices.Equal(old, new) {
		return nil
	}
	left := map[string]int{}
	for _, s := range new {
		left[s]++
	}
	var cs []Change
	for _, s := range old {
		if left[s] > 0 {
			left[s]--
			continue
		}
		cs = append(cs, Change{Field: field, Message: fmt.Sprintf("Removed %s %q", item, s)})
	}
	kept := map[string]int{}
	for _, s := range old {
		kept[s]++
	}
	for _, s := range new {
		if kept[s] > 0 {
			kept[s]--
			continue
		}
		cs = append(cs, Change{Field: field, Message: fmt.Sprintf("Added %s %q", item, s)})
	}
	if len(cs) == 0 {
		cs = append(cs, Change{Field: field, Message: plural + " reordered"})
	}
	return cs
}

func diffRequirements(old, new []Requirement, lookup FrameworkLookup) []Change {
	if slices.Equal(old, new) {
		return nil
	}
	type id struct{ framework, node string }
	oldBy := map[id]Requirement{}
	for _, q := range old {
		oldBy[id{q.FrameworkKey, q.NodeKey}] = q
	}
	newBy := map[id]Requirement{}
	for _, q := range new {
		newBy[id{q.FrameworkKey, q.NodeKey}] = q
	}
	l := labeller{lookup: lookup}
	var cs []Change
	add := func(format string, args ...any) {
		cs = append(cs, Change{Field: FieldRequirements, Message: fmt.Sprintf(format, args...)})
	}
	for _, q := range old {
		if _, ok := newBy[id{q.FrameworkKey, q.NodeKey}]; !ok {
			add("Removed requirement %s", l.requirement(q))
		}
	}
	for _, q := range new {
		was, ok := oldBy[id{q.FrameworkKey, q.NodeKey}]
		if !ok {
			add("Added requirement %s", l.requirement(q))
			continue
		}
		name := l.node(q)
		if was.FrameworkVersion != q.FrameworkVersion {
			add("Requirement %s moved from version %s to %s of the framework", name, was.FrameworkVersion, q.FrameworkVersion)
		}
		if was.LevelKey != q.LevelKey {
			add("Requirement %s changed from %s to %s", name, l.level(was), l.level(q))
		}
		if was.Essential != q.Essential {
			add("Requirement %s is now %s", name, essential(q.Essential))
		}
	}
	if len(cs) == 0 {
		add("Requirements reordered")
	}
	return cs
}

func essential(e bool) string {
	if e {
		return "essential"
	}
	return "desirable"
}

// labeller names requirements for people: "KSF C1 Communication at Level 2 (essential)".
type labeller struct {
	lookup FrameworkLookup
	cache  map[string]*framework.Framework
}

func (l *labeller) framework(q Requirement) *framework.Framework {
	if l.lookup == nil {
		return nil
	}
	if l.cache == nil {
		l.cache = map[string]*framework.Framework{}
	}
	ref := q.Ref()
	f, ok := l.cache[ref]
	if !ok {
		f = l.lookup(q.FrameworkKey, q.FrameworkVersion)
		l.cache[ref] = f
	}
	return f
}

func (l *labeller) node(q Requirement) string {
	name := q.NodeKey
	if f := l.framework(q); f != nil {
		if n := f.Node(q.NodeKey); n != nil {
			name = strings.TrimSpace(n.Code + " " + n.Title)
		}
	}
	return strings.ToUpper(q.FrameworkKey) + " " + name
}

func (l *labeller) level(q Requirement) string {
	if q.LevelKey == "" {
		return "no level"
	}
	if f := l.framework(q); f != nil {
		if lv := f.Level(q.LevelKey); lv != nil && lv.Title != "" {
			return lv.Title
		}
	}
	return "level " + q.LevelKey
}

func (l *labeller) requirement(q Requirement) string {
	s := l.node(q)
	if q.LevelKey != "" {
		s += " at " + l.level(q)
	}
	return s + " (" + essential(q.Essential) + ")"
}

// RequirementLabel names a requirement for people, as the history does: "KSF C1 Communication at
// Level 2 (essential)". f is the requirement's framework version, or nil to use keys.
func RequirementLabel(q Requirement, f *framework.Framework) string {
	l := labeller{lookup: func(string, string) *framework.Framework { return f }}
	return l.requirement(q)
}

// CompetenceNames returns the code and title of each required competence ("C1 Communication"),
// in the role's order, for search indexes and lists. A requirement whose framework version or
// node lookup cannot find is left out.
func CompetenceNames(r Role, lookup FrameworkLookup) []string {
	l := labeller{lookup: lookup}
	var out []string
	for _, q := range r.Requirements {
		if f := l.framework(q); f != nil {
			if n := f.Node(q.NodeKey); n != nil {
				out = append(out, strings.TrimSpace(n.Code+" "+n.Title))
			}
		}
	}
	return out
}
