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
	// Others are the viewer's own profiles, to compare this one with.
	Others []store.Profile
	// Role is the role a role's profile describes, or the role a person named on their own.
	Role *roleLink
	// RoleProfile is the named role's profile to compare a person's profile with, if the role
	// has one the viewer may see.
	RoleProfile *store.Profile
}

// profileShow shows a profile as a chart with the same figures in a table beside it.
func (s *Server) profileShow(w http.ResponseWriter, r *http.Request) {
	rec, f, rights, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	v := profileShowView{Rec: rec, F: f, CanEdit: rights.Change}
	nav := "profiles"
	if rec.RoleID != 0 {
		nav = "roles"
	}
	v.Page = s.page(r, rec.Title, nav, s.profileCrumbs(r, rec)...)
	v.Rows = profile.Compare(f, rec.Profile).Rows
	if rec.Profile.Draft {
		v.Problems = profile.Validate(rec.Profile, f)
	}
	mine, err := s.db.UserProfiles(r.Context(), currentViewer(r).User.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, p := range mine {
		if p.ID != rec.ID {
			v.Others = append(v.Others, p)
		}
	}
	if v.CanEdit {
		to, err := s.newerVersion(r, rec)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.MoveTo = to
	}
	if err := s.profileRole(r, rec, &v); err != nil {
		s.serverError(w, r, err)
		return
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

// profileRole finds the role a profile is about and, for a person's own profile, the role's
// profile to compare it with: the one on the same framework version, else on the same
// framework, else none. Only profiles the viewer may see are offered.
func (s *Server) profileRole(r *http.Request, rec store.Profile, v *profileShowView) error {
	roleID := rec.RoleID
	if roleID == 0 {
		roleID = rec.AimRoleID
	}
	if roleID == 0 {
		return nil
	}
	role, err := s.db.Role(r.Context(), roleID)
	if err != nil {
		return ignoreNotFound(err)
	}
	v.Role = &roleLink{Title: role.Title}
	rc, err := s.roleContextFor(r)
	if err != nil {
		return err
	}
	if rc.inScope(role.OrganisationID) {
		v.Role.Href = rolePath(role.ID)
	}
	if rec.RoleID != 0 {
		return nil
	}
	candidates, err := s.db.RoleProfiles(r.Context(), role.ID)
	if err != nil {
		return err
	}
	best := -1
	for i, c := range candidates {
		if c.Profile.Draft || c.Profile.FrameworkKey != rec.Profile.FrameworkKey {
			continue
		}
		rights, err := s.rightsTo(r, c)
		if err != nil {
			return err
		}
		if !rights.See {
			continue
		}
		if best < 0 || (c.Profile.FrameworkVersion == rec.Profile.FrameworkVersion && candidates[best].Profile.FrameworkVersion != rec.Profile.FrameworkVersion) {
			best = i
		}
	}
	if best >= 0 {
		v.RoleProfile = &candidates[best]
	}
	return nil
}
