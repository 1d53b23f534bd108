package api

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// personGap serves GET /api/v1/people/{id}/gap?role=: the person's portfolio against the
// role's requirements (met, partly met or missing each, and the readiness figure). The role
// must be one the caller may see.
func (s *server) personGap(w http.ResponseWriter, r *http.Request) {
	p, sc, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	raw := r.URL.Query().Get("role")
	roleID, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || roleID <= 0 {
		s.fail(w, r, clientErrorf(errBadRequest, "Say which role to compare with: ?role= and a role id.").
			withErrors(problemError{Parameter: "role", Detail: strconv.Quote(raw) + " is not a role id."}))
		return
	}
	role, err := s.db.Role(r.Context(), roleID)
	if err == nil && !sc.sees(role.OrganisationID) {
		// The person's own account may compare with any role of their employer.
		if ok, err2 := s.sameEmployer(r, role.OrganisationID, p.OrganisationID); err2 != nil || !ok {
			err = store.ErrNotFound
		}
	}
	if err != nil {
		if isNotFound(err) {
			err = noRole(roleID)
		}
		s.fail(w, r, err)
		return
	}
	entries, err := s.db.Portfolio(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	g := workforce.Analyse(role.Requirements, entries, s.db.AnyFrameworks(r.Context()), s.db.Today())
	s.writePrivate(w, r, http.StatusOK, "", gapDoc{PersonID: p.ID, RoleID: role.ID, Role: role.Title, Gap: g})
}

func (s *server) sameEmployer(r *http.Request, a, b int64) (bool, error) {
	roles, err := s.db.EmployerRoles(r.Context(), b)
	if err != nil {
		return false, err
	}
	for _, role := range roles {
		if role.OrganisationID == a {
			return true, nil
		}
	}
	return false, nil
}
