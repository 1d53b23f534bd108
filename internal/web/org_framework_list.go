package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type orgFrameworkListView struct {
	Page
	Org      store.Organisation
	CanPlan  bool
	Versions []store.FrameworkVersion
}

// orgFrameworkList lists the frameworks an organisation owns, every version with its status,
// and, for planners and administrators, what they can do with each.
func (s *Server) orgFrameworkList(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	all, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := orgFrameworkListView{Org: org, CanPlan: canPlan,
		Page: s.page(r, "Competence frameworks of "+org.Name, "organisations", crumb{"/", "Home"},
			crumb{"/organisations", "Organisations"}, crumb{"/organisations/" + itoa(org.ID), org.Name})}
	for _, fv := range all {
		if fv.OrganisationID == org.ID {
			v.Versions = append(v.Versions, fv)
		}
	}
	s.render(w, r, http.StatusOK, "org-framework-list", v)
}
