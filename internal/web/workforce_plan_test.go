package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestWorkforcePlanPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		fx.matrixPost()
		manager := fx.signedIn("manager")
		list := fmt.Sprintf("/organisations/%d/workforce-plans", fx.serviceA.ID)
		if res := manager.post(list, url.Values{"title": {" "}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("plan without a title: %d", res.StatusCode)
		}
		res := manager.post(list, url.Values{"title": {"Wards 2027"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", res.StatusCode, errorSummary(t, res))
		}
		at := res.Header.Get("Location")
		if d := manager.get(at).doc(t); d.Find("#plan-steps tbody tr").Length() != 6 || !strings.Contains(d.Find("#plan-steps").Text(), "Map service change") {
			t.Fatalf("plan page lacks the six steps")
		}
		sres := manager.post(fmt.Sprintf("/organisations/%d/scenarios", fx.serviceA.ID), url.Values{"name": {"Two APs"}})
		scenario := strings.TrimPrefix(sres.Header.Get("Location"), "/scenarios/")

		step1 := at + "/steps/define-the-plan"
		if res := manager.post(step1, url.Values{"version": {"0"}, "actions": {"0"}, "status": {"in-progress"}, "notes": {"Why: two wards merge"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("step 1: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := manager.post(step1, url.Values{"version": {"0"}, "actions": {"0"}, "status": {"done"}, "notes": {"Mine"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("stale step: %d", res.StatusCode)
		} else if v := res.doc(t).Find("#notes").Text(); v != "Mine" {
			t.Errorf("notes not kept on conflict: %q", v)
		}
		step3 := at + "/steps/define-required-workforce"
		form := url.Values{"version": {"0"}, "actions": {"0"}, "status": {"in-progress"}, "scenario": {scenario},
			"new-title": {"Cost the APs"}, "new-owner": {"Finance"}, "new-due": {"next spring"}}
		res = manager.post(step3, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), " "), "real date") {
			t.Errorf("bad due date: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if v, _ := res.doc(t).Find("#new-title").Attr("value"); v != "Cost the APs" {
			t.Errorf("action not kept: %q", v)
		}
		form.Set("new-due", "31/03/2027")
		if res := manager.post(step3, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("step 3: %d %v", res.StatusCode, errorSummary(t, res))
		}
		// Mark the action done and the step done.
		if res := manager.post(step3, url.Values{"version": {"1"}, "actions": {"1"}, "status": {"done"}, "scenario": {scenario},
			"action-0-title": {"Cost the APs"}, "action-0-owner": {"Finance"}, "action-0-due": {"2027-03-31"}, "action-0-done": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("step 3 done: %d %v", res.StatusCode, errorSummary(t, res))
		}
		d := manager.get(at).doc(t)
		s3 := d.Find("#step-define-required-workforce").Text()
		if !strings.Contains(s3, "Two APs") || !strings.Contains(s3, "Cost the APs") || !strings.Contains(s3, "31 March 2027") || !strings.Contains(s3, "Status: Done") {
			t.Errorf("step 3 on the plan page: %s", s3)
		}
		if !strings.Contains(d.Find("#step-define-the-plan").Text(), "Why: two wards merge") {
			t.Errorf("step 1 notes missing")
		}
		// Clearing an action removes it; a mistake in the new one is shown at the new one.
		res = manager.post(step3, url.Values{"version": {"2"}, "actions": {"1"}, "status": {"done"}, "scenario": {scenario},
			"action-0-title": {""}, "action-0-owner": {""}, "action-0-due": {""}, "new-title": {"Advertise"}, "new-due": {"31/02/2027"}})
		if res.StatusCode != http.StatusUnprocessableEntity || res.doc(t).Find("#new-due-error").Length() != 1 {
			t.Errorf("new action's mistake: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := manager.post(step3, url.Values{"version": {"2"}, "actions": {"1"}, "status": {"done"}, "scenario": {scenario},
			"action-0-title": {""}, "action-0-owner": {""}, "action-0-due": {""}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("removing the action: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if strings.Contains(manager.get(at).doc(t).Find("#step-define-required-workforce").Text(), "Cost the APs") {
			t.Errorf("the cleared action is still there")
		}
		if x := manager.get(at + "/export"); !strings.HasPrefix(x.body, "PK") {
			t.Errorf("export: %d", x.StatusCode)
		}
		if res := manager.get(at + "/steps/step-seven"); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown step: %d", res.StatusCode)
		}
		for persona, want := range map[string]int{"staff": http.StatusForbidden, "adminB": http.StatusNotFound} {
			c := fx.signedIn(persona)
			for _, path := range []string{at, step3, at + "/export", list} {
				if res := c.get(path); res.StatusCode != want {
					t.Errorf("%s GET %s: %d", persona, path, res.StatusCode)
				}
			}
		}
	})
}
