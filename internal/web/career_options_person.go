package web

import (
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/workforce"
)

// careerOptionsView is a ranked list of career options: for a person (the roles they could move
// to) or for a role ("where does this role lead?").
type careerOptionsView struct {
	Page
	// Person is set for a person's options; Role for a role's.
	Person *workforce.Person
	Role   *career.RoleInfo
	IsSelf bool
	// From says where the options are counted from: the roles held now and their level.
	From      []string
	FromLevel int
	Rows      []optionRow
	Total     int
	Search    optionSearch
	// Levels, StaffGroups and Orgs are the filter's choices.
	Levels      []int
	StaffGroups []string
	Orgs        []choice
	Pagination  *pagination
	Action      string
	ExportQuery string
	Explanation string
	CanMatch    bool
}

// personCareerOptions lists the roles a person could move to, best first.
func (s *Server) personCareerOptions(w http.ResponseWriter, r *http.Request) {
	s.personOptions(w, r, false)
}

// personCareerOptionsExport writes the same list, filtered the same way, as CSV or Excel.
func (s *Server) personCareerOptionsExport(w http.ResponseWriter, r *http.Request) {
	s.personOptions(w, r, true)
}

func (s *Server) personOptions(w http.ResponseWriter, r *http.Request, export bool) {
	p, cc, st, ok := s.careerPerson(w, r)
	if !ok {
		return
	}
	ol := cc.optionList(st, r.URL.Query())
	if export {
		s.exportOptions(w, r, cc, ol, "career-options")
		return
	}
	entries, err := s.db.Portfolio(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page, pageNo := ol.page()
	base := personPath(p.ID)
	rows, err := s.optionRows(r, cc, page, (pageNo-1)*optionsPageSize, entries, func(roleID int64) string {
		return fmt.Sprintf("%s?role=%d#gap", base, roleID)
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	isSelf := p.UserID != 0 && p.UserID == cc.pc.userID
	title := "Career options for " + p.Name
	if isSelf {
		title = "Your career options"
	}
	v := careerOptionsView{
		Page:   s.page(r, title, "people", crumb{"/", "Home"}, crumb{"/people", "People"}, crumb{base, p.Name}),
		Person: &p, IsSelf: isSelf, FromLevel: st.Level,
	}
	ol.fill(&v, cc, base+"/career-options", rows)
	for _, id := range st.Roles {
		if role, ok := cc.idx.Role(id); ok {
			v.From = append(v.From, role.Title)
		}
	}
	s.render(w, r, http.StatusOK, "career-options", v)
}

func levelNumbers() []int {
	out := make([]int, 0, workforce.MaxLevel)
	for n := workforce.MinLevel; n <= workforce.MaxLevel; n++ {
		out = append(out, n)
	}
	return out
}

// myCareerOptions takes a member of staff to their own career options.
func (s *Server) myCareerOptions(w http.ResponseWriter, r *http.Request) {
	v := currentViewer(r)
	p, err := s.db.PersonForUser(r.Context(), v.User.ID)
	if err != nil {
		s.renderError(w, r, http.StatusOK, "You do not have a portfolio yet",
			"Your account is not linked to a staff record, so there is nothing to count your career options from. Ask your manager or an administrator of your organisation to link it.")
		return
	}
	http.Redirect(w, r, personPath(p.ID)+"/career-options", http.StatusSeeOther)
}
