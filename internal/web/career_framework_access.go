package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

func careerFrameworkPath(id int64) string { return "/career-frameworks/" + strconv.FormatInt(id, 10) }

// loadCareerFramework returns the career framework in the path if the viewer may see it: one of
// their own organisations' (or below them), or a partner's that is shared and published. The
// rule is the roles' (role_access.go), so that a framework and the roles it places are seen by
// the same people. Anything else is "not found", so that a framework's existence does not leak.
func (s *Server) loadCareerFramework(w http.ResponseWriter, r *http.Request) (career.Framework, roleContext, roleAccess, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return career.Framework{}, roleContext{}, roleAccess{}, false
	}
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return career.Framework{}, rc, roleAccess{}, false
	}
	f, err := s.db.CareerFramework(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return f, rc, roleAccess{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return f, rc, roleAccess{}, false
	}
	acc := roleAccess{Own: rc.inScope(f.OrganisationID), Plan: rc.sc.may(f.OrganisationID, store.ChangeCareerFrameworks)}
	if !acc.Own {
		visible := false
		if f.Shared && f.Status == career.StatusPublished {
			partners, err := s.partnerOrgs(r, rc)
			if err != nil {
				s.serverError(w, r, err)
				return f, rc, acc, false
			}
			visible = partners[f.OrganisationID]
		}
		if !visible {
			s.notFound(w, r)
			return f, rc, acc, false
		}
	}
	return f, rc, acc, true
}

// loadPlannedCareerFramework is loadCareerFramework for a change: the viewer must be a planner
// or an administrator of the framework's organisation. Someone who may read it but not change it
// is refused (403); someone who may not read it gets "not found".
func (s *Server) loadPlannedCareerFramework(w http.ResponseWriter, r *http.Request) (career.Framework, roleContext, bool) {
	f, rc, acc, ok := s.loadCareerFramework(w, r)
	if !ok {
		return f, rc, false
	}
	if !acc.Plan {
		s.forbidden(w, r)
		return f, rc, false
	}
	return f, rc, true
}
