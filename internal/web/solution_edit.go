package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// Changing and deleting a solution of the register. The partner that recorded it (its
// managers, planners and administrators) and the partnership's lead (the plan editors) may;
// a solution that a plan adopts stays in the register (docs/decisions/0011-plan-editing.md).

// Has reports whether a multi-value field of the kept form holds the value.
func (v solutionView) Has(name, value string) bool {
	for _, x := range v.Form[name] {
		if x == value {
			return true
		}
	}
	return false
}

// MayChange reports whether the viewer may change or delete the solution.
func (v solutionView) MayChange() bool { return v.Access.CanEditAction(v.Solution.OrganisationID) }

func solutionPath(partnershipID, id int64) string {
	return "/partnerships/" + itoa(partnershipID) + "/register/" + itoa(id)
}

// solutionValues is the solution as form values, for the first showing of its form.
func solutionValues(sol store.Solution) url.Values {
	v := url.Values{"solution-title": {sol.Title}, "solution-problem": {sol.Problem}, "solution-what": {sol.WhatWeDid},
		"solution-results": {sol.Results}, "solution-contacts": {sol.Contacts}, "solution-links": {sol.Links},
		"version": {strconv.Itoa(sol.Version)}}
	for _, k := range sol.Priorities {
		v.Add("solution-priority", sol.FrameworkKey+"|"+sol.FrameworkVersion+"|"+k)
	}
	return v
}

// solutionEditor loads the solution for a change and checks that the viewer may make it.
func (s *Server) solutionEditor(w http.ResponseWriter, r *http.Request) (solutionView, bool) {
	v, ok := s.solutionView(w, r)
	if !ok {
		return v, false
	}
	if !v.MayChange() {
		s.forbidden(w, r)
		return v, false
	}
	v.Page = s.page(r, "Change "+v.Solution.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
		crumb{"/partnerships/" + itoa(v.P.ID), v.P.Name}, crumb{"/partnerships/" + itoa(v.P.ID) + "/register", "Solve once register"},
		crumb{solutionPath(v.P.ID, v.Solution.ID), v.Solution.Title})
	return v, true
}

// solutionEditForm shows the solution's form filled in.
func (s *Server) solutionEditForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionEditor(w, r)
	if !ok {
		return
	}
	v.Form = solutionValues(v.Solution)
	s.render(w, r, http.StatusOK, "solution-edit", v)
}

// solutionUpdate saves the solution; a stale version is a conflict (409) shown with what was
// typed, so nothing is lost, and the new version, so that saving again is deliberate.
func (s *Server) solutionUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionEditor(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	sol := v.Solution
	sol.Title, sol.Problem = strings.TrimSpace(r.PostFormValue("solution-title")), r.PostFormValue("solution-problem")
	sol.WhatWeDid, sol.Results = strings.TrimSpace(r.PostFormValue("solution-what")), r.PostFormValue("solution-results")
	sol.Contacts, sol.Links = r.PostFormValue("solution-contacts"), r.PostFormValue("solution-links")
	if sol.Title == "" {
		v.Errors = append(v.Errors, fieldError{"solution-title", "Enter a title for the solution"})
	}
	if sol.WhatWeDid == "" {
		v.Errors = append(v.Errors, fieldError{"solution-what", "Say what the partner did"})
	}
	var keysOK bool
	sol.FrameworkKey, sol.FrameworkVersion, sol.Priorities, keysOK = splitChoices(r.PostForm["solution-priority"])
	if !keysOK {
		v.Errors = append(v.Errors, fieldError{"solution-priority", "Choose priorities from one strategic framework"})
	}
	var err error
	if sol.Version, err = strconv.Atoi(r.PostFormValue("version")); err != nil {
		v.Errors = append(v.Errors, fieldError{"solution-title", "The form is out of date: open the solution again"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "solution-edit", v)
		return
	}
	saved, err := s.db.UpdateSolution(r.Context(), actor(r), sol)
	switch {
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"solution-title", "Someone else changed this solution while you were editing it. Check it now, then save yours again."}}
		if cur, err := s.db.Solution(r.Context(), sol.ID); err == nil {
			v.Solution = cur
			v.Form.Set("version", strconv.Itoa(cur.Version))
		}
		s.render(w, r, http.StatusConflict, "solution-edit", v)
	case errors.Is(err, store.ErrInvalid):
		v.Errors = []fieldError{{"solution-priority", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "solution-edit", v)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "The solution "+saved.Title+" has been saved.")
		http.Redirect(w, r, solutionPath(v.P.ID, saved.ID), http.StatusSeeOther)
	}
}

// solutionConfirm is the page that asks before the solution is deleted, or says why it cannot be.
func (s *Server) solutionConfirm(r *http.Request, v solutionView) confirmView {
	c := confirmView{Caption: "Solve once register of " + v.P.Name, Heading: "Delete " + v.Solution.Title,
		Warning: "The solution, its " + strconv.Itoa(len(v.Comments)) + " comments and ratings will be deleted from the register.",
		Action:  solutionPath(v.P.ID, v.Solution.ID) + "/delete", Version: v.Solution.Version,
		Label: "Delete " + v.Solution.Title + " and its comments", Button: "Delete the solution", Cancel: solutionPath(v.P.ID, v.Solution.ID),
		Page: s.page(r, "Delete "+v.Solution.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(v.P.ID), v.P.Name}, crumb{"/partnerships/" + itoa(v.P.ID) + "/register", "Solve once register"},
			crumb{solutionPath(v.P.ID, v.Solution.ID), v.Solution.Title})}
	if n := len(v.Adoptions); n > 0 {
		c.Blocked = v.Solution.Title + " cannot be deleted: " + strconv.Itoa(n) + " action"
		if n != 1 {
			c.Blocked += "s"
		}
		c.Blocked += " in the partnership's plans adopted it and link back to it. Change the solution instead if it is out of date."
	}
	return c
}

// solutionDeleteForm asks before the solution is deleted.
func (s *Server) solutionDeleteForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionEditor(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "confirm", s.solutionConfirm(r, v))
}

// solutionDelete deletes the solution once confirmed; an adopted one is refused (422), one
// changed since the page was shown is a conflict (409) that asks again.
func (s *Server) solutionDelete(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionEditor(w, r)
	if !ok {
		return
	}
	c := s.solutionConfirm(r, v)
	if r.PostFormValue("confirm") != "yes" {
		c.Errors = []fieldError{{"confirm", "Tick the box to confirm that the solution should be deleted"}}
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", c)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	err := s.db.DeleteSolution(r.Context(), actor(r), v.Solution.ID, version)
	switch {
	case errors.Is(err, store.ErrConflict):
		c.Errors = []fieldError{{"confirm", "Someone changed the solution since you opened this page: check it, then confirm again"}}
		s.render(w, r, http.StatusConflict, "confirm", c)
	case errors.Is(err, store.ErrInvalid):
		c.Blocked = invalidMessage(err) + "."
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", c)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "The solution "+v.Solution.Title+" has been deleted from the register.")
		http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register", http.StatusSeeOther)
	}
}
