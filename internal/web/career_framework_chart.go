package web

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/chart"
	"github.com/workframe/workframe/internal/workforce"
)

// careerChartOf turns a framework into the grid the chart package draws.
func careerChartOf(f career.Framework, roles map[int64]workforce.Role) chart.Grid {
	g := chart.Grid{Title: f.Title}
	col := map[string]int{}
	for i, fam := range f.Families {
		g.Families = append(g.Families, fam.Name)
		col[fam.Key] = i
	}
	for l := career.MinLevel; l <= career.MaxLevel; l++ {
		g.Levels = append(g.Levels, "Level "+strconv.Itoa(l))
	}
	for _, p := range f.Placements {
		role := roles[p.RoleID]
		g.Cards = append(g.Cards, chart.GridCard{Key: strconv.FormatInt(p.RoleID, 10), Title: role.Title, Level: role.Level, Family: col[p.FamilyKey]})
	}
	for _, rt := range f.Routes {
		g.Arrows = append(g.Arrows, chart.GridArrow{From: strconv.FormatInt(rt.FromRoleID, 10), To: strconv.FormatInt(rt.ToRoleID, 10),
			Across: rt.Kind == career.KindAcross, Needs: routeNeeds(rt)})
	}
	return g
}

// careerChartSize is the drawn grid's size, for the page's <img>; 0×0 when there is nothing
// to draw (no families).
func careerChartSize(f career.Framework, roles map[int64]workforce.Role) (int, int, error) {
	if len(f.Families) == 0 {
		return 0, 0, nil
	}
	return chart.GridDimensions(careerChartOf(f, roles), chart.GridOptions{})
}

// careerFrameworkChart downloads the drawn grid as SVG or PNG.
func (s *Server) careerFrameworkChart(w http.ResponseWriter, r *http.Request) {
	f, _, _, ok := s.loadCareerFramework(w, r)
	if !ok {
		return
	}
	roles, err := s.db.CareerFrameworkRoles(r.Context(), f.RoleIDs())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	g := careerChartOf(f, roles)
	format := path.Ext(r.URL.Path)[1:] // the route table has one route per format
	var buf bytes.Buffer
	switch format {
	case "svg":
		err = chart.GridSVG(&buf, g, chart.GridOptions{})
		w.Header().Set("Content-Type", "image/svg+xml")
	case "png":
		err = chart.GridPNG(&buf, g, chart.GridOptions{Scale: 2})
		w.Header().Set("Content-Type", "image/png")
	default:
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Shown in the page as an image, downloaded with ?download.
	disposition := "inline"
	if r.URL.Query().Has("download") {
		disposition = "attachment"
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": "career-framework-" + r.PathValue("id") + "." + format}))
	w.Header().Set("Cache-Control", "private, no-cache")
	_, _ = buf.WriteTo(w)
}
