package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// An organisation's own competence framework is built in one form that works without
// JavaScript: the framework's details, then three tables of rows (levels, domains, competences),
// each row with an Order number (rows are sorted by it when saved: that is how rows are moved)
// and, for a saved row, a Remove box. Blank rows follow the saved ones; "Add more rows" gives
// more without saving. A competence names its domain by the domain's title, so a domain and its
// competences can be added in one go. Keys are made from codes and titles when a row is first
// saved and kept after that, since role requirements refer to them.
//
// The result is a framework version of kind competence owned by the organisation
// (frameworks.organisation_id), exactly like an imported one. A draft can be changed; publishing
// makes the version final, and a new version starts as a copy of it.

// blankBuilderRows is how many blank rows each table of the builder offers.
const blankBuilderRows = 3

// maxBuilderRows bounds the rows read from a submitted builder form.
const maxBuilderRows = 2000

// fwRow is one row of a builder table, as typed.
type fwRow struct {
	Index                    int
	Key                      string // set once saved
	Code, Title, Description string
	Domain                   string // competences: the title of their domain
	Order                    string
	Remove                   bool
}

// fwForm is the builder form as the person typed it.
type fwForm struct {
	Key, Title, Version, Description string
	Token                            string // store.DocumentToken of the draft being edited
	Levels, Domains, Competences     []fwRow
}

func (r fwRow) ID(table, part string) string { return table + "-" + strconv.Itoa(r.Index) + "-" + part }
func (r fwRow) blank() bool {
	return strings.TrimSpace(r.Code+r.Title+r.Description+r.Domain) == ""
}

func blankFwRows(start, n int) []fwRow {
	out := make([]fwRow, n)
	for i := range out {
		out[i] = fwRow{Index: start + i}
	}
	return out
}

// moreRows adds blank rows to each table.
func (f *fwForm) moreRows() {
	f.Levels = append(f.Levels, blankFwRows(len(f.Levels), blankBuilderRows)...)
	f.Domains = append(f.Domains, blankFwRows(len(f.Domains), blankBuilderRows)...)
	f.Competences = append(f.Competences, blankFwRows(len(f.Competences), blankBuilderRows)...)
}

// formFromFramework fills the builder with a stored version, plus blank rows.
func formFromFramework(f *framework.Framework) fwForm {
	form := fwForm{Key: f.Key, Title: f.Title, Version: f.Version, Description: f.Description, Token: store.DocumentToken(f)}
	levels := slices.Clone(f.Levels)
	slices.SortStableFunc(levels, func(a, b framework.Level) int { return cmp.Compare(a.Rank, b.Rank) })
	for i, l := range levels {
		form.Levels = append(form.Levels, fwRow{Index: i, Key: l.Key, Title: l.Title, Description: l.Description, Order: strconv.Itoa(i + 1)})
	}
	for _, d := range f.Nodes {
		form.Domains = append(form.Domains, fwRow{Index: len(form.Domains), Key: d.Key, Code: d.Code, Title: d.Title,
			Description: d.Description, Order: strconv.Itoa(len(form.Domains) + 1)})
		for _, c := range d.Children {
			form.Competences = append(form.Competences, fwRow{Index: len(form.Competences), Key: c.Key, Code: c.Code, Title: c.Title,
				Description: c.Description, Domain: d.Title, Order: strconv.Itoa(len(form.Competences) + 1)})
		}
	}
	form.moreRows()
	return form
}

// parseFwForm reads a submitted builder form.
func parseFwForm(r *http.Request) fwForm {
	_ = r.ParseForm()
	v := r.PostForm
	f := fwForm{Key: strings.TrimSpace(v.Get("key")), Title: v.Get("title"), Version: strings.TrimSpace(v.Get("version")),
		Description: v.Get("description"), Token: v.Get("token")}
	read := func(table string) []fwRow {
		n, _ := strconv.Atoi(v.Get(table + "-rows"))
		n = min(max(n, 0), maxBuilderRows)
		rows := make([]fwRow, n)
		for i := range rows {
			row := fwRow{Index: i}
			row.Key = v.Get(row.ID(table, "key"))
			row.Code = v.Get(row.ID(table, "code"))
			row.Title = v.Get(row.ID(table, "title"))
			row.Description = v.Get(row.ID(table, "description"))
			row.Domain = v.Get(row.ID(table, "domain"))
			row.Order = v.Get(row.ID(table, "order"))
			row.Remove = v.Get(row.ID(table, "remove")) != ""
			rows[i] = row
		}
		return rows
	}
	f.Levels, f.Domains, f.Competences = read("level"), read("domain"), read("competence")
	return f
}

// keyFrom makes a key of lower-case letters, digits and hyphens from the code or title.
func keyFrom(s string) string { return framework.Slug(s, 40) }

// uniqueKey returns base, or base-2, base-3... when taken; "item" when base is empty.
func uniqueKey(base string, taken map[string]bool) string {
	return framework.UniqueKey(base, "item", taken)
}

// kept returns the rows to save, without removed and blank ones, sorted by their Order (rows
// without a number go last, in their place).
func kept(rows []fwRow, table string, errs *[]fieldError) []fwRow {
	type item struct {
		row   fwRow
		order int
	}
	var items []item
	for _, r := range rows {
		if r.Remove || r.blank() {
			continue
		}
		o := maxBuilderRows + r.Index
		if s := strings.TrimSpace(r.Order); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				*errs = append(*errs, fieldError{r.ID(table, "order"), fmt.Sprintf("%s %d: the order must be a whole number, like 1 or 2", tableNames[table], r.Index+1)})
				continue
			}
			o = n
		}
		items = append(items, item{r, o})
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.order, b.order) })
	out := make([]fwRow, len(items))
	for i, it := range items {
		out[i] = it.row
	}
	return out
}

var tableNames = map[string]string{"level": "Level", "domain": "Domain", "competence": "Competence"}

// build turns the form into a framework version of kind competence with the given status, and
// lists what is wrong with it: the form's own problems first (linked to their fields), then
// the framework's rules.
func (f fwForm) build(status string) (*framework.Framework, []fieldError) {
	var errs []fieldError
	out := &framework.Framework{Key: f.Key, Title: strings.TrimSpace(f.Title), Version: f.Version, Kind: framework.KindCompetence,
		Status: status, Description: strings.TrimSpace(f.Description)}
	if out.Title == "" {
		errs = append(errs, fieldError{"title", "Enter the framework's title"})
	}
	if out.Key == "" {
		errs = append(errs, fieldError{"key", "Enter a key: a short name of lower-case letters, digits and hyphens, like trust-nursing"})
	} else if keyFrom(out.Key) != out.Key {
		errs = append(errs, fieldError{"key", fmt.Sprintf("The key can only have lower-case letters, digits and single hyphens between them, like %q", keyFrom(out.Key))})
	}
	if out.Version == "" {
		errs = append(errs, fieldError{"version", "Enter the version, like 1 or 2025"})
	}

	taken := map[string]bool{}
	for _, rows := range [][]fwRow{f.Levels, f.Domains, f.Competences} {
		for _, r := range rows {
			if r.Key != "" && !r.Remove {
				taken[r.Key] = true
			}
		}
	}
	levelTaken := map[string]bool{}
	seenLevel := map[string]bool{}
	for i, r := range kept(f.Levels, "level", &errs) {
		title := strings.TrimSpace(r.Title)
		switch {
		case title == "":
			errs = append(errs, fieldError{r.ID("level", "title"), fmt.Sprintf("Level %d: enter its name, like Foundation", r.Index+1)})
			continue
		case seenLevel[strings.ToLower(title)]:
			errs = append(errs, fieldError{r.ID("level", "title"), fmt.Sprintf("Level %d: another level is called %s", r.Index+1, title)})
			continue
		}
		seenLevel[strings.ToLower(title)] = true
		key := r.Key
		if key == "" || levelTaken[key] {
			key = uniqueKey(keyFrom(title), levelTaken)
		} else {
			levelTaken[key] = true
		}
		out.Levels = append(out.Levels, framework.Level{Key: key, Rank: i + 1, Title: title, Description: strings.TrimSpace(r.Description)})
	}

	domainAt := map[string]int{}
	for _, r := range kept(f.Domains, "domain", &errs) {
		title := strings.TrimSpace(r.Title)
		switch {
		case title == "":
			errs = append(errs, fieldError{r.ID("domain", "title"), fmt.Sprintf("Domain %d: enter its title", r.Index+1)})
			continue
		case domainAt[strings.ToLower(title)] > 0:
			errs = append(errs, fieldError{r.ID("domain", "title"), fmt.Sprintf("Domain %d: another domain is called %s; each needs its own title", r.Index+1, title)})
			continue
		}
		key := r.Key
		if key == "" {
			key = uniqueKey("domain-"+keyFrom(cmp.Or(strings.TrimSpace(r.Code), title)), taken)
		}
		out.Nodes = append(out.Nodes, framework.Node{Key: key, Type: "domain", Code: strings.TrimSpace(r.Code), Title: title, Description: strings.TrimSpace(r.Description)})
		domainAt[strings.ToLower(title)] = len(out.Nodes)
	}
	codes := map[string]int{}
	for _, r := range kept(f.Competences, "competence", &errs) {
		title, code := strings.TrimSpace(r.Title), strings.TrimSpace(r.Code)
		n := r.Index + 1
		bad := false
		if title == "" {
			errs = append(errs, fieldError{r.ID("competence", "title"), fmt.Sprintf("Competence %d: enter its title", n)})
			bad = true
		}
		if code != "" {
			if first, dup := codes[strings.ToLower(code)]; dup {
				errs = append(errs, fieldError{r.ID("competence", "code"), fmt.Sprintf("Competence %d: competence %d already has the code %s", n, first, code)})
				bad = true
			} else {
				codes[strings.ToLower(code)] = n
			}
		}
		d := domainAt[strings.ToLower(strings.TrimSpace(r.Domain))]
		if d == 0 {
			msg := fmt.Sprintf("Competence %d: enter the title of its domain, as in the domains above", n)
			if strings.TrimSpace(r.Domain) != "" {
				msg = fmt.Sprintf("Competence %d: there is no domain called %s: add it to the domains above, or correct the title", n, strings.TrimSpace(r.Domain))
			}
			errs = append(errs, fieldError{r.ID("competence", "domain"), msg})
			bad = true
		}
		if bad {
			continue
		}
		key := r.Key
		if key == "" {
			key = uniqueKey(keyFrom(cmp.Or(code, title)), taken)
		}
		parent := &out.Nodes[d-1]
		parent.Children = append(parent.Children, framework.Node{Key: key, Type: "competence", Code: code, Title: title, Description: strings.TrimSpace(r.Description)})
	}
	if len(errs) == 0 {
		for _, p := range framework.Validate(out) {
			errs = append(errs, fieldError{"", p.String()})
		}
	}
	return out, errs
}

// orgFrameworkAccess loads the organisation in the path and says whether the viewer may read
// (viewer or above) and change (planner or above) its frameworks. An organisation the viewer
// may not read is "not found".
func (s *Server) orgFrameworkAccess(w http.ResponseWriter, r *http.Request) (store.Organisation, bool, bool) {
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return store.Organisation{}, false, false
	}
	if !ok || !sc.may(id, store.ReadOrganisation) {
		s.notFound(w, r)
		return store.Organisation{}, false, false
	}
	for _, o := range sc.orgs {
		if o.ID == id {
			return o, true, sc.may(id, store.ChangeOwnFrameworks)
		}
	}
	s.notFound(w, r)
	return store.Organisation{}, false, false
}

// orgFrameworkVersion loads the organisation's framework version in the path; another
// organisation's (or a shared one) is "not found".
func (s *Server) orgFrameworkVersion(w http.ResponseWriter, r *http.Request, org store.Organisation) (*framework.Framework, bool) {
	f, meta, err := s.db.FrameworkVersion(r.Context(), r.PathValue("key"), r.PathValue("version"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && meta.OrganisationID != org.ID) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return f, true
}

// keyFree reports whether a new framework of the organisation may use the key: no framework
// of anyone else has it (a key names one framework, whose versions are listed together).
func (s *Server) keyFree(r *http.Request, orgID int64, key string) (bool, error) {
	versions, err := s.db.FrameworkVersionsOf(r.Context(), key)
	if err != nil {
		return false, err
	}
	for _, v := range versions {
		if v.OrganisationID != orgID {
			return false, nil
		}
	}
	return true, nil
}

type orgFrameworkFormView struct {
	Page
	Org     store.Organisation
	Form    fwForm
	Editing bool
	Action  string
}

func (v orgFrameworkFormView) RowCounts() map[string]int {
	return map[string]int{"level": len(v.Form.Levels), "domain": len(v.Form.Domains), "competence": len(v.Form.Competences)}
}

func (s *Server) orgFrameworkFormView(r *http.Request, org store.Organisation, form fwForm, editing bool) orgFrameworkFormView {
	title := "Build a competence framework"
	action := fmt.Sprintf("/organisations/%d/frameworks", org.ID)
	if editing {
		title = "Change " + form.Title + " version " + form.Version
		action = fmt.Sprintf("/organisations/%d/frameworks/%s/versions/%s", org.ID, form.Key, form.Version)
	}
	return orgFrameworkFormView{
		Page: s.page(r, title, "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"},
			crumb{fmt.Sprintf("/organisations/%d", org.ID), org.Name}, crumb{fmt.Sprintf("/organisations/%d/frameworks", org.ID), "Competence frameworks"}),
		Org: org, Form: form, Editing: editing, Action: action,
	}
}
