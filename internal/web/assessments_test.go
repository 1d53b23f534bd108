package web

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

type matrixAssessment struct {
	org              store.Organisation
	cycle            assess.Cycle
	standard         string
	evidence, action int64
}

// matrixCycle is an IWL cycle of "Matrix Trust", where the site administrator is a member and
// its management lead, with one file of evidence and one action.
func (fx *fixture) matrixCycle() matrixAssessment {
	fx.t.Helper()
	ctx := fx.t.Context()
	var m matrixAssessment
	var err error
	if m.org, err = fx.db.OrganisationByName(ctx, "Matrix Trust"); err != nil {
		if m.org, err = fx.db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Matrix Trust", Kind: "organisation"}); err != nil {
			fx.t.Fatal(err)
		}
		site := fx.users["siteAdmin"]
		must(fx.t, fx.db.SetMembership(ctx, store.System, site.ID, m.org.ID, store.AccessAdministrator))
		must(fx.t, fx.db.SetAssessmentSide(ctx, store.System, m.org.ID, site.ID, assess.Management))
	}
	cycles, err := fx.db.CyclesIn(ctx, []int64{m.org.ID})
	must(fx.t, err)
	f, _, err := fx.db.FrameworkVersion(ctx, "iwl", "2009")
	must(fx.t, err)
	std := assess.FlatStandards(f)
	m.standard = std[0].Key
	if len(cycles) == 0 {
		var keys []string
		for _, s := range std {
			keys = append(keys, s.Key)
		}
		c, err := fx.db.CreateCycle(ctx, store.System, assess.Cycle{OrganisationID: m.org.ID, Name: "2026/27", FrameworkKey: "iwl", FrameworkVersion: "2009"}, keys, nil)
		must(fx.t, err)
		cycles = []assess.Cycle{c}
		_, err = fx.db.AddEvidence(ctx, store.System, assess.Evidence{CycleID: c.ID, StandardKey: m.standard, Kind: assess.EvidenceFile,
			FileName: "a.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")})
		must(fx.t, err)
		_, err = fx.db.SaveAction(ctx, store.System, assess.Action{CycleID: c.ID, Description: "Do it", OwnerID: fx.users["siteAdmin"].ID,
			Sides: []assess.Side{assess.Management}, Due: time.Now().UTC().AddDate(0, 1, 0), Status: assess.ActionNotStarted, Standards: []string{m.standard}})
		must(fx.t, err)
	}
	m.cycle = cycles[0]
	ev, err := fx.db.EvidenceOf(ctx, m.cycle.ID)
	must(fx.t, err)
	acts, err := fx.db.Actions(ctx, m.cycle.ID)
	must(fx.t, err)
	m.evidence, m.action = ev[0].ID, acts[0].ID
	return m
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// partnership gives Trust A a management lead and a staff-side representative (members of
// Trust A) and a reader, and returns signed-in clients for them.
func (fx *fixture) partnership() (lead, rep, reader *client) {
	ctx := fx.t.Context()
	hash := fx.users["staff"].PasswordHash
	add := func(email, name string, role store.AccessRole, side assess.Side) *client {
		u, err := fx.db.CreateUser(ctx, store.System, store.User{Email: email, Name: name, PasswordHash: hash})
		must(fx.t, err)
		must(fx.t, fx.db.SetMembership(ctx, store.System, u.ID, fx.orgA.ID, role))
		if side != "" {
			must(fx.t, fx.db.SetAssessmentSide(ctx, store.System, fx.orgA.ID, u.ID, side))
		}
		fx.users[email] = u
		return fx.signedIn(email)
	}
	return add("lead@a.example", "Lena Lead", store.AccessManager, assess.Management),
		add("rep@a.example", "Ravi Rep", store.AccessStaff, assess.StaffSide),
		add("reader@a.example", "Rita Reader", store.AccessViewer, "")
}

// TestAssessmentInPartnership: the whole round through the pages, on both engines.
func TestAssessmentInPartnership(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		lead, rep, reader := fx.partnership()
		orgPath := fmt.Sprintf("/organisations/%d/assessments", fx.orgA.ID)

		// Only the management side (or an administrator) starts a cycle; errors keep values.
		if res := rep.post(orgPath, url.Values{"name": {"2026/27"}, "checklist": {"iwl@2009"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff side starting a cycle: %d", res.StatusCode)
		}
		res := lead.post(orgPath, url.Values{"name": {""}, "checklist": {"iwl@2009"}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 1 {
			t.Fatalf("blank name: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := lead.post(orgPath, url.Values{"name": {"2026/27"}, "checklist": {"iwf@2.1"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a framework that is not a checklist: %d", res.StatusCode)
		}
		res = lead.post(orgPath, url.Values{"name": {"2026/27"}, "checklist": {"iwl@2009"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("start: %d %v", res.StatusCode, errorSummary(t, res))
		}
		cyclePath := res.Header.Get("Location")
		if res := lead.post(orgPath, url.Values{"name": {"2026/27"}, "checklist": {"iwl@2009"}}); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(strings.Join(errorSummary(t, res), " "), "already has a cycle called 2026/27") {
			t.Errorf("a duplicate name: %d %v", res.StatusCode, errorSummary(t, res))
		}

		show := reader.get(cyclePath)
		if show.StatusCode != http.StatusOK || !strings.Contains(show.body, "Human resources strategy and management") {
			t.Fatalf("progress view: %d", show.StatusCode)
		}
		// The standards come from the framework data, the ratings from its scale.
		std := show.doc(t).Find("table a[href*='/standards/']").First()
		stdPath, _ := std.Attr("href")
		page := lead.get(stdPath)
		for _, want := range []string{"Not yet started", "Pledge", "Practice Plus", "Confirm your side's rating"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("standard page lacks %q", want)
			}
		}
		if strings.Contains(reader.get(stdPath).body, "Confirm your side's rating") {
			t.Errorf("a reader is offered the rating form")
		}
		if res := reader.post(stdPath+"/rating", url.Values{"rating": {"pledge"}, "version": {"1"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a reader rating: %d", res.StatusCode)
		}
		if res := lead.post(stdPath+"/rating", url.Values{"rating": {"platinum"}, "version": {"1"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("off the scale: %d", res.StatusCode)
		}
		if res := lead.post(stdPath+"/rating", url.Values{"rating": {"practice"}, "version": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lead rates: %d", res.StatusCode)
		}
		// The representative's form was opened before the lead's change: a stale version is 409.
		if res := rep.post(stdPath+"/rating", url.Values{"rating": {"pledge"}, "version": {"1"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("a stale rating: %d", res.StatusCode)
		}
		if res := rep.post(stdPath+"/rating", url.Values{"rating": {"pledge"}, "version": {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rep rates: %d", res.StatusCode)
		}
		page = reader.get(stdPath)
		if !strings.Contains(page.body, "Disagreed") || !strings.Contains(page.body, "Lena Lead") || !strings.Contains(page.body, "Ravi Rep") {
			t.Errorf("disagreement not shown with both views")
		}
		show = reader.get(cyclePath)
		if !strings.Contains(show.body, `nhsuk-tag--red">Disagreed`) || !strings.Contains(show.body, "Missing evidence") {
			t.Errorf("progress view does not flag the disagreement and the missing evidence")
		}

		// Sign-off is refused while anything is not agreed, with the reason.
		res = lead.post(cyclePath+"/sign-off", url.Values{"version": {"1"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), " "), "both sides agree") {
			t.Errorf("sign-off while disagreed: %d %v", res.StatusCode, errorSummary(t, res))
		}

		// Evidence: a file is checked by content, stored, and served back only as a download.
		body, ctype := multipartBody(t, map[string]string{"kind": "file", "note": "Forum minutes"}, "minutes.pdf", []byte("%PDF-1.7 minutes"))
		if res := postMultipart(lead, stdPath+"/evidence", body, ctype); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("file evidence: %d %v", res.StatusCode, errorSummary(t, res))
		}
		body, ctype = multipartBody(t, map[string]string{"kind": "file"}, "evil.pdf", []byte("<html><script>alert(1)</script>"))
		res = postMultipart(lead, stdPath+"/evidence", body, ctype)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), " "), "PDF, PNG, JPEG") {
			t.Errorf("HTML named .pdf: %d %v", res.StatusCode, errorSummary(t, res))
		}
		body, ctype = multipartBody(t, map[string]string{"kind": "file"}, "big.txt", bytes.Repeat([]byte("a"), assess.MaxAttachmentBytes+1))
		if res := postMultipart(lead, stdPath+"/evidence", body, ctype); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a file over 5 MB: %d", res.StatusCode)
		}
		body, ctype = multipartBody(t, map[string]string{"kind": "link", "url": "javascript:alert(1)"}, "", nil)
		if res := postMultipart(lead, stdPath+"/evidence", body, ctype); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a javascript: link: %d", res.StatusCode)
		}
		page = reader.get(stdPath)
		link, ok := page.doc(t).Find("a[href*='/evidence/']").Attr("href")
		if !ok {
			t.Fatalf("no download link")
		}
		dl := reader.get(link)
		if dl.StatusCode != http.StatusOK || dl.body != "%PDF-1.7 minutes" || dl.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") || dl.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(dl.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("download: %d %q %v", dl.StatusCode, dl.body, dl.Header)
		}
		if res := fx.signedIn("staff").get(link); res.StatusCode != http.StatusNotFound {
			t.Errorf("a staff member of Team A downloading Trust A's evidence: %d", res.StatusCode)
		}

		// Resolve the disagreement; rate every other standard the same on both sides.
		if res := lead.post(stdPath+"/rating", url.Values{"rating": {"pledge"}, "version": {"3"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lead resolves: %d", res.StatusCode)
		}
		show.doc(t).Find("table a[href*='/standards/']").Each(func(i int, sel *goquery.Selection) {
			if i == 0 {
				return
			}
			href, _ := sel.Attr("href")
			for j, c := range []*client{lead, rep} {
				if res := c.post(href+"/rating", url.Values{"rating": {"practice"}, "version": {fmt.Sprint(j + 1)}}); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("rating %s: %d", href, res.StatusCode)
				}
			}
		})

		// Two actions, one of them overdue, owned by the representative.
		actions := cyclePath + "/actions"
		first := pageStandardKey(stdPath)
		res = lead.post(actions, url.Values{"description": {""}, "standards": {first}, "owner": {fmt.Sprint(fx.users["rep@a.example"].ID)}, "sides": {"staff"}, "due": {"2026-13-45"}, "status": {"not-started"}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) != 2 || !strings.Contains(res.body, "2026-13-45") {
			t.Errorf("bad action: %d %v", res.StatusCode, errorSummary(t, res))
		}
		for _, due := range []string{"2020-01-31", "2099-06-30"} {
			res = rep.post(actions, url.Values{"description": {"Action due " + due}, "standards": {first}, "owner": {fmt.Sprint(fx.users["rep@a.example"].ID)},
				"sides": {"management", "staff"}, "due": {due}, "status": {"in-progress"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("action: %d %v", res.StatusCode, errorSummary(t, res))
			}
		}
		actionPath := res.Header.Get("Location")
		if res := rep.post(actionPath+"/notes", url.Values{"note": {"Started the review"}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("progress note: %d", res.StatusCode)
		}
		if res := rep.post(actionPath, url.Values{"description": {"x"}, "standards": {first}, "owner": {fmt.Sprint(fx.users["rep@a.example"].ID)},
			"sides": {"staff"}, "due": {"2099-06-30"}, "status": {"dropped"}, "version": {"1"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("dropped without a reason: %d", res.StatusCode)
		}
		mine := rep.get("/my-actions")
		if strings.Count(mine.body, `nhsuk-tag--red">Overdue`) != 1 || !strings.Contains(mine.body, "1 overdue") {
			t.Errorf("my actions should flag exactly one overdue action")
		}

		// Both sides sign off; then the cycle is read-only.
		if res := lead.post(cyclePath+"/sign-off", url.Values{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lead signs off: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := rep.post(cyclePath+"/sign-off", url.Values{"version": {"1"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("a stale sign-off: %d", res.StatusCode)
		}
		if res := rep.post(cyclePath+"/sign-off", url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rep signs off: %d", res.StatusCode)
		}
		if res := lead.post(stdPath+"/rating", url.Values{"rating": {"practice-plus"}, "version": {"4"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("rating a signed-off cycle: %d", res.StatusCode)
		}
		report := reader.get(cyclePath + "/report")
		if report.StatusCode != http.StatusOK || !strings.Contains(report.body, "Signed off") || !strings.Contains(report.body, "Lena Lead") ||
			!strings.Contains(report.body, "Action due 2099-06-30") || !strings.Contains(report.body, "<svg") {
			t.Errorf("report: %d", report.StatusCode)
		}
		entries, err := fx.db.AuditLog(t.Context(), store.AuditFilter{Action: "sign-off"})
		must(t, err)
		if len(entries) != 2 || !strings.Contains(entries[0].Summary, "Lena Lead") || !strings.Contains(entries[0].Summary, "Ravi Rep") {
			t.Errorf("sign-off audit: %+v", entries)
		}
		xlsx := reader.get(cyclePath + "/export")
		if xlsx.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", xlsx.StatusCode)
		}
		book, err := excelize.OpenReader(strings.NewReader(xlsx.body))
		must(t, err)
		if got := book.GetSheetList(); strings.Join(got, ",") != "Ratings,Evidence,Actions" {
			t.Errorf("sheets %v", got)
		}
		rows, err := book.GetRows("Actions")
		must(t, err)
		if len(rows) != 3 || rows[1][0] != "Action due 2020-01-31" || rows[1][7] != "Yes" || !strings.Contains(rows[2][8], "Started the review") {
			t.Errorf("actions sheet %q", rows)
		}
		if rows, _ := book.GetRows("Evidence"); len(rows) != 2 || rows[1][5] != "minutes.pdf" {
			t.Errorf("evidence sheet %q", rows)
		}

		// A new cycle copied from the signed-off one, and the comparison of the two.
		res = lead.post(orgPath, url.Values{"name": {"2027/28"}, "copy": {"yes"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("copy: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if next := reader.get(res.Header.Get("Location")); !strings.Contains(next.body, "Open") || strings.Contains(next.body, "Disagreed</strong>") {
			t.Errorf("the copy is not an open cycle with the agreed ratings")
		}
		cmp := reader.get(orgPath + "/compare")
		if cmp.StatusCode != http.StatusOK || !strings.Contains(cmp.body, "0 standards moved up and 0 moved down") {
			t.Errorf("compare: %d", cmp.StatusCode)
		}

		// Deleting: administrators only, confirmed, and the evidence file goes with the cycle.
		if res := lead.post(cyclePath+"/delete", url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a management lead deleting: %d", res.StatusCode)
		}
		admin := fx.signedIn("orgAdmin")
		if res := admin.post(cyclePath+"/delete", url.Values{}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("deleting without confirming: %d", res.StatusCode)
		}
		if res := admin.post(cyclePath+"/delete", url.Values{"confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("deleting: %d", res.StatusCode)
		}
		if res := admin.get(link); res.StatusCode != http.StatusNotFound {
			t.Errorf("the evidence file after the cycle was deleted: %d", res.StatusCode)
		}
		if res := admin.get(cyclePath); res.StatusCode != http.StatusNotFound {
			t.Errorf("the deleted cycle: %d", res.StatusCode)
		}
	})
}

// TestAssessmentSidesPage: only administrators of the organisation name the sides.
func TestAssessmentSidesPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		path := fmt.Sprintf("/organisations/%d/assessment-sides", fx.orgA.ID)
		if res := fx.signedIn("adminB").get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust's administrator: %d", res.StatusCode)
		}
		admin := fx.signedIn("orgAdmin")
		me := fx.users["orgAdmin"]
		if res := admin.post(path, url.Values{"user": {fmt.Sprint(me.ID)}, "side": {"board"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a side that does not exist: %d", res.StatusCode)
		}
		if res := admin.post(path, url.Values{"user": {fmt.Sprint(fx.users["adminB"].ID)}, "side": {"staff"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("someone of another trust: %d", res.StatusCode)
		}
		if res := admin.post(path, url.Values{"user": {fmt.Sprint(me.ID)}, "side": {"management"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("naming the lead: %d", res.StatusCode)
		}
		if side, _ := fx.db.SideOf(t.Context(), fx.orgA.ID, me.ID); side != assess.Management {
			t.Errorf("side %q", side)
		}
	})
}

// TestCalendarFeed: the secret address gives an RFC 5545 calendar of the person's open actions;
// a wrong or replaced secret gives nothing.
func TestCalendarFeed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		m := fx.matrixCycle()
		site := fx.signedIn("siteAdmin")
		res := site.post("/my-actions/calendar", url.Values{})
		feed := strings.TrimSpace(res.doc(t).Find("code.wf-secret").Text())
		if res.StatusCode != http.StatusOK || feed == "" {
			t.Fatalf("making a feed: %d", res.StatusCode)
		}
		u, err := url.Parse(feed)
		must(t, err)
		anon := fx.signedIn("anonymous")
		cal := anon.get(u.Path)
		if cal.StatusCode != http.StatusOK || !strings.HasPrefix(cal.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed: %d %s", cal.StatusCode, cal.Header.Get("Content-Type"))
		}
		events := parseICS(t, cal.body)
		if len(events) != 1 || events[0]["SUMMARY"] != "Action due: Do it" || !strings.HasPrefix(events[0]["DTSTART;VALUE=DATE"], "20") ||
			events[0]["UID"] != fmt.Sprintf("action-%d@%s", m.action, u.Host) {
			t.Errorf("events %+v", events)
		}
		if res := anon.get("/calendar/" + strings.Repeat("0", 64) + ".ics"); res.StatusCode != http.StatusNotFound {
			t.Errorf("a wrong secret: %d", res.StatusCode)
		}
		site.post("/my-actions/calendar", url.Values{})
		if res := anon.get(u.Path); res.StatusCode != http.StatusNotFound {
			t.Errorf("a replaced secret: %d", res.StatusCode)
		}
	})
}

// parseICS is a strict reader of the parts of RFC 5545 the feed uses: CRLF line ends, lines of
// at most 75 octets, folding, one VCALENDAR of VEVENTs with the required properties.
func parseICS(t *testing.T, s string) []map[string]string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatalf("lines must end with CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		if len(l) > 75 {
			t.Errorf("line longer than 75 octets: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not a VCALENDAR")
	}
	var events []map[string]string
	var cur map[string]string
	props := map[string]bool{}
	for _, l := range lines[1 : len(lines)-1] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no value: %q", l)
		}
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
		case l == "END:VEVENT":
			for _, req := range []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE"} {
				if cur[req] == "" {
					t.Errorf("event without %s", req)
				}
			}
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[name] = strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(value)
		default:
			props[name] = true
		}
	}
	if !props["VERSION"] || !props["PRODID"] {
		t.Errorf("calendar without VERSION or PRODID")
	}
	return events
}

func TestICalendarFoldsLongLines(t *testing.T) {
	long := strings.Repeat("é", 100) + "; and, more"
	out := iCalendar("W", "h", []assess.Action{{ID: 1, Description: long, Due: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Status: assess.ActionNotStarted}}, time.Now())
	ev := parseICS(t, out)
	if len(ev) != 1 || ev[0]["SUMMARY"] != "Action due: "+long || ev[0]["DTEND;VALUE=DATE"] != "20260103" {
		t.Errorf("events %+v", ev)
	}
}

func multipartBody(t *testing.T, fields map[string]string, name string, data []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		must(t, w.WriteField(k, v))
	}
	if name != "" {
		f, err := w.CreateFormFile("file", name)
		must(t, err)
		_, _ = f.Write(data)
	}
	must(t, w.Close())
	return &b, w.FormDataContentType()
}

func postMultipart(c *client, path string, body *bytes.Buffer, ctype string) response {
	req, err := http.NewRequest(http.MethodPost, c.base+path, body)
	must(c.t, err)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func pageStandardKey(path string) string { return path[strings.LastIndex(path, "/")+1:] }
