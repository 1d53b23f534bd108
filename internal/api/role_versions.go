package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/workforce"
)

// roleVersions serves GET /api/v1/roles/{id}/versions: the role's history, newest first, each
// version with the role as saved, who saved it, when and what changed.
func (s *server) roleVersions(w http.ResponseWriter, r *http.Request) {
	role, _, err := s.visibleRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions, err := s.db.RoleVersions(r.Context(), role.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := roleVersionList{Versions: make([]roleVersionDoc, len(versions))}
	for i, v := range versions {
		changes := v.Changes
		if changes == nil {
			changes = []workforce.Change{}
		}
		v.Role.ID = role.ID // the snapshot is the role as saved, under its own path
		out.Versions[i] = roleVersionDoc{
			Version: v.Version, Role: roleDocument(v.Role), Changes: changes,
			ChangedBy: v.ChangedBy, ChangedByName: v.ChangedByName, ChangedAt: v.ChangedAt,
		}
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
