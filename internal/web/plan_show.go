package web

import (
	"net/http"
	"net/url"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type planShowView struct {
	Page
	partnershipCtx
	planData
	// Form keeps what was entered in the form that failed, so nothing typed is lost.
	Form     url.Values
	Statuses []strategy.Status
}

// Val is a kept form value.
func (v planShowView) Val(name string) string { return v.Form.Get(name) }

// Has reports whether a kept multi-value field holds the value.
func (v planShowView) Has(name, value string) bool {
	for _, x := range v.Form[name] {
		if x == value {
			return true
		}
	}
	return false
}

// CanAddActions reports whether the viewer may lead an action for at least one partner.
func (v planShowView) CanAddActions() bool { return len(v.ActFor()) > 0 }

func (s *Server) planShowView(r *http.Request, plan store.Plan, pc partnershipCtx) (planShowView, error) {
	d, err := s.loadPlanData(r, plan, pc)
	if err != nil {
		return planShowView{}, err
	}
	return planShowView{partnershipCtx: pc, planData: d, Form: url.Values{}, Statuses: strategy.Statuses,
		Page: s.page(r, plan.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name})}, nil
}

// planShow is the plan's page: objectives, actions with their progress notes, measures with
// their trend, risks and dependencies, and the forms the viewer may use.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request) {
	plan, pc, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	v, err := s.planShowView(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan-show", v)
}

// planFormFailed shows the plan page again with the problems and the values entered.
func (s *Server) planFormFailed(w http.ResponseWriter, r *http.Request, plan store.Plan, pc partnershipCtx, status int, errs []fieldError) {
	v, err := s.planShowView(r, plan, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Form = r.PostForm
	v.Errors = errs
	s.render(w, r, status, "plan-show", v)
}
