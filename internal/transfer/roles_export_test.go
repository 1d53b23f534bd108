package transfer

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/quick"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// TestRoleWorkbookRoundTrip: a workbook of roles written by WriteRoleWorkbook reads back, by
// ReadRoles, as the same roles and requirements, for any valid roles: an export can be corrected
// in a spreadsheet and imported again. The readable list sheet in front is ignored by the import.
func TestRoleWorkbookRoundTrip(t *testing.T) {
	ksf := testKSF()
	words := []string{"Nurse", "=SUM(A1)", "+44 clinic", "-minus", "@mention", "Research", "data", "Café", "care\tplan", "'quoted"}
	text := func(r *rand.Rand, n int) string {
		var parts []string
		for range 1 + r.IntN(n) {
			parts = append(parts, words[r.IntN(len(words))])
		}
		return strings.Join(parts, " ")
	}
	lines := func(r *rand.Rand) []string {
		out := []string{}
		for range r.IntN(3) {
			out = append(out, text(r, 4))
		}
		return out
	}
	property := func(seed uint64) bool {
		r := rand.New(rand.NewPCG(seed, 7))
		var roles []workforce.Role
		for i := range 1 + r.IntN(6) {
			role := workforce.Role{
				Title:                text(r, 3) + " " + string(rune('A'+i)),
				Profession:           text(r, 2),
				Level:                r.IntN(10),
				LevelIndicative:      false, // set below: only a placed level can be indicative
				RegistrationRequired: r.IntN(2) == 0,
				Summary:              text(r, 8),
				Activities:           lines(r),
				QualityStandards:     lines(r),
				KnowledgeSkills:      lines(r),
				Status:               workforce.Statuses[r.IntN(len(workforce.Statuses))],
				Requirements:         []workforce.Requirement{},
			}
			role.LevelIndicative = role.Level > 0 && r.IntN(2) == 0
			if r.IntN(3) > 0 {
				role.StaffGroup = workforce.StaffGroups[r.IntN(len(workforce.StaffGroups))].Name
			}
			if r.IntN(3) > 0 {
				role.Band = workforce.Bands[r.IntN(len(workforce.Bands))]
			}
			for _, node := range []string{"c1", "c2"} {
				if r.IntN(2) == 0 {
					role.Requirements = append(role.Requirements, workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010",
						NodeKey: node, LevelKey: ksf.Levels[r.IntN(len(ksf.Levels))].Key, Essential: r.IntN(2) == 0})
				}
			}
			roles = append(roles, role)
		}
		var buf bytes.Buffer
		list := &ListSheet{Name: "Role list", Header: []string{"Title"}, Rows: [][]any{{"=not a formula"}}}
		if err := WriteRoleWorkbook(&buf, []*framework.Framework{ksf}, roles, list); err != nil {
			t.Fatal(err)
		}
		got, problems := ReadRoles(RoleFiles{RolesName: "roles.xlsx", Roles: buf.Bytes()}, testRoleFrameworks())
		if len(problems) > 0 {
			t.Logf("seed %d: problems %v", seed, problems)
			return false
		}
		if len(got) != len(roles) {
			t.Logf("seed %d: %d roles back, want %d", seed, len(got), len(roles))
			return false
		}
		for i, ir := range got {
			g, w := ir.Role, roles[i]
			g.Requirements = append([]workforce.Requirement{}, g.Requirements...)
			same := g.Title == w.Title && g.StaffGroup == w.StaffGroup && g.Profession == w.Profession &&
				g.Level == w.Level && g.LevelIndicative == w.LevelIndicative && g.Band == w.Band &&
				g.RegistrationRequired == w.RegistrationRequired && g.Summary == w.Summary && g.Status == w.Status &&
				slices.Equal(orEmpty(g.Activities), w.Activities) && slices.Equal(orEmpty(g.QualityStandards), w.QualityStandards) &&
				slices.Equal(orEmpty(g.KnowledgeSkills), w.KnowledgeSkills) && slices.Equal(g.Requirements, w.Requirements)
			if !same {
				t.Logf("seed %d: role %d read back as\n%+v\nwant\n%+v", seed, i, g, w)
				return false
			}
		}
		return true
	}
	if err := quick.Check(property, &quick.Config{MaxCount: 60}); err != nil {
		t.Error(err)
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestRoleWorkbookSheets: the export's sheets come in order, the list first, and its cells are
// protected against formula injection.
func TestRoleWorkbookSheets(t *testing.T) {
	var buf bytes.Buffer
	list := &ListSheet{Name: "Role list", Header: []string{"Title", "Level"}, Widths: []float64{30, 8}, Rows: [][]any{{"=HYPERLINK(\"x\")", 3}}}
	roles := []workforce.Role{{Title: "Porter", Status: "draft"}}
	if err := WriteRoleWorkbook(&buf, []*framework.Framework{testKSF()}, roles, list); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := x.GetSheetList(), []string{"Role list", SheetRoles, SheetCompetences, SheetGuide, SheetValues}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if v, _ := x.GetCellValue("Role list", "A2"); v != "'=HYPERLINK(\"x\")" {
		t.Errorf("list cell A2 = %q, want the formula shown as text", v)
	}
	if v, _ := x.GetCellValue(SheetRoles, "A2"); v != "Porter" {
		t.Errorf("Roles!A2 = %q", v)
	}
}
