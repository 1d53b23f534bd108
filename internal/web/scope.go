package web

import (
	"net/http"
	"sort"

	"github.com/workframe/workframe/internal/store"
)

// scope is what the viewer may see: organisations in tree order with their access role.
type scope struct {
	orgs   []store.Organisation
	access map[int64]store.AccessRole
}

// scopeFor loads the organisations the signed-in viewer may see.
func (s *Server) scopeFor(r *http.Request) (scope, error) {
	if currentViewer(r) == nil {
		return scope{access: map[int64]store.AccessRole{}}, nil
	}
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return scope{}, err
	}
	return scopeAmong(r, all), nil
}

// scopeAmong is scopeFor with every organisation already loaded.
func scopeAmong(r *http.Request, all []store.Organisation) scope {
	v := currentViewer(r)
	if v == nil {
		return scope{access: map[int64]store.AccessRole{}}
	}
	am := store.AccessFrom(all, v.Memberships, v.User.SiteAdmin)
	var visible []store.Organisation
	for _, o := range all {
		if _, ok := am[o.ID]; ok {
			visible = append(visible, o)
		}
	}
	return scope{orgs: treeOrder(visible), access: am}
}

// may reports whether the viewer's access role in the organisation allows the action
// (store.Policy decides).
func (sc scope) may(orgID int64, a store.Action) bool {
	got, ok := sc.access[orgID]
	return ok && got.May(a)
}

// administered returns the organisations the viewer administers, in tree order.
func (sc scope) administered() []store.Organisation {
	var out []store.Organisation
	for _, o := range sc.orgs {
		if sc.may(o.ID, store.AdministerOrganisation) {
			out = append(out, o)
		}
	}
	return out
}

// orgItem is an organisation with its depth in the visible tree, for indented lists.
type orgItem struct {
	store.Organisation
	Depth int
}

// treeOrder sorts organisations so that each comes after its parent, siblings by name. An
// organisation whose parent is not in the list starts a tree of its own.
func treeOrder(orgs []store.Organisation) []store.Organisation {
	in := map[int64]bool{}
	for _, o := range orgs {
		in[o.ID] = true
	}
	children := map[int64][]store.Organisation{}
	for _, o := range orgs {
		p := o.ParentID
		if !in[p] {
			p = 0
		}
		children[p] = append(children[p], o)
	}
	var out []store.Organisation
	var walk func(id int64)
	walk = func(id int64) {
		kids := children[id]
		sort.Slice(kids, func(i, j int) bool { return kids[i].Name < kids[j].Name })
		for _, k := range kids {
			out = append(out, k)
			walk(k.ID)
		}
	}
	walk(0)
	return out
}

// items returns the scope's organisations with their depth, for indented lists.
func (sc scope) items() []orgItem {
	depth := map[int64]int{}
	out := make([]orgItem, 0, len(sc.orgs))
	for _, o := range sc.orgs {
		d := 0
		if pd, ok := depth[o.ParentID]; ok {
			d = pd + 1
		}
		depth[o.ID] = d
		out = append(out, orgItem{Organisation: o, Depth: d})
	}
	return out
}
