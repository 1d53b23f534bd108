package transfer

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/framework"
)

// The sheets of a Workframe workbook. Nodes is the only one an import needs.
const (
	SheetNodes     = "Nodes"
	SheetFramework = "Framework"
	SheetLevels    = "Levels"
	SheetRelations = "Relations"
	SheetCrosswalk = "Crosswalk"
)

// FrameworkFields are the rows of the Framework sheet (field, value), in the order exports write
// them. The rules and crosswalk rows are written only when the framework has rules or a
// crosswalk.
var FrameworkFields = []string{
	"key", "title", "version", "kind", "status", "publisher", "source", "licence", "description",
	"language", "identifier", "provisional",
	"profile_node_type", "total", "min_share", "min_share_provisional",
	"crosswalk_from_version", "crosswalk_level_rule",
}

// LevelColumns, RelationColumns and CrosswalkColumns are the columns of the other sheets.
var (
	LevelColumns     = []string{"key", "rank", "title", "description", "examples", "provisional"}
	RelationColumns  = []string{"type", "from", "from_uri", "from_title", "to", "to_uri", "to_title", "identifier", "sequence", "notes"}
	CrosswalkColumns = []string{"from", "to", "weight"}
)

// maxCellChars is the most UTF-16 code units a spreadsheet cell holds.
const maxCellChars = 32767

// Limits on reading a workbook, which is a zip file: a small file must not unzip to gigabytes.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 16 << 20
)

// WriteXLSX writes a framework as a workbook: a Nodes sheet (NodeColumns, one row per node in
// tree order, written with excelize's streaming writer), a Framework sheet (field, value), a
// Levels sheet, and Relations and Crosswalk sheets when the framework has them. Text cells a
// spreadsheet could run as a formula are prefixed with an apostrophe. Text a cell cannot hold
// (over 32,767 characters, or control characters) is an error rather than being cut.
func WriteXLSX(w io.Writer, f *framework.Framework) error {
	if f == nil {
		return errNilFramework
	}
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetNodes); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sheet := func(name string, header []string, widths []float64, fill func(add func(values ...any) error) error) error {
		if name != SheetNodes {
			if _, err := x.NewSheet(name); err != nil {
				return err
			}
		}
		sw, err := x.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for i, width := range widths {
			if err := sw.SetColWidth(i+1, i+1, width); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		cells := make([]any, len(header))
		for i, h := range header {
			cells[i] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", cells); err != nil {
			return err
		}
		r := 2
		add := func(values ...any) error {
			for i, v := range values {
				if s, ok := v.(string); ok {
					if err := cellText(s); err != nil {
						return fmt.Errorf("transfer: %s sheet, row %d, %s: %w", name, r, header[i], err)
					}
					values[i] = protect(s)
				}
			}
			cell, err := excelize.CoordinatesToCellName(1, r)
			if err != nil {
				return err
			}
			r++
			return sw.SetRow(cell, values)
		}
		if err := fill(add); err != nil {
			return err
		}
		return sw.Flush()
	}

	err = sheet(SheetNodes, NodeColumns, []float64{24, 24, 14, 14, 40, 60, 12, 40, 40, 40, 10, 38, 10}, func(add func(...any) error) error {
		var err error
		f.Walk(func(n *framework.Node, parent string, _ int) bool {
			var seq any
			if n.Sequence != nil {
				seq = *n.Sequence
			}
			err = add(n.Key, parent, n.Type, n.Code, n.Title, n.Description, formatBool(n.Provisional), n.Notes,
				joinList(n.Examples), joinList(n.References), seq, n.Identifier, n.Language)
			return err == nil
		})
		return err
	})
	if err != nil {
		return err
	}

	err = sheet(SheetFramework, []string{"field", "value"}, []float64{24, 80}, func(add func(...any) error) error {
		values := map[string]any{
			"key": f.Key, "title": f.Title, "version": f.Version, "kind": string(f.Kind), "status": f.Status,
			"publisher": f.Publisher, "source": f.Source, "licence": f.Licence, "description": f.Description,
			"language": f.Language, "identifier": f.Identifier, "provisional": formatBool(f.Provisional),
		}
		if r := f.Rules; r != nil {
			values["profile_node_type"], values["total"], values["min_share"] = r.ProfileNodeType, r.Total, r.MinShare
			values["min_share_provisional"] = formatBool(r.MinShareProvisional)
		}
		if c := f.Crosswalk; c != nil {
			values["crosswalk_from_version"], values["crosswalk_level_rule"] = c.FromVersion, c.LevelRule
		}
		for _, field := range FrameworkFields {
			if v, ok := values[field]; ok {
				if err := add(field, v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	err = sheet(SheetLevels, LevelColumns, []float64{20, 8, 30, 60, 40, 12}, func(add func(...any) error) error {
		for _, l := range f.Levels {
			if err := add(l.Key, l.Rank, l.Title, l.Description, l.Examples, formatBool(l.Provisional)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	if len(f.Relations) > 0 {
		err = sheet(SheetRelations, RelationColumns, []float64{16, 24, 40, 30, 24, 40, 30, 38, 10, 50}, func(add func(...any) error) error {
			for _, r := range f.Relations {
				var seq any
				if r.Sequence != nil {
					seq = *r.Sequence
				}
				if err := add(r.Type, r.From, r.FromURI, r.FromTitle, r.To, r.ToURI, r.ToTitle, r.Identifier, seq, r.Notes); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}

	if f.Crosswalk != nil && len(f.Crosswalk.Mappings) > 0 {
		err = sheet(SheetCrosswalk, CrosswalkColumns, []float64{30, 30, 10}, func(add func(...any) error) error {
			for _, m := range f.Crosswalk.Mappings {
				if len(m.To) == 0 {
					if err := add(m.From, "", nil); err != nil {
						return err
					}
				}
				for _, t := range m.To {
					if err := add(m.From, t.Node, t.Weight); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return x.Write(w)
}

// cellText reports text a spreadsheet cell cannot hold exactly.
func cellText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("the text is not valid UTF-8")
	}
	units := 0
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("the text holds the control character %U, which a spreadsheet cannot hold", r)
		}
		units += len(utf16.Encode([]rune{r}))
	}
	if units > maxCellChars {
		return fmt.Errorf("the text is %d characters long, more than a spreadsheet cell holds (%d)", units, maxCellChars)
	}
	return nil
}

// ReadXLSX reads a workbook as WriteXLSX writes it. Only the Nodes sheet (or, without one, the
// first sheet that is not one of the others) is needed; the Framework sheet gives the metadata,
// and meta's non-empty fields override it (a caller's explicit choice wins over the file). Every
// bad row is reported with its sheet row; with any problem no framework is returned.
func ReadXLSX(r io.Reader, meta framework.Framework) (f *framework.Framework, problems []Problem) {
	defer func() {
		// A workbook is a zip of XML parts parsed by a third-party library: whatever it does
		// with a damaged file, the import fails with a problem, never a crash.
		if rec := recover(); rec != nil {
			f, problems = nil, []Problem{{Reason: fmt.Sprintf("the workbook could not be read (%v)", rec)}}
		}
	}()
	x, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, []Problem{{Reason: "not a readable XLSX workbook: " + err.Error()}}
	}
	defer x.Close()

	sheets := map[string]string{}
	var others []string
	for _, name := range x.GetSheetList() {
		switch lower := strings.ToLower(strings.TrimSpace(name)); lower {
		case strings.ToLower(SheetNodes), strings.ToLower(SheetFramework), strings.ToLower(SheetLevels),
			strings.ToLower(SheetRelations), strings.ToLower(SheetCrosswalk):
			if _, dup := sheets[lower]; !dup {
				sheets[lower] = name
			}
		default:
			others = append(others, name)
		}
	}
	nodesSheet, ok := sheets[strings.ToLower(SheetNodes)]
	if !ok {
		if len(others) == 0 {
			return nil, []Problem{{Field: SheetNodes + " sheet", Reason: "missing: the workbook needs a sheet of nodes"}}
		}
		nodesSheet = others[0]
	}
	read := func(name string) ([]int, [][]string, []Problem) {
		records, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, []Problem{{Field: name + " sheet", Reason: "cannot be read: " + err.Error()}}
		}
		lines := make([]int, len(records))
		for i := range records {
			lines[i] = i + 1
		}
		return lines, records, nil
	}

	out := framework.Framework{}
	at := places{}
	if name, ok := sheets[strings.ToLower(SheetFramework)]; ok {
		lines, records, ps := read(name)
		problems = append(problems, ps...)
		if ps == nil {
			problems = append(problems, readFrameworkSheet(&out, at, lines, records)...)
		}
	}
	if name, ok := sheets[strings.ToLower(SheetLevels)]; ok {
		lines, records, ps := read(name)
		problems = append(problems, ps...)
		if ps == nil {
			problems = append(problems, readLevelsSheet(&out, at, lines, records)...)
		}
	}
	if name, ok := sheets[strings.ToLower(SheetRelations)]; ok {
		lines, records, ps := read(name)
		problems = append(problems, ps...)
		if ps == nil {
			problems = append(problems, readRelationsSheet(&out, at, lines, records)...)
		}
	}
	if name, ok := sheets[strings.ToLower(SheetCrosswalk)]; ok {
		lines, records, ps := read(name)
		problems = append(problems, ps...)
		if ps == nil {
			problems = append(problems, readCrosswalkSheet(&out, at, lines, records)...)
		}
	}
	overrideMeta(&out, meta)

	lines, records, ps := read(nodesSheet)
	problems = append(problems, ps...)
	nodeLines := map[string]int{}
	if ps == nil {
		rows, ps := readTable("", lines, records, NodeColumns, []string{"key", "title"})
		problems = append(problems, ps...)
		nodes, ps := readNodes(rows)
		problems = append(problems, ps...)
		out.Nodes = nodes
		for _, r := range rows {
			if k := strings.TrimSpace(r.get("key")); k != "" {
				if _, seen := nodeLines[k]; !seen {
					nodeLines[k] = r.line
				}
			}
		}
	}
	problems = append(problems, checkMeta(&out, "give it in the Framework sheet")...)
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	for path, pl := range nodePlaces(&out, func(key string) (place, bool) {
		line, ok := nodeLines[key]
		return place{line: line}, ok
	}) {
		at[path] = pl
	}
	if problems := validate(&out, at); len(problems) > 0 {
		return nil, problems
	}
	return &out, nil
}

// overrideMeta puts the caller's non-empty metadata over what the workbook says.
func overrideMeta(f *framework.Framework, meta framework.Framework) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&f.Key, meta.Key)
	set(&f.Title, meta.Title)
	set(&f.Version, meta.Version)
	if meta.Kind != "" {
		f.Kind = meta.Kind
	}
	set(&f.Status, meta.Status)
	set(&f.Publisher, meta.Publisher)
	set(&f.Source, meta.Source)
	set(&f.Licence, meta.Licence)
	set(&f.Description, meta.Description)
	set(&f.Language, meta.Language)
	set(&f.Identifier, meta.Identifier)
	if meta.Provisional {
		f.Provisional = true
	}
	if len(meta.Levels) > 0 {
		f.Levels = meta.Levels
	}
	if meta.Rules != nil {
		f.Rules = meta.Rules
	}
	if meta.Crosswalk != nil {
		f.Crosswalk = meta.Crosswalk
	}
	if len(meta.Relations) > 0 {
		f.Relations = meta.Relations
	}
}

// frameworkPaths says which framework path each Framework sheet field is, for placing problems.
var frameworkPaths = map[string]string{
	"profile_node_type": "rules.profile_node_type", "total": "rules.total", "min_share": "rules.min_share",
	"min_share_provisional":  "rules.min_share_provisional",
	"crosswalk_from_version": "crosswalk.from_version", "crosswalk_level_rule": "crosswalk.level_rule",
}

func readFrameworkSheet(f *framework.Framework, at places, lines []int, records [][]string) []Problem {
	rows, problems := readTable(SheetFramework, lines, records, []string{"field", "value"}, []string{"field", "value"})
	known := map[string]bool{"license": true}
	for _, k := range FrameworkFields {
		known[k] = true
	}
	seen := map[string]int{}
	for _, r := range rows {
		field := normaliseHeader(r.get("field"))
		if field == "license" {
			field = "licence"
		}
		value := r.get("value")
		switch {
		case field == "":
			problems = append(problems, r.problem("field", "missing: say which field this row gives"))
			continue
		case !known[field]:
			problems = append(problems, r.problem("field", fmt.Sprintf("%q is not a framework field (the fields are %s)", field, strings.Join(FrameworkFields, ", "))))
			continue
		}
		if first, dup := seen[field]; dup {
			problems = append(problems, r.problem("field", fmt.Sprintf("%q is also given on row %d", field, first)))
			continue
		}
		seen[field] = r.line
		path := field
		if p, ok := frameworkPaths[field]; ok {
			path = p
		}
		at[path] = place{line: r.line, sheet: SheetFramework}
		rules := func() *framework.Rules {
			if f.Rules == nil {
				f.Rules = &framework.Rules{}
			}
			return f.Rules
		}
		crosswalk := func() *framework.Crosswalk {
			if f.Crosswalk == nil {
				f.Crosswalk = &framework.Crosswalk{}
			}
			return f.Crosswalk
		}
		number := func() int {
			v := strings.TrimSpace(value)
			if v == "" {
				return 0
			}
			n, ok := parseWhole(v)
			if !ok {
				problems = append(problems, r.problem(field, fmt.Sprintf("%q is not a whole number", v)))
			}
			return n
		}
		boolean := func() bool {
			b, ok := parseBool(value)
			if !ok {
				problems = append(problems, r.problem(field, fmt.Sprintf("%q is not yes or no (use true/false, yes/no or 1/0, or leave it empty)", value)))
			}
			return b
		}
		switch field {
		case "key":
			f.Key = strings.TrimSpace(value)
		case "title":
			f.Title = value
		case "version":
			f.Version = strings.TrimSpace(value)
		case "kind":
			f.Kind = framework.Kind(strings.TrimSpace(value))
		case "status":
			f.Status = strings.TrimSpace(value)
		case "publisher":
			f.Publisher = value
		case "source":
			f.Source = value
		case "licence":
			f.Licence = value
		case "description":
			f.Description = value
		case "language":
			f.Language = strings.TrimSpace(value)
		case "identifier":
			f.Identifier = strings.TrimSpace(value)
		case "provisional":
			f.Provisional = boolean()
		case "profile_node_type":
			rules().ProfileNodeType = strings.TrimSpace(value)
		case "total":
			rules().Total = number()
		case "min_share":
			rules().MinShare = number()
		case "min_share_provisional":
			rules().MinShareProvisional = boolean()
		case "crosswalk_from_version":
			crosswalk().FromVersion = strings.TrimSpace(value)
		case "crosswalk_level_rule":
			crosswalk().LevelRule = strings.TrimSpace(value)
		}
	}
	return problems
}

func readLevelsSheet(f *framework.Framework, at places, lines []int, records [][]string) []Problem {
	rows, problems := readTable(SheetLevels, lines, records, LevelColumns, []string{"key", "rank", "title"})
	for _, r := range rows {
		l := framework.Level{
			Key: strings.TrimSpace(r.get("key")), Title: r.get("title"), Description: r.get("description"),
			Examples: r.get("examples"),
		}
		rank := strings.TrimSpace(r.get("rank"))
		if n, ok := parseWhole(rank); ok {
			l.Rank = n
		} else {
			problems = append(problems, r.problem("rank", fmt.Sprintf("%q is not a whole number", rank)))
		}
		if b, ok := parseBool(r.get("provisional")); ok {
			l.Provisional = b
		} else {
			problems = append(problems, r.problem("provisional", fmt.Sprintf("%q is not yes or no (use true/false, yes/no or 1/0, or leave it empty)", r.get("provisional"))))
		}
		at["levels["+strconv.Itoa(len(f.Levels))+"]"] = place{line: r.line, sheet: SheetLevels}
		f.Levels = append(f.Levels, l)
	}
	return problems
}

func readRelationsSheet(f *framework.Framework, at places, lines []int, records [][]string) []Problem {
	// Only the type column is required: a relation starts at a node (from) or outside the
	// framework (from_uri), and workbooks written before from_uri existed have no such column.
	rows, problems := readTable(SheetRelations, lines, records, RelationColumns, []string{"type"})
	for _, r := range rows {
		rel := framework.Relation{
			Type: strings.TrimSpace(r.get("type")), From: strings.TrimSpace(r.get("from")),
			FromURI: strings.TrimSpace(r.get("from_uri")), FromTitle: r.get("from_title"), To: strings.TrimSpace(r.get("to")),
			ToURI: strings.TrimSpace(r.get("to_uri")), ToTitle: r.get("to_title"), Identifier: strings.TrimSpace(r.get("identifier")),
			Notes: r.get("notes"),
		}
		if v := strings.TrimSpace(r.get("sequence")); v != "" {
			if n, ok := parseWhole(v); ok {
				rel.Sequence = &n
			} else {
				problems = append(problems, r.problem("sequence", fmt.Sprintf("%q is not a whole number", v)))
			}
		}
		at["relations["+strconv.Itoa(len(f.Relations))+"]"] = place{line: r.line, sheet: SheetRelations}
		f.Relations = append(f.Relations, rel)
	}
	return problems
}

func readCrosswalkSheet(f *framework.Framework, at places, lines []int, records [][]string) []Problem {
	rows, problems := readTable(SheetCrosswalk, lines, records, CrosswalkColumns, []string{"from", "to", "weight"})
	if len(rows) > 0 && f.Crosswalk == nil {
		f.Crosswalk = &framework.Crosswalk{}
	}
	index := map[string]int{}
	for _, r := range rows {
		from, to := strings.TrimSpace(r.get("from")), strings.TrimSpace(r.get("to"))
		i, ok := index[from]
		if !ok {
			i = len(f.Crosswalk.Mappings)
			index[from] = i
			f.Crosswalk.Mappings = append(f.Crosswalk.Mappings, framework.Mapping{From: from})
			at["crosswalk.mappings["+strconv.Itoa(i)+"]"] = place{line: r.line, sheet: SheetCrosswalk}
		}
		weight := strings.TrimSpace(r.get("weight"))
		if to == "" && weight == "" {
			continue // a mapping to nothing, as exported
		}
		w, err := strconv.ParseFloat(weight, 64)
		if err != nil {
			problems = append(problems, r.problem("weight", fmt.Sprintf("%q is not a number", weight)))
		}
		m := &f.Crosswalk.Mappings[i]
		at["crosswalk.mappings["+strconv.Itoa(i)+"].to["+strconv.Itoa(len(m.To))+"]"] = place{line: r.line, sheet: SheetCrosswalk}
		m.To = append(m.To, framework.Target{Node: to, Weight: w})
	}
	return problems
}
