package web

import (
	"html/template"
	"net/http"

	"github.com/workframe/workframe/internal/workforce"
)

// The workforce profile of a whole partnership (issue 6, docs/decisions/0014): the partners'
// figures added up, per partner, by level, by staff group, registered and other roles, and
// coverage. Figures only, never names of people; small groups are suppressed by the store's
// PartnershipWorkforce, which the downloads and the API read too.

type partnershipWorkforceView struct {
	Page
	partnershipCtx
	W       workforce.PartnershipProfile
	Pyramid template.HTML
	Today   string
	// Report draws the page as a board paper: no navigation or links to act on.
	Report bool
}

// loadPartnershipWorkforce loads the partnership of the path's {id} and its figures: "not
// found" to someone who does not belong to it, "forbidden" to a partner's person who may not
// plan the workforce of a partner as a whole (they may see the partnership, so its existence
// is no secret to them).
func (s *Server) loadPartnershipWorkforce(w http.ResponseWriter, r *http.Request) (partnershipCtx, workforce.PartnershipProfile, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return partnershipCtx{}, workforce.PartnershipProfile{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return partnershipCtx{}, workforce.PartnershipProfile{}, false
	}
	if !pc.Access.SeeWorkforce {
		s.forbidden(w, r)
		return partnershipCtx{}, workforce.PartnershipProfile{}, false
	}
	p, err := s.db.PartnershipWorkforce(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return partnershipCtx{}, workforce.PartnershipProfile{}, false
	}
	return pc, p, true
}

func (s *Server) partnershipWorkforceView(w http.ResponseWriter, r *http.Request, report bool) (partnershipWorkforceView, bool) {
	pc, p, ok := s.loadPartnershipWorkforce(w, r)
	if !ok {
		return partnershipWorkforceView{}, false
	}
	levels := make([]workforce.Group, len(p.ByLevel))
	hidden := make([]bool, len(p.ByLevel))
	for i, row := range p.ByLevel {
		levels[i] = workforce.Group{Key: row.Key, Label: row.Label}
		if row.Figures != nil {
			levels[i].Figures = *row.Figures
		}
		hidden[i] = row.Suppressed
	}
	v := partnershipWorkforceView{partnershipCtx: pc, W: p, Report: report, Today: s.db.Today().Long(),
		Pyramid: pyramidHiding(levels, hidden, "pyramid"),
		Page: s.page(r, "Workforce profile: "+pc.P.Name, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name})}
	return v, true
}

// partnershipWorkforce is the workforce profile of a partnership.
func (s *Server) partnershipWorkforce(w http.ResponseWriter, r *http.Request) {
	v, ok := s.partnershipWorkforceView(w, r, false)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "partnership-workforce", v)
}

// partnershipWorkforceReport is the same profile laid out as a board paper for printing.
func (s *Server) partnershipWorkforceReport(w http.ResponseWriter, r *http.Request) {
	v, ok := s.partnershipWorkforceView(w, r, true)
	if !ok {
		return
	}
	v.Title = "Workforce profile report: " + v.P.Name
	s.render(w, r, http.StatusOK, "partnership-workforce", v)
}
