package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type partnershipListView struct {
	Page
	Partnerships []store.Partnership
	MayCreate    bool // the viewer administers an organisation (or is a site administrator)
}

// partnershipList lists the partnerships the viewer belongs to through one of their
// organisations.
func (s *Server) partnershipList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ps, err := s.db.VisiblePartnerships(r.Context(), sc.access)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cands, err := s.partnerCandidates(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "partnership-list", partnershipListView{Partnerships: ps, MayCreate: len(cands) > 0,
		Page: s.page(r, "Partnerships", "partnerships", crumb{"/", "Home"})})
}
