package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

type accountView struct {
	Page
	Memberships []store.Membership
	// Passwords is false when this account cannot have a password: sign-in with a password is
	// turned off, or the account came from single sign-on and never had one.
	Passwords bool
}

func (s *Server) accountView(r *http.Request) accountView {
	v := currentViewer(r)
	return accountView{Page: s.page(r, "Your account", "", crumb{"/", "Home"}), Memberships: v.Memberships,
		Passwords: !s.cfg.NoLocalPasswords && v.User.PasswordHash != ""}
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", s.accountView(r))
}

// changePassword asks for the current password so that a session left open on a shared
// computer cannot be used to take the account over.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	me := currentViewer(r)
	v := s.accountView(r)
	if !v.Passwords {
		s.render(w, r, http.StatusForbidden, "account", v)
		return
	}
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
