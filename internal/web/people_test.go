package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// matrixPerson is the person the permission matrix opens for /people/{id}: a member of Team A
// in Trust A with one self-assessed competence, made the first time it is asked for. Trust A's
// administrator and the site administrator manage them; the staff persona is a colleague who
// may not see them (ownPerson links the record to the staff persona's account).
func (fx *fixture) matrixPerson() (workforce.Person, workforce.PortfolioEntry) {
	fx.t.Helper()
	ctx := fx.t.Context()
	page, err := fx.db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{fx.orgA.ID}, Search: "M0001"})
	if err != nil {
		fx.t.Fatal(err)
	}
	if len(page.People) == 1 {
		p := page.People[0]
		es, err := fx.db.Portfolio(ctx, p.ID)
		if err != nil || len(es) == 0 {
			fx.t.Fatalf("matrix person's portfolio: %v", err)
		}
		return p, es[0]
	}
	role := fx.matrixRole()
	p := fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "M0001", Name: "Morgan Matrix",
		Assignments: []workforce.Assignment{{RoleID: role.ID, TeamID: fx.teamA.ID, FTE: 100, Start: "2020-01-01"}}})
	e, err := fx.db.AddPortfolioEntry(ctx, store.Actor{}, workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: "ksf", FrameworkVersion: "2010",
		NodeKey: "c1", LevelKey: "level-1", Evidence: workforce.EvidenceSelf, Achieved: "2022-01-01"})
	if err != nil {
		fx.t.Fatal(err)
	}
	return p, e
}

// ownPerson is the matrix person linked to the staff persona's account: their own record.
func (fx *fixture) ownPerson() (workforce.Person, workforce.PortfolioEntry) {
	fx.t.Helper()
	p, e := fx.matrixPerson()
	if p.UserID == fx.users["staff"].ID {
		return p, e
	}
	p.UserID = fx.users["staff"].ID
	p, err := fx.db.UpdatePerson(fx.t.Context(), store.Actor{}, p)
	if err != nil {
		fx.t.Fatal(err)
	}
	return p, e
}

func (fx *fixture) person(p workforce.Person) workforce.Person {
	fx.t.Helper()
	saved, err := fx.db.CreatePerson(fx.t.Context(), store.Actor{}, p)
	if err != nil {
		fx.t.Fatalf("creating person %q: %v", p.Name, err)
	}
	return saved
}

// peopleOfBoth gives each trust a role, a team and a person called Alex (Trust A's in Team A).
func (fx *fixture) peopleOfBoth() (a, b workforce.Person, roleA workforce.Role) {
	fx.t.Helper()
	roleA = fx.role(staffNurseRole(fx.orgA.ID))
	roleB := fx.role(staffNurseRole(fx.orgB.ID))
	teamB, err := fx.db.CreateOrganisation(fx.t.Context(), store.Actor{}, store.Organisation{Name: "Team B", Kind: store.KindTeam, ParentID: fx.orgB.ID})
	if err != nil {
		fx.t.Fatal(err)
	}
	a = fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "A0001", Name: "Alex Alpha", WorkEmail: "alex@a.example",
		Assignments: []workforce.Assignment{{RoleID: roleA.ID, TeamID: fx.teamA.ID, FTE: 100, Start: "2020-01-01"}}})
	b = fx.person(workforce.Person{OrganisationID: fx.orgB.ID, StaffNumber: "B0001", Name: "Alex Bravo", WorkEmail: "alex@b.example",
		Assignments: []workforce.Assignment{{RoleID: roleB.ID, TeamID: teamB.ID, FTE: 100, Start: "2020-01-01"}}})
	return a, b, roleA
}

// TestPeopleNeverLeakAcrossOrganisations: another organisation's people never appear in the
// list, a search, an export or a person page, and a member of staff sees only their own record.
func TestPeopleNeverLeakAcrossOrganisations(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		a, b, _ := fx.peopleOfBoth()
		admin := fx.signedIn("orgAdmin")
		for _, path := range []string{"/people", "/people?q=alex", "/people?q=B0001", "/people/export?format=csv"} {
			res := admin.get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			// The search box repeats what was typed; the results must not hold B's person.
			body := strings.ReplaceAll(res.body, `value="B0001"`, "")
			if strings.Contains(body, "Bravo") || strings.Contains(body, "B0001") || strings.Contains(body, "alex@b.example") {
				t.Errorf("%s shows Trust B's person to Trust A's administrator", path)
			}
		}
		if res := admin.get("/people?q=B0001"); !strings.Contains(res.body, "No people found") {
			t.Error("searching for Trust B's staff number finds someone")
		}
		if res := admin.get("/people?q=alex"); !strings.Contains(res.body, "Alex Alpha") {
			t.Error("search does not find Trust A's own person")
		}
		if res := admin.get("/people/export?format=csv"); !strings.Contains(res.body, "A0001") {
			t.Errorf("export lacks Trust A's person: %s", res.body)
		}
		for _, path := range []string{personPath(b.ID), personPath(b.ID) + "/edit", personPath(b.ID) + "/data", personPath(b.ID) + "/data?format=json", personPath(b.ID) + "/erase"} {
			if res := admin.get(path); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust A's administrator opening %s: %d, want 404", path, res.StatusCode)
			}
		}
		if res := admin.post(personPath(b.ID)+"/erase", url.Values{"confirm": {"yes"}, "version": {"1"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("erasing Trust B's person: %d", res.StatusCode)
		}
		if _, err := fx.db.Person(t.Context(), b.ID); err != nil {
			t.Fatalf("Trust B's person is gone: %v", err)
		}

		// The staff member of Team A manages no one: no list, and Alex's record is not theirs.
		staff := fx.signedIn("staff")
		if res := staff.get("/people"); strings.Contains(res.body, "Alex") || !strings.Contains(res.body, "do not manage any staff") {
			t.Errorf("a staff member's people list: %s", res.body)
		}
		if res := staff.get(personPath(a.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("a staff member opening a colleague's record: %d", res.StatusCode)
		}
		if res := staff.get("/people/export?format=csv"); strings.Contains(res.body, "Alex") {
			t.Errorf("a staff member's export holds colleagues")
		}
		// Their own record, once linked.
		if res := staff.get("/my-portfolio"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "do not have a portfolio yet") {
			t.Errorf("my portfolio without a record: %d", res.StatusCode)
		}
		mine, _ := fx.ownPerson()
		if res := staff.get("/my-portfolio"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != personPath(mine.ID) {
			t.Errorf("my portfolio: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		own := staff.get(personPath(mine.ID))
		if own.StatusCode != http.StatusOK || !strings.Contains(own.body, "Morgan Matrix") {
			t.Fatalf("a staff member opening their own record: %d", own.StatusCode)
		}
		if strings.Contains(own.body, "/edit") || strings.Contains(own.body, "/erase") {
			t.Error("a staff member is offered to change or erase their record")
		}
		if res := staff.post(personPath(mine.ID), url.Values{"staff_number": {"X"}, "name": {"Self Renamed"}, "version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a staff member changing their own record: %d, want 403 (staff manage no people)", res.StatusCode)
		}
	})
}

func TestPersonFormsKeepValuesAndCatchConflicts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		role := fx.role(staffNurseRole(fx.orgA.ID))
		admin := fx.signedIn("orgAdmin")
		if res := admin.get("/people/new"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Staff nurse") || !strings.Contains(res.body, "Team A") {
			t.Fatalf("new person form: %d", res.StatusCode)
		}
		bad := url.Values{
			"organisation": {fmt.Sprint(fx.orgA.ID)}, "staff_number": {"12 34"}, "name": {"Kim Kappa"}, "work_email": {"not an email"},
			"assignments-0-role": {fmt.Sprint(role.ID)}, "assignments-0-team": {fmt.Sprint(fx.teamA.ID)},
			"assignments-0-fte": {"1.5"}, "assignments-0-start_date": {"31/02/2024"}, "assignments-0-end_date": {""},
		}
		res := admin.post("/people", bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad person: %d", res.StatusCode)
		}
		errs := strings.Join(errorSummary(t, res), "\n")
		for _, want := range []string{"Staff number must contain only", "work email", "Start date of assignment 1", "FTE of assignment 1 must be from 0.01 to 1.00"} {
			if !strings.Contains(errs, want) {
				t.Errorf("error summary lacks %q:\n%s", want, errs)
			}
		}
		doc := res.doc(t)
		if v, _ := doc.Find("#name").Attr("value"); v != "Kim Kappa" {
			t.Errorf("name not kept: %q", v)
		}
		if v, _ := doc.Find("#assignments-0-fte").Attr("value"); v != "1.5" {
			t.Errorf("FTE not kept: %q", v)
		}
		if doc.Find(`.nhsuk-error-summary a[href="#assignments-0-start_date"]`).Length() != 1 {
			t.Error("the start date error does not link to its field")
		}

		good := url.Values{
			"organisation": {fmt.Sprint(fx.orgA.ID)}, "staff_number": {"K0001"}, "name": {"Kim Kappa"}, "work_email": {"kim@a.example"},
			"assignments-0-role": {fmt.Sprint(role.ID)}, "assignments-0-team": {fmt.Sprint(fx.teamA.ID)},
			"assignments-0-fte": {"0.8"}, "assignments-0-start_date": {"01/04/2023"}, "assignments-0-end_date": {""},
			"assignments-1-role": {""}, "assignments-1-team": {""}, "assignments-1-fte": {""}, "assignments-1-start_date": {""}, "assignments-1-end_date": {""},
		}
		res = admin.post("/people", good)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("good person: %d %v", res.StatusCode, errorSummary(t, res))
		}
		path := res.Header.Get("Location")
		show := admin.get(path)
		if !strings.Contains(show.body, "Kim Kappa") || !strings.Contains(show.body, "0.80") || !strings.Contains(show.body, "1 April 2023") {
			t.Fatalf("person page lacks the saved values")
		}
		// The same staff number again is refused with the values kept.
		if res := admin.post("/people", good); res.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, res), ""), "already a person with staff number K0001") {
			t.Errorf("duplicate staff number: %d %v", res.StatusCode, errorSummary(t, res))
		}

		// Two editors: the second save, from version 1, is a conflict that saves nothing.
		edit := url.Values{}
		for k, v := range good {
			edit[k] = v
		}
		edit.Set("version", "1")
		edit.Set("name", "Kim Kappa-Lambda")
		if res := admin.post(path, edit); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first edit: %d %v", res.StatusCode, errorSummary(t, res))
		}
		edit.Set("name", "Kim Overwritten")
		res = admin.post(path, edit)
		if res.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, res), ""), "Someone else changed") {
			t.Fatalf("stale edit: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#name").Attr("value"); v != "Kim Overwritten" {
			t.Errorf("the stale edit's values are not kept: %q", v)
		}
		if show := admin.get(path); !strings.Contains(show.body, "Kim Kappa-Lambda") || strings.Contains(show.body, "Overwritten") {
			t.Error("a stale edit overwrote the record")
		}
	})
}

func TestPortfolioConfirmationAndGapAnalysis(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		mine, entry := fx.ownPerson()
		nurse := staffNurseRole(fx.orgA.ID)
		nurse.Requirements = []workforce.Requirement{ksfReq("c1", "level-2", true), ksfReq("c3", "level-2", true)}
		target := fx.role(nurse)
		staff := fx.signedIn("staff")
		path := personPath(mine.ID)

		// The member of staff adds a competence to their own record: it is self assessed.
		res := staff.post(path+"/portfolio", url.Values{"competence": {"ksf@2010#c3"}, "level_key": {"level-2"}, "evidence": {"confirmed"},
			"achieved": {"2024-02-01"}, "review_by": {"2000-01-01"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), ""), "review or expiry date must be after") {
			t.Fatalf("bad entry: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := staff.post(path+"/portfolio", url.Values{"competence": {"ksf@2010#c3"}, "level_key": {"level-2"}, "evidence": {"confirmed"},
			"achieved": {"2024-02-01"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("own entry: %d %v", res.StatusCode, errorSummary(t, res))
		}
		es, _ := fx.db.Portfolio(t.Context(), mine.ID)
		for _, e := range es {
			if e.Evidence != workforce.EvidenceSelf {
				t.Errorf("a staff member's own entry is %s", e.Evidence)
			}
		}
		// They cannot confirm it themselves.
		if res := staff.post(fmt.Sprintf("%s/portfolio/%d/confirm", path, entry.ID), url.Values{"version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("self confirmation: %d, want 403 (staff manage no people)", res.StatusCode)
		}

		// Their manager (Trust A's administrator) confirms one: who and when are recorded.
		admin := fx.signedIn("orgAdmin")
		if res := admin.post(fmt.Sprintf("%s/portfolio/%d/confirm", path, entry.ID), url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.StatusCode)
		}
		if res := admin.post(fmt.Sprintf("%s/portfolio/%d/confirm", path, entry.ID), url.Values{"version": {"1"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("confirming a stale version: %d", res.StatusCode)
		}
		page := admin.get(path + "?role=" + fmt.Sprint(target.ID))
		if !strings.Contains(page.body, "Confirmed by orgAdmin user") {
			t.Error("the page does not say who confirmed the competence")
		}
		// C1 held at level 1 of a required 2 (half of weight 2) and C3 met (2): 3 of 4 → 75%.
		doc := page.doc(t)
		gap := doc.Find("section.wf-gap").Last()
		if !strings.Contains(gap.Text(), "Readiness 75%") || !strings.Contains(gap.Text(), "Partly met (50%)") {
			t.Errorf("gap analysis against %s: %q", target.Title, gap.Text())
		}
		if gap.Find("svg[role=img] title").Length() != 1 || gap.Find("svg rect").Length() != 4 {
			t.Error("the gap chart is missing or has no accessible title")
		}
	})
}

func uploadPeople(t *testing.T, c *client, orgID int64, filename, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("organisation", fmt.Sprint(orgID))
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+"/people/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestPeopleImportReportsRowsThenUpserts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.role(staffNurseRole(fx.orgA.ID))
		admin := fx.signedIn("orgAdmin")
		if res := admin.get("/people/import"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Employee Number") {
			t.Fatalf("import page: %d", res.StatusCode)
		}
		head := "Employee Number,Full Name,Work Email,Position Title,Organisation,FTE,Assignment Start Date,Assignment End Date\n"
		bad := head + "I001,Ida One,,Staff nurse,Team A,1,2021-01-01,\n" +
			"I002,Ian Two,,Staff nurse,Team Z,0.5,2021-01-01,\n" +
			"I003,Iris Three,,Staff nurse,Team A,2,2021-01-01,\n"
		res := uploadPeople(t, admin, fx.orgA.ID, "staff.csv", bad)
		errs := strings.Join(errorSummary(t, res), "\n")
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errs, "line 4: fte: must be from 0.01 to 1.00") {
			t.Fatalf("bad file: %d\n%s", res.StatusCode, errs)
		}
		// Parsing stops at the first stage with problems; fix the FTE and the unknown team shows.
		bad = strings.Replace(bad, "Team A,2,", "Team A,1,", 1)
		res = uploadPeople(t, admin, fx.orgA.ID, "staff.csv", bad)
		if errs := strings.Join(errorSummary(t, res), "\n"); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errs, `line 3: organisation: no team called "Team Z"`) {
			t.Fatalf("unknown team: %d\n%s", res.StatusCode, errs)
		}
		if page, _ := fx.db.SearchPeople(t.Context(), store.PersonQuery{OrganisationIDs: []int64{fx.orgA.ID}}); page.Total != 0 {
			t.Fatalf("a refused file saved %d people", page.Total)
		}
		good := strings.Replace(bad, "Team Z", "Team A", 1)
		if res := uploadPeople(t, admin, fx.orgA.ID, "staff.csv", good); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("good file: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if list := admin.get("/people"); !strings.Contains(list.body, "3 people added") || !strings.Contains(list.body, "Iris Three") {
			t.Errorf("after the import: %s", list.body)
		}
		// The same file again updates nothing and adds no one.
		uploadPeople(t, admin, fx.orgA.ID, "staff.csv", good)
		if page, _ := fx.db.SearchPeople(t.Context(), store.PersonQuery{OrganisationIDs: []int64{fx.orgA.ID}}); page.Total != 3 {
			t.Errorf("%d people after importing the file twice", page.Total)
		}
		// Into an organisation the viewer does not manage: refused.
		if res := uploadPeople(t, admin, fx.orgB.ID, "staff.csv", good); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("import into Trust B: %d", res.StatusCode)
		}
		// The export imports again unchanged.
		exp := admin.get("/people/export?format=csv")
		if res := uploadPeople(t, admin, fx.orgA.ID, "people.csv", strings.TrimPrefix(exp.body, "\ufeff")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("re-importing the export: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if list := admin.get("/people"); !strings.Contains(list.body, "0 people added, 0 updated, 3 unchanged") {
			t.Errorf("re-importing the export changed something")
		}
	})
}

func TestPersonDataExportAndErasure(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		mine, _ := fx.ownPerson()
		staff := fx.signedIn("staff")
		page := staff.get(personPath(mine.ID) + "/data")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "M0001") || !strings.Contains(page.body, "staff@a.example") {
			t.Fatalf("own data page: %d", page.StatusCode)
		}
		res := staff.get(personPath(mine.ID) + "/data?format=json")
		var d struct {
			Person    workforce.Person           `json:"person"`
			Portfolio []workforce.PortfolioEntry `json:"portfolio"`
			Audit     []json.RawMessage          `json:"audit_log"`
		}
		if err := json.Unmarshal([]byte(res.body), &d); err != nil || d.Person.StaffNumber != "M0001" || len(d.Portfolio) != 1 || len(d.Audit) == 0 {
			t.Fatalf("own data JSON: %v %+v", err, d)
		}

		admin := fx.signedIn("orgAdmin")
		if res := admin.get(personPath(mine.ID) + "/erase"); res.StatusCode != http.StatusOK {
			t.Fatalf("erase page: %d", res.StatusCode)
		}
		if res := admin.post(personPath(mine.ID)+"/erase", url.Values{"version": {fmt.Sprint(mine.Version)}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("erase without confirming: %d", res.StatusCode)
		}
		if res := admin.post(personPath(mine.ID)+"/erase", url.Values{"version": {fmt.Sprint(mine.Version)}, "confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("erase: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := admin.get(personPath(mine.ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("erased person's page: %d", res.StatusCode)
		}
		log, _ := fx.db.AuditLog(t.Context(), store.AuditFilter{Limit: 1000})
		found := false
		for _, e := range log {
			if strings.Contains(e.Summary, "Morgan Matrix") {
				t.Errorf("audit summary names the erased person: %q", e.Summary)
			}
			found = found || (e.Action == "erase" && e.EntityID == fmt.Sprint(mine.ID))
		}
		if !found {
			t.Error("the erasure is not in the audit log")
		}
	})
}

// TestPortfolioRemove: a member of staff removes their own self-assessed competence after a
// confirmation page, but not one a manager confirmed; a manager removes any; a stale version
// changes nothing; another trust's administrator finds nothing.
func TestPortfolioRemove(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		mine, entry := fx.ownPerson()
		staff := fx.signedIn("staff")
		path := personPath(mine.ID)
		removePath := fmt.Sprintf("%s/portfolio/%d/remove", path, entry.ID)

		if !strings.Contains(staff.get(path).body, removePath) {
			t.Fatal("the member of staff is not offered to remove their own entry")
		}
		confirm := staff.get(removePath)
		if confirm.StatusCode != http.StatusOK || !strings.Contains(confirm.doc(t).Find("h1").Text(), "from your portfolio") {
			t.Fatalf("confirmation page: %d %q", confirm.StatusCode, confirm.doc(t).Find("h1").Text())
		}
		if res := fx.signedIn("adminB").get(removePath); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust's administrator: %d, want 404", res.StatusCode)
		}
		if res := staff.post(removePath, url.Values{"version": {fmt.Sprint(entry.Version + 1)}}); res.StatusCode != http.StatusConflict {
			t.Errorf("stale version: %d, want 409", res.StatusCode)
		}
		if res := staff.post(removePath, url.Values{"version": {fmt.Sprint(entry.Version)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if es, _ := fx.db.Portfolio(t.Context(), mine.ID); len(es) != 0 {
			t.Errorf("the entry is still there: %+v", es)
		}

		// A confirmed entry is the manager's to remove.
		e, err := fx.db.AddPortfolioEntry(t.Context(), store.Actor{}, workforce.PortfolioEntry{PersonID: mine.ID, FrameworkKey: "ksf",
			FrameworkVersion: "2010", NodeKey: "c2", LevelKey: "level-1", Evidence: workforce.EvidenceSelf, Achieved: "2023-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		admin := fx.signedIn("orgAdmin")
		if res := admin.post(fmt.Sprintf("%s/portfolio/%d/confirm", path, e.ID), url.Values{"version": {fmt.Sprint(e.Version)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.StatusCode)
		}
		removeConfirmed := fmt.Sprintf("%s/portfolio/%d/remove", path, e.ID)
		if res := staff.get(removeConfirmed); res.StatusCode != http.StatusNotFound {
			t.Errorf("a member of staff removing a confirmed entry: %d, want 404", res.StatusCode)
		}
		if res := admin.post(removeConfirmed, url.Values{"version": {fmt.Sprint(e.Version + 1)}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the manager removes it: %d", res.StatusCode)
		}
		removed, err := fx.db.AuditLog(t.Context(), store.AuditFilter{Entity: store.EntityPortfolio, Action: store.ActionDelete})
		if err != nil {
			t.Fatal(err)
		}
		if len(removed) != 2 {
			t.Errorf("%d removals in the audit log, want 2", len(removed))
		}
	})
}
