package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type partnershipShowView struct {
	Page
	partnershipCtx
	Plans    []store.Plan
	Lead     string
	joinable []store.Organisation
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
	v, err := s.partnershipShowView(r, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "partnership-show", v)
}

func (s *Server) partnershipShowView(r *http.Request, pc partnershipCtx) (partnershipShowView, error) {
	plans, err := s.db.PartnershipPlans(r.Context(), pc.P.ID)
	if err != nil {
		return partnershipShowView{}, err
	}
	joinable, err := s.joinable(r, pc)
	if err != nil {
		return partnershipShowView{}, err
	}
	return partnershipShowView{partnershipCtx: pc, Plans: plans, Lead: pc.Name(pc.P.LeadOrganisationID), joinable: joinable,
		Page: s.page(r, pc.P.Name, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"})}, nil
}
