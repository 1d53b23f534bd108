package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/workforce"
)

func (s *Server) editPersonView(r *http.Request, pc peopleContext, p workforce.Person, form personForm) (personFormView, error) {
	v := personFormView{
		Page: s.page(r, "Change "+p.Name, "people", crumb{"/", "Home"}, crumb{"/people", "People"}, crumb{personPath(p.ID), p.Name}),
		Form: form, Editing: true, Person: p, Version: p.Version, OrgName: pc.names[p.OrganisationID], Action: personPath(p.ID),
	}
	var err error
	v.Roles, v.Teams, err = s.choicesFor(r.Context(), pc, []int64{p.OrganisationID})
	return v, err
}

func (s *Server) accountEmail(r *http.Request, userID int64) string {
	if userID == 0 {
		return ""
	}
	u, err := s.db.User(r.Context(), userID)
	if err != nil {
		return ""
	}
	return u.Email
}

// personEditForm is the form to change a person; only those who manage them may.
func (s *Server) personEditForm(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	if !pc.canManage(p) {
		s.notFound(w, r)
		return
	}
	v, err := s.editPersonView(r, pc, p, formFromPerson(p, s.accountEmail(r, p.UserID)))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person-form", v)
}

// personUpdate saves a new version of a person. The form carries the version it was drawn
// from: if someone else saved the person meanwhile, nothing is saved (409) and the form says so,
// keeping what was typed; saving again replaces their version knowingly.
func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) {
	cur, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	if !pc.canManage(cur) {
		s.notFound(w, r)
		return
	}
	form := parsePersonForm(r)
	form.padRows()
	v, err := s.editPersonView(r, pc, cur, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	p, errs := form.apply(cur)
	v.Errors = errs
	userID, fe, err := s.linkAccount(r.Context(), form.AccountEmail, p)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if fe != nil {
		v.Errors = append(v.Errors, *fe)
	} else if userID != 0 {
		if other, err := s.db.PersonForUser(r.Context(), userID); err == nil && other.ID != cur.ID {
			v.Errors = append(v.Errors, fieldError{"account_email", "That user account is already linked to another person's record"})
		}
	}
	p.UserID = userID
	v.Errors = mergeErrors(v.Errors, form.rowFieldErrors(problemsToErrors(workforce.ValidatePerson(workforce.NormalisePerson(p), s.db.Today(), nil))))
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "person-form", v)
		return
	}
	p.Version = v.Version
	saved, err := s.db.UpdatePerson(r.Context(), actor(r), p)
	if errs, status, ok := personSaveErrors(err, form); ok {
		v.Errors = errs
		if status == http.StatusConflict {
			if cur.Version != v.Version {
				v.Conflict, v.Version = true, cur.Version
				v.Errors = []fieldError{{"staff_number", "Someone else changed this person's record while you were editing it. Your changes are below and have not been saved: check the record, then save again to replace their version with yours"}}
			} else {
				v.Errors = []fieldError{{"staff_number", "There is already a person with staff number " + p.StaffNumber + " in " + pc.names[cur.OrganisationID]}}
			}
		}
		s.render(w, r, status, "person-form", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if saved.Version == cur.Version {
		s.flash(r, "Nothing had changed, so nothing was saved.")
	} else {
		s.flash(r, "Your changes have been saved.")
	}
	http.Redirect(w, r, personPath(saved.ID), http.StatusSeeOther)
}
