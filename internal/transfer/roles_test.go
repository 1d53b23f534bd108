package transfer

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// testKSF is a small competence framework shaped like the KSF: a domain of two dimensions with
// codes, and four levels.
func testKSF() *framework.Framework {
	return &framework.Framework{
		Key: "ksf", Version: "2010", Title: "KSF", Kind: framework.KindCompetence, Status: framework.StatusPublished,
		Levels: []framework.Level{
			{Key: "level-1", Rank: 1, Title: "Level 1"}, {Key: "level-2", Rank: 2, Title: "Level 2"},
			{Key: "level-3", Rank: 3, Title: "Level 3"}, {Key: "level-4", Rank: 4, Title: "Level 4"},
		},
		Nodes: []framework.Node{{Key: "core", Type: "domain", Title: "Core", Children: []framework.Node{
			{Key: "c1", Type: "dimension", Code: "C1", Title: "Communication"},
			{Key: "c2", Type: "dimension", Code: "C2", Title: "Personal and people development"},
		}}},
	}
}

func testRoleFrameworks() RoleFrameworks {
	ksf := testKSF()
	return RoleFrameworks{
		Lookup: func(key, version string) *framework.Framework {
			if key == ksf.Key && version == ksf.Version {
				return ksf
			}
			return nil
		},
		Default: func(key string) string {
			if key == ksf.Key {
				return ksf.Version
			}
			return ""
		},
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/roles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadRolesCSV(t *testing.T) {
	roles, problems := ReadRoles(RoleFiles{RolesName: "roles.csv", Roles: readFile(t, "roles.csv"),
		CompetencesName: "competences.csv", Competences: readFile(t, "competences.csv")}, testRoleFrameworks())
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(roles) != 2 {
		t.Fatalf("%d roles, want 2", len(roles))
	}
	nurse, clerk := roles[0], roles[1]
	if nurse.Row != 2 || clerk.Row != 4 {
		t.Errorf("rows %d and %d, want 2 and 4 (the nurse's activities span two lines)", nurse.Row, clerk.Row)
	}
	want := workforce.Role{
		Title: "Staff nurse", StaffGroup: "Nursing and Midwifery Registered", Profession: "Adult nursing",
		Level: 5, Band: "5", RegistrationRequired: true, Summary: "Plans care",
		Activities: []string{"Assesses patients", "Gives medicines"}, QualityStandards: []string{}, KnowledgeSkills: []string{},
		Status: "draft",
		Requirements: []workforce.Requirement{
			{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2", Essential: true},
			{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c2", LevelKey: "level-1", Essential: false},
		},
	}
	if d := workforce.Diff(want, nurse.Role); len(d) > 0 {
		t.Errorf("staff nurse differs: %v", d)
	}
	if !slices.Equal(nurse.RequirementRows, []int{2, 3}) {
		t.Errorf("requirement rows %v, want [2 3]", nurse.RequirementRows)
	}
	if clerk.Role.Band != "2" || clerk.Role.Status != "published" || len(clerk.Role.Requirements) != 0 {
		t.Errorf("ward clerk read as %+v", clerk.Role)
	}
}

// TestReadRolesProblems lists files with one kind of mistake each and the problem each must
// give, with its sheet, row and column. Every problem of a file is reported and no role comes
// back.
func TestReadRolesProblems(t *testing.T) {
	const head = "title,staff_group,level,band,registration_required,status\n"
	const chead = "role_title,framework,version,competence,level,essential_or_desirable\n"
	tests := []struct {
		name        string
		roles, comp string
		want        []RoleProblem
	}{
		{"missing title", head + ",,5,5,,\n", "", []RoleProblem{{SheetRoles, 2, "title", "Enter a title"}}},
		{"level out of range", head + "Nurse,,12,,,\n", "", []RoleProblem{{SheetRoles, 2, "level", "Level must be from 1 to 9, or not set (it is 12)"}}},
		{"level not a number", head + "Nurse,,five,,,\n", "", []RoleProblem{{SheetRoles, 2, "level", `"five" is not a Career Framework level: give a whole number from 1 to 9, or leave it empty`}}},
		{"band not recognised", head + "Nurse,,5,B12,,\n", "", []RoleProblem{{SheetRoles, 2, "band", `Band "B12" is not an Agenda for Change band (1 to 9, 8a to 8d)`}}},
		{"staff group", head + "Nurse,Nurses,5,,,\n", "", []RoleProblem{{SheetRoles, 2, "staff_group", `Staff group "Nurses" is not one of the NHS staff groups`}}},
		{"yes or no", head + "Nurse,,5,,maybe,\n", "", []RoleProblem{{SheetRoles, 2, "registration_required", `"maybe" is not yes or no (use yes/no, true/false or 1/0, or leave it empty for no)`}}},
		{"status", head + "Nurse,,5,,,live\n", "", []RoleProblem{{SheetRoles, 2, "status", `Status must be draft, published or retired (it is "live")`}}},
		{"duplicate title in the file", head + "Nurse,,5,,,\nnurse,,6,,,\n", "", []RoleProblem{{SheetRoles, 3, "title", `"nurse" is also the title on row 2: each role is on one row`}}},
		{"unknown column", "title,grade\nNurse,5\n", "", []RoleProblem{{SheetRoles, 1, "grade", "unknown column (the columns are " + strings.Join(RoleColumns, ", ") + ")"}}},
		{"no roles", head, "", []RoleProblem{{SheetRoles, 0, "", "no roles: add one row for each role under the header row"}}},
		{"unknown competence", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,,X9,2,\n",
			[]RoleProblem{{SheetCompetences, 2, "competence", `unknown competence "X9": KSF version 2010 has no competence with that code or key`}}},
		{"competence level out of range", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,,C1,7,\n",
			[]RoleProblem{{SheetCompetences, 2, "level", `level "7" is out of range: KSF version 2010 has levels 1 to 4 (level-1 to level-4)`}}},
		{"competence level missing", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,,C1,,\n",
			[]RoleProblem{{SheetCompetences, 2, "level", "missing: give the level required (levels 1 to 4 (level-1 to level-4))"}}},
		{"unknown framework", head + "Nurse,,5,,,\n", chead + "Nurse,kfs,,C1,2,\n",
			[]RoleProblem{{SheetCompetences, 2, "framework", `unknown framework "kfs": no version of it is available to your organisation`}}},
		{"unknown version", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,2004,C1,2,\n",
			[]RoleProblem{{SheetCompetences, 2, "version", `framework "ksf" has no version "2004" available to your organisation`}}},
		{"role not in the file", head + "Nurse,,5,,,\n", chead + "Midwife,ksf,,C1,2,\n",
			[]RoleProblem{{SheetCompetences, 2, "role_title", `no role called "Midwife" on the Roles sheet`}}},
		{"essential or desirable", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,,C1,2,maybe\n",
			[]RoleProblem{{SheetCompetences, 2, "essential_or_desirable", `"maybe" is not essential or desirable`}}},
		{"competence twice", head + "Nurse,,5,,,\n", chead + "Nurse,ksf,,C1,2,\nNurse,ksf,,c1,3,\n",
			[]RoleProblem{{SheetCompetences, 3, "competence", `Competence "c1" of framework "ksf" is already required (requirement 1)`}}},
		{"every bad row at once", head + ",,5,,,\nNurse,,10,B12,,\n", chead + "Nurse,ksf,,X9,2,\nGhost,ksf,,C1,2,\n",
			[]RoleProblem{
				{SheetRoles, 2, "title", "Enter a title"},
				{SheetRoles, 3, "level", "Level must be from 1 to 9, or not set (it is 10)"},
				{SheetRoles, 3, "band", `Band "B12" is not an Agenda for Change band (1 to 9, 8a to 8d)`},
				{SheetCompetences, 2, "competence", `unknown competence "X9": KSF version 2010 has no competence with that code or key`},
				{SheetCompetences, 3, "role_title", `no role called "Ghost" on the Roles sheet`},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roles, problems := ReadRoles(RoleFiles{RolesName: "r.csv", Roles: []byte(tt.roles), CompetencesName: "c.csv", Competences: []byte(tt.comp)}, testRoleFrameworks())
			if roles != nil {
				t.Errorf("roles returned with problems: %v", roles)
			}
			if !slices.Equal(problems, tt.want) {
				t.Errorf("problems:\n got %v\nwant %v", problems, tt.want)
			}
		})
	}
}

// TestRoleTemplateRoundTrip fills in the workbook template as a person would and reads it back.
func TestRoleTemplateRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRoleTemplate(&buf, []*framework.Framework{testKSF()}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.GetSheetList(); !slices.Equal(got, []string{SheetRoles, SheetCompetences, SheetGuide, SheetValues}) {
		t.Errorf("sheets %v", got)
	}
	dvs, err := x.GetDataValidations(SheetRoles)
	if err != nil || len(dvs) != 6 {
		t.Errorf("Roles sheet has %d drop-down lists (%v), want 6", len(dvs), err)
	}
	guide, _ := x.GetRows(SheetGuide)
	var text strings.Builder
	for _, r := range guide {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, want := range []string{"Nursing and Midwifery Registered", "8a", "C1", "Communication", "level-4", "Essential or desirable"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the Guide sheet does not mention %q", want)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.SetSheetRow(SheetRoles, "A2", &[]any{"Healthcare assistant", "Additional Clinical Services", "", 3, "no", "3", "no", "",
		"Takes observations\nHelps with personal care", "", "", "published"}))
	must(x.SetSheetRow(SheetCompetences, "A2", &[]any{"healthcare assistant", "ksf", "", "Communication", "Level 2", "desirable"}))
	var filled bytes.Buffer
	must(x.Write(&filled))
	roles, problems := ReadRoles(RoleFiles{RolesName: "upload.bin", Roles: filled.Bytes()}, testRoleFrameworks())
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(roles) != 1 {
		t.Fatalf("%d roles", len(roles))
	}
	r := roles[0].Role
	if r.Title != "Healthcare assistant" || r.Level != 3 || r.Band != "3" || r.Status != "published" ||
		!slices.Equal(r.Activities, []string{"Takes observations", "Helps with personal care"}) ||
		!slices.Equal(r.Requirements, []workforce.Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2"}}) {
		t.Errorf("read back as %+v", r)
	}

	// The same workbook with a bad row names the sheet and the spreadsheet row.
	must(x.SetSheetRow(SheetRoles, "A3", &[]any{"Porter", "", "", 11}))
	filled.Reset()
	must(x.Write(&filled))
	_, problems = ReadRoles(RoleFiles{RolesName: "roles.xlsx", Roles: filled.Bytes()}, testRoleFrameworks())
	if want := []RoleProblem{{SheetRoles, 3, "level", "Level must be from 1 to 9, or not set (it is 11)"}}; !slices.Equal(problems, want) {
		t.Errorf("problems %v, want %v", problems, want)
	}
}

func TestRoleCSVTemplate(t *testing.T) {
	for _, sheet := range []string{SheetRoles, SheetCompetences} {
		var buf bytes.Buffer
		if err := WriteRoleCSVTemplate(&buf, sheet); err != nil {
			t.Fatal(err)
		}
		// An empty template is "no roles", never a problem with its header.
		files := RoleFiles{RolesName: "roles.csv", Roles: []byte("Title\nNurse\n"), CompetencesName: "c.csv", Competences: buf.Bytes()}
		if sheet == SheetRoles {
			files = RoleFiles{RolesName: "roles.csv", Roles: buf.Bytes()}
		}
		_, problems := ReadRoles(files, testRoleFrameworks())
		if sheet == SheetRoles && (len(problems) != 1 || !strings.HasPrefix(problems[0].Reason, "no roles")) {
			t.Errorf("empty roles template: %v", problems)
		}
		if sheet == SheetCompetences && len(problems) > 0 {
			t.Errorf("empty competences template: %v", problems)
		}
	}
}

func TestReadRolesDamagedFiles(t *testing.T) {
	for name, files := range map[string]RoleFiles{
		"empty":             {RolesName: "roles.csv"},
		"not a workbook":    {RolesName: "roles.xlsx", Roles: []byte("PK\x03\x04 not really")},
		"workbook and csv":  {RolesName: "roles.xlsx", Roles: []byte("PK\x03\x04"), Competences: []byte("x")},
		"broken csv quotes": {RolesName: "roles.csv", Roles: []byte("title\n\"Nurse\n")},
	} {
		roles, problems := ReadRoles(files, testRoleFrameworks())
		if roles != nil || len(problems) == 0 {
			t.Errorf("%s: roles %v, problems %v", name, roles, problems)
		}
	}
}

// TestImportedRoleOver: re-importing a corrected file updates a stored role with the columns the
// file has and keeps what it does not say.
func TestImportedRoleOver(t *testing.T) {
	cur := workforce.Normalise(workforce.Role{ID: 7, OrganisationID: 3, Version: 4, Title: "Staff nurse", Band: "5", Level: 5,
		Summary: "Kept", Status: "published", Shared: true, Profession: "Adult nursing",
		Requirements: []workforce.Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2", Essential: true}}})
	tests := []struct {
		name, roles, comps string
		check              func(t *testing.T, got workforce.Role)
	}{
		{"only the columns given", "title,band,profession\nSTAFF NURSE,6,\n", "", func(t *testing.T, got workforce.Role) {
			if got.Band != "6" || got.Profession != "" || got.Summary != "Kept" || got.Level != 5 || got.Title != "STAFF NURSE" {
				t.Errorf("got %+v", got)
			}
		}},
		{"blank status keeps the stored one", "title,status\nStaff nurse,\n", "", func(t *testing.T, got workforce.Role) {
			if got.Status != "published" || !got.Shared || got.ID != 7 || got.Version != 4 || got.OrganisationID != 3 {
				t.Errorf("got %+v", got)
			}
		}},
		{"status given", "title,status\nStaff nurse,retired\n", "", func(t *testing.T, got workforce.Role) {
			if got.Status != "retired" {
				t.Errorf("status %q", got.Status)
			}
		}},
		{"no competences: requirements kept", "title\nStaff nurse\n", "", func(t *testing.T, got workforce.Role) {
			if len(got.Requirements) != 1 {
				t.Errorf("requirements %v", got.Requirements)
			}
		}},
		{"competences replace the requirements", "title\nStaff nurse\n", "role_title,framework,competence,level\nStaff nurse,ksf,C2,4\n", func(t *testing.T, got workforce.Role) {
			if len(got.Requirements) != 1 || got.Requirements[0].NodeKey != "c2" || got.Requirements[0].LevelKey != "level-4" {
				t.Errorf("requirements %v", got.Requirements)
			}
		}},
		{"a competences file without rows for the role removes them", "title\nStaff nurse\nOther\n", "role_title,framework,competence,level\nOther,ksf,C2,4\n", func(t *testing.T, got workforce.Role) {
			if len(got.Requirements) != 0 {
				t.Errorf("requirements %v", got.Requirements)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roles, problems := ReadRoles(RoleFiles{RolesName: "r.csv", Roles: []byte(tt.roles), CompetencesName: "c.csv", Competences: []byte(tt.comps)}, testRoleFrameworks())
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			tt.check(t, roles[0].Over(cur))
		})
	}
}
