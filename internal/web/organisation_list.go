package web

import "net/http"

type organisationListView struct {
	Page
	Organisations []orgItem
	CanCreate     bool
}

func (s *Server) organisationList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := organisationListView{
		Page:          s.page(r, "Organisations", "organisations", crumb{"/", "Home"}),
		Organisations: sc.items(),
		CanCreate:     currentViewer(r).Administers(),
	}
	s.render(w, r, http.StatusOK, "organisation-list", v)
}
