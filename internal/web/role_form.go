package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The role form (create and edit) works without JavaScript. Lists (activities, quality
// standards, knowledge and skills) are textareas with one item per line. Each competence
// requirement is a row: a competence select grouped by framework version, a level select
// grouped the same way, essential or desirable, and for a saved requirement a "remove" box.
// Three empty rows follow the saved ones; "Add more rows" gives three more without saving.
// With JavaScript, competence-picker.js turns each competence select into a searchable box.

// emptyRequirementRows is how many blank requirement rows the form offers.
const emptyRequirementRows = 3

// maxFormRows bounds the rows read from a submitted form.
const maxFormRows = workforce.MaxRequirements + 3*emptyRequirementRows

// roleForm is the role form as the person typed it: every value a string, so that whatever
// they typed can be shown again.
type roleForm struct {
	Organisation                                  string // create only
	Title, StaffGroup, Profession, Level, Band    string
	Summary                                       string
	Activities, QualityStandards, KnowledgeSkills string
	LevelIndicative, RegistrationRequired, Shared bool
	Rows                                          []reqRow
}

// reqRow is one competence requirement row of the form.
type reqRow struct {
	Index      int
	Existing   bool   // a saved requirement, offered for removal
	Competence string // requirementValue of the framework version and node, or ""
	Level      string // requirementValue of the framework version and level, or ""
	Essential  bool
	Remove     bool
}

func (q reqRow) ID(part string) string { return "req-" + strconv.Itoa(q.Index) + "-" + part }
func (q reqRow) Number() int           { return q.Index + 1 }

// requirementValue encodes a framework version and one of its keys (a node or a level) as one
// form value. Query escaping leaves no spaces, so a space separates the parts whatever the keys
// hold.
func requirementValue(key, version, item string) string {
	return url.QueryEscape(key) + " " + url.QueryEscape(version) + " " + url.QueryEscape(item)
}

// parseRequirementValue reads a requirementValue; ok is false for anything else.
func parseRequirementValue(v string) (key, version, item string, ok bool) {
	parts := strings.Split(v, " ")
	if len(parts) != 3 {
		return "", "", "", false
	}
	var err1, err2, err3 error
	key, err1 = url.QueryUnescape(parts[0])
	version, err2 = url.QueryUnescape(parts[1])
	item, err3 = url.QueryUnescape(parts[2])
	return key, version, item, err1 == nil && err2 == nil && err3 == nil && key != "" && version != ""
}

// emptyRows returns n blank rows numbered from start.
func emptyRows(start, n int) []reqRow {
	rows := make([]reqRow, n)
	for i := range rows {
		rows[i] = reqRow{Index: start + i, Essential: true}
	}
	return rows
}

// formFromRole fills the form with a saved role, plus the blank rows.
func formFromRole(role workforce.Role) roleForm {
	f := roleForm{
		Title: role.Title, StaffGroup: role.StaffGroup, Profession: role.Profession, Band: role.Band,
		Summary:          role.Summary,
		Activities:       strings.Join(role.Activities, "\n"),
		QualityStandards: strings.Join(role.QualityStandards, "\n"),
		KnowledgeSkills:  strings.Join(role.KnowledgeSkills, "\n"),
		LevelIndicative:  role.LevelIndicative, RegistrationRequired: role.RegistrationRequired, Shared: role.Shared,
	}
	if role.Level != 0 {
		f.Level = strconv.Itoa(role.Level)
	}
	for i, q := range role.Requirements {
		row := reqRow{Index: i, Existing: true, Essential: q.Essential,
			Competence: requirementValue(q.FrameworkKey, q.FrameworkVersion, q.NodeKey)}
		if q.LevelKey != "" {
			row.Level = requirementValue(q.FrameworkKey, q.FrameworkVersion, q.LevelKey)
		}
		f.Rows = append(f.Rows, row)
	}
	f.Rows = append(f.Rows, emptyRows(len(f.Rows), emptyRequirementRows)...)
	return f
}

// parseRoleForm reads the submitted form.
func parseRoleForm(r *http.Request) roleForm {
	_ = r.ParseForm() // a body that cannot be read leaves the form empty, which validation reports
	v := r.PostForm
	f := roleForm{
		Organisation: v.Get("organisation"),
		Title:        v.Get("title"), StaffGroup: v.Get("staff_group"), Profession: v.Get("profession"),
		Level: v.Get("level"), Band: v.Get("band"), Summary: v.Get("summary"),
		Activities: v.Get("activities"), QualityStandards: v.Get("quality_standards"), KnowledgeSkills: v.Get("knowledge_skills"),
		LevelIndicative: v.Get("level_indicative") != "", RegistrationRequired: v.Get("registration_required") != "",
		Shared: v.Get("shared") != "",
	}
	n, _ := strconv.Atoi(v.Get("req-rows"))
	n = min(max(n, 0), maxFormRows)
	for i := range n {
		row := reqRow{Index: i}
		row.Existing = v.Get(row.ID("existing")) != ""
		row.Competence = v.Get(row.ID("competence"))
		row.Level = v.Get(row.ID("level"))
		row.Essential = v.Get(row.ID("essential")) != "desirable"
		row.Remove = row.Existing && v.Get(row.ID("remove")) != ""
		f.Rows = append(f.Rows, row)
	}
	return f
}

// moreRows adds blank rows after the last one.
func (f *roleForm) moreRows() {
	f.Rows = append(f.Rows, emptyRows(len(f.Rows), emptyRequirementRows)...)
}

// lines splits a textarea into its items; Normalise drops the blank ones.
func lines(s string) []string {
	return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

// apply puts the form's values into role and returns the problems only the form can have (a
// level that is not a number, a level of another framework than the competence's...). rowOf
// gives, for each requirement of the result, the form row it came from.
func (f roleForm) apply(role workforce.Role) (workforce.Role, []fieldError, []int) {
	var errs []fieldError
	role.Title, role.StaffGroup, role.Profession, role.Band = f.Title, f.StaffGroup, f.Profession, f.Band
	role.Summary = f.Summary
	role.Activities, role.QualityStandards, role.KnowledgeSkills = lines(f.Activities), lines(f.QualityStandards), lines(f.KnowledgeSkills)
	role.LevelIndicative, role.RegistrationRequired, role.Shared = f.LevelIndicative, f.RegistrationRequired, f.Shared
	role.Level = 0
	if lv := strings.TrimSpace(f.Level); lv != "" {
		n, err := strconv.Atoi(lv)
		if err != nil {
			errs = append(errs, fieldError{"level", "Choose a Career Framework level from 1 to 9, or not placed yet"})
		} else {
			role.Level = n
		}
	}
	role.Requirements = nil
	var rowOf []int
	for _, row := range f.Rows {
		if row.Remove || (row.Competence == "" && row.Level == "") {
			continue
		}
		if row.Competence == "" {
			errs = append(errs, fieldError{row.ID("competence"), fmt.Sprintf("Requirement %d: choose a competence, or clear its level", row.Number())})
			continue
		}
		key, version, node, ok := parseRequirementValue(row.Competence)
		if !ok {
			errs = append(errs, fieldError{row.ID("competence"), fmt.Sprintf("Requirement %d: choose a competence from the list", row.Number())})
			continue
		}
		q := workforce.Requirement{FrameworkKey: key, FrameworkVersion: version, NodeKey: node, Essential: row.Essential}
		if row.Level != "" {
			lk, lv, level, ok := parseRequirementValue(row.Level)
			if !ok || lk != key || lv != version {
				errs = append(errs, fieldError{row.ID("level"), fmt.Sprintf("Requirement %d: choose a level of the competence's own framework (%s version %s)", row.Number(), strings.ToUpper(key), version)})
				continue
			}
			q.LevelKey = level
		}
		role.Requirements = append(role.Requirements, q)
		rowOf = append(rowOf, row.Index)
	}
	return role, errs, rowOf
}

// listItemNames name one item of each list in messages ("Activity 3: ...").
var listItemNames = map[string]string{
	workforce.FieldActivities:       "Activity",
	workforce.FieldQualityStandards: "Quality standard",
	workforce.FieldKnowledgeSkills:  "Knowledge and skills item",
}

// problemFields turns the domain's problems into form errors (linked to the field that holds
// the problem) and warnings. rowOf maps requirement indexes to form rows.
func problemFields(ps []workforce.Problem, rowOf []int, rows int) (errs, warnings []fieldError) {
	for _, p := range ps {
		field, msg := p.Field, p.Message
		if name, rest, ok := strings.Cut(p.Field, "["); ok {
			i, _ := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
			switch {
			case name == workforce.FieldRequirements && i < len(rowOf):
				row := reqRow{Index: rowOf[i]}
				field = row.ID("competence")
				if strings.HasSuffix(rest, ".level_key") {
					field = row.ID("level")
				}
				msg = fmt.Sprintf("Requirement %d: %s", row.Number(), msg)
			case listItemNames[name] != "":
				field = name
				msg = fmt.Sprintf("%s %d: %s", listItemNames[name], i+1, msg)
			default:
				field = name
			}
		}
		switch field {
		case workforce.FieldRequirements:
			field = ""
			if rows > 0 {
				field = "req-0-competence"
			}
		case workforce.FieldStatus:
			field = ""
		}
		fe := fieldError{field, msg}
		if p.Warning {
			warnings = append(warnings, fe)
		} else {
			errs = append(errs, fe)
		}
	}
	return errs, warnings
}

// reqFramework is a framework version the form offers for requirements.
type reqFramework struct {
	Key, Version string
	Label        string
	F            *framework.Framework // nil when the version is no longer stored
	Owner        int64                // top-level organisation that owns it; 0: shared
	Competences  []reqOption
	Levels       []reqOption
}

type reqOption struct {
	Value, Text string
}

func (f reqFramework) ref() string { return f.Key + "@" + f.Version }

// FormRef is the framework part of the form values of its competences and levels, which the
// competence picker reads to narrow the level select.
func (f reqFramework) FormRef() string {
	return url.QueryEscape(f.Key) + " " + url.QueryEscape(f.Version)
}

// roleFrameworks are the framework versions a role form deals with.
type roleFrameworks struct {
	list  []*reqFramework
	byRef map[string]*reqFramework
}

// roleFrameworksFor loads the competence frameworks the form offers: the shared ones and those
// of the employers in tops, newest statuses only; and the versions the kept requirements use,
// whatever they are, so that saved requirements can be shown and kept.
func (s *Server) roleFrameworksFor(r *http.Request, rc roleContext, tops []int64, kept []workforce.Requirement) (*roleFrameworks, error) {
	metas, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		return nil, err
	}
	fws := &roleFrameworks{byRef: map[string]*reqFramework{}}
	keptNodes, keptLevels := map[string][]string{}, map[string][]string{}
	for _, q := range kept {
		keptNodes[q.Ref()] = append(keptNodes[q.Ref()], q.NodeKey)
		if q.LevelKey != "" {
			keptLevels[q.Ref()] = append(keptLevels[q.Ref()], q.LevelKey)
		}
	}
	for _, m := range metas {
		owner := int64(0)
		if m.OrganisationID != 0 {
			owner = rc.top(m.OrganisationID)
		}
		// An organisation's draft may still change, so roles cannot require it yet.
		offered := m.Kind == framework.KindCompetence && m.Status != framework.StatusSuperseded &&
			m.Status != framework.StatusRetired && (owner == 0 || (slices.Contains(tops, owner) && m.Status != framework.StatusDraft))
		_, isKept := keptNodes[m.Ref()]
		if !offered && !isKept {
			continue
		}
		f, _, err := s.db.FrameworkVersion(r.Context(), m.Key, m.Version)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		label := f.Title + " version " + f.Version
		if owner != 0 {
			label += " (" + rc.names[owner] + "'s own)"
		}
		fws.add(&reqFramework{Key: f.Key, Version: f.Version, Label: label, F: f, Owner: owner})
	}
	// Saved requirements on a version that is no longer stored keep their values.
	for _, q := range kept {
		if fws.byRef[q.Ref()] == nil {
			fws.add(&reqFramework{Key: q.FrameworkKey, Version: q.FrameworkVersion,
				Label: strings.ToUpper(q.FrameworkKey) + " version " + q.FrameworkVersion + " (no longer available)"})
		}
	}
	for _, rf := range fws.list {
		rf.fillOptions(keptNodes[rf.ref()], keptLevels[rf.ref()])
	}
	return fws, nil
}

func (fws *roleFrameworks) add(rf *reqFramework) {
	fws.list = append(fws.list, rf)
	fws.byRef[rf.ref()] = rf
}

// fillOptions lists the competences (the leaves of the tree, and any node a saved requirement
// names) and the levels of the framework version.
func (rf *reqFramework) fillOptions(keptNodes, keptLevels []string) {
	seen := map[string]bool{}
	if rf.F != nil {
		rf.F.Walk(func(n *framework.Node, _ string, _ int) bool {
			if len(n.Children) == 0 || slices.Contains(keptNodes, n.Key) {
				seen[n.Key] = true
				rf.Competences = append(rf.Competences, reqOption{requirementValue(rf.Key, rf.Version, n.Key), nodeText(n)})
			}
			return true
		})
		for _, l := range rf.F.Levels {
			seen["level "+l.Key] = true
			text := l.Title
			if l.Provisional {
				text += " (provisional)"
			}
			rf.Levels = append(rf.Levels, reqOption{requirementValue(rf.Key, rf.Version, l.Key), text})
		}
	}
	for _, k := range keptNodes {
		if !seen[k] {
			seen[k] = true
			rf.Competences = append(rf.Competences, reqOption{requirementValue(rf.Key, rf.Version, k), k + " (not in this version)"})
		}
	}
	for _, k := range keptLevels {
		if !seen["level "+k] {
			seen["level "+k] = true
			rf.Levels = append(rf.Levels, reqOption{requirementValue(rf.Key, rf.Version, k), k + " (not in this version)"})
		}
	}
}

// nodeText names a competence in a list: its code and title, and "provisional" when it is.
func nodeText(n *framework.Node) string {
	text := strings.TrimSpace(n.Code + " " + n.Title)
	if n.Provisional {
		text += " (provisional)"
	}
	return text
}

// lookupFor finds the framework versions a role of the employer top may require: shared ones,
// the employer's own, and those the kept requirements already use. It follows the store's rule.
func (fws *roleFrameworks) lookupFor(top int64, kept []workforce.Requirement) workforce.FrameworkLookup {
	return func(key, version string) *framework.Framework {
		rf := fws.byRef[key+"@"+version]
		if rf == nil || rf.F == nil {
			return nil
		}
		if rf.Owner == 0 || rf.Owner == top || slices.ContainsFunc(kept, func(q workforce.Requirement) bool {
			return q.FrameworkKey == key && q.FrameworkVersion == version
		}) {
			return rf.F
		}
		return nil
	}
}

// any finds every loaded framework version, for naming competences.
func (fws *roleFrameworks) any(key, version string) *framework.Framework {
	if rf := fws.byRef[key+"@"+version]; rf != nil {
		return rf.F
	}
	return nil
}

// careerLevel is one level of the Career Framework for Health, as the built-in framework names it.
type careerLevel struct {
	Level       int
	Title       string
	Examples    string
	Description string
	Provisional bool
}

// Text is how a select or a list shows the level: "Level 5 (for example, practitioner)".
func (c careerLevel) Text() string {
	if c.Examples == "" {
		return c.Title
	}
	return c.Title + " (for example, " + strings.ToLower(c.Examples[:1]) + c.Examples[1:] + ")"
}

// careerLevels returns the nine levels, lowest first, with the titles of the newest stored
// version of the built-in career-framework; plain "Level N" when it is not there.
func (s *Server) careerLevels(r *http.Request) ([]careerLevel, error) {
	out := make([]careerLevel, workforce.MaxLevel)
	for i := range out {
		out[i] = careerLevel{Level: i + 1, Title: "Level " + strconv.Itoa(i+1)}
	}
	f, _, err := s.db.LatestFrameworkVersion(r.Context(), "career-framework")
	if errors.Is(err, store.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, l := range f.Levels {
		if l.Rank >= workforce.MinLevel && l.Rank <= workforce.MaxLevel {
			c := &out[l.Rank-1]
			if l.Title != "" {
				c.Title = l.Title
			}
			c.Examples, c.Description, c.Provisional = l.Examples, l.Description, l.Provisional
		}
	}
	return out, nil
}

// roleFormView is the role form page, for a new role and for a change.
type roleFormView struct {
	Page
	Action  string
	Editing bool
	Role    workforce.Role // the stored role, when editing
	Version int            // the version the form is based on
	Form    roleForm
	// Orgs are where the viewer may add a role (create only); OrgName is the role's (edit).
	Orgs         []orgItem
	OrgName      string
	Frameworks   []*reqFramework
	LevelGroups  []*reqFramework // the frameworks with a level scale
	CareerLevels []careerLevel
	StaffGroups  []workforce.StaffGroup
	Bands        []string
	Warnings     []fieldError
	// Conflict is set when someone else saved the role while this person was editing it.
	Conflict *roleConflict
}

// roleConflict describes the version someone else saved meanwhile.
type roleConflict struct {
	Version int
	By      string
	At      time.Time
	Changes []string
}

func (s *Server) roleFormView(r *http.Request, page Page, fws *roleFrameworks, form roleForm) (roleFormView, error) {
	levels, err := s.careerLevels(r)
	if err != nil {
		return roleFormView{}, err
	}
	v := roleFormView{Page: page, Form: form, CareerLevels: levels, StaffGroups: workforce.StaffGroups, Bands: workforce.Bands}
	for _, rf := range fws.list {
		v.Frameworks = append(v.Frameworks, rf)
		if len(rf.Levels) > 0 {
			v.LevelGroups = append(v.LevelGroups, rf)
		}
	}
	return v, nil
}

// roleTextarea is one of the form's textareas.
type roleTextarea struct {
	ID, Label, Hint, Value, Error string
	Rows                          int
}

// Textareas are the summary and the three lists, one item a line.
func (v roleFormView) Textareas() []roleTextarea {
	return v.withErrors([]roleTextarea{
		{ID: "summary", Label: "Summary (optional)", Hint: "A few sentences on the purpose of the job", Value: v.Form.Summary, Rows: 4},
		{ID: "activities", Label: "Work activities", Hint: "One activity on each line, for example: Assesses patients and plans their care", Value: v.Form.Activities, Rows: 6},
		{ID: "quality_standards", Label: "Quality standards", Hint: "One standard on each line, for example: NMC Code of professional conduct", Value: v.Form.QualityStandards, Rows: 4},
		{ID: "knowledge_skills", Label: "Knowledge and skills", Hint: "One item on each line, for example: Medicines management", Value: v.Form.KnowledgeSkills, Rows: 6},
	})
}

// withErrors fills in the errors of the textareas.
func (v roleFormView) withErrors(ts []roleTextarea) []roleTextarea {
	for i := range ts {
		ts[i].Error = v.ErrorFor(ts[i].ID)
	}
	return ts
}

// CompetenceSelected and LevelSelected help the template mark the chosen options.
func (q reqRow) CompetenceSelected(value string) bool { return q.Competence == value }
func (q reqRow) LevelSelected(value string) bool      { return q.Level == value }

// IsDesirable is the state of the row's radios.
func (q reqRow) IsDesirable() bool { return !q.Essential }

// checkRole normalises the submitted role and checks it against the domain's rules: it returns
// the role to save, its errors (the form's own first) and its warnings.
func checkRole(role workforce.Role, formErrs []fieldError, rowOf []int, rows int, lookup workforce.FrameworkLookup) (workforce.Role, []fieldError, []fieldError) {
	role = workforce.Normalise(role)
	errs, warnings := problemFields(workforce.ValidateRole(role, lookup), rowOf, rows)
	return role, append(formErrs, errs...), warnings
}

// invalidRoleErrors turns the store's refusal into form errors, should the store see a problem
// the form's own check did not (a framework removed meanwhile).
func invalidRoleErrors(err error, rowOf []int, rows int) ([]fieldError, bool) {
	var inv *store.InvalidRolesError
	if !errors.As(err, &inv) {
		return nil, false
	}
	var out []fieldError
	for _, rp := range inv.Roles {
		errs, _ := problemFields(rp.Problems, rowOf, rows)
		out = append(out, errs...)
	}
	return out, true
}
