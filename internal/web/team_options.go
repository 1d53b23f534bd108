package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// teamOptionsView shows a team's options for succession and skill mix: for each member the roles
// they best match, and for each role held in the team the other members who could step into it.
type teamOptionsView struct {
	Page
	Team        store.Organisation
	Members     []memberOptions
	Succession  []successionRow
	Explanation string
}

type memberOptions struct {
	ID      int64
	Name    string
	Current string
	Options []career.Option
}

type successionRow struct {
	RoleID     int64
	Title      string
	Level      int
	Holders    int
	Candidates []candidate
}

type candidate struct {
	ID    int64
	Name  string
	Score int
}

// teamOptionsPerMember is how many options a member's row shows; succession lists as many
// candidates per role.
const teamOptionsPerMember = 3

// teamCareerOptions: managers, planners and administrators of the team (or above it) only.
func (s *Server) teamCareerOptions(w http.ResponseWriter, r *http.Request) {
	cc, err := s.careerContext(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || cc.pc.kinds[id] != store.KindTeam || !cc.pc.sc.may(id, store.ManagePeople) {
		s.notFound(w, r)
		return
	}
	team, err := s.db.Organisation(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	to := cc.idx.TeamOptions(id, cc.today, cc.people, cc.roles, teamOptionsPerMember)
	var ids []int64
	for _, m := range to.Members {
		ids = append(ids, m.PersonID)
	}
	names, err := s.db.PeopleBrief(r.Context(), ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := teamOptionsView{
		Page: s.page(r, "Career options in "+team.Name, "people", crumb{"/", "Home"}, crumb{"/organisations/" + strconv.FormatInt(id, 10), team.Name}),
		Team: team, Explanation: career.ScoreExplanation,
	}
	for _, m := range to.Members {
		var titles []string
		for _, rid := range m.Roles {
			if role, ok := cc.idx.Role(rid); ok {
				titles = append(titles, role.Title)
			}
		}
		v.Members = append(v.Members, memberOptions{ID: m.PersonID, Name: names[m.PersonID].Name, Current: strings.Join(titles, ", "), Options: m.Options})
	}
	slices.SortFunc(v.Members, func(a, b memberOptions) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	for _, sc := range to.Succession {
		row := successionRow{RoleID: sc.Role.ID, Title: sc.Role.Title, Level: sc.Role.Level, Holders: sc.Holders}
		for _, c := range sc.Candidates {
			row.Candidates = append(row.Candidates, candidate{ID: c.PersonID, Name: names[c.PersonID].Name, Score: c.Transferability})
		}
		v.Succession = append(v.Succession, row)
	}
	s.render(w, r, http.StatusOK, "team-options", v)
}
