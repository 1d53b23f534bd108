package web

import (
	"fmt"
	"net/http"
	"strconv"

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
	p, _, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	cc, err := s.careerContext(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	st, found := cc.idx.PersonStart(p.ID, cc.today)
	if !found {
		s.notFound(w, r)
		return
	}
	search := parseOptionSearch(r.URL.Query())
	all := cc.idx.Options(st, cc.today, cc.roles, career.OptionFilter{IncludeDown: true})
	var kept []career.Option
	f := search.filter()
	for _, o := range all {
		if f.Keep(o) {
			kept = append(kept, o)
		}
	}
	if export {
		format, ok := s.exportFormat(w, r)
		if !ok {
			return
		}
		rows, err := s.optionRows(r, cc, kept, 0, nil, nil)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		h, wd, out := optionSheet(rows)
		s.writeSheet(w, r, format, "career-options", h, wd, out)
		return
	}
	entries, err := s.db.Portfolio(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	page, pageNo := pageOf(kept, search.Page)
	search.Page = pageNo
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
		Person: &p, IsSelf: isSelf, FromLevel: st.Level, Rows: rows, Total: len(kept), Search: search,
		Levels: levelNumbers(), StaffGroups: staffGroupNames(), Orgs: orgChoices(cc, all),
		Action: base + "/career-options", Explanation: career.ScoreExplanation, CanMatch: cc.canMatch(),
	}
	for _, id := range st.Roles {
		if role, ok := cc.idx.Role(id); ok {
			v.From = append(v.From, role.Title)
		}
	}
	v.ExportQuery = search.values().Encode()
	v.Pagination = paginate(pageNo, (len(kept)+optionsPageSize-1)/optionsPageSize, func(n int) string {
		q := search.values()
		q.Set("page", strconv.Itoa(n))
		return v.Action + "?" + q.Encode()
	})
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
