package api

import "net/http"

// personShow serves GET /api/v1/people/{id}: one person the caller may see, tagged with its
// version (send it back in If-Match to change the person).
func (s *server) personShow(w http.ResponseWriter, r *http.Request) {
	p, _, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(p.Version), personDocument(p))
}
