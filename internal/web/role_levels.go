package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// ladderView is the nine-level view of the database of roles: Career Framework levels as rows,
// top (9) to bottom (1), staff groups as columns, each count linking to the roles it counts.
type ladderView struct {
	Page
	Columns []ladderColumn
	Rows    []ladderRow
	Total   int
	CanAdd  bool
	NoScope bool
}

type ladderColumn struct {
	Name  string // "" for roles without a staff group
	Label string
	Total int
	Href  string
}

type ladderRow struct {
	Level careerLevel // Level 0: not placed yet
	Cells []ladderCell
	Total int
	Href  string
}

type ladderCell struct {
	Count int
	Href  string // "" when the search cannot list exactly these roles
	Label string // what the count counts ("roles at Level 5 in ..."), for screen readers
}

// ladderHref is the search for the roles of the viewer's own organisations at a level and in
// a staff group (either may be left out).
func ladderHref(level int, group string) string {
	v := url.Values{"org": {orgOwn}}
	if level >= 0 {
		v.Set("level", strconv.Itoa(level))
	}
	if group != "" {
		v.Set("staff_group", group)
	}
	return "/roles?" + v.Encode()
}

func (s *Server) roleLevels(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	levels, err := s.careerLevels(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := ladderView{
		Page:   s.page(r, "Roles by Career Framework level", "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}),
		CanAdd: len(rc.planned()) > 0, NoScope: len(rc.sc.orgs) == 0,
	}
	if v.NoScope {
		s.render(w, r, http.StatusOK, "role-levels", v)
		return
	}
	var counts []store.LevelCount
	if rc.seesAll() {
		counts, err = s.db.RolesByLevelEverywhere(r.Context())
	} else {
		counts, err = s.db.RolesByLevel(r.Context(), rc.orgIDs())
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byCell := map[int]map[string]int{}
	groupTotal := map[string]int{}
	unplaced := 0
	for _, c := range counts {
		if byCell[c.Level] == nil {
			byCell[c.Level] = map[string]int{}
		}
		byCell[c.Level][c.StaffGroup] += c.Count
		groupTotal[c.StaffGroup] += c.Count
		v.Total += c.Count
		if c.Level == 0 {
			unplaced += c.Count
		}
	}
	// Staff groups in the national order, then roles without one; only groups with roles.
	for _, g := range workforce.StaffGroups {
		if groupTotal[g.Name] > 0 {
			v.Columns = append(v.Columns, ladderColumn{Name: g.Name, Label: g.Name, Total: groupTotal[g.Name], Href: ladderHref(-1, g.Name)})
		}
	}
	if n := groupTotal[""]; n > 0 {
		v.Columns = append(v.Columns, ladderColumn{Label: "No staff group given", Total: n})
	}
	row := func(lv careerLevel) ladderRow {
		lr := ladderRow{Level: lv, Href: ladderHref(lv.Level, "")}
		for _, col := range v.Columns {
			n := byCell[lv.Level][col.Name]
			cell := ladderCell{Count: n, Label: plural(n, "role", "roles") + " at " + lv.Title + " in " + col.Label}
			if n > 0 && col.Name != "" {
				cell.Href = ladderHref(lv.Level, col.Name)
			}
			lr.Cells = append(lr.Cells, cell)
			lr.Total += n
		}
		return lr
	}
	for i := len(levels) - 1; i >= 0; i-- {
		v.Rows = append(v.Rows, row(levels[i]))
	}
	if unplaced > 0 {
		v.Rows = append(v.Rows, row(careerLevel{Level: 0, Title: "Not placed on a level yet"}))
	}
	s.render(w, r, http.StatusOK, "role-levels", v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
