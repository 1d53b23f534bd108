package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// Removing a risk or a dependency from a plan (the plan's editors), after a confirmation page.

type planRemoval struct {
	plan    store.Plan
	confirm confirmView
	remove  func() error
	done    string
}

// riskRemoval finds the risk in the path and says what removing it means.
func (s *Server) riskRemoval(w http.ResponseWriter, r *http.Request) (planRemoval, bool) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return planRemoval{}, false
	}
	id, _ := pathID(r, "risk")
	risks, err := s.db.PlanRisks(r.Context(), plan.ID)
	if err != nil {
		s.serverError(w, r, err)
		return planRemoval{}, false
	}
	for _, rk := range risks {
		if rk.ID == id {
			c := s.planConfirm(r, plan, pc, "Remove the risk "+rk.Title, "The risk "+rk.Title+" will no longer be on the plan.",
				planPath(plan.ID)+"/risks/"+itoa(id)+"/delete", "Remove the risk")
			return planRemoval{plan: plan, confirm: c, done: "The risk " + rk.Title + " has been removed.",
				remove: func() error { return s.db.DeleteRisk(r.Context(), actor(r), plan.ID, id) }}, true
		}
	}
	s.notFound(w, r)
	return planRemoval{}, false
}

// dependencyRemoval finds the dependency in the path and says what removing it means.
func (s *Server) dependencyRemoval(w http.ResponseWriter, r *http.Request) (planRemoval, bool) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return planRemoval{}, false
	}
	a, _ := pathID(r, "action")
	on, _ := pathID(r, "on")
	deps, err := s.db.PlanDependencies(r.Context(), plan.ID)
	if err != nil {
		s.serverError(w, r, err)
		return planRemoval{}, false
	}
	acts, err := s.db.PlanActions(r.Context(), plan.ID)
	if err != nil {
		s.serverError(w, r, err)
		return planRemoval{}, false
	}
	title := map[int64]string{}
	for _, act := range acts {
		title[act.ID] = act.Title
	}
	for _, d := range deps {
		if d.Action == a && d.DependsOn == on {
			what := title[a] + " waits for " + title[on]
			c := s.planConfirm(r, plan, pc, "Remove the dependency", what+": after this, "+title[a]+" no longer waits.",
				planPath(plan.ID)+"/actions/"+itoa(a)+"/waits-for/"+itoa(on)+"/remove", "Remove the dependency")
			return planRemoval{plan: plan, confirm: c, done: "The dependency has been removed: " + title[a] + " no longer waits for " + title[on] + ".",
				remove: func() error {
					return s.db.RemoveDependency(r.Context(), actor(r), plan.ID, strategy.Dependency{Action: a, DependsOn: on})
				}}, true
		}
	}
	s.notFound(w, r)
	return planRemoval{}, false
}

func (s *Server) planConfirm(r *http.Request, plan store.Plan, pc partnershipCtx, heading, warning, action, button string) confirmView {
	return confirmView{Caption: plan.Title, Heading: heading, Warning: warning, Action: action, Label: heading, Button: button,
		Cancel: planPath(plan.ID),
		Page: s.page(r, heading, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name}, crumb{planPath(plan.ID), plan.Title})}
}

// showRemoval asks before the removal; doRemoval does it once confirmed.
func (s *Server) showRemoval(w http.ResponseWriter, r *http.Request, pr planRemoval) {
	s.render(w, r, http.StatusOK, "confirm", pr.confirm)
}

func (s *Server) doRemoval(w http.ResponseWriter, r *http.Request, pr planRemoval) {
	if r.PostFormValue("confirm") != "yes" {
		pr.confirm.Errors = []fieldError{{"confirm", "Tick the box to confirm"}}
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", pr.confirm)
		return
	}
	err := pr.remove()
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, pr.done)
	http.Redirect(w, r, planPath(pr.plan.ID), http.StatusSeeOther)
}

func (s *Server) planRiskDeleteForm(w http.ResponseWriter, r *http.Request) {
	if pr, ok := s.riskRemoval(w, r); ok {
		s.showRemoval(w, r, pr)
	}
}

func (s *Server) planRiskDelete(w http.ResponseWriter, r *http.Request) {
	if pr, ok := s.riskRemoval(w, r); ok {
		s.doRemoval(w, r, pr)
	}
}

func (s *Server) planDependencyRemoveForm(w http.ResponseWriter, r *http.Request) {
	if pr, ok := s.dependencyRemoval(w, r); ok {
		s.showRemoval(w, r, pr)
	}
}

func (s *Server) planDependencyRemove(w http.ResponseWriter, r *http.Request) {
	if pr, ok := s.dependencyRemoval(w, r); ok {
		s.doRemoval(w, r, pr)
	}
}
