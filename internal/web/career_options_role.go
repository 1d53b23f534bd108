package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/career"
)

// roleCareerOptions answers "where does this role lead?": the roles someone who meets every
// requirement of the role could move to, ranked as a person's options are.
func (s *Server) roleCareerOptions(w http.ResponseWriter, r *http.Request) {
	s.roleOptions(w, r, false)
}

// roleCareerOptionsExport writes the same list as CSV or Excel.
func (s *Server) roleCareerOptionsExport(w http.ResponseWriter, r *http.Request) {
	s.roleOptions(w, r, true)
}

func (s *Server) roleOptions(w http.ResponseWriter, r *http.Request, export bool) {
	cc, role, ok := s.careerRole(w, r)
	if !ok {
		return
	}
	st, _ := cc.idx.RoleStart(role.ID)
	ol := cc.optionList(st, r.URL.Query())
	if export {
		s.exportOptions(w, r, cc, ol, "role-career-options")
		return
	}
	page, pageNo := ol.page()
	full, err := s.db.Role(r.Context(), role.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows, err := s.optionRows(r, cc, page, (pageNo-1)*optionsPageSize, career.EntriesFromRequirements(full.Requirements), nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := "/roles/" + strconv.FormatInt(role.ID, 10)
	v := careerOptionsView{
		Page: s.page(r, "Where does "+role.Title+" lead?", "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}, crumb{base, role.Title}),
		Role: role, FromLevel: role.Level,
	}
	ol.fill(&v, cc, base+"/career-options", rows)
	s.render(w, r, http.StatusOK, "career-options", v)
}

// careerRole reads the role of the path's {id}, answering 404 when the index does not hold it or
// the viewer may not see it.
func (s *Server) careerRole(w http.ResponseWriter, r *http.Request) (careerCtx, *career.RoleInfo, bool) {
	cc, err := s.careerContext(r)
	if err != nil {
		s.serverError(w, r, err)
		return cc, nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return cc, nil, false
	}
	role, ok := cc.visibleRole(id)
	if !ok {
		s.notFound(w, r)
		return cc, nil, false
	}
	return cc, role, true
}
