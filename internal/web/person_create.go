package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/workforce"
)

func (s *Server) newPersonView(r *http.Request, pc peopleContext, form personForm) (personFormView, error) {
	v := personFormView{
		Page: s.page(r, "Add a person", "people", crumb{"/", "Home"}, crumb{"/people", "People"}),
		Form: form, Orgs: pc.employers(), Action: "/people",
	}
	var ids []int64
	for _, o := range v.Orgs {
		ids = append(ids, o.ID)
	}
	var err error
	v.Roles, v.Teams, err = s.choicesFor(r.Context(), pc, ids)
	return v, err
}

// personNewForm is the form for a new person. Someone who manages no organisation is told so.
func (s *Server) personNewForm(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := personForm{Organisation: r.URL.Query().Get("organisation")}
	form.padRows()
	v, err := s.newPersonView(r, pc, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person-form", v)
}

// personCreate saves a new person, or shows every problem with everything typed kept.
func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := parsePersonForm(r)
	form.padRows()
	v, err := s.newPersonView(r, pc, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgID, _ := strconv.ParseInt(form.Organisation, 10, 64)
	allowed := false
	for _, o := range v.Orgs {
		allowed = allowed || o.ID == orgID
	}
	if !allowed {
		v.Errors = append(v.Errors, fieldError{"organisation", "Select the organisation the person works for: one where you manage staff"})
	}
	p, errs := form.apply(workforce.Person{OrganisationID: orgID})
	v.Errors = append(v.Errors, errs...)
	if allowed {
		userID, fe, err := s.linkAccount(r.Context(), form.AccountEmail, p)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if fe != nil {
			v.Errors = append(v.Errors, *fe)
		} else if userID != 0 {
			if _, err := s.db.PersonForUser(r.Context(), userID); err == nil {
				v.Errors = append(v.Errors, fieldError{"account_email", "That user account is already linked to another person's record"})
			}
		}
		p.UserID = userID
	}
	v.Errors = mergeErrors(v.Errors, form.rowFieldErrors(problemsToErrors(workforce.ValidatePerson(workforce.NormalisePerson(p), s.db.Today(), nil))))
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "person-form", v)
		return
	}
	saved, err := s.db.CreatePerson(r.Context(), actor(r), p)
	if errs, status, ok := personSaveErrors(err, form); ok {
		v.Errors = errs
		if len(errs) == 0 {
			v.Errors = []fieldError{{"staff_number", "There is already a person with staff number " + p.StaffNumber + " in " + pc.names[orgID]}}
		}
		s.render(w, r, status, "person-form", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, saved.Name+" has been added.")
	http.Redirect(w, r, personPath(saved.ID), http.StatusSeeOther)
}
