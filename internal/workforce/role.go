// Package workforce is the domain model of an organisation's workforce: roles (job descriptions
// with their competence requirements) today; teams, posts, people, scenarios, skill mix and costs
// as they arrive.
//
// The package is pure (DESIGN principle 2): the standard library and internal/framework only, no
// database and no HTTP. The store loads and saves these values; handlers call the rules here.
package workforce

import (
	"strings"
	"time"
)

// Role statuses. A draft is being written; a published role is in use (and, when shared, visible
// to partner organisations); a retired role is kept for history but no longer used.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusRetired   = "retired"
)

// Statuses lists the allowed values of Role.Status, in life-cycle order.
var Statuses = []string{StatusDraft, StatusPublished, StatusRetired}

// Career Framework for Health levels (DOMAIN.md section 2). Level 0 means "not placed yet".
const (
	MinLevel = 1
	MaxLevel = 9
	// RegisteredLevel is where registered practitioners start: roles at level 5 and above are
	// mostly regulated.
	RegisteredLevel = 5
)

// Limits on what a role may hold, so that one record cannot swamp a page, an export or the
// search index. They are generous for a job description.
const (
	MaxTitleLen        = 200    // characters
	MaxProfessionLen   = 200    // characters
	MaxSummaryLen      = 10_000 // characters
	MaxListItemLen     = 2_000  // characters, per activity / standard / knowledge and skills item
	MaxListItems       = 200    // per list
	MaxRequirements    = 500
	MaxRequirementKeys = 200 // characters of a framework key, version, node key or level key
)

// Role is a job as described: its place on the Career Framework (level) and on the Agenda for
// Change pay scale (band), kept apart because a level is not a band; what the job does; and the
// competences it requires.
type Role struct {
	ID             int64  `json:"id"`
	OrganisationID int64  `json:"organisation_id"`
	Title          string `json:"title"`
	// StaffGroup is one of StaffGroups' names, or "" when not given.
	StaffGroup string `json:"staff_group"`
	// Profession is free text ("Physiotherapy", "Clinical research"): finer than the staff group.
	Profession string `json:"profession"`
	// Level is the Career Framework level, 1..9; 0 when not placed yet.
	Level int `json:"level"`
	// LevelIndicative marks a level that is only indicative: where administrative and managerial
	// roles sit on the nine levels was never settled (DOMAIN.md section 2).
	LevelIndicative bool `json:"level_indicative"`
	// Band is the Agenda for Change band, one of Bands ("1".."9", "8a".."8d"), or "" for none
	// (a role not on Agenda for Change, such as a doctor's, or not known yet).
	Band                 string   `json:"band"`
	RegistrationRequired bool     `json:"registration_required"`
	Summary              string   `json:"summary"`
	Activities           []string `json:"activities"`
	QualityStandards     []string `json:"quality_standards"`
	KnowledgeSkills      []string `json:"knowledge_skills"`
	// Requirements are the competences the role needs, in the order they are shown.
	Requirements []Requirement `json:"requirements"`
	Status       string        `json:"status"`
	// Shared publishes the role for partner organisations to copy and adapt. Only a shared role
	// that is also published is visible to them.
	Shared bool `json:"shared"`
	// CopiedFromID is the role this one was copied from; 0 for an original.
	CopiedFromID int64     `json:"copied_from_id,omitempty"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Requirement is one competence a role needs: a node of a competence framework version (a KSF
// dimension, an element of a local framework), the level of that framework's scale required, and
// whether it is essential or desirable.
type Requirement struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	NodeKey          string `json:"node_key"`
	// LevelKey is a key of the framework's level scale; "" only when the framework has none.
	LevelKey  string `json:"level_key"`
	Essential bool   `json:"essential"`
}

// Ref names the framework version of the requirement, "key@version".
func (q Requirement) Ref() string { return q.FrameworkKey + "@" + q.FrameworkVersion }

// Bands are the Agenda for Change pay bands, lowest first (DOMAIN.md section 7). Band 1 is closed
// to new entrants but existing posts keep it, so it is accepted.
var Bands = []string{"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}

// NormaliseBand reads a band as people write it ("Band 8A", "8 a", " 6 ") and returns its form in
// Bands; ok is false when it is not a band. The empty string is "no band" and is ok.
func NormaliseBand(s string) (band string, ok bool) {
	b := strings.ToLower(strings.TrimSpace(s))
	if b == "" {
		return "", true
	}
	b = strings.TrimSpace(strings.TrimPrefix(b, "afc"))
	b = strings.TrimPrefix(b, "band")
	b = strings.ReplaceAll(b, " ", "")
	for _, known := range Bands {
		if b == known {
			return b, true
		}
	}
	return s, false
}

// StaffGroup is one of the NHS staff groups.
type StaffGroup struct {
	// Code is the national code of the NHS Data Dictionary's STAFF GROUP attribute.
	Code string
	// Name is the name as the NHS Data Dictionary and ESR spell it; it is what Role.StaffGroup
	// holds, so that imports from and exports to ESR-based systems need no translation.
	Name string
	// Registered says the group, by its definition, holds only registered professionals.
	Registered bool
	// ESRName is the shortened form some ESR reports print, when it differs.
	ESRName string
}

// StaffGroups are the staff groups of the NHS Data Dictionary (STAFF GROUP, national codes 01 to
// 10): the classification of the Electronic Staff Record used by NHS workforce statistics, and so
// what NHS workforce planners group by. It is the official list, in its official order.
//
// There is no "research" staff group: research staff belong to the group of their occupation (a
// research nurse to Nursing and Midwifery Registered, a clinical research practitioner often to
// Additional Professional Scientific and Technical or Allied Health Professionals, a research
// administrator to Administrative and Clerical). Profession ("Clinical research") says what the
// staff group does not. "Supplementary Roles" is in the national list; Workframe keeps it so that
// data coded with it imports.
var StaffGroups = []StaffGroup{
	{Code: "01", Name: "Medical and Dental", Registered: true},
	{Code: "02", Name: "Students"},
	{Code: "03", Name: "Nursing and Midwifery Registered", Registered: true},
	{Code: "04", Name: "Allied Health Professionals", Registered: true},
	{Code: "05", Name: "Additional Professional Scientific and Technical", ESRName: "Add Prof Scientific and Technic"},
	{Code: "06", Name: "Healthcare Scientists"},
	{Code: "07", Name: "Additional Clinical Services"},
	{Code: "08", Name: "Administrative and Clerical"},
	{Code: "09", Name: "Estates and Ancillary"},
	{Code: "10", Name: "Supplementary Roles"},
}

// LookupStaffGroup finds a staff group by its name (any case, extra spaces ignored, "&" read as
// "and"), its ESR short name or its national code. The empty string is "no staff group" and is
// ok.
func LookupStaffGroup(s string) (StaffGroup, bool) {
	want := foldName(s)
	if want == "" {
		return StaffGroup{}, true
	}
	for _, g := range StaffGroups {
		if want == foldName(g.Name) || want == g.Code || (g.ESRName != "" && want == foldName(g.ESRName)) {
			return g, true
		}
	}
	return StaffGroup{}, false
}

func foldName(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	return strings.Join(strings.Fields(s), " ")
}

// ValidStatus reports whether s is one of Statuses.
func ValidStatus(s string) bool {
	for _, known := range Statuses {
		if s == known {
			return true
		}
	}
	return false
}

// Normalise returns the role as it should be stored: text trimmed, empty list items dropped, the
// band and staff group in their canonical form when they are recognised (unrecognised ones are
// left for ValidateRole to report), and a missing status made draft. Lists are never nil, so a
// role read back from the store equals the one saved. It does not change ids, versions or times.
func Normalise(r Role) Role {
	r.Title = strings.TrimSpace(r.Title)
	r.Profession = strings.TrimSpace(r.Profession)
	r.Summary = strings.TrimSpace(r.Summary)
	if b, ok := NormaliseBand(r.Band); ok {
		r.Band = b
	} else {
		r.Band = strings.TrimSpace(r.Band)
	}
	if g, ok := LookupStaffGroup(r.StaffGroup); ok {
		r.StaffGroup = g.Name
	} else {
		r.StaffGroup = strings.TrimSpace(r.StaffGroup)
	}
	r.Status = strings.ToLower(strings.TrimSpace(r.Status))
	if r.Status == "" {
		r.Status = StatusDraft
	}
	r.Activities = cleanList(r.Activities)
	r.QualityStandards = cleanList(r.QualityStandards)
	r.KnowledgeSkills = cleanList(r.KnowledgeSkills)
	reqs := make([]Requirement, len(r.Requirements))
	for i, q := range r.Requirements {
		q.FrameworkKey = strings.TrimSpace(q.FrameworkKey)
		q.FrameworkVersion = strings.TrimSpace(q.FrameworkVersion)
		q.NodeKey = strings.TrimSpace(q.NodeKey)
		q.LevelKey = strings.TrimSpace(q.LevelKey)
		reqs[i] = q
	}
	r.Requirements = reqs
	return r
}

// cleanList trims the items and drops empty ones. It always returns a non-nil slice, so that a
// role read back from the store equals the one saved.
func cleanList(items []string) []string {
	out := make([]string, 0, len(items))
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
