package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// roleCopy copies a role into an organisation where the viewer plans: a partner's shared role
// to adapt, or one of their own employer's. The copy is a draft that remembers where it came
// from.
func (s *Server) roleCopy(w http.ResponseWriter, r *http.Request) {
	role, rc, acc, ok := s.loadRole(w, r)
	if !ok {
		return
	}
	orgID, _ := strconv.ParseInt(r.PostFormValue("organisation"), 10, 64)
	fail := func(code int, msg string) {
		v, err := s.roleShowView(r, rc, role, acc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Errors = []fieldError{{"organisation", msg}}
		s.render(w, r, code, "role-show", v)
	}
	if !rc.canPlan(orgID) {
		fail(http.StatusUnprocessableEntity, "Select the organisation to copy the role into: one where you plan the workforce")
		return
	}
	cp, err := s.db.CopyRole(r.Context(), actor(r), role.ID, orgID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fail(http.StatusUnprocessableEntity, role.Title+" is not shared with "+rc.names[orgID]+": choose an organisation in a partnership with "+rc.names[role.OrganisationID])
		return
	case errors.Is(err, store.ErrInvalid):
		errs, _ := invalidRoleErrors(err, nil, 0)
		msg := "The role cannot be copied there"
		if len(errs) > 0 {
			msg += ": " + errs[0].Message
		}
		fail(http.StatusUnprocessableEntity, msg)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "This is your copy of "+role.Title+" in "+rc.names[orgID]+", saved as a draft. Change it to suit your organisation, then publish it.")
	http.Redirect(w, r, rolePath(cp.ID), http.StatusSeeOther)
}
