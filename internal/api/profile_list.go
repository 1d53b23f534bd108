package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// profileList serves GET /api/v1/profiles: the caller's own profiles, most recently saved
// first; with role_id, the profiles of that role the caller may see; with person_id, that
// person's own profiles (only the caller's own are visible: anyone else's list is empty); with
// both, the person's profiles about the role (the role their profile names); with team, the
// profiles of the roles the team's members hold today (teamProfiles).
func (s *server) profileList(w http.ResponseWriter, r *http.Request) {
	ps, err := s.filteredProfiles(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", profileDocuments(ps))
}

// filteredProfiles reads the role_id and person_id filters and returns the profiles they select
// that the caller may see.
func (s *server) filteredProfiles(r *http.Request) ([]store.Profile, error) {
	q := r.URL.Query()
	var bad []problemError
	id := func(name string) int64 {
		raw := strings.TrimSpace(q.Get(name))
		if raw == "" {
			return 0
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			bad = append(bad, problemError{Parameter: name, Detail: fmt.Sprintf("%q is not an id.", raw)})
		}
		return n
	}
	roleID, personID, teamID := id("role_id"), id("person_id"), id("team")
	if teamID != 0 && (roleID != 0 || personID != 0) {
		bad = append(bad, problemError{Parameter: "team", Detail: "team does not go with role_id or person_id."})
	}
	if len(bad) > 0 {
		return nil, clientErrorf(errBadRequest, "The request has a parameter the API cannot use.").withErrors(bad...)
	}
	if teamID != 0 {
		return s.teamProfiles(r, teamID)
	}
	me := callerOf(r).UserID
	if personID != 0 || roleID == 0 {
		if personID != 0 && personID != me {
			return []store.Profile{}, nil // another person's own profiles are theirs alone
		}
		mine, err := s.db.UserProfiles(r.Context(), me)
		if err != nil || roleID == 0 {
			return mine, err
		}
		out := []store.Profile{}
		for _, p := range mine {
			if p.AimRoleID == roleID {
				out = append(out, p)
			}
		}
		return out, nil
	}
	all, err := s.db.RoleProfiles(r.Context(), roleID)
	if err != nil {
		return nil, err
	}
	out := []store.Profile{}
	for _, p := range all {
		if _, _, err := s.loadProfile(r, p.ID); err == nil {
			out = append(out, p)
		}
	}
	return out, nil
}
