package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type personEraseView struct {
	Page
	Person  workforce.Person
	OrgName string
}

// personEraseForm asks an administrator of the person's organisation to confirm the erasure.
func (s *Server) personEraseForm(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	if !pc.canErase(p) {
		s.notFound(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "person-erase", s.personEraseView(r, p, pc))
}

func (s *Server) personEraseView(r *http.Request, p workforce.Person, pc peopleContext) personEraseView {
	return personEraseView{
		Page:   s.page(r, "Erase "+p.Name, "people", crumb{"/", "Home"}, crumb{"/people", "People"}, crumb{personPath(p.ID), p.Name}),
		Person: p, OrgName: pc.names[p.OrganisationID],
	}
}

// personErase deletes the person, their assignments and portfolio, and removes their name from
// the audit log's summaries; the erasure itself is recorded. It needs the confirmation box
// ticked and the version the page showed.
func (s *Server) personErase(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	if !pc.canErase(p) {
		s.notFound(w, r)
		return
	}
	v := s.personEraseView(r, p, pc)
	if r.PostFormValue("confirm") != "yes" {
		v.Errors = []fieldError{{"confirm", "Tick the box to confirm that " + p.Name + " should be erased"}}
		s.render(w, r, http.StatusUnprocessableEntity, "person-erase", v)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	err := s.db.ErasePerson(r.Context(), actor(r), p.ID, version)
	if errors.Is(err, store.ErrConflict) {
		v.Person = p
		v.Errors = []fieldError{{"confirm", "The record changed while you were looking at it: check it, then confirm again"}}
		s.render(w, r, http.StatusConflict, "person-erase", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The person has been erased. The audit log keeps a record of the erasure, without their name.")
	http.Redirect(w, r, "/people", http.StatusSeeOther)
}
