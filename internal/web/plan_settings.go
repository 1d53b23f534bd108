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

// Changing a plan's title, description and the priorities it addresses (the plan's editors:
// the lead organisation's planners and administrators). A plan stays on its framework version.
// A priority that actions still serve cannot be dropped: the form says how many serve each
// one, and dropping one is refused with the actions named, so no action is left serving a
// priority the plan no longer addresses (docs/decisions/0011-plan-editing.md).

type planSettingsView struct {
	Page
	partnershipCtx
	Plan       store.Plan
	Framework  string
	Priorities []strategy.Priority // every priority of the plan's framework version
	Serving    map[string][]string // priority key → titles of the actions that serve it
	Form       url.Values
}

func (v planSettingsView) Val(name string) string { return v.Form.Get(name) }

// Picked reports whether the form has the priority ticked.
func (v planSettingsView) Picked(key string) bool { return slices.Contains(v.Form["priority"], key) }

// ServedBy is how many actions serve the priority.
func (v planSettingsView) ServedBy(key string) int { return len(v.Serving[key]) }

func (s *Server) planSettingsEditor(w http.ResponseWriter, r *http.Request) (planSettingsView, bool) {
	plan, pc, ok := s.planEditor(w, r)
	if !ok {
		return planSettingsView{}, false
	}
	f, _, err := s.db.FrameworkVersion(r.Context(), plan.FrameworkKey, plan.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return planSettingsView{}, false
	}
	all, err := store.StrategyPriorities(f)
	if err != nil {
		s.serverError(w, r, err)
		return planSettingsView{}, false
	}
	acts, err := s.db.PlanActions(r.Context(), plan.ID)
	if err != nil {
		s.serverError(w, r, err)
		return planSettingsView{}, false
	}
	v := planSettingsView{partnershipCtx: pc, Plan: plan, Framework: f.Title, Priorities: all, Serving: map[string][]string{},
		Form: url.Values{"title": {plan.Title}, "description": {plan.Description}, "priority": plan.Priorities,
			"version": {strconv.Itoa(plan.Version)}},
		Page: s.page(r, "Change "+plan.Title, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name}, crumb{planPath(plan.ID), plan.Title})}
	for _, a := range acts {
		for _, k := range a.Priorities {
			v.Serving[k] = append(v.Serving[k], a.Title)
		}
	}
	return v, true
}

// planSettingsForm shows the plan's title, description and priorities to change.
func (s *Server) planSettingsForm(w http.ResponseWriter, r *http.Request) {
	if v, ok := s.planSettingsEditor(w, r); ok {
		s.render(w, r, http.StatusOK, "plan-settings", v)
	}
}

// planSettingsUpdate saves them. A stale version is a conflict (409) that keeps what was typed
// and takes the new version, so saving again is deliberate.
func (s *Server) planSettingsUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.planSettingsEditor(w, r)
	if !ok {
		return
	}
	v.Form = r.PostForm
	edit := store.Plan{ID: v.Plan.ID, Title: strings.TrimSpace(r.PostFormValue("title")),
		Description: strings.TrimSpace(r.PostFormValue("description")), Priorities: r.PostForm["priority"]}
	if edit.Title == "" {
		v.Errors = append(v.Errors, fieldError{"title", "Enter a title for the plan"})
	}
	if len(edit.Priorities) == 0 {
		v.Errors = append(v.Errors, fieldError{"priority", "Choose at least one priority the plan addresses"})
	}
	for _, p := range v.Priorities {
		if n := v.ServedBy(p.Key); n > 0 && !slices.Contains(edit.Priorities, p.Key) {
			v.Errors = append(v.Errors, fieldError{"priority", priorityLabel(p) + " cannot be dropped: " + strconv.Itoa(n) +
				" " + plural(n, "action serves", "actions serve") + " it (" + strings.Join(v.Serving[p.Key], "; ") +
				"). Change those actions to serve other priorities first."})
		}
	}
	var err error
	if edit.Version, err = strconv.Atoi(r.PostFormValue("version")); err != nil {
		v.Errors = append(v.Errors, fieldError{"title", "The form is out of date: open the plan again"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "plan-settings", v)
		return
	}
	saved, err := s.db.UpdatePlan(r.Context(), actor(r), edit)
	switch {
	case errors.Is(err, store.ErrConflict) && v.Plan.Version == edit.Version:
		// The plan has not moved on: the conflict is the title, which another plan has.
		v.Errors = []fieldError{{"title", "The partnership already has a plan called " + edit.Title + ": choose another title"}}
		s.render(w, r, http.StatusConflict, "plan-settings", v)
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"title", "Someone else changed this plan while you were editing it. Check the plan now, then save yours again."}}
		if cur, err := s.db.Plan(r.Context(), v.Plan.ID); err == nil {
			v.Plan = cur
			v.Form.Set("version", strconv.Itoa(cur.Version))
		}
		s.render(w, r, http.StatusConflict, "plan-settings", v)
	case errors.Is(err, store.ErrInvalid):
		// An action may have come to serve a priority since the form was shown.
		v.Errors = []fieldError{{"priority", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "plan-settings", v)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "The plan "+saved.Title+" has been saved.")
		http.Redirect(w, r, planPath(saved.ID), http.StatusSeeOther)
	}
}

func priorityLabel(p strategy.Priority) string {
	if p.Code != "" {
		return p.Code + ". " + p.Title
	}
	return p.Title
}
