package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

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
	s.compare(w, r, in, "/ids")
}

// profileCompareGet serves GET /api/v1/profiles/compare?ids=4,9: the same comparison with the
// profiles in the query (comma-separated, or the parameter repeated), so that it can be linked
// to and cached.
func (s *server) profileCompareGet(w http.ResponseWriter, r *http.Request) {
	var in compareInput
	for _, raw := range r.URL.Query()["ids"] {
		for _, part := range strings.Split(raw, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
			if err != nil || id <= 0 {
				s.fail(w, r, clientErrorf(errBadRequest, "The request has a parameter the API cannot use.").
					withErrors(problemError{Parameter: "ids", Detail: fmt.Sprintf("%q is not a profile id.", part)}))
				return
			}
			in.IDs = append(in.IDs, id)
		}
	}
	s.compare(w, r, in, "")
}

// compare answers a comparison of the profiles in.IDs; pointer is where a wrong number of ids
// is in the request body ("" when they came in the query).
func (s *server) compare(w http.ResponseWriter, r *http.Request, in compareInput, pointer string) {
	if n := len(in.IDs); n < minCompare || n > maxCompare {
		pe := problemError{Pointer: pointer, Detail: fmt.Sprintf("Give %d to %d profile ids.", minCompare, maxCompare)}
		if pointer == "" {
			pe.Parameter = "ids"
		}
		s.fail(w, r, clientErrorf(store.ErrInvalid, "Compare between %d and %d profiles (you sent %d).", minCompare, maxCompare, n).withErrors(pe))
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
