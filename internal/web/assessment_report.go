package web

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/workframe/workframe/internal/assess"
)

type assessmentReportView struct {
	Page
	*cycleContext
	Areas                    []areaRows
	Total, Agreed, Disagreed int
	Disagreements            []standardRow
	Actions                  []actionRow
	Names                    map[int64]string
	Cycles                   []assess.Cycle
	Trends                   []areaTrend
	Chart                    template.HTML
}

// assessmentReport is the report for the board and the partnership forum: where the cycle
// stands, what is disagreed, the action plan, and each area's ratings over the cycles so far. A
// print stylesheet lays it out for paper.
func (s *Server) assessmentReport(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ratings, evidence, acts, err := s.cycleRecords(r, cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := assessmentReportView{cycleContext: cc, Page: s.page(r, "Board report: self-assessment "+cc.Cycle.Name+" of "+cc.Org.Name, "assessments", cc.crumbs()...)}
	v.Areas = rowsFor(cc, ratings, evidence)
	for _, a := range v.Areas {
		for _, row := range a.Rows {
			v.Total++
			switch row.State {
			case assess.Agreed:
				v.Agreed++
			case assess.Disagreed:
				v.Disagreed++
				v.Disagreements = append(v.Disagreements, row)
			}
		}
	}
	for _, a := range acts {
		v.Actions = append(v.Actions, actionRow{Action: a, Overdue: a.Overdue(today())})
	}
	if v.Names, err = s.signerNames(r, cc.Cycle); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The trend: this organisation's cycles on the same checklist up to this one, oldest first.
	all, err := s.db.CyclesIn(r.Context(), []int64{cc.Org.ID})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var rs []map[string]assess.Rating
	for _, c := range slices.Backward(all) {
		if c.FrameworkKey != cc.Cycle.FrameworkKey || c.FrameworkVersion != cc.Cycle.FrameworkVersion || c.CreatedAt.After(cc.Cycle.CreatedAt) {
			continue
		}
		got := ratings
		if c.ID != cc.Cycle.ID {
			if got, err = s.db.Ratings(r.Context(), c.ID); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		v.Cycles = append(v.Cycles, c)
		rs = append(rs, got)
	}
	v.Trends = areaTrends(cc.Scale, cc.Areas, v.Cycles, rs)
	v.Chart = trendChart("report-trend", "Ratings by area over time: "+cc.Org.Name, v.Trends)
	s.render(w, r, http.StatusOK, "assessment-report", v)
}
