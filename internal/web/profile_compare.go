package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

type profileCompareView struct {
	Page
	F       *framework.Framework
	Records []store.Profile
	Rows    []profile.CompareRow
	Totals  []int
	Chart   template.HTML
	Foreign bool
}

// profileCompare sets two or more profiles side by side: per element each share and level and
// the difference from the first, and the second drawn over the first in one chart.
func (s *Server) profileCompare(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	v := profileCompareView{}
	v.Page = s.page(r, "Compare profiles", "profiles", crumb{"/", "Home"}, crumb{"/profiles", "Your profiles"})
	if len(ids) < 2 || len(ids) > 6 {
		s.renderError(w, r, http.StatusBadRequest, "Choose profiles to compare",
			"Choose between two and six profiles, from a profile's page.")
		return
	}
	var profiles []profile.Profile
	for _, raw := range ids {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			s.notFound(w, r)
			return
		}
		rec, err := s.db.GetProfile(r.Context(), id)
		if err != nil {
			s.notFoundOr(w, r, ignoreNotFound(err))
			return
		}
		if rights, err := s.rightsTo(r, rec); err != nil || !rights.See {
			s.notFoundOr(w, r, err)
			return
		}
		v.Records = append(v.Records, rec)
		profiles = append(profiles, rec.Profile)
	}
	first := v.Records[0].Profile
	f, _, err := s.db.FrameworkVersion(r.Context(), first.FrameworkKey, first.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cmp := profile.Compare(f, profiles...)
	v.F, v.Rows, v.Totals, v.Foreign = f, cmp.Rows, cmp.Totals, len(cmp.Foreign) > 0
	if first.Total() > 0 && profiles[1].Total() > 0 && !v.Foreign {
		over := chartOf(f, profiles[1], v.Records[1].Title)
		v.Chart, err = inlineChart(f, first, fmt.Sprintf("%s compared with %s", v.Records[0].Title, v.Records[1].Title), &over)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "profile-compare", v)
}
