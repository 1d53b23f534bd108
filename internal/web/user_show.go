package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type userShowView struct {
	Page
	User        store.User
	Memberships []store.Membership
	// Organisations the viewer administers, where they may give this user access.
	Organisations []orgItem
	AccessRoles   []accessRoleOption
	AccessRole    string // the access role chosen in the form
	IsSelf        bool
	CanDisable    bool
}

// loadManagedUser returns the user named in the path if the viewer may manage them, with the
// memberships the viewer may see. Anyone else's account is "not found".
func (s *Server) loadManagedUser(w http.ResponseWriter, r *http.Request) (userShowView, scope, bool) {
	var v userShowView
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return v, sc, false
	}
	if !ok {
		s.notFound(w, r)
		return v, sc, false
	}
	u, err := s.db.User(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return v, sc, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return v, sc, false
	}
	ms, err := s.db.Memberships(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return v, sc, false
	}
	me := currentViewer(r)
	v.User, v.IsSelf = u, u.ID == me.User.ID
	allManaged := true
	for _, m := range ms {
		if sc.may(m.OrganisationID, store.ManageUsers) {
			v.Memberships = append(v.Memberships, m)
		} else {
			allManaged = false
		}
	}
	if !me.User.SiteAdmin && len(v.Memberships) == 0 {
		s.notFound(w, r)
		return v, sc, false
	}
	// Turning an account off affects every organisation it belongs to, so only someone who
	// administers all of them may do it.
	v.CanDisable = !v.IsSelf && (me.User.SiteAdmin || allManaged)
	for _, it := range sc.items() {
		if sc.may(it.ID, store.ManageUsers) {
			v.Organisations = append(v.Organisations, it)
		}
	}
	v.AccessRoles = accessRoleOptions
	v.Page = s.page(r, u.Name, "users", crumb{"/", "Home"}, crumb{"/users", "Users"})
	return v, sc, true
}

func (s *Server) userShow(w http.ResponseWriter, r *http.Request) {
	v, _, ok := s.loadManagedUser(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "user-show", v)
}
