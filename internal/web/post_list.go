package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The establishment of a team: its posts, who fills them, what they cost. Only managers and
// above of the team (or of a node above it) see and change them (see workforce_context.go).

func postsPath(teamID int64) string { return unitPath(teamID) + "/posts" }

func postPath(teamID, postID int64) string {
	return postsPath(teamID) + "/" + strconv.FormatInt(postID, 10)
}

type postListView struct {
	Page
	Unit    store.Organisation
	IsTeam  bool
	Teams   []orgItem // for a service or organisation: its teams, to choose one
	Posts   []postRow
	Totals  workforce.Figures
	OnCost  workforce.OnCost
	PayName string
	CanEdit bool
}

type postRow struct {
	workforce.Post
	RoleTitle, BandText, PointText string
	HolderName                     string
	Filled                         workforce.FTE
	Cost                           workforce.PostCost
}

// teamEstablishment loads a team's posts with the names and costs the pages show.
func (s *Server) teamEstablishment(r *http.Request, teamID int64) ([]postRow, workforce.ProfileInput, error) {
	in, err := s.db.Establishment(r.Context(), teamID)
	if err != nil {
		return nil, in, err
	}
	in.Pay = workforce.CurrentPayTable(s.db.Today())
	fills := workforce.Fill(in.Posts, in.Staff)
	names := map[int64]string{}
	rows := make([]postRow, len(in.Posts))
	for i, p := range in.Posts {
		role := in.Roles[p.RoleID]
		row := postRow{Post: p, RoleTitle: role.Title, Filled: fills[i], Cost: in.Cost(p, fills[i]),
			PointText: workforce.PayPointLabel(p.PayPoint)}
		if row.RoleTitle == "" {
			row.RoleTitle = "Role " + strconv.FormatInt(p.RoleID, 10)
		}
		switch band := p.BandOf(role); {
		case band == "":
			row.BandText = "No band"
		case p.Band != "":
			row.BandText = "Band " + band + " (the role's is " + orNone(role.Band) + ")"
		default:
			row.BandText = "Band " + band
		}
		if p.HolderID != 0 {
			if _, ok := names[p.HolderID]; !ok {
				person, err := s.db.Person(r.Context(), p.HolderID)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return nil, in, err
				}
				names[p.HolderID] = person.Name
			}
			row.HolderName = names[p.HolderID]
		}
		rows[i] = row
	}
	return rows, in, nil
}

// postList lists a team's posts, or, for a service or organisation, its teams to choose from.
func (s *Server) postList(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return
	}
	v := postListView{Page: s.page(r, "Posts: "+uc.unit.Name, "organisations", uc.crumbs...), Unit: uc.unit,
		IsTeam: uc.unit.Kind == store.KindTeam, CanEdit: uc.canEditPosts()}
	if !v.IsTeam {
		inside := map[int64]bool{uc.unit.ID: true}
		for _, o := range uc.sc.items() {
			if inside[o.ParentID] {
				inside[o.ID] = true
				if o.Kind == store.KindTeam {
					v.Teams = append(v.Teams, o)
				}
			}
		}
		s.render(w, r, http.StatusOK, "post-list", v)
		return
	}
	rows, in, err := s.teamEstablishment(r, uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Posts, v.OnCost, v.PayName = rows, in.OnCost, in.Pay.Name+" "+in.Pay.Year
	for _, row := range rows {
		v.Totals.Posts++
		v.Totals.FundedFTE += row.FTE
		v.Totals.FilledFTE += row.Filled
		v.Totals.VacantFTE += row.FTE - row.Filled
		if row.Cost.Costed {
			v.Totals.Cost += row.Cost.Total
		} else {
			v.Totals.Uncosted++
		}
	}
	s.render(w, r, http.StatusOK, "post-list", v)
}
