package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Paging of role searches.
const (
	defaultRoleLimit = 20
	maxRoleLimit     = 100
)

// roleList serves GET /api/v1/roles: a page of the roles of the organisations the caller may
// see, best match first for a text query (?q=), otherwise in ladder order (level, then title),
// narrowed by level, staff group, status and organisation.
func (s *server) roleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	query := store.RoleQuery{Text: q.Get("q")}
	var bad []problemError
	badParam := func(name, format string, args ...any) {
		bad = append(bad, problemError{Parameter: name, Detail: fmt.Sprintf(format, args...)})
	}
	for _, raw := range q["level"] { // repeated for several levels: ?level=5&level=6
		l, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || l < 0 || l > workforce.MaxLevel {
			badParam("level", "%q is not a Career Framework level: use 1 to 9, or 0 for roles not placed yet.", raw)
			continue
		}
		if !slices.Contains(query.Levels, l) {
			query.Levels = append(query.Levels, l)
		}
	}
	if g := q.Get("staff_group"); g != "" {
		group, ok := workforce.LookupStaffGroup(g)
		if !ok {
			badParam("staff_group", "%q is not one of the NHS staff groups: use a name such as %q or its code such as %q.",
				g, workforce.StaffGroups[2].Name, workforce.StaffGroups[2].Code)
		}
		query.StaffGroup = group.Name
	}
	switch status := strings.ToLower(strings.TrimSpace(q.Get("status"))); {
	case status == "" || status == "current":
		query.Status = store.RoleStatusCurrent
	case status == store.RoleStatusAny || workforce.ValidStatus(status):
		query.Status = status
	default:
		badParam("status", "%q is not a status: use draft, published, retired, current (draft and published, the default) or any.", q.Get("status"))
	}
	query.Limit = intParam(q, "limit", defaultRoleLimit, 1, maxRoleLimit, badParam)
	query.Offset = intParam(q, "offset", 0, 0, -1, badParam)
	orgs := sc.ids()
	if raw := q.Get("organisation"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || !sc.sees(id) {
			badParam("organisation", "%q is not the id of an organisation you can see.", raw)
		} else if orgs, err = s.below(r, id, sc); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(bad) > 0 {
		s.writeProblem(w, r, problem{Status: http.StatusBadRequest, Detail: "The request has a parameter the API cannot use.", Errors: bad})
		return
	}

	page := store.RolePage{Roles: []workforce.Role{}, Limit: query.Limit, Offset: query.Offset}
	if len(orgs) > 0 { // a caller who may see no organisation sees no roles
		slices.Sort(orgs)
		query.OrganisationIDs = orgs
		if page, err = s.db.SearchRoles(r.Context(), query); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	out := rolePage{Roles: make([]roleDoc, len(page.Roles)), Total: page.Total, More: page.More, Limit: page.Limit, Offset: page.Offset}
	for i, role := range page.Roles {
		out.Roles[i] = roleDocument(role)
	}
	// The count stops at store.RoleCountCap; past it, a full page promises a next one.
	known := page.Total
	if page.More && len(page.Roles) == page.Limit {
		known = max(known, page.Offset+page.Limit+1)
	}
	out.Links = links(r.URL, known, page.Limit, page.Offset)
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// intParam reads a whole-number query parameter between min and max (max < 0: no upper
// bound), or def when it is absent.
func intParam(q url.Values, name string, def, min, max int, bad func(name, format string, args ...any)) int {
	raw := q.Get(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil || n < min:
		bad(name, "%q is not a whole number of at least %d.", raw, min)
		return def
	case max >= 0 && n > max:
		bad(name, "%s is at most %d.", name, max)
		return def
	}
	return n
}

// below returns the organisation and every node under it that the caller may see.
func (s *server) below(r *http.Request, id int64, sc scope) ([]int64, error) {
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return nil, err
	}
	children := map[int64][]int64{}
	for _, o := range all {
		children[o.ParentID] = append(children[o.ParentID], o.ID)
	}
	var out []int64
	seen := map[int64]bool{}
	var walk func(id int64)
	walk = func(id int64) {
		if seen[id] {
			return
		}
		seen[id] = true
		if sc.sees(id) {
			out = append(out, id)
		}
		for _, c := range children[id] {
			walk(c)
		}
	}
	walk(id)
	return out, nil
}

// links are the paths of the first, previous and next pages of a paged list: the request's own
// query with offset changed.
func links(u *url.URL, total, limit, offset int) pageLinks {
	at := func(off int) string {
		q := u.Query()
		q.Del("offset")
		if off > 0 {
			q.Set("offset", strconv.Itoa(off))
		}
		if enc := q.Encode(); enc != "" {
			return u.Path + "?" + enc
		}
		return u.Path
	}
	l := pageLinks{Self: at(offset), First: at(0)}
	if offset > 0 {
		l.Prev = at(max(offset-limit, 0))
	}
	if offset+limit < total {
		l.Next = at(offset + limit)
	}
	return l
}
