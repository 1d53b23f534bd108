package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
	"github.com/workframe/workframe/internal/workforce"
)

// partnershipWorkforceWorld is a partnership of four trusts: Trust A with 10 people, Trust B
// with one person working 0.37 FTE (a figure found nowhere else), Trust C with 6 and Trust D
// with 7. Trust B's row is too small; Trust C's and Trust D's are hidden too, so that Trust A
// cannot take its own row and the others from the total to find Trust B's; Trust A's is shown.
type partnershipWorkforceWorld struct {
	p          store.Partnership
	orgC, orgD store.Organisation
}

func (fx *fixture) partnershipWorkforceWorld() partnershipWorkforceWorld {
	fx.t.Helper()
	ctx := fx.t.Context()
	var w partnershipWorkforceWorld
	mk := func(name, kind string, parent int64) store.Organisation {
		return need(fx.db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, Kind: kind, ParentID: parent}))
	}
	w.orgC, w.orgD = mk("Trust C", store.KindOrganisation, 0), mk("Trust D", store.KindOrganisation, 0)
	staff := func(org store.Organisation, team int64, n int, fte workforce.FTE) {
		role := fx.role(workforce.Role{OrganisationID: org.ID, Title: "Staff nurse", StaffGroup: "Nursing and Midwifery Registered",
			Level: 5, Band: "5", RegistrationRequired: true})
		if team == 0 {
			team = mk(org.Name+" ward", store.KindTeam, org.ID).ID
		}
		for i := range n {
			p := fx.person(workforce.Person{OrganisationID: org.ID, StaffNumber: fmt.Sprintf("PW%d-%d", org.ID, i), Name: fmt.Sprintf("Person %d of %s", i, org.Name),
				Assignments: []workforce.Assignment{{RoleID: role.ID, TeamID: team, FTE: fte, Start: "2020-01-01"}}})
			need(fx.db.CreatePost(ctx, store.Actor{}, workforce.Post{TeamID: team, RoleID: role.ID, FTE: fte, PayPoint: workforce.PayEntry, HolderID: p.ID}))
		}
	}
	staff(fx.orgA, fx.teamA.ID, 10, 100)
	staff(fx.orgB, 0, 1, 37)
	staff(w.orgC, 0, 6, 100)
	staff(w.orgD, 0, 7, 100)
	w.p = need(fx.db.CreatePartnership(ctx, store.System, store.Partnership{Name: "Workforce partnership"}, []int64{fx.orgA.ID, fx.orgB.ID}))
	for _, o := range []store.Organisation{w.orgC, w.orgD} {
		if err := fx.db.AddPartner(ctx, store.System, w.p.ID, o.ID, strategy.PartnerProvider); err != nil {
			fx.t.Fatal(err)
		}
	}
	return w
}

// addPersona adds a user holding the access role in the organisation.
func (fx *fixture) addPersona(persona string, org int64, role store.AccessRole) {
	fx.t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		fx.t.Fatal(err)
	}
	u := need(fx.db.CreateUser(fx.t.Context(), store.System, store.User{Email: persona + "@pw.example", Name: persona + " user", PasswordHash: hash}))
	if err := fx.db.SetMembership(fx.t.Context(), store.System, u.ID, org, role); err != nil {
		fx.t.Fatal(err)
	}
	fx.users[persona] = u
}

func TestPartnershipWorkforceProfile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		w := fx.partnershipWorkforceWorld()
		base := fmt.Sprintf("/partnerships/%d/workforce", w.p.ID)
		api := fmt.Sprintf("/api/v1/partnerships/%d/workforce-profile", w.p.ID)
		fx.addPersona("managerC", w.orgC.ID, store.AccessManager)
		fx.addPersona("outsider", need(fx.db.CreateOrganisation(t.Context(), store.System, store.Organisation{Name: "Trust E", Kind: store.KindOrganisation})).ID, store.AccessAdministrator)

		// Who sees it: a manager of a partner as a whole; not a service's manager of a partner
		// (403: they see the partnership), nor someone of no partner (404).
		for _, tc := range []struct {
			persona string
			want    int
		}{{"managerC", 200}, {"orgAdmin", 200}, {"planner", 200}, {"adminB", 200}, {"manager", 403}, {"viewer", 403}, {"outsider", 404}} {
			c := fx.signedIn(tc.persona)
			for _, path := range []string{base, base + "/report", base + "/export?format=csv", api} {
				if res := c.get(path); res.StatusCode != tc.want {
					t.Errorf("%s as %s: %d, want %d", path, tc.persona, res.StatusCode, tc.want)
				}
			}
			show := c.get(fmt.Sprintf("/partnerships/%d", w.p.ID))
			if linked := strings.Contains(show.body, `href="`+base+`"`); linked != (tc.want == 200) {
				t.Errorf("the partnership page as %s links the workforce profile: %v", tc.persona, linked)
			}
		}

		c := fx.signedIn("managerC")
		page := c.get(base)
		doc := page.doc(t)
		cells := doc.Find("td").Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
		for _, cell := range cells {
			if cell == "0.37" {
				t.Errorf("the page shows Trust B's 0.37 FTE")
			}
		}
		rows := map[string]string{}
		doc.Find("#by-partner ~ div table tbody tr").Each(func(_ int, s *goquery.Selection) {
			rows[strings.TrimSpace(s.Find("th").Text())] = strings.Join(s.Find("td").Map(func(_ int, td *goquery.Selection) string {
				return strings.TrimSpace(td.Text())
			}), " ")
		})
		if rows["Trust A"] == "" || strings.Contains(rows["Trust A"], "Not shown") || !strings.HasPrefix(rows["Trust A"], "10 10.00") {
			t.Errorf("Trust A's row: %q", rows["Trust A"])
		}
		for _, name := range []string{"Trust B", "Trust C", "Trust D"} {
			if rows[name] != "Not shown" {
				t.Errorf("%s's row: %q, want Not shown", name, rows[name])
			}
		}
		if !strings.Contains(page.body, "23.37") || doc.Find("#not-shown").Length() != 1 || doc.Find("svg.wf-pyramid title").Length() != 1 {
			t.Errorf("the page lacks the total (23.37 FTE), the explanation or the chart")
		}
		if strings.Contains(page.body, "Person 0 of") {
			t.Errorf("the page names a person")
		}
		report := c.get(base + "/report")
		if report.doc(t).Find(".wf-report").Length() != 1 || strings.Contains(report.body, "/workforce/export") {
			t.Errorf("the report is not laid out as a board paper")
		}

		for _, table := range []string{"groups", "coverage"} {
			csv := c.get(base + "/export?format=csv&table=" + table)
			if csv.StatusCode != http.StatusOK || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("CSV %s: %d %s", table, csv.StatusCode, csv.Header.Get("Content-Type"))
			}
			for _, line := range strings.Split(csv.body, "\n") {
				for _, f := range strings.Split(strings.TrimSpace(line), ",") {
					if f == "0.37" {
						t.Errorf("the CSV %s holds Trust B's 0.37 FTE: %q", table, line)
					}
				}
				if strings.HasPrefix(line, "Partner,Trust B,") && !strings.Contains(line, notShown) {
					t.Errorf("Trust B's CSV row: %q", line)
				}
			}
			if table == "groups" && !strings.Contains(csv.body, "Partner,Trust A,10,10") {
				t.Errorf("the CSV lacks Trust A's row:\n%s", csv.body)
			}
		}
		if res := c.get(base + "/export?format=pdf"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("a PDF export: %d, want 400", res.StatusCode)
		}

		x := c.get(base + "/export?format=xlsx")
		book, err := excelize.OpenReader(strings.NewReader(x.body))
		if err != nil {
			t.Fatal(err)
		}
		sheets := book.GetSheetList()
		if strings.Join(sheets, "|") != "Summary|Figures|Pyramid chart data|Coverage" {
			t.Errorf("sheets %v", sheets)
		}
		sawB := false
		for _, sh := range sheets {
			xrows, err := book.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range xrows {
				for _, cell := range r {
					if cell == "0.37" {
						t.Errorf("sheet %s holds Trust B's 0.37 FTE: %v", sh, r)
					}
				}
				if len(r) > 2 && r[1] == "Trust B" {
					sawB = r[2] == notShown
				}
			}
		}
		if !sawB {
			t.Errorf("the workbook lacks Trust B's row marked %q", notShown)
		}

		res := c.get(api)
		type row struct {
			Label      string
			Suppressed bool
			Figures    *struct{ Headcount int }
		}
		var got struct {
			Total    row
			Partners []row
		}
		if err := json.Unmarshal([]byte(res.body), &got); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(res.body, "0.37") {
			t.Errorf("the API gives Trust B's 0.37 FTE:\n%s", res.body)
		}
		if got.Total.Figures == nil || got.Total.Figures.Headcount != 24 || len(got.Partners) != 4 {
			t.Fatalf("API total %+v, partners %d", got.Total, len(got.Partners))
		}
		for _, row := range got.Partners {
			if hidden := row.Label != "Trust A"; row.Suppressed != hidden || (row.Figures == nil) != hidden {
				t.Errorf("API partner row %+v", row)
			}
		}
	})
}
