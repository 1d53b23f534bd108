package transfer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workframe/workframe/internal/framework"
)

// This file holds what CSV and XLSX share: the node columns, reading a header, and turning rows
// into a tree with row-level problems.

// NodeColumns are the columns of a node table (CSV file, XLSX "Nodes" sheet), in the order
// exports write them. Only key and title are required in an import.
var NodeColumns = []string{
	"key", "parent", "type", "code", "title", "description", "provisional", "notes",
	"examples", "references", "sequence", "identifier", "language",
}

// row is one row of a table: its line (or sheet row) and its cells by column.
type row struct {
	line  int
	cells []string
	cols  map[string]int
	sheet string
}

// get returns a cell with the export's formula protection removed.
func (r row) get(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return unprotect(r.cells[i])
}

func (r row) problem(col, reason string) Problem {
	return Problem{Line: r.line, Field: fieldName(r.sheet, col), Reason: reason}
}

func fieldName(sheet, col string) string {
	if sheet == "" {
		return col
	}
	if col == "" {
		return sheet + " sheet"
	}
	return col + " (" + sheet + " sheet)"
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func normaliseHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// readTable reads a header row (the first non-blank row) and the rows after it. Headers match
// known columns whatever their case; unknown, repeated and missing required columns are
// problems, and so is data under a column without a name.
func readTable(sheet string, lines []int, records [][]string, known, required []string) ([]row, []Problem) {
	var problems []Problem
	h := 0
	for h < len(records) && blank(records[h]) {
		h++
	}
	if h == len(records) {
		return nil, []Problem{{Field: fieldName(sheet, ""), Reason: "empty: expected a header row naming the columns (" + strings.Join(required, ", ") + ", ...)"}}
	}
	header := records[h]
	cols := map[string]int{}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	var unnamed []int
	for i, cell := range header {
		name := normaliseHeader(cell)
		switch {
		case name == "":
			unnamed = append(unnamed, i)
		case !isKnown[name]:
			problems = append(problems, Problem{Line: lines[h], Field: fieldName(sheet, strings.TrimSpace(cell)), Reason: "unknown column (the columns are " + strings.Join(known, ", ") + ")"})
		default:
			if _, dup := cols[name]; dup {
				problems = append(problems, Problem{Line: lines[h], Field: fieldName(sheet, name), Reason: "the column appears twice"})
				continue
			}
			cols[name] = i
		}
	}
	missing := false
	for _, req := range required {
		if _, ok := cols[req]; !ok {
			problems = append(problems, Problem{Line: lines[h], Field: fieldName(sheet, req), Reason: "missing column"})
			missing = true
		}
	}
	if missing {
		return nil, problems // without a required column every row would repeat the complaint
	}
	var rows []row
	for j := h + 1; j < len(records); j++ {
		cells := records[j]
		if blank(cells) {
			continue
		}
		r := row{line: lines[j], cells: cells, cols: cols, sheet: sheet}
		for _, i := range unnamed {
			if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
				problems = append(problems, r.problem(fmt.Sprintf("column %d", i+1), "holds data but has no name in the header row"))
			}
		}
		if len(cells) > len(header) && !blank(cells[len(header):]) {
			problems = append(problems, r.problem("", fmt.Sprintf("has %d cells but the header names %d columns", len(cells), len(header))))
		}
		for i, c := range cells {
			if !utf8.ValidString(c) {
				col := fmt.Sprintf("column %d", i+1)
				for name, ci := range cols {
					if ci == i {
						col = name
					}
				}
				problems = append(problems, r.problem(col, "not valid UTF-8 text (save the file as UTF-8)"))
				break
			}
		}
		rows = append(rows, r)
	}
	return rows, problems
}

// nodeRecord is a node read from a row, with its parent's key.
type nodeRecord struct {
	line   int
	parent string
	node   framework.Node
}

// readNodes turns node rows into a tree: children in row order under their parent. Every bad
// row is reported; the tree is returned only when there are no problems.
func readNodes(rows []row) ([]framework.Node, []Problem) {
	var problems []Problem
	var recs []nodeRecord
	firstLine := map[string]int{}
	for _, r := range rows {
		rec, ps := nodeFromRow(r)
		problems = append(problems, ps...)
		if rec.node.Key == "" {
			continue
		}
		if first, dup := firstLine[rec.node.Key]; dup {
			problems = append(problems, r.problem("key", fmt.Sprintf("%q is also the key on line %d", rec.node.Key, first)))
			continue
		}
		firstLine[rec.node.Key] = r.line
		recs = append(recs, rec)
	}
	index := map[string]int{}
	for i, rec := range recs {
		index[rec.node.Key] = i
	}
	sheet := ""
	if len(rows) > 0 {
		sheet = rows[0].sheet
	}
	parent := make([]int, len(recs))
	for i, rec := range recs {
		parent[i] = -1
		if rec.parent == "" {
			continue
		}
		p, ok := index[rec.parent]
		if !ok {
			problems = append(problems, Problem{Line: rec.line, Field: fieldName(sheet, "parent"), Reason: fmt.Sprintf("no node with key %q in the file", rec.parent)})
			continue
		}
		parent[i] = p
	}
	// Loops: a node that is its own ancestor. Every row on a loop is reported.
	for _, loop := range parentLoops(parent) {
		names := make([]string, 0, len(loop)+1)
		for _, j := range loop {
			names = append(names, recs[j].node.Key)
		}
		names = append(names, names[0])
		for _, j := range loop {
			problems = append(problems, Problem{Line: recs[j].line, Field: fieldName(sheet, "parent"), Reason: "the parents form a loop: " + strings.Join(names, " → ")})
		}
	}
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	children := make([][]int, len(recs)+1)
	for i := range recs {
		p := parent[i]
		if p < 0 {
			p = len(recs)
		}
		children[p] = append(children[p], i)
	}
	var build func(i int) framework.Node
	build = func(i int) framework.Node {
		n := recs[i].node
		for _, c := range children[i] {
			n.Children = append(n.Children, build(c))
		}
		return n
	}
	var nodes []framework.Node
	for _, c := range children[len(recs)] {
		nodes = append(nodes, build(c))
	}
	return nodes, nil
}

func nodeFromRow(r row) (nodeRecord, []Problem) {
	var problems []Problem
	rec := nodeRecord{line: r.line, parent: strings.TrimSpace(r.get("parent"))}
	n := &rec.node
	key := strings.TrimSpace(r.get("key"))
	switch {
	case key == "":
		problems = append(problems, r.problem("key", "missing: every row needs a key"))
	default:
		n.Key = key
	}
	n.Type = strings.TrimSpace(r.get("type"))
	if n.Type == "" {
		n.Type = defaultNodeType
	}
	n.Code = r.get("code")
	n.Title = r.get("title")
	if strings.TrimSpace(n.Title) == "" {
		problems = append(problems, r.problem("title", "missing: every row needs a title"))
	}
	n.Description = r.get("description")
	if v := r.get("provisional"); v != "" {
		b, ok := parseBool(v)
		if !ok {
			problems = append(problems, r.problem("provisional", fmt.Sprintf("%q is not yes or no (use true/false, yes/no or 1/0, or leave it empty)", v)))
		}
		n.Provisional = b
	}
	n.Notes = r.get("notes")
	n.Examples = splitList(r.get("examples"))
	n.References = splitList(r.get("references"))
	if v := strings.TrimSpace(r.get("sequence")); v != "" {
		s, ok := parseWhole(v)
		if !ok {
			problems = append(problems, r.problem("sequence", fmt.Sprintf("%q is not a whole number", v)))
		} else {
			n.Sequence = &s
		}
	}
	n.Identifier = strings.TrimSpace(r.get("identifier"))
	n.Language = strings.TrimSpace(r.get("language"))
	return rec, problems
}

// nodeCells lists the node rows of a framework in tree order (parents before their children),
// with the cells not yet protected.
func nodeCells(f *framework.Framework) [][]string {
	var out [][]string
	f.Walk(func(n *framework.Node, parent string, _ int) bool {
		seq := ""
		if n.Sequence != nil {
			seq = strconv.Itoa(*n.Sequence)
		}
		out = append(out, []string{
			n.Key, parent, n.Type, n.Code, n.Title, n.Description, formatBool(n.Provisional), n.Notes,
			joinList(n.Examples), joinList(n.References), seq, n.Identifier, n.Language,
		})
		return true
	})
	return out
}

// checkMeta reports the metadata a framework cannot do without.
func checkMeta(f *framework.Framework, where string) []Problem {
	var problems []Problem
	need := func(field, value string) {
		if strings.TrimSpace(value) == "" {
			problems = append(problems, Problem{Field: field, Reason: "missing: " + where})
		}
	}
	need("key", f.Key)
	need("title", f.Title)
	need("version", f.Version)
	need("kind", string(f.Kind))
	return problems
}

// sortProblems orders problems by line, keeping the order found within a line.
func sortProblems(ps []Problem) []Problem {
	out := make([]Problem, len(ps))
	copy(out, ps)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}
