package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Workforce plans, the Six Steps (WorkforcePlan, WorkforcePlanStep and their inputs in
// api/openapi.yaml): for the same managers, planners and administrators of the unit as its
// scenarios; anyone else gets 404.

type wplanSummaryDoc struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Title          string    `json:"title"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	Href           string    `json:"href"`
}

type wplanMethodDoc struct {
	Key     string `json:"key"`
	Version string `json:"version"`
	Title   string `json:"title"`
}

type wplanStepDoc struct {
	Key         string                 `json:"key"`
	Code        string                 `json:"code"`
	Title       string                 `json:"title"`
	Description string                 `json:"description"`
	Status      string                 `json:"status"`
	Notes       string                 `json:"notes"`
	ScenarioIDs []int64                `json:"scenario_ids"`
	Actions     []workforce.PlanAction `json:"actions"`
	Version     int                    `json:"version"`
	Href        string                 `json:"href"`
}

type wplanDoc struct {
	wplanSummaryDoc
	Method wplanMethodDoc `json:"method"`
	Steps  []wplanStepDoc `json:"steps"`
}

type wplanListDoc struct {
	WorkforcePlans []wplanSummaryDoc `json:"workforce_plans"`
}

type wplanInput struct {
	Title string `json:"title"`
}

type wplanStepInput struct {
	Status      string                 `json:"status"`
	Notes       string                 `json:"notes"`
	ScenarioIDs []int64                `json:"scenario_ids"`
	Actions     []workforce.PlanAction `json:"actions"`
	Version     *int                   `json:"version"`

	Key         any `json:"key"`
	Code        any `json:"code"`
	Title       any `json:"title"`
	Description any `json:"description"`
	Href        any `json:"href"`
}

func wplanHref(id int64) string { return "/api/v1/workforce-plans/" + strconv.FormatInt(id, 10) }

func wplanSummary(p store.WorkforcePlan) wplanSummaryDoc {
	return wplanSummaryDoc{ID: p.ID, OrganisationID: p.UnitID, Title: p.Title, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Href: wplanHref(p.ID)}
}

// visibleWorkforcePlan reads the plan of the path if the caller may plan its unit.
func (s *server) visibleWorkforcePlan(r *http.Request) (store.WorkforcePlan, error) {
	id, err := pathID(r, "workforce plan")
	if err != nil {
		return store.WorkforcePlan{}, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.WorkforcePlan{}, err
	}
	p, err := s.db.WorkforcePlanByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !sc.may(p.UnitID, store.PlanWorkforce)) {
		return p, clientErrorf(store.ErrNotFound, "There is no workforce plan %d that you can see.", id)
	}
	return p, err
}

// visibleScenarioIDs are the ids of the unit's scenarios the caller sees.
func (s *server) visibleScenarioIDs(r *http.Request, unitID int64) (map[int64]bool, error) {
	list, err := s.db.UnitScenarios(r.Context(), unitID, actor(r).UserID)
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, sc := range list {
		out[sc.ID] = true
	}
	return out, nil
}

func (s *server) workforcePlanDocument(r *http.Request, p store.WorkforcePlan) (wplanDoc, error) {
	title, _, err := store.PlanMethod()
	if err != nil {
		return wplanDoc{}, err
	}
	methods, steps, err := s.db.PlanSteps(r.Context(), p.ID)
	if err != nil {
		return wplanDoc{}, err
	}
	seen, err := s.visibleScenarioIDs(r, p.UnitID)
	if err != nil {
		return wplanDoc{}, err
	}
	d := wplanDoc{wplanSummaryDoc: wplanSummary(p), Method: wplanMethodDoc{Key: p.MethodKey, Version: p.MethodVersion, Title: title}}
	for i, m := range methods {
		st := steps[i]
		sd := wplanStepDoc{Key: m.Key, Code: m.Code, Title: m.Title, Description: m.Description, Status: st.Status, Notes: st.Notes,
			ScenarioIDs: []int64{}, Actions: st.Actions, Version: st.Version, Href: wplanHref(p.ID) + "/steps/" + m.Key}
		// A colleague's draft linked to the step is left out: it is not the caller's to see.
		for _, id := range st.ScenarioIDs {
			if seen[id] {
				sd.ScenarioIDs = append(sd.ScenarioIDs, id)
			}
		}
		if sd.Actions == nil {
			sd.Actions = []workforce.PlanAction{}
		}
		d.Steps = append(d.Steps, sd)
	}
	return d, nil
}

// workforcePlanList serves GET /api/v1/organisations/{id}/workforce-plans.
func (s *server) workforcePlanList(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.db.UnitWorkforcePlans(r.Context(), unit.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := wplanListDoc{WorkforcePlans: make([]wplanSummaryDoc, 0, len(list))}
	for _, p := range list {
		doc.WorkforcePlans = append(doc.WorkforcePlans, wplanSummary(p))
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

func workforcePlanError(err error) error {
	var inv *store.InvalidPlanError
	if errors.As(err, &inv) {
		return rulesBroken("The workforce plan", inv.Problems, nil)
	}
	return err
}

// workforcePlanCreate serves POST /api/v1/organisations/{id}/workforce-plans.
func (s *server) workforcePlanCreate(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in wplanInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.db.CreateWorkforcePlan(r.Context(), actor(r), unit.ID, in.Title)
	if err != nil {
		s.fail(w, r, workforcePlanError(err))
		return
	}
	doc, err := s.workforcePlanDocument(r, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", wplanHref(p.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(p.Version), doc)
}

// workforcePlanShow serves GET /api/v1/workforce-plans/{id}: the plan with its six steps.
func (s *server) workforcePlanShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.visibleWorkforcePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.workforcePlanDocument(r, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(p.Version), doc)
}

// workforcePlanStepUpdate serves PUT /api/v1/workforce-plans/{id}/steps/{step}: the step's
// status, notes, scenarios and actions as they should now be, at the step's version (0 for a
// step never saved).
func (s *server) workforcePlanStepUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := s.visibleWorkforcePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in wplanStepInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("step")
	_, steps, err := s.db.PlanSteps(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	seen, err := s.visibleScenarioIDs(r, p.UnitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	step := workforce.PlanStep{Key: key, Status: in.Status, Notes: in.Notes, Actions: in.Actions}
	for _, st := range steps {
		if st.Key != key {
			continue
		}
		// Drafts of colleagues linked before stay linked: the caller was never shown them.
		for _, id := range st.ScenarioIDs {
			if !seen[id] {
				step.ScenarioIDs = append(step.ScenarioIDs, id)
			}
		}
	}
	step.ScenarioIDs = append(step.ScenarioIDs, in.ScenarioIDs...)
	_, err = s.db.SavePlanStep(r.Context(), actor(r), p.ID, step, version)
	switch {
	case errors.Is(err, store.ErrNotFound):
		err = clientErrorf(store.ErrNotFound, "The workforce plan's method has no step %q.", key)
	case errors.Is(err, store.ErrConflict):
		err = clientErrorf(store.ErrConflict, "Step %q of workforce plan %d is not at version %d any more: GET the plan, then send your change again.", key, p.ID, version)
	}
	if err != nil {
		s.fail(w, r, workforcePlanError(err))
		return
	}
	p, err = s.db.WorkforcePlanByID(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.workforcePlanDocument(r, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, sd := range doc.Steps {
		if sd.Key == key {
			s.writePrivate(w, r, http.StatusOK, versionTag(sd.Version), sd)
			return
		}
	}
}
