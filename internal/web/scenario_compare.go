package web

import (
	"bytes"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// Comparing today with several scenarios of a unit at once (issue 6): one column per scenario
// chosen, the same figures as one scenario's page, as tables (and pyramids with the level table
// as their text), downloadable as a workbook or CSV.

// maxCompared keeps the table readable on a phone and in print.
const maxCompared = 4

type scenarioCompareView struct {
	Page
	Unit      store.Organisation
	Scenarios []store.Scenario // the unit's scenarios the viewer sees, for the choice
	Chosen    map[int64]bool
	Columns   []store.Scenario // the scenarios compared, in the order of Cmp's columns
	Cmp       workforce.ManyComparison
	Pyramids  []template.HTML // today's, then each scenario's
	Query     string          // the choice, for the download links
	Broken    []string        // scenarios left out because they no longer work out
}

// scenarioCompareMany shows (or downloads, with format=xlsx or csv) the comparison of the
// scenarios chosen (scenario=ID, repeated) with today.
func (s *Server) scenarioCompareMany(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	list, err := s.db.UnitScenarios(r.Context(), uc.unit.ID, actor(r).UserID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	crumbs := append(uc.crumbs, crumb{unitPath(uc.unit.ID) + "/scenarios", "Scenarios"})
	v := scenarioCompareView{Page: s.page(r, "Compare scenarios: "+uc.unit.Name, "organisations", crumbs...), Unit: uc.unit, Scenarios: list, Chosen: map[int64]bool{}}
	q := r.URL.Query()
	for _, raw := range q["scenario"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		// Only the unit's scenarios the viewer sees can be chosen: anything else is ignored,
		// so a draft or another unit's scenario never shows here.
		i := slices.IndexFunc(list, func(sc store.Scenario) bool { return sc.ID == id })
		if err != nil || i < 0 || v.Chosen[id] {
			continue
		}
		v.Chosen[id] = true
		v.Columns = append(v.Columns, list[i])
	}
	if len(v.Columns) > maxCompared {
		v.Errors = []fieldError{{"scenario-" + strconv.FormatInt(v.Columns[0].ID, 10), fmt.Sprintf("Choose at most %d scenarios to compare", maxCompared)}}
		v.Columns = nil
	}
	if len(v.Columns) > 0 {
		cmp, kept, left, err := s.db.CompareScenarios(r.Context(), uc.unit.ID, v.Columns)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, l := range left {
			v.Broken = append(v.Broken, l.Scenario.Name+": "+l.Problem.Field+": "+l.Problem.Message)
		}
		v.Columns = kept
		v.Cmp = cmp
	}
	if len(v.Columns) > 0 {
		vals := make([]string, 0, len(v.Columns))
		for _, sc := range v.Columns {
			vals = append(vals, "scenario="+strconv.FormatInt(sc.ID, 10))
		}
		v.Query = strings.Join(vals, "&")
		v.Pyramids = append(v.Pyramids, pyramidSVG(manyLevels(v.Cmp.ByLevel, -1), "pyramid-today"))
		for i := range v.Columns {
			v.Pyramids = append(v.Pyramids, pyramidSVG(manyLevels(v.Cmp.ByLevel, i), "pyramid-"+strconv.Itoa(i+1)))
		}
	}
	if f := q.Get("format"); f != "" {
		s.scenarioCompareDownload(w, r, v, f)
		return
	}
	status := http.StatusOK
	if len(v.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "scenario-compare", v)
}

// manyLevels is one column of the level rows as groups, for a pyramid (-1 is today).
func manyLevels(rows []workforce.GroupColumns, col int) []workforce.Group {
	out := make([]workforce.Group, len(rows))
	for i, g := range rows {
		f := g.Today
		if col >= 0 {
			f = g.Scenarios[col]
		}
		out[i] = workforce.Group{Key: g.Key, Label: g.Label, Figures: f}
	}
	return out
}

// scenarioCompareDownload writes the comparison: one row per table and group, and for today and
// each scenario its headcount, funded FTE, vacant FTE, cost and the cost's difference from today.
func (s *Server) scenarioCompareDownload(w http.ResponseWriter, r *http.Request, v scenarioCompareView, format string) {
	if format != "csv" && format != "xlsx" {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The comparison downloads as Excel (format=xlsx) or CSV (format=csv).")
		return
	}
	if len(v.Columns) == 0 {
		s.renderError(w, r, http.StatusBadRequest, "Choose the scenarios first", "Choose one or more scenarios to compare, then download the comparison.")
		return
	}
	columns := []string{"Table", "Group", "Headcount today", "Funded FTE today", "Vacant FTE today", "Cost today (£)"}
	for _, sc := range v.Columns {
		columns = append(columns, sc.Name+": headcount", sc.Name+": funded FTE", sc.Name+": vacant FTE", sc.Name+": cost (£)", sc.Name+": cost change (£)")
	}
	row := func(table string, g workforce.GroupColumns) []any {
		out := []any{table, g.Label, g.Today.Headcount, fteNumber(g.Today.FundedFTE), fteNumber(g.Today.VacantFTE), pounds(g.Today.Cost)}
		for _, f := range g.Scenarios {
			out = append(out, f.Headcount, fteNumber(f.FundedFTE), fteNumber(f.VacantFTE), pounds(f.Cost), pounds(f.Cost-g.Today.Cost))
		}
		return out
	}
	rows := [][]any{row("Total", v.Cmp.Total)}
	for _, g := range v.Cmp.ByLevel {
		rows = append(rows, row("Level", g))
	}
	for _, g := range v.Cmp.ByStaffGroup {
		rows = append(rows, row("Staff group", g))
	}
	var buf bytes.Buffer
	var err error
	name := fmt.Sprintf("scenarios-%d-%s", v.Unit.ID, s.db.Today())
	ctype := "text/csv; charset=utf-8"
	if format == "csv" {
		name += ".csv"
		err = transfer.WriteSheetCSV(&buf, columns, rows)
	} else {
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		covCols := []string{"Competence", "Demand today", "Held today", "Shortfall today"}
		for _, sc := range v.Columns {
			covCols = append(covCols, sc.Name+": demand", sc.Name+": held", sc.Name+": shortfall")
		}
		var coverage, pyramid [][]any
		for _, c := range v.Cmp.Coverage {
			title := c.Competence.Title
			if c.Competence.Code != "" {
				title = c.Competence.Code + " " + title
			}
			out := []any{title, c.Today.Demand, c.Today.Held, c.Today.Shortfall}
			for _, cell := range c.Scenarios {
				out = append(out, cell.Demand, cell.Held, cell.Shortfall)
			}
			coverage = append(coverage, out)
		}
		pyrCols := []string{"Level", "Funded FTE today"}
		for _, sc := range v.Columns {
			pyrCols = append(pyrCols, sc.Name+": funded FTE")
		}
		for _, g := range v.Cmp.ByLevel {
			out := []any{g.Label, fteNumber(g.Today.FundedFTE)}
			for _, f := range g.Scenarios {
				out = append(out, fteNumber(f.FundedFTE))
			}
			pyramid = append(pyramid, out)
		}
		err = writeSheetsXLSX(&buf, []sheet{
			{name: "Comparison", columns: columns, rows: rows},
			{name: "Pyramid chart data", columns: pyrCols, rows: pyramid},
			{name: "Coverage", columns: covCols, rows: coverage},
		})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeDownload(w, ctype, name, &buf)
}

// writeDownload sends a file the user asked for: as an attachment with its name, never cached
// (the figures are the unit's and may name people).
func writeDownload(w http.ResponseWriter, ctype, name string, buf *bytes.Buffer) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}
