package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/assess"
)

// assessmentShow serves GET /api/v1/assessments/{id}: one cycle with its rating scale and every
// standard's rating (both sides' views and the agreed one), in the checklist's order.
func (s *server) assessmentShow(w http.ResponseWriter, r *http.Request) {
	c, err := s.visibleCycle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, _, err := s.db.FrameworkVersion(r.Context(), c.FrameworkKey, c.FrameworkVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ratings, err := s.db.Ratings(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := assessmentDocument(c)
	for _, o := range assess.ScaleOf(f) {
		d.Scale = append(d.Scale, scaleDoc{Key: o.Key, Title: o.Title, Rank: o.Rank})
	}
	d.Ratings = []ratingDoc{}
	for _, st := range assess.FlatStandards(f) {
		rt := ratings[st.Key]
		agreed, _ := rt.Agreed()
		d.Ratings = append(d.Ratings, ratingDoc{StandardKey: st.Key, Standard: st.Title, Area: st.AreaTitle, State: string(rt.State()),
			Agreed: optional(agreed), Management: optional(rt.Management), Staff: optional(rt.Staff),
			Owner: rt.Owner, Comment: rt.Comment, Version: rt.Version})
	}
	s.writePrivate(w, r, http.StatusOK, "", d)
}
