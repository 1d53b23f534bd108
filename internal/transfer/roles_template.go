package transfer

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// templateRows is how many rows of the Roles and Competences sheets get drop-down lists: far
// more than a hand-filled file needs, few enough to keep the file small.
const templateRows = 2000

// columnGuide explains one column of the template, for the Guide sheet.
type columnGuide struct {
	sheet, column, required, meaning, values string
}

func roleColumnGuide() []columnGuide {
	groups := make([]string, len(workforce.StaffGroups))
	for i, g := range workforce.StaffGroups {
		groups[i] = g.Name
	}
	return []columnGuide{
		{SheetRoles, "Title", "yes", "The job's title. Unique in the organisation: a title the organisation already has updates that role (a new version) instead of adding one.", "any text up to 200 characters"},
		{SheetRoles, "Staff group", "no", "The NHS staff group (NHS Data Dictionary, as ESR names it).", strings.Join(groups, "; ") + " (or the national code 01 to 10)"},
		{SheetRoles, "Profession", "no", "Finer than the staff group, for example Physiotherapy or Clinical research.", "any text"},
		{SheetRoles, "Level", "no", "The Career Framework for Health level. A level is not a band.", "a whole number from 1 to 9, or empty (not placed yet)"},
		{SheetRoles, "Level indicative", "no", "Whether the level is only indicative (administrative and managerial roles).", "yes or no (empty: no)"},
		{SheetRoles, "Band", "no", "The Agenda for Change pay band.", strings.Join(workforce.Bands, ", ") + " (\"Band 8a\" is read too), or empty (not on Agenda for Change)"},
		{SheetRoles, "Registration required", "no", "Whether the job needs professional registration.", "yes or no (empty: no)"},
		{SheetRoles, "Summary", "no", "A few sentences on the purpose of the job.", "any text"},
		{SheetRoles, "Activities", "no", "The work activities, one on each line of the cell (Alt+Enter starts a new line in Excel).", "text, one item a line"},
		{SheetRoles, "Quality standards", "no", "The quality standards the job works to, one on each line.", "text, one item a line"},
		{SheetRoles, "Knowledge and skills", "no", "The knowledge and skills the job needs, one on each line.", "text, one item a line"},
		{SheetRoles, "Status", "no", "Where the role is in its life: a draft is being written, a published role is in use, a retired one is kept for history.", "draft, published or retired (empty: draft)"},
		{SheetCompetences, "Role title", "yes", "The title of the role, exactly as on the Roles sheet (any case).", "a title on the Roles sheet"},
		{SheetCompetences, "Framework", "yes", "The key of the competence framework.", "a key listed below"},
		{SheetCompetences, "Version", "no", "The framework's version; empty means the version listed below.", "a version listed below"},
		{SheetCompetences, "Competence", "yes", "The competence, by its code (C1, for example), key or title.", "a competence of the framework, listed below"},
		{SheetCompetences, "Level", "yes", "The level of the framework's own scale required.", "the level's number (rank), key or title, listed below"},
		{SheetCompetences, "Essential or desirable", "no", "Whether the role cannot do without the competence.", "essential or desirable (empty: essential)"},
	}
}

// WriteRoleTemplate writes the roles workbook template: empty Roles and Competences sheets with
// their headers and drop-down lists, a Guide sheet explaining every column and listing the
// competence frameworks given (their versions, levels and competences), and a Values sheet
// holding the lists the drop-downs read. fws are the framework versions the organisation may
// use, each with the version a blank Version cell means.
func WriteRoleTemplate(w io.Writer, fws []*framework.Framework) error {
	return WriteRoleWorkbook(w, fws, nil, nil)
}

// ListSheet is a readable sheet placed before the import layout's sheets of a roles workbook.
type ListSheet struct {
	Name   string
	Header []string
	Widths []float64
	Rows   [][]any
}

// WriteRoleWorkbook writes the template of WriteRoleTemplate filled with roles: one row of the
// Roles sheet per role and one row of the Competences sheet per requirement, as ReadRoles reads
// them back, so that an export can be corrected in a spreadsheet and imported again. list, when
// not nil, comes first: the import reads only the Roles and Competences sheets. fws should hold
// the framework versions the roles require, so that the Guide lists their competences and levels.
func WriteRoleWorkbook(w io.Writer, fws []*framework.Framework, roles []workforce.Role, list *ListSheet) error {
	x := excelize.NewFile()
	defer x.Close()
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	sheets := []string{SheetRoles, SheetCompetences, SheetGuide, SheetValues}
	if list != nil {
		sheets = append([]string{list.Name}, sheets...)
	}
	if err := x.SetSheetName("Sheet1", sheets[0]); err != nil {
		return err
	}
	for _, name := range sheets[1:] {
		if _, err := x.NewSheet(name); err != nil {
			return err
		}
	}
	if list != nil {
		if err := writeListSheet(x, list, bold, wrap); err != nil {
			return err
		}
	}
	header := func(sheet string, cols []string, widths []float64) error {
		for i, c := range cols {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			if err := x.SetCellValue(sheet, cell, roleHeaders[c]); err != nil {
				return err
			}
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := x.SetColWidth(sheet, col, col, widths[i]); err != nil {
				return err
			}
		}
		last, _ := excelize.ColumnNumberToName(len(cols))
		if err := x.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
			return err
		}
		if err := x.SetColStyle(sheet, "A:"+last, wrap); err != nil {
			return err
		}
		return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	if err := header(SheetRoles, RoleColumns, []float64{36, 30, 24, 8, 10, 8, 12, 50, 50, 40, 40, 11}); err != nil {
		return err
	}
	if err := header(SheetCompetences, CompetenceColumns, []float64{36, 14, 10, 16, 10, 14}); err != nil {
		return err
	}
	if err := writeRoleRows(x, roles); err != nil {
		return err
	}

	// Values: one column per list, read by the drop-downs (an inline list may hold only 255
	// characters, which the staff groups exceed).
	keys := make([]string, len(fws))
	for i, f := range fws {
		keys[i] = f.Key
	}
	groups := make([]string, len(workforce.StaffGroups))
	for i, g := range workforce.StaffGroups {
		groups[i] = g.Name
	}
	lists := []struct {
		title  string
		values []string
	}{
		{"Staff group", groups},
		{"Band", workforce.Bands},
		{"Level", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"Status", workforce.Statuses},
		{"Yes or no", []string{"yes", "no"}},
		{"Essential or desirable", []string{"essential", "desirable"}},
		{"Framework", keys},
	}
	ranges := map[string]string{}
	for i, l := range lists {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetCellValue(SheetValues, col+"1", l.title); err != nil {
			return err
		}
		for j, v := range l.values {
			if err := x.SetCellStr(SheetValues, col+strconv.Itoa(j+2), v); err != nil {
				return err
			}
		}
		if err := x.SetColWidth(SheetValues, col, col, 30); err != nil {
			return err
		}
		if len(l.values) > 0 {
			ranges[l.title] = fmt.Sprintf("%s!$%s$2:$%s$%d", SheetValues, col, col, len(l.values)+1)
		}
	}
	if err := x.SetCellStyle(SheetValues, "A1", "G1", bold); err != nil {
		return err
	}
	dropDown := func(sheet, column, list string) error {
		src, ok := ranges[list]
		if !ok {
			return nil
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", column, column, templateRows+1)
		dv.SetSqrefDropList(src)
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Not in the list", "Choose a value from the list (see the Guide sheet).")
		return x.AddDataValidation(sheet, dv)
	}
	colOf := func(cols []string, name string) string {
		for i, c := range cols {
			if c == name {
				col, _ := excelize.ColumnNumberToName(i + 1)
				return col
			}
		}
		panic("transfer: no column " + name)
	}
	for _, d := range []struct{ sheet, col, list string }{
		{SheetRoles, colOf(RoleColumns, "staff_group"), "Staff group"},
		{SheetRoles, colOf(RoleColumns, "level"), "Level"},
		{SheetRoles, colOf(RoleColumns, "level_indicative"), "Yes or no"},
		{SheetRoles, colOf(RoleColumns, "band"), "Band"},
		{SheetRoles, colOf(RoleColumns, "registration_required"), "Yes or no"},
		{SheetRoles, colOf(RoleColumns, "status"), "Status"},
		{SheetCompetences, colOf(CompetenceColumns, "framework"), "Framework"},
		{SheetCompetences, colOf(CompetenceColumns, "essential_or_desirable"), "Essential or desirable"},
	} {
		if err := dropDown(d.sheet, d.col, d.list); err != nil {
			return err
		}
	}

	// Guide: the columns, then the frameworks.
	rowN := 1
	put := func(style int, cells ...string) error {
		for i, c := range cells {
			cell, _ := excelize.CoordinatesToCellName(i+1, rowN)
			if err := x.SetCellStr(SheetGuide, cell, protect(c)); err != nil {
				return err
			}
			if style != 0 {
				if err := x.SetCellStyle(SheetGuide, cell, cell, style); err != nil {
					return err
				}
			}
		}
		rowN++
		return nil
	}
	for i, wd := range []float64{16, 24, 12, 60, 60} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(SheetGuide, col, col, wd); err != nil {
			return err
		}
	}
	if err := x.SetColStyle(SheetGuide, "A:E", wrap); err != nil {
		return err
	}
	intro := []string{
		"How to fill in this template",
		"Put one role on each row of the Roles sheet, and each competence a role requires on its own row of the Competences sheet, naming the role by its title.",
		"Upload the file on the Import roles page. Everything is checked first: if anything is wrong you see every problem with its sheet, row and column, and nothing is saved.",
		"A role whose title the organisation already has is updated (a new version); the others are added. You see what will be added and updated before anything is saved.",
	}
	for i, line := range intro {
		style := 0
		if i == 0 {
			style = bold
		}
		if err := put(style, line); err != nil {
			return err
		}
	}
	rowN++
	if err := put(bold, "Sheet", "Column", "Required", "What it means", "Valid values"); err != nil {
		return err
	}
	for _, g := range roleColumnGuide() {
		if err := put(0, g.sheet, g.column, g.required, g.meaning, g.values); err != nil {
			return err
		}
	}
	rowN++
	if err := put(bold, "Competence frameworks you can use"); err != nil {
		return err
	}
	if len(fws) == 0 {
		if err := put(0, "None: there is no competence framework your organisation may use yet."); err != nil {
			return err
		}
	}
	for _, f := range fws {
		rowN++
		if err := put(bold, "Framework", f.Key, "Version", f.Version, f.Title); err != nil {
			return err
		}
		for _, l := range f.Levels {
			if err := put(0, "Level", strconv.Itoa(l.Rank), l.Key, l.Title, l.Description); err != nil {
				return err
			}
		}
		var err error
		f.Walk(func(n *framework.Node, _ string, _ int) bool {
			if len(n.Children) > 0 {
				return true
			}
			code := n.Code
			if code == "" {
				code = n.Key
			}
			err = put(0, "Competence", code, n.Key, n.Title, n.Description)
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return x.Write(w)
}

// WriteRoleCSVTemplate writes the header row of the roles CSV file (sheet SheetRoles) or of the
// competences CSV file (SheetCompetences), with a byte order mark so that spreadsheet programs
// read it as UTF-8.
func WriteRoleCSVTemplate(w io.Writer, sheet string) error {
	cols := RoleColumns
	if sheet == SheetCompetences {
		cols = CompetenceColumns
	}
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = roleHeaders[c]
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(headers); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeListSheet fills the readable sheet: a bold, frozen header over formula-safe rows.
func writeListSheet(x *excelize.File, l *ListSheet, bold, wrap int) error {
	for i, h := range l.Header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetCellStr(l.Name, col+"1", h); err != nil {
			return err
		}
		if i < len(l.Widths) {
			if err := x.SetColWidth(l.Name, col, col, l.Widths[i]); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(max(len(l.Header), 1))
	if err := x.SetCellStyle(l.Name, "A1", last+"1", bold); err != nil {
		return err
	}
	if err := x.SetColStyle(l.Name, "A:"+last, wrap); err != nil {
		return err
	}
	for i, r := range l.Rows {
		row := SafeRow(r)
		if err := x.SetSheetRow(l.Name, "A"+strconv.Itoa(i+2), &row); err != nil {
			return err
		}
	}
	return x.SetPanes(l.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeRoleRows writes the roles and their requirements in the columns ReadRoles reads.
func writeRoleRows(x *excelize.File, roles []workforce.Role) error {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	compRow := 2
	for i, r := range roles {
		var level any = ""
		if r.Level >= workforce.MinLevel && r.Level <= workforce.MaxLevel {
			level = r.Level
		}
		row := SafeRow([]any{r.Title, r.StaffGroup, r.Profession, level, yes(r.LevelIndicative), r.Band,
			yes(r.RegistrationRequired), r.Summary, strings.Join(r.Activities, "\n"),
			strings.Join(r.QualityStandards, "\n"), strings.Join(r.KnowledgeSkills, "\n"), r.Status})
		if err := x.SetSheetRow(SheetRoles, "A"+strconv.Itoa(i+2), &row); err != nil {
			return err
		}
		for _, q := range r.Requirements {
			need := "desirable"
			if q.Essential {
				need = "essential"
			}
			// Keys, not codes or titles: a key names exactly one competence and level.
			row := SafeRow([]any{r.Title, q.FrameworkKey, q.FrameworkVersion, q.NodeKey, q.LevelKey, need})
			if err := x.SetSheetRow(SheetCompetences, "A"+strconv.Itoa(compRow), &row); err != nil {
				return err
			}
			compRow++
		}
	}
	return nil
}
