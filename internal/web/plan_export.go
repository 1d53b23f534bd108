package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/transfer"
)

var planActionColumns = []string{"Action ID", "Action", "Objective", "Lead partner", "Partners involved", "Priorities",
	"Start", "Due", "Status", "Overdue", "Waits for", "Latest progress", "Latest progress date"}

var planMeasureColumns = []string{"Measure ID", "Measure", "Objective", "Unit", "Direction", "Baseline", "Target",
	"Target date", "Status", "Way to target (%)", "Date", "Value", "Note"}

// planExport downloads the plan's actions and measures as one workbook: a sheet of actions and
// a sheet with one row per measure value (a measure without values has one row); or one of the
// two as CSV.
func (s *Server) planExport(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	d, err := s.loadPlanData(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var actions [][]any
	for _, a := range d.Actions {
		latest, latestOn := "", ""
		if len(a.Notes) > 0 {
			latest, latestOn = a.Notes[0].Body, a.Notes[0].On.String()
		}
		overdue := "no"
		if a.Overdue {
			overdue = "yes"
		}
		actions = append(actions, []any{a.ID, a.Title, a.Objective, a.Lead, strings.Join(a.Partners, "; "),
			strings.Join(a.Priorities, "; "), a.Start.String(), a.Due.String(), a.Status.Label(), overdue,
			strings.Join(a.DependsOn, "; "), latest, latestOn})
	}
	var measures [][]any
	for _, m := range d.Measures {
		head := []any{m.ID, m.Title, m.Objective, m.Unit, string(m.Direction), m.Baseline.String(), m.Target.String(),
			m.TargetDate.String(), string(m.Standing), m.Percent}
		if len(m.Values) == 0 {
			measures = append(measures, append(head, "", "", ""))
		}
		for _, v := range m.Values {
			measures = append(measures, append(append([]any{}, head...), v.On.String(), v.Value.String(), v.Note))
		}
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("plan-%d-%s.xlsx", plan.ID, time.Now().Format("2006-01-02"))
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// ?format=csv gives one sheet as CSV (a CSV file holds one table): ?sheet=measures for the
	// measure values, the actions otherwise. transfer.WriteSheetCSV guards cells against formulas.
	if r.URL.Query().Get("format") == "csv" {
		columns, rows, part := planActionColumns, actions, "actions"
		if r.URL.Query().Get("sheet") == "measures" {
			columns, rows, part = planMeasureColumns, measures, "measures"
		}
		if err := transfer.WriteSheetCSV(&buf, columns, rows); err != nil {
			s.serverError(w, r, err)
			return
		}
		name = fmt.Sprintf("plan-%d-%s-%s.csv", plan.ID, part, time.Now().Format("2006-01-02"))
		ctype = "text/csv; charset=utf-8"
	} else if err := writeSheetsXLSX(&buf, []sheet{{name: "Actions", columns: planActionColumns, rows: actions}, {name: "Measures", columns: planMeasureColumns, rows: measures}}); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}
