package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// rolePageSize is how many roles a page of search results shows.
const rolePageSize = 20

// maxSearchRunes bounds the words of a search.
const maxSearchRunes = 500

// Values of the search's "org" parameter besides an organisation's id.
const (
	// orgAll (the default): the viewer's organisations and the roles partners share.
	orgAll = ""
	// orgOwn: the viewer's organisations only, as the ladder counts them.
	orgOwn = "own"
)

// roleSearch is the search form of the database of roles, as the GET query gives it. Values
// that make no sense are dropped rather than reported: it is a search, not a form that saves.
type roleSearch struct {
	Text       string
	Levels     []int
	StaffGroup string
	Status     string
	Org        string
	Page       int
}

var roleStatusFilters = []struct{ Value, Label string }{
	{store.RoleStatusCurrent, "Draft and published"},
	{workforce.StatusDraft, "Draft"},
	{workforce.StatusPublished, "Published"},
	{workforce.StatusRetired, "Retired"},
	{store.RoleStatusAny, "Any status"},
}

func parseRoleSearch(q url.Values, rc roleContext) roleSearch {
	rs := roleSearch{Text: strings.TrimSpace(q.Get("q")), Page: 1}
	if r := []rune(rs.Text); len(r) > maxSearchRunes {
		rs.Text = string(r[:maxSearchRunes])
	}
	for _, l := range q["level"] {
		if n, err := strconv.Atoi(l); err == nil && n >= 0 && n <= workforce.MaxLevel && !slices.Contains(rs.Levels, n) {
			rs.Levels = append(rs.Levels, n)
		}
	}
	slices.Sort(rs.Levels)
	if g, ok := workforce.LookupStaffGroup(q.Get("staff_group")); ok {
		rs.StaffGroup = g.Name
	}
	for _, st := range roleStatusFilters {
		if q.Get("status") == st.Value {
			rs.Status = st.Value
		}
	}
	switch org := q.Get("org"); org {
	case orgAll, orgOwn:
		rs.Org = org
	default:
		if id, err := strconv.ParseInt(org, 10, 64); err == nil && rc.inScope(id) {
			rs.Org = org
		}
	}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		rs.Page = p
	}
	return rs
}

// query is the store's query for the search: always limited to what the viewer may see.
func (rs roleSearch) query(rc roleContext) store.RoleQuery {
	q := store.RoleQuery{Text: rs.Text, Levels: rs.Levels, StaffGroup: rs.StaffGroup, Status: rs.Status,
		OrganisationIDs: rc.orgIDs(), IncludeShared: rs.Org == orgAll && !rc.seesAll(),
		Limit: rolePageSize, Offset: (rs.Page - 1) * rolePageSize}
	if id, err := strconv.ParseInt(rs.Org, 10, 64); err == nil {
		below := rc.below(id)
		q.OrganisationIDs = slices.DeleteFunc(q.OrganisationIDs, func(o int64) bool { return !below[o] })
	} else if rc.seesAll() {
		// Every organisation: no list of ids for the engine to check (bench/RESULTS.md).
		q.AllOrganisations = true
	}
	return q
}

// values is the search as a query string, without the page.
func (rs roleSearch) values() url.Values {
	v := url.Values{}
	if rs.Text != "" {
		v.Set("q", rs.Text)
	}
	for _, l := range rs.Levels {
		v.Add("level", strconv.Itoa(l))
	}
	if rs.StaffGroup != "" {
		v.Set("staff_group", rs.StaffGroup)
	}
	if rs.Status != "" {
		v.Set("status", rs.Status)
	}
	if rs.Org != "" {
		v.Set("org", rs.Org)
	}
	return v
}

// HasLevel tells the template which level boxes to tick.
func (rs roleSearch) HasLevel(n int) bool { return slices.Contains(rs.Levels, n) }

// Filtered reports whether anything narrows the search.
func (rs roleSearch) Filtered() bool {
	return rs.Text != "" || len(rs.Levels) > 0 || rs.StaffGroup != "" || rs.Status != "" || rs.Org != ""
}

// searchHref is the address of the search with one more parameter set.
func (rs roleSearch) href(path string, extra ...string) string {
	v := rs.values()
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// roleResult is one role in the results.
type roleResult struct {
	Role    workforce.Role
	OrgName string
	// Partner: a partner organisation shares the role; it is not one of the viewer's own.
	Partner bool
}

// LevelText is the role's level as the results show it.
func (r roleResult) LevelText() string { return levelText(r.Role) }

// StatusClass is the colour of the role's status tag.
func (r roleResult) StatusClass() string { return statusClass(r.Role.Status) }

func levelText(r workforce.Role) string {
	if r.Level == 0 {
		return "Not placed"
	}
	s := strconv.Itoa(r.Level)
	if r.LevelIndicative {
		s += " (indicative)"
	}
	return s
}

func statusClass(status string) string {
	switch status {
	case workforce.StatusPublished:
		return "nhsuk-tag--green"
	case workforce.StatusRetired:
		return "nhsuk-tag--grey"
	}
	return "nhsuk-tag--white"
}

// pagination is the NHS pagination component's content.
type pagination struct {
	Previous, Next string
	Items          []pageItem
}

type pageItem struct {
	Number   int
	Href     string
	Current  bool
	Ellipsis bool
}

// paginate lists the first and last pages, and the pages around the current one, with an
// ellipsis for each gap.
func paginate(current, pages int, href func(page int) string) *pagination {
	if pages <= 1 {
		return nil
	}
	p := &pagination{}
	if current > 1 {
		p.Previous = href(current - 1)
	}
	if current < pages {
		p.Next = href(current + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < current-1 || n > current+1) {
			continue
		}
		if last != 0 && n > last+1 {
			p.Items = append(p.Items, pageItem{Ellipsis: true})
		}
		p.Items = append(p.Items, pageItem{Number: n, Href: href(n), Current: n == current})
		last = n
	}
	return p
}

// orgOption is one organisation of the search's select, worked out before the template: a site
// administrator's list holds every organisation, service and team (980 at the generated system
// scale), and comparing and indenting each in the template was a third of the page's time.
type orgOption struct {
	Value, Label string
	Selected     bool
}

func orgOptions(items []orgItem, chosen string) []orgOption {
	out := make([]orgOption, len(items))
	for i, it := range items {
		v := strconv.FormatInt(it.ID, 10)
		out[i] = orgOption{Value: v, Label: strings.Repeat("– ", it.Depth) + it.Name, Selected: v == chosen}
	}
	return out
}

type roleListView struct {
	Page
	Search       roleSearch
	Results      []roleResult
	Total        int
	More         bool // more than Total roles match: the count stopped there
	From, To     int
	Pagination   *pagination
	ExportXLSX   string
	ExportCSV    string
	CareerLevels []careerLevel
	StaffGroups  []workforce.StaffGroup
	Statuses     []struct{ Value, Label string }
	Orgs         []orgOption
	CanAdd       bool
	// NoScope: the viewer belongs to no organisation, so there is nothing to search.
	NoScope bool
}

// roleList is the database of roles: a search form (a GET form, so every search has an
// address to share and go back to) and one page of ranked results.
func (s *Server) roleList(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	levels, err := s.careerLevels(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rs := parseRoleSearch(r.URL.Query(), rc)
	v := roleListView{
		Page:   s.page(r, "Roles", "roles", crumb{"/", "Home"}),
		Search: rs, CareerLevels: levels, StaffGroups: workforce.StaffGroups, Statuses: roleStatusFilters,
		Orgs: orgOptions(rc.sc.items(), rs.Org), CanAdd: len(rc.planned()) > 0, NoScope: len(rc.sc.orgs) == 0,
	}
	if rs.Filtered() {
		v.Title = "Roles: search results"
	}
	if v.NoScope {
		s.render(w, r, http.StatusOK, "role-list", v)
		return
	}
	q := rs.query(rc)
	page := store.RolePage{}
	if len(q.OrganisationIDs) > 0 {
		if page, err = s.db.SearchRoles(r.Context(), q); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	v.Total, v.More = page.Total, page.More
	for _, role := range page.Roles {
		v.Results = append(v.Results, roleResult{Role: role, OrgName: rc.names[role.OrganisationID], Partner: !rc.inScope(role.OrganisationID)})
	}
	if len(v.Results) > 0 {
		v.From, v.To = page.Offset+1, page.Offset+len(v.Results)
	}
	pages := (page.Total + rolePageSize - 1) / rolePageSize
	v.Pagination = paginate(rs.Page, pages, func(n int) string {
		if n == 1 {
			return rs.href("/roles")
		}
		return rs.href("/roles", "page", strconv.Itoa(n))
	})
	if page.Total > 0 {
		v.ExportXLSX = rs.href("/roles/export", "format", "xlsx")
		v.ExportCSV = rs.href("/roles/export", "format", "csv")
	}
	s.render(w, r, http.StatusOK, "role-list", v)
}
