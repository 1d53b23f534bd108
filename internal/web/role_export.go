package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// roleExportColumns are the columns of a role export: one row per role, its requirements
// summarised in two cells (essential and desirable), one competence a line.
var roleExportColumns = []string{
	"Role ID", "Title", "Organisation", "Shared by a partner", "Staff group", "Profession",
	"Career Framework level", "Level is indicative", "Agenda for Change band", "Registration required",
	"Status", "Shared with partners", "Copied from role ID", "Summary", "Work activities",
	"Quality standards", "Knowledge and skills", "Essential competences", "Desirable competences",
	"Provisional wording", "Version", "Last updated",
}

var roleExportWidths = []float64{9, 36, 30, 10, 30, 24, 10, 10, 10, 12, 11, 10, 10, 60, 60, 40, 40, 60, 60, 12, 8, 18}

// roleExport downloads every role the search finds (not only one page) as XLSX or CSV.
func (s *Server) roleExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "xlsx" && format != "csv" {
		s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
			"Choose Excel (XLSX) or CSV from the search results.")
		return
	}
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rs := parseRoleSearch(r.URL.Query(), rc)
	q := rs.query(rc)
	q.Limit, q.Offset = store.MaxRolePage, 0
	levels, err := s.careerLevels(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	memo := s.frameworkMemo(r)
	var rows [][]any
	for len(q.OrganisationIDs) > 0 {
		page, err := s.db.SearchRoles(r.Context(), q)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, role := range page.Roles {
			rows = append(rows, roleExportRow(role, rc, levels, memo.get))
		}
		if memo.err != nil {
			s.serverError(w, r, memo.err)
			return
		}
		q.Offset += len(page.Roles)
		if len(page.Roles) < q.Limit { // the last page; page.Total stops counting at 1,000
			break
		}
	}
	// Written to a buffer first so a failure gives an error page, not half a file.
	var buf bytes.Buffer
	ctype := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = writeRolesXLSX(&buf, rows)
	} else {
		err = writeRolesCSV(&buf, rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "roles-" + time.Now().Format("2006-01-02") + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}

// roleExportRow is one role as the cells of a row.
func roleExportRow(role workforce.Role, rc roleContext, levels []careerLevel, lookup workforce.FrameworkLookup) []any {
	provisional := false
	var level any = ""
	if role.Level >= workforce.MinLevel && role.Level <= workforce.MaxLevel {
		level = role.Level
		provisional = levels[role.Level-1].Provisional
	}
	var essential, desirable []string
	for _, q := range role.Requirements {
		f := lookup(q.FrameworkKey, q.FrameworkVersion)
		label := strings.TrimSuffix(strings.TrimSuffix(workforce.RequirementLabel(q, f), " (essential)"), " (desirable)")
		if requirementProvisional(q, f) {
			label += " (provisional)"
			provisional = true
		}
		if q.Essential {
			essential = append(essential, label)
		} else {
			desirable = append(desirable, label)
		}
	}
	var copied any = ""
	if role.CopiedFromID != 0 {
		copied = role.CopiedFromID
	}
	return []any{
		role.ID, role.Title, rc.names[role.OrganisationID], yesNo(!rc.inScope(role.OrganisationID)),
		role.StaffGroup, role.Profession, level, yesNo(role.LevelIndicative), role.Band, yesNo(role.RegistrationRequired),
		role.Status, yesNo(role.Shared), copied, role.Summary,
		strings.Join(role.Activities, "\n"), strings.Join(role.QualityStandards, "\n"), strings.Join(role.KnowledgeSkills, "\n"),
		strings.Join(essential, "\n"), strings.Join(desirable, "\n"),
		yesNo(provisional), role.Version, role.UpdatedAt.UTC().Format("2006-01-02 15:04"),
	}
}

// requirementProvisional reports whether the competence or the level required is provisional
// wording.
func requirementProvisional(q workforce.Requirement, f *framework.Framework) bool {
	if f == nil {
		return false
	}
	if n := f.Node(q.NodeKey); n != nil && n.Provisional {
		return true
	}
	l := f.Level(q.LevelKey)
	return l != nil && l.Provisional
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// maxCellUnits is the most UTF-16 code units a spreadsheet cell holds.
const maxCellUnits = 32767

// safeCell makes text safe for a spreadsheet: control characters a cell cannot hold become
// spaces, text too long for a cell is cut with a note, and a cell a spreadsheet program could
// run as a formula (starting with = + - @ or a tab or carriage return: CSV injection) gets an
// apostrophe in front, which shows it as text.
func safeCell(s string) string {
	var b strings.Builder
	units := 0
	const note = " … (cut: too long for a spreadsheet cell)"
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			r = ' '
		}
		n := len(utf16.Encode([]rune{r}))
		if units+n > maxCellUnits-len(note)-1 {
			b.WriteString(note)
			break
		}
		units += n
		b.WriteRune(r)
	}
	s = b.String()
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return s
}

func safeRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if s, ok := v.(string); ok {
			out[i] = safeCell(s)
		} else {
			out[i] = v
		}
	}
	return out
}

// writeRolesXLSX writes the rows as a workbook with one sheet, through excelize's streaming
// writer so that a large export does not hold every cell as an object.
func writeRolesXLSX(w io.Writer, rows [][]any) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Roles"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, width := range roleExportWidths {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(roleExportColumns))
	for i, h := range roleExportColumns {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, row := range rows {
		cells := safeRow(row)
		for j, c := range cells {
			cells[j] = excelize.Cell{StyleID: wrap, Value: c}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("web: role export row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

// writeRolesCSV writes the rows as CSV with a byte order mark, so that spreadsheet programs
// read it as UTF-8.
func writeRolesCSV(w io.Writer, rows [][]any) error {
	if _, err := w.Write([]byte("\xef\xbb\xbf")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(roleExportColumns); err != nil {
		return err
	}
	record := make([]string, len(roleExportColumns))
	for _, row := range safeRowsText(rows) {
		copy(record, row)
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func safeRowsText(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, v := range safeRow(row) {
			switch v := v.(type) {
			case string:
				out[i][j] = v
			case int:
				out[i][j] = strconv.Itoa(v)
			case int64:
				out[i][j] = strconv.FormatInt(v, 10)
			default:
				out[i][j] = fmt.Sprint(v)
			}
		}
	}
	return out
}
