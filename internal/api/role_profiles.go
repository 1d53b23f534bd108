package api

import "net/http"

// roleProfiles serves GET /api/v1/roles/{id}/profiles: the profiles of a role the caller may see,
// most recently saved first.
func (s *server) roleProfiles(w http.ResponseWriter, r *http.Request) {
	role, _, err := s.visibleRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ps, err := s.db.RoleProfiles(r.Context(), role.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", profileDocuments(ps))
}
