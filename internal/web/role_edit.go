package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func rolePath(id int64) string { return "/roles/" + strconv.FormatInt(id, 10) }

// editRoleView is the form for a change to a saved role.
func (s *Server) editRoleView(r *http.Request, rc roleContext, role workforce.Role, form roleForm) (roleFormView, *roleFrameworks, error) {
	fws, err := s.roleFrameworksFor(r, rc, []int64{rc.top(role.OrganisationID)}, role.Requirements)
	if err != nil {
		return roleFormView{}, nil, err
	}
	page := s.page(r, "Change "+role.Title, "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}, crumb{rolePath(role.ID), role.Title})
	v, err := s.roleFormView(r, page, fws, form)
	if err != nil {
		return v, nil, err
	}
	v.Action, v.Editing, v.Role, v.Version, v.OrgName = rolePath(role.ID), true, role, role.Version, rc.names[role.OrganisationID]
	return v, fws, nil
}

func (s *Server) roleEditForm(w http.ResponseWriter, r *http.Request) {
	role, rc, ok := s.loadPlannedRole(w, r)
	if !ok {
		return
	}
	v, fws, err := s.editRoleView(r, rc, role, formFromRole(role))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The advice about the saved role is shown from the start.
	_, v.Warnings = problemFields(workforce.ValidateRole(role, fws.any), nil, 0)
	s.render(w, r, http.StatusOK, "role-form", v)
}

// roleUpdate saves a new version of a role. The form carries the version it was drawn from: if
// someone else saved the role meanwhile, nothing is saved (409), the person's values stay in the
// form, and the page says what the other person changed. Saving again then replaces that
// version knowingly.
func (s *Server) roleUpdate(w http.ResponseWriter, r *http.Request) {
	current, rc, ok := s.loadPlannedRole(w, r)
	if !ok {
		return
	}
	form := parseRoleForm(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v, fws, err := s.editRoleView(r, rc, current, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Version = version
	if r.PostFormValue("action") == "more" {
		v.Form.moreRows()
		s.render(w, r, http.StatusOK, "role-form", v)
		return
	}
	edit, formErrs, rowOf := form.apply(current)
	edit, errs, warnings := checkRole(edit, formErrs, rowOf, len(form.Rows), fws.lookupFor(rc.top(current.OrganisationID), current.Requirements))
	v.Errors, v.Warnings = errs, warnings
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "role-form", v)
		return
	}
	edit.Version = version
	saved, err := s.db.UpdateRole(r.Context(), actor(r), edit)
	if errs, ok := invalidRoleErrors(err, rowOf, len(form.Rows)); ok {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "role-form", v)
		return
	}
	switch {
	case errors.Is(err, store.ErrConflict) && current.Version != version:
		conflict, err := s.roleConflict(r, current, version)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Conflict = conflict
		v.Version = current.Version // saving again overwrites knowingly
		v.Errors = []fieldError{{"title", "Someone else changed this role while you were editing it. Your changes are below and have not been saved: check what they changed, then save again to replace their version with yours"}}
		s.render(w, r, http.StatusConflict, "role-form", v)
		return
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"title", "There is already a role called " + edit.Title + " in " + rc.names[current.OrganisationID] + ": choose another title"}}
		s.render(w, r, http.StatusConflict, "role-form", v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	switch {
	case saved.Version == current.Version:
		s.flash(r, "Nothing had changed, so nothing was saved.")
	case len(warnings) > 0:
		s.flash(r, "Your changes have been saved. Check the advice below. The previous version is in the history.")
	default:
		s.flash(r, "Your changes have been saved. The previous version is in the history.")
	}
	http.Redirect(w, r, rolePath(saved.ID), http.StatusSeeOther)
}

// roleConflict describes what was saved after the version the person started from.
func (s *Server) roleConflict(r *http.Request, current workforce.Role, from int) (*roleConflict, error) {
	versions, err := s.db.RoleVersions(r.Context(), current.ID)
	if err != nil {
		return nil, err
	}
	c := &roleConflict{Version: current.Version}
	for _, rv := range versions { // newest first
		if rv.Version <= from {
			break
		}
		if c.At.IsZero() {
			c.At, c.By = rv.ChangedAt, changedBy(rv)
		}
		for i := len(rv.Changes) - 1; i >= 0; i-- {
			c.Changes = append([]string{rv.Changes[i].Message}, c.Changes...)
		}
	}
	return c, nil
}

// changedBy names who saved a version: a person, or the system (imports, the command line).
func changedBy(rv store.RoleVersion) string {
	switch {
	case rv.ChangedBy == 0:
		return "Workframe (an import or the command line)"
	case rv.ChangedByName == "":
		return "a user who no longer has an account"
	}
	return rv.ChangedByName
}
