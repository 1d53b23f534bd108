package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// Writing plans: creating and changing a plan, adding objectives, measures, risks and
// dependencies. The plan's editors (the planners and administrators of the partnership's lead
// organisation) do all of these; partners change only the actions they lead (plan_actions.go).

type planInput struct {
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	FrameworkKey     string   `json:"framework_key"`
	FrameworkVersion string   `json:"framework_version"`
	Priorities       []string `json:"priorities"`
	Version          *int     `json:"version"`
}

func mayEditPlan(pa store.PartnerAccess) error {
	if pa.EditPlan {
		return nil
	}
	return clientErrorf(errForbidden, "A plan is changed by the planners and administrators of the partnership's lead organisation; you are not one.")
}

// invalidAs turns a store ErrInvalid into the API's 422 with the reason after what did not
// happen ("The plan was not saved: ...").
func invalidAs(err error, what string) error {
	if errors.Is(err, store.ErrInvalid) {
		msg := strings.TrimPrefix(err.Error(), store.ErrInvalid.Error()+": ")
		return clientErrorf(store.ErrInvalid, "%s: %s.", what, msg)
	}
	return err
}

// planCreate serves POST /api/v1/partnerships/{id}/plans: a plan against chosen priorities of a
// strategic framework version.
func (s *server) planCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, pa, err := s.visiblePartnership(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayEditPlan(pa); err != nil {
		s.fail(w, r, err)
		return
	}
	var in planInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	created, err := s.db.CreatePlan(r.Context(), actor(r), store.Plan{PartnershipID: id, Title: in.Title, Description: in.Description,
		FrameworkKey: in.FrameworkKey, FrameworkVersion: in.FrameworkVersion, Priorities: in.Priorities})
	if errors.Is(err, store.ErrConflict) {
		err = clientErrorf(store.ErrConflict, "The partnership already has a plan called %q: choose another title.", in.Title).
			withErrors(problemError{Pointer: "/title", Detail: "Taken by another plan of the partnership."})
	}
	if err != nil {
		s.fail(w, r, invalidAs(err, "The plan was not saved"))
		return
	}
	s.writePlan(w, r, http.StatusCreated, created)
}

func (s *server) writePlan(w http.ResponseWriter, r *http.Request, status int, plan store.Plan) {
	doc, err := s.planDocument(r, plan)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", planHref(plan.ID))
	}
	s.writePrivate(w, r, status, versionTag(plan.Version), doc)
}

// planUpdate serves PUT /api/v1/plans/{id}: the plan's title, description and priorities as they
// should now be, based on the version read (If-Match or version; neither is 428, a stale one
// 409). A plan stays on its framework version; a priority that actions serve cannot be dropped.
func (s *server) planUpdate(w http.ResponseWriter, r *http.Request) {
	plan, pa, err := s.visiblePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayEditPlan(pa); err != nil {
		s.fail(w, r, err)
		return
	}
	var in planInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if (in.FrameworkKey != "" && in.FrameworkKey != plan.FrameworkKey) || (in.FrameworkVersion != "" && in.FrameworkVersion != plan.FrameworkVersion) {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A plan stays on its framework version: this one addresses %s %s.", plan.FrameworkKey, plan.FrameworkVersion).
			withErrors(problemError{Pointer: "/framework_version", Detail: "Leave the framework out, or send the plan's own."}))
		return
	}
	saved, err := s.db.UpdatePlan(r.Context(), actor(r), store.Plan{ID: plan.ID, Title: in.Title, Description: in.Description,
		Priorities: in.Priorities, Version: version})
	if stale := staleOr(err, "plan", plan.ID, version, planHref(plan.ID), func() (int, error) {
		now, err := s.db.Plan(r.Context(), plan.ID)
		return now.Version, err
	}); stale != err {
		err = stale
	} else if errors.Is(err, store.ErrConflict) {
		err = clientErrorf(store.ErrConflict, "The partnership already has a plan called %q: choose another title.", in.Title).
			withErrors(problemError{Pointer: "/title", Detail: "Taken by another plan of the partnership."})
	}
	if err != nil {
		s.fail(w, r, invalidAs(err, "The plan was not saved"))
		return
	}
	s.writePlan(w, r, http.StatusOK, saved)
}

// planChange loads the plan in the path for a change by its editors and decodes the request's
// body into dst (nil: no body); on any failure it has answered, and says so.
func (s *server) planChange(w http.ResponseWriter, r *http.Request, dst any) (store.Plan, bool) {
	plan, pa, err := s.visiblePlan(r)
	if err == nil {
		err = mayEditPlan(pa)
	}
	if err == nil && dst != nil {
		err = decodeBody(r, dst)
	}
	if err != nil {
		s.fail(w, r, err)
		return plan, false
	}
	return plan, true
}

// objectiveCreate serves POST /api/v1/plans/{id}/objectives.
func (s *server) objectiveCreate(w http.ResponseWriter, r *http.Request) {
	var in objectiveDoc
	plan, ok := s.planChange(w, r, &in)
	if !ok {
		return
	}
	o, err := s.db.AddObjective(r.Context(), actor(r), store.Objective{PlanID: plan.ID, Title: in.Title, Description: in.Description})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The objective was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusCreated, "", objectiveDoc{ID: o.ID, Title: o.Title, Description: o.Description})
}

// measureInput is a measure as a client sends it: amounts as decimal strings, dates YYYY-MM-DD.
type measureInput struct {
	ObjectiveID int64  `json:"objective_id"`
	Title       string `json:"title"`
	Unit        string `json:"unit"`
	Baseline    string `json:"baseline"`
	Target      string `json:"target"`
	Direction   string `json:"direction"`
	TargetDate  string `json:"target_date"`
}

// measureCreate serves POST /api/v1/plans/{id}/measures: a measure of one of the plan's objectives.
func (s *server) measureCreate(w http.ResponseWriter, r *http.Request) {
	var in measureInput
	plan, ok := s.planChange(w, r, &in)
	if !ok {
		return
	}
	m := strategy.Measure{ObjectiveID: in.ObjectiveID, Title: in.Title, Unit: in.Unit, Direction: strategy.Direction(in.Direction)}
	var errs []problemError
	var err error
	amount := "Give it as a decimal string with at most two decimal places, such as \"12.5\"."
	if m.Baseline, err = strategy.ParseAmount(in.Baseline); err != nil {
		errs = append(errs, problemError{Pointer: "/baseline", Detail: amount})
	}
	if m.Target, err = strategy.ParseAmount(in.Target); err != nil {
		errs = append(errs, problemError{Pointer: "/target", Detail: amount})
	}
	if m.TargetDate, err = strategy.ParseDate(in.TargetDate); err != nil {
		errs = append(errs, problemError{Pointer: "/target_date", Detail: "Write the date as YYYY-MM-DD."})
	}
	if len(errs) > 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "The measure was not saved.").withErrors(errs...))
		return
	}
	saved, err := s.db.AddMeasure(r.Context(), actor(r), plan.ID, m)
	if err != nil {
		s.fail(w, r, invalidAs(err, "The measure was not saved"))
		return
	}
	st, pc := saved.Status()
	s.writePrivate(w, r, http.StatusCreated, "", measureDoc{ID: saved.ID, ObjectiveID: saved.ObjectiveID, Title: saved.Title, Unit: saved.Unit,
		Baseline: saved.Baseline.String(), Target: saved.Target.String(), Direction: string(saved.Direction),
		TargetDate: saved.TargetDate.String(), Status: string(st), Percent: pc, Values: []valueDoc{}})
}

type riskInput struct {
	Title      string `json:"title"`
	Likelihood int    `json:"likelihood"`
	Impact     int    `json:"impact"`
	Mitigation string `json:"mitigation"`
	ActionID   int64  `json:"action_id"`
}

// riskCreate serves POST /api/v1/plans/{id}/risks: a risk to the plan or to one of its actions.
func (s *server) riskCreate(w http.ResponseWriter, r *http.Request) {
	var in riskInput
	plan, ok := s.planChange(w, r, &in)
	if !ok {
		return
	}
	rk, err := s.db.AddRisk(r.Context(), actor(r), plan.ID, strategy.Risk{Title: in.Title, Likelihood: in.Likelihood, Impact: in.Impact,
		Mitigation: in.Mitigation, ActionID: in.ActionID})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The risk was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusCreated, "", riskDoc{ID: rk.ID, ActionID: rk.ActionID, Title: rk.Title, Likelihood: rk.Likelihood,
		Impact: rk.Impact, Score: rk.Score(), Rating: rk.Rating(), Mitigation: rk.Mitigation})
}

// dependencyCreate serves POST /api/v1/plans/{id}/dependencies: one action of the plan waits for
// another; one that would close a cycle is 422.
func (s *server) dependencyCreate(w http.ResponseWriter, r *http.Request) {
	var in dependencyDoc
	plan, ok := s.planChange(w, r, &in)
	if !ok {
		return
	}
	if err := s.db.AddDependency(r.Context(), actor(r), plan.ID, strategy.Dependency{Action: in.ActionID, DependsOn: in.DependsOnID}); err != nil {
		if errors.Is(err, store.ErrConflict) {
			err = clientErrorf(store.ErrConflict, "Action %d already depends on action %d.", in.ActionID, in.DependsOnID)
		}
		s.fail(w, r, invalidAs(err, "The dependency was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusCreated, "", in)
}

func solutionHref(partnershipID, id int64) string {
	return partnershipHref(partnershipID) + "/register/" + strconv.FormatInt(id, 10)
}

func solutionIDOf(r *http.Request) (int64, error) {
	raw := r.PathValue("solution")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, clientErrorf(store.ErrNotFound, "There is no solution %q: solution ids are whole numbers.", raw)
	}
	return id, nil
}

// visibleSolution loads the solution in the path, of the partnership in the path, which the
// caller must belong to (404 otherwise, for both).
func (s *server) visibleSolution(r *http.Request) (store.Solution, store.PartnerAccess, error) {
	pid, err := pathID(r, "partnership")
	if err != nil {
		return store.Solution{}, store.PartnerAccess{}, err
	}
	_, pa, err := s.visiblePartnership(r, pid)
	if err != nil {
		return store.Solution{}, store.PartnerAccess{}, err
	}
	sid, err := solutionIDOf(r)
	if err != nil {
		return store.Solution{}, store.PartnerAccess{}, err
	}
	sol, err := s.db.Solution(r.Context(), sid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && sol.PartnershipID != pid) {
		return store.Solution{}, store.PartnerAccess{}, clientErrorf(store.ErrNotFound, "Partnership %d has no solution %d.", pid, sid)
	}
	return sol, pa, err
}

// mayChangeSolution: the partner that recorded it (its managers, planners and administrators)
// and the partnership's lead (the plan's editors).
func mayChangeSolution(pa store.PartnerAccess, sol store.Solution) error {
	if pa.CanEditAction(sol.OrganisationID) {
		return nil
	}
	return clientErrorf(errForbidden, "A solution is changed by the partner that recorded it (%s) and by the partnership's lead; you are neither.", sol.Organisation)
}

// pathInt64 reads a whole-number path value, or is 404 naming what it should have been.
func pathInt64(r *http.Request, name, what string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, clientErrorf(store.ErrNotFound, "There is no %s %q: ids are whole numbers.", what, raw)
	}
	return id, nil
}

// riskDelete serves DELETE /api/v1/plans/{id}/risks/{risk}.
func (s *server) riskDelete(w http.ResponseWriter, r *http.Request) {
	plan, ok := s.planChange(w, r, nil)
	if !ok {
		return
	}
	id, err := pathInt64(r, "risk", "risk")
	if err == nil {
		err = s.db.DeleteRisk(r.Context(), actor(r), plan.ID, id)
		if errors.Is(err, store.ErrNotFound) {
			err = clientErrorf(store.ErrNotFound, "Plan %d has no risk %d.", plan.ID, id)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// dependencyDelete serves DELETE /api/v1/plans/{id}/actions/{action}/waits-for/{on}: the action
// no longer waits for the other.
func (s *server) dependencyDelete(w http.ResponseWriter, r *http.Request) {
	plan, ok := s.planChange(w, r, nil)
	if !ok {
		return
	}
	a, err := pathInt64(r, "action", "action")
	var on int64
	if err == nil {
		on, err = pathInt64(r, "on", "action")
	}
	if err == nil {
		err = s.db.RemoveDependency(r.Context(), actor(r), plan.ID, strategy.Dependency{Action: a, DependsOn: on})
		if errors.Is(err, store.ErrNotFound) {
			err = clientErrorf(store.ErrNotFound, "In plan %d, action %d does not wait for action %d.", plan.ID, a, on)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
