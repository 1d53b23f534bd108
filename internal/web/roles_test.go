package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// matrixRole is the role the permission matrix opens for /roles/{id}: a draft of Trust A, made
// the first time it is asked for. The staff member of Team A cannot see it; Trust A's
// administrator and the site administrator may change it.
func (fx *fixture) matrixRole() workforce.Role {
	fx.t.Helper()
	const title = "Ward manager"
	page, err := fx.db.SearchRoles(fx.t.Context(), store.RoleQuery{Text: `"ward manager"`, OrganisationIDs: []int64{fx.orgA.ID}, Status: store.RoleStatusAny})
	if err != nil {
		fx.t.Fatal(err)
	}
	for _, r := range page.Roles {
		if r.Title == title {
			return r
		}
	}
	return fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: title, StaffGroup: "Nursing and Midwifery Registered",
		Level: 6, Band: "7", RegistrationRequired: true})
}

// role saves a role through the store, as an import would.
func (fx *fixture) role(r workforce.Role) workforce.Role {
	fx.t.Helper()
	saved, err := fx.db.CreateRole(fx.t.Context(), store.Actor{}, r)
	if err != nil {
		fx.t.Fatalf("creating role %q: %v", r.Title, err)
	}
	return saved
}

func ksfReq(node, level string, essential bool) workforce.Requirement {
	return workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: node, LevelKey: level, Essential: essential}
}

func staffNurseRole(orgID int64) workforce.Role {
	return workforce.Role{
		OrganisationID: orgID, Title: "Staff nurse", StaffGroup: "Nursing and Midwifery Registered",
		Profession: "Adult nursing", Level: 5, Band: "5", RegistrationRequired: true,
		Summary:          "Plans, gives and evaluates care for a group of patients on a ward.",
		Activities:       []string{"Assesses patients and plans their care", "Gives medicines"},
		QualityStandards: []string{"NMC Code"},
		KnowledgeSkills:  []string{"Medicines management"},
		Requirements:     []workforce.Requirement{ksfReq("c1", "level-2", true)},
	}
}

// formValues reads a form as a browser submits it: inputs, checked boxes and radios, the
// chosen option of each select, and textareas.
func formValues(t *testing.T, doc *goquery.Document, selector string) url.Values {
	t.Helper()
	form := doc.Find(selector)
	if form.Length() != 1 {
		t.Fatalf("%d forms match %s", form.Length(), selector)
	}
	v := url.Values{}
	form.Find("input[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		value, _ := s.Attr("value")
		switch typ, _ := s.Attr("type"); typ {
		case "checkbox", "radio":
			if _, checked := s.Attr("checked"); checked {
				v.Add(name, value)
			}
		case "submit":
		default:
			v.Add(name, value)
		}
	})
	form.Find("select[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		value, _ := s.Find("option[selected]").Attr("value")
		v.Add(name, value)
	})
	form.Find("textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		v.Add(name, strings.TrimPrefix(s.Text(), "\n"))
	})
	return v
}

func selected(doc *goquery.Document, id string) string {
	v, _ := doc.Find("#" + id + " option[selected]").Attr("value")
	return v
}

func TestCreateRole(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("orgAdmin")
		form := c.get("/roles/new")
		if form.StatusCode != http.StatusOK {
			t.Fatalf("new role form: %d", form.StatusCode)
		}
		doc := form.doc(t)
		if n := doc.Find("#organisation option[value]").Length(); n != 4 { // "Choose", Trust A, Service A, Team A
			t.Errorf("the organisation select has %d options, want 4", n)
		}
		if n := doc.Find("select[data-wf-competence-picker]").Length(); n != emptyRequirementRows {
			t.Errorf("the form has %d requirement rows, want %d", n, emptyRequirementRows)
		}
		c1 := requirementValue("ksf", "2010", "c1")
		if doc.Find(fmt.Sprintf(`#req-0-competence option[value=%q]`, c1)).Length() != 1 {
			t.Errorf("KSF C1 is not offered")
		}
		if doc.Find(`#req-0-competence optgroup[label*="Integrated Workforce"]`).Length() != 0 {
			t.Errorf("a profile framework is offered as a competence framework")
		}

		// Every problem at once, everything typed kept, nothing saved.
		bad := url.Values{
			"organisation": {strconv.FormatInt(fx.orgA.ID, 10)}, "title": {" "}, "staff_group": {"Wizards"},
			"profession": {"Adult nursing"}, "level": {"12"}, "band": {"10"},
			"activities": {"Assesses patients\n\nGives medicines"}, "req-rows": {"3"},
			"req-0-competence": {c1}, "req-0-essential": {"essential"},
			"req-1-competence": {c1}, "req-1-level": {requirementValue("ksf", "2010", "level-2")}, "req-1-essential": {"desirable"},
			"req-2-level": {requirementValue("ksf", "2010", "level-1")},
			"action":      {"save"},
		}
		res := c.post("/roles", bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad role: %d", res.StatusCode)
		}
		summary := strings.Join(errorSummary(t, res), "\n")
		for _, want := range []string{"Enter a title", `Staff group "Wizards"`, "Level must be from 1 to 9", `Band "10"`,
			"Requirement 1: Choose the level of c1", "Requirement 2: Competence \"c1\" of framework \"ksf\" is already required",
			"Requirement 3: choose a competence, or clear its level"} {
			if !strings.Contains(summary, want) {
				t.Errorf("error summary lacks %q:\n%s", want, summary)
			}
		}
		doc = res.doc(t)
		if got, _ := doc.Find("#profession").Attr("value"); got != "Adult nursing" {
			t.Errorf("profession not kept: %q", got)
		}
		if got := doc.Find("#activities").Text(); !strings.Contains(got, "Assesses patients\n\nGives medicines") {
			t.Errorf("activities not kept: %q", got)
		}
		if selected(doc, "req-1-competence") != c1 || selected(doc, "req-1-level") != requirementValue("ksf", "2010", "level-2") {
			t.Errorf("requirement 2 not kept")
		}
		if _, ok := doc.Find("#req-1-desirable").Attr("checked"); !ok {
			t.Errorf("requirement 2 is no longer desirable")
		}
		if doc.Find("#req-1-competence-error").Length() != 1 || doc.Find("#level-error").Length() != 1 {
			t.Errorf("the errors are not shown by their fields")
		}
		if page, _ := fx.db.SearchRoles(t.Context(), store.RoleQuery{OrganisationIDs: []int64{fx.orgA.ID}, Status: store.RoleStatusAny}); page.Total != 0 {
			t.Fatalf("an invalid role was saved")
		}

		// "Add more rows" saves nothing and keeps what was typed.
		bad.Set("action", "more")
		more := c.post("/roles", bad)
		if more.StatusCode != http.StatusOK || more.doc(t).Find("select[data-wf-competence-picker]").Length() != 6 || len(errorSummary(t, more)) != 0 {
			t.Errorf("add more rows: %d with %d rows", more.StatusCode, more.doc(t).Find("select[data-wf-competence-picker]").Length())
		}

		// Someone who plans nowhere cannot add a role.
		if res := fx.signedIn("staff").post("/roles", url.Values{"organisation": {strconv.FormatInt(fx.teamA.ID, 10)}, "title": {"HCA"}}); res.StatusCode != http.StatusForbidden ||
			!strings.Contains(res.body, "you need the planner or administrator access role") {
			t.Errorf("staff member adding a role: %d %q", res.StatusCode, errorSummary(t, res))
		}

		// A good role saves; a warning (a registered staff group without registration) does not stop it.
		good := url.Values{
			"organisation": {strconv.FormatInt(fx.serviceA.ID, 10)}, "title": {"Staff nurse"},
			"staff_group": {"Nursing and Midwifery Registered"}, "level": {"5"}, "band": {"5"},
			"activities": {"Assesses patients and plans their care\r\nGives medicines\r\n"}, "req-rows": {"3"},
			"req-0-competence": {c1}, "req-0-level": {requirementValue("ksf", "2010", "level-2")}, "req-0-essential": {"essential"},
			"req-1-competence": {requirementValue("ksf", "2010", "ef1")}, "req-1-level": {requirementValue("ksf", "2010", "level-1")}, "req-1-essential": {"desirable"},
			"action": {"save"},
		}
		ok := c.post("/roles", good)
		if ok.StatusCode != http.StatusSeeOther {
			t.Fatalf("good role: %d %q", ok.StatusCode, errorSummary(t, ok))
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(ok.Header.Get("Location"), "/roles/"), 10, 64)
		saved, err := fx.db.Role(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if saved.OrganisationID != fx.serviceA.ID || saved.Status != workforce.StatusDraft || len(saved.Activities) != 2 ||
			len(saved.Requirements) != 2 || saved.Requirements[1].Essential || saved.Requirements[1].NodeKey != "ef1" {
			t.Errorf("saved role = %+v", saved)
		}
		show := c.get(ok.Header.Get("Location"))
		if !strings.Contains(show.body, "has been added as a draft") || !strings.Contains(show.body, "Check before you publish") ||
			!strings.Contains(show.body, "does not require registration") {
			t.Errorf("the new role's page does not confirm it and show the warning")
		}

		// The same title again in the same organisation is refused with the values kept.
		dup := c.post("/roles", good)
		if dup.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, dup), ""), "already a role called Staff nurse") {
			t.Errorf("duplicate title: %d %q", dup.StatusCode, errorSummary(t, dup))
		}
	})
}

func TestViewRole(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		in := staffNurseRole(fx.teamA.ID)
		in.Requirements = append(in.Requirements, ksfReq("ef1", "level-1", false))
		role := fx.role(in)
		path := rolePath(role.ID)

		staff := fx.signedIn("staff")
		res := staff.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("staff member of Team A opening its role: %d", res.StatusCode)
		}
		doc := res.doc(t)
		if h := strings.TrimSpace(doc.Find("h1").Text()); h != "Staff nurse" {
			t.Errorf("heading %q", h)
		}
		summary := doc.Find(".nhsuk-summary-list").Text()
		for _, want := range []string{"Team A", "Nursing and Midwifery Registered", "Level 5", "Band 5", "Required"} {
			if !strings.Contains(summary, want) {
				t.Errorf("summary list lacks %q", want)
			}
		}
		for _, want := range []string{"Assesses patients and plans their care", "NMC Code", "Medicines management"} {
			if !strings.Contains(doc.Find("article").Text(), want) {
				t.Errorf("the job description lacks %q", want)
			}
		}
		table := doc.Find("table.wf-requirements")
		if !strings.Contains(table.Find("caption").Text(), "Knowledge and Skills Framework") {
			t.Errorf("requirements are not grouped by framework: %q", table.Find("caption").Text())
		}
		rows := table.Find("tbody tr")
		if rows.Length() != 2 || !strings.Contains(rows.Eq(0).Text(), "C1") || !strings.Contains(rows.Eq(0).Text(), "Communication") ||
			!strings.Contains(rows.Eq(0).Text(), "Level 2") || !strings.Contains(rows.Eq(0).Text(), "Essential") {
			t.Errorf("requirements table: %q", rows.Text())
		}
		if rows.Eq(1).Find(".wf-provisional").Length() == 0 || !strings.Contains(rows.Eq(1).Text(), "Desirable") {
			t.Errorf("the provisional KSF placeholder is not marked provisional: %q", rows.Eq(1).Text())
		}
		if !strings.Contains(res.body, "Print command") {
			t.Errorf("no print hint")
		}
		// A member of staff reads the role but may not change it.
		if doc.Find(`a[href$="/edit"]`).Length() != 0 || doc.Find(`form[action$="/status"]`).Length() != 0 {
			t.Errorf("a staff member is offered to change the role")
		}
		if res := staff.get(path + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff member opening the edit form: %d, want 403", res.StatusCode)
		}
		if res := staff.post(path, url.Values{"title": {"Changed"}, "version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff member saving a change: %d, want 403", res.StatusCode)
		}

		// Trust B's administrator cannot see it, nor learn that it exists.
		adminB := fx.signedIn("adminB")
		for _, p := range []string{path, path + "/edit", path + "/history"} {
			if res := adminB.get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust B's administrator GET %s: %d, want 404", p, res.StatusCode)
			}
		}
		for _, p := range []string{path, path + "/status", path + "/copy"} {
			if res := adminB.post(p, url.Values{"version": {"1"}, "status": {"published"}, "organisation": {strconv.FormatInt(fx.orgB.ID, 10)}}); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust B's administrator POST %s: %d, want 404", p, res.StatusCode)
			}
		}
		if res := adminB.get("/roles/999999"); res.StatusCode != http.StatusNotFound {
			t.Errorf("a role that does not exist: %d", res.StatusCode)
		}
	})
}

func TestEditRoleVersionsAndHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		role := fx.role(staffNurseRole(fx.orgA.ID))
		path := rolePath(role.ID)
		c := fx.signedIn("orgAdmin")

		edit := c.get(path + "/edit")
		if edit.StatusCode != http.StatusOK {
			t.Fatalf("edit form: %d", edit.StatusCode)
		}
		form := formValues(t, edit.doc(t), "form.wf-role-form")
		if form.Get("version") != "1" || form.Get("title") != "Staff nurse" || form.Get("req-0-competence") != requirementValue("ksf", "2010", "c1") ||
			form.Get("req-rows") != "4" || form.Get("activities") != "Assesses patients and plans their care\nGives medicines" {
			t.Fatalf("the edit form does not hold the role: %v", form)
		}
		// Add a competence requirement in the first empty row and change the level.
		form.Set("req-1-competence", requirementValue("ksf", "2010", "c3"))
		form.Set("req-1-level", requirementValue("ksf", "2010", "level-1"))
		form.Set("req-1-essential", "desirable")
		form.Set("level", "6")
		form.Set("action", "save")
		res := c.post(path, form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the change: %d %q", res.StatusCode, errorSummary(t, res))
		}
		v2, _ := fx.db.Role(t.Context(), role.ID)
		if v2.Version != 2 || v2.Level != 6 || len(v2.Requirements) != 2 {
			t.Fatalf("after the change: %+v", v2)
		}

		// The same form again is based on version 1: refused, the typed values kept, and what
		// the other save changed is shown.
		form.Set("title", "Senior staff nurse")
		stale := c.post(path, form)
		if stale.StatusCode != http.StatusConflict {
			t.Fatalf("stale save: %d", stale.StatusCode)
		}
		sdoc := stale.doc(t)
		if v, _ := sdoc.Find("#title").Attr("value"); v != "Senior staff nurse" {
			t.Errorf("the stale save lost the title typed: %q", v)
		}
		if v, _ := sdoc.Find(`input[name=version]`).Attr("value"); v != "2" {
			t.Errorf("after a conflict the form carries version %q, want the stored 2", v)
		}
		callout := sdoc.Find(".nhsuk-warning-callout").Text()
		if !strings.Contains(callout, "orgAdmin user saved version 2") || !strings.Contains(callout, "Added requirement KSF C3") {
			t.Errorf("the conflict does not show the stored version: %q", callout)
		}
		if got, _ := fx.db.Role(t.Context(), role.ID); got.Title != "Staff nurse" || got.Version != 2 {
			t.Errorf("the stale save changed the role: %q version %d", got.Title, got.Version)
		}
		// Saving again from the conflict page replaces it knowingly; a saved requirement is removed.
		again := formValues(t, sdoc, "form.wf-role-form")
		again.Set("req-0-remove", "yes")
		again.Set("action", "save")
		if res := c.post(path, again); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving again: %d %q", res.StatusCode, errorSummary(t, res))
		}
		v3, _ := fx.db.Role(t.Context(), role.ID)
		if v3.Version != 3 || v3.Title != "Senior staff nurse" || len(v3.Requirements) != 1 || v3.Requirements[0].NodeKey != "c3" {
			t.Fatalf("after saving again: %+v", v3)
		}

		hist := c.get(path + "/history")
		rows := hist.doc(t).Find("tbody tr")
		if rows.Length() != 3 {
			t.Fatalf("history has %d versions, want 3", rows.Length())
		}
		newest, middle := rows.Eq(0).Text(), rows.Eq(1).Text()
		for _, want := range []string{"Title changed from \"Staff nurse\" to \"Senior staff nurse\"", "Removed requirement KSF C1 Communication", "orgAdmin user"} {
			if !strings.Contains(newest, want) {
				t.Errorf("version 3 in the history lacks %q: %q", want, newest)
			}
		}
		for _, want := range []string{"Level changed from 5 to 6", "Added requirement KSF C3", "(desirable)"} {
			if !strings.Contains(middle, want) {
				t.Errorf("version 2 in the history lacks %q: %q", want, middle)
			}
		}

		// Publishing is a new version too, and needs the version the page showed.
		if res := c.post(path+"/status", url.Values{"status": {"published"}, "version": {"2"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("publishing from a stale page: %d, want 409", res.StatusCode)
		}
		if res := c.post(path+"/status", url.Values{"status": {"published"}, "version": {"3"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publishing: %d %q", res.StatusCode, errorSummary(t, res))
		}
		if got, _ := fx.db.Role(t.Context(), role.ID); got.Status != workforce.StatusPublished || got.Version != 4 {
			t.Errorf("after publishing: %s version %d", got.Status, got.Version)
		}
	})
}

func TestSearchRoles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.role(staffNurseRole(fx.orgA.ID))
		hca := fx.role(workforce.Role{OrganisationID: fx.teamA.ID, Title: "Healthcare assistant", StaffGroup: "Additional Clinical Services",
			Level: 2, Band: "3", Requirements: []workforce.Requirement{ksfReq("hwb5", "level-1", true)}})
		other := staffNurseRole(fx.orgB.ID)
		other.Title = "Staff nurse of Trust B"
		fx.role(other)

		adminA := fx.signedIn("orgAdmin")
		titles := func(res response) []string {
			var out []string
			res.doc(t).Find("table.wf-role-results tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
				out = append(out, s.Text())
			})
			return out
		}
		res := adminA.get("/roles?q=nurse")
		if got := titles(res); len(got) != 1 || got[0] != "Staff nurse" {
			t.Errorf("Trust A searching for nurse: %q", got)
		}
		if strings.Contains(res.body, "Trust B") {
			t.Errorf("Trust A's administrator sees Trust B in the results")
		}
		// By competence name: "Communication" is KSF C1's title, in no title or activity.
		if got := titles(adminA.get("/roles?q=communication")); len(got) != 1 || got[0] != "Staff nurse" {
			t.Errorf("searching by competence name: %q", got)
		}
		if got := titles(adminA.get("/roles?level=2")); len(got) != 1 || got[0] != "Healthcare assistant" {
			t.Errorf("level 2: %q", got)
		}
		if got := titles(adminA.get("/roles?staff_group=" + url.QueryEscape("Nursing and Midwifery Registered"))); len(got) != 1 {
			t.Errorf("staff group filter: %q", got)
		}
		// The staff member of Team A sees only Team A's role; Trust B's administrator only theirs.
		if got := titles(fx.signedIn("staff").get("/roles")); len(got) != 1 || got[0] != hca.Title {
			t.Errorf("staff member of Team A sees %q", got)
		}
		if got := titles(fx.signedIn("adminB").get("/roles?q=nurse")); len(got) != 1 || got[0] != "Staff nurse of Trust B" {
			t.Errorf("Trust B's administrator sees %q", got)
		}
		// A site administrator sees every organisation, so the search asks for all of them
		// (store.RoleQuery.AllOrganisations) and finds both trusts' nurses; an organisation
		// chosen still narrows it.
		site := fx.signedIn("siteAdmin")
		if got := titles(site.get("/roles?q=nurse")); len(got) != 2 || !slices.Contains(got, "Staff nurse of Trust B") {
			t.Errorf("the site administrator searching for nurse: %q", got)
		}
		if got := titles(site.get(fmt.Sprintf("/roles?q=nurse&org=%d", fx.orgB.ID))); len(got) != 1 || got[0] != "Staff nurse of Trust B" {
			t.Errorf("the site administrator searching Trust B: %q", got)
		}
		// Asking for Trust B's organisation by id is ignored, not obeyed.
		if got := titles(adminA.get(fmt.Sprintf("/roles?org=%d", fx.orgB.ID))); len(got) != 2 {
			t.Errorf("a search for another organisation's roles gave %q", got)
		}

		// Pagination: 25 more roles make two pages.
		for i := range 25 {
			fx.role(workforce.Role{OrganisationID: fx.serviceA.ID, Title: fmt.Sprintf("Porter %02d", i), StaffGroup: "Estates and Ancillary", Level: 1})
		}
		first := adminA.get("/roles?level=1")
		fdoc := first.doc(t)
		if n := fdoc.Find("table.wf-role-results tbody tr").Length(); n != rolePageSize {
			t.Errorf("first page has %d rows", n)
		}
		next, ok := fdoc.Find(".nhsuk-pagination__next").Attr("href")
		if !ok || fdoc.Find(`.nhsuk-pagination__link[aria-current=page]`).Text() != "1" {
			t.Fatalf("no pagination on the first page")
		}
		second := adminA.get(next)
		if got := titles(second); len(got) != 5 || got[4] != "Porter 24" {
			t.Errorf("second page: %q", got)
		}
		if !strings.Contains(second.body, "Showing 21 to 25 of 25") {
			t.Errorf("second page does not say which results it shows")
		}
	})
}

func TestRoleLadder(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		mk := func(org int64, title string, level int, group, status string) {
			fx.role(workforce.Role{OrganisationID: org, Title: title, Level: level, StaffGroup: group, Status: status})
		}
		mk(fx.orgA.ID, "HCA", 2, "Additional Clinical Services", "")
		mk(fx.orgA.ID, "Senior HCA", 3, "Additional Clinical Services", "published")
		mk(fx.teamA.ID, "Therapy assistant", 3, "Additional Clinical Services", "")
		mk(fx.orgA.ID, "Receptionist", 3, "Administrative and Clerical", "")
		mk(fx.orgA.ID, "Apprentice", 0, "", "")
		mk(fx.orgA.ID, "Old role", 3, "Administrative and Clerical", "retired")
		mk(fx.orgB.ID, "Other trust", 3, "Administrative and Clerical", "")

		res := fx.signedIn("orgAdmin").get("/roles/levels")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("ladder: %d", res.StatusCode)
		}
		doc := res.doc(t)
		var heads []string
		doc.Find("table.wf-ladder thead th").Each(func(_ int, s *goquery.Selection) { heads = append(heads, strings.TrimSpace(s.Text())) })
		want := []string{"Level", "Additional Clinical Services", "Administrative and Clerical", "No staff group given", "All staff groups"}
		if strings.Join(heads, "|") != strings.Join(want, "|") {
			t.Errorf("columns %q, want %q", heads, want)
		}
		rows := doc.Find("table.wf-ladder tbody tr")
		if rows.Length() != 10 { // 9 to 1, then not placed
			t.Fatalf("%d rows, want 10", rows.Length())
		}
		if !strings.Contains(rows.Eq(0).Find("th").Text(), "Level 9") || !strings.Contains(rows.Eq(8).Find("th").Text(), "Level 1") {
			t.Errorf("levels are not from 9 at the top to 1 at the bottom")
		}
		if !strings.Contains(rows.Eq(8).Find("th").Text(), "Cadet") {
			t.Errorf("level 1 lacks the Career Framework's indicative titles: %q", rows.Eq(8).Find("th").Text())
		}
		counts := func(row *goquery.Selection) []string {
			var out []string
			row.Find("td").Each(func(_ int, s *goquery.Selection) {
				s = s.Clone()
				s.Find(".nhsuk-u-visually-hidden").Remove()
				out = append(out, strings.TrimSpace(s.Text()))
			})
			return out
		}
		level3 := rows.Eq(6)
		if got := counts(level3); strings.Join(got, " ") != "2 1 0 3" {
			t.Errorf("level 3 counts %q, want 2 1 0 3 (retired and Trust B's roles left out)", got)
		}
		if got := counts(rows.Eq(9)); strings.Join(got, " ") != "0 0 1 1" {
			t.Errorf("not placed counts %q", got)
		}
		// A site administrator's ladder counts every organisation's roles (Trust B's too).
		site := fx.signedIn("siteAdmin").get("/roles/levels").doc(t).Find("table.wf-ladder tbody tr")
		if got := counts(site.Eq(6)); strings.Join(got, " ") != "2 2 0 4" {
			t.Errorf("the site administrator's level 3 counts %q, want 2 2 0 4", got)
		}
		link, _ := level3.Find("td").First().Find("a").Attr("href")
		found := fx.signedIn("orgAdmin").get(link)
		if n := found.doc(t).Find("table.wf-role-results tbody tr").Length(); n != 2 {
			t.Errorf("the count 2 links to %s, which lists %d roles", link, n)
		}
	})
}

func TestExportRoles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		nurse := staffNurseRole(fx.orgA.ID)
		nurse.Requirements = append(nurse.Requirements, ksfReq("c3", "level-1", false))
		fx.role(nurse)
		fx.role(workforce.Role{OrganisationID: fx.teamA.ID, Title: "=HYPERLINK(\"http://evil.example\")", Level: 2})
		other := staffNurseRole(fx.orgB.ID)
		other.Title = "Staff nurse of Trust B"
		fx.role(other)
		c := fx.signedIn("orgAdmin")

		list := c.get("/roles")
		href, ok := list.doc(t).Find(`a[href^="/roles/export"][href*="format=xlsx"]`).Attr("href")
		if !ok {
			t.Fatalf("no XLSX export link on the search page")
		}
		res := c.get(href)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("XLSX export: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		x, err := excelize.OpenReader(strings.NewReader(res.body))
		if err != nil {
			t.Fatalf("the XLSX export does not open: %v", err)
		}
		defer x.Close()
		rows, err := x.GetRows("Role list")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0][1] != "Title" {
			t.Fatalf("XLSX rows: %q", rows)
		}
		byTitle := map[string][]string{}
		for _, r := range rows[1:] {
			byTitle[r[1]] = r
		}
		row := byTitle["Staff nurse"]
		col := func(name string) int {
			for i, c := range roleExportColumns {
				if c == name {
					return i
				}
			}
			t.Fatalf("no column %q", name)
			return 0
		}
		if row == nil || row[col("Organisation")] != "Trust A" || row[col("Career Framework level")] != "5" ||
			row[col("Essential competences")] != "KSF C1 Communication at Level 2" ||
			row[col("Desirable competences")] != "KSF C3 Health, safety and security at Level 1" {
			t.Errorf("the staff nurse's row: %q", row)
		}
		// A cell a spreadsheet could run as a formula is text with an apostrophe in front.
		if byTitle[`'=HYPERLINK("http://evil.example")`] == nil {
			t.Errorf("formula-like title not protected: %q", rows)
		}
		for r := 2; r <= 3; r++ {
			if f, _ := x.GetCellFormula("Role list", "B"+strconv.Itoa(r)); f != "" {
				t.Errorf("B%d holds a formula %q", r, f)
			}
		}
		// The same file imported again as it is, into Trust A: its staff nurse is found unchanged;
		// Team A's role is new to Trust A (an import goes into the one organisation chosen).
		again := c.postMultipart("/roles/import", map[string]string{"organisation": fmt.Sprint(fx.orgA.ID)},
			map[string]fileUpload{"roles-file": {"roles.xlsx", res.body}})
		if !strings.Contains(again.body, "1 role will be added, 0 updated and 1 is unchanged") {
			t.Errorf("re-importing the export: %d %v %s", again.StatusCode, errorSummary(t, again), again.doc(t).Find("#plan").Text())
		}

		// CSV: the same rows for the same search, here narrowed to level 5.
		res = c.get("/roles/export?format=csv&level=5")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV export: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(res.body), []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 2 || records[1][1] != "Staff nurse" || records[1][col("Work activities")] != "Assesses patients and plans their care\nGives medicines" {
			t.Errorf("CSV records: %q", records)
		}
		if res := c.get("/roles/export?format=pdf"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown format: %d", res.StatusCode)
		}
		if strings.Contains(c.get("/roles/export?format=csv").body, "Trust B") {
			t.Errorf("Trust A's export holds Trust B's role")
		}
	})
}

func TestCopySharedPartnerRole(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		shared := staffNurseRole(fx.orgB.ID)
		shared.Title, shared.Shared, shared.Status = "Research nurse", true, workforce.StatusPublished
		src := fx.role(shared)
		private := fx.role(workforce.Role{OrganisationID: fx.orgB.ID, Title: "Matron", Status: workforce.StatusPublished})
		adminA := fx.signedIn("orgAdmin")

		// Before the trusts are partners, Trust B's shared role does not exist for Trust A.
		if res := adminA.get(rolePath(src.ID)); res.StatusCode != http.StatusNotFound {
			t.Fatalf("shared role of a non-partner: %d, want 404", res.StatusCode)
		}
		if _, err := fx.db.CreatePartnership(ctx, store.Actor{}, store.Partnership{Name: "North ICS"}, []int64{fx.orgA.ID, fx.orgB.ID}); err != nil {
			t.Fatal(err)
		}
		list := adminA.get("/roles?q=nurse")
		if !strings.Contains(list.body, "Research nurse") || !strings.Contains(list.body, "Shared by a partner") {
			t.Errorf("the partner's shared role is not in the search, marked as shared")
		}
		if strings.Contains(adminA.get("/roles?q=nurse&org=own").body, "Research nurse") {
			t.Errorf("the partner's role is listed under only your organisations")
		}
		page := adminA.get(rolePath(src.ID))
		if page.StatusCode != http.StatusOK {
			t.Fatalf("partner's shared role: %d", page.StatusCode)
		}
		if page.doc(t).Find(`a[href$="/edit"]`).Length() != 0 {
			t.Errorf("a partner is offered to change the role")
		}
		if res := adminA.get(rolePath(private.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("partner's role that is not shared: %d, want 404", res.StatusCode)
		}
		// Who changed a partner's role is the partner's business.
		if hist := adminA.get(rolePath(src.ID) + "/history"); !strings.Contains(hist.body, "someone at Trust B") {
			t.Errorf("the partner's history does not hide who saved it")
		}

		// Copying into an organisation one does not plan for is refused.
		if res := fx.signedIn("staff").post(rolePath(src.ID)+"/copy", url.Values{"organisation": {strconv.FormatInt(fx.teamA.ID, 10)}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff member copying: %d, want 403", res.StatusCode)
		}
		res := adminA.post(rolePath(src.ID)+"/copy", url.Values{"organisation": {strconv.FormatInt(fx.serviceA.ID, 10)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("copy: %d %q", res.StatusCode, errorSummary(t, res))
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/roles/"), 10, 64)
		cp, err := fx.db.Role(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if cp.CopiedFromID != src.ID || cp.OrganisationID != fx.serviceA.ID || cp.Status != workforce.StatusDraft || cp.Shared ||
			len(cp.Requirements) != len(src.Requirements) {
			t.Errorf("copy = %+v", cp)
		}
		show := adminA.get(res.Header.Get("Location"))
		if href, _ := show.doc(t).Find(".nhsuk-summary-list a[href^='/roles/']").Attr("href"); href != rolePath(src.ID) ||
			!strings.Contains(show.body, "of Trust B") {
			t.Errorf("the copy does not link to where it came from")
		}
		if hist := adminA.get(res.Header.Get("Location") + "/history"); !strings.Contains(hist.body, "Copied from") {
			t.Errorf("the copy's history does not say where it came from")
		}
	})
}

func TestPaginate(t *testing.T) {
	href := func(n int) string { return strconv.Itoa(n) }
	show := func(p *pagination) string {
		if p == nil {
			return "none"
		}
		var parts []string
		for _, it := range p.Items {
			switch {
			case it.Ellipsis:
				parts = append(parts, "…")
			case it.Current:
				parts = append(parts, "["+it.Href+"]")
			default:
				parts = append(parts, it.Href)
			}
		}
		return p.Previous + "<" + strings.Join(parts, " ") + ">" + p.Next
	}
	for _, c := range []struct {
		current, pages int
		want           string
	}{
		{1, 1, "none"},
		{1, 2, "<[1] 2>2"},
		{1, 9, "<[1] 2 … 9>2"},
		{5, 9, "4<1 … 4 [5] 6 … 9>6"},
		{3, 9, "2<1 2 [3] 4 … 9>4"},
		{9, 9, "8<1 … 8 [9]>"},
	} {
		if got := show(paginate(c.current, c.pages, href)); got != c.want {
			t.Errorf("page %d of %d: %s, want %s", c.current, c.pages, got, c.want)
		}
	}
}
