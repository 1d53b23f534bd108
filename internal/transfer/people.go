package transfer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/workforce"
)

// People and their assignments as an HR system extract lays them out (ESR's "staff in post"
// reports and most HR exports): one row per assignment, so a person with two jobs has two rows
// with the same employee number. docs/transfer.md documents the columns.

// PeopleColumns are the columns of a people file, as exports write them. Headers match in any
// case, with spaces, hyphens or underscores; PeopleColumnAliases gives the other names accepted.
var PeopleColumns = []string{
	"Employee Number", "Full Name", "Work Email", "Position Title", "Organisation", "FTE",
	"Assignment Start Date", "Assignment End Date",
}

// Normalised column names.
const (
	colStaffNumber = "employee_number"
	colName        = "full_name"
	colEmail       = "work_email"
	colRole        = "position_title"
	colTeam        = "organisation"
	colFTE         = "fte"
	colStart       = "assignment_start_date"
	colEnd         = "assignment_end_date"
)

var peopleKnown = []string{colStaffNumber, colName, colEmail, colRole, colTeam, colFTE, colStart, colEnd}

// PeopleColumnAliases are other header names read as each column (normalised: lower case,
// underscores).
var PeopleColumnAliases = map[string]string{
	"staff_number": colStaffNumber, "employee_no": colStaffNumber, "assignment_number": colStaffNumber,
	"name": colName, "employee_name": colName,
	"email": colEmail, "email_address": colEmail, "work_email_address": colEmail,
	"role": colRole, "job_role": colRole, "position": colRole, "job_title": colRole,
	"team": colTeam, "organisation_name": colTeam, "org_l6": colTeam,
	"fte_value": colFTE, "whole_time_equivalent": colFTE, "wte": colFTE,
	"start_date": colStart, "assignment_start": colStart,
	"end_date": colEnd, "assignment_end": colEnd, "projected_assignment_end": colEnd,
}

// MaxPeopleRows bounds a people file, so one upload cannot hold the server for long.
const MaxPeopleRows = 50_000

// PersonRow is one row of a people file: one assignment of one person, with the role and team
// by name (the caller resolves them against the organisation's roles and teams).
type PersonRow struct {
	Line        int
	Sheet       string
	StaffNumber string
	Name        string
	WorkEmail   string
	Role        string
	Team        string
	FTE         workforce.FTE
	Start       workforce.Date
	End         workforce.Date
}

// ReadPeople reads a people file, CSV or XLSX (by its name, or its first bytes), and reports
// every bad row with its line (or sheet row) and column. With any problem no rows are returned.
func ReadPeople(filename string, data []byte) ([]PersonRow, []Problem) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || strings.HasSuffix(strings.ToLower(filename), ".xlsx") {
		return readPeopleXLSX(data)
	}
	return readPeopleCSV(data)
}

func readPeopleCSV(data []byte) ([]PersonRow, []Problem) {
	data = bytes.TrimPrefix(data, utf8BOM)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffSeparator(data)
	cr.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line := pe.StartLine
				if line == 0 {
					line = pe.Line
				}
				return nil, []Problem{{Line: line, Reason: "not valid CSV: " + pe.Err.Error() + " (in the row that starts on this line)"}}
			}
			return nil, []Problem{{Reason: "not valid CSV: " + err.Error()}}
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
		if len(records) > MaxPeopleRows+1 {
			return nil, []Problem{{Reason: fmt.Sprintf("the file has more than %d rows: split it into smaller files", MaxPeopleRows)}}
		}
	}
	return peopleRows("", lines, records)
}

func readPeopleXLSX(data []byte) (out []PersonRow, problems []Problem) {
	defer func() {
		if rec := recover(); rec != nil {
			out, problems = nil, []Problem{{Reason: fmt.Sprintf("the workbook could not be read (%v)", rec)}}
		}
	}()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, []Problem{{Reason: "not a readable XLSX workbook: " + err.Error()}}
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, []Problem{{Reason: "the workbook has no sheets"}}
	}
	// The first sheet holds the people (ESR reports have one); a sheet called People wins.
	name := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), SheetPeople) {
			name = s
		}
	}
	records, err := x.GetRows(name)
	if err != nil {
		return nil, []Problem{{Field: name + " sheet", Reason: "cannot be read: " + err.Error()}}
	}
	if len(records) > MaxPeopleRows+1 {
		return nil, []Problem{{Reason: fmt.Sprintf("the sheet has more than %d rows: split it into smaller files", MaxPeopleRows)}}
	}
	lines := make([]int, len(records))
	for i := range records {
		lines[i] = i + 1
	}
	return peopleRows(name, lines, records)
}

// SheetPeople is the name of the sheet exports write.
const SheetPeople = "People"

func peopleRows(sheet string, lines []int, records [][]string) ([]PersonRow, []Problem) {
	// Read other names of the columns as ours before the shared header check.
	for h := range records {
		if blank(records[h]) {
			continue
		}
		hdr := append([]string(nil), records[h]...)
		for i, cell := range hdr {
			if canon, ok := PeopleColumnAliases[normaliseHeader(cell)]; ok {
				hdr[i] = canon
			}
		}
		records[h] = hdr
		break
	}
	rows, problems := readTable(sheet, lines, records, peopleKnown, []string{colStaffNumber, colName, colRole, colTeam, colFTE, colStart})
	var out []PersonRow
	for _, r := range rows {
		pr := PersonRow{Line: r.line, Sheet: sheet,
			StaffNumber: strings.TrimSpace(r.get(colStaffNumber)), Name: strings.Join(strings.Fields(r.get(colName)), " "),
			WorkEmail: strings.TrimSpace(r.get(colEmail)), Role: strings.TrimSpace(r.get(colRole)), Team: strings.TrimSpace(r.get(colTeam))}
		need := func(col, v, what string) {
			if v == "" {
				problems = append(problems, r.problem(col, "enter the "+what))
			}
		}
		need(colStaffNumber, pr.StaffNumber, "employee number")
		need(colName, pr.Name, "full name")
		need(colRole, pr.Role, "position title (the role, as named in Workframe)")
		need(colTeam, pr.Team, "organisation (the team, as named in Workframe)")
		var err error
		if pr.FTE, err = workforce.ParseFTE(r.get(colFTE)); err != nil {
			problems = append(problems, r.problem(colFTE, err.Error()))
		} else if pr.FTE < workforce.MinFTE || pr.FTE > workforce.MaxFTE {
			problems = append(problems, r.problem(colFTE, fmt.Sprintf("must be from 0.01 to 1.00 (it is %s)", pr.FTE)))
		}
		if pr.Start, err = workforce.ParseDate(r.get(colStart)); err != nil {
			problems = append(problems, r.problem(colStart, err.Error()))
		} else if pr.Start.IsZero() {
			problems = append(problems, r.problem(colStart, "enter the date the assignment started"))
		}
		if pr.End, err = workforce.ParseDate(r.get(colEnd)); err != nil {
			problems = append(problems, r.problem(colEnd, err.Error()))
		} else if !pr.End.IsZero() && !pr.Start.IsZero() && pr.End.Before(pr.Start) {
			problems = append(problems, r.problem(colEnd, "is before the start date"))
		}
		out = append(out, pr)
	}
	if len(out) == 0 && len(problems) == 0 {
		problems = append(problems, Problem{Field: fieldName(sheet, ""), Reason: "no people: the file has a header row but no rows under it"})
	}
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	return out, nil
}

// PeopleFrom groups rows into people (rows with the same employee number are one person's
// assignments, in file order) and resolves roles and teams by name, in any case. The rows of one
// person must agree on the name and work email. Lines gives, for each person, the rows of each
// of their assignments, so a later problem can be reported where it is.
func PeopleFrom(rows []PersonRow, roleID, teamID func(name string) (int64, bool)) (people []workforce.Person, where [][]PersonRow, problems []Problem) {
	at := map[string]int{}
	problem := func(r PersonRow, col, reason string) {
		problems = append(problems, Problem{Line: r.Line, Field: fieldName(r.Sheet, col), Reason: reason})
	}
	for _, r := range rows {
		a := workforce.Assignment{FTE: r.FTE, Start: r.Start, End: r.End}
		var ok bool
		if a.RoleID, ok = roleID(r.Role); !ok {
			problem(r, colRole, fmt.Sprintf("no role called %q in the organisation", r.Role))
		}
		if a.TeamID, ok = teamID(r.Team); !ok {
			problem(r, colTeam, fmt.Sprintf("no team called %q in the organisation", r.Team))
		}
		i, seen := at[r.StaffNumber]
		if !seen {
			at[r.StaffNumber] = len(people)
			people = append(people, workforce.Person{StaffNumber: r.StaffNumber, Name: r.Name, WorkEmail: r.WorkEmail,
				Assignments: []workforce.Assignment{a}})
			where = append(where, []PersonRow{r})
			continue
		}
		first := where[i][0]
		if !strings.EqualFold(first.Name, r.Name) {
			problem(r, colName, fmt.Sprintf("employee %s is %q on line %d: one person has one name", r.StaffNumber, first.Name, first.Line))
		}
		if !strings.EqualFold(first.WorkEmail, r.WorkEmail) {
			problem(r, colEmail, fmt.Sprintf("employee %s has another work email on line %d", r.StaffNumber, first.Line))
		}
		people[i].Assignments = append(people[i].Assignments, a)
		where[i] = append(where[i], r)
	}
	return people, where, sortProblems(problems)
}

// PersonProblem places a problem the domain or the store found with person i of PeopleFrom's
// result ("name", "assignments[1].fte") on the row and column of the file it came from.
func PersonProblem(where [][]PersonRow, i int, field, message string) Problem {
	rows := where[i]
	r := rows[0]
	col := map[string]string{"staff_number": colStaffNumber, "name": colName, "work_email": colEmail,
		"role": colRole, "team": colTeam, "fte": colFTE, "start_date": colStart, "end_date": colEnd}
	name := field
	var k int
	if n, _ := fmt.Sscanf(field, "assignments[%d].", &k); n == 1 && k >= 0 && k < len(rows) {
		r = rows[k]
		name = field[strings.Index(field, ".")+1:]
	}
	if c, ok := col[name]; ok {
		name = c
	}
	return Problem{Line: r.Line, Field: fieldName(r.Sheet, name), Reason: message}
}

// PeopleTable is the rows of a people export: the header (PeopleColumns) and one row per
// assignment (a person without any gets one row with the assignment cells empty), with role and
// team names given by the callbacks.
func PeopleTable(people []workforce.Person, roleName, teamName func(id int64) string) [][]string {
	out := [][]string{append([]string(nil), PeopleColumns...)}
	for _, p := range people {
		if len(p.Assignments) == 0 {
			out = append(out, []string{p.StaffNumber, p.Name, p.WorkEmail, "", "", "", "", ""})
			continue
		}
		for _, a := range p.Assignments {
			out = append(out, []string{p.StaffNumber, p.Name, p.WorkEmail, roleName(a.RoleID), teamName(a.TeamID),
				a.FTE.String(), string(a.Start), string(a.End)})
		}
	}
	return out
}

// WritePeopleCSV writes a people table as CSV with a byte order mark, formula-like cells
// protected.
func WritePeopleCSV(w io.Writer, table [][]string) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for _, row := range table {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = protect(c)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WritePeopleXLSX writes a people table as a workbook with one sheet, People, streamed.
func WritePeopleXLSX(w io.Writer, table [][]string) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetPeople); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(SheetPeople)
	if err != nil {
		return err
	}
	for i, row := range table {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = protect(c)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

// PreparePeople reads a people file and resolves its roles and teams by name (any case), giving
// the people an import saves and, for each, the rows they came from; or every problem found.
// The web page and the command line both import through it.
func PreparePeople(filename string, data []byte, roleID, teamID func(name string) (int64, bool)) ([]workforce.Person, [][]PersonRow, []Problem) {
	rows, problems := ReadPeople(filename, data)
	if len(problems) > 0 {
		return nil, nil, problems
	}
	people, where, problems := PeopleFrom(rows, roleID, teamID)
	if len(problems) > 0 {
		return nil, nil, problems
	}
	return people, where, nil
}

// NameLookup returns a look-up of ids by name, in any case and with spaces around ignored.
func NameLookup(ids map[string]int64) func(string) (int64, bool) {
	folded := make(map[string]int64, len(ids))
	for name, id := range ids {
		folded[strings.ToLower(strings.TrimSpace(name))] = id
	}
	return func(name string) (int64, bool) {
		id, ok := folded[strings.ToLower(strings.TrimSpace(name))]
		return id, ok
	}
}
