package api

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type entryInput struct {
	FrameworkKey     string         `json:"framework_key"`
	FrameworkVersion string         `json:"framework_version"`
	NodeKey          string         `json:"node_key"`
	LevelKey         string         `json:"level_key"`
	Evidence         string         `json:"evidence"`
	Achieved         workforce.Date `json:"achieved"`
	ReviewBy         workforce.Date `json:"review_by"`
	Note             string         `json:"note"`
}

// portfolioAdd serves POST /api/v1/people/{id}/portfolio: a competence the person holds. A
// manager may send it as confirmed (they are recorded as who confirmed it, now); the person
// themselves adds it as self assessed.
func (s *server) portfolioAdd(w http.ResponseWriter, r *http.Request) {
	p, sc, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in entryInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Evidence == workforce.EvidenceConfirmed {
		if err := mayManage(sc, p); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	for _, d := range []workforce.Date{in.Achieved, in.ReviewBy} {
		if _, err := workforce.ParseDate(string(d)); err != nil || (d != "" && len(d) != len(workforce.DateLayout)) {
			s.fail(w, r, clientErrorf(store.ErrInvalid, "Dates are written YYYY-MM-DD.").
				withErrors(problemError{Pointer: "/achieved", Detail: string(d) + " is not a date written YYYY-MM-DD."}))
			return
		}
	}
	e, err := s.db.AddPortfolioEntry(r.Context(), actor(r), workforce.PortfolioEntry{PersonID: p.ID,
		FrameworkKey: in.FrameworkKey, FrameworkVersion: in.FrameworkVersion, NodeKey: in.NodeKey, LevelKey: in.LevelKey,
		Evidence: in.Evidence, Achieved: in.Achieved, ReviewBy: in.ReviewBy, Note: in.Note})
	var inv *store.InvalidEntryError
	if errors.As(err, &inv) {
		err = rulesBroken("The competence", inv.Problems, map[string]string{"framework": "/framework_key"})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusCreated, versionTag(e.Version), e)
}
