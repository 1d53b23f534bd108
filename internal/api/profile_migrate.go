package api

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// profileMigrate serves POST /api/v1/profiles/{id}/migrate: the profile moved to the newer
// version of its framework through that version's crosswalk, with notes on what to check. It
// saves nothing: the caller reviews the result, adjusts it, and saves it with PUT (the result's
// version is the stored one, so a PUT of it is checked for conflicts like any other); until
// then the stored profile stays on its version.
func (s *server) profileMigrate(w http.ResponseWriter, r *http.Request) {
	rec, err := s.pathProfile(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := s.storedFramework(r, rec.Profile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := s.newerVersion(r, rec.Profile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if to == nil {
		s.fail(w, r, clientErrorf(store.ErrInvalid,
			"There is nothing to move this profile to: no newer version of %q has a crosswalk from version %s.",
			rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion))
		return
	}
	moved, notes, err := profile.Migrate(rec.Profile, from, to)
	var source *profile.SourceError
	if errors.As(err, &source) {
		ce := clientErrorf(store.ErrInvalid,
			"A profile can move to version %s once it is valid on version %s: save it with these fixed first, then move it.", to.Version, from.Version)
		for _, pr := range source.Problems {
			ce.withErrors(problemError{Detail: pr.Message})
		}
		s.fail(w, r, ce)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if notes == nil {
		notes = []profile.Note{}
	}
	rec.Profile = moved
	s.writePrivate(w, r, http.StatusOK, "", migrationDoc{
		Profile: profileDocument(rec), FromVersion: from.Version, ToVersion: to.Version, Notes: notes,
	})
}
