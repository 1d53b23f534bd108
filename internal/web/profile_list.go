package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

type profileListView struct {
	Page
	Profiles   []store.Profile
	Frameworks []store.FrameworkVersion // the newest version of each profile framework
	// Teams are the teams the viewer may see, each with a team view; MoreTeams is set when
	// there are more than maxListedTeams (a trust's administrator may see hundreds).
	Teams     []store.Organisation
	MoreTeams bool
}

// maxListedTeams bounds the team views listed on the profiles page.
const maxListedTeams = 20

// profileList shows the signed-in person's own profiles and how to make one.
func (s *Server) profileList(w http.ResponseWriter, r *http.Request) {
	me := currentViewer(r)
	ps, err := s.db.UserProfiles(r.Context(), me.User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	fws, err := s.profileFrameworks(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var teams []store.Organisation
	for _, o := range sc.orgs {
		if o.Kind == store.KindTeam {
			teams = append(teams, o)
		}
	}
	more := len(teams) > maxListedTeams
	if more {
		teams = teams[:maxListedTeams]
	}
	s.render(w, r, http.StatusOK, "profile-list", profileListView{
		Page: s.page(r, "Your profiles", "profiles", crumb{"/", "Home"}), Profiles: ps, Frameworks: fws, Teams: teams, MoreTeams: more,
	})
}

// profileFrameworks returns the newest shared version of every framework of kind profile.
func (s *Server) profileFrameworks(r *http.Request) ([]store.FrameworkVersion, error) {
	all, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		return nil, err
	}
	newest := map[string]int{}
	var out []store.FrameworkVersion
	for _, v := range all {
		if v.Kind != framework.KindProfile || v.OrganisationID != 0 || v.Status == framework.StatusSuperseded || v.Status == framework.StatusRetired {
			continue
		}
		if i, ok := newest[v.Key]; ok {
			if framework.CompareVersions(v.Version, out[i].Version) > 0 {
				out[i] = v
			}
			continue
		}
		newest[v.Key] = len(out)
		out = append(out, v)
	}
	return out, nil
}
