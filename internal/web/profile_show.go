package web

import (
	"fmt"
	"html/template"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

type profileShowView struct {
	Page
	Rec      store.Profile
	F        *framework.Framework
	Chart    template.HTML
	Rows     []profile.CompareRow
	Problems []profile.Problem // what a draft still lacks
	CanEdit  bool
	// MoveTo is a newer version of the framework this profile can move to, if any.
	MoveTo *framework.Framework
	// Others are the viewer's other profiles, to compare this one with.
	Others []store.Profile
}

// profileShow shows a profile as a chart with the same figures in a table beside it.
func (s *Server) profileShow(w http.ResponseWriter, r *http.Request) {
	rec, f, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	v := profileShowView{Rec: rec, F: f, CanEdit: rec.UserID == currentViewer(r).User.ID}
	v.Page = s.page(r, rec.Title, "profiles", crumb{"/", "Home"}, crumb{"/profiles", "Your profiles"})
	v.Rows = profile.Compare(f, rec.Profile).Rows
	if rec.Profile.Draft {
		v.Problems = profile.Validate(rec.Profile, f)
	}
	if v.CanEdit {
		mine, err := s.db.UserProfiles(r.Context(), rec.UserID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, p := range mine {
			if p.ID != rec.ID {
				v.Others = append(v.Others, p)
			}
		}
		to, err := s.newerVersion(r, rec)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.MoveTo = to
	}
	if rec.Profile.Total() > 0 {
		chart, err := inlineChart(f, rec.Profile, fmt.Sprintf("%s: %s version %s profile", rec.Title, f.Title, f.Version), nil)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Chart = chart
	}
	s.render(w, r, http.StatusOK, "profile-show", v)
}
