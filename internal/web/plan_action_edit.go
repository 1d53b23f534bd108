package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type actionEditView struct {
	Page
	partnershipCtx
	Plan       store.Plan
	Priorities []strategy.Priority
	Objectives []store.Objective
	Action     store.PlanAction
	Notes      []store.Note
	Form       url.Values
	Statuses   []strategy.Status
	Today      string
}

// Val is the kept form value, or the action's own.
func (v actionEditView) Val(name string) string { return v.Form.Get(name) }

// Has reports whether a multi-value field holds the value.
func (v actionEditView) Has(name, value string) bool {
	for _, x := range v.Form[name] {
		if x == value {
			return true
		}
	}
	return false
}

// actionValues is the action as form values, for the first showing of the form.
func actionValues(a store.PlanAction) url.Values {
	v := url.Values{
		"action-title": {a.Title}, "action-description": {a.Description}, "action-lead": {itoa(a.LeadOrgID)},
		"action-objective": {itoa(a.ObjectiveID)}, "action-status": {string(a.Status)}, "action-start": {a.Start.String()},
		"action-due": {a.Due.String()}, "version": {strconv.Itoa(a.Version)}, "action-priority": a.Priorities,
	}
	for _, p := range a.Partners {
		v.Add("action-partner", itoa(p))
	}
	return v
}

// loadPlanAction loads the plan and the action in the path, and checks that the viewer may change
// it: the plan's editors may change any action, a partner's managers the ones it leads.
func (s *Server) loadPlanAction(w http.ResponseWriter, r *http.Request) (actionEditView, bool) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return actionEditView{}, false
	}
	aid, ok := pathID(r, "action")
	if !ok {
		s.notFound(w, r)
		return actionEditView{}, false
	}
	act, err := s.db.PlanAction(r.Context(), aid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && act.PlanID != plan.ID) {
		s.notFound(w, r)
		return actionEditView{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return actionEditView{}, false
	}
	if !pc.Access.CanEditAction(act.LeadOrgID) {
		s.forbidden(w, r)
		return actionEditView{}, false
	}
	d, err := s.loadPlanData(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return actionEditView{}, false
	}
	var notes []store.Note
	for _, a := range d.Actions {
		if a.ID == act.ID {
			notes = a.Notes
		}
	}
	return actionEditView{partnershipCtx: pc, Plan: plan, Priorities: d.Priorities, Objectives: d.Objectives, Action: act,
		Notes: notes, Form: actionValues(act), Statuses: strategy.Statuses, Today: planToday().String(),
		Page: s.page(r, "Update the action "+act.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name}, crumb{planPath(plan.ID), plan.Title})}, true
}

// planActionEditForm shows an action's form: its details, status and progress notes.
func (s *Server) planActionEditForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadPlanAction(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "plan-action-edit", v)
}

// planActionUpdate saves the action; a stale version is a conflict (409), shown with the
// values entered so nothing typed is lost.
func (s *Server) planActionUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadPlanAction(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	a, desc, errs := planActionForm(r)
	if a.LeadOrgID != 0 && !v.Access.CanEditAction(a.LeadOrgID) {
		errs = append(errs, fieldError{"action-lead", "You can give the lead only to a partner where you are a manager, planner or administrator"})
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		errs = append(errs, fieldError{"action-title", "The form is out of date: open the action again"})
	}
	if len(errs) > 0 {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "plan-action-edit", v)
		return
	}
	a.ID = v.Action.ID
	_, err = s.db.UpdateAction(r.Context(), actor(r), store.PlanAction{Action: a, PlanID: v.Plan.ID, Description: desc, Version: version})
	switch {
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"action-title", "Someone else changed this action while you were editing it. Check their change below, then save yours again."}}
		// Keep what was typed, but take the new version so that saving again is deliberate.
		if cur, err := s.db.PlanAction(r.Context(), v.Action.ID); err == nil {
			v.Action = cur
			v.Form.Set("version", strconv.Itoa(cur.Version))
		}
		s.render(w, r, http.StatusConflict, "plan-action-edit", v)
	case errors.Is(err, store.ErrInvalid):
		v.Errors = []fieldError{{"action-title", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "plan-action-edit", v)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "The action "+a.Title+" has been saved.")
		http.Redirect(w, r, planPath(v.Plan.ID)+"#actions", http.StatusSeeOther)
	}
}

// planActionNote records a dated progress note on an action.
func (s *Server) planActionNote(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadPlanAction(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	if v.Form.Get("version") == "" {
		v.Form.Set("version", strconv.Itoa(v.Action.Version))
	}
	n := store.Note{ActionID: v.Action.ID, Body: strings.TrimSpace(r.PostFormValue("note-body"))}
	var errs []fieldError
	var err error
	if n.On, err = strategy.ParseDate(r.PostFormValue("note-on")); err != nil || n.On.IsZero() {
		errs = append(errs, fieldError{"note-on", "Enter the date of the progress as YYYY-MM-DD"})
	}
	if n.Body == "" {
		errs = append(errs, fieldError{"note-body", "Enter the progress made"})
	}
	if len(errs) > 0 {
		for k, vals := range actionValues(v.Action) {
			if _, ok := v.Form[k]; !ok {
				v.Form[k] = vals
			}
		}
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "plan-action-edit", v)
		return
	}
	if _, err := s.db.AddPlanActionNote(r.Context(), actor(r), n); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The progress note has been added to "+v.Action.Title+".")
	http.Redirect(w, r, planPath(v.Plan.ID)+"/actions/"+itoa(v.Action.ID)+"/edit", http.StatusSeeOther)
}
