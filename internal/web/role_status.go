package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

var statusDone = map[string]string{
	workforce.StatusDraft:     "is a draft again",
	workforce.StatusPublished: "is published",
	workforce.StatusRetired:   "is retired",
}

// roleSetStatus publishes, retires or returns a role to draft, as a new version. The form
// carries the version the page showed, so a status change never applies to a role the person
// has not seen.
func (s *Server) roleSetStatus(w http.ResponseWriter, r *http.Request) {
	role, rc, ok := s.loadPlannedRole(w, r)
	if !ok {
		return
	}
	status := r.PostFormValue("status")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	fail := func(code int, msg string) {
		v, err := s.roleShowView(r, rc, role, roleAccess{Own: rc.inScope(role.OrganisationID), Plan: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Errors = []fieldError{{"status-actions", msg}}
		s.render(w, r, code, "role-show", v)
	}
	if !workforce.ValidStatus(status) {
		fail(http.StatusUnprocessableEntity, "Choose whether to publish the role, retire it or return it to draft")
		return
	}
	saved, err := s.db.SetRoleStatus(r.Context(), actor(r), role.ID, version, status)
	switch {
	case errors.Is(err, store.ErrConflict):
		fail(http.StatusConflict, "This role was changed while you were looking at it, so its status has not been changed. The page now shows the saved role: check it and try again")
		return
	case errors.Is(err, store.ErrInvalid):
		errs, _ := invalidRoleErrors(err, nil, 0)
		msg := "The role cannot change status until its problems are fixed"
		if len(errs) > 0 {
			msg += ": " + errs[0].Message
		}
		fail(http.StatusUnprocessableEntity, msg)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, saved.Title+" "+statusDone[saved.Status]+".")
	http.Redirect(w, r, rolePath(saved.ID), http.StatusSeeOther)
}
