package transfer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/workframe/workframe/internal/framework"
)

// ReadCSV reads a node table (one row per node, columns NodeColumns in any order, header names
// in any case) into a framework whose metadata is meta: a CSV file holds nodes only, so meta
// must give at least the key, title, version and kind. meta's levels, rules, relations and
// crosswalk are kept; its nodes are replaced. The separator may be ',', ';' or a tab (the one
// the header row uses most). Every bad row is reported with its line; with any problem no
// framework is returned.
func ReadCSV(r io.Reader, meta framework.Framework) (*framework.Framework, []Problem) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, []Problem{{Reason: "cannot read the file: " + err.Error()}}
	}
	lines, records, problems := readCSVRecords(data)
	if problems != nil {
		return nil, problems
	}
	f := meta
	f.Nodes = nil
	problems = checkMeta(&f, "a CSV file holds nodes only, so give the framework's "+"key, title, version and kind with it")
	rows, ps := readTable("", lines, records, NodeColumns, []string{"key", "title"})
	problems = append(problems, ps...)
	nodes, ps := readNodes(rows)
	problems = append(problems, ps...)
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	f.Nodes = nodes
	lineOf := map[string]int{}
	for _, r := range rows {
		if k := strings.TrimSpace(r.get("key")); k != "" {
			lineOf[k] = r.line
		}
	}
	if problems := validate(&f, nodePlaces(&f, func(key string) (place, bool) {
		line, ok := lineOf[key]
		return place{line: line}, ok
	})); len(problems) > 0 {
		return nil, problems
	}
	return &f, nil
}

// readCSVRecords splits a CSV file into records with the line each starts on. A byte order mark
// is skipped and the separator sniffed; a file that is not valid CSV is one problem naming the
// line of the row at fault.
func readCSVRecords(data []byte) ([]int, [][]string, []Problem) {
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
				return nil, nil, []Problem{{Line: line, Reason: "not valid CSV: " + pe.Err.Error() + " (in the row that starts on this line)"}}
			}
			return nil, nil, []Problem{{Reason: "not valid CSV: " + err.Error()}}
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
	}
	return lines, records, nil
}

// sniffSeparator picks the separator the first line uses most among ',', ';' and tab (outside
// quotes); ',' when there is none.
func sniffSeparator(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// WriteCSV writes the framework's nodes as a CSV table: a UTF-8 byte order mark (so that
// spreadsheet programs read the file as UTF-8), a header row with NodeColumns, and one row per
// node in tree order. Cells a spreadsheet could run as a formula are prefixed with an
// apostrophe. Framework metadata, levels, relations and the crosswalk are not written: use XLSX,
// YAML or CASE to keep them.
func WriteCSV(w io.Writer, f *framework.Framework) error {
	if f == nil {
		return errNilFramework
	}
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(NodeColumns); err != nil {
		return err
	}
	for _, cells := range nodeCells(f) {
		for i := range cells {
			cells[i] = protect(cells[i])
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("transfer: writing CSV: %w", err)
	}
	return nil
}
