package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

var workforceGroupColumns = []string{"Table", "Group", "Headcount", "FTE in post", "Posts", "Vacant posts", "Funded FTE",
	"Filled FTE", "Vacant FTE", "Salaries (£)", "On-costs (£)", "Cost (£)", "Posts not costed"}

var workforceCoverageColumns = []string{"Team", "Framework", "Competence", "Required level", "Demand (posts)", "Held (people)", "Shortfall"}

// fteNumber and pounds turn fixed-point figures into spreadsheet numbers (two decimals, as
// shown); the figures themselves were worked out exactly.
func fteNumber(f workforce.FTE) float64 { return float64(f) / 100 }
func pounds(p workforce.Pence) float64  { return float64(p) / 100 }

func groupRow(table string, label string, f workforce.Figures) []any {
	return []any{table, label, f.Headcount, fteNumber(f.StaffFTE), f.Posts, f.VacantPosts, fteNumber(f.FundedFTE),
		fteNumber(f.FilledFTE), fteNumber(f.VacantFTE), pounds(f.BaseCost), pounds(f.OnCostTotal), pounds(f.Cost), f.Uncosted}
}

// workforceTables turns a profile into export rows: every grouping in one long table (the unit's
// total first), and the coverage table one row per team and competence.
func workforceTables(unit string, p workforce.Profile) (groups, coverage [][]any) {
	groups = append(groups, groupRow("Total", unit, p.Figures))
	for _, t := range []struct {
		name string
		rows []workforce.Group
	}{{"Level", p.ByLevel}, {"Staff group", p.ByStaffGroup}, {"Band", p.ByBand}, {"Role", p.ByRole}, {"Team", p.ByTeam}} {
		for _, g := range t.rows {
			groups = append(groups, groupRow(t.name, g.Label, g.Figures))
		}
	}
	for _, row := range p.Coverage.Teams {
		for i, c := range row.Cells {
			if c.Demand == 0 {
				continue
			}
			comp := p.Coverage.Competences[i]
			title := comp.Title
			if comp.Code != "" {
				title = comp.Code + " " + title
			}
			coverage = append(coverage, []any{row.Name, comp.FrameworkKey, title, c.Level, c.Demand, c.Held, c.Shortfall})
		}
	}
	return groups, coverage
}

// workforceExport downloads the profile: as a workbook (a summary, the grouped figures, the
// pyramid's chart data on its own sheet, coverage) or as CSV (table=groups, the default, or
// table=coverage).
func (s *Server) workforceExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format, table := q.Get("format"), q.Get("table")
	if format != "csv" && format != "xlsx" || (table != "" && table != "groups" && table != "coverage" && table != "iwf") {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The profile downloads as Excel (format=xlsx) or as CSV (format=csv, with table=groups, table=coverage or table=iwf for the IWF team profile).")
		return
	}
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	p, in, err := s.profileOf(r, uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pay := in.Pay
	pps, _, ok := s.postsProfiles(w, r, [][]workforce.Post{in.Posts})
	if !ok {
		return
	}
	iwfHeader, iwfRows := teamProfileTable(pps[0].Team, "Posts")
	groups, coverage := workforceTables(uc.unit.Name, p)
	var buf bytes.Buffer
	name := fmt.Sprintf("workforce-profile-%d-%s", uc.unit.ID, s.db.Today())
	ctype := "text/csv; charset=utf-8"
	switch {
	case format == "csv" && table == "iwf":
		name += "-iwf.csv"
		err = transfer.WriteSheetCSV(&buf, iwfHeader, iwfRows)
	case format == "csv" && table == "coverage":
		name += "-coverage.csv"
		err = transfer.WriteSheetCSV(&buf, workforceCoverageColumns, coverage)
	case format == "csv":
		name += ".csv"
		err = transfer.WriteSheetCSV(&buf, workforceGroupColumns, groups)
	default:
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		summary := [][]any{
			{"Unit", uc.unit.Name}, {"Date", string(s.db.Today())},
			{"Headcount", p.Headcount}, {"FTE in post", fteNumber(p.StaffFTE)},
			{"Funded posts", p.Posts}, {"Funded FTE", fteNumber(p.FundedFTE)}, {"Filled FTE", fteNumber(p.FilledFTE)},
			{"Vacant FTE", fteNumber(p.VacantFTE)}, {"Vacancy rate (%)", p.VacancyRate()},
			{"Registered FTE", fteNumber(p.Registered.RegisteredFTE)}, {"Unregistered FTE", fteNumber(p.Registered.UnregisteredFTE)},
			{"Registered (% of FTE in post)", p.Registered.RegisteredPercent()},
			{"Pay table", pay.Name + " " + pay.Year + provisionalNote(pay.Provisional)}, {"On-cost (%)", p.OnCost.String()},
			{"Salaries (£)", pounds(p.BaseCost)}, {"On-costs (£)", pounds(p.OnCostTotal)}, {"Cost (£)", pounds(p.Cost)},
			{"Posts not costed", p.Uncosted},
			{"IWF team profile", iwfSummary(pps[0])},
		}
		var pyramid [][]any
		for _, g := range p.ByLevel {
			pyramid = append(pyramid, []any{g.Label, fteNumber(g.StaffFTE), fteNumber(g.FundedFTE), fteNumber(g.VacantFTE)})
		}
		err = writeSheetsXLSX(&buf, []sheet{
			{name: "Summary", columns: []string{"Figure", "Value"}, widths: []float64{34, 40}, rows: summary},
			{name: "Figures", columns: workforceGroupColumns, widths: []float64{12, 36, 10, 10, 8, 10, 10, 10, 10, 14, 14, 14, 10}, rows: groups},
			{name: "Pyramid chart data", columns: []string{"Level", "FTE in post", "Funded FTE", "Vacant FTE"}, widths: []float64{24, 12, 12, 12}, rows: pyramid},
			{name: "Coverage", columns: workforceCoverageColumns, widths: []float64{24, 14, 40, 16, 12, 12, 10}, rows: coverage},
			{name: "IWF team profile", columns: iwfHeader, widths: iwfWidths(len(iwfHeader)), rows: iwfRows},
		})
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendDownload(w, ctype, name, &buf)
}

// iwfSummary says in one line what the IWF team profile of a set of posts is made of.
func iwfSummary(pp store.PostsProfile) string {
	if pp.Framework == nil {
		return fmt.Sprintf("none of the %d posts' roles has a complete profile", pp.Posts)
	}
	return fmt.Sprintf("%s version %s: %d of %d posts (%s of %s FTE) have a profile of their role",
		pp.Framework.Key, pp.Framework.Version, pp.Counted, pp.Posts, workforce.FTE(pp.Team.FTE), pp.FTE)
}

// iwfWidths are the column widths of a team profile sheet: the element and its group wide.
func iwfWidths(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 14
	}
	out[1], out[2] = 40, 24
	return out
}

func provisionalNote(p bool) string {
	if p {
		return " (provisional)"
	}
	return ""
}

// sendDownload answers with a file to download, never cached (it holds an organisation's figures).
func sendDownload(w http.ResponseWriter, ctype, name string, buf *bytes.Buffer) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}
