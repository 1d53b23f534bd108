package transfer

import (
	"fmt"
	"io"
	"strings"

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
	families := make([]string, len(f.Families))
	for i, fam := range f.Families {
		families[i] = fam.Name
	}
	meta := [][]any{
		{"Title", f.Title}, {"Organisation", orgName}, {"Staff group or service", f.StaffGroup},
		{"Description", f.Description}, {"Status", f.Status}, {"Shared with partners", yesNo(f.Shared)},
		{"Role families", strings.Join(families, "\n")}, {"Version", f.Version},
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
	var routes [][]any
	for _, rt := range f.Routes {
		from, to := name(rt.FromRoleID), name(rt.ToRoleID)
		routes = append(routes, []any{rt.FromRoleID, from.Title, from.Level, rt.ToRoleID, to.Title, to.Level, rt.Kind,
			yesNo(rt.RegistrationRequired), rt.Qualification, rt.Note})
	}
	b, err := NewWorkbook()
	if err != nil {
		return err
	}
	for _, sh := range []struct {
		name   string
		header []string
		widths []float64
		rows   [][]any
	}{
		{SheetCareerFramework, nil, []float64{24, 80}, meta},
		{SheetPlacements, PlacementColumns, []float64{9, 40, 28, 12, 12, 32, 32}, placements},
		{SheetRoutes, RouteColumns, []float64{9, 36, 9, 9, 36, 9, 9, 12, 28, 50}, routes},
	} {
		if err := b.AddSheet(sh.name, sh.header, sh.widths, sh.rows); err != nil {
			b.x.Close()
			return err
		}
	}
	_, err = b.WriteTo(w)
	return err
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
