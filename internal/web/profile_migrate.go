package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// newerVersion returns the newest version of the profile's framework whose crosswalk maps from
// the version the profile was made on, or nil: that is where "Move to version …" goes.
func (s *Server) newerVersion(r *http.Request, rec store.Profile) (*framework.Framework, error) {
	versions, err := s.db.FrameworkVersionsOf(r.Context(), rec.Profile.FrameworkKey)
	if err != nil {
		return nil, err
	}
	var best *framework.Framework
	for _, v := range versions {
		if v.OrganisationID != 0 || framework.CompareVersions(v.Version, rec.Profile.FrameworkVersion) <= 0 {
			continue
		}
		f, _, err := s.db.FrameworkVersion(r.Context(), v.Key, v.Version)
		if err != nil {
			return nil, err
		}
		if f.Crosswalk.MapsFrom(rec.Profile.FrameworkVersion) && (best == nil || framework.CompareVersions(f.Version, best.Version) > 0) {
			best = f
		}
	}
	return best, nil
}

// profileMigrateForm moves a profile to the newer version through the crosswalk and shows the
// result in the profile form for the person to review. Nothing is saved until they save; the
// version on the older framework stays in the history.
func (s *Server) profileMigrateForm(w http.ResponseWriter, r *http.Request) {
	rec, from, ok := s.loadEditableProfile(w, r)
	if !ok {
		return
	}
	to, err := s.newerVersion(r, rec)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if to == nil {
		s.notFound(w, r)
		return
	}
	moved, notes, err := profile.Migrate(rec.Profile, from, to)
	var invalid *profile.SourceError
	if errors.As(err, &invalid) {
		s.renderError(w, r, http.StatusUnprocessableEntity, "Finish this profile before moving it",
			"A profile can move to version "+to.Version+" once it is complete on version "+from.Version+". Change it first, then move it.")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := profileForm(s.editPage(r, rec), to, profile.NewForm(moved, to), nil)
	v.Page.Title = fmt.Sprintf("Move %s to version %s", rec.Title, to.Version)
	v.Action, v.Title, v.Version = fmt.Sprintf("/profiles/%d", rec.ID), rec.Title, rec.Version
	v.MovedFrom, v.AimRole = from.Version, rec.AimRoleID
	if err := s.formOwner(r, rec, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, n := range notes {
		v.Notes = append(v.Notes, n.Message)
	}
	s.render(w, r, http.StatusOK, "profile-form", v)
}

// profileTarget is the framework version a submitted change is saved on: the profile's own, or
// a newer version of the same framework that the person moved it to (whose crosswalk maps
// from the profile's version). Anything else is refused.
func (s *Server) profileTarget(r *http.Request, rec store.Profile, current *framework.Framework) (*framework.Framework, error) {
	version := r.PostFormValue("framework_version")
	if version == "" || version == current.Version {
		return current, nil
	}
	to, err := s.newerVersion(r, rec)
	if err != nil {
		return nil, err
	}
	if to == nil || to.Version != version || r.PostFormValue("framework") != rec.Profile.FrameworkKey {
		return nil, store.ErrNotFound
	}
	return to, nil
}
