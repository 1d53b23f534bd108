package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// Career options, pathways, team options and talent match (issue 5) share this: the viewer's
// scope for roles and for people, the career index caught up with the newest change, and the
// filters of an options list.
//
// Scope (DESIGN decision 1): options and pathways go only through roles the viewer may see (their
// organisations' roles and the shared, published roles of partners); talent match and team
// options list only people the viewer may see (manager or above of their organisation or team).

// optionsPageSize is how many options or matches a page shows.
const optionsPageSize = 20

// careerCtx is what every career page needs.
type careerCtx struct {
	pc     peopleContext
	idx    *career.Index
	roles  career.RoleScope
	people career.PeopleScope
	today  int32
}

func (s *Server) careerContext(r *http.Request) (careerCtx, error) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		return careerCtx{}, err
	}
	cc := careerCtx{pc: pc, today: career.Today(s.db.Today())}
	visible := make([]int64, 0, len(pc.sc.access))
	for id := range pc.sc.access {
		visible = append(visible, id)
	}
	slices.Sort(visible)
	if cc.roles, err = s.db.CareerRoleScope(r.Context(), visible); err != nil {
		return cc, err
	}
	cc.people = career.PeopleScope{Orgs: map[int64]bool{}, UserID: pc.userID}
	for _, id := range pc.scopeIDs() {
		cc.people.Orgs[id] = true
	}
	if cc.idx, err = s.db.Careers().Index(r.Context()); err != nil {
		return cc, err
	}
	return cc, nil
}

// canMatch: talent match is for managers, planners and administrators (of any organisation),
// never for staff members and viewers, who see only themselves.
func (cc careerCtx) canMatch() bool { return len(cc.people.Orgs) > 0 }

// visibleRole returns a role of the index the viewer may see.
func (cc careerCtx) visibleRole(id int64) (*career.RoleInfo, bool) {
	role, ok := cc.idx.Role(id)
	if !ok || !cc.roles.Allows(role) {
		return nil, false
	}
	return role, true
}

// optionSearch is the filter form of an options list, as typed.
type optionSearch struct {
	Levels     []int
	StaffGroup string
	Org        string
	Down       bool
	Page       int
}

func parseOptionSearch(q url.Values) optionSearch {
	os := optionSearch{StaffGroup: strings.TrimSpace(q.Get("staff_group")), Org: q.Get("org"), Down: q.Get("down") == "1", Page: 1}
	for _, l := range q["level"] {
		if n, err := strconv.Atoi(l); err == nil && n >= workforce.MinLevel && n <= workforce.MaxLevel && !slices.Contains(os.Levels, n) {
			os.Levels = append(os.Levels, n)
		}
	}
	slices.Sort(os.Levels)
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		os.Page = p
	}
	return os
}

func (os optionSearch) filter() career.OptionFilter {
	f := career.OptionFilter{Levels: os.Levels, StaffGroup: os.StaffGroup, IncludeDown: os.Down}
	f.OrganisationID, _ = strconv.ParseInt(os.Org, 10, 64)
	return f
}

// values is the search as a query string, without the page.
func (os optionSearch) values() url.Values {
	v := url.Values{}
	for _, l := range os.Levels {
		v.Add("level", strconv.Itoa(l))
	}
	if os.StaffGroup != "" {
		v.Set("staff_group", os.StaffGroup)
	}
	if os.Org != "" {
		v.Set("org", os.Org)
	}
	if os.Down {
		v.Set("down", "1")
	}
	return v
}

// Filtered reports whether any filter is set.
func (os optionSearch) Filtered() bool {
	return len(os.Levels) > 0 || os.StaffGroup != "" || os.Org != "" || os.Down
}

// HasLevel is for the level check boxes.
func (os optionSearch) HasLevel(n int) bool { return slices.Contains(os.Levels, n) }

// optionRow is one option as a page and an export show it.
type optionRow struct {
	Rank   int
	Option career.Option
	Org    string
	Gap    *workforce.Gap
	// Short lists the competences not met, for the row.
	Short   []string
	Explain string
	GapHref string
	Route   string
}

// KindText is the option's kind in words.
func (o optionRow) KindText() string { return career.KindText(o.Option.Kind) }

// optionRows makes rows of the options, with the gap list of each against held (nil: none
// computed, as in an export).
func (s *Server) optionRows(r *http.Request, cc careerCtx, opts []career.Option, first int, held []workforce.PortfolioEntry, gapOf func(roleID int64) string) ([]optionRow, error) {
	lookup := s.db.AnyFrameworks(r.Context())
	today := s.db.Today()
	rows := make([]optionRow, len(opts))
	for i, o := range opts {
		row := optionRow{Rank: first + i + 1, Option: o, Org: cc.pc.names[o.Role.OrganisationID],
			Explain: career.Explain(o.Transferability, o.Counts)}
		if gapOf != nil {
			row.GapHref = gapOf(o.Role.ID)
		}
		if o.Route != nil {
			row.Route = career.Describe(career.Route{Kind: o.Route.Kind, RegistrationRequired: o.Route.RegistrationRequired,
				Qualification: o.Route.Qualification}, o.Role.Title) + " in " + o.Route.FrameworkTitle
		}
		if held != nil {
			role, err := s.db.Role(r.Context(), o.Role.ID)
			if err != nil {
				return nil, err
			}
			g := workforce.Analyse(role.Requirements, held, lookup, today)
			row.Gap = &g
			for _, it := range g.Items {
				switch it.Status {
				case workforce.GapMissing:
					row.Short = append(row.Short, it.Title+" (missing)")
				case workforce.GapPartly:
					row.Short = append(row.Short, fmt.Sprintf("%s (held at %s, %s needed)", it.Title, it.HeldLevel, it.RequiredLevel))
				}
			}
			if g.Readiness != o.Transferability {
				// The index and the gap analysis must agree (a property test proves the rule); a
				// difference means the index missed a change: say so in the log.
				s.log.Warn("career index differs from the gap analysis", "role", o.Role.ID, "index", o.Transferability, "gap", g.Readiness)
			}
		}
		rows[i] = row
	}
	return rows, nil
}

// orgChoices lists the organisations of the options, for the filter.
func orgChoices(cc careerCtx, opts []career.Option) []choice {
	seen := map[int64]bool{}
	var out []choice
	for _, o := range opts {
		if id := o.Role.OrganisationID; !seen[id] {
			seen[id] = true
			out = append(out, choice{strconv.FormatInt(id, 10), cc.pc.names[id]})
		}
	}
	slices.SortFunc(out, func(a, b choice) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// staffGroupNames are the staff groups for the filter.
func staffGroupNames() []string {
	out := make([]string, len(workforce.StaffGroups))
	for i, g := range workforce.StaffGroups {
		out[i] = g.Name
	}
	return out
}

// pageOf cuts a page out of a list.
func pageOf[T any](all []T, page int) ([]T, int) {
	pages := (len(all) + optionsPageSize - 1) / optionsPageSize
	page = min(max(page, 1), max(pages, 1))
	start := (page - 1) * optionsPageSize
	return all[min(start, len(all)):min(start+optionsPageSize, len(all))], page
}

// optionSheet is the options as rows of an export.
func optionSheet(rows []optionRow) ([]string, []float64, [][]any) {
	header := []string{"Rank", "Role", "Move", "Level", "Staff group", "Organisation", "Transferability (%)",
		"Met", "Partly met", "Missing", "Essential not met", "Registration required", "Career framework route"}
	widths := []float64{6, 40, 18, 6, 30, 36, 12, 6, 8, 8, 10, 12, 50}
	out := make([][]any, len(rows))
	for i, r := range rows {
		o := r.Option
		reg := "No"
		if o.Role.Registration {
			reg = "Yes"
		}
		out[i] = []any{r.Rank, o.Role.Title, r.KindText(), o.Role.Level, o.Role.StaffGroup, r.Org, o.Transferability,
			o.Counts.Met, o.Counts.Partly, o.Counts.Missing, o.Counts.EssentialNotMet, reg, r.Route}
	}
	return header, widths, out
}

// exportFormat reads ?format=, answering 400 for anything but csv and xlsx.
func (s *Server) exportFormat(w http.ResponseWriter, r *http.Request) (string, bool) {
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The export is available as CSV (format=csv) or Excel (format=xlsx).")
		return "", false
	}
	return format, true
}

// writeSheet sends rows as a CSV or Excel download, recorded in the audit log when it carries
// personal data (audit names the entity).
func (s *Server) writeSheet(w http.ResponseWriter, r *http.Request, format, name string, header []string, widths []float64, rows [][]any) {
	var buf bytes.Buffer
	var err error
	if format == "csv" {
		err = transfer.WriteSheetCSV(&buf, header, rows)
	} else {
		err = transfer.WriteSheetXLSX(&buf, "Sheet1", header, widths, rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ct := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.`+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}

// optionList is what a person's and a role's options pages share: every option (for the
// organisation filter's choices), those the filters keep, and the search.
type optionList struct {
	all, kept []career.Option
	search    optionSearch
}

func (cc careerCtx) optionList(st career.Start, q url.Values) optionList {
	ol := optionList{search: parseOptionSearch(q)}
	ol.all = cc.idx.Options(st, cc.today, cc.roles, career.OptionFilter{IncludeDown: true})
	f := ol.search.filter()
	for _, o := range ol.all {
		if f.Keep(o) {
			ol.kept = append(ol.kept, o)
		}
	}
	return ol
}

// export writes the kept options as CSV or Excel.
func (s *Server) exportOptions(w http.ResponseWriter, r *http.Request, cc careerCtx, ol optionList, name string) {
	format, ok := s.exportFormat(w, r)
	if !ok {
		return
	}
	rows, err := s.optionRows(r, cc, ol.kept, 0, nil, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h, wd, out := optionSheet(rows)
	s.writeSheet(w, r, format, name, h, wd, out)
}

// page returns the options of the page asked for, and the page's number.
func (ol *optionList) page() ([]career.Option, int) {
	page, n := pageOf(ol.kept, ol.search.Page)
	ol.search.Page = n
	return page, n
}

// fill sets the view's list, filter choices and pagination.
func (ol optionList) fill(v *careerOptionsView, cc careerCtx, action string, rows []optionRow) {
	v.Rows, v.Total, v.Search, v.Action = rows, len(ol.kept), ol.search, action
	v.Levels, v.StaffGroups, v.Orgs = levelNumbers(), staffGroupNames(), orgChoices(cc, ol.all)
	v.Explanation, v.CanMatch = career.ScoreExplanation, cc.canMatch()
	v.ExportQuery = ol.search.values().Encode()
	v.Pagination = paginate(ol.search.Page, (len(ol.kept)+optionsPageSize-1)/optionsPageSize, func(n int) string {
		q := ol.search.values()
		q.Set("page", strconv.Itoa(n))
		return action + "?" + q.Encode()
	})
}

// careerPerson loads the person of the path (404 when the viewer may not see them), the career
// context and where the person's options are counted from.
func (s *Server) careerPerson(w http.ResponseWriter, r *http.Request) (workforce.Person, careerCtx, career.Start, bool) {
	p, _, ok := s.loadPerson(w, r)
	if !ok {
		return p, careerCtx{}, career.Start{}, false
	}
	cc, err := s.careerContext(r)
	if err != nil {
		s.serverError(w, r, err)
		return p, cc, career.Start{}, false
	}
	st, found := cc.idx.PersonStart(p.ID, cc.today)
	if !found {
		s.notFound(w, r)
		return p, cc, st, false
	}
	return p, cc, st, true
}
