package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

var scenarioCompareColumns = []string{"Table", "Group", "Posts now", "Posts in scenario", "Funded FTE now", "Funded FTE in scenario",
	"Funded FTE change", "Vacant FTE now", "Vacant FTE in scenario", "Cost now (£)", "Cost in scenario (£)", "Cost change (£)"}

func compareRow(table string, g workforce.GroupChange) []any {
	return []any{table, g.Label, g.Current.Posts, g.Scenario.Posts, fteNumber(g.Current.FundedFTE), fteNumber(g.Scenario.FundedFTE),
		fteNumber(g.FundedChange()), fteNumber(g.Current.VacantFTE), fteNumber(g.Scenario.VacantFTE),
		pounds(g.Current.Cost), pounds(g.Scenario.Cost), pounds(g.CostChange())}
}

// iwfCompareRows is the IWF team profile comparison as sheet rows, with a first row that says
// which version and how many posts went in on each side.
func iwfCompareRows(v scenarioIWFView) [][]any {
	yes := map[bool]string{true: "yes", false: "no"}
	rows := [][]any{{"Posts with a profile of their role", iwfSummary(v.Now.PostsProfile), "", "", "", "", ""}}
	rows[0][2], rows[0][3] = v.Now.Counted, v.Scenario.Counted
	for _, c := range v.Changes {
		rows = append(rows, []any{c.Title, c.ParentTitle, c.Current, c.Scenario, c.Change(), yes[c.CurrentGap], yes[c.ScenarioGap]})
	}
	return rows
}

var (
	scenarioCoverageColumns = []string{"Competence", "Demand now", "Held now", "Shortfall now", "Demand in scenario", "Held in scenario", "Shortfall in scenario", "Shortfall change"}
	scenarioChangeColumns   = []string{"Number", "Change", "Reason", "Posts changed", "Posts added", "FTE", "Band", "People retrained", "Competences gained", "Made at"}
)

// scenarioExport downloads the comparison: as a workbook (the comparison, the pyramids' chart
// data, coverage and the changes with their reasons) or as CSV, one table at a time (table=
// comparison, the default; coverage; or changes). Retrain changes give the number of people,
// not their names: a download leaves Workframe, and the figures need no names.
func (s *Server) scenarioExport(w http.ResponseWriter, r *http.Request) {
	format, table := r.URL.Query().Get("format"), r.URL.Query().Get("table")
	if format != "csv" && format != "xlsx" || (table != "" && table != "comparison" && table != "coverage" && table != "changes") {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The comparison downloads as Excel (format=xlsx) or CSV (format=csv, with table=comparison, coverage or changes).")
		return
	}
	_, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	in, posts, cmp, broken, err := s.scenarioCompare(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if broken != "" {
		s.renderError(w, r, http.StatusConflict, "The scenario cannot be worked out", broken)
		return
	}
	iwf, ok := s.scenarioIWF(w, r, in.Posts, posts)
	if !ok {
		return
	}
	rows := [][]any{compareRow("Total", cmp.Total)}
	for _, t := range []struct {
		name string
		gs   []workforce.GroupChange
	}{{"Level", cmp.ByLevel}, {"Staff group", cmp.ByStaffGroup}, {"Role", cmp.ByRole}} {
		for _, g := range t.gs {
			rows = append(rows, compareRow(t.name, g))
		}
	}
	var coverage, changes [][]any
	for _, c := range cmp.Coverage {
		title := c.Competence.Title
		if c.Competence.Code != "" {
			title = c.Competence.Code + " " + title
		}
		coverage = append(coverage, []any{title, c.Current.Demand, c.Current.Held, c.Current.Shortfall,
			c.Scenario.Demand, c.Scenario.Held, c.Scenario.Shortfall, c.ShortfallChange()})
	}
	words := s.retrainWords(r, in, cmp)
	for i, c := range sc.Changes {
		var gained string
		if c.Kind == workforce.ChangeRetrain {
			gained = words.gains(c)
		}
		changes = append(changes, []any{i + 1, workforce.ChangeKindLabel(c.Kind), c.Reason, len(c.PostIDs), c.Count, c.FTE.String(), c.Band,
			len(c.PersonIDs), gained, c.At})
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("scenario-%d-%s", sc.ID, s.db.Today())
	ctype := "text/csv; charset=utf-8"
	if format == "csv" {
		switch table {
		case "coverage":
			name += "-coverage.csv"
			err = transfer.WriteSheetCSV(&buf, scenarioCoverageColumns, coverage)
		case "changes":
			name += "-changes.csv"
			err = transfer.WriteSheetCSV(&buf, scenarioChangeColumns, changes)
		default:
			name += ".csv"
			err = transfer.WriteSheetCSV(&buf, scenarioCompareColumns, rows)
		}
	} else {
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		var pyramid [][]any
		for _, g := range cmp.ByLevel {
			pyramid = append(pyramid, []any{g.Label, fteNumber(g.Current.StaffFTE), fteNumber(g.Current.FundedFTE), fteNumber(g.Scenario.FundedFTE)})
		}
		err = writeSheetsXLSX(&buf, []sheet{
			{name: "Comparison", columns: scenarioCompareColumns, widths: []float64{12, 36, 10, 10, 12, 12, 12, 12, 12, 14, 14, 14}, rows: rows},
			{name: "Pyramid chart data", columns: []string{"Level", "FTE in post now", "Funded FTE now", "Funded FTE in scenario"}, widths: []float64{24, 14, 14, 16}, rows: pyramid},
			{name: "Coverage", columns: scenarioCoverageColumns, widths: []float64{40, 10, 10, 12, 12, 12, 14, 12}, rows: coverage},
			{name: "IWF team profile", columns: []string{"Element", "Group", "Share today (%)", "Share in scenario (%)", "Change (points)", "Nobody at the gap level today", "Nobody at the gap level in scenario"},
				widths: []float64{40, 24, 12, 12, 12, 14, 14}, rows: iwfCompareRows(iwf)},
			{name: "Changes", columns: scenarioChangeColumns, widths: []float64{8, 24, 50, 10, 10, 8, 8, 10, 40, 22}, rows: changes},
		})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeDownload(w, ctype, name, &buf)
}
