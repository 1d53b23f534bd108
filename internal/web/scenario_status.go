package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// Sharing, locking and annotating a scenario (decision 0012): a new scenario is its author's
// draft until they share it; a shared one can be locked as agreed, and then refuses changes
// until someone who may plan the unit unlocks it.

const scenarioLockedMessage = "This scenario is locked as agreed: unlock it first, or copy it and change the copy"

// userName is a user's name for a page, or "" if they are gone.
func (s *Server) userName(r *http.Request, id int64) string {
	u, err := s.db.User(r.Context(), id)
	if err != nil {
		return ""
	}
	return u.Name
}

// scenarioFlagResult turns the store's answer to a share or lock into a page or a redirect.
func (s *Server) scenarioFlagResult(w http.ResponseWriter, r *http.Request, uc unitContext, sc store.Scenario, field string, err error, done string) {
	var msg string
	switch {
	case err == nil:
		s.flash(r, done)
		http.Redirect(w, r, scenarioPath(sc.ID)+"#status", http.StatusSeeOther)
		return
	case errors.Is(err, store.ErrConflict):
		msg = "Someone else changed this scenario while you were looking at it. Check it, then try again"
	case errors.Is(err, store.ErrLocked):
		msg = scenarioLockedMessage
	case errors.Is(err, store.ErrNotAuthor):
		msg = "Only the person who made this scenario can share it or take it back as a draft"
	case errors.Is(err, store.ErrInvalid):
		msg = "Share the scenario with colleagues before locking it as agreed"
	default:
		s.serverError(w, r, err)
		return
	}
	status := http.StatusConflict
	if errors.Is(err, store.ErrNotAuthor) {
		status = http.StatusForbidden
	}
	s.scenarioPage(w, r, uc, sc, scenarioForm{}, []fieldError{{field, msg}}, status)
}

// scenarioShare shares the scenario with the unit's planners, or takes it back as a draft.
func (s *Server) scenarioShare(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	shared := r.PostFormValue("shared") == "yes"
	_, err := s.db.ShareScenario(r.Context(), actor(r), sc.ID, version, shared)
	done := "The scenario is shared: the managers and planners of " + uc.unit.Name + " can see and change it."
	if !shared {
		done = "The scenario is your draft again: only you see it."
	}
	s.scenarioFlagResult(w, r, uc, sc, "status", err, done)
}

// scenarioLock locks the scenario as agreed, or unlocks it.
func (s *Server) scenarioLock(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	locked := r.PostFormValue("locked") == "yes"
	_, err := s.db.LockScenario(r.Context(), actor(r), sc.ID, version, locked)
	done := "The scenario is locked as agreed: nobody can change it until it is unlocked."
	if !locked {
		done = "The scenario is unlocked: it can be changed again."
	}
	s.scenarioFlagResult(w, r, uc, sc, "status", err, done)
}

// scenarioNotes saves the scenario's name and notes at the version shown; the typed values are
// kept on a mistake.
func (s *Server) scenarioNotes(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	next := sc
	next.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	next.Name, next.Description = r.PostFormValue("name"), r.PostFormValue("description")
	_, err := s.db.SaveScenario(r.Context(), actor(r), next)
	var inv *store.InvalidScenarioError
	if errors.As(err, &inv) {
		typed := sc
		typed.Name, typed.Description = next.Name, next.Description
		s.scenarioPage(w, r, uc, typed, scenarioForm{}, problemsToErrors(inv.Problems), http.StatusUnprocessableEntity)
		return
	}
	if errors.Is(err, store.ErrLocked) || errors.Is(err, store.ErrConflict) {
		s.scenarioFlagResult(w, r, uc, sc, "name", err, "")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The name and notes have been saved.")
	http.Redirect(w, r, scenarioPath(sc.ID), http.StatusSeeOther)
}
