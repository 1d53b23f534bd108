package transfer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
)

// This file moves focus profiles (the IWF's role profiles) in and out of spreadsheets: one row
// per profile, a few columns saying whose profile it is and on which framework version, then one
// pair of columns per element: its share and its level. A file may hold profiles of several
// framework versions; a row fills the columns of its own version's elements and leaves the
// others empty. Notes are not carried (they are a person's comments, not part of the profile's
// figures).

// ProfileRecord is one profile as a row of a profile table.
type ProfileRecord struct {
	// Line is the line (CSV) or sheet row (XLSX) the record was read from; 0 when written.
	Line int
	// ID is the profile the row was exported from; 0 when not given. An import creates new
	// profiles and never changes the one named here.
	ID    int64
	Title string
	// RoleID is the role whose profile this is; 0 for a person's own profile.
	RoleID int64
	// Version is the profile's version when it was exported, for the record.
	Version int
	Profile profile.Profile
}

// ProfileColumns are the columns before the element pairs, in the order exports write them.
// title, framework and framework_version are required in an import.
var ProfileColumns = []string{"id", "title", "role_id", "framework", "framework_version", "draft", "version"}

// SheetProfiles is the sheet of a profile workbook.
const SheetProfiles = "Profiles"

// ShareColumn and LevelColumn name the columns of an element: "leadership share".
func ShareColumn(node string) string { return node + " share" }

// LevelColumn names the level column of an element: "leadership level".
func LevelColumn(node string) string { return node + " level" }

// FrameworkLookup returns a stored framework version, or nil when there is none.
type FrameworkLookup func(key, version string) *framework.Framework

// profileTableColumns lists the columns for records: the fixed ones, then the element pairs of
// each framework version in the order the records first use it, each element once.
func profileTableColumns(recs []ProfileRecord, lookup FrameworkLookup) ([]string, map[string]*framework.Framework) {
	cols := append([]string(nil), ProfileColumns...)
	fws := map[string]*framework.Framework{}
	seen := map[string]bool{}
	add := func(node string) {
		if !seen[node] {
			seen[node] = true
			cols = append(cols, ShareColumn(node), LevelColumn(node))
		}
	}
	for _, rec := range recs {
		ref := rec.Profile.FrameworkKey + "@" + rec.Profile.FrameworkVersion
		f, ok := fws[ref]
		if !ok {
			f = lookup(rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion)
			fws[ref] = f
		}
		if f != nil {
			for _, n := range f.ProfiledNodes() {
				add(n.Key)
			}
		}
		for _, e := range rec.Profile.Entries {
			add(e.Node)
		}
	}
	return cols, fws
}

// profileCells is one record as the cells of a row (shares as numbers, levels by title).
func profileCells(rec ProfileRecord, cols []string, f *framework.Framework) []any {
	cells := make([]any, len(cols))
	for i := range cells {
		cells[i] = ""
	}
	if rec.ID != 0 {
		cells[0] = rec.ID
	}
	cells[1] = rec.Title
	if rec.RoleID != 0 {
		cells[2] = rec.RoleID
	}
	cells[3], cells[4] = rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion
	cells[5] = formatBool(rec.Profile.Draft)
	if rec.Version != 0 {
		cells[6] = rec.Version
	}
	at := map[string]int{}
	for i, c := range cols {
		at[c] = i
	}
	for _, e := range rec.Profile.Entries {
		if e.Share != 0 || !rec.Profile.Draft {
			cells[at[ShareColumn(e.Node)]] = e.Share
		}
		level := e.Level
		if f != nil {
			if l := f.Level(e.Level); l != nil {
				level = l.Title
			}
		}
		cells[at[LevelColumn(e.Node)]] = level
	}
	return cells
}

func cellString(v any) string {
	switch v := v.(type) {
	case string:
		return protect(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(v)
}

// WriteProfilesCSV writes profiles as a CSV table with a UTF-8 byte order mark (so spreadsheet
// programs read it as UTF-8). Cells a spreadsheet could run as a formula get an apostrophe.
func WriteProfilesCSV(w io.Writer, recs []ProfileRecord, lookup FrameworkLookup) error {
	cols, fws := profileTableColumns(recs, lookup)
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, rec := range recs {
		for i, c := range profileCells(rec, cols, fws[rec.Profile.FrameworkKey+"@"+rec.Profile.FrameworkVersion]) {
			row[i] = cellString(c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("transfer: writing profiles CSV: %w", err)
	}
	return nil
}

// WriteProfilesXLSX writes profiles as a workbook with one Profiles sheet, through excelize's
// streaming writer. Text a cell cannot hold is an error rather than being cut.
func WriteProfilesXLSX(w io.Writer, recs []ProfileRecord, lookup FrameworkLookup) error {
	cols, fws := profileTableColumns(recs, lookup)
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetProfiles); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(SheetProfiles)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 36); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, rec := range recs {
		cells := profileCells(rec, cols, fws[rec.Profile.FrameworkKey+"@"+rec.Profile.FrameworkVersion])
		for j, c := range cells {
			if s, ok := c.(string); ok {
				if err := cellText(s); err != nil {
					return fmt.Errorf("transfer: profile %q, column %s: %w", rec.Title, cols[j], err)
				}
				cells[j] = protect(s)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

// ProfileJSON is a profile in a JSON export: the same fields as a row, with the entries as the
// API gives them.
type ProfileJSON struct {
	ID               int64           `json:"id,omitempty"`
	Title            string          `json:"title"`
	RoleID           int64           `json:"role_id,omitempty"`
	Version          int             `json:"version,omitempty"`
	FrameworkKey     string          `json:"framework_key"`
	FrameworkVersion string          `json:"framework_version"`
	Draft            bool            `json:"draft"`
	Entries          []profile.Entry `json:"entries"`
}

// WriteProfilesJSON writes profiles as a JSON document {"profiles": [...]}.
func WriteProfilesJSON(w io.Writer, recs []ProfileRecord) error {
	out := struct {
		Profiles []ProfileJSON `json:"profiles"`
	}{Profiles: make([]ProfileJSON, len(recs))}
	for i, rec := range recs {
		entries := rec.Profile.Entries
		if entries == nil {
			entries = []profile.Entry{}
		}
		out.Profiles[i] = ProfileJSON{ID: rec.ID, Title: rec.Title, RoleID: rec.RoleID, Version: rec.Version,
			FrameworkKey: rec.Profile.FrameworkKey, FrameworkVersion: rec.Profile.FrameworkVersion, Draft: rec.Profile.Draft, Entries: entries}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// ReadProfilesCSV reads a profile table (as WriteProfilesCSV writes it; the separator may be ',',
// ';' or a tab, headers in any case). Every profile is checked against the rules of its
// framework version (a draft against the draft rules). Every bad row is reported with its line,
// column and reason; with any problem no record is returned.
func ReadProfilesCSV(r io.Reader, lookup FrameworkLookup) ([]ProfileRecord, []Problem) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, []Problem{{Reason: "cannot read the file: " + err.Error()}}
	}
	lines, records, problems := readCSVRecords(data)
	if problems != nil {
		return nil, problems
	}
	return readProfileTable("", lines, records, lookup)
}

// ReadProfilesXLSX reads the Profiles sheet (or, without one, the first sheet) of a workbook
// the way ReadProfilesCSV reads a CSV file; lines are sheet rows.
func ReadProfilesXLSX(r io.Reader, lookup FrameworkLookup) (recs []ProfileRecord, problems []Problem) {
	defer func() {
		// A damaged workbook fails the import with a problem, never a crash (see ReadXLSX).
		if rec := recover(); rec != nil {
			recs, problems = nil, []Problem{{Reason: fmt.Sprintf("the workbook could not be read (%v)", rec)}}
		}
	}()
	x, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, []Problem{{Reason: "not a readable XLSX workbook: " + err.Error()}}
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, []Problem{{Field: SheetProfiles + " sheet", Reason: "missing: the workbook has no sheets"}}
	}
	sheet := sheets[0]
	for _, name := range sheets {
		if strings.EqualFold(strings.TrimSpace(name), SheetProfiles) {
			sheet = name
			break
		}
	}
	records, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, []Problem{{Field: sheet + " sheet", Reason: "cannot be read: " + err.Error()}}
	}
	lines := make([]int, len(records))
	for i := range records {
		lines[i] = i + 1
	}
	return readProfileTable(sheet, lines, records, lookup)
}

// Suffixes of the element columns once headers are normalised ("Leadership Share" →
// "leadership_share").
const (
	shareSuffix = "_share"
	levelSuffix = "_level"
)

// readProfileTable turns the rows of a profile table into records, or reports every problem.
func readProfileTable(sheet string, lines []int, records [][]string, lookup FrameworkLookup) ([]ProfileRecord, []Problem) {
	known := append([]string(nil), ProfileColumns...)
	header := map[string]string{} // normalised → as written, to name columns as the user wrote them
	for _, rec := range records {
		if blank(rec) {
			continue
		}
		for _, cell := range rec {
			n := normaliseHeader(cell)
			header[n] = strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
			if (strings.HasSuffix(n, shareSuffix) || strings.HasSuffix(n, levelSuffix)) && !isFixedColumn(n) {
				known = append(known, n)
			}
		}
		break
	}
	rows, problems := readTable(sheet, lines, records, known, []string{"title", "framework", "framework_version"})
	if rows == nil && len(problems) > 0 {
		return nil, problems
	}
	if len(rows) == 0 && len(problems) == 0 {
		return nil, []Problem{{Field: fieldName(sheet, ""), Reason: "no profiles: the file has a header row and nothing under it"}}
	}
	var out []ProfileRecord
	for _, r := range rows {
		rec, ps := profileFromRow(r, header, lookup)
		problems = append(problems, ps...)
		out = append(out, rec)
	}
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	return out, nil
}

func isFixedColumn(n string) bool {
	for _, c := range ProfileColumns {
		if c == n {
			return true
		}
	}
	return false
}

// profileFromRow reads one row: whose profile, which framework version, and each element's
// share and level, then checks the profile against its version's rules.
func profileFromRow(r row, header map[string]string, lookup FrameworkLookup) (ProfileRecord, []Problem) {
	var problems []Problem
	col := func(n string) string { // a column as the user wrote it
		if h, ok := header[n]; ok && h != "" {
			return h
		}
		return n
	}
	bad := func(n, reason string) { problems = append(problems, r.problem(col(n), reason)) }
	whole := func(n string) int64 {
		v := strings.TrimSpace(r.get(n))
		if v == "" {
			return 0
		}
		i, err := strconv.ParseInt(v, 10, 64)
		if err != nil || i < 0 {
			bad(n, fmt.Sprintf("%q is not a whole number", v))
			return 0
		}
		return i
	}
	rec := ProfileRecord{Line: r.line, ID: whole("id"), RoleID: whole("role_id"), Title: strings.TrimSpace(r.get("title"))}
	if v := whole("version"); v > 0 && v <= 1<<31-1 {
		rec.Version = int(v)
	}
	if rec.Title == "" {
		bad("title", "missing: every profile needs a title")
	}
	draft, ok := parseBool(r.get("draft"))
	if !ok {
		bad("draft", fmt.Sprintf("%q is not yes or no (use true/false, yes/no or 1/0, or leave it empty)", r.get("draft")))
	}
	key, version := strings.TrimSpace(r.get("framework")), strings.TrimSpace(r.get("framework_version"))
	rec.Profile = profile.Profile{FrameworkKey: key, FrameworkVersion: version, Draft: draft}
	switch {
	case key == "":
		bad("framework", "missing: say which framework the profile is made on, such as iwf")
		return rec, problems
	case version == "":
		bad("framework_version", "missing: say which version of "+key+" the profile is made on, such as 2.1")
		return rec, problems
	}
	f := lookup(key, version)
	if f == nil {
		bad("framework_version", fmt.Sprintf("there is no profile framework %s version %s in the catalogue", key, version))
		return rec, problems
	}
	mine := map[string]bool{}
	for _, n := range f.ProfiledNodes() {
		mine[normaliseHeader(ShareColumn(n.Key))] = true
		mine[normaliseHeader(LevelColumn(n.Key))] = true
		e := profile.Entry{Node: n.Key}
		shareCol, levelCol := normaliseHeader(ShareColumn(n.Key)), normaliseHeader(LevelColumn(n.Key))
		if v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r.get(shareCol)), "%")); v != "" {
			share, err := strconv.Atoi(v)
			if err != nil {
				bad(shareCol, fmt.Sprintf("%q is not a whole number of percent", r.get(shareCol)))
			}
			e.Share = share
		}
		if v := strings.TrimSpace(r.get(levelCol)); v != "" {
			l := profileLevel(f, v)
			if l == nil {
				titles := make([]string, len(f.Levels))
				for i, l := range f.Levels {
					titles[i] = l.Title
				}
				bad(levelCol, fmt.Sprintf("%q is not a level of %s version %s (%s)", v, f.Title, f.Version, strings.Join(titles, ", ")))
			} else {
				e.Level = l.Key
			}
		}
		rec.Profile.Entries = append(rec.Profile.Entries, e)
	}
	for n, i := range r.cols {
		if (strings.HasSuffix(n, shareSuffix) || strings.HasSuffix(n, levelSuffix)) && !isFixedColumn(n) && !mine[n] &&
			i < len(r.cells) && strings.TrimSpace(r.cells[i]) != "" {
			bad(n, fmt.Sprintf("not an element of %s version %s: leave it empty on this row", f.Title, f.Version))
		}
	}
	if len(problems) > 0 {
		return rec, problems // the rules would repeat what is already reported
	}
	for _, p := range profile.Check(rec.Profile, f) {
		switch p.Field {
		case profile.FieldShare:
			bad(normaliseHeader(ShareColumn(p.Node)), p.Message)
		case profile.FieldLevel:
			bad(normaliseHeader(LevelColumn(p.Node)), p.Message)
		case profile.FieldTotal:
			problems = append(problems, r.problem("shares", p.Message))
		default:
			bad("framework", p.Message)
		}
	}
	return rec, problems
}

// profileLevel finds a level by its key or its title, in any case.
func profileLevel(f *framework.Framework, v string) *framework.Level {
	for i := range f.Levels {
		if strings.EqualFold(f.Levels[i].Key, v) || strings.EqualFold(strings.TrimSpace(f.Levels[i].Title), v) {
			return &f.Levels[i]
		}
	}
	return nil
}

// DetectProfiles tells a profile workbook from a CSV file by its first bytes.
func DetectProfiles(head []byte) Format {
	if bytes.HasPrefix(head, zipMagic) {
		return FormatXLSX
	}
	return FormatCSV
}
