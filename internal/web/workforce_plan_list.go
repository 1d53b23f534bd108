package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// Workforce plans of a unit (issue 6, decision 0012): the Six Steps, each step with its notes,
// scenarios, actions and status, for the same managers, planners and administrators who see the
// unit's workforce profile and scenarios.

func workforcePlanPath(id int64) string { return "/workforce-plans/" + strconv.FormatInt(id, 10) }

type workforcePlanListView struct {
	Page
	Unit        store.Organisation
	Plans       []store.WorkforcePlan
	MethodTitle string
	Steps       []store.MethodStep
	Title       string
}

func (s *Server) workforcePlanListPage(w http.ResponseWriter, r *http.Request, uc unitContext, status int, v workforcePlanListView) {
	list, err := s.db.UnitWorkforcePlans(r.Context(), uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title, steps, err := store.PlanMethod()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page.Title, v.Page.Nav, v.Page.Breadcrumbs = "Workforce plans: "+uc.unit.Name, "organisations", uc.crumbs
	v.Unit, v.Plans, v.MethodTitle, v.Steps = uc.unit, list, title, steps
	s.render(w, r, status, "workforce-plan-list", v)
}

// workforcePlanList lists a unit's workforce plans with the form to start one.
func (s *Server) workforcePlanList(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	s.workforcePlanListPage(w, r, uc, http.StatusOK, workforcePlanListView{Page: s.page(r, "", "")})
}

// workforcePlanCreate starts a plan, every step not started, and opens it.
func (s *Server) workforcePlanCreate(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	v := workforcePlanListView{Page: s.page(r, "", ""), Title: r.PostFormValue("title")}
	p, err := s.db.CreateWorkforcePlan(r.Context(), actor(r), uc.unit.ID, v.Title)
	var inv *store.InvalidPlanError
	if errors.As(err, &inv) {
		v.Errors = problemsToErrors(inv.Problems)
		s.workforcePlanListPage(w, r, uc, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The plan has been started. Work through its steps in order, or start where you are.")
	http.Redirect(w, r, workforcePlanPath(p.ID), http.StatusSeeOther)
}

// planContext is a plan with its unit, its method's steps, what it holds for each, and the
// unit's scenarios the viewer sees (by id).
type planContext struct {
	uc        unitContext
	plan      store.WorkforcePlan
	method    string
	steps     []store.MethodStep
	stored    []store.StoredStep
	scenarios []store.Scenario
	byID      map[int64]store.Scenario
}

// loadWorkforcePlan reads the plan of the path's {id}; a viewer who may not plan its unit gets
// "not found".
func (s *Server) loadWorkforcePlan(w http.ResponseWriter, r *http.Request) (planContext, bool) {
	var pc planContext
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return pc, false
	}
	p, err := s.db.WorkforcePlanByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return pc, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return pc, false
	}
	uc, ok := s.unitByID(w, r, p.UnitID)
	if !ok {
		return pc, false
	}
	uc.crumbs = append(uc.crumbs, crumb{unitPath(uc.unit.ID) + "/workforce-plans", "Workforce plans"})
	pc = planContext{uc: uc, plan: p, byID: map[int64]store.Scenario{}}
	if pc.method, _, err = store.PlanMethod(); err == nil {
		pc.steps, pc.stored, err = s.db.PlanSteps(r.Context(), p.ID)
	}
	if err == nil {
		pc.scenarios, err = s.db.UnitScenarios(r.Context(), p.UnitID, actor(r).UserID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return pc, false
	}
	for _, sc := range pc.scenarios {
		pc.byID[sc.ID] = sc
	}
	return pc, true
}
