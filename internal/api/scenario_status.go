package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// Sharing and locking a scenario through the API (decision 0012): PUT /api/v1/scenarios/{id}/shared
// and /locked, each with the flag and the version read; the answer is the scenario at its new
// version.

// scenarioRefused explains why the store refused a change to the scenario cur at version: 409
// when it is locked or moved on, 403 when only its author may do it, 422 for broken rules.
func (s *server) scenarioRefused(r *http.Request, err error, cur store.Scenario, version int) error {
	var le *store.LockedError
	switch {
	case errors.As(err, &le):
		locked := cur
		locked.LockedAt = le.LockedAt
		return scenarioLocked(locked)
	case errors.Is(err, store.ErrNotAuthor):
		return clientErrorf(errForbidden, "Only the scenario's author may share it or take it back as a draft.")
	}
	err = staleOr(err, "scenario", cur.ID, version, scenarioHref(cur.ID), func() (int, error) {
		now, err := s.db.Scenario(r.Context(), cur.ID)
		return now.Version, err
	})
	return scenarioSaveError(err)
}

// scenarioFlagInput is the body of both routes: the flag, and the version read (or If-Match).
type scenarioFlagInput struct {
	Shared  *bool `json:"shared"`
	Locked  *bool `json:"locked"`
	Version *int  `json:"version"`
}

// readFlag reads the body and returns the flag named field and the version.
func readFlag(r *http.Request, field string) (bool, int, error) {
	var in scenarioFlagInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		return false, 0, err
	}
	flag, other := in.Shared, in.Locked
	if field == "locked" {
		flag, other = in.Locked, in.Shared
	}
	if flag == nil || other != nil {
		return false, 0, clientErrorf(store.ErrInvalid, "Send %q as true or false, and nothing else but the version.", field).
			withErrors(problemError{Pointer: "/" + field, Detail: "Send true or false."})
	}
	return *flag, version, nil
}

// scenarioShared serves PUT /api/v1/scenarios/{id}/shared: the author shares the scenario with
// the unit's planners (true) or takes it back as a draft (false).
func (s *server) scenarioShared(w http.ResponseWriter, r *http.Request) {
	s.setScenarioFlag(w, r, "shared", s.db.ShareScenario)
}

// scenarioLockedSet serves PUT /api/v1/scenarios/{id}/locked: lock a shared scenario as agreed
// (true) or unlock it (false); anyone who may plan the unit may do either.
func (s *server) scenarioLockedSet(w http.ResponseWriter, r *http.Request) {
	s.setScenarioFlag(w, r, "locked", s.db.LockScenario)
}

// setScenarioFlag reads the flag named field and the version, and sets it with set.
func (s *server) setScenarioFlag(w http.ResponseWriter, r *http.Request, field string,
	set func(context.Context, store.Actor, int64, int, bool) (store.Scenario, error)) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flag, version, err := readFlag(r, field)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sc, err := set(r.Context(), actor(r), cur.ID, version, flag)
	if field == "locked" && errors.Is(err, store.ErrInvalid) {
		err = clientErrorf(store.ErrInvalid, "Share the scenario before locking it: an agreement needs others to see what was agreed.").
			withErrors(problemError{Pointer: "/locked", Detail: "A draft cannot be locked."})
	}
	if err != nil {
		s.fail(w, r, s.scenarioRefused(r, err, cur, version))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(sc.Version), scenarioDocument(sc))
}

// saveScenario saves next (the scenario cur changed, at version) and answers with it, or with
// why it was refused.
func (s *server) saveScenario(w http.ResponseWriter, r *http.Request, cur, next store.Scenario, version int) {
	next.Version = version
	saved, err := s.db.SaveScenario(r.Context(), actor(r), next)
	if err != nil {
		s.fail(w, r, s.scenarioRefused(r, err, cur, version))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), scenarioDocument(saved))
}
