package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func (s *Server) newRolePage(r *http.Request) Page {
	return s.page(r, "Add a role", "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"})
}

// newRoleView is the form for a new role in one of the organisations where the viewer plans.
func (s *Server) newRoleView(r *http.Request, rc roleContext, form roleForm) (roleFormView, *roleFrameworks, error) {
	orgs := rc.planned()
	var tops []int64
	for _, o := range orgs {
		tops = append(tops, rc.top(o.ID))
	}
	fws, err := s.roleFrameworksFor(r, rc, tops, nil)
	if err != nil {
		return roleFormView{}, nil, err
	}
	v, err := s.roleFormView(r, s.newRolePage(r), fws, form)
	if err != nil {
		return v, nil, err
	}
	v.Action, v.Orgs = "/roles", orgs
	return v, fws, nil
}

// roleNewForm shows the form for a new role. Someone who plans nowhere is told who can add
// roles instead.
func (s *Server) roleNewForm(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := roleForm{Organisation: r.URL.Query().Get("organisation"), Rows: emptyRows(0, emptyRequirementRows)}
	v, _, err := s.newRoleView(r, rc, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "role-form", v)
}

// roleCreate saves a new role as a draft. Errors stop it, with every problem listed and
// everything typed kept; warnings do not.
func (s *Server) roleCreate(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := parseRoleForm(r)
	if r.PostFormValue("action") == "more" {
		form.moreRows()
		v, _, err := s.newRoleView(r, rc, form)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "role-form", v)
		return
	}
	v, fws, err := s.newRoleView(r, rc, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgID, _ := strconv.ParseInt(form.Organisation, 10, 64)
	var orgErrs []fieldError
	if !rc.canPlan(orgID) {
		orgErrs = append(orgErrs, fieldError{"organisation", "Select the organisation the role belongs to: one where you plan the workforce"})
		orgID = 0
	}
	role, formErrs, rowOf := form.apply(workforce.Role{OrganisationID: orgID, Status: workforce.StatusDraft})
	role, errs, warnings := checkRole(role, append(orgErrs, formErrs...), rowOf, len(form.Rows), fws.lookupFor(rc.top(orgID), nil))
	v.Errors, v.Warnings = errs, warnings
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "role-form", v)
		return
	}
	saved, err := s.db.CreateRole(r.Context(), actor(r), role)
	if errs, ok := invalidRoleErrors(err, rowOf, len(form.Rows)); ok {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "role-form", v)
		return
	}
	if errors.Is(err, store.ErrConflict) {
		v.Errors = []fieldError{{"title", "There is already a role called " + role.Title + " in " + rc.names[orgID] + ": choose another title"}}
		s.render(w, r, http.StatusConflict, "role-form", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	msg := saved.Title + " has been added as a draft. Publish it when it is ready."
	if len(warnings) > 0 {
		msg = saved.Title + " has been added as a draft. Check the advice below before you publish it."
	}
	s.flash(r, msg)
	http.Redirect(w, r, "/roles/"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
}
