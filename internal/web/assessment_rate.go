package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

// assessmentRate records the viewer's side's view of a standard. The form carries the version of
// the rating it showed: a change by anyone meanwhile is a conflict (409), never overwritten.
func (s *Server) assessmentRate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadStandard(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	v.Choice = r.PostFormValue("rating")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if _, ok := v.Scale.Find(v.Choice); !ok {
		v.Errors = append(v.Errors, fieldError{"rating", "Choose your side's rating of this standard"})
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
		return
	}
	by := currentViewer(r).User.ID
	side := v.Side
	_, err := s.db.UpdateRating(r.Context(), actor(r), v.Cycle.ID, v.Standard.Key, version,
		func(c assess.Cycle, rt assess.Rating) (assess.Cycle, assess.Rating, error) {
			return assess.Rate(c, v.Scale, rt, side, v.Choice, by, time.Now())
		})
	if err != nil {
		if errors.Is(err, assess.ErrInvalid) || errors.Is(err, store.ErrInvalid) {
			v.Errors = append(v.Errors, fieldError{"rating", "Choose one of the ratings on the scale"})
			s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
			return
		}
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "Your side's rating of "+v.Standard.Title+" is saved: "+v.Scale.Title(v.Choice)+".")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/standards/"+v.Standard.Key, http.StatusSeeOther)
}

// assessmentDetails saves a standard's owner and comment, which either side may write.
func (s *Server) assessmentDetails(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadStandard(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	v.Owner, v.Comment = r.PostFormValue("owner"), r.PostFormValue("comment")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if len([]rune(v.Owner)) > 200 {
		v.Errors = append(v.Errors, fieldError{"owner", "The owner must be 200 characters or fewer"})
	}
	if len([]rune(v.Comment)) > 5000 {
		v.Errors = append(v.Errors, fieldError{"comment", "The comment must be 5,000 characters or fewer"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
		return
	}
	_, err := s.db.UpdateRating(r.Context(), actor(r), v.Cycle.ID, v.Standard.Key, version,
		func(c assess.Cycle, rt assess.Rating) (assess.Cycle, assess.Rating, error) {
			nr, err := assess.SetDetails(c, rt, v.Owner, v.Comment)
			return c, nr, err
		})
	if err != nil {
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "The owner and comment are saved.")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/standards/"+v.Standard.Key, http.StatusSeeOther)
}
