package web

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// careerGridView is a career framework as a grid: Career Framework levels as rows (9 at the top,
// as a ladder), role families as columns, the placed roles as cards in the cells. Each card lists
// its routes in words with a link to the role they lead to, so the routes need no graphics; the
// drawn grid with arrows is an image beside it, to download as SVG or PNG.
type careerGridView struct {
	Page
	F          career.Framework
	OrgName    string
	Partner    bool
	Plan       bool
	Rows       []gridRow
	Unlevelled []roleCard
	Warnings   []string
	Routes     []routeRow
	Cards      []roleCard // every placed role, for the planner's table and the route selects
	Candidates []candidateGroup
	AddRole    placementForm
	AddRoute   routeForm
	ChartW     int
	ChartH     int
}

type gridRow struct {
	Level careerLevel
	Cells []gridCell
	Empty bool
}

type gridCell struct {
	Family career.Family
	Cards  []roleCard
}

type roleCard struct {
	ID                int64
	Title, Href, Band string
	Level             int
	FamilyName        string
	OrgName           string // set for a partner's role
	Routes            []cardRoute
}

// Anchor is the card's id on the page, the target of the routes that lead to it.
func (c roleCard) Anchor() string { return "role-" + strconv.FormatInt(c.ID, 10) }

// Option is how a select shows the role: "Registered nurse (level 5)".
func (c roleCard) Option() string { return c.Title + " (level " + strconv.Itoa(c.Level) + ")" }

type cardRoute struct {
	Verb, ToTitle, ToAnchor, Needs string
}

type routeRow struct {
	career.Route
	From, To    roleCard
	Needs, Kind string
}

type candidateGroup struct {
	Label string
	Roles []roleCard
}

type placementForm struct{ Role, Family string }

type routeForm struct {
	From, To, Kind, Qualification, Note string
	Registration                        bool
}

func (s *Server) careerFrameworkShow(w http.ResponseWriter, r *http.Request) {
	f, rc, acc, ok := s.loadCareerFramework(w, r)
	if !ok {
		return
	}
	v, err := s.careerGrid(r, rc, acc, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "career-framework-show", v)
}

// careerGrid builds the grid page of a framework, with the planner's forms when acc.Plan.
func (s *Server) careerGrid(r *http.Request, rc roleContext, acc roleAccess, f career.Framework) (careerGridView, error) {
	v := careerGridView{
		Page: s.page(r, f.Title, "career-frameworks", crumb{"/", "Home"}, crumb{"/career-frameworks", "Career frameworks"}),
		F:    f, OrgName: rc.names[f.OrganisationID], Partner: !acc.Own, Plan: acc.Plan,
	}
	levels, err := s.careerLevels(r)
	if err != nil {
		return v, err
	}
	roles, err := s.db.CareerFrameworkRoles(r.Context(), f.RoleIDs())
	if err != nil {
		return v, err
	}
	cards := map[int64]*roleCard{}
	for _, p := range f.Placements {
		role := roles[p.RoleID]
		fam, _ := f.Family(p.FamilyKey)
		c := &roleCard{ID: p.RoleID, Title: role.Title, Href: rolePath(p.RoleID), Band: role.Band, Level: role.Level, FamilyName: fam.Name}
		if !rc.inScope(role.OrganisationID) {
			c.OrgName = rc.names[role.OrganisationID]
		}
		cards[p.RoleID] = c
	}
	for _, rt := range f.Routes {
		from, to := cards[rt.FromRoleID], cards[rt.ToRoleID]
		if from == nil || to == nil {
			continue // the store keeps both ends placed
		}
		needs := routeNeeds(rt)
		verb := "Can move up to"
		if rt.Kind == career.KindAcross {
			verb = "Can move across to"
		}
		from.Routes = append(from.Routes, cardRoute{Verb: verb, ToTitle: to.Title, ToAnchor: to.Anchor(), Needs: needs})
	}
	for _, rt := range f.Routes {
		from, to := cards[rt.FromRoleID], cards[rt.ToRoleID]
		if from == nil || to == nil {
			continue
		}
		kind := "Up"
		if rt.Kind == career.KindAcross {
			kind = "Across"
		}
		v.Routes = append(v.Routes, routeRow{Route: rt, From: *from, To: *to, Needs: routeNeeds(rt), Kind: kind})
	}
	for l := career.MaxLevel; l >= career.MinLevel; l-- {
		row := gridRow{Level: levels[l-1], Empty: true}
		for _, fam := range f.Families {
			cell := gridCell{Family: fam}
			for _, p := range f.Placements {
				if c := cards[p.RoleID]; p.FamilyKey == fam.Key && c.Level == l {
					cell.Cards = append(cell.Cards, *c)
					row.Empty = false
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	for _, p := range f.Placements {
		c := cards[p.RoleID]
		if c.Level < career.MinLevel || c.Level > career.MaxLevel {
			v.Unlevelled = append(v.Unlevelled, *c)
		}
		v.Cards = append(v.Cards, *c)
	}
	sort.SliceStable(v.Cards, func(i, j int) bool {
		if v.Cards[i].Level != v.Cards[j].Level {
			return v.Cards[i].Level > v.Cards[j].Level
		}
		return v.Cards[i].Title < v.Cards[j].Title
	})
	if w, h, err := careerChartSize(f, roles); err == nil {
		v.ChartW, v.ChartH = w, h
	} else {
		return v, err
	}
	if !acc.Plan {
		return v, nil
	}
	// What the planner may add: roles not placed yet, by level from the top.
	cands, err := s.db.CareerFrameworkCandidates(r.Context(), f.OrganisationID)
	if err != nil {
		return v, err
	}
	byLevel := map[int][]roleCard{}
	for _, c := range cands {
		if _, placed := f.Placed(c.ID); placed {
			continue
		}
		card := roleCard{ID: c.ID, Title: c.Title, Level: c.Level}
		if !rc.inScope(c.OrganisationID) {
			card.Title += " (shared by " + rc.names[c.OrganisationID] + ")"
		}
		byLevel[c.Level] = append(byLevel[c.Level], card)
	}
	for l := career.MaxLevel; l >= career.MinLevel; l-- {
		if len(byLevel[l]) > 0 {
			v.Candidates = append(v.Candidates, candidateGroup{Label: levels[l-1].Title, Roles: byLevel[l]})
		}
	}
	use, err := s.db.CareerFrameworkUsable(r.Context(), f.OrganisationID)
	if err != nil {
		return v, err
	}
	refs := map[int64]career.RoleRef{}
	for id, role := range roles {
		refs[id] = store.RoleRef(role)
	}
	for _, p := range career.Validate(f, refs, use, &f) {
		v.Warnings = append(v.Warnings, p.Message)
	}
	return v, nil
}

func routeNeeds(rt career.Route) string {
	switch {
	case rt.RegistrationRequired && rt.Qualification != "":
		return "registration required; qualification: " + rt.Qualification
	case rt.RegistrationRequired:
		return "registration required"
	case rt.Qualification != "":
		return "qualification: " + rt.Qualification
	}
	return ""
}

// roleTitle is the title of a role the framework names, for messages.
func roleTitle(roles map[int64]workforce.Role, id int64) string {
	if r, ok := roles[id]; ok {
		return r.Title
	}
	return "role " + strconv.FormatInt(id, 10)
}
