package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// Scenarios of a unit (issue 6): named future versions of its establishment, for the same
// managers, planners and administrators who see its profile.

func scenarioPath(id int64) string { return "/scenarios/" + strconv.FormatInt(id, 10) }

type scenarioListView struct {
	Page
	Unit        store.Organisation
	Scenarios   []store.Scenario
	Name, Notes string
}

func (s *Server) scenarioListPage(w http.ResponseWriter, r *http.Request, uc unitContext, status int, v scenarioListView) {
	list, err := s.db.UnitScenarios(r.Context(), uc.unit.ID, actor(r).UserID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page.Title, v.Page.Nav, v.Page.Breadcrumbs = "Scenarios: "+uc.unit.Name, "organisations", uc.crumbs
	v.Unit, v.Scenarios = uc.unit, list
	s.render(w, r, status, "scenario-list", v)
}

// scenarioList lists a unit's scenarios with the form to start one.
func (s *Server) scenarioList(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	s.scenarioListPage(w, r, uc, http.StatusOK, scenarioListView{Page: s.page(r, "", "")})
}

// scenarioCreate starts a scenario from the unit's establishment as it is now.
func (s *Server) scenarioCreate(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	v := scenarioListView{Page: s.page(r, "", ""), Name: r.PostFormValue("name"), Notes: r.PostFormValue("description")}
	sc, err := s.db.CreateScenario(r.Context(), actor(r), uc.unit.ID, v.Name, v.Notes)
	var inv *store.InvalidScenarioError
	if errors.As(err, &inv) {
		v.Errors = problemsToErrors(inv.Problems)
		s.scenarioListPage(w, r, uc, http.StatusUnprocessableEntity, v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The scenario has been made from the current establishment. Change it below.")
	http.Redirect(w, r, scenarioPath(sc.ID), http.StatusSeeOther)
}

// loadScenario reads the scenario of the path's {id}; the viewer must be a manager or above of
// its unit, or it is not found.
func (s *Server) loadScenario(w http.ResponseWriter, r *http.Request) (unitContext, store.Scenario, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return unitContext{}, store.Scenario{}, false
	}
	sc, err := s.db.Scenario(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !sc.VisibleTo(actor(r).UserID)) {
		// Another planner's draft is not found, as if it did not exist (decision 0012).
		s.notFound(w, r)
		return unitContext{}, sc, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return unitContext{}, sc, false
	}
	uc, ok := s.unitByID(w, r, sc.UnitID)
	if !ok {
		return uc, sc, false
	}
	uc.crumbs = append(uc.crumbs, crumb{unitPath(uc.unit.ID) + "/scenarios", "Scenarios"})
	return uc, sc, true
}

type scenarioDeleteView struct {
	Page
	Scenario store.Scenario
	Unit     store.Organisation
}

// scenarioDeleteForm asks for confirmation before a scenario is deleted.
func (s *Server) scenarioDeleteForm(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "scenario-delete", scenarioDeleteView{Page: s.page(r, "Delete the scenario "+sc.Name, "organisations", uc.crumbs...), Scenario: sc, Unit: uc.unit})
}

// scenarioDelete deletes it when the box is ticked, at the version shown.
func (s *Server) scenarioDelete(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	v := scenarioDeleteView{Page: s.page(r, "Delete the scenario "+sc.Name, "organisations", uc.crumbs...), Scenario: sc, Unit: uc.unit}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if r.PostFormValue("confirm") != "yes" {
		v.Errors = []fieldError{{"confirm", "Tick the box to confirm that the scenario is to be deleted"}}
		s.render(w, r, http.StatusUnprocessableEntity, "scenario-delete", v)
		return
	}
	if err := s.db.DeleteScenario(r.Context(), actor(r), sc.ID, version); err != nil {
		if errors.Is(err, store.ErrLocked) {
			v.Errors = []fieldError{{"confirm", scenarioLockedMessage}}
			s.render(w, r, http.StatusConflict, "scenario-delete", v)
			return
		}
		if errors.Is(err, store.ErrConflict) {
			v.Errors = []fieldError{{"confirm", "Someone changed the scenario meanwhile: look at it again before deleting it"}}
			s.render(w, r, http.StatusConflict, "scenario-delete", v)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The scenario has been deleted.")
	http.Redirect(w, r, unitPath(uc.unit.ID)+"/scenarios", http.StatusSeeOther)
}

// scenarioCopy makes a copy of the scenario (base and changes) under a new name, and opens it.
func (s *Server) scenarioCopy(w http.ResponseWriter, r *http.Request) {
	_, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	name := r.PostFormValue("name")
	if name == "" {
		name = "Copy of " + sc.Name
	}
	copied, err := s.db.CopyScenario(r.Context(), actor(r), sc.ID, name)
	var inv *store.InvalidScenarioError
	if errors.As(err, &inv) {
		s.renderError(w, r, http.StatusUnprocessableEntity, "The copy was not made", inv.Problems[0].Message)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "This is a copy of "+sc.Name+": change it without changing the original.")
	http.Redirect(w, r, scenarioPath(copied.ID), http.StatusSeeOther)
}
