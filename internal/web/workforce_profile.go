package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type workforceProfileView struct {
	Page
	Unit       store.Organisation
	IsTeam     bool
	P          workforce.Profile
	Pay        workforce.PayTable
	Pyramid    template.HTML
	IWF        iwfView
	Coverage   []coverageRow
	Totals     []coverageCell
	Today      string
	EmployerID int64
	// CanSettings: an administrator of the employer may set its on-cost.
	CanSettings bool
	// Report draws the page as a board paper: no navigation, forms or links to act on.
	Report bool
}

// coverageRow is a team's row of the heat map, in words as well as shades.
type coverageRow struct {
	Team  workforce.TeamRef
	Cells []coverageCell
}

type coverageCell struct {
	workforce.Cell
	// Words says the state without relying on the shade: "Covered", "Short by 2", "Not needed".
	Words string
	Class string
}

func coverageCellOf(c workforce.Cell) coverageCell {
	out := coverageCell{Cell: c}
	switch {
	case c.Demand == 0:
		out.Words, out.Class = "Not needed", "wf-cover--none"
	case c.Shortfall == 0:
		out.Words, out.Class = "Covered", "wf-cover--full"
	case c.Percent() >= 50:
		out.Words, out.Class = "Short by "+strconv.Itoa(c.Shortfall), "wf-cover--part"
	default:
		out.Words, out.Class = "Short by "+strconv.Itoa(c.Shortfall), "wf-cover--low"
	}
	return out
}

func (s *Server) workforceProfileView(w http.ResponseWriter, r *http.Request, report bool) (workforceProfileView, bool) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return workforceProfileView{}, false
	}
	p, in, err := s.profileOf(r, uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return workforceProfileView{}, false
	}
	iwf, ok := s.unitIWF(w, r, uc.unit.Name, in.Posts)
	if !ok {
		return workforceProfileView{}, false
	}
	v := workforceProfileView{
		Page: s.page(r, "Workforce profile: "+uc.unit.Name, "organisations", uc.crumbs...),
		Unit: uc.unit, IsTeam: uc.unit.Kind == store.KindTeam, P: p, Pay: in.Pay, IWF: iwf, Report: report,
		Pyramid: pyramidSVG(p.ByLevel, "pyramid"), Today: s.db.Today().Long(),
	}
	for _, row := range p.Coverage.Teams {
		cr := coverageRow{Team: row.TeamRef}
		for _, c := range row.Cells {
			cr.Cells = append(cr.Cells, coverageCellOf(c))
		}
		v.Coverage = append(v.Coverage, cr)
	}
	for _, c := range p.Coverage.Totals {
		v.Totals = append(v.Totals, coverageCellOf(c))
	}
	if settings, err := s.db.PaySettingsOf(r.Context(), uc.unit.ID); err == nil {
		v.EmployerID = settings.OrganisationID
		v.CanSettings = uc.sc.may(settings.OrganisationID, store.SetPayCosts)
	}
	return v, true
}

// workforceProfile is the workforce profile of a team, a service or an organisation: headcount,
// FTE, funded and vacant posts, the level pyramid, registered staff, competence coverage and
// cost, each figure in a table (the pyramid also as a chart).
func (s *Server) workforceProfile(w http.ResponseWriter, r *http.Request) {
	v, ok := s.workforceProfileView(w, r, false)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "workforce-profile", v)
}

// workforceReport is the same profile laid out as a board paper for printing.
func (s *Server) workforceReport(w http.ResponseWriter, r *http.Request) {
	v, ok := s.workforceProfileView(w, r, true)
	if !ok {
		return
	}
	v.Title = "Workforce profile report: " + v.Unit.Name
	s.render(w, r, http.StatusOK, "workforce-profile", v)
}
