package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// careerWorld is the career framework of the web tests: Trust A's nursing ladder with a route up
// from the healthcare assistant, and roles not placed yet.
type careerWorld struct {
	f                     career.Framework
	hca, shca, ap, rn, rs workforce.Role
}

func (fx *fixture) careerWorld() careerWorld {
	fx.t.Helper()
	mk := func(title string, level int) workforce.Role {
		return fx.role(workforce.Role{OrganisationID: fx.orgA.ID, Title: title, StaffGroup: "Nursing and Midwifery Registered", Level: level, Band: fmt.Sprint(level)})
	}
	w := careerWorld{hca: mk("Healthcare assistant", 2), shca: mk("Senior healthcare assistant", 3), ap: mk("Assistant practitioner", 4),
		rn: mk("Registered nurse", 5), rs: mk("Research nurse", 5)}
	f, err := fx.db.CreateCareerFramework(fx.t.Context(), store.Actor{}, career.Framework{
		OrganisationID: fx.orgA.ID, Title: "Nursing career framework", StaffGroup: "Nursing and midwifery",
		Families: []career.Family{{Name: "Nursing and midwifery"}, {Name: "Research delivery"}},
		Placements: []career.Placement{{RoleID: w.hca.ID, FamilyKey: "nursing-and-midwifery"}, {RoleID: w.shca.ID, FamilyKey: "nursing-and-midwifery"},
			{RoleID: w.ap.ID, FamilyKey: "nursing-and-midwifery"}, {RoleID: w.rn.ID, FamilyKey: "nursing-and-midwifery"}},
		Routes: []career.Route{{FromRoleID: w.hca.ID, ToRoleID: w.shca.ID, Kind: career.KindUp},
			{FromRoleID: w.ap.ID, ToRoleID: w.rn.ID, Kind: career.KindUp, RegistrationRequired: true, Qualification: "Nursing degree"}},
	})
	if err != nil {
		fx.t.Fatal(err)
	}
	w.f = f
	return w
}

// matrixCareerFramework is the framework the permission matrix opens for /career-frameworks/{id}:
// Trust A's, made the first time it is asked for. The staff member of Team A cannot see it.
func (fx *fixture) matrixCareerFramework() career.Framework {
	fx.t.Helper()
	list, err := fx.db.CareerFrameworks(fx.t.Context(), store.CareerFrameworkQuery{OrganisationIDs: []int64{fx.orgA.ID}})
	if err != nil {
		fx.t.Fatal(err)
	}
	if len(list) > 0 {
		return list[0].Framework
	}
	f, err := fx.db.CreateCareerFramework(fx.t.Context(), store.Actor{}, career.Framework{OrganisationID: fx.orgA.ID,
		Title: "Matrix framework", Families: []career.Family{{Name: "Nursing"}}})
	if err != nil {
		fx.t.Fatal(err)
	}
	return f
}

func TestCareerFrameworkGrid(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := fx.careerWorld()
		admin := fx.signedIn("orgAdmin")
		path := careerFrameworkPath(w.f.ID)

		list := admin.get("/career-frameworks")
		if list.StatusCode != http.StatusOK || !strings.Contains(list.body, "Nursing career framework") {
			t.Fatalf("list: %d", list.StatusCode)
		}
		res := admin.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("grid: %d", res.StatusCode)
		}
		doc := res.doc(t)
		// Levels run from 9 at the top; the families are the columns.
		if first := strings.TrimSpace(doc.Find(".wf-career-grid tbody tr").First().Find("th").Text()); !strings.HasPrefix(first, "Level 9") {
			t.Errorf("first row is %q, want level 9 at the top", first)
		}
		if heads := doc.Find(".wf-career-grid thead th").Length(); heads != 3 {
			t.Errorf("%d column headings, want Level and two families", heads)
		}
		card := doc.Find(fmt.Sprintf("#role-%d", w.ap.ID))
		if href, _ := card.Find(".wf-role-card__title a").Attr("href"); href != rolePath(w.ap.ID) {
			t.Errorf("the card links to %q, want the role page", href)
		}
		route := strings.Join(strings.Fields(card.Find(".wf-role-card__routes li").Text()), " ")
		if route != "Can move up to Registered nurse (registration required; qualification: Nursing degree)" {
			t.Errorf("the card lists %q", route)
		}
		if href, _ := card.Find(".wf-role-card__routes a").Attr("href"); href != fmt.Sprintf("#role-%d", w.rn.ID) {
			t.Errorf("the route links to %q, want the registered nurse's card", href)
		}
		// The level-5 row holds the registered nurse in the first family.
		row := doc.Find(".wf-career-grid tbody tr").Eq(4)
		if !strings.Contains(row.Find("td").First().Text(), "Registered nurse") {
			t.Errorf("registered nurse not in the level 5 row of its family")
		}

		// Adding a role: nothing chosen, or a role of another trust, is refused and saves nothing.
		res = admin.post(path+"/placements", url.Values{"version": {"1"}, "role": {""}, "family": {"nowhere"}})
		if errs := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(errs) != 2 {
			t.Errorf("empty placement: %d %v", res.StatusCode, errs)
		}
		other := fx.role(workforce.Role{OrganisationID: fx.orgB.ID, Title: "Trust B nurse", Level: 5})
		res = admin.post(path+"/placements", url.Values{"version": {"1"}, "role": {fmt.Sprint(other.ID)}, "family": {"research-delivery"}})
		if errs := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(errs) != 1 || strings.Contains(errs[0], "Trust B nurse") {
			t.Errorf("another trust's role: %d %v (the title must not show)", res.StatusCode, errs)
		}
		if v, _ := res.doc(t).Find("#add-family option[selected]").Attr("value"); v != "research-delivery" {
			t.Errorf("the family chosen was not kept: %q", v)
		}

		// Add the research nurse to the research family, then a route across to it.
		res = admin.post(path+"/placements", url.Values{"version": {"1"}, "role": {fmt.Sprint(w.rs.ID)}, "family": {"research-delivery"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add role: %d %v", res.StatusCode, errorSummary(t, res))
		}
		// A route up to the same level is refused, with the values kept.
		bad := url.Values{"version": {"2"}, "from": {fmt.Sprint(w.rn.ID)}, "to": {fmt.Sprint(w.rs.ID)}, "kind": {"up"}, "note": {"secondment"}}
		res = admin.post(path+"/routes", bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("route up to the same level: %d", res.StatusCode)
		}
		if errs := errorSummary(t, res); len(errs) != 1 || !strings.Contains(errs[0], "route up must go to a higher level") {
			t.Errorf("error summary = %v", errs)
		}
		d := res.doc(t)
		if v, _ := d.Find("#route-from option[selected]").Attr("value"); v != fmt.Sprint(w.rn.ID) || d.Find("#route-note").Text() != "secondment" {
			t.Errorf("the form lost its values")
		}
		if href, _ := d.Find(".nhsuk-error-summary a").Attr("href"); href != "#route-kind" {
			t.Errorf("the error links to %q, want the kind", href)
		}
		// Nothing chosen: every missing field is reported.
		res = admin.post(path+"/routes", url.Values{"version": {"2"}})
		if errs := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(errs) != 3 {
			t.Errorf("empty route: %d %v", res.StatusCode, errs)
		}
		bad.Set("kind", "across")
		res = admin.post(path+"/routes", bad)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add route: %d %v", res.StatusCode, errorSummary(t, res))
		}
		grid := admin.get(path)
		if !strings.Contains(strings.Join(strings.Fields(grid.doc(t).Find(fmt.Sprintf("#role-%d", w.rn.ID)).Text()), " "), "Can move across to Research nurse") {
			t.Errorf("the new route is not on the registered nurse's card")
		}

		// A change from a page drawn before someone else's save is refused and changes nothing.
		res = admin.post(path+"/routes/remove", url.Values{"version": {"2"}, "from": {fmt.Sprint(w.hca.ID)}, "to": {fmt.Sprint(w.shca.ID)}})
		if res.StatusCode != http.StatusConflict || len(errorSummary(t, res)) != 1 {
			t.Fatalf("stale remove: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if f, _ := fx.db.CareerFramework(t.Context(), w.f.ID); len(f.Routes) != 3 || f.Version != 3 {
			t.Fatalf("a stale change was saved: %+v", f)
		}
		res = admin.post(path+"/routes/remove", url.Values{"version": {"3"}, "from": {fmt.Sprint(w.hca.ID)}, "to": {fmt.Sprint(w.shca.ID)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove route: %d", res.StatusCode)
		}
		res = admin.post(path+"/placements/remove", url.Values{"version": {"4"}, "role": {fmt.Sprint(w.rn.ID)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("take out a role: %d", res.StatusCode)
		}
		f, _ := fx.db.CareerFramework(t.Context(), w.f.ID)
		if _, placed := f.Placed(w.rn.ID); placed || len(f.Routes) != 0 {
			t.Fatalf("taking out the registered nurse left %+v", f)
		}

		// Downloads: the drawn grid and the workbook.
		svg := admin.get(path + "/grid.svg?download")
		if svg.StatusCode != http.StatusOK || svg.Header.Get("Content-Type") != "image/svg+xml" ||
			!strings.Contains(svg.body, "Research nurse") || !strings.HasPrefix(svg.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("SVG: %d %s", svg.StatusCode, svg.Header.Get("Content-Type"))
		}
		png := admin.get(path + "/grid.png")
		if png.StatusCode != http.StatusOK || !strings.HasPrefix(png.body, "\x89PNG") {
			t.Errorf("PNG: %d", png.StatusCode)
		}
		xlsx := admin.get(path + "/export")
		x, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx.body)))
		if err != nil {
			t.Fatalf("export: %d %v", xlsx.StatusCode, err)
		}
		rows, _ := x.GetRows("Roles")
		if len(rows) != 5 {
			t.Errorf("the Roles sheet has %d rows, want a header and 4 roles", len(rows))
		}
		x.Close()
	})
}

func TestCareerFrameworkForms(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := fx.careerWorld()
		admin := fx.signedIn("orgAdmin")
		if res := admin.get("/career-frameworks/new"); res.StatusCode != http.StatusOK {
			t.Fatalf("new form: %d", res.StatusCode)
		}
		// Errors: no title, no family; what was typed stays.
		res := admin.post("/career-frameworks", url.Values{"organisation": {fmt.Sprint(fx.orgA.ID)}, "staff_group": {"Allied health professionals"},
			"status": {"draft"}, "family-name-1": {""}, "family-column-1": {"x"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad create: %d", res.StatusCode)
		}
		errs := errorSummary(t, res)
		if len(errs) != 2 || errs[0] != "Enter a title" || errs[1] != "Add at least one role family" {
			t.Errorf("error summary = %v", errs)
		}
		if v, _ := res.doc(t).Find("#staff_group").Attr("value"); v != "Allied health professionals" {
			t.Errorf("staff group not kept: %q", v)
		}
		// "Add more role families" works without JavaScript.
		res = admin.post("/career-frameworks", url.Values{"action": {"more"}, "family-name-1": {"a"}, "family-name-2": {""}, "family-name-3": {""}})
		if n := res.doc(t).Find(`input[id^="family-name-"]`).Length(); res.StatusCode != http.StatusOK || n != 6 {
			t.Errorf("more rows: %d, %d rows", res.StatusCode, n)
		}
		res = admin.post("/career-frameworks", url.Values{"organisation": {fmt.Sprint(fx.orgA.ID)}, "title": {"AHP career framework"},
			"staff_group": {"Allied health professionals"}, "status": {"draft"},
			"family-name-1": {"Physiotherapy"}, "family-column-1": {"2"}, "family-name-2": {"Occupational therapy"}, "family-column-2": {"1"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", res.StatusCode, errorSummary(t, res))
		}
		list, _ := fx.db.CareerFrameworks(t.Context(), store.CareerFrameworkQuery{OrganisationIDs: []int64{fx.orgA.ID}})
		var ahp career.Framework
		for _, s := range list {
			if s.Title == "AHP career framework" {
				ahp, _ = fx.db.CareerFramework(t.Context(), s.ID)
			}
		}
		if len(ahp.Families) != 2 || ahp.Families[0].Name != "Occupational therapy" {
			t.Fatalf("created %+v", ahp)
		}

		// Edit: rename a family (its roles stay), refuse removing one that holds roles.
		path := careerFrameworkPath(w.f.ID)
		if res := admin.get(path + "/edit"); res.StatusCode != http.StatusOK {
			t.Fatalf("edit form: %d", res.StatusCode)
		}
		form := url.Values{"version": {"1"}, "title": {"Nursing career framework"}, "status": {"published"}, "shared": {"yes"},
			"family-key-1": {"nursing-and-midwifery"}, "family-name-1": {""},
			"family-key-2": {"research-delivery"}, "family-name-2": {"Research"}}
		res = admin.post(path, form)
		if errs := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(errs) != 1 || !strings.Contains(errs[0], "holds 4 roles") {
			t.Fatalf("removing a family with roles: %d %v", res.StatusCode, errs)
		}
		form.Set("family-name-1", "Nursing")
		res = admin.post(path, form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d %v", res.StatusCode, errorSummary(t, res))
		}
		f, _ := fx.db.CareerFramework(t.Context(), w.f.ID)
		if f.Version != 2 || f.Families[0].Name != "Nursing" || f.Families[0].Key != "nursing-and-midwifery" || len(f.Placements) != 4 || !f.Shared || f.Status != "published" {
			t.Fatalf("after update %+v", f)
		}
		// The same form again is from version 1: refused, values kept.
		form.Set("title", "Someone else's title")
		res = admin.post(path, form)
		if res.StatusCode != http.StatusConflict || len(errorSummary(t, res)) != 1 {
			t.Fatalf("stale update: %d", res.StatusCode)
		}
		if v, _ := res.doc(t).Find("#title").Attr("value"); v != "Someone else's title" {
			t.Errorf("the title typed was lost: %q", v)
		}
		entries, _ := fx.db.AuditLog(t.Context(), store.AuditFilter{Entity: store.EntityCareerFramework, Limit: 10})
		if len(entries) == 0 || entries[0].UserID != fx.users["orgAdmin"].ID {
			t.Errorf("audit = %+v", entries)
		}
	})
}

// TestCareerFrameworkScoping proves that another organisation's framework is "not found" on
// every page, and that one may read a framework without being allowed to change it.
func TestCareerFrameworkScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := fx.careerWorld()
		path := careerFrameworkPath(w.f.ID)
		adminB := fx.signedIn("adminB")
		for _, p := range []string{path, path + "/edit", path + "/grid.svg", path + "/grid.png", path + "/export"} {
			if res := adminB.get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust B's administrator GET %s: %d, want 404", p, res.StatusCode)
			}
		}
		for _, p := range []string{path, path + "/placements", path + "/routes", path + "/routes/remove", path + "/placements/remove"} {
			if res := adminB.post(p, url.Values{"version": {"1"}, "title": {"Taken"}}); res.StatusCode != http.StatusNotFound {
				t.Errorf("Trust B's administrator POST %s: %d, want 404", p, res.StatusCode)
			}
		}
		if res := adminB.get("/career-frameworks"); strings.Contains(res.body, "Nursing career framework") {
			t.Errorf("Trust B's administrator sees Trust A's framework in the list")
		}
		// Creating one in Trust A from Trust B is refused.
		res := adminB.post("/career-frameworks", url.Values{"organisation": {fmt.Sprint(fx.orgA.ID)}, "title": {"x"}, "status": {"draft"}, "family-name-1": {"x"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("creating in another organisation: %d", res.StatusCode)
		}
		if f, _ := fx.db.CareerFramework(t.Context(), w.f.ID); f.Title != "Nursing career framework" || f.Version != 1 {
			t.Errorf("Trust B changed Trust A's framework: %+v", f)
		}

		// A viewer in Trust A reads it but cannot change it, and sees no forms.
		viewer, err := fx.db.CreateUser(t.Context(), store.Actor{}, store.User{Email: "viewer@a.example", Name: "Viewer", PasswordHash: mustHash(t)})
		if err != nil {
			t.Fatal(err)
		}
		if err := fx.db.SetMembership(t.Context(), store.Actor{}, viewer.ID, fx.orgA.ID, store.AccessViewer); err != nil {
			t.Fatal(err)
		}
		fx.users["viewer"] = viewer
		c := fx.signedIn("viewer")
		res = c.get(path)
		if res.StatusCode != http.StatusOK || res.doc(t).Find("form[action$='/routes']").Length() != 0 {
			t.Errorf("viewer: %d, or sees the planner's forms", res.StatusCode)
		}
		if res := c.post(path+"/routes", url.Values{"version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer adding a route: %d, want 403", res.StatusCode)
		}
		if res := c.get(path + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("viewer opening the edit form: %d, want 403", res.StatusCode)
		}
	})
}

func mustHash(t *testing.T) string {
	t.Helper()
	h, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestCareerFrameworkSharedWithPartners: a partner sees a framework once it is shared and
// published, reads its grid and downloads, and cannot change it.
func TestCareerFrameworkSharedWithPartners(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := fx.careerWorld()
		if _, err := fx.db.CreatePartnership(t.Context(), store.Actor{}, store.Partnership{Name: "A and B"}, []int64{fx.orgA.ID, fx.orgB.ID}); err != nil {
			t.Fatal(err)
		}
		path := careerFrameworkPath(w.f.ID)
		adminB := fx.signedIn("adminB")
		if res := adminB.get(path); res.StatusCode != http.StatusNotFound {
			t.Fatalf("a partner opening a draft framework: %d, want 404", res.StatusCode)
		}
		f := w.f
		f.Status, f.Shared = career.StatusPublished, true
		if _, err := fx.db.UpdateCareerFramework(t.Context(), store.Actor{}, f); err != nil {
			t.Fatal(err)
		}
		if res := adminB.get("/career-frameworks"); !strings.Contains(res.body, "Nursing career framework") || !strings.Contains(res.body, "shared by a partner") {
			t.Errorf("the partner's list does not show the shared framework")
		}
		res := adminB.get(path)
		if res.StatusCode != http.StatusOK || res.doc(t).Find("form[action$='/routes']").Length() != 0 || !strings.Contains(res.body, "(shared by a partner)") {
			t.Fatalf("a partner opening the shared framework: %d, or sees the planner's forms", res.StatusCode)
		}
		for _, p := range []string{"/grid.svg", "/grid.png", "/export"} {
			if res := adminB.get(path + p); res.StatusCode != http.StatusOK {
				t.Errorf("a partner downloading %s: %d", p, res.StatusCode)
			}
		}
		if res := adminB.post(path+"/routes/remove", url.Values{"version": {"2"}, "from": {fmt.Sprint(w.hca.ID)}, "to": {fmt.Sprint(w.shca.ID)}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner removing a route: %d, want 403", res.StatusCode)
		}
	})
}
