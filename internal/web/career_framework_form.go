package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// careerForm is the create and edit form of a career framework as posted: text kept as typed,
// so that a form with errors comes back with every value in place.
type careerForm struct {
	OrgID       string
	Title       string
	StaffGroup  string
	Description string
	Status      string
	Shared      bool
	Families    []familyRow
}

// familyRow is one role family of the form. Key is hidden: it keeps a renamed family's roles.
// Column orders the families; blank keeps the form's order.
type familyRow struct {
	Key, Name, Column string
}

// blankFamilyRows is how many empty role family rows the form offers (and adds on "more").
const blankFamilyRows = 3

type careerFormView struct {
	Page
	Form     careerForm
	Editing  bool
	Action   string
	Version  int
	Orgs     []orgItem
	OrgName  string
	Statuses []string
	Conflict bool
}

func formFromCareer(f career.Framework) careerForm {
	form := careerForm{OrgID: strconv.FormatInt(f.OrganisationID, 10), Title: f.Title, StaffGroup: f.StaffGroup,
		Description: f.Description, Status: f.Status, Shared: f.Shared}
	for i, fam := range f.Families {
		form.Families = append(form.Families, familyRow{Key: fam.Key, Name: fam.Name, Column: strconv.Itoa(i + 1)})
	}
	form.moreRows()
	return form
}

func (f *careerForm) moreRows() {
	for range blankFamilyRows {
		f.Families = append(f.Families, familyRow{})
	}
}

var familyField = regexp.MustCompile(`^family-name-([0-9]{1,3})$`)

func parseCareerForm(r *http.Request) careerForm {
	form := careerForm{
		OrgID: r.PostFormValue("organisation"), Title: r.PostFormValue("title"), StaffGroup: r.PostFormValue("staff_group"),
		Description: r.PostFormValue("description"), Status: r.PostFormValue("status"), Shared: r.PostFormValue("shared") == "yes",
	}
	// Rows are numbered from 1; take them in number order, whatever order the fields came in.
	var nums []int
	for k := range r.PostForm {
		if m := familyField.FindStringSubmatch(k); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n >= 1 && n <= career.MaxFamilies+50 {
				nums = append(nums, n)
			}
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		id := strconv.Itoa(n)
		form.Families = append(form.Families, familyRow{Key: r.PostFormValue("family-key-" + id),
			Name: r.PostFormValue("family-name-" + id), Column: r.PostFormValue("family-column-" + id)})
	}
	return form
}

// apply turns the form into a framework based on cur (the stored framework, or a new one): the
// errors it finds itself, and which form row each family came from, to place the store's errors.
func (f careerForm) apply(cur career.Framework) (career.Framework, []fieldError, map[int]int) {
	var errs []fieldError
	out := cur
	out.Title, out.StaffGroup, out.Description, out.Status, out.Shared = f.Title, f.StaffGroup, f.Description, f.Status, f.Shared
	if !career.ValidStatus(f.Status) {
		errs = append(errs, fieldError{"status", "Choose whether the framework is a draft, published or retired"})
	}
	type rowFamily struct {
		row, column int
		fam         career.Family
	}
	known := map[string]bool{}
	for _, fam := range cur.Families {
		known[fam.Key] = true
	}
	var rows []rowFamily
	kept := map[string]bool{}
	for i, fr := range f.Families {
		name := strings.TrimSpace(fr.Name)
		key := fr.Key
		if !known[key] {
			key = "" // a key the framework does not have is a new family
		}
		if name == "" {
			continue
		}
		col := len(f.Families) + i + 1
		if c := strings.TrimSpace(fr.Column); c != "" {
			n, err := strconv.Atoi(c)
			if err != nil || n < 1 || n > 99 {
				errs = append(errs, fieldError{"family-column-" + strconv.Itoa(i+1), "Column must be a whole number from 1 to 99, or blank"})
			} else {
				col = n
			}
		}
		if key != "" {
			kept[key] = true
		}
		rows = append(rows, rowFamily{row: i + 1, column: col, fam: career.Family{Key: key, Name: name}})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].column < rows[j].column })
	out.Families = nil
	rowOf := map[int]int{}
	for i, rf := range rows {
		out.Families = append(out.Families, rf.fam)
		rowOf[i] = rf.row
	}
	// A family that still holds roles cannot go: say so on its row rather than on the roles.
	for i, fr := range f.Families {
		if fr.Key == "" || !known[fr.Key] || kept[fr.Key] {
			continue
		}
		n := 0
		for _, p := range cur.Placements {
			if p.FamilyKey == fr.Key {
				n++
			}
		}
		if n > 0 {
			fam, _ := cur.Family(fr.Key)
			errs = append(errs, fieldError{"family-name-" + strconv.Itoa(i+1),
				fmt.Sprintf("%s holds %d %s: take %s out of the framework before removing the family", fam.Name, n, plural(n, "role", "roles"), plural(n, "it", "them"))})
		}
	}
	// The framework's own rules (title, lengths, families) are checked here too, so that every
	// problem of the form is listed at once; placements and routes are the grid's business.
	for _, p := range career.Errors(career.Validate(career.Normalise(out), nil, career.Usable{}, &cur)) {
		if !strings.HasPrefix(p.Field, "placements") && !strings.HasPrefix(p.Field, "routes") {
			errs = append(errs, fieldError{problemField(p.Field, rowOf), p.Message})
		}
	}
	return out, errs, rowOf
}

// problemField is the form field of a problem the domain names by its own field.
func problemField(field string, rowOf map[int]int) string {
	var i int
	switch {
	case field == "families":
		return "family-name-1"
	case strings.HasPrefix(field, "families["):
		fmt.Sscanf(field, "families[%d]", &i)
		return "family-name-" + strconv.Itoa(rowOf[i])
	case strings.HasPrefix(field, "placements"), strings.HasPrefix(field, "routes"):
		return ""
	}
	return field
}

// careerProblemErrors turns the store's refusal into errors on the form's fields.
func careerProblemErrors(err error, rowOf map[int]int) ([]fieldError, bool) {
	var invalid *store.InvalidCareerFrameworkError
	if !errors.As(err, &invalid) {
		return nil, false
	}
	var out []fieldError
	for _, p := range invalid.Problems {
		out = append(out, fieldError{problemField(p.Field, rowOf), p.Message})
	}
	return out, true
}

func (s *Server) careerFormView(r *http.Request, rc roleContext, title string, form careerForm) careerFormView {
	crumbs := []crumb{{"/", "Home"}, {"/career-frameworks", "Career frameworks"}}
	return careerFormView{Page: s.page(r, title, "career-frameworks", crumbs...), Form: form, Statuses: career.Statuses, Orgs: rc.where(store.ChangeCareerFrameworks)}
}

// careerFrameworkNewForm shows the form for a new framework. Someone who plans nowhere is told
// who can create one instead.
func (s *Server) careerFrameworkNewForm(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := careerForm{Status: career.StatusDraft}
	if p := rc.where(store.ChangeCareerFrameworks); len(p) == 1 {
		form.OrgID = strconv.FormatInt(p[0].ID, 10)
	}
	form.moreRows()
	v := s.careerFormView(r, rc, "Create a career framework", form)
	v.Action = "/career-frameworks"
	s.render(w, r, http.StatusOK, "career-framework-form", v)
}

func (s *Server) careerFrameworkCreate(w http.ResponseWriter, r *http.Request) {
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form := parseCareerForm(r)
	v := s.careerFormView(r, rc, "Create a career framework", form)
	v.Action = "/career-frameworks"
	if r.PostFormValue("action") == "more" {
		v.Form.moreRows()
		s.render(w, r, http.StatusOK, "career-framework-form", v)
		return
	}
	orgID, _ := strconv.ParseInt(form.OrgID, 10, 64)
	f, errs, rowOf := form.apply(career.Framework{OrganisationID: orgID})
	if !rc.sc.may(orgID, store.ChangeCareerFrameworks) {
		errs = append([]fieldError{{"organisation", "Choose an organisation where you plan roles"}}, errs...)
	}
	if len(errs) == 0 {
		saved, err := s.db.CreateCareerFramework(r.Context(), actor(r), f)
		if fe, ok := careerProblemErrors(err, rowOf); ok {
			errs = fe
		} else if err != nil {
			s.serverError(w, r, err)
			return
		} else {
			s.flash(r, saved.Title+" has been created. Add roles to it below.")
			http.Redirect(w, r, careerFrameworkPath(saved.ID), http.StatusSeeOther)
			return
		}
	}
	v.Errors = errs
	s.render(w, r, http.StatusUnprocessableEntity, "career-framework-form", v)
}

func (s *Server) editCareerView(r *http.Request, rc roleContext, f career.Framework, form careerForm) careerFormView {
	v := s.careerFormView(r, rc, "Change "+f.Title, form)
	v.Breadcrumbs = append(v.Breadcrumbs, crumb{careerFrameworkPath(f.ID), f.Title})
	v.Action, v.Editing, v.Version, v.OrgName = careerFrameworkPath(f.ID), true, f.Version, rc.names[f.OrganisationID]
	return v
}

func (s *Server) careerFrameworkEditForm(w http.ResponseWriter, r *http.Request) {
	f, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "career-framework-form", s.editCareerView(r, rc, f, formFromCareer(f)))
}

// careerFrameworkUpdate saves the framework's own fields and its role families. The form
// carries the version it was drawn from: if someone saved meanwhile, nothing is saved (409) and
// the person's values stay in the form; saving again then replaces that version knowingly.
func (s *Server) careerFrameworkUpdate(w http.ResponseWriter, r *http.Request) {
	cur, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	form := parseCareerForm(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v := s.editCareerView(r, rc, cur, form)
	v.Version = version
	if r.PostFormValue("action") == "more" {
		v.Form.moreRows()
		s.render(w, r, http.StatusOK, "career-framework-form", v)
		return
	}
	edit, errs, rowOf := form.apply(cur)
	if len(errs) > 0 {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "career-framework-form", v)
		return
	}
	edit.Version = version
	saved, err := s.db.UpdateCareerFramework(r.Context(), actor(r), edit)
	if fe, ok := careerProblemErrors(err, rowOf); ok {
		v.Errors = fe
		s.render(w, r, http.StatusUnprocessableEntity, "career-framework-form", v)
		return
	}
	switch {
	case errors.Is(err, store.ErrConflict):
		v.Conflict = true
		v.Version = cur.Version
		v.Errors = []fieldError{{"title", "Someone else changed this career framework while you were editing it. Your changes are below and have not been saved: open the framework in a new tab to see theirs, then save again to replace them with yours"}}
		s.render(w, r, http.StatusConflict, "career-framework-form", v)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if saved.Version == cur.Version {
		s.flash(r, "Nothing had changed, so nothing was saved.")
	} else {
		s.flash(r, "Your changes have been saved.")
	}
	http.Redirect(w, r, careerFrameworkPath(saved.ID), http.StatusSeeOther)
}
