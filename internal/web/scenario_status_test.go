package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A scenario is its author's draft until shared; locked, it refuses changes with a message that
// says why; the name and notes can be changed while it is not locked.
func TestScenarioShareLockAndNotes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.matrixPost()
		manager, admin := fx.signedIn("manager"), fx.signedIn("orgAdmin")
		res := manager.post(fmt.Sprintf("/organisations/%d/scenarios", fx.serviceA.ID), url.Values{"name": {"Draft plan"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		at := res.Header.Get("Location")
		if res := admin.get(at); res.StatusCode != http.StatusNotFound {
			t.Errorf("another planner saw a draft: %d", res.StatusCode)
		}
		if res := admin.post(at+"/share", url.Values{"version": {"1"}, "shared": {"yes"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("another planner shared a draft: %d", res.StatusCode)
		}
		if !strings.Contains(manager.get(at).doc(t).Find("#shared-note").Text(), "only you see") {
			t.Errorf("the draft is not said to be a draft")
		}
		if res := manager.post(at+"/share", url.Values{"version": {"1"}, "shared": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("share: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := admin.post(at+"/lock", url.Values{"version": {"2"}, "locked": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lock: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if !strings.Contains(manager.get(at).doc(t).Find("#locked-note").Text(), "Locked as agreed") {
			t.Errorf("the lock is not shown")
		}
		res = manager.post(at+"/notes", url.Values{"version": {"3"}, "name": {"Renamed"}, "description": {"x"}})
		if res.StatusCode != http.StatusConflict || !strings.Contains(strings.Join(errorSummary(t, res), " "), "locked as agreed") {
			t.Errorf("notes of a locked scenario: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := manager.post(at+"/delete", url.Values{"version": {"3"}, "confirm": {"yes"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("delete of a locked scenario: %d", res.StatusCode)
		}
		if res := manager.post(at+"/lock", url.Values{"version": {"3"}, "locked": {"no"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("unlock: %d", res.StatusCode)
		}
		res = manager.post(at+"/notes", url.Values{"version": {"4"}, "name": {""}, "description": {"Agreed at the board"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("empty name: %d", res.StatusCode)
		}
		if v := res.doc(t).Find("#description").Text(); v != "Agreed at the board" {
			t.Errorf("notes not kept: %q", v)
		}
		if res := manager.post(at+"/notes", url.Values{"version": {"4"}, "name": {"Renamed"}, "description": {"Agreed at the board"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("notes: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if d := admin.get(at).doc(t); d.Find("h1").Text() != "Renamed" || !strings.Contains(d.Text(), "Agreed at the board") {
			t.Errorf("name or notes not saved")
		}
	})
}

// Several scenarios side by side: one column each, a draft of someone else never among them,
// and the download has a column group per scenario.
func TestScenarioCompareMany(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		post := fx.matrixPost() // Team A: a ward manager post (band 7 entry £47,810), filled
		manager, admin := fx.signedIn("manager"), fx.signedIn("orgAdmin")
		service := fmt.Sprint(fx.serviceA.ID)
		newScenario := func(c *client, name string) string {
			res := c.post("/organisations/"+service+"/scenarios", url.Values{"name": {name}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("create %s: %d", name, res.StatusCode)
			}
			return res.Header.Get("Location")
		}
		removed, same := newScenario(manager, "Without the post"), newScenario(manager, "As today")
		draft := newScenario(admin, "Admin's draft")
		if res := manager.post(removed+"/changes", url.Values{"version": {"1"}, "kind": {"remove"}, "post": {fmt.Sprint(post.ID)}, "reason": {"Not needed"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d %v", res.StatusCode, errorSummary(t, res))
		}
		id := func(at string) string { return strings.TrimPrefix(at, "/scenarios/") }
		base := "/organisations/" + service + "/scenarios/compare"
		page := manager.get(base + "?scenario=" + id(removed) + "&scenario=" + id(same) + "&scenario=" + id(draft))
		if page.StatusCode != http.StatusOK {
			t.Fatalf("compare: %d", page.StatusCode)
		}
		d := page.doc(t)
		var heads []string
		d.Find("#compare-total thead th").Each(func(_ int, c *goquery.Selection) { heads = append(heads, c.Text()) })
		if strings.Join(heads, "|") != "Figure|Today|Without the post|As today" {
			t.Errorf("columns %v", heads)
		}
		if strings.Contains(d.Text(), "Admin's draft") {
			t.Errorf("another's draft shown")
		}
		var cost []string
		d.Find("#compare-total tbody tr:last-child td").Each(func(_ int, c *goquery.Selection) { cost = append(cost, c.Text()) })
		if strings.Join(cost, "|") != "£0|-£47,810|£0" {
			t.Errorf("cost differences %v", cost)
		}
		csv := manager.get(base + "?scenario=" + id(removed) + "&scenario=" + id(same) + "&format=csv")
		if !strings.Contains(csv.body, "Without the post: cost change (£)") || !strings.Contains(csv.body, "Total,Total,") {
			t.Errorf("CSV:\n%s", csv.body)
		}
		if x := manager.get(base + "?scenario=" + id(removed) + "&format=xlsx"); !strings.HasPrefix(x.body, "PK") {
			t.Errorf("XLSX: %d", x.StatusCode)
		}
		if res := fx.signedIn("adminB").get(base); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust: %d", res.StatusCode)
		}
	})
}
