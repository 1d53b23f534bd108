package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Adding a change to a scenario, and taking back its last one, without sending the whole list.

// scenarioChangeInput is a change to add, with the version read.
type scenarioChangeInput struct {
	workforce.ScenarioChange
	Version *int `json:"version"`
}

// scenarioChangeAdd serves POST /api/v1/scenarios/{id}/changes: the change is checked against
// the scenario's posts as its changes left them (and a retrain change against the unit's people
// and competences today) and added at the version read; fields at fault are named without the
// /changes/N prefix.
func (s *server) scenarioChangeAdd(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in scenarioChangeInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := in.ScenarioChange
	c.By, c.At = 0, ""
	if c.Kind == workforce.ChangeRetrain {
		if err := s.mayNamePeople(r, cur); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if cur.Locked() {
		s.fail(w, r, scenarioLocked(cur))
		return
	}
	if version == cur.Version {
		rules, err := s.db.ScenarioChangeRules(r.Context(), cur, cur.Changes)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if ps := workforce.CheckNewChange(cur.Base, cur.Changes, c, rules); len(ps) > 0 {
			s.fail(w, r, rulesBroken("The change", ps, nil))
			return
		}
	}
	next := cur
	next.Changes = append(append([]workforce.ScenarioChange{}, cur.Changes...), c)
	s.saveScenario(w, r, cur, next, version)
}

// scenarioUndo serves POST /api/v1/scenarios/{id}/undo: the last change is taken back, at the
// version read; 409 when there is none to take back.
func (s *server) scenarioUndo(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Version *int `json:"version"`
	}
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(cur.Changes) == 0 && version == cur.Version {
		s.fail(w, r, clientErrorf(store.ErrConflict, "Scenario %d has no changes to take back: it is today's establishment.", cur.ID))
		return
	}
	next := cur
	next.Version = version
	if n := len(cur.Changes); n > 0 {
		next.Changes = cur.Changes[: n-1 : n-1]
	}
	saved, err := s.db.SaveScenario(r.Context(), actor(r), next)
	if err != nil {
		s.fail(w, r, s.scenarioRefused(r, err, cur, version))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), scenarioDocument(saved))
}

// mayNamePeople is nil when the caller may name the unit's people in a retrain change: naming
// them is seeing them, so only those who may see the unit's people may (403 otherwise).
func (s *server) mayNamePeople(r *http.Request, sc store.Scenario) error {
	scope, err := s.scopeOf(r)
	if err != nil {
		return err
	}
	if !scope.may(sc.UnitID, store.ManagePeople) {
		return clientErrorf(errForbidden, "Retraining names people: your access role in this unit does not let you see them.")
	}
	return nil
}
