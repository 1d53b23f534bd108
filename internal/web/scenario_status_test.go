package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
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
