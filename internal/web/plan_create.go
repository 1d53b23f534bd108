package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// strategyChoice is one strategic framework version a plan may address, with its priorities.
type strategyChoice struct {
	Key, Version, Title string
	Priorities          []strategy.Priority
}

// Value is how a priority of this framework version is sent by the form.
func (c strategyChoice) Value(p strategy.Priority) string {
	return c.Key + "|" + c.Version + "|" + p.Key
}

type planNewView struct {
	Page
	partnershipCtx
	Frameworks  []strategyChoice
	Title       string
	Description string
	Chosen      []string
}

// Picked reports whether the form had the priority ticked.
func (v planNewView) Picked(value string) bool { return slices.Contains(v.Chosen, value) }

// strategyChoices lists the published shared strategic frameworks (kind strategy: data, such as
// the London Workforce Strategic Framework) with their priorities.
func (s *Server) strategyChoices(r *http.Request) ([]strategyChoice, error) {
	all, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		return nil, err
	}
	var out []strategyChoice
	for _, fv := range all {
		if fv.Kind != framework.KindStrategy || fv.OrganisationID != 0 || (fv.Status != "" && fv.Status != framework.StatusPublished) {
			continue
		}
		f, _, err := s.db.FrameworkVersion(r.Context(), fv.Key, fv.Version)
		if err != nil {
			return nil, err
		}
		ps, err := store.StrategyPriorities(f)
		if err != nil {
			return nil, err
		}
		out = append(out, strategyChoice{Key: fv.Key, Version: fv.Version, Title: fv.Title, Priorities: ps})
	}
	return out, nil
}

func (s *Server) planNewView(w http.ResponseWriter, r *http.Request) (planNewView, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return planNewView{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return planNewView{}, false
	}
	if !pc.Access.EditPlan {
		s.forbidden(w, r)
		return planNewView{}, false
	}
	fws, err := s.strategyChoices(r)
	if err != nil {
		s.serverError(w, r, err)
		return planNewView{}, false
	}
	return planNewView{partnershipCtx: pc, Frameworks: fws,
		Page: s.page(r, "Create a plan", "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(id), pc.P.Name})}, true
}

// planNewForm asks for a plan's title and the priorities it addresses.
func (s *Server) planNewForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.planNewView(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "plan-new", v)
}

// planCreate creates the plan; only the lead organisation's planners and administrators may.
func (s *Server) planCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.planNewView(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Title = strings.TrimSpace(r.PostFormValue("title"))
	v.Description = strings.TrimSpace(r.PostFormValue("description"))
	v.Chosen = r.PostForm["priority"]
	plan := store.Plan{PartnershipID: v.P.ID, Title: v.Title, Description: v.Description}
	if v.Title == "" {
		v.Errors = append(v.Errors, fieldError{"title", "Enter a title for the plan"})
	}
	for _, c := range v.Chosen {
		parts := strings.SplitN(c, "|", 3)
		if len(parts) != 3 {
			continue
		}
		if plan.FrameworkKey == "" {
			plan.FrameworkKey, plan.FrameworkVersion = parts[0], parts[1]
		}
		if parts[0] != plan.FrameworkKey || parts[1] != plan.FrameworkVersion {
			v.Errors = append(v.Errors, fieldError{"priority", "Choose priorities from one strategic framework"})
			break
		}
		plan.Priorities = append(plan.Priorities, parts[2])
	}
	if len(plan.Priorities) == 0 {
		v.Errors = append(v.Errors, fieldError{"priority", "Choose at least one priority the plan addresses"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "plan-new", v)
		return
	}
	created, err := s.db.CreatePlan(r.Context(), actor(r), plan)
	switch {
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"title", "The partnership already has a plan called " + v.Title + ": choose another title"}}
		s.render(w, r, http.StatusConflict, "plan-new", v)
		return
	case errors.Is(err, store.ErrInvalid):
		v.Errors = []fieldError{{"priority", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "plan-new", v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The plan "+created.Title+" has been created. Add its objectives and actions.")
	http.Redirect(w, r, "/plans/"+itoa(created.ID), http.StatusSeeOther)
}
