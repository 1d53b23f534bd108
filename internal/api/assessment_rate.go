package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

type ratingInput struct {
	Rating  string `json:"rating"`
	Version *int   `json:"version"`
}

// assessmentRate serves PUT /api/v1/assessments/{id}/ratings/{key}: the caller's side's rating
// of one standard. Only a management lead or staff-side representative of the cycle's
// organisation may (403 otherwise), each for their own side; the version read must be the
// current one (409 otherwise, 428 without one); a signed-off cycle is read-only (409).
func (s *server) assessmentRate(w http.ResponseWriter, r *http.Request) {
	c, err := s.visibleCycle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("key")
	ratings, err := s.db.Ratings(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, ok := ratings[key]; !ok {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "Assessment %d has no standard %q.", c.ID, key))
		return
	}
	caller := callerOf(r)
	side := assess.Side("")
	if caller.UserID != 0 {
		if side, err = s.db.SideOf(r.Context(), c.OrganisationID, caller.UserID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if side == "" {
		s.fail(w, r, clientErrorf(errForbidden, "Only the organisation's management leads and staff-side representatives rate standards."))
		return
	}
	var in ratingInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, _, err := s.db.FrameworkVersion(r.Context(), c.FrameworkKey, c.FrameworkVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scale := assess.ScaleOf(f)
	saved, err := s.db.UpdateRating(r.Context(), actor(r), c.ID, key, version,
		func(c assess.Cycle, rt assess.Rating) (assess.Cycle, assess.Rating, error) {
			return assess.Rate(c, scale, rt, side, in.Rating, caller.UserID, time.Now())
		})
	switch {
	case errors.Is(err, assess.ErrSignedOff):
		err = clientErrorf(store.ErrConflict, "The assessment is signed off by both sides and can no longer be changed.")
	case errors.Is(err, assess.ErrInvalid):
		err = clientErrorf(store.ErrInvalid, "%q is not a rating of this checklist: GET the assessment for its scale.", in.Rating).
			withErrors(problemError{Pointer: "/rating", Detail: "Use one of the keys of the assessment's scale."})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var st assess.Standard
	for _, x := range assess.FlatStandards(f) {
		if x.Key == key {
			st = x
		}
	}
	agreed, _ := saved.Agreed()
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), ratingDoc{StandardKey: key, Standard: st.Title, Area: st.AreaTitle,
		State: string(saved.State()), Agreed: optional(agreed), Management: optional(saved.Management), Staff: optional(saved.Staff),
		Owner: saved.Owner, Comment: saved.Comment, Version: saved.Version})
}
