package api

import (
	"net/http"
)

// scenarioCopy serves POST /api/v1/scenarios/{id}/copy: a new scenario with the same base and
// changes (their reasons kept) under the name sent ("Copy of ..." when none), as the caller's
// unlocked draft (decision 0012).
func (s *server) scenarioCopy(w http.ResponseWriter, r *http.Request) {
	src, err := s.visibleScenario(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Name == "" {
		in.Name = "Copy of " + src.Name
	}
	sc, err := s.db.CopyScenario(r.Context(), actor(r), src.ID, in.Name)
	if err != nil {
		s.fail(w, r, scenarioSaveError(err))
		return
	}
	w.Header().Set("Location", scenarioHref(sc.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(sc.Version), scenarioDocument(sc))
}
