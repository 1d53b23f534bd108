package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// The plan page's forms. Each checks who may use it (docs/security.md): the lead
// organisation's planners and administrators change the plan itself; a partner's managers,
// planners and administrators add and change the actions their organisation leads.

func planPath(id int64) string { return "/plans/" + itoa(id) }

// planEditor loads the plan for a change to the plan itself, or refuses.
func (s *Server) planEditor(w http.ResponseWriter, r *http.Request) (store.Plan, partnershipCtx, bool) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return plan, pc, false
	}
	if !pc.Access.EditPlan {
		s.forbidden(w, r)
		return plan, pc, false
	}
	_ = r.ParseForm()
	return plan, pc, true
}

// saved finishes a POST: a store error becomes the form again with the reason, success goes
// back to the plan page (at the section) with a message.
func (s *Server) saved(w http.ResponseWriter, r *http.Request, plan store.Plan, pc partnershipCtx, err error, field, done, anchor string) {
	switch {
	case errors.Is(err, store.ErrInvalid):
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, []fieldError{{field, invalidMessage(err)}})
	case errors.Is(err, store.ErrConflict):
		s.planFormFailed(w, r, plan, pc, http.StatusConflict, []fieldError{{field,
			"Someone else changed this while you were editing it. The page now shows their change: make yours again if it is still needed."}})
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, done)
		http.Redirect(w, r, planPath(plan.ID)+"#"+anchor, http.StatusSeeOther)
	}
}

// planObjectiveAdd adds an objective.
func (s *Server) planObjectiveAdd(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return
	}
	title := strings.TrimSpace(r.PostFormValue("objective-title"))
	if title == "" {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, []fieldError{{"objective-title", "Enter the objective"}})
		return
	}
	_, err := s.db.AddObjective(r.Context(), actor(r), store.Objective{PlanID: plan.ID, Title: title,
		Description: strings.TrimSpace(r.PostFormValue("objective-description"))})
	s.saved(w, r, plan, pc, err, "objective-title", "The objective "+title+" has been added.", "objectives")
}

// planActionForm reads an action's fields (prefix "action-") and reports each problem by field.
func planActionForm(r *http.Request) (strategy.Action, string, []fieldError) {
	var errs []fieldError
	a := strategy.Action{
		Title:       strings.TrimSpace(r.PostFormValue("action-title")),
		LeadOrgID:   formID(r, "action-lead"),
		ObjectiveID: formID(r, "action-objective"),
		Status:      strategy.Status(r.PostFormValue("action-status")),
		Priorities:  r.PostForm["action-priority"],
	}
	if a.Title == "" {
		errs = append(errs, fieldError{"action-title", "Enter what the action is"})
	}
	if a.LeadOrgID == 0 {
		errs = append(errs, fieldError{"action-lead", "Choose the partner that leads the action"})
	}
	for _, p := range r.PostForm["action-partner"] {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			a.Partners = append(a.Partners, id)
		}
	}
	var err error
	if a.Start, err = strategy.ParseDate(r.PostFormValue("action-start")); err != nil {
		errs = append(errs, fieldError{"action-start", "Enter the start date as YYYY-MM-DD, for example 2026-04-01"})
	}
	if a.Due, err = strategy.ParseDate(r.PostFormValue("action-due")); err != nil {
		errs = append(errs, fieldError{"action-due", "Enter the due date as YYYY-MM-DD, for example 2027-03-31"})
	}
	if len(a.Priorities) == 0 {
		errs = append(errs, fieldError{"action-priority", "Choose at least one priority the action serves"})
	}
	return a, strings.TrimSpace(r.PostFormValue("action-description")), errs
}

// planActionAdd adds an action led by a partner the viewer may act for.
func (s *Server) planActionAdd(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	if len(pc.ActFor()) == 0 {
		s.forbidden(w, r)
		return
	}
	_ = r.ParseForm()
	a, desc, errs := planActionForm(r)
	if a.LeadOrgID != 0 && !pc.Access.CanEditAction(a.LeadOrgID) {
		errs = append(errs, fieldError{"action-lead", "You can add actions only for a partner where you are a manager, planner or administrator"})
	}
	if len(errs) > 0 {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, errs)
		return
	}
	act := store.PlanAction{PlanID: plan.ID, Action: a, Description: desc, SolutionID: formID(r, "action-solution")}
	_, err := s.db.CreateAction(r.Context(), actor(r), act)
	s.saved(w, r, plan, pc, err, "action-title", "The action "+a.Title+" has been added.", "actions")
}

// planMeasureAdd adds a measure to an objective.
func (s *Server) planMeasureAdd(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return
	}
	m := strategy.Measure{ObjectiveID: formID(r, "measure-objective"), Title: strings.TrimSpace(r.PostFormValue("measure-title")),
		Unit: r.PostFormValue("measure-unit"), Direction: strategy.Direction(r.PostFormValue("measure-direction"))}
	var errs []fieldError
	if m.Title == "" {
		errs = append(errs, fieldError{"measure-title", "Enter what is measured"})
	}
	if m.ObjectiveID == 0 {
		errs = append(errs, fieldError{"measure-objective", "Choose the objective the measure belongs to"})
	}
	var err error
	if m.Baseline, err = strategy.ParseAmount(r.PostFormValue("measure-baseline")); err != nil {
		errs = append(errs, fieldError{"measure-baseline", "Enter the baseline as a number, for example 12.5"})
	}
	if m.Target, err = strategy.ParseAmount(r.PostFormValue("measure-target")); err != nil {
		errs = append(errs, fieldError{"measure-target", "Enter the target as a number, for example 8"})
	}
	if m.Direction != strategy.Increase && m.Direction != strategy.Decrease {
		errs = append(errs, fieldError{"measure-direction", "Choose whether the measure should go up or down"})
	}
	if m.TargetDate, err = strategy.ParseDate(r.PostFormValue("measure-target-date")); err != nil {
		errs = append(errs, fieldError{"measure-target-date", "Enter the target date as YYYY-MM-DD"})
	}
	if len(errs) > 0 {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, errs)
		return
	}
	_, err = s.db.AddMeasure(r.Context(), actor(r), plan.ID, m)
	s.saved(w, r, plan, pc, err, "measure-title", "The measure "+m.Title+" has been added.", "measures")
}

// planMeasureValue records a dated value of a measure.
func (s *Server) planMeasureValue(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return
	}
	mid, ok := pathID(r, "measure")
	if !ok {
		s.notFound(w, r)
		return
	}
	field := "value-" + itoa(mid)
	var errs []fieldError
	v := strategy.Value{Note: r.PostFormValue(field + "-note")}
	var err error
	if v.Value, err = strategy.ParseAmount(r.PostFormValue(field)); err != nil {
		errs = append(errs, fieldError{field, "Enter the value as a number, for example 10.5"})
	}
	if v.On, err = strategy.ParseDate(r.PostFormValue(field + "-on")); err != nil || v.On.IsZero() {
		errs = append(errs, fieldError{field + "-on", "Enter the date it was measured as YYYY-MM-DD"})
	}
	if len(errs) > 0 {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, errs)
		return
	}
	err = s.db.AddMeasureValue(r.Context(), actor(r), plan.ID, mid, v)
	s.saved(w, r, plan, pc, err, field, "The value has been recorded.", "measure-"+itoa(mid))
}

// planRiskAdd records a risk.
func (s *Server) planRiskAdd(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return
	}
	rk := strategy.Risk{Title: strings.TrimSpace(r.PostFormValue("risk-title")), ActionID: formID(r, "risk-action"),
		Mitigation: strings.TrimSpace(r.PostFormValue("risk-mitigation"))}
	rk.Likelihood, _ = strconv.Atoi(r.PostFormValue("risk-likelihood"))
	rk.Impact, _ = strconv.Atoi(r.PostFormValue("risk-impact"))
	var errs []fieldError
	if rk.Title == "" {
		errs = append(errs, fieldError{"risk-title", "Enter the risk"})
	}
	if rk.Likelihood < 1 || rk.Likelihood > 5 {
		errs = append(errs, fieldError{"risk-likelihood", "Choose a likelihood from 1 (rare) to 5 (almost certain)"})
	}
	if rk.Impact < 1 || rk.Impact > 5 {
		errs = append(errs, fieldError{"risk-impact", "Choose an impact from 1 (negligible) to 5 (severe)"})
	}
	if len(errs) > 0 {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, errs)
		return
	}
	_, err := s.db.AddRisk(r.Context(), actor(r), plan.ID, rk)
	s.saved(w, r, plan, pc, err, "risk-title", "The risk "+rk.Title+" has been recorded.", "risks")
}

// planDependencyAdd records that one action waits for another.
func (s *Server) planDependencyAdd(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return
	}
	d := strategy.Dependency{Action: formID(r, "dependency-action"), DependsOn: formID(r, "dependency-on")}
	if d.Action == 0 || d.DependsOn == 0 {
		s.planFormFailed(w, r, plan, pc, http.StatusUnprocessableEntity, []fieldError{{"dependency-action", "Choose both actions"}})
		return
	}
	err := s.db.AddDependency(r.Context(), actor(r), plan.ID, d)
	s.saved(w, r, plan, pc, err, "dependency-action", "The dependency has been recorded.", "dependencies")
}
