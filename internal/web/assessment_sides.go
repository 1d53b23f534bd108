package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

type assessmentSidesView struct {
	Page
	Org     store.Organisation
	Members []store.Membership
	Sides   map[int64]assess.Side
}

// assessmentSidesForm lets an organisation's administrators name its management leads and
// staff-side representatives (docs/decisions/0007).
func (s *Server) assessmentSidesForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAssessmentSides(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-sides", v)
}

func (s *Server) loadAssessmentSides(w http.ResponseWriter, r *http.Request) (*assessmentSidesView, bool) {
	org, sc, ok := s.assessmentOrg(w, r)
	if !ok {
		return nil, false
	}
	if !sc.may(org.ID, store.AdministerAssessments) {
		s.forbidden(w, r)
		return nil, false
	}
	users, err := s.db.UsersInOrganisations(r.Context(), []int64{org.ID})
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &assessmentSidesView{Org: org, Sides: map[int64]assess.Side{},
		Page: s.page(r, "Assessment partnership of "+org.Name, "assessments", crumb{"/", "Home"},
			crumb{"/assessments", "Self-assessment"}, crumb{"/organisations/" + itoa(org.ID) + "/assessments", org.Name})}
	for _, u := range users {
		if !u.Disabled {
			v.Members = append(v.Members, store.Membership{UserID: u.ID, UserName: u.Name, UserEmail: u.Email})
		}
	}
	sides, err := s.db.AssessmentSides(r.Context(), org.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	for _, m := range sides {
		v.Sides[m.UserID] = m.Side
	}
	return v, true
}

// assessmentSidesSave puts one person on a side, or off both.
func (s *Server) assessmentSidesSave(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAssessmentSides(w, r)
	if !ok {
		return
	}
	userID, _ := parseID(r.PostFormValue("user"))
	side := assess.Side(r.PostFormValue("side"))
	if side != "" && !side.Valid() {
		v.Errors = append(v.Errors, fieldError{"side-" + itoa(userID), "Choose management, staff side or neither"})
	}
	known := false
	for _, m := range v.Members {
		known = known || m.UserID == userID
	}
	if !known {
		v.Errors = append(v.Errors, fieldError{"", "Choose a person with access to " + v.Org.Name})
	}
	if len(v.Errors) == 0 {
		err := s.db.SetAssessmentSide(r.Context(), actor(r), v.Org.ID, userID, side)
		if errors.Is(err, store.ErrInvalid) {
			v.Errors = append(v.Errors, fieldError{"", "That person cannot be on a side: they have no access to " + v.Org.Name})
		} else if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-sides", v)
		return
	}
	s.flash(r, "The partnership has been updated.")
	http.Redirect(w, r, "/organisations/"+itoa(v.Org.ID)+"/assessment-sides", http.StatusSeeOther)
}
