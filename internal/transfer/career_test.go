package transfer

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/career"
)

func TestWriteCareerFrameworkXLSX(t *testing.T) {
	f := career.Framework{Title: "Research delivery career framework", Status: "published", Version: 3,
		Families:   []career.Family{{Key: "research", Name: "Research delivery"}},
		Placements: []career.Placement{{RoleID: 1, FamilyKey: "research"}, {RoleID: 2, FamilyKey: "research"}},
		Routes:     []career.Route{{FromRoleID: 1, ToRoleID: 2, Kind: career.KindUp, RegistrationRequired: true, Qualification: "=HYPERLINK(\"x\")", Note: "via apprenticeship"}}}
	roles := map[int64]CareerRole{1: {Title: "Clinical trials assistant", Level: 3, Band: "3"}, 2: {Title: "Clinical research practitioner", Level: 5, Band: "5"}}
	var buf bytes.Buffer
	if err := WriteCareerFrameworkXLSX(&buf, f, "Riverside", roles); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 3 || got[1] != SheetPlacements || got[2] != SheetRoutes {
		t.Fatalf("sheets = %v", got)
	}
	rows, _ := x.GetRows(SheetPlacements)
	if len(rows) != 3 || rows[2][1] != "Clinical research practitioner" || rows[2][3] != "5" || rows[1][2] != "Research delivery" {
		t.Fatalf("Roles sheet = %v", rows)
	}
	routes, _ := x.GetRows(SheetRoutes)
	if len(routes) != 2 || routes[1][1] != "Clinical trials assistant" || routes[1][6] != "up" || routes[1][7] != "yes" || routes[1][8] != `'=HYPERLINK("x")` {
		t.Fatalf("Routes sheet = %v", routes)
	}
	// Text that looks like a formula stays text, with the apostrophe every export puts in front
	// of it (SafeCell): a download never runs anything, in Excel or after a save as CSV.
	if formula, _ := x.GetCellFormula(SheetRoutes, "I2"); formula != "" {
		t.Errorf("a qualification became the formula %q", formula)
	}
}
