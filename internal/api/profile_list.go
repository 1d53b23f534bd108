package api

import "net/http"

// profileList serves GET /api/v1/profiles: the caller's own profiles, most recently saved first.
func (s *server) profileList(w http.ResponseWriter, r *http.Request) {
	ps, err := s.db.UserProfiles(r.Context(), callerOf(r).UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", profileDocuments(ps))
}
