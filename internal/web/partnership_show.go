package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type partnershipShowView struct {
	Page
	partnershipCtx
	Plans []store.Plan
	Lead  string
}

// Kinds are the kinds of partner, for the site administrator's settings.
func (partnershipShowView) Kinds() []strategy.PartnerKind { return strategy.PartnerKinds }

// partnershipShow shows a partnership: its lead, its partners and the kind of each, and its
// plans. Partners are named, never their staff or roles.
func (s *Server) partnershipShow(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return
	}
	plans, err := s.db.PartnershipPlans(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "partnership-show", partnershipShowView{partnershipCtx: pc, Plans: plans,
		Lead: pc.Name(pc.P.LeadOrganisationID),
		Page: s.page(r, pc.P.Name, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"})})
}
