package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

const peoplePageSize = 25

type personListView struct {
	Page
	Search     string
	TeamID     int64
	Teams      []orgItem
	Results    []personResult
	Total      int
	From, To   int
	Pagination *pagination
	CanAdd     bool
	// NoScope: the viewer manages no one, so there is no list to show (only their own record).
	NoScope bool
	Own     int64 // the viewer's own person record, 0 for none
}

type personResult struct {
	ID                     int64
	Name, StaffNumber, Org string
	Teams                  string
	CurrentFTE             string
}

// personList is the people the viewer may see: a GET search form (name or staff number, team)
// and one page of results by name.
func (s *Server) personList(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := r.URL.Query()
	v := personListView{Page: s.page(r, "People", "people", crumb{"/", "Home"}), Search: strings.TrimSpace(q.Get("q"))}
	v.TeamID, _ = strconv.ParseInt(q.Get("team"), 10, 64)
	ids := pc.scopeIDs()
	v.NoScope = len(ids) == 0
	v.CanAdd = len(pc.employers()) > 0
	if own, err := s.db.PersonForUser(r.Context(), pc.userID); err == nil {
		v.Own = own.ID
	}
	for _, o := range pc.sc.items() {
		if o.Kind == store.KindTeam && pc.sc.may(o.ID, store.ManagePeople) {
			v.Teams = append(v.Teams, o)
		}
	}
	if v.Search != "" || v.TeamID != 0 {
		v.Title = "People: search results"
	}
	if v.NoScope {
		s.render(w, r, http.StatusOK, "person-list", v)
		return
	}
	pageNo, _ := strconv.Atoi(q.Get("page"))
	pageNo = max(pageNo, 1)
	page, err := s.db.SearchPeople(r.Context(), store.PersonQuery{OrganisationIDs: ids, Search: v.Search, TeamID: v.TeamID,
		Limit: peoplePageSize, Offset: (pageNo - 1) * peoplePageSize})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	today := s.db.Today()
	v.Total = page.Total
	for _, p := range page.People {
		res := personResult{ID: p.ID, Name: p.Name, StaffNumber: p.StaffNumber, Org: pc.names[p.OrganisationID]}
		var teams []string
		var fte int
		for _, a := range p.CurrentAssignments(today) {
			teams = append(teams, pc.names[a.TeamID])
			fte += int(a.FTE)
		}
		res.Teams = strings.Join(teams, ", ")
		res.CurrentFTE = fteText(fte)
		v.Results = append(v.Results, res)
	}
	if len(v.Results) > 0 {
		v.From = (pageNo-1)*peoplePageSize + 1
		v.To = v.From + len(v.Results) - 1
	}
	pages := (page.Total + peoplePageSize - 1) / peoplePageSize
	v.Pagination = paginate(pageNo, pages, func(n int) string {
		u := url.Values{}
		if v.Search != "" {
			u.Set("q", v.Search)
		}
		if v.TeamID != 0 {
			u.Set("team", strconv.FormatInt(v.TeamID, 10))
		}
		if n > 1 {
			u.Set("page", strconv.Itoa(n))
		}
		if len(u) == 0 {
			return "/people"
		}
		return "/people?" + u.Encode()
	})
	s.render(w, r, http.StatusOK, "person-list", v)
}

func fteText(hundredths int) string {
	if hundredths == 0 {
		return "None"
	}
	return strconv.Itoa(hundredths/100) + "." + strconv.Itoa(hundredths%100/10) + strconv.Itoa(hundredths%10)
}
