package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// The "solve once" register of a partnership: any partner's people read and search it; a
// partner's managers, planners and administrators record solutions, comment and adopt in its
// name; the lead's planners keep the case studies and resources per priority.

type registerView struct {
	Page
	partnershipCtx
	Solutions  []store.Solution
	Frameworks []strategyChoice
	Resources  []resourceGroup
	Query      string
	Priority   string
	Form       url.Values
}

type resourceGroup struct {
	Priority string
	Items    []store.Resource
}

func (v registerView) Val(name string) string { return v.Form.Get(name) }

func (v registerView) Has(name, value string) bool { return slices.Contains(v.Form[name], value) }

// PriorityTitle names a tagged priority of a framework version.
func (v registerView) PriorityTitle(key string) string { return priorityTitle(v.Frameworks, key) }

func priorityTitle(fws []strategyChoice, key string) string {
	for _, f := range fws {
		for _, p := range f.Priorities {
			if p.Key == key {
				if p.Code != "" {
					return p.Code + ". " + p.Title
				}
				return p.Title
			}
		}
	}
	return key
}

func (s *Server) registerView(w http.ResponseWriter, r *http.Request) (registerView, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return registerView{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return registerView{}, false
	}
	fws, err := s.strategyChoices(r)
	if err != nil {
		s.serverError(w, r, err)
		return registerView{}, false
	}
	v := registerView{partnershipCtx: pc, Frameworks: fws, Form: url.Values{},
		Query: strings.TrimSpace(r.URL.Query().Get("q")), Priority: r.URL.Query().Get("priority"),
		Page: s.page(r, "Solve once register of "+pc.P.Name, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(id), pc.P.Name})}
	if v.Solutions, err = s.db.SearchRegister(r.Context(), store.RegisterQuery{PartnershipID: id, Text: v.Query, Priority: v.Priority}); err != nil {
		s.serverError(w, r, err)
		return registerView{}, false
	}
	res, err := s.db.PartnershipResources(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return registerView{}, false
	}
	for _, rs := range res {
		title := priorityTitle(fws, rs.PriorityKey)
		if n := len(v.Resources); n > 0 && v.Resources[n-1].Priority == title {
			v.Resources[n-1].Items = append(v.Resources[n-1].Items, rs)
			continue
		}
		v.Resources = append(v.Resources, resourceGroup{Priority: title, Items: []store.Resource{rs}})
	}
	return v, true
}

// registerList shows the register, searched by words and a priority, with the partnership's
// case studies and resources by priority.
func (s *Server) registerList(w http.ResponseWriter, r *http.Request) {
	v, ok := s.registerView(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "register", v)
}

// splitChoices reads "key|version|priority" values of one framework version.
func splitChoices(values []string) (key, version string, keys []string, ok bool) {
	for _, c := range values {
		parts := strings.SplitN(c, "|", 3)
		if len(parts) != 3 {
			return "", "", nil, false
		}
		if key == "" {
			key, version = parts[0], parts[1]
		}
		if parts[0] != key || parts[1] != version {
			return "", "", nil, false
		}
		keys = append(keys, parts[2])
	}
	return key, version, keys, true
}

// registerCreate records a solution in the name of a partner the viewer may act for.
func (s *Server) registerCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.registerView(w, r)
	if !ok {
		return
	}
	if len(v.ActFor()) == 0 {
		s.forbidden(w, r)
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	sol := store.Solution{PartnershipID: v.P.ID, OrganisationID: formID(r, "solution-partner"),
		Title: strings.TrimSpace(r.PostFormValue("solution-title")), Problem: r.PostFormValue("solution-problem"),
		WhatWeDid: strings.TrimSpace(r.PostFormValue("solution-what")), Results: r.PostFormValue("solution-results"),
		Contacts: r.PostFormValue("solution-contacts"), Links: r.PostFormValue("solution-links")}
	if sol.Title == "" {
		v.Errors = append(v.Errors, fieldError{"solution-title", "Enter a title for the solution"})
	}
	if sol.WhatWeDid == "" {
		v.Errors = append(v.Errors, fieldError{"solution-what", "Say what your organisation did"})
	}
	if !v.Access.CanEditAction(sol.OrganisationID) {
		v.Errors = append(v.Errors, fieldError{"solution-partner", "Choose a partner where you are a manager, planner or administrator"})
	}
	var keysOK bool
	sol.FrameworkKey, sol.FrameworkVersion, sol.Priorities, keysOK = splitChoices(r.PostForm["solution-priority"])
	if !keysOK {
		v.Errors = append(v.Errors, fieldError{"solution-priority", "Choose priorities from one strategic framework"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "register", v)
		return
	}
	created, err := s.db.CreateSolution(r.Context(), actor(r), sol)
	if errors.Is(err, store.ErrInvalid) {
		v.Errors = []fieldError{{"solution-title", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "register", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The solution "+created.Title+" is in the register. Partners can now adopt it.")
	http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register/"+itoa(created.ID), http.StatusSeeOther)
}

// resourceAdd adds a case study or resource for a priority; only the lead's planners may.
func (s *Server) resourceAdd(w http.ResponseWriter, r *http.Request) {
	v, ok := s.registerView(w, r)
	if !ok {
		return
	}
	if !v.Access.EditPlan {
		s.forbidden(w, r)
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	key, _, keys, ok := splitChoices([]string{r.PostFormValue("resource-priority")})
	res := store.Resource{PartnershipID: v.P.ID, Kind: r.PostFormValue("resource-kind"), Title: r.PostFormValue("resource-title"),
		URL: r.PostFormValue("resource-url"), Summary: r.PostFormValue("resource-summary")}
	if ok && len(keys) == 1 {
		res.FrameworkKey, res.PriorityKey = key, keys[0]
	}
	_, err := s.db.AddResource(r.Context(), actor(r), res)
	if errors.Is(err, store.ErrInvalid) {
		v.Errors = []fieldError{{"resource-title", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "register", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The "+strings.ReplaceAll(res.Kind, "-", " ")+" "+strings.TrimSpace(res.Title)+" has been added.")
	http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register#resources", http.StatusSeeOther)
}

type solutionView struct {
	Page
	partnershipCtx
	Solution   store.Solution
	Comments   []store.Comment
	Adoptions  []store.Adoption
	Plans      []store.Plan
	Frameworks []strategyChoice
	Form       url.Values
}

func (v solutionView) Val(name string) string { return v.Form.Get(name) }

// RatingLabels are the choices of the rating, 1 to 5.
func (solutionView) RatingLabels() []string {
	return []string{"1 (not at all)", "2", "3", "4", "5 (very well)"}
}

// PriorityTitle names a tagged priority.
func (v solutionView) PriorityTitle(key string) string { return priorityTitle(v.Frameworks, key) }

// Links are the solution's links, one a line; only web addresses become links.
func (v solutionView) Links() []string {
	var out []string
	for _, l := range strings.Split(v.Solution.Links, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// IsWeb reports whether a link is a web address, safe to make a link of.
func (solutionView) IsWeb(l string) bool {
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

func (s *Server) solutionView(w http.ResponseWriter, r *http.Request) (solutionView, bool) {
	id, ok := pathID(r, "id")
	sid, ok2 := pathID(r, "solution")
	if !ok || !ok2 {
		s.notFound(w, r)
		return solutionView{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return solutionView{}, false
	}
	sol, err := s.db.Solution(r.Context(), sid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && sol.PartnershipID != id) {
		s.notFound(w, r)
		return solutionView{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return solutionView{}, false
	}
	v := solutionView{partnershipCtx: pc, Solution: sol, Form: url.Values{},
		Page: s.page(r, sol.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(id), pc.P.Name}, crumb{"/partnerships/" + itoa(id) + "/register", "Solve once register"})}
	if v.Comments, err = s.db.SolutionComments(r.Context(), sid); err == nil {
		if v.Adoptions, err = s.db.SolutionAdoptions(r.Context(), sid); err == nil {
			if v.Plans, err = s.db.PartnershipPlans(r.Context(), id); err == nil {
				v.Frameworks, err = s.strategyChoices(r)
			}
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return solutionView{}, false
	}
	return v, true
}

// solutionShow shows a solution with its comments and ratings, the plans that adopted it, and
// the forms to comment and to adopt it.
func (s *Server) solutionShow(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionView(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "solution", v)
}

// solutionComment records a comment and rating in the name of a partner.
func (s *Server) solutionComment(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionView(w, r)
	if !ok {
		return
	}
	if len(v.ActFor()) == 0 {
		s.forbidden(w, r)
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	c := store.Comment{SolutionID: v.Solution.ID, OrganisationID: formID(r, "comment-partner"), Body: r.PostFormValue("comment-body")}
	c.Rating, _ = strconv.Atoi(r.PostFormValue("comment-rating"))
	if !v.Access.CanEditAction(c.OrganisationID) {
		v.Errors = append(v.Errors, fieldError{"comment-partner", "Choose a partner where you are a manager, planner or administrator"})
	}
	if strings.TrimSpace(c.Body) == "" {
		v.Errors = append(v.Errors, fieldError{"comment-body", "Enter your comment"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "solution", v)
		return
	}
	if _, err := s.db.AddComment(r.Context(), actor(r), c); errors.Is(err, store.ErrInvalid) {
		v.Errors = []fieldError{{"comment-body", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "solution", v)
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "Your comment has been added.")
	http.Redirect(w, r, "/partnerships/"+itoa(v.P.ID)+"/register/"+itoa(v.Solution.ID)+"#comments", http.StatusSeeOther)
}

// solutionAdopt adopts the solution into a plan of the partnership: a new action, led by the
// viewer's partner, that links back to the solution and serves the plan's priorities the
// solution is tagged with (all of the plan's when it is tagged with none of them).
func (s *Server) solutionAdopt(w http.ResponseWriter, r *http.Request) {
	v, ok := s.solutionView(w, r)
	if !ok {
		return
	}
	if len(v.ActFor()) == 0 {
		s.forbidden(w, r)
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	planID, lead := formID(r, "adopt-plan"), formID(r, "adopt-lead")
	var plan *store.Plan
	for i := range v.Plans {
		if v.Plans[i].ID == planID {
			plan = &v.Plans[i]
		}
	}
	if plan == nil {
		v.Errors = append(v.Errors, fieldError{"adopt-plan", "Choose the plan to adopt it into"})
	}
	if !v.Access.CanEditAction(lead) {
		v.Errors = append(v.Errors, fieldError{"adopt-lead", "Choose a partner where you are a manager, planner or administrator"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "solution", v)
		return
	}
	var prios []string
	for _, k := range plan.Priorities {
		if slices.Contains(v.Solution.Priorities, k) && v.Solution.FrameworkKey == plan.FrameworkKey {
			prios = append(prios, k)
		}
	}
	if len(prios) == 0 {
		prios = plan.Priorities
	}
	title := strings.TrimSpace(r.PostFormValue("adopt-title"))
	if title == "" {
		title = "Adopt: " + v.Solution.Title
	}
	act, err := s.db.CreateAction(r.Context(), actor(r), store.PlanAction{PlanID: plan.ID, SolutionID: v.Solution.ID,
		Description: "Adopts " + v.Solution.Title + " from " + v.Solution.Organisation + " (solve once register).",
		Action:      strategy.Action{Title: title, LeadOrgID: lead, Priorities: prios}})
	if errors.Is(err, store.ErrInvalid) {
		v.Errors = []fieldError{{"adopt-plan", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "solution", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The action "+act.Title+" has been added to "+plan.Title+". Add its dates from the plan.")
	http.Redirect(w, r, planPath(plan.ID)+"#actions", http.StatusSeeOther)
}
