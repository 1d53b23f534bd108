package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Scenarios (Scenario, ScenarioInput, ScenarioList and ScenarioComparison in api/openapi.yaml):
// for the same managers, planners and administrators of the unit as its establishment; anyone
// else gets 404.

type scenarioDoc struct {
	ID             int64                      `json:"id"`
	OrganisationID int64                      `json:"organisation_id"`
	Name           string                     `json:"name"`
	Description    string                     `json:"description"`
	Base           []workforce.Post           `json:"base"`
	Changes        []workforce.ScenarioChange `json:"changes"`
	Version        int                        `json:"version"`
	CreatedAt      time.Time                  `json:"created_at"`
	UpdatedAt      time.Time                  `json:"updated_at"`
	Href           string                     `json:"href"`
	// Shared is false while the scenario is its author's draft; Locked while it is agreed.
	Shared   bool       `json:"shared"`
	Locked   bool       `json:"locked"`
	LockedAt *time.Time `json:"locked_at,omitempty"`
}

type scenarioListDoc struct {
	Scenarios []scenarioDoc `json:"scenarios"`
}

type scenarioComparisonDoc struct {
	ScenarioID int64 `json:"scenario_id"`
	workforce.Comparison
	IWF scenarioIWFDoc `json:"iwf_team_profile"`
}

// scenarioIWFDoc is the IWF team profile of today's posts and of the scenario's, on one
// version, element by element.
type scenarioIWFDoc struct {
	iwfDoc
	Current  postsProfileDoc      `json:"current"`
	Scenario postsProfileDoc      `json:"scenario"`
	Elements []profile.TeamChange `json:"elements"`
}

type scenarioInput struct {
	Name        string                     `json:"name"`
	Description string                     `json:"description"`
	Changes     []workforce.ScenarioChange `json:"changes"`
	Version     *int                       `json:"version"`

	ID             any `json:"id"`
	OrganisationID any `json:"organisation_id"`
	Base           any `json:"base"`
	CreatedAt      any `json:"created_at"`
	UpdatedAt      any `json:"updated_at"`
	Href           any `json:"href"`
	Shared         any `json:"shared"`
	Locked         any `json:"locked"`
	LockedAt       any `json:"locked_at"`
}

func scenarioHref(id int64) string { return "/api/v1/scenarios/" + strconv.FormatInt(id, 10) }

func scenarioDocument(sc store.Scenario) scenarioDoc {
	d := scenarioDoc{ID: sc.ID, OrganisationID: sc.UnitID, Name: sc.Name, Description: sc.Description, Base: sc.Base,
		Changes: sc.Changes, Version: sc.Version, CreatedAt: sc.CreatedAt, UpdatedAt: sc.UpdatedAt, Href: scenarioHref(sc.ID),
		Shared: sc.Shared, Locked: sc.Locked()}
	if sc.Locked() {
		d.LockedAt = &sc.LockedAt
	}
	if d.Base == nil {
		d.Base = []workforce.Post{}
	}
	if d.Changes == nil {
		d.Changes = []workforce.ScenarioChange{}
	}
	return d
}

// visibleScenario reads the scenario of the path if the caller is a manager or above of its unit.
func (s *server) visibleScenario(r *http.Request) (store.Scenario, error) {
	id, err := pathID(r, "scenario")
	if err != nil {
		return store.Scenario{}, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.Scenario{}, err
	}
	got, err := s.db.Scenario(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!sc.may(got.UnitID, store.PlanWorkforce) || !got.VisibleTo(actor(r).UserID))) {
		return got, clientErrorf(store.ErrNotFound, "There is no scenario %d that you can see.", id)
	}
	return got, err
}

// scenarioLocked is the 409 for a change to a locked scenario: the detail says why and what to do.
func scenarioLocked(sc store.Scenario) error {
	return clientErrorf(store.ErrConflict, "Scenario %d was locked as agreed on %s: it cannot be changed or deleted. Unlock it in Workframe first, or copy it and change the copy.",
		sc.ID, sc.LockedAt.Format("2 January 2006"))
}

func scenarioSaveError(err error) error {
	var inv *store.InvalidScenarioError
	if errors.As(err, &inv) {
		return rulesBroken("The scenario", inv.Problems, nil)
	}
	return err
}

// scenarioList serves GET /api/v1/organisations/{id}/scenarios.
func (s *server) scenarioList(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.db.UnitScenarios(r.Context(), unit.ID, actor(r).UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := scenarioListDoc{Scenarios: make([]scenarioDoc, 0, len(list))}
	for _, sc := range list {
		doc.Scenarios = append(doc.Scenarios, scenarioDocument(sc))
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// scenarioCreate serves POST /api/v1/organisations/{id}/scenarios: a scenario made from the
// unit's posts as they are now, with the changes sent (if any) applied.
func (s *server) scenarioCreate(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in scenarioInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(in.Changes) > 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A new scenario is today's establishment: make it first, then send its changes with PUT.").
			withErrors(problemError{Pointer: "/changes", Detail: "Leave this out or empty when making a scenario."}))
		return
	}
	sc, err := s.db.CreateScenario(r.Context(), actor(r), unit.ID, in.Name, in.Description)
	if err != nil {
		s.fail(w, r, scenarioSaveError(err))
		return
	}
	w.Header().Set("Location", scenarioHref(sc.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(sc.Version), scenarioDocument(sc))
}

// scenarioShow serves GET /api/v1/scenarios/{id}.
func (s *server) scenarioShow(w http.ResponseWriter, r *http.Request) {
	sc, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(sc.Version), scenarioDocument(sc))
}

// scenarioUpdate serves PUT /api/v1/scenarios/{id}: name, notes and the whole list of changes
// as they should now be, at the version read.
func (s *server) scenarioUpdate(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in scenarioInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if workforce.HasRetraining(in.Changes) {
		if err := s.mayNamePeople(r, cur); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	next := cur
	next.Name, next.Description, next.Changes, next.Version = in.Name, in.Description, in.Changes, version
	// Changes kept from before keep who made them and when.
	for i := range next.Changes {
		if i < len(cur.Changes) {
			next.Changes[i].By, next.Changes[i].At = cur.Changes[i].By, cur.Changes[i].At
		}
	}
	saved, err := s.db.SaveScenario(r.Context(), actor(r), next)
	if errors.Is(err, store.ErrLocked) {
		err = scenarioLocked(cur)
	} else if errors.Is(err, store.ErrConflict) {
		err = staleVersion("scenario", cur.ID, version, cur.Version, scenarioHref(cur.ID))
	}
	if err != nil {
		s.fail(w, r, scenarioSaveError(err))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), scenarioDocument(saved))
}

// scenarioDelete serves DELETE /api/v1/scenarios/{id} at the version in If-Match.
func (s *server) scenarioDelete(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := baseVersion(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.db.DeleteScenario(r.Context(), actor(r), cur.ID, version); err != nil {
		if errors.Is(err, store.ErrLocked) {
			err = scenarioLocked(cur)
		} else if errors.Is(err, store.ErrConflict) {
			err = staleVersion("scenario", cur.ID, version, cur.Version, scenarioHref(cur.ID))
		}
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNoContent)
}

// scenarioComparison serves GET /api/v1/scenarios/{id}/comparison: the scenario's figures beside
// today's, by level, staff group and role, and coverage.
func (s *server) scenarioComparison(w http.ResponseWriter, r *http.Request) {
	sc, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// From the cache, fresh by the change sequence and the scenario's version (docs/decisions/0010).
	in, posts, cmp, ps, err := s.db.ScenarioComparison(r.Context(), sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(ps) > 0 {
		s.fail(w, r, clientErrorf(store.ErrConflict, "The scenario cannot be worked out any more: %s: %s.", ps[0].Field, ps[0].Message))
		return
	}
	if cmp.Coverage == nil {
		cmp.Coverage = []workforce.CoverageChange{}
	}
	pps, iwf, ok := s.postsProfiles(w, r, [][]workforce.Post{in.Posts, posts})
	if !ok {
		return
	}
	doc := scenarioComparisonDoc{ScenarioID: sc.ID, Comparison: cmp, IWF: scenarioIWFDoc{iwfDoc: iwf,
		Current: postsProfileOf(pps[0]), Scenario: postsProfileOf(pps[1]), Elements: profile.CompareTeams(pps[0].Team, pps[1].Team)}}
	if doc.IWF.Elements == nil {
		doc.IWF.Elements = []profile.TeamChange{}
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
