package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The workforce profile and the establishment (issue 6) share this: the unit of the path's
// {id} and whether the viewer may see it.
//
// Who sees what: the profile and the posts of a unit are for its managers, planners and
// administrators (or those of a node above it). Staff members and viewers see neither: the
// posts name who fills them and can carry a holder's actual salary, and a small team's
// figures identify people. For them the pages are "not found", as for anyone outside the
// organisation, so that nothing leaks.

func unitPath(id int64) string { return "/organisations/" + strconv.FormatInt(id, 10) }

// unitContext is the unit with the viewer's scope.
type unitContext struct {
	sc   scope
	unit store.Organisation
	// crumbs lead from Home through the visible ancestors to the unit.
	crumbs []crumb
}

// canEditPosts: managers and above of the unit change its posts (a service manager shapes the
// establishment of their teams; finance and HR approve outside the tool).
func (uc unitContext) canEditPosts() bool { return uc.sc.may(uc.unit.ID, store.PlanWorkforce) }

// loadUnit reads the unit of the path's {id}, answering 404 unless the viewer is a manager or
// above there.
func (s *Server) loadUnit(w http.ResponseWriter, r *http.Request) (unitContext, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return unitContext{}, false
	}
	return s.unitByID(w, r, id)
}

// unitByID is loadUnit for a unit named otherwise (a scenario's).
func (s *Server) unitByID(w http.ResponseWriter, r *http.Request, id int64) (unitContext, bool) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return unitContext{}, false
	}
	if !sc.may(id, store.PlanWorkforce) {
		s.notFound(w, r)
		return unitContext{}, false
	}
	uc := unitContext{sc: sc, crumbs: []crumb{{"/", "Home"}, {"/organisations", "Organisations"}}}
	byID := map[int64]store.Organisation{}
	for _, o := range sc.orgs {
		byID[o.ID] = o
	}
	uc.unit = byID[id]
	var chain []crumb
	for p := byID[uc.unit.ParentID]; p.ID != 0; p = byID[p.ParentID] {
		chain = append([]crumb{{unitPath(p.ID), p.Name}}, chain...)
	}
	uc.crumbs = append(uc.crumbs, chain...)
	uc.crumbs = append(uc.crumbs, crumb{unitPath(id), uc.unit.Name})
	return uc, true
}

// profileOf loads and works out the workforce profile of the unit, with the input it was worked
// out from (its posts, the pay table).
func (s *Server) profileOf(r *http.Request, unitID int64) (workforce.Profile, workforce.ProfileInput, error) {
	// From the cache, fresh by the change sequence (docs/decisions/0010).
	return s.db.Profiles().Profile(r.Context(), unitID)
}
