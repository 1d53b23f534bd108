package api

import (
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// Profiles one comparison takes.
const (
	minCompare = 2
	maxCompare = 6
)

// profileCompare serves POST /api/v1/profiles/compare: profiles the caller may see set side by
// side on the framework version of the first (the baseline), per element each share and level
// and how each later profile differs from the first. It changes nothing; it is a POST because
// the list of profiles is the request's content.
func (s *server) profileCompare(w http.ResponseWriter, r *http.Request) {
	var in compareInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if n := len(in.IDs); n < minCompare || n > maxCompare {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "Compare between %d and %d profiles (you sent %d).", minCompare, maxCompare, n).
			withErrors(problemError{Pointer: "/ids", Detail: fmt.Sprintf("Give %d to %d profile ids.", minCompare, maxCompare)}))
		return
	}
	out := comparisonDoc{Profiles: make([]profileRef, len(in.IDs))}
	profiles := make([]profile.Profile, len(in.IDs))
	for i, id := range in.IDs {
		rec, _, err := s.loadProfile(r, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out.Profiles[i] = profileRef{ID: rec.ID, Title: rec.Title, Href: profileHref(rec.ID)}
		profiles[i] = rec.Profile
	}
	f, err := s.storedFramework(r, profiles[0])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out.Comparison = profile.Compare(f, profiles...)
	s.writePrivate(w, r, http.StatusOK, "", out)
}
