package web

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/workframe/workframe/internal/transfer"
)

// careerFrameworkExport downloads a career framework as a workbook: the framework, a sheet of
// the placed roles and a sheet of the routes.
func (s *Server) careerFrameworkExport(w http.ResponseWriter, r *http.Request) {
	f, rc, _, ok := s.loadCareerFramework(w, r)
	if !ok {
		return
	}
	roles, err := s.db.CareerFrameworkRoles(r.Context(), f.RoleIDs())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	out := map[int64]transfer.CareerRole{}
	for id, role := range roles {
		out[id] = transfer.CareerRole{Title: role.Title, Band: role.Band, StaffGroup: role.StaffGroup, Level: role.Level,
			Organisation: rc.names[role.OrganisationID]}
	}
	var buf bytes.Buffer
	if err := transfer.WriteCareerFrameworkXLSX(&buf, f, rc.names[f.OrganisationID], out); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "career-framework-" + r.PathValue("id") + ".xlsx"}))
	_, _ = buf.WriteTo(w)
}
