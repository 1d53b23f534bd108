package api

import "net/http"

// roleShow serves GET /api/v1/roles/{id}: one role of an organisation the caller may see, tagged
// with its version (send the tag back in If-Match to change it).
func (s *server) roleShow(w http.ResponseWriter, r *http.Request) {
	role, _, err := s.visibleRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(role.Version), roleDocument(role))
}
