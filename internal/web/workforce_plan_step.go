package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// One step of a workforce plan: the method's guidance, then the step's status, notes, the unit's
// scenarios it uses and the actions decided (each with owner, due date and whether done), saved
// together at the version shown (409 and the typed values kept if someone saved it meanwhile).

type planStepView struct {
	Page
	Unit      store.Organisation
	Plan      store.WorkforcePlan
	Method    string
	Step      store.MethodStep
	Number    int
	Form      workforce.PlanStep
	New       workforce.PlanAction // the blank action row, as typed
	Version   int
	Scenarios []store.Scenario
	Linked    map[int64]bool
	Statuses  []choice
	Prev      *store.MethodStep
	Next      *store.MethodStep
}

func (s *Server) planStepPage(w http.ResponseWriter, r *http.Request, pc planContext, i int, form workforce.PlanStep, fresh workforce.PlanAction, version int, errs []fieldError, status int) {
	m := pc.steps[i]
	v := planStepView{Page: s.page(r, "Step "+m.Code+": "+m.Title, "organisations", append(pc.uc.crumbs, crumb{workforcePlanPath(pc.plan.ID), pc.plan.Title})...),
		Unit: pc.uc.unit, Plan: pc.plan, Method: pc.method, Step: m, Number: i + 1, Form: form, New: fresh, Version: version,
		Scenarios: pc.scenarios, Linked: map[int64]bool{}}
	for _, id := range form.ScenarioIDs {
		v.Linked[id] = true
	}
	for _, st := range workforce.StepStatuses {
		v.Statuses = append(v.Statuses, choice{st, workforce.StepStatusLabel(st)})
	}
	if i > 0 {
		v.Prev = &pc.steps[i-1]
	}
	if i+1 < len(pc.steps) {
		v.Next = &pc.steps[i+1]
	}
	v.Errors = errs
	s.render(w, r, status, "workforce-plan-step", v)
}

// planStepIndex finds the path's {step} among the method's steps.
func (s *Server) planStepIndex(w http.ResponseWriter, r *http.Request, pc planContext) (int, bool) {
	key := r.PathValue("step")
	for i, m := range pc.steps {
		if m.Key == key {
			return i, true
		}
	}
	s.notFound(w, r)
	return 0, false
}

// workforcePlanStep shows one step with its form.
func (s *Server) workforcePlanStep(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadWorkforcePlan(w, r)
	if !ok {
		return
	}
	i, ok := s.planStepIndex(w, r, pc)
	if !ok {
		return
	}
	s.planStepPage(w, r, pc, i, pc.stored[i].PlanStep, workforce.PlanAction{}, pc.stored[i].Version, nil, http.StatusOK)
}

// workforcePlanStepSave saves the step as the form has it.
func (s *Server) workforcePlanStepSave(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadWorkforcePlan(w, r)
	if !ok {
		return
	}
	i, ok := s.planStepIndex(w, r, pc)
	if !ok {
		return
	}
	_ = r.ParseForm()
	cur := pc.stored[i]
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	form := workforce.PlanStep{Key: cur.Key, Status: r.PostFormValue("status"), Notes: r.PostFormValue("notes")}
	// Scenarios linked by someone else that this viewer cannot see (their drafts) stay linked.
	for _, id := range cur.ScenarioIDs {
		if _, seen := pc.byID[id]; !seen {
			form.ScenarioIDs = append(form.ScenarioIDs, id)
		}
	}
	for _, raw := range r.PostForm["scenario"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			form.ScenarioIDs = append(form.ScenarioIDs, id)
		} else {
			form.ScenarioIDs = append(form.ScenarioIDs, -1) // refused by the rules, with a message
		}
	}
	n, _ := strconv.Atoi(r.PostFormValue("actions"))
	for j := 0; j < n && j < workforce.MaxStepActions; j++ {
		p := "action-" + strconv.Itoa(j) + "-"
		form.Actions = append(form.Actions, workforce.PlanAction{Title: r.PostFormValue(p + "title"), Owner: r.PostFormValue(p + "owner"),
			Due: workforce.Date(r.PostFormValue(p + "due")), Done: r.PostFormValue(p+"done") == "yes"})
	}
	// An action whose fields were all cleared is removed now, so that the rules' action numbers
	// match the form's rows.
	kept := form.Actions[:0]
	for _, a := range form.Actions {
		if strings.TrimSpace(a.Title+a.Owner+string(a.Due)) != "" {
			kept = append(kept, a)
		}
	}
	form.Actions = kept
	fresh := workforce.PlanAction{Title: r.PostFormValue("new-title"), Owner: r.PostFormValue("new-owner"), Due: workforce.Date(r.PostFormValue("new-due"))}
	all := form
	all.Actions = append(append([]workforce.PlanAction{}, form.Actions...), fresh)
	_, err := s.db.SavePlanStep(r.Context(), actor(r), pc.plan.ID, all, version)
	var inv *store.InvalidPlanError
	switch {
	case errors.As(err, &inv):
		var errs []fieldError
		for _, p := range inv.Problems {
			errs = append(errs, fieldError{stepField(p.Field, len(form.Actions)), p.Message})
		}
		s.planStepPage(w, r, pc, i, form, fresh, version, errs, http.StatusUnprocessableEntity)
	case errors.Is(err, store.ErrConflict):
		s.planStepPage(w, r, pc, i, form, fresh, version, []fieldError{{"notes", "Someone else saved this step while you were editing it. Your version is below: check the step's plan page for theirs, then save again"}}, http.StatusConflict)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "Step "+pc.steps[i].Code+" has been saved.")
		http.Redirect(w, r, workforcePlanPath(pc.plan.ID)+"#step-"+pc.steps[i].Key, http.StatusSeeOther)
	}
}

// stepField turns a rule's field ("actions[2].due") into the form field's id ("action-2-due",
// or "new-due" for the blank row, which comes after the n existing actions).
func stepField(field string, n int) string {
	rest, ok := strings.CutPrefix(field, "actions[")
	if !ok {
		if field == "scenarios" {
			return "scenarios"
		}
		return field
	}
	num, name, _ := strings.Cut(rest, "].")
	j, _ := strconv.Atoi(num)
	if j >= n {
		return "new-" + name
	}
	return "action-" + num + "-" + name
}
