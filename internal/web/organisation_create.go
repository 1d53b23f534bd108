package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

type organisationFormView struct {
	Page
	Name      string
	Kind      string
	ParentID  int64
	Parents   []orgItem
	TopLevel  bool // the viewer may create a top-level organisation
	KindsList []kindOption
}

type kindOption struct{ Value, Label, Hint string }

var organisationKinds = []kindOption{
	{"organisation", "Organisation", "An employer, such as a trust, a care provider or a research network"},
	{"service", "Service", "A service or directorate inside an organisation"},
	{"team", "Team", "A team inside a service or an organisation"},
}

func (s *Server) organisationForm(r *http.Request, sc scope) organisationFormView {
	var parents []orgItem
	for _, it := range sc.items() {
		if sc.may(it.ID, store.AdministerOrganisation) && it.Kind != "team" {
			parents = append(parents, it)
		}
	}
	return organisationFormView{
		Page:      s.page(r, "Add an organisation, service or team", "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"}),
		Parents:   parents,
		TopLevel:  currentViewer(r).User.SiteAdmin,
		KindsList: organisationKinds,
	}
}

func (s *Server) organisationNewForm(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.organisationForm(r, sc)
	v.ParentID, _ = strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64)
	s.render(w, r, http.StatusOK, "organisation-new", v)
}

func (s *Server) organisationCreate(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.organisationForm(r, sc)
	v.Name = strings.TrimSpace(r.PostFormValue("name"))
	v.Kind = r.PostFormValue("kind")
	v.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent"), 10, 64)

	if v.Name == "" {
		v.Errors = append(v.Errors, fieldError{"name", "Enter a name"})
	} else if len(v.Name) > 200 {
		v.Errors = append(v.Errors, fieldError{"name", "Name must be 200 characters or fewer"})
	}
	if !validKind(v.Kind) {
		v.Errors = append(v.Errors, fieldError{"kind", "Select whether this is an organisation, a service or a team"})
	}
	switch {
	case v.ParentID == 0 && !v.TopLevel:
		v.Errors = append(v.Errors, fieldError{"parent", "Select where this belongs"})
	case v.ParentID != 0 && !sc.may(v.ParentID, store.AdministerOrganisation):
		v.Errors = append(v.Errors, fieldError{"parent", "Select an organisation you administer"})
	}
	if len(v.Errors) == 0 {
		if msg := kindRule(v.Kind, parentKind(sc, v.ParentID)); msg != "" {
			v.Errors = append(v.Errors, fieldError{"kind", msg})
		}
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "organisation-new", v)
		return
	}
	o, err := s.db.CreateOrganisation(r.Context(), actor(r), store.Organisation{Name: v.Name, Kind: v.Kind, ParentID: v.ParentID})
	if errors.Is(err, store.ErrConflict) {
		v.Errors = append(v.Errors, fieldError{"name", "There is already something called " + v.Name + " there: choose another name"})
		s.render(w, r, http.StatusConflict, "organisation-new", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, v.Name+" has been added.")
	http.Redirect(w, r, "/organisations/"+strconv.FormatInt(o.ID, 10), http.StatusSeeOther)
}

func parentKind(sc scope, parentID int64) string {
	for _, o := range sc.orgs {
		if o.ID == parentID {
			return o.Kind
		}
	}
	return ""
}

// kindRule keeps the tree an employer's structure: organisation → service → team.
func kindRule(kind, parent string) string {
	switch {
	case parent == "" && kind != "organisation":
		return "Only an organisation can be at the top: choose where this " + kind + " belongs"
	case parent == "team":
		return "A team cannot contain anything: choose an organisation or a service"
	case parent == "service" && kind != "team":
		return "A service can contain only teams"
	case parent == "organisation" && kind == "organisation":
		return "An organisation cannot sit inside another one: to work with other organisations, form a partnership"
	}
	return ""
}

func validKind(k string) bool {
	for _, o := range organisationKinds {
		if o.Value == k {
			return true
		}
	}
	return false
}

// actor is who is making a change, for the audit log.
func actor(r *http.Request) store.Actor {
	a := store.Actor{Address: clientAddress(r)}
	if v := currentViewer(r); v != nil {
		a.UserID = v.User.ID
	}
	return a
}
