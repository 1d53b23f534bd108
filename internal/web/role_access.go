package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// roleContext is what the role pages need to know about the viewer besides the role: what
// they may see and where they may plan, and the names of every organisation (a partner's
// shared role names its organisation, which is outside the viewer's scope).
type roleContext struct {
	sc       scope
	all      []store.Organisation
	names    map[int64]string
	parent   map[int64]int64
	children map[int64][]int64
}

// roleContextFor loads the viewer's scope and the organisation tree.
func (s *Server) roleContextFor(r *http.Request) (roleContext, error) {
	// One read of the organisations serves both the scope and the tree (980 of them at the
	// generated system scale: reading them twice was a third of the ladder's time).
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return roleContext{}, err
	}
	rc := roleContext{sc: scopeAmong(r, all), all: all, names: map[int64]string{}, parent: map[int64]int64{}, children: map[int64][]int64{}}
	for _, o := range all {
		rc.names[o.ID] = o.Name
		rc.parent[o.ID] = o.ParentID
		if o.ParentID != 0 {
			rc.children[o.ParentID] = append(rc.children[o.ParentID], o.ID)
		}
	}
	return rc, nil
}

// orgIDs are the organisations whose roles the viewer may see.
func (rc roleContext) orgIDs() []int64 {
	ids := make([]int64, len(rc.sc.orgs))
	for i, o := range rc.sc.orgs {
		ids[i] = o.ID
	}
	return ids
}

// seesAll reports whether the viewer may see every organisation (a site administrator): then a
// partner's shared roles are among their own already, and asking for them again doubles the cost
// of a search over tens of thousands of roles (bench/RESULTS.md).
func (rc roleContext) seesAll() bool { return len(rc.sc.orgs) == len(rc.all) }

// inScope reports whether the viewer holds an access role in the organisation or above it.
func (rc roleContext) inScope(orgID int64) bool {
	_, ok := rc.sc.access[orgID]
	return ok
}

// canPlan reports whether the viewer may create and change roles of the organisation.
func (rc roleContext) canPlan(orgID int64) bool { return rc.sc.may(orgID, store.ChangeRoles) }

// planned returns the organisations where the viewer may change roles, in tree order with their
// depth.
func (rc roleContext) planned() []orgItem { return rc.where(store.ChangeRoles) }

// where returns the organisations where the viewer may take the action, in tree order with their
// depth.
func (rc roleContext) where(a store.Action) []orgItem {
	var out []orgItem
	for _, it := range rc.sc.items() {
		if rc.sc.may(it.ID, a) {
			out = append(out, it)
		}
	}
	return out
}

// top returns the top-level organisation (the employer) of a node.
func (rc roleContext) top(id int64) int64 {
	for steps := 0; steps <= len(rc.all); steps++ {
		p, ok := rc.parent[id]
		if !ok || p == 0 {
			return id
		}
		id = p
	}
	return id
}

// below returns the organisation and every node under it, in the whole tree.
func (rc roleContext) below(id int64) map[int64]bool {
	out := map[int64]bool{}
	rc.addBelow(out, id)
	return out
}

// addBelow adds the organisation and every node under it to set, skipping those already in it.
func (rc roleContext) addBelow(set map[int64]bool, id int64) {
	if set[id] {
		return
	}
	set[id] = true
	for _, c := range rc.children[id] {
		rc.addBelow(set, c)
	}
}

// partnerOrgs returns the organisations whose shared, published roles the viewer may see: the
// members of every partnership that one of the viewer's organisations (or a node above it)
// belongs to, and the nodes below them. It follows the store's rule for search, so that a role
// found in the database of roles can also be opened.
func (s *Server) partnerOrgs(r *http.Request, rc roleContext) (map[int64]bool, error) {
	mine := map[int64]bool{}
	for _, o := range rc.sc.orgs {
		for id, steps := o.ID, 0; id != 0 && steps <= len(rc.all); id, steps = rc.parent[id], steps+1 {
			mine[id] = true
		}
	}
	ps, err := s.db.Partnerships(r.Context())
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, p := range ps {
		members, err := s.db.PartnershipMembers(r.Context(), p.ID)
		if err != nil {
			return nil, err
		}
		ours := false
		for _, m := range members {
			ours = ours || mine[m.ID]
		}
		if !ours {
			continue
		}
		for _, m := range members {
			rc.addBelow(out, m.ID)
		}
	}
	return out, nil
}

// roleAccess says what the viewer may do with one role.
type roleAccess struct {
	// Own: the role belongs to an organisation the viewer holds an access role in (or below
	// one). Otherwise the viewer sees it only because a partner shares it.
	Own bool
	// Plan: the viewer may change the role (planner or administrator in its organisation).
	Plan bool
}

// loadRole returns the role in the path if the viewer may see it: a role of their own
// organisations, or a partner's shared and published role. Anything else is "not found", so
// that a role's existence does not leak.
func (s *Server) loadRole(w http.ResponseWriter, r *http.Request) (workforce.Role, roleContext, roleAccess, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return workforce.Role{}, roleContext{}, roleAccess{}, false
	}
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return workforce.Role{}, rc, roleAccess{}, false
	}
	role, err := s.db.Role(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return role, rc, roleAccess{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return role, rc, roleAccess{}, false
	}
	acc := roleAccess{Own: rc.inScope(role.OrganisationID), Plan: rc.canPlan(role.OrganisationID)}
	if !acc.Own {
		visible := false
		if role.Shared && role.Status == workforce.StatusPublished {
			partners, err := s.partnerOrgs(r, rc)
			if err != nil {
				s.serverError(w, r, err)
				return role, rc, acc, false
			}
			visible = partners[role.OrganisationID]
		}
		if !visible {
			s.notFound(w, r)
			return role, rc, acc, false
		}
	}
	return role, rc, acc, true
}

// loadPlannedRole is loadRole for a change: the viewer must plan in the role's organisation.
// Someone who may read the role but not change it is refused (403); someone who may not read
// it gets "not found".
func (s *Server) loadPlannedRole(w http.ResponseWriter, r *http.Request) (workforce.Role, roleContext, bool) {
	role, rc, acc, ok := s.loadRole(w, r)
	if !ok {
		return role, rc, false
	}
	if !acc.Plan {
		s.forbidden(w, r)
		return role, rc, false
	}
	return role, rc, true
}
