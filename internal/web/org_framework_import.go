package web

import (
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// orgImportView is the framework import page for one organisation's own framework: the same
// page and the same checks as the shared catalogue's import, owned by the organisation.
func (s *Server) orgImportView(r *http.Request, org store.Organisation) frameworkImportView {
	v := s.importView(r)
	v.Page = s.page(r, "Import a framework of "+org.Name, "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"},
		crumb{fmt.Sprintf("/organisations/%d", org.ID), org.Name}, crumb{fmt.Sprintf("/organisations/%d/frameworks", org.ID), "Competence frameworks"})
	v.Action = fmt.Sprintf("/organisations/%d/frameworks/import", org.ID)
	v.OrgName = org.Name
	v.Kind = string(framework.KindCompetence)
	return v
}

func (s *Server) orgFrameworkImportForm(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "framework-import", s.orgImportView(r, org))
}

func (s *Server) orgFrameworkImport(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	s.importFramework(w, r, s.orgImportView(r, org), org.ID)
}
