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
	if err != nil || cc.pc.kinds[id] != store.KindTeam || !cc.pc.sc.can(id, store.AccessManager) {
		s.notFound(w, r)
		return
	}
	team, err := s.db.Organisation(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	ids := cc.idx.TeamMembers(id, cc.today, cc.people)
	names, err := s.db.PeopleBrief(r.Context(), ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := teamOptionsView{
		Page: s.page(r, "Career options in "+team.Name, "people", crumb{"/", "Home"}, crumb{"/organisations/" + strconv.FormatInt(id, 10), team.Name}),
		Team: team, Explanation: career.ScoreExplanation,
	}
	starts := map[int64]career.Start{}
	held := map[int64][]int64{} // role → members holding it
	for _, pid := range ids {
		st, ok := cc.idx.PersonStart(pid, cc.today)
		if !ok {
			continue
		}
		starts[pid] = st
		m := memberOptions{ID: pid, Name: names[pid].Name}
		var titles []string
		for _, rid := range st.Roles {
			held[rid] = append(held[rid], pid)
			if role, ok := cc.idx.Role(rid); ok {
				titles = append(titles, role.Title)
			}
		}
		m.Current = strings.Join(titles, ", ")
		opts := cc.idx.Options(st, cc.today, cc.roles, career.OptionFilter{Kinds: []string{career.OptionUp, career.OptionAcross}})
		m.Options = opts[:min(len(opts), teamOptionsPerMember)]
		v.Members = append(v.Members, m)
	}
	slices.SortFunc(v.Members, func(a, b memberOptions) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	for rid, holders := range held {
		role, ok := cc.idx.Role(rid)
		if !ok {
			continue
		}
		row := successionRow{RoleID: rid, Title: role.Title, Level: role.Level, Holders: len(holders)}
		for pid, st := range starts {
			if slices.Contains(holders, pid) {
				continue
			}
			if score, _, ok := cc.idx.Score(st, rid, cc.today); ok && score > 0 {
				row.Candidates = append(row.Candidates, candidate{ID: pid, Name: names[pid].Name, Score: score})
			}
		}
		slices.SortFunc(row.Candidates, func(a, b candidate) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		row.Candidates = row.Candidates[:min(len(row.Candidates), teamOptionsPerMember)]
		v.Succession = append(v.Succession, row)
	}
	slices.SortFunc(v.Succession, func(a, b successionRow) int {
		if c := cmp.Compare(b.Level, a.Level); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	s.render(w, r, http.StatusOK, "team-options", v)
}
