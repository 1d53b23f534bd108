package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// notShown stands in every figure of a suppressed row, in the page and the downloads.
const notShown = "not shown"

var partnershipCoverageColumns = []string{"Framework", "Competence", "Demand (posts)", "Held (people)", "Shortfall"}

// shownRow is one export row of a partnership table: its figures, or "not shown" in each.
func shownRow(table string, row workforce.Shown) []any {
	if row.Figures == nil {
		out := []any{table, row.Label}
		for range workforceGroupColumns[2:] {
			out = append(out, notShown)
		}
		return out
	}
	return groupRow(table, row.Label, *row.Figures)
}

// partnershipTables turns the partnership's figures, already suppressed, into export rows.
func partnershipTables(p workforce.PartnershipProfile) (groups, coverage [][]any) {
	groups = append(groups, shownRow("Total", p.Total))
	for _, t := range []struct {
		name string
		rows []workforce.Shown
	}{{"Partner", p.Partners}, {"Level", p.ByLevel}, {"Staff group", p.ByStaffGroup}, {"Registration", p.Registered}} {
		for _, row := range t.rows {
			groups = append(groups, shownRow(t.name, row))
		}
	}
	for _, c := range p.Coverage {
		title := c.Competence.Title
		if c.Competence.Code != "" {
			title = c.Competence.Code + " " + title
		}
		row := []any{c.Competence.FrameworkKey, title, c.Demand, notShown, notShown}
		if c.Held != nil {
			row[3], row[4] = *c.Held, *c.Shortfall
		}
		coverage = append(coverage, row)
	}
	return groups, coverage
}

// partnershipWorkforceExport downloads the partnership's profile as a workbook (the figures,
// the pyramid's chart data on its own sheet, coverage) or as CSV (table=groups, the default,
// or table=coverage). The figures are those of the page, suppressed the same way.
func (s *Server) partnershipWorkforceExport(w http.ResponseWriter, r *http.Request) {
	// Who may see it first: the answer to a bad query must not tell a non-partner the
	// partnership exists.
	pc, p, ok := s.loadPartnershipWorkforce(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	format, table := q.Get("format"), q.Get("table")
	if format != "csv" && format != "xlsx" || (table != "" && table != "groups" && table != "coverage") {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The profile downloads as Excel (format=xlsx) or as CSV (format=csv, with table=groups or table=coverage).")
		return
	}
	groups, coverage := partnershipTables(p)
	var buf bytes.Buffer
	var err error
	name := fmt.Sprintf("partnership-workforce-%d-%s", pc.P.ID, s.db.Today())
	ctype := "text/csv; charset=utf-8"
	switch {
	case format == "csv" && table == "coverage":
		name += "-coverage.csv"
		err = transfer.WriteSheetCSV(&buf, partnershipCoverageColumns, coverage)
	case format == "csv":
		name += ".csv"
		err = transfer.WriteSheetCSV(&buf, workforceGroupColumns, groups)
	default:
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		summary := [][]any{
			{"Partnership", pc.P.Name}, {"Date", string(s.db.Today())}, {"Partners", len(pc.Partners)},
			{"Smallest group shown (people)", p.MinGroup},
			{"Not shown", "a group of fewer than " + strconv.Itoa(p.MinGroup) + " people, or one a partner could work out by taking its own figures away"},
		}
		var pyramid [][]any
		for _, row := range p.ByLevel {
			if row.Figures == nil {
				pyramid = append(pyramid, []any{row.Label, notShown, notShown, notShown})
				continue
			}
			pyramid = append(pyramid, []any{row.Label, fteNumber(row.Figures.StaffFTE), fteNumber(row.Figures.FundedFTE), fteNumber(row.Figures.VacantFTE)})
		}
		err = writeSheetsXLSX(&buf, []sheet{
			{name: "Summary", columns: []string{"Figure", "Value"}, widths: []float64{34, 60}, rows: summary},
			{name: "Figures", columns: workforceGroupColumns, widths: []float64{12, 36, 10, 10, 8, 10, 10, 10, 10, 14, 14, 14, 10}, rows: groups},
			{name: "Pyramid chart data", columns: []string{"Level", "FTE in post", "Funded FTE", "Vacant FTE"}, widths: []float64{24, 12, 12, 12}, rows: pyramid},
			{name: "Coverage", columns: partnershipCoverageColumns, widths: []float64{14, 40, 12, 12, 10}, rows: coverage},
		})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendDownload(w, ctype, name, &buf)
}
