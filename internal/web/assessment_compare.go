package web

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/workframe/workframe/internal/assess"
)

type moveRow struct {
	assess.Standard
	From, To, Direction string
}

type assessmentCompareView struct {
	Page
	OrgName       string
	OrgID         int64
	Cycles        []assess.Cycle // of the same checklist version as To, oldest first
	From, To      assess.Cycle
	All           []assess.Cycle
	Moves         []moveRow
	Up, Down      int
	Scale         assess.Scale
	Trends        []areaTrend
	Chart         template.HTML
	NotComparable bool
}

// assessmentCompare compares two cycles of an organisation: which standards moved up or down
// the scale, and a chart with a table of every area's score over the cycles on the same
// checklist.
func (s *Server) assessmentCompare(w http.ResponseWriter, r *http.Request) {
	org, _, ok := s.assessmentOrg(w, r)
	if !ok {
		return
	}
	all, err := s.db.CyclesIn(r.Context(), []int64{org.ID})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := assessmentCompareView{OrgName: org.Name, OrgID: org.ID, All: all,
		Page: s.page(r, "Compare the self-assessments of "+org.Name, "assessments", crumb{"/", "Home"},
			crumb{"/assessments", "Self-assessment"}, crumb{"/organisations/" + itoa(org.ID) + "/assessments", org.Name})}
	if len(all) < 2 {
		s.renderError(w, r, http.StatusNotFound, "There is nothing to compare yet", org.Name+" needs two assessment cycles before they can be compared.")
		return
	}
	pick := func(param string, fallback assess.Cycle) assess.Cycle {
		if id, ok := parseID(r.URL.Query().Get(param)); ok {
			for _, c := range all {
				if c.ID == id {
					return c
				}
			}
		}
		return fallback
	}
	v.To, v.From = pick("to", all[0]), pick("from", all[1])
	f, _, err := s.db.FrameworkVersion(r.Context(), v.To.FrameworkKey, v.To.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Scale = assess.ScaleOf(f)
	standards, areas := assess.FlatStandards(f), assess.StandardsOf(f)
	v.NotComparable = v.From.FrameworkKey != v.To.FrameworkKey || v.From.FrameworkVersion != v.To.FrameworkVersion
	from, err := s.db.Ratings(r.Context(), v.From.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	to, err := s.db.Ratings(r.Context(), v.To.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i, m := range assess.Compare(v.Scale, standards, from, to) {
		row := moveRow{Standard: standards[i], From: "Not agreed", To: "Not agreed", Direction: "No change"}
		if m.From != "" {
			row.From = v.Scale.Title(m.From)
		}
		if m.To != "" {
			row.To = v.Scale.Title(m.To)
		}
		switch {
		case m.Direction > 0:
			row.Direction = "Up"
			v.Up++
		case m.Direction < 0:
			row.Direction = "Down"
			v.Down++
		case m.From == "" || m.To == "":
			row.Direction = "Not comparable"
		}
		v.Moves = append(v.Moves, row)
	}
	// The chart covers every cycle on the same checklist version, oldest first.
	var ratings []map[string]assess.Rating
	for _, c := range slices.Backward(all) {
		if c.FrameworkKey == v.To.FrameworkKey && c.FrameworkVersion == v.To.FrameworkVersion {
			rs, err := s.db.Ratings(r.Context(), c.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			v.Cycles = append(v.Cycles, c)
			ratings = append(ratings, rs)
		}
	}
	v.Trends = areaTrends(v.Scale, areas, v.Cycles, ratings)
	v.Chart = trendChart("trend", "Ratings by area over time: "+org.Name, v.Trends)
	s.render(w, r, http.StatusOK, "assessment-compare", v)
}
