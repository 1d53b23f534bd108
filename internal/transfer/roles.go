package transfer

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// Roles and their competence requirements in a spreadsheet (issue 4, "Import and export"). A
// workbook has a Roles sheet (one row per role) and a Competences sheet (one row per required
// competence, naming its role by title); as CSV the same two tables are two files. The reader
// parses the rows into workforce.Role values and checks them with workforce.ValidateRole, so
// that every problem of every row comes back at once with its sheet, row and column.
// docs/transfer.md describes the columns for users.

// The sheets of a roles workbook. Guide and Values are for people; an import reads Roles and
// Competences only.
const (
	SheetRoles       = "Roles"
	SheetCompetences = "Competences"
	SheetGuide       = "Guide"
	SheetValues      = "Values"
)

// RoleColumns are the columns of the Roles sheet, in template order; only title is required.
var RoleColumns = []string{
	"title", "staff_group", "profession", "level", "level_indicative", "band", "registration_required",
	"summary", "activities", "quality_standards", "knowledge_and_skills", "status",
}

// CompetenceColumns are the columns of the Competences sheet, in template order; version and
// essential_or_desirable may be left out.
var CompetenceColumns = []string{"role_title", "framework", "version", "competence", "level", "essential_or_desirable"}

var competenceRequired = []string{"role_title", "framework", "competence", "level"}

// roleHeaders are the headers templates write: readable words that normalise to the column
// names (normaliseHeader lowers them and turns spaces into underscores).
var roleHeaders = map[string]string{
	"title": "Title", "staff_group": "Staff group", "profession": "Profession", "level": "Level",
	"level_indicative": "Level indicative", "band": "Band", "registration_required": "Registration required",
	"summary": "Summary", "activities": "Activities", "quality_standards": "Quality standards",
	"knowledge_and_skills": "Knowledge and skills", "status": "Status",
	"role_title": "Role title", "framework": "Framework", "version": "Version", "competence": "Competence",
	"essential_or_desirable": "Essential or desirable",
}

// MaxImportRoles bounds the roles one file may hold: an import is checked and shown whole, and a
// confirmation page listing more would not be read.
const MaxImportRoles = 2000

// RoleProblem is one thing wrong with a roles file: the sheet (Roles or Competences; a CSV file
// is named by the sheet its table stands for), the row (the spreadsheet row or CSV line, 1 is
// the header; 0 for the file as a whole), the column (empty when the problem is the whole row
// or file) and the reason.
type RoleProblem struct {
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
}

// String gives the problem on one line: `Roles sheet, row 4, band: "B12" is not ...`.
func (p RoleProblem) String() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, p.Sheet+" sheet")
	}
	if p.Row > 0 {
		parts = append(parts, "row "+strconv.Itoa(p.Row))
	}
	if p.Column != "" {
		parts = append(parts, p.Column)
	}
	if len(parts) == 0 {
		return p.Reason
	}
	return strings.Join(parts, ", ") + ": " + p.Reason
}

// RoleFiles is what a person uploads: a workbook (Roles holds it; Competences is unused), or a
// roles CSV file and, optionally, a competences CSV file.
type RoleFiles struct {
	RolesName       string
	Roles           []byte
	CompetencesName string
	Competences     []byte
}

// RoleFrameworks are the competence framework versions an import may use: Lookup as
// workforce.ValidateRole takes it (nil when the organisation may not use the version), and
// Default, the version a competence row means when its version cell is empty ("" when the
// framework has none the organisation may use).
type RoleFrameworks struct {
	Lookup  workforce.FrameworkLookup
	Default func(key string) string
}

// ImportedRole is one role read from a file, normalised and free of errors: where it came from
// and the warnings workforce.ValidateRole gave (which do not stop an import). Its
// OrganisationID is 0: the caller says where the roles go.
type ImportedRole struct {
	Role workforce.Role
	// Row is the role's row on the Roles sheet; RequirementRows the Competences row of each of
	// its requirements, in order.
	Row             int
	RequirementRows []int
	Warnings        []RoleProblem

	cols            map[string]bool // the Roles columns the file has
	statusGiven     bool            // the status cell was not blank
	withCompetences bool            // the file has a Competences table
}

// Over returns the stored role cur as this row updates it, which is what an import does with a
// title the organisation already has: each column the file has replaces the field (a blank cell
// empties it), a column the file leaves out keeps the stored value, and a blank status keeps the
// stored status. When the file has competences, the role requires exactly its rows (none, if it
// has none); without them its requirements are kept. Sharing, provenance and the version read
// (for the conflict check) are cur's.
func (ir ImportedRole) Over(cur workforce.Role) workforce.Role {
	out, in := cur, ir.Role
	set := func(col string, apply func()) {
		if ir.cols[col] {
			apply()
		}
	}
	set("staff_group", func() { out.StaffGroup = in.StaffGroup })
	set("profession", func() { out.Profession = in.Profession })
	set("level", func() { out.Level = in.Level })
	set("level_indicative", func() { out.LevelIndicative = in.LevelIndicative })
	set("band", func() { out.Band = in.Band })
	set("registration_required", func() { out.RegistrationRequired = in.RegistrationRequired })
	set("summary", func() { out.Summary = in.Summary })
	set("activities", func() { out.Activities = in.Activities })
	set("quality_standards", func() { out.QualityStandards = in.QualityStandards })
	set("knowledge_and_skills", func() { out.KnowledgeSkills = in.KnowledgeSkills })
	out.Title = in.Title // the same but for case, which the file may correct
	if ir.statusGiven {
		out.Status = in.Status
	}
	if ir.withCompetences {
		out.Requirements = in.Requirements
	}
	return workforce.Normalise(out)
}

// ReadRoles reads a roles file and checks every row: the cells (a level that is not a number, a
// yes/no that is neither), the competences (framework, version, competence and level must be
// ones the organisation may use), the file as a whole (a title given twice, a competence row for
// a role not in the file) and workforce.ValidateRole's rules. It returns the roles and no
// problems, or no roles and every problem found, in sheet and row order.
func ReadRoles(files RoleFiles, fws RoleFrameworks) (roles []ImportedRole, problems []RoleProblem) {
	defer func() {
		// A workbook is parsed by a third-party library: whatever a damaged file does to it,
		// the import fails with a problem, never a crash.
		if rec := recover(); rec != nil {
			roles, problems = nil, []RoleProblem{{Reason: fmt.Sprintf("the file could not be read (%v)", rec)}}
		}
	}()
	if len(bytes.TrimSpace(bytes.TrimPrefix(files.Roles, utf8BOM))) == 0 {
		return nil, []RoleProblem{{Sheet: SheetRoles, Reason: "the file is empty: fill in the template's Roles sheet (or the roles CSV file)"}}
	}
	var rolesT, compsT *sheetTable
	if Detect(files.RolesName, files.Roles) == FormatXLSX {
		if len(files.Competences) > 0 {
			return nil, []RoleProblem{{Sheet: SheetCompetences, Reason: "a workbook holds its competences in its own Competences sheet: upload the workbook alone"}}
		}
		var ps []RoleProblem
		rolesT, compsT, ps = readRoleWorkbook(files.Roles)
		if len(ps) > 0 {
			return nil, ps
		}
	} else {
		var ps []RoleProblem
		rolesT, ps = csvSheet(SheetRoles, files.Roles)
		problems = append(problems, ps...)
		if len(bytes.TrimSpace(bytes.TrimPrefix(files.Competences, utf8BOM))) > 0 {
			compsT, ps = csvSheet(SheetCompetences, files.Competences)
			problems = append(problems, ps...)
		}
		if len(problems) > 0 {
			return nil, problems
		}
	}
	return readRoleTables(rolesT, compsT, fws)
}

// sheetTable is one table as records with their row numbers.
type sheetTable struct {
	sheet   string
	lines   []int
	records [][]string
}

func csvSheet(sheet string, data []byte) (*sheetTable, []RoleProblem) {
	lines, records, ps := readCSVRecords(data)
	if ps != nil {
		return nil, sheetProblems(sheet, ps)
	}
	return &sheetTable{sheet: sheet, lines: lines, records: records}, nil
}

// sheetProblems turns the table reader's problems into role problems of a sheet. readTable is
// called without a sheet name, so Field is the column alone.
func sheetProblems(sheet string, ps []Problem) []RoleProblem {
	out := make([]RoleProblem, len(ps))
	for i, p := range ps {
		out[i] = RoleProblem{Sheet: sheet, Row: p.Line, Column: p.Field, Reason: p.Reason}
	}
	return out
}

func readRoleWorkbook(data []byte) (*sheetTable, *sheetTable, []RoleProblem) {
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, nil, []RoleProblem{{Reason: "not a readable XLSX workbook: " + err.Error()}}
	}
	defer x.Close()
	names := map[string]string{}
	for _, name := range x.GetSheetList() {
		lower := strings.ToLower(strings.TrimSpace(name))
		if _, dup := names[lower]; !dup {
			names[lower] = name
		}
	}
	read := func(sheet string) (*sheetTable, []RoleProblem) {
		name, ok := names[strings.ToLower(sheet)]
		if !ok {
			return nil, nil
		}
		records, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, []RoleProblem{{Sheet: sheet, Reason: "cannot be read: " + err.Error()}}
		}
		t := &sheetTable{sheet: sheet, records: records, lines: make([]int, len(records))}
		for i := range records {
			t.lines[i] = i + 1
		}
		return t, nil
	}
	rolesT, ps := read(SheetRoles)
	if rolesT == nil && ps == nil {
		return nil, nil, []RoleProblem{{Sheet: SheetRoles, Reason: "missing: the workbook needs a sheet named Roles (download the template to start from one)"}}
	}
	compsT, ps2 := read(SheetCompetences)
	return rolesT, compsT, append(ps, ps2...)
}

// roleFieldColumns maps workforce's field names to the columns of the Roles sheet.
var roleFieldColumns = map[string]string{
	workforce.FieldKnowledgeSkills: "knowledge_and_skills",
}

// requirementFieldColumns maps a requirement's fields to the columns of the Competences sheet.
var requirementFieldColumns = map[string]string{
	"framework_key": "framework", "framework_version": "version", "node_key": "competence", "level_key": "level",
}

func readRoleTables(rolesT, compsT *sheetTable, fws RoleFrameworks) ([]ImportedRole, []RoleProblem) {
	var problems []RoleProblem
	rows, ps := readTable("", rolesT.lines, rolesT.records, RoleColumns, []string{"title"})
	problems = append(problems, sheetProblems(SheetRoles, ps)...)
	if len(rows) > MaxImportRoles {
		return nil, append(problems, RoleProblem{Sheet: SheetRoles, Reason: fmt.Sprintf("the file has %d roles: import at most %d at a time", len(rows), MaxImportRoles)})
	}
	cols := map[string]bool{}
	if len(rows) > 0 {
		for c := range rows[0].cols {
			cols[c] = true
		}
	}
	var out []ImportedRole
	byTitle := map[string]int{}
	for _, r := range rows {
		role, ps := roleFromRow(r)
		problems = append(problems, ps...)
		key := strings.ToLower(role.Title)
		if first, dup := byTitle[key]; dup && key != "" {
			problems = append(problems, RoleProblem{Sheet: SheetRoles, Row: r.line, Column: "title",
				Reason: fmt.Sprintf("%q is also the title on row %d: each role is on one row", role.Title, out[first].Row)})
			continue
		}
		if key != "" {
			byTitle[key] = len(out)
		}
		out = append(out, ImportedRole{Role: role, Row: r.line, cols: cols, statusGiven: strings.TrimSpace(role.Status) != "",
			withCompetences: compsT != nil})
	}
	if len(rows) == 0 && len(problems) == 0 {
		problems = append(problems, RoleProblem{Sheet: SheetRoles, Reason: "no roles: add one row for each role under the header row"})
	}
	if compsT != nil {
		crows, ps := readTable("", compsT.lines, compsT.records, CompetenceColumns, competenceRequired)
		problems = append(problems, sheetProblems(SheetCompetences, ps)...)
		for _, r := range crows {
			title := strings.TrimSpace(r.get("role_title"))
			q, ps := requirementFromRow(r, fws)
			problems = append(problems, ps...)
			i, ok := byTitle[strings.ToLower(title)]
			switch {
			case title == "":
				problems = append(problems, RoleProblem{Sheet: SheetCompetences, Row: r.line, Column: "role_title", Reason: "missing: give the title of the role, as on the Roles sheet"})
			case !ok:
				problems = append(problems, RoleProblem{Sheet: SheetCompetences, Row: r.line, Column: "role_title",
					Reason: fmt.Sprintf("no role called %q on the Roles sheet", title)})
			case ps == nil:
				out[i].Role.Requirements = append(out[i].Role.Requirements, q)
				out[i].RequirementRows = append(out[i].RequirementRows, r.line)
			}
		}
	}
	for i := range out {
		ir := &out[i]
		ir.Role = workforce.Normalise(ir.Role)
		for _, p := range workforce.ValidateRole(ir.Role, fws.Lookup) {
			rp := ir.Locate(p)
			if p.Warning {
				ir.Warnings = append(ir.Warnings, rp)
			} else {
				problems = append(problems, rp)
			}
		}
	}
	if len(problems) > 0 {
		return nil, sortRoleProblems(problems)
	}
	return out, nil
}

// Locate finds the sheet, row and column of a domain problem of the role.
func (ir ImportedRole) Locate(p workforce.Problem) RoleProblem {
	name, rest, indexed := strings.Cut(p.Field, "[")
	if name == workforce.FieldRequirements && indexed {
		i, _ := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
		_, part, _ := strings.Cut(rest, ".")
		if i >= 0 && i < len(ir.RequirementRows) {
			return RoleProblem{Sheet: SheetCompetences, Row: ir.RequirementRows[i], Column: requirementFieldColumns[part], Reason: p.Message}
		}
	}
	col := name
	if c, ok := roleFieldColumns[name]; ok {
		col = c
	}
	msg := p.Message
	if indexed && name != workforce.FieldRequirements {
		i, _ := strconv.Atoi(strings.SplitN(rest, "]", 2)[0])
		msg = fmt.Sprintf("line %d of the cell: %s", i+1, msg)
	}
	if name == workforce.FieldRequirements {
		col = ""
	}
	return RoleProblem{Sheet: SheetRoles, Row: ir.Row, Column: col, Reason: msg}
}

func roleFromRow(r row) (workforce.Role, []RoleProblem) {
	var ps []RoleProblem
	bad := func(col, format string, args ...any) {
		ps = append(ps, RoleProblem{Sheet: SheetRoles, Row: r.line, Column: col, Reason: fmt.Sprintf(format, args...)})
	}
	role := workforce.Role{
		Title: r.get("title"), StaffGroup: r.get("staff_group"), Profession: r.get("profession"),
		Band: r.get("band"), Summary: r.get("summary"), Status: r.get("status"),
		Activities: cellLines(r.get("activities")), QualityStandards: cellLines(r.get("quality_standards")),
		KnowledgeSkills: cellLines(r.get("knowledge_and_skills")),
	}
	if v := strings.TrimSpace(r.get("level")); v != "" {
		digits := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(v), "level"))
		n, err := strconv.Atoi(digits)
		if err != nil {
			bad("level", "%q is not a Career Framework level: give a whole number from %d to %d, or leave it empty", v, workforce.MinLevel, workforce.MaxLevel)
		} else {
			role.Level = n
		}
	}
	for _, b := range []struct {
		col string
		dst *bool
	}{{"level_indicative", &role.LevelIndicative}, {"registration_required", &role.RegistrationRequired}} {
		v := r.get(b.col)
		yes, ok := parseBool(v)
		if !ok {
			bad(b.col, "%q is not yes or no (use yes/no, true/false or 1/0, or leave it empty for no)", v)
		}
		*b.dst = yes
	}
	return role, ps
}

// cellLines splits a cell holding one item a line; workforce.Normalise drops blank lines.
func cellLines(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
}

// requirementFromRow reads a Competences row: the framework by key (any case), the version (the
// default one when empty), the competence by key or code and the level by key, title or rank,
// as people fill a sheet in. It returns nil problems only when the row names a real competence.
func requirementFromRow(r row, fws RoleFrameworks) (workforce.Requirement, []RoleProblem) {
	var ps []RoleProblem
	bad := func(col, format string, args ...any) {
		ps = append(ps, RoleProblem{Sheet: SheetCompetences, Row: r.line, Column: col, Reason: fmt.Sprintf(format, args...)})
	}
	q := workforce.Requirement{Essential: true}
	switch v := strings.ToLower(strings.TrimSpace(r.get("essential_or_desirable"))); v {
	case "", "essential", "e", "yes", "y", "true", "1":
	case "desirable", "d", "no", "n", "false", "0":
		q.Essential = false
	default:
		bad("essential_or_desirable", "%q is not essential or desirable", r.get("essential_or_desirable"))
	}
	key := strings.ToLower(strings.TrimSpace(r.get("framework")))
	version := strings.TrimSpace(r.get("version"))
	competence := strings.TrimSpace(r.get("competence"))
	level := strings.TrimSpace(r.get("level"))
	if key == "" {
		bad("framework", "missing: give the key of the competence framework (ksf, for example)")
		return q, ps
	}
	if version == "" && fws.Default != nil {
		version = fws.Default(key)
	}
	if version == "" {
		bad("framework", "unknown framework %q: no version of it is available to your organisation", key)
		return q, ps
	}
	var f *framework.Framework
	if fws.Lookup != nil {
		f = fws.Lookup(key, version)
	}
	if f == nil {
		bad("version", "framework %q has no version %q available to your organisation", key, version)
		return q, ps
	}
	q.FrameworkKey, q.FrameworkVersion = key, version
	if competence == "" {
		bad("competence", "missing: give the code or key of a competence of %s", f.Title)
	} else if node, err := findCompetence(f, competence); err != "" {
		bad("competence", "%s", err)
	} else {
		q.NodeKey = node
	}
	switch {
	case level == "" && len(f.Levels) > 0:
		bad("level", "missing: give the level required (%s)", levelNames(f))
	case level != "":
		if lk, ok := findLevel(f, level); ok {
			q.LevelKey = lk
		} else if len(f.Levels) == 0 {
			bad("level", "%s has no levels: leave the level empty", f.Title)
		} else {
			bad("level", "level %q is out of range: %s version %s has %s", level, f.Title, f.Version, levelNames(f))
		}
	}
	return q, ps
}

// findCompetence finds a node by key, else by code, else by title (any case); it returns the
// reason when there is none or more than one.
func findCompetence(f *framework.Framework, s string) (string, string) {
	if n := f.Node(s); n != nil {
		return n.Key, ""
	}
	for _, by := range []func(n *framework.Node) string{
		func(n *framework.Node) string { return n.Code },
		func(n *framework.Node) string { return n.Title },
	} {
		var found []string
		f.Walk(func(n *framework.Node, _ string, _ int) bool {
			if v := by(n); v != "" && strings.EqualFold(strings.TrimSpace(v), s) {
				found = append(found, n.Key)
			}
			return true
		})
		switch len(found) {
		case 1:
			return found[0], ""
		case 0:
		default:
			return "", fmt.Sprintf("%q names %d competences of %s: give the key of the one you mean (%s)", s, len(found), f.Title, strings.Join(found, ", "))
		}
	}
	return "", fmt.Sprintf("unknown competence %q: %s version %s has no competence with that code or key", s, f.Title, f.Version)
}

// findLevel finds a level by key, title (any case) or rank.
func findLevel(f *framework.Framework, s string) (string, bool) {
	rank, rankErr := strconv.Atoi(s)
	for _, l := range f.Levels {
		if l.Key == s || strings.EqualFold(l.Title, s) || (rankErr == nil && l.Rank == rank) {
			return l.Key, true
		}
	}
	return "", false
}

func levelNames(f *framework.Framework) string {
	if len(f.Levels) == 0 {
		return "no levels"
	}
	ls := slices.Clone(f.Levels)
	slices.SortFunc(ls, func(a, b framework.Level) int { return cmp.Compare(a.Rank, b.Rank) })
	return fmt.Sprintf("levels %d to %d (%s to %s)", ls[0].Rank, ls[len(ls)-1].Rank, ls[0].Key, ls[len(ls)-1].Key)
}

// sortRoleProblems orders problems: file-wide ones first, then the Roles sheet, then the
// Competences sheet, each by row, keeping the order found within a row.
func sortRoleProblems(ps []RoleProblem) []RoleProblem {
	sheetRank := func(s string) int {
		switch s {
		case "":
			return 0
		case SheetRoles:
			return 1
		}
		return 2
	}
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b RoleProblem) int {
		return cmp.Or(cmp.Compare(sheetRank(a.Sheet), sheetRank(b.Sheet)), cmp.Compare(a.Row, b.Row))
	})
	return out
}

// NewRoleFrameworks makes the look-ups of an import from the framework versions the
// organisation may use. A blank version means the newest published version of the framework
// (by version number), else its newest version that is not superseded or retired.
func NewRoleFrameworks(fws []*framework.Framework) RoleFrameworks {
	byRef := map[string]*framework.Framework{}
	best := map[string]*framework.Framework{}
	rank := func(f *framework.Framework) int {
		switch f.Status {
		case framework.StatusPublished:
			return 2
		case framework.StatusSuperseded, framework.StatusRetired:
			return 0
		}
		return 1
	}
	for _, f := range fws {
		byRef[f.Key+"@"+f.Version] = f
		if b, ok := best[f.Key]; !ok || rank(f) > rank(b) || (rank(f) == rank(b) && framework.CompareVersions(f.Version, b.Version) > 0) {
			best[f.Key] = f
		}
	}
	return RoleFrameworks{
		Lookup: func(key, version string) *framework.Framework { return byRef[key+"@"+version] },
		Default: func(key string) string {
			if f := best[key]; f != nil && rank(f) > 0 {
				return f.Version
			}
			return ""
		},
	}
}

// DefaultFrameworks returns, for each competence framework among fws, the version a blank
// Version cell means (see NewRoleFrameworks), ordered by key: what the template's Guide lists.
func DefaultFrameworks(fws []*framework.Framework) []*framework.Framework {
	rf := NewRoleFrameworks(fws)
	var out []*framework.Framework
	seen := map[string]bool{}
	for _, f := range fws {
		if f.Kind != framework.KindCompetence || seen[f.Key] {
			continue
		}
		seen[f.Key] = true
		if v := rf.Default(f.Key); v != "" {
			out = append(out, rf.Lookup(f.Key, v))
		}
	}
	slices.SortFunc(out, func(a, b *framework.Framework) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// RoleImportAction says what saving an imported role does.
type RoleImportAction string

const (
	ActionCreate    RoleImportAction = "create"
	ActionUpdate    RoleImportAction = "update"
	ActionUnchanged RoleImportAction = "unchanged"
)

// PlannedRole is one role of an import as it will be saved: the role (with the stored id and
// version when it updates one), what saving it does and, for an update, what changes.
type PlannedRole struct {
	ImportedRole
	Save    workforce.Role
	Action  RoleImportAction
	Current *workforce.Role // the stored role an update changes
	Changes []workforce.Change
}

// PlanRoleImport decides, for each role read from a file, whether it creates a role or updates
// the stored role with the same title (existing holds the organisation's roles by lower-case
// title), and lists the changes of each update. lookup names competences in the changes.
func PlanRoleImport(roles []ImportedRole, orgID int64, existing map[string]workforce.Role, lookup workforce.FrameworkLookup) []PlannedRole {
	out := make([]PlannedRole, len(roles))
	for i, ir := range roles {
		p := PlannedRole{ImportedRole: ir, Action: ActionCreate, Save: ir.Role}
		p.Save.OrganisationID = orgID
		if cur, ok := existing[strings.ToLower(ir.Role.Title)]; ok {
			cur := cur
			p.Current = &cur
			p.Save = ir.Over(cur)
			p.Changes = workforce.DiffWith(cur, p.Save, lookup)
			p.Action = ActionUpdate
			if len(p.Changes) == 0 {
				p.Action = ActionUnchanged
			}
		}
		out[i] = p
	}
	return out
}

// Fingerprint names what a plan found stored: each update's role id and version, and each new
// title. Checking a file again gives the same fingerprint unless someone changed the
// organisation's roles meanwhile, so a confirmation can tell that what was shown still holds.
func Fingerprint(plan []PlannedRole) string {
	parts := make([]string, len(plan))
	for i, p := range plan {
		if p.Current != nil {
			parts[i] = fmt.Sprintf("%d@%d", p.Current.ID, p.Current.Version)
		} else {
			parts[i] = "new:" + strings.ToLower(p.Role.Title)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "\n")
}
