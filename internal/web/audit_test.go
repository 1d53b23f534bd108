package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/workforce"
)

// TestAuditLogForAdministrators: an organisation's administrator reads and exports the changes
// in what they administer, and nothing of another organisation's; filters narrow it; bad dates
// are errors that keep the filter.
func TestAuditLogForAdministrators(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.matrixRole()                                                                            // a change in Trust A
		fx.role(staffNurseRole(fx.orgB.ID))                                                        // a change in Trust B
		b := fx.role(staffNurseRole(fx.orgA.ID))                                                   // another in Trust A
		fx.role(workforce.Role{OrganisationID: fx.orgB.ID, Title: "=cmd|' /C calc'!A0", Level: 3}) // a title a spreadsheet would run

		admin := fx.signedIn("orgAdmin")
		res := admin.get("/audit?entity=role")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/audit as Trust A's administrator: %d", res.StatusCode)
		}
		rows := res.doc(t).Find("tbody tr")
		if rows.Length() != 2 || strings.Contains(res.body, "Trust B") || strings.Contains(res.body, "calc") {
			t.Errorf("Trust A's administrator sees %d role changes (want 2, none of Trust B's)", rows.Length())
		}
		if !strings.Contains(res.body, fmt.Sprintf("role %d", b.ID)) {
			t.Errorf("the audit page does not name the role changed")
		}

		// Another organisation, or an impossible period, is refused with the filter kept.
		res = admin.get(fmt.Sprintf("/audit?organisation=%d", fx.orgB.ID))
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 1 || strings.Contains(res.body, "Trust B") && res.doc(t).Find("tbody tr").Length() > 0 {
			t.Errorf("filtering by another trust: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = admin.get("/audit?since=2026-05-01&until=2026-04-01&entity=role")
		if got := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(got) != 1 ||
			!strings.Contains(res.body, `value="2026-05-01"`) {
			t.Errorf("period ending before it starts: %d %v", res.StatusCode, got)
		}
		// A period in the past holds nothing; today holds the changes.
		if res := admin.get("/audit?until=2000-01-01"); res.doc(t).Find("tbody tr").Length() != 0 {
			t.Errorf("a period in 1999 shows changes")
		}
		today := time.Now().Format(time.DateOnly)
		if res := admin.get("/audit?entity=role&since=" + today + "&until=" + today); res.doc(t).Find("tbody tr").Length() != 2 {
			t.Errorf("today's role changes: %d rows, want 2", res.doc(t).Find("tbody tr").Length())
		}

		// The export holds the same changes, every cell safe to open.
		x := admin.get("/audit/export?entity=role&format=xlsx")
		if x.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", x.StatusCode)
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
		if err != nil {
			t.Fatal(err)
		}
		sheet, err := f.GetRows("Audit log")
		if err != nil || len(sheet) != 3 || sheet[0][0] != "When" {
			t.Fatalf("exported rows = %v, %v", sheet, err)
		}
		site := fx.signedIn("siteAdmin")
		csv := site.get("/audit/export?entity=role&format=csv")
		if csv.StatusCode != http.StatusOK || strings.Count(csv.body, "\n") != 5 || strings.Contains(csv.body, ",=") ||
			!strings.Contains(csv.body, ",,,,4,Trust B,role,") {
			t.Errorf("site administrator's CSV export: %d, body:\n%s", csv.StatusCode, csv.body)
		}
		if res := fx.signedIn("staff").get("/audit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("a staff member opens the audit log: %d", res.StatusCode)
		}
	})
}
