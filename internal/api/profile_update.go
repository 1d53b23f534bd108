package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// profileUpdate serves PUT /api/v1/profiles/{id}: the whole profile as it should now be, based
// on the version the caller read (the body's version or If-Match; a stale one is 409 and changes
// nothing). It stays on its framework version, or moves to the newer version whose crosswalk
// maps from it (what POST .../migrate proposes). Every saved state is kept in the history.
func (s *server) profileUpdate(w http.ResponseWriter, r *http.Request) {
	rec, err := s.pathProfile(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in profileInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := in.profile()
	f, err := s.updateTarget(r, rec, p.FrameworkKey, p.FrameworkVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := checkProfile(in.Title, p, f); err != nil {
		s.fail(w, r, err)
		return
	}
	if rec.UserID != 0 && in.AimRoleID != rec.AimRoleID {
		if err := s.checkAimRole(r, in.AimRoleID); err != nil {
			s.fail(w, r, err)
			return
		}
		rec.AimRoleID = in.AimRoleID
	}
	rec.Title, rec.Profile, rec.Version = strings.TrimSpace(in.Title), p, version
	saved, err := s.db.UpdateProfile(r.Context(), actor(r), rec)
	err = staleOr(err, "profile", rec.ID, version, profileHref(rec.ID), func() (int, error) {
		now, err := s.db.GetProfile(r.Context(), rec.ID)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), profileDocument(saved))
}

// updateTarget is the framework version a changed profile is checked and saved on: its own, or
// the newer version its crosswalk leads to. Another framework, or any other version, is 422.
func (s *server) updateTarget(r *http.Request, rec store.Profile, key, version string) (*framework.Framework, error) {
	cur := rec.Profile
	if key != cur.FrameworkKey {
		return nil, clientErrorf(store.ErrInvalid, "A profile stays on its framework: this one is made on %q.", cur.FrameworkKey).
			withErrors(problemError{Pointer: "/framework_key", Detail: fmt.Sprintf("Send %q.", cur.FrameworkKey)})
	}
	if version == cur.FrameworkVersion {
		return s.storedFramework(r, cur)
	}
	to, err := s.newerVersion(r, cur)
	if err != nil {
		return nil, err
	}
	if to == nil || to.Version != version {
		allowed := fmt.Sprintf("%q", cur.FrameworkVersion)
		if to != nil {
			allowed += fmt.Sprintf(" or %q, the version it can move to", to.Version)
		}
		return nil, clientErrorf(store.ErrInvalid, "This profile can be saved on version %s of %q only.", allowed, cur.FrameworkKey).
			withErrors(problemError{Pointer: "/framework_version", Detail: fmt.Sprintf("Send %s.", allowed)})
	}
	return to, nil
}
