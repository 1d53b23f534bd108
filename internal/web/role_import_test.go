package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type fileUpload struct{ name, data string }

// postMultipart sends a multipart form as a same-origin browser would: fields, then files.
func (c *client) postMultipart(path string, fields map[string]string, files map[string]fileUpload) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			c.t.Fatal(err)
		}
	}
	for field, f := range files {
		w, err := mw.CreateFormFile(field, f.name)
		if err != nil {
			c.t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			c.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		c.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.base+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// hiddenFields reads the hidden inputs of the confirmation form.
func hiddenFields(t *testing.T, doc *goquery.Document) map[string]string {
	t.Helper()
	out := map[string]string{}
	doc.Find(`form[action="/roles/import/confirm"] input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		value, _ := s.Attr("value")
		out[name] = value
	})
	if len(out) == 0 {
		t.Fatal("no confirmation form")
	}
	return out
}

func (fx *fixture) rolesOf(orgID int64) map[string]workforce.Role {
	fx.t.Helper()
	page, err := fx.db.SearchRoles(fx.t.Context(), store.RoleQuery{OrganisationIDs: []int64{orgID}, Status: store.RoleStatusAny, Limit: 100})
	if err != nil {
		fx.t.Fatal(err)
	}
	out := map[string]workforce.Role{}
	for _, r := range page.Roles {
		if r.OrganisationID == orgID {
			out[r.Title] = r
		}
	}
	return out
}

func TestRoleImportTemplate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("orgAdmin")
		res := c.get("/roles/import/template?format=xlsx")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != xlsxMediaType {
			t.Fatalf("template: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		x, err := excelize.OpenReader(strings.NewReader(res.body))
		if err != nil {
			t.Fatal(err)
		}
		header, _ := x.GetRows("Roles")
		if len(header) != 1 || header[0][0] != "Title" {
			t.Errorf("Roles sheet: %v", header)
		}
		guide, _ := x.GetRows("Guide")
		var text strings.Builder
		for _, r := range guide {
			text.WriteString(strings.Join(r, "|") + "\n")
		}
		if !strings.Contains(text.String(), "Competence|C1|c1|Communication") {
			t.Errorf("the Guide does not list KSF C1:\n%.2000s", text.String())
		}
		for _, f := range []string{"roles-csv", "competences-csv"} {
			res := c.get("/roles/import/template?format=" + f)
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
				!strings.Contains(res.Header.Get("Content-Disposition"), "template.csv") {
				t.Errorf("%s: %d %v", f, res.StatusCode, res.Header)
			}
		}
		if res := c.get("/roles/import/template?format=pdf"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown template format: %d", res.StatusCode)
		}
		page := c.get("/roles/import")
		if page.StatusCode != http.StatusOK || page.doc(t).Find(`input[type=file]#roles-file`).Length() != 1 {
			t.Errorf("import page: %d", page.StatusCode)
		}
		// Someone who plans nowhere is told why they cannot import.
		if staff := fx.signedIn("staff").get("/roles/import"); staff.StatusCode != http.StatusForbidden ||
			!strings.Contains(staff.body, "you need the planner or administrator access role") {
			t.Errorf("a staff member is not told who can import")
		}
	})
}

const importRolesCSV = "Title,Staff group,Level,Band,Registration required,Status\n" +
	"Staff nurse,Nursing and Midwifery Registered,5,6,yes,\n" +
	"Healthcare assistant,Additional Clinical Services,3,3,no,published\n"

const importCompetencesCSV = "Role title,Framework,Competence,Level,Essential or desirable\n" +
	"Staff nurse,ksf,C1,3,essential\n" +
	"Healthcare assistant,ksf,C2,1,desirable\n"

func TestRoleImportCheckAndConfirm(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		nurse := fx.role(staffNurseRole(fx.orgA.ID))
		c := fx.signedIn("orgAdmin")
		org := fmt.Sprint(fx.orgA.ID)
		files := map[string]fileUpload{"roles-file": {"roles.csv", importRolesCSV}, "competences-file": {"competences.csv", importCompetencesCSV}}

		check := c.postMultipart("/roles/import", map[string]string{"organisation": org}, files)
		if check.StatusCode != http.StatusOK {
			t.Fatalf("check: %d %v", check.StatusCode, errorSummary(t, check))
		}
		doc := check.doc(t)
		plan := doc.Find("#plan tbody tr")
		if plan.Length() != 2 || !strings.Contains(plan.Eq(0).Text(), "Updated to version 2") || !strings.Contains(plan.Eq(1).Text(), "Added") {
			t.Errorf("plan:\n%s", plan.Text())
		}
		if !strings.Contains(plan.Eq(0).Text(), "Band") {
			t.Errorf("the update does not list the band's change: %s", plan.Eq(0).Text())
		}
		if len(fx.rolesOf(fx.orgA.ID)) != 1 {
			t.Fatalf("checking the file saved something")
		}

		hidden := hiddenFields(t, doc)
		// Someone else changes the staff nurse meanwhile: the confirmation is a conflict.
		changed := nurse
		changed.Summary = "Changed meanwhile"
		if _, err := fx.db.UpdateRole(t.Context(), store.Actor{}, changed); err != nil {
			t.Fatal(err)
		}
		conflict := c.postMultipart("/roles/import/confirm", hidden, nil)
		if conflict.StatusCode != http.StatusConflict || len(errorSummary(t, conflict)) != 1 {
			t.Fatalf("confirm after a change: %d %v", conflict.StatusCode, errorSummary(t, conflict))
		}
		if len(fx.rolesOf(fx.orgA.ID)) != 1 {
			t.Fatalf("a conflicting import saved something")
		}

		hidden = hiddenFields(t, conflict.doc(t)) // the page shows the plan again, checked anew
		done := c.postMultipart("/roles/import/confirm", hidden, nil)
		if done.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d %v", done.StatusCode, errorSummary(t, done))
		}
		roles := fx.rolesOf(fx.orgA.ID)
		if len(roles) != 2 {
			t.Fatalf("%d roles after the import", len(roles))
		}
		n := roles["Staff nurse"]
		if n.ID != nurse.ID || n.Version != 3 || n.Band != "6" || n.Summary != "Changed meanwhile" || n.Status != workforce.StatusDraft ||
			len(n.Requirements) != 1 || n.Requirements[0].LevelKey != "level-3" {
			t.Errorf("staff nurse after the import: %+v", n)
		}
		if h := roles["Healthcare assistant"]; h.Status != workforce.StatusPublished || len(h.Requirements) != 1 || h.Requirements[0].Essential {
			t.Errorf("healthcare assistant: %+v", h)
		}
		list := c.get(done.Header.Get("Location"))
		if !strings.Contains(list.body, "1 added, 1 updated, 0 unchanged") {
			t.Errorf("no confirmation message after the import")
		}

		// Importing the same file again changes nothing.
		again := c.postMultipart("/roles/import", map[string]string{"organisation": org}, files)
		if !strings.Contains(again.body, "0 roles will be added, 0 updated and 2 are unchanged") {
			t.Errorf("re-import: %s", again.doc(t).Find(".nhsuk-lead-text").Text())
		}
	})
}

func TestRoleImportReportsEveryBadRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("orgAdmin")
		org := fmt.Sprint(fx.orgA.ID)
		roles := "Title,Level,Band\nPorter,1,2\n,4,4\nWard clerk,12,B12\nporter,2,2\n"
		comps := "Role title,Framework,Competence,Level\nPorter,ksf,C9,1\nCleaner,ksf,C1,1\nWard clerk,ksf,C1,7\n"
		res := c.postMultipart("/roles/import", map[string]string{"organisation": org},
			map[string]fileUpload{"roles-file": {"roles.csv", roles}, "competences-file": {"competences.csv", comps}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.StatusCode)
		}
		want := []string{
			"Roles sheet, row 3, title: Enter a title",
			"Roles sheet, row 4, level: Level must be from 1 to 9, or not set (it is 12)",
			`Roles sheet, row 4, band: Band "B12" is not an Agenda for Change band (1 to 9, 8a to 8d)`,
			`Roles sheet, row 5, title: "porter" is also the title on row 2: each role is on one row`,
			"Competences sheet, row 2, competence: unknown competence \"C9\": NHS Knowledge and Skills Framework (KSF) version 2010 has no competence with that code or key",
			`Competences sheet, row 3, role_title: no role called "Cleaner" on the Roles sheet`,
		}
		got := errorSummary(t, res)
		for _, w := range want {
			if !strings.Contains(strings.Join(got, "\n"), w) {
				t.Errorf("the error summary does not say %q:\n%s", w, strings.Join(got, "\n"))
			}
		}
		doc := res.doc(t)
		if n := doc.Find("#problems tbody tr").Length(); n != 7 {
			t.Errorf("the table lists %d problems, want 7", n)
		}
		if selected(doc, "organisation") != org {
			t.Errorf("the organisation chosen is not kept")
		}
		if !strings.Contains(doc.Find("#roles-file-hint").Text(), "roles.csv") {
			t.Errorf("the file chosen is not named")
		}
		if len(fx.rolesOf(fx.orgA.ID)) != 0 {
			t.Errorf("a file with bad rows saved roles")
		}

		// Nothing chosen: both fields are reported, each linked to its field.
		empty := c.postMultipart("/roles/import", map[string]string{"organisation": ""}, nil)
		links := empty.doc(t).Find(".nhsuk-error-summary__list a")
		if empty.StatusCode != http.StatusUnprocessableEntity || links.Length() != 2 ||
			links.Eq(0).AttrOr("href", "") != "#organisation" || links.Eq(1).AttrOr("href", "") != "#roles-file" {
			t.Errorf("empty form: %d %v", empty.StatusCode, errorSummary(t, empty))
		}
	})
}

// TestRoleImportScoping: an import goes only into an organisation where the user plans, and it
// can neither read nor change another organisation's roles.
func TestRoleImportScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.role(staffNurseRole(fx.orgA.ID))
		files := map[string]fileUpload{"roles-file": {"roles.csv", importRolesCSV}}
		// A staff member plans nowhere and is refused outright; Trust B's administrator plans,
		// but not in Trust A, and is told to choose an organisation where they do.
		for persona, want := range map[string]int{"staff": http.StatusForbidden, "adminB": http.StatusUnprocessableEntity} {
			res := fx.signedIn(persona).postMultipart("/roles/import", map[string]string{"organisation": fmt.Sprint(fx.orgA.ID)}, files)
			if res.StatusCode != want || (want == http.StatusUnprocessableEntity && !strings.Contains(strings.Join(errorSummary(t, res), " "), "one where you plan")) {
				t.Errorf("%s importing into Trust A: %d %v", persona, res.StatusCode, errorSummary(t, res))
			}
			// Forging the confirmation is refused the same way.
			forged := fx.signedIn(persona).postMultipart("/roles/import/confirm", map[string]string{
				"organisation": fmt.Sprint(fx.orgA.ID), "roles-name": "roles.csv", "roles-data": "VGl0bGUKUG9ydGVyCg==", "fingerprint": "x"}, nil)
			if forged.StatusCode != want {
				t.Errorf("%s confirming into Trust A: %d", persona, forged.StatusCode)
			}
		}
		if n := len(fx.rolesOf(fx.orgA.ID)); n != 1 {
			t.Errorf("Trust A has %d roles", n)
		}
		// Trust B's administrator importing the same titles into Trust B adds them there: Trust
		// A's staff nurse is not theirs to update.
		b := fx.signedIn("adminB")
		check := b.postMultipart("/roles/import", map[string]string{"organisation": fmt.Sprint(fx.orgB.ID)}, files)
		if !strings.Contains(check.body, "2 roles will be added, 0 updated") {
			t.Fatalf("Trust B's check: %d %s", check.StatusCode, check.doc(t).Find("h1, .nhsuk-lead-text").Text())
		}
		if res := b.postMultipart("/roles/import/confirm", hiddenFields(t, check.doc(t)), nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("Trust B's import: %d", res.StatusCode)
		}
		if len(fx.rolesOf(fx.orgB.ID)) != 2 || fx.rolesOf(fx.orgA.ID)["Staff nurse"].Version != 1 {
			t.Errorf("the import crossed organisations")
		}
	})
}

// TestRoleImportFileIsAllOrNothing is a property test over files: for any roles file (and
// competences file) with at least one bad row among good new roles and good updates, neither
// the check nor a confirmation sent straight away (as a forged or replayed form would be)
// changes the database. The bad row is drawn from every kind of mistake a file can hold.
func TestRoleImportFileIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		for i := range 3 {
			r := staffNurseRole(fx.orgA.ID)
			r.Title = fmt.Sprintf("Existing %d", i)
			fx.role(r)
		}
		c := fx.signedIn("orgAdmin")
		org := fmt.Sprint(fx.orgA.ID)
		state := func() (map[string]workforce.Role, int64) {
			last, err := fx.db.LastChange(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return fx.rolesOf(fx.orgA.ID), last
		}
		// Each bad row is a roles row and/or a competences row.
		bad := []struct{ role, comp string }{
			{"Bad level,,12,5,,", ""},
			{"Bad band,,5,B12,,", ""},
			{",,5,5,,", ""}, // no title
			{"Bad yes no,,5,5,perhaps,", ""},
			{"Bad status,,5,5,,live", ""},
			{"Bad group,Nurses,5,5,,", ""},
			{"Existing 0,,5,5,,", ""}, // the same title twice in the file (see below)
			{"Unknown competence,,5,5,,", "Unknown competence,ksf,,Z9,1,"},
			{"Level out of range,,5,5,,", "Level out of range,ksf,,C1,9,"},
			{"", "Nobody,ksf,,C1,1,"},
			{"Bad importance,,5,5,,", "Bad importance,ksf,,C1,1,maybe"},
			{"Unknown framework,,5,5,,", "Unknown framework,kfs,,C1,1,"},
		}
		rng := rand.New(rand.NewPCG(7, 11))
		imported := 0
		defer func() {
			if imported == 0 && !t.Failed() {
				t.Errorf("no good file was imported: the property was never shown to be non-vacuous")
			}
		}()
		for iter := range 24 {
			beforeRoles, beforeLast := state()
			var rows, comps []string
			for j := range rng.IntN(4) {
				rows = append(rows, fmt.Sprintf("New %d-%d,Administrative and Clerical,%d,%d,no,", iter, j, 2+rng.IntN(3), 2+rng.IntN(3)))
				comps = append(comps, fmt.Sprintf("New %d-%d,ksf,,C%d,%d,desirable", iter, j, 1+rng.IntN(6), 1+rng.IntN(4)))
			}
			for j := range 3 {
				if rng.IntN(2) == 0 {
					rows = append(rows, fmt.Sprintf("Existing %d,Nursing and Midwifery Registered,%d,6,yes,", j, 5+rng.IntN(2)))
				}
			}
			kind := rng.IntN(len(bad))
			b := bad[kind]
			if kind == 6 {
				rows = append(rows, "Existing 0,,5,5,,")
			}
			if b.role != "" {
				at := rng.IntN(len(rows) + 1)
				rows = append(rows[:at], append([]string{b.role}, rows[at:]...)...)
			}
			if b.comp != "" {
				comps = append(comps, b.comp)
			}
			files := map[string]fileUpload{
				"roles-file":       {"roles.csv", "Title,Staff group,Level,Band,Registration required,Status\n" + strings.Join(rows, "\n") + "\n"},
				"competences-file": {"competences.csv", "Role title,Framework,Version,Competence,Level,Essential or desirable\n" + strings.Join(comps, "\n") + "\n"},
			}
			check := c.postMultipart("/roles/import", map[string]string{"organisation": org}, files)
			if check.StatusCode != http.StatusUnprocessableEntity || check.doc(t).Find("#problems tbody tr").Length() == 0 {
				t.Fatalf("file %d (bad row kind %d): check gave %d without problems listed", iter, kind, check.StatusCode)
			}
			confirm := c.postMultipart("/roles/import/confirm", map[string]string{
				"organisation": org, "roles-name": "roles.csv", "competences-name": "competences.csv",
				"roles-data":       base64.StdEncoding.EncodeToString([]byte(files["roles-file"].data)),
				"competences-data": base64.StdEncoding.EncodeToString([]byte(files["competences-file"].data)),
				"fingerprint":      "anything"}, nil)
			if confirm.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("file %d (bad row kind %d): confirmation gave %d", iter, kind, confirm.StatusCode)
			}
			afterRoles, afterLast := state()
			if afterLast != beforeLast || !reflect.DeepEqual(beforeRoles, afterRoles) {
				t.Fatalf("file %d (bad row kind %d) changed the database", iter, kind)
			}
			// Without its bad row the same file imports: the property is not vacuous.
			if iter%6 == 0 && len(rows) > 1 {
				var goodRows, goodComps []string
				seen := map[string]bool{}
				for _, r := range rows {
					title, _, _ := strings.Cut(r, ",")
					if r != b.role && !seen[title] {
						seen[title] = true
						goodRows = append(goodRows, r)
					}
				}
				for _, cr := range comps {
					if cr != b.comp {
						goodComps = append(goodComps, cr)
					}
				}
				files["roles-file"] = fileUpload{"roles.csv", "Title,Staff group,Level,Band,Registration required,Status\n" + strings.Join(goodRows, "\n") + "\n"}
				files["competences-file"] = fileUpload{"competences.csv", "Role title,Framework,Version,Competence,Level,Essential or desirable\n" + strings.Join(goodComps, "\n") + "\n"}
				check := c.postMultipart("/roles/import", map[string]string{"organisation": org}, files)
				if check.StatusCode != http.StatusOK {
					t.Fatalf("file %d without its bad row: check %d %v", iter, check.StatusCode, errorSummary(t, check))
				}
				if res := c.postMultipart("/roles/import/confirm", hiddenFields(t, check.doc(t)), nil); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("file %d without its bad row: confirm %d %v", iter, res.StatusCode, errorSummary(t, res))
				}
				// (A file of updates identical to the stored roles rightly changes nothing.)
				if _, last := state(); last == beforeLast && strings.Contains(files["roles-file"].data, "\nNew ") {
					t.Fatalf("file %d without its bad row changed nothing", iter)
				} else if last != beforeLast {
					imported++
				}
			}
		}
	})
}
