package api

import (
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// profileCreate serves POST /api/v1/profiles: a new profile of the caller's own, on a public
// profile framework version. A complete profile must pass every rule of that version; a draft
// (draft: true) may be unfinished but holds nothing out of range. Nothing is saved otherwise.
func (s *server) profileCreate(w http.ResponseWriter, r *http.Request) {
	if callerOf(r).UserID == 0 {
		s.fail(w, r, clientErrorf(errForbidden, "A service token belongs to an organisation, not a person: it has no profiles of its own."))
		return
	}
	var in profileInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	p := in.profile()
	f, err := s.profileFramework(r, p.FrameworkKey, p.FrameworkVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := checkProfile(in.Title, p, f); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.checkAimRole(r, in.AimRoleID); err != nil {
		s.fail(w, r, err)
		return
	}
	rec, err := s.db.CreateProfile(r.Context(), actor(r), store.Profile{
		UserID: callerOf(r).UserID, AimRoleID: in.AimRoleID, Title: strings.TrimSpace(in.Title), Profile: p,
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", profileHref(rec.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(rec.Version), profileDocument(rec))
}
