package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

type organisationShowView struct {
	Page
	Organisation store.Organisation
	Parent       *store.Organisation
	Children     []store.Organisation
	Access       store.AccessRole
	// Members are shown only to administrators of the organisation: names and email addresses
	// are personal data.
	Members     []store.Membership
	ShowMembers bool
	// CanManage: the viewer may see the people here (manager or above), so its training needs.
	CanManage    bool
	MemberCount  int
	Partnerships []store.Partnership
	// ShowWorkforce: managers and above see the links to the workforce profile and the posts.
	ShowWorkforce bool
}

// pathID reads a numeric path value; anything else is treated as not found.
func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) organisationShow(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// An organisation the viewer may not see is "not found", so its existence does not leak.
	if !ok || !sc.may(id, store.ReadOrganisation) {
		s.notFound(w, r)
		return
	}
	var v organisationShowView
	for _, o := range sc.orgs {
		if o.ID == id {
			v.Organisation = o
		}
		if o.ParentID == id {
			v.Children = append(v.Children, o)
		}
	}
	for _, o := range sc.orgs {
		if o.ID == v.Organisation.ParentID {
			v.Parent = &o
		}
	}
	members, err := s.db.OrganisationMembers(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Partnerships, err = s.db.OrganisationPartnerships(r.Context(), id); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Access = sc.access[id]
	v.ShowWorkforce = sc.may(id, store.PlanWorkforce)
	v.MemberCount = len(members)
	v.ShowMembers = sc.may(id, store.ManageUsers)
	v.CanManage = sc.may(id, store.ManagePeople)
	if v.ShowMembers {
		v.Members = members
	}
	crumbs := []crumb{{"/", "Home"}, {"/organisations", "Organisations"}}
	if v.Parent != nil {
		crumbs = append(crumbs, crumb{"/organisations/" + strconv.FormatInt(v.Parent.ID, 10), v.Parent.Name})
	}
	v.Page = s.page(r, v.Organisation.Name, "organisations", crumbs...)
	s.render(w, r, http.StatusOK, "organisation-show", v)
}
