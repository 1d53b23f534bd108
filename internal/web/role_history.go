package web

import (
	"net/http"
	"time"

	"github.com/workframe/workframe/internal/workforce"
)

type roleHistoryView struct {
	Page
	Role     workforce.Role
	Versions []roleHistoryEntry
}

// roleHistoryEntry is one saved version: when, by whom and what changed from the one before.
type roleHistoryEntry struct {
	Version int
	Status  string
	At      time.Time
	By      string
	Changes []string
}

// roleHistory lists every saved version of a role, newest first. Who saved a partner's shared
// role is that organisation's business: the page names the organisation, not the person.
func (s *Server) roleHistory(w http.ResponseWriter, r *http.Request) {
	role, rc, acc, ok := s.loadRole(w, r)
	if !ok {
		return
	}
	versions, err := s.db.RoleVersions(r.Context(), role.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := roleHistoryView{Role: role}
	for _, rv := range versions {
		e := roleHistoryEntry{Version: rv.Version, Status: rv.Role.Status, At: rv.ChangedAt, By: changedBy(rv)}
		if !acc.Own {
			e.By = "someone at " + rc.names[role.OrganisationID]
		}
		for _, c := range rv.Changes {
			e.Changes = append(e.Changes, c.Message)
		}
		v.Versions = append(v.Versions, e)
	}
	v.Page = s.page(r, "History of "+role.Title, "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}, crumb{rolePath(role.ID), role.Title})
	s.render(w, r, http.StatusOK, "role-history", v)
}
