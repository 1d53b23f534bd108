package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

type accountView struct {
	Page
	Memberships []store.Membership
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	v := currentViewer(r)
	s.render(w, r, http.StatusOK, "account", accountView{Page: s.page(r, "Your account", "", crumb{"/", "Home"}), Memberships: v.Memberships})
}

// changePassword asks for the current password so that a session left open on a shared
// computer cannot be used to take the account over.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	me := currentViewer(r)
	v := accountView{Page: s.page(r, "Your account", "", crumb{"/", "Home"}), Memberships: me.Memberships}
	current, next := r.PostFormValue("current_password"), r.PostFormValue("new_password")
	if ok, _ := auth.VerifyPassword(me.User.PasswordHash, current); !ok {
		v.Errors = append(v.Errors, fieldError{"current_password", "Enter your current password correctly"})
	}
	if err := auth.CheckNewPassword(next, me.User.Email); err != nil {
		v.Errors = append(v.Errors, fieldError{"new_password", err.Error()})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "account", v)
		return
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.db.SetPassword(r.Context(), actor(r), me.User.ID, hash); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Other sessions of this account end; this one gets a new token.
	if err := s.db.DeleteUserSessions(r.Context(), me.User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(r, me.User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "Your password has been changed. You have been signed out on other devices.")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
