package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

type assessmentOrgView struct {
	Page
	Org        store.Organisation
	Cycles     []assess.Cycle
	Sides      []store.SideMember
	CanStart   bool
	CanAdmin   bool
	Checklists []store.FrameworkVersion
	// The start form's values, kept when it is shown again with errors.
	Name, Checklist string
	Copy            bool
	Last            *assess.Cycle
}

// checklistsFor lists the checklist framework versions an organisation can assess itself
// against: the shared ones and its own published ones.
func (s *Server) checklistsFor(r *http.Request, orgID int64) ([]store.FrameworkVersion, error) {
	all, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		return nil, err
	}
	var out []store.FrameworkVersion
	for _, fv := range all {
		if fv.Kind == framework.KindChecklist && (fv.OrganisationID == 0 || (fv.OrganisationID == orgID && fv.Status != framework.StatusDraft)) {
			out = append(out, fv)
		}
	}
	return out, nil
}

// assessmentOrgView loads an organisation's assessment page: its cycles, its partnership and,
// for those who may, the form to start a cycle.
func (s *Server) loadAssessmentOrg(w http.ResponseWriter, r *http.Request) (*assessmentOrgView, bool) {
	org, sc, ok := s.assessmentOrg(w, r)
	if !ok {
		return nil, false
	}
	v := &assessmentOrgView{Org: org, CanAdmin: sc.may(org.ID, store.AdministerAssessments),
		Page: s.page(r, "Self-assessment of "+org.Name, "assessments", crumb{"/", "Home"}, crumb{"/assessments", "Self-assessment"})}
	var err error
	if v.Cycles, err = s.db.CyclesIn(r.Context(), []int64{org.ID}); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if len(v.Cycles) > 0 {
		v.Last = &v.Cycles[0]
		v.Copy = true
	}
	if v.Sides, err = s.db.AssessmentSides(r.Context(), org.ID); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	side, err := s.db.SideOf(r.Context(), org.ID, currentViewer(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v.CanStart = v.CanAdmin || side == assess.Management
	if v.Checklists, err = s.checklistsFor(r, org.ID); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return v, true
}

// assessmentOrgShow lists an organisation's assessment cycles and who is on each side.
func (s *Server) assessmentOrgShow(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAssessmentOrg(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-org", v)
}

// assessmentStart starts a cycle, empty or as a copy of the organisation's latest one. Only the
// organisation's administrators and its management leads start cycles.
func (s *Server) assessmentStart(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAssessmentOrg(w, r)
	if !ok {
		return
	}
	if !v.CanStart {
		s.forbidden(w, r)
		return
	}
	v.Name = strings.TrimSpace(r.PostFormValue("name"))
	v.Checklist = r.PostFormValue("checklist")
	v.Copy = v.Last != nil && r.PostFormValue("copy") == "yes"
	if err := assess.CheckName(v.Name); err != nil {
		v.Errors = append(v.Errors, fieldError{"name", "Enter a name for the cycle, such as 2026/27, of up to 50 characters"})
	}
	var c assess.Cycle
	var ratings []assess.Rating
	if v.Copy {
		prev, err := s.db.Ratings(r.Context(), v.Last.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, rt := range prev {
			ratings = append(ratings, rt)
		}
		c, ratings, _ = assess.NextCycle(*v.Last, ratings, v.Name)
	} else {
		found := false
		for _, fv := range v.Checklists {
			if fv.Ref() == v.Checklist {
				found = true
				c = assess.Cycle{OrganisationID: v.Org.ID, Name: v.Name, FrameworkKey: fv.Key, FrameworkVersion: fv.Version}
			}
		}
		if !found {
			v.Errors = append(v.Errors, fieldError{"checklist", "Choose the checklist to assess against"})
		}
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-org", v)
		return
	}
	c.OrganisationID = v.Org.ID
	f, _, err := s.db.FrameworkVersion(r.Context(), c.FrameworkKey, c.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var keys []string
	for _, st := range assess.FlatStandards(f) {
		keys = append(keys, st.Key)
	}
	created, err := s.db.CreateCycle(r.Context(), actor(r), c, keys, ratings)
	if errors.Is(err, store.ErrConflict) {
		v.Errors = append(v.Errors, fieldError{"name", v.Org.Name + " already has a cycle called " + v.Name + ": choose another name"})
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-org", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "Cycle "+created.Name+" has started.")
	http.Redirect(w, r, "/assessments/"+itoa(created.ID), http.StatusSeeOther)
}
