package transfer

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/career"
)

// The sheets of a career framework workbook: the framework itself, one row per placed role, and
// one row per route, so a planner can filter and sort them in a spreadsheet.
const (
	SheetCareerFramework = "Career framework"
	SheetPlacements      = "Roles"
	SheetRoutes          = "Routes"
)

// PlacementColumns and RouteColumns are the columns of the Roles and Routes sheets.
var (
	PlacementColumns = []string{"Role ID", "Role", "Role family", "Career Framework level", "Agenda for Change band", "Staff group", "Organisation"}
	RouteColumns     = []string{"From role ID", "From role", "From level", "To role ID", "To role", "To level", "Kind", "Registration required", "Qualification", "Note"}
)

// CareerRole is what the export shows of a placed role.
type CareerRole struct {
	Title, Band, StaffGroup, Organisation string
	Level                                 int
}

// WriteCareerFrameworkXLSX writes a career framework as a workbook. roles gives the placed roles
// by id; a role missing from it is written by its id alone.
func WriteCareerFrameworkXLSX(w io.Writer, f career.Framework, orgName string, roles map[int64]CareerRole) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetCareerFramework); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	families := make([]string, len(f.Families))
	for i, fam := range f.Families {
		families[i] = fam.Name
	}
	meta := [][]any{
		{"Title", f.Title}, {"Organisation", orgName}, {"Staff group or service", f.StaffGroup},
		{"Description", f.Description}, {"Status", f.Status}, {"Shared with partners", yesNo(f.Shared)},
		{"Role families", strings.Join(families, "\n")}, {"Version", f.Version},
	}
	write := func(sheet string, header []string, rows [][]any, widths []float64) error {
		if sheet != SheetCareerFramework {
			if _, err := x.NewSheet(sheet); err != nil {
				return err
			}
		}
		if header != nil {
			cells := make([]any, len(header))
			for i, h := range header {
				cells[i] = h
			}
			rows = append([][]any{cells}, rows...)
		}
		for i, row := range rows {
			for j, v := range row {
				if s, ok := v.(string); ok {
					if err := cellText(s); err != nil {
						v = strings.ToValidUTF8(s, "?")
					}
				}
				cell, err := excelize.CoordinatesToCellName(j+1, i+1)
				if err != nil {
					return err
				}
				if err := x.SetCellValue(sheet, cell, v); err != nil {
					return fmt.Errorf("transfer: %s %s: %w", sheet, cell, err)
				}
			}
		}
		for i, wd := range widths {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := x.SetColWidth(sheet, col, col, wd); err != nil {
				return err
			}
		}
		if header != nil {
			last, _ := excelize.CoordinatesToCellName(len(header), 1)
			return x.SetCellStyle(sheet, "A1", last, bold)
		}
		return x.SetCellStyle(sheet, "A1", fmt.Sprintf("A%d", len(rows)), bold)
	}
	if err := write(SheetCareerFramework, nil, meta, []float64{24, 80}); err != nil {
		return err
	}
	name := func(id int64) CareerRole {
		if r, ok := roles[id]; ok {
			return r
		}
		return CareerRole{Title: fmt.Sprintf("role %d", id)}
	}
	var placements [][]any
	for _, p := range f.Placements {
		r := name(p.RoleID)
		fam, _ := f.Family(p.FamilyKey)
		placements = append(placements, []any{p.RoleID, r.Title, fam.Name, r.Level, r.Band, r.StaffGroup, r.Organisation})
	}
	if err := write(SheetPlacements, PlacementColumns, placements, []float64{9, 40, 28, 12, 12, 32, 32}); err != nil {
		return err
	}
	var routes [][]any
	for _, rt := range f.Routes {
		from, to := name(rt.FromRoleID), name(rt.ToRoleID)
		routes = append(routes, []any{rt.FromRoleID, from.Title, from.Level, rt.ToRoleID, to.Title, to.Level, rt.Kind,
			yesNo(rt.RegistrationRequired), rt.Qualification, rt.Note})
	}
	if err := write(SheetRoutes, RouteColumns, routes, []float64{9, 36, 9, 9, 36, 9, 9, 12, 28, 50}); err != nil {
		return err
	}
	return x.Write(w)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
