package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

type assessmentOrgSummary struct {
	Org    store.Organisation
	Cycles []assess.Cycle
}

type assessmentListView struct {
	Page
	Orgs []assessmentOrgSummary
}

// assessmentList is the way into self-assessment: every organisation (not service or team) the
// viewer may see, with its cycles.
func (s *Server) assessmentList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var ids []int64
	for _, o := range sc.orgs {
		ids = append(ids, o.ID)
	}
	cycles, err := s.db.CyclesIn(r.Context(), ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := assessmentListView{Page: s.page(r, "Self-assessment", "assessments", crumb{"/", "Home"})}
	for _, o := range sc.orgs {
		sum := assessmentOrgSummary{Org: o}
		for _, c := range cycles {
			if c.OrganisationID == o.ID {
				sum.Cycles = append(sum.Cycles, c)
			}
		}
		if o.Kind == store.KindOrganisation || len(sum.Cycles) > 0 {
			v.Orgs = append(v.Orgs, sum)
		}
	}
	s.render(w, r, http.StatusOK, "assessment-list", v)
}
