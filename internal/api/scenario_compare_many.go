package api

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// maxCompared is how many scenarios one comparison sets beside today, as on the web page
// (decision 0012).
const maxCompared = 4

type leftOutDoc struct {
	ScenarioID int64  `json:"scenario_id"`
	Field      string `json:"field"`
	Detail     string `json:"detail"`
}

type scenarioManyDoc struct {
	OrganisationID int64 `json:"organisation_id"`
	// ScenarioIDs are the compared scenarios, in the order of every row's scenarios column.
	ScenarioIDs []int64      `json:"scenario_ids"`
	LeftOut     []leftOutDoc `json:"left_out"`
	workforce.ManyComparison
}

// scenarioCompareMany serves GET /api/v1/organisations/{id}/scenarios/comparison?scenario=ID
// (1 to 4 times): today's figures and each scenario's side by side. Each must be one of the
// unit's scenarios the caller sees (422 otherwise, naming it); one whose changes no longer apply
// is left out and listed in left_out.
func (s *server) scenarioCompareMany(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	raw := r.URL.Query()["scenario"]
	if len(raw) == 0 || len(raw) > maxCompared {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "Name from 1 to %d scenarios to compare, as scenario=ID (it names %d).", maxCompared, len(raw)).
			withErrors(problemError{Parameter: "scenario", Detail: "Repeat scenario=ID for each scenario, at most 4."}))
		return
	}
	list, err := s.db.UnitScenarios(r.Context(), unit.ID, actor(r).UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var chosen []store.Scenario
	for _, v := range raw {
		id, err := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(list, func(sc store.Scenario) bool { return sc.ID == id })
		if err != nil || i < 0 || slices.ContainsFunc(chosen, func(sc store.Scenario) bool { return sc.ID == id }) {
			s.fail(w, r, clientErrorf(store.ErrInvalid, "%q is not a scenario of organisation %d that you can see, or is named twice.", v, unit.ID).
				withErrors(problemError{Parameter: "scenario", Detail: "Name each of the unit's scenarios once, by id."}))
			return
		}
		chosen = append(chosen, list[i])
	}
	cmp, kept, left, err := s.db.CompareScenarios(r.Context(), unit.ID, chosen)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := scenarioManyDoc{OrganisationID: unit.ID, ScenarioIDs: []int64{}, LeftOut: []leftOutDoc{}, ManyComparison: cmp}
	for _, sc := range kept {
		doc.ScenarioIDs = append(doc.ScenarioIDs, sc.ID)
	}
	for _, l := range left {
		doc.LeftOut = append(doc.LeftOut, leftOutDoc{ScenarioID: l.Scenario.ID, Field: l.Problem.Field, Detail: l.Problem.Message})
	}
	if doc.Coverage == nil {
		doc.Coverage = []workforce.CoverageColumns{}
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
