package web

import (
	"errors"
	"net/http"
	"sort"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// profileRights is what the viewer may do with one profile.
type profileRights struct {
	See, Change bool
}

// rightsTo decides what the viewer may do with a profile:
//
//   - a person's own profile: only its owner sees and changes it (decision 4);
//   - a role's profile: a manager, planner or administrator of the role's organisation (or
//     above it) changes it, like the person profiles they discuss with their staff; anyone with
//     an access role there sees it;
//   - a published role's profile is also seen by staff of the organisations below the role's
//     organisation: a trust's job descriptions are for its teams to read, and a member of staff
//     compares their own profile with the role they do or aim for. A role is not person-level
//     data, so this leaks nothing the design protects;
//   - a partner's shared, published role's profile is seen by those who may read the role
//     itself (decision 1: a partnership shares its members' shared roles).
func (s *Server) rightsTo(r *http.Request, rec store.Profile) (profileRights, error) {
	me := currentViewer(r)
	if me == nil {
		return profileRights{}, nil
	}
	if rec.UserID != 0 {
		mine := rec.UserID == me.User.ID
		return profileRights{See: mine, Change: mine}, nil
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		return profileRights{}, err
	}
	if sc.may(rec.OrganisationID, store.ReadOrganisation) {
		return profileRights{See: true, Change: sc.may(rec.OrganisationID, store.ChangeRoleProfiles)}, nil
	}
	role, err := s.db.Role(r.Context(), rec.RoleID)
	if errors.Is(err, store.ErrNotFound) {
		return profileRights{}, nil
	}
	if err != nil || role.Status != workforce.StatusPublished {
		return profileRights{}, err
	}
	above, err := s.employersOf(r)
	if err != nil || above[rec.OrganisationID] {
		return profileRights{See: err == nil}, err
	}
	if !role.Shared {
		return profileRights{}, nil
	}
	// A partner's shared, published role is readable with its profile, as on the role's page.
	rc, err := s.roleContextFor(r)
	if err != nil {
		return profileRights{}, err
	}
	partners, err := s.partnerOrgs(r, rc)
	if err != nil {
		return profileRights{}, err
	}
	return profileRights{See: partners[role.OrganisationID]}, nil
}

// employersOf returns the organisations the viewer belongs to and every organisation above
// them: the employer's structure whose published roles a member of staff may read and name on
// their own profile.
func (s *Server) employersOf(r *http.Request) (map[int64]bool, error) {
	me := currentViewer(r)
	out := map[int64]bool{}
	if me == nil || len(me.Memberships) == 0 {
		return out, nil
	}
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return nil, err
	}
	parent := map[int64]int64{}
	for _, o := range all {
		parent[o.ID] = o.ParentID
	}
	for _, m := range me.Memberships {
		// The step limit stops a corrupt cycle from looping for ever.
		for id, steps := m.OrganisationID, 0; id != 0 && steps <= len(all); id, steps = parent[id], steps+1 {
			out[id] = true
		}
	}
	return out, nil
}

// roleOption is a role a person may name on their own profile.
type roleOption struct {
	ID    int64
	Title string
}

// namableRoles lists the published roles a person may name on their own profile (the role it
// describes or the role they aim for): those of the organisations they may see and of the
// organisations above their own, by title. It is capped at one page of the database of roles.
func (s *Server) namableRoles(r *http.Request) ([]roleOption, error) {
	sc, err := s.scopeFor(r)
	if err != nil {
		return nil, err
	}
	orgs, err := s.employersOf(r)
	if err != nil {
		return nil, err
	}
	for _, o := range sc.orgs {
		orgs[o.ID] = true
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(orgs))
	for id := range orgs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	page, err := s.db.SearchRoles(r.Context(), store.RoleQuery{OrganisationIDs: ids, Status: workforce.StatusPublished, Limit: store.MaxRolePage})
	if err != nil {
		return nil, err
	}
	out := make([]roleOption, len(page.Roles))
	for i, role := range page.Roles {
		out[i] = roleOption{ID: role.ID, Title: role.Title}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out, nil
}
