package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

type organisationEditView struct {
	Page
	Organisation store.Organisation
	Name         string
	// Conflict is set when someone else saved a change first; the form then shows their name
	// beside the one this person typed, so nothing is lost.
	Conflict *store.Organisation
}

// loadAdministeredOrganisation returns the organisation in the path if the viewer administers
// it; anything else is "not found".
func (s *Server) loadAdministeredOrganisation(w http.ResponseWriter, r *http.Request) (store.Organisation, bool) {
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return store.Organisation{}, false
	}
	if !ok || !sc.may(id, store.AdministerOrganisation) {
		s.notFound(w, r)
		return store.Organisation{}, false
	}
	o, err := s.db.Organisation(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return o, false
	}
	return o, true
}

func (s *Server) editView(r *http.Request, o store.Organisation) organisationEditView {
	return organisationEditView{
		Page: s.page(r, "Change the name of "+o.Name, "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"},
			crumb{"/organisations/" + strconv.FormatInt(o.ID, 10), o.Name}),
		Organisation: o,
		Name:         o.Name,
	}
}

func (s *Server) organisationEditForm(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadAdministeredOrganisation(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "organisation-edit", s.editView(r, o))
}

// organisationUpdate renames an organisation. The form carries the version it was drawn from:
// if someone else renamed it meanwhile, the person sees both names and decides.
func (s *Server) organisationUpdate(w http.ResponseWriter, r *http.Request) {
	current, ok := s.loadAdministeredOrganisation(w, r)
	if !ok {
		return
	}
	v := s.editView(r, current)
	v.Name = strings.TrimSpace(r.PostFormValue("name"))
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v.Organisation.Version = version
	switch {
	case v.Name == "":
		v.Errors = append(v.Errors, fieldError{"name", "Enter a name"})
	case len(v.Name) > 200:
		v.Errors = append(v.Errors, fieldError{"name", "Name must be 200 characters or fewer"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "organisation-edit", v)
		return
	}
	o := current
	o.Name, o.Version = v.Name, version
	saved, err := s.db.UpdateOrganisation(r.Context(), actor(r), o)
	switch {
	case errors.Is(err, store.ErrConflict) && current.Version != version:
		v.Conflict = &current
		v.Organisation.Version = current.Version // saving again overwrites knowingly
		v.Errors = append(v.Errors, fieldError{"name", "Someone else changed this while you were editing it: their name is shown below. Save again to use yours"})
		s.render(w, r, http.StatusConflict, "organisation-edit", v)
		return
	case errors.Is(err, store.ErrConflict):
		v.Errors = append(v.Errors, fieldError{"name", "There is already something called " + v.Name + " there: choose another name"})
		s.render(w, r, http.StatusConflict, "organisation-edit", v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The name is now "+saved.Name+".")
	http.Redirect(w, r, "/organisations/"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
}
