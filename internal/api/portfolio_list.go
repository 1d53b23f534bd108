package api

import "net/http"

// portfolioList serves GET /api/v1/people/{id}/portfolio: the competences the person holds.
func (s *server) portfolioList(w http.ResponseWriter, r *http.Request) {
	p, _, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	entries, err := s.db.Portfolio(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", portfolioDoc{Entries: entries})
}
