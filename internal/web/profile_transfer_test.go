package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// uploadProfiles posts a file to the profile import form as a browser would.
func uploadProfiles(t *testing.T, c *client, filename string, content []byte) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.base+"/profiles/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// TestProfileExportImport: profiles go out as CSV, XLSX and JSON and come back in as new
// profiles; a file with any bad row is refused whole, with every problem by line and column.
func TestProfileExportImport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		role := fx.publishedRole(fx.orgA.ID, "Research nurse")
		admin := fx.signedIn("orgAdmin")
		form := iwfForm(t, fx, 100)
		form.Set("title", "Research nurse 2026")
		if res := admin.post(fmt.Sprintf("/roles/%d/profiles", role.ID), form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("role profile: %d", res.StatusCode)
		}
		if res := admin.post("/profiles", iwfForm(t, fx, 100)); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("own profile: %d", res.StatusCode)
		}
		count := func() int {
			ps, err := fx.db.VisibleProfiles(t.Context(), fx.users["orgAdmin"].ID, []int64{fx.orgA.ID, fx.orgB.ID}, 0)
			if err != nil {
				t.Fatal(err)
			}
			return len(ps)
		}

		csv := admin.get("/profiles/export?format=csv")
		if csv.StatusCode != http.StatusOK || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(csv.body, "Research nurse 2026") || !strings.Contains(csv.body, "My role today") ||
			!strings.Contains(csv.body, "leadership share,leadership level") {
			t.Fatalf("CSV export: %d %q\n%s", csv.StatusCode, csv.Header.Get("Content-Type"), csv.body)
		}
		xlsx := admin.get("/profiles/export?format=xlsx")
		if xlsx.StatusCode != http.StatusOK || !strings.HasPrefix(xlsx.body, "PK") {
			t.Fatalf("XLSX export: %d", xlsx.StatusCode)
		}
		js := admin.get("/profiles/export?format=json")
		var doc struct {
			Profiles []struct {
				Title  string `json:"title"`
				RoleID int64  `json:"role_id"`
			} `json:"profiles"`
		}
		if err := json.Unmarshal([]byte(js.body), &doc); err != nil || len(doc.Profiles) != 2 {
			t.Fatalf("JSON export: %v, %d profiles\n%s", err, len(doc.Profiles), js.body)
		}

		// The exports come back in as new profiles: the role's and the administrator's own.
		before := count()
		for name, content := range map[string]string{"profiles.csv": csv.body, "profiles.xlsx": xlsx.body} {
			res := uploadProfiles(t, admin, name, []byte(content))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("importing %s: %d\n%s", name, res.StatusCode, res.doc(t).Find("#import-problems").Text())
			}
		}
		if got := count(); got != before+4 {
			t.Errorf("after importing both files there are %d profiles, want %d", got, before+4)
		}
		if ps, _ := fx.db.RoleProfiles(t.Context(), role.ID); len(ps) != 3 {
			t.Errorf("the role has %d profiles, want 3", len(ps))
		}

		// One bad row among good ones: nothing is saved and the row is reported.
		lines := strings.Split(strings.TrimSpace(csv.body), "\n")
		bad := strings.Replace(lines[2], ",Research nurse 2026,", ",,", 1)
		bad = strings.Replace(bad, ",My role today,", ",,", 1)
		file := strings.Join([]string{lines[0], lines[1], bad}, "\n")
		before = count()
		res := uploadProfiles(t, admin, "bad.csv", []byte(file))
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a file with a bad row: %d", res.StatusCode)
		}
		if got := count(); got != before {
			t.Errorf("a refused file saved %d profiles", got-before)
		}
		rows := res.doc(t).Find("#import-problems tbody tr")
		found := false
		rows.Each(func(_ int, s *goquery.Selection) {
			cells := s.Find("td")
			found = found || (strings.TrimSpace(cells.Eq(0).Text()) == "3" && strings.TrimSpace(cells.Eq(1).Text()) == "title")
		})
		if !found {
			t.Errorf("the problem on line 3, column title, is not reported:\n%s", rows.Text())
		}
		if len(errorSummary(t, res)) == 0 {
			t.Errorf("no error summary")
		}

		// A member of staff may not add profiles to Trust A's role, and the whole file is refused.
		staff := fx.signedIn("staff")
		before = count()
		res = uploadProfiles(t, staff, "profiles.csv", []byte(csv.body))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "you cannot add profiles to role") {
			t.Errorf("staff importing a role's profile: %d", res.StatusCode)
		}
		if ps, _ := fx.db.UserProfiles(t.Context(), fx.users["staff"].ID); len(ps) != 0 {
			t.Errorf("the refused file saved the staff member's own row")
		}
		// Staff see only their own profiles in an export; another's profile is "not found".
		if res := staff.get("/profiles/export?format=csv"); strings.Contains(res.body, "Research nurse 2026") || strings.Contains(res.body, "My role today") {
			t.Errorf("staff export holds profiles they may not see")
		}
		adminOwn, _ := fx.db.UserProfiles(t.Context(), fx.users["orgAdmin"].ID)
		if res := staff.get(fmt.Sprintf("/profiles/export?format=csv&id=%d", adminOwn[0].ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("exporting another person's profile: %d, want 404", res.StatusCode)
		}
		if res := staff.get("/profiles/export?format=pdf"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown format: %d, want 400", res.StatusCode)
		}
	})
}
