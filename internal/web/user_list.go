package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type userListView struct {
	Page
	Users []store.User
}

// userList shows the users with access to the organisations the viewer administers; a site
// administrator sees every account, including those with no access anywhere yet.
func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	users, err := s.manageableUsers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user-list", userListView{Page: s.page(r, "Users", "users", crumb{"/", "Home"}), Users: users})
}

func (s *Server) manageableUsers(r *http.Request) ([]store.User, error) {
	if currentViewer(r).User.SiteAdmin {
		return s.db.Users(r.Context())
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, o := range sc.administered() {
		ids = append(ids, o.ID)
	}
	return s.db.UsersInOrganisations(r.Context(), ids)
}
