package api

import "net/http"

// profileShow serves GET /api/v1/profiles/{id}: one profile the caller may see, tagged with its
// version (send the tag back in If-Match to change it).
func (s *server) profileShow(w http.ResponseWriter, r *http.Request) {
	rec, err := s.pathProfile(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(rec.Version), profileDocument(rec))
}
