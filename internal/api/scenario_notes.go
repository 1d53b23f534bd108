package api

import (
	"net/http"
)

// scenarioNotes serves PUT /api/v1/scenarios/{id}/notes: the scenario's name and notes, at the
// version read, without sending its changes.
func (s *server) scenarioNotes(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Version     *int   `json:"version"`
	}
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := cur
	next.Name, next.Description = in.Name, in.Description
	s.saveScenario(w, r, cur, next, version)
}
