package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type careerFrameworkListView struct {
	Page
	Frameworks []careerFrameworkItem
	CanAdd     bool
	NoScope    bool
}

type careerFrameworkItem struct {
	store.CareerFrameworkSummary
	Href, OrgName string
	Partner       bool // shared by a partner organisation
}

// careerFrameworkList lists the career frameworks of the viewer's organisations and those
// partners share.
func (s *Server) careerFrameworkList(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := careerFrameworkListView{
		Page:   s.page(r, "Career frameworks", "career-frameworks", crumb{"/", "Home"}),
		CanAdd: len(rc.where(store.ChangeCareerFrameworks)) > 0, NoScope: len(rc.sc.orgs) == 0,
	}
	if !v.NoScope {
		list, err := s.db.CareerFrameworks(r.Context(), store.CareerFrameworkQuery{OrganisationIDs: rc.orgIDs(), IncludeShared: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, f := range list {
			v.Frameworks = append(v.Frameworks, careerFrameworkItem{CareerFrameworkSummary: f,
				Href: careerFrameworkPath(f.ID), OrgName: rc.names[f.OrganisationID], Partner: !rc.inScope(f.OrganisationID)})
		}
	}
	s.render(w, r, http.StatusOK, "career-framework-list", v)
}
