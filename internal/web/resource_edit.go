package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// Changing and deleting the case studies and resources per priority: the partnership lead's
// planners and administrators keep them (the plan editors, as they add them).

type resourceEditView struct {
	Page
	partnershipCtx
	Resource   store.Resource
	Frameworks []strategyChoice
	Form       url.Values
}

func (v resourceEditView) Val(name string) string { return v.Form.Get(name) }

// resourceEditor loads the case study or resource in the path and checks the viewer keeps them.
func (s *Server) resourceEditor(w http.ResponseWriter, r *http.Request) (resourceEditView, bool) {
	id, ok := pathID(r, "id")
	rid, ok2 := pathID(r, "resource")
	if !ok || !ok2 {
		s.notFound(w, r)
		return resourceEditView{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return resourceEditView{}, false
	}
	res, err := s.db.Resource(r.Context(), rid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && res.PartnershipID != id) {
		s.notFound(w, r)
		return resourceEditView{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return resourceEditView{}, false
	}
	if !pc.Access.EditPlan {
		s.forbidden(w, r)
		return resourceEditView{}, false
	}
	fws, err := s.strategyChoices(r)
	if err != nil {
		s.serverError(w, r, err)
		return resourceEditView{}, false
	}
	v := resourceEditView{partnershipCtx: pc, Resource: res, Frameworks: fws, Form: url.Values{
		"resource-kind": {res.Kind}, "resource-title": {res.Title}, "resource-url": {res.URL}, "resource-summary": {res.Summary}},
		Page: s.page(r, "Change "+res.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(id), pc.P.Name}, crumb{"/partnerships/" + itoa(id) + "/register#resources", "Case studies and resources"})}
	for _, f := range fws {
		if f.Key == res.FrameworkKey {
			v.Form.Set("resource-priority", f.Key+"|"+f.Version+"|"+res.PriorityKey)
		}
	}
	return v, true
}

func resourcePath(partnershipID, id int64) string {
	return "/partnerships/" + itoa(partnershipID) + "/resources/" + itoa(id)
}

// resourceEditForm shows the case study or resource filled in.
func (s *Server) resourceEditForm(w http.ResponseWriter, r *http.Request) {
	if v, ok := s.resourceEditor(w, r); ok {
		s.render(w, r, http.StatusOK, "resource-edit", v)
	}
}

// resourceUpdate saves it; a problem shows the form again with what was typed.
func (s *Server) resourceUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.resourceEditor(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	res := store.Resource{ID: v.Resource.ID, PartnershipID: v.P.ID, Kind: r.PostFormValue("resource-kind"),
		Title: r.PostFormValue("resource-title"), URL: r.PostFormValue("resource-url"), Summary: r.PostFormValue("resource-summary")}
	if key, _, keys, ok := splitChoices([]string{r.PostFormValue("resource-priority")}); ok && len(keys) == 1 {
		res.FrameworkKey, res.PriorityKey = key, keys[0]
	}
	_, err := s.db.UpdateResource(r.Context(), actor(r), res)
	if errors.Is(err, store.ErrInvalid) {
		field := "resource-title"
		if strings.Contains(err.Error(), "link") {
			field = "resource-url"
		}
		v.Errors = []fieldError{{field, invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "resource-edit", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, strings.TrimSpace(res.Title)+" has been saved.")
	http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register#resources", http.StatusSeeOther)
}

func (s *Server) resourceConfirm(r *http.Request, v resourceEditView) confirmView {
	return confirmView{Caption: v.P.Name, Heading: "Delete " + v.Resource.Title,
		Warning: "The " + strings.ReplaceAll(v.Resource.Kind, "-", " ") + " " + v.Resource.Title + " will be removed from the partnership's case studies and resources.",
		Action:  resourcePath(v.P.ID, v.Resource.ID) + "/delete", Label: "Delete " + v.Resource.Title, Button: "Delete it",
		Cancel: "/partnerships/" + itoa(v.P.ID) + "/register#resources",
		Page: s.page(r, "Delete "+v.Resource.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(v.P.ID), v.P.Name}, crumb{"/partnerships/" + itoa(v.P.ID) + "/register#resources", "Case studies and resources"})}
}

// resourceDeleteForm asks before a case study or resource is deleted.
func (s *Server) resourceDeleteForm(w http.ResponseWriter, r *http.Request) {
	if v, ok := s.resourceEditor(w, r); ok {
		s.render(w, r, http.StatusOK, "confirm", s.resourceConfirm(r, v))
	}
}

// resourceDelete deletes it once confirmed.
func (s *Server) resourceDelete(w http.ResponseWriter, r *http.Request) {
	v, ok := s.resourceEditor(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		c := s.resourceConfirm(r, v)
		c.Errors = []fieldError{{"confirm", "Tick the box to confirm that it should be deleted"}}
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", c)
		return
	}
	if err := s.db.DeleteResource(r.Context(), actor(r), v.Resource.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, v.Resource.Title+" has been deleted.")
	http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register#resources", http.StatusSeeOther)
}
