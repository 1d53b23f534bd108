package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestWorkforcePlanSixSteps is a service manager planning the nursing workforce with the Six
// Steps: they start a scenario (so step 3 has one to use), share and lock it, compare it, start a plan from the workforce
// profile, write step 1's notes, link the scenario in step 3 and add an action there, mark step 3
// done, and see it all on the plan page. axe-core checks every page.
func TestWorkforcePlanSixSteps(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "nursing@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	href := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.textContent.trim() === "Nursing and Midwifery")?.getAttribute("href") || ""`)
	if href == "" {
		t.Fatal("no link to Nursing and Midwifery")
	}
	// A scenario for step 3 to use.
	harness.Open(ctx, t, s.url+href+"/scenarios")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#name"), "More assistant practitioners"))
	submit(t, ctx, "form[action$='/scenarios'] button[type=submit]")
	// Share it and lock it as agreed; the page says so (axe-core checks the new parts).
	submit(t, ctx, "form[action$='/share'] button[type=submit]")
	submit(t, ctx, "form[action$='/lock'] button[type=submit]")
	if note := evaluate[string](t, ctx, `document.querySelector("#locked-note")?.innerText || ""`); !strings.Contains(note, "Locked as agreed") {
		t.Fatalf("the lock is not shown: %q", note)
	}
	harness.CheckAccessibility(ctx, t, "locked scenario")
	scenarioID := evaluate[string](t, ctx, `location.pathname.split("/").pop()`)
	harness.Open(ctx, t, s.url+href+"/scenarios/compare?scenario="+scenarioID)
	if cols := evaluate[string](t, ctx, `document.querySelector("#compare-total thead").innerText`); !strings.Contains(cols, "More assistant practitioners") {
		t.Errorf("the comparison's columns: %q", cols)
	}
	harness.CheckAccessibility(ctx, t, "scenario comparison")

	harness.Open(ctx, t, s.url+href+"/workforce")
	submit(t, ctx, "a[href$='/workforce-plans']")
	harness.CheckAccessibility(ctx, t, "workforce plans")
	// A plan without a title is refused with the error summary.
	submit(t, ctx, "form[action$='/workforce-plans'] button[type=submit]")
	if errs := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(errs, "Enter a title") {
		t.Fatalf("error summary %q", errs)
	}
	harness.CheckAccessibility(ctx, t, "workforce plans with an error")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#title"), "Nursing workforce plan 2027"))
	submit(t, ctx, "form[action$='/workforce-plans'] button[type=submit]")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Nursing workforce plan 2027" {
		t.Fatalf("plan heading %q", h)
	}
	harness.CheckAccessibility(ctx, t, "workforce plan")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#plan-steps tbody tr").length`); n != 6 {
		t.Fatalf("the plan shows %d steps", n)
	}

	// Step 1: its notes.
	submit(t, ctx, "#plan-steps a[href$='/steps/define-the-plan']")
	harness.CheckAccessibility(ctx, t, "step 1")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#notes"), "Two medical wards merge in April; the plan covers their nursing teams."),
		chromedp.Click(chromedp.CSS("#status-in-progress")),
	)
	submit(t, ctx, "form[action$='/steps/define-the-plan'] button[type=submit]")

	// Step 3: link the scenario, add an action, mark it done.
	submit(t, ctx, "#plan-steps a[href$='/steps/define-required-workforce']")
	harness.CheckAccessibility(ctx, t, "step 3")
	box := evaluate[string](t, ctx, `[...document.querySelectorAll("#scenarios input")].find(i => i.labels[0].innerText.startsWith("More assistant practitioners"))?.id || ""`)
	if box == "" {
		t.Fatal("step 3 does not offer the scenario")
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#"+box)),
		chromedp.Click(chromedp.CSS("#status-done")),
		chromedp.SendKeys(chromedp.CSS("#new-title"), "Cost three assistant practitioner posts"),
		chromedp.SendKeys(chromedp.CSS("#new-owner"), "Ward manager"),
		chromedp.SendKeys(chromedp.CSS("#new-due"), "31/03/2027"),
	)
	submit(t, ctx, "form[action$='/steps/define-required-workforce'] button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "Step 3 has been saved") {
		t.Fatalf("after saving step 3: %q", flash)
	}
	harness.CheckAccessibility(ctx, t, "workforce plan after step 3")
	status := evaluate[string](t, ctx, `document.querySelector("#plan-steps").innerText`)
	if !strings.Contains(status, "Define the plan\tIn progress") || !strings.Contains(status, "Define the required workforce\tDone") {
		t.Errorf("step statuses:\n%s", status)
	}
	step3 := evaluate[string](t, ctx, `document.querySelector("#step-define-required-workforce").innerText`)
	for _, want := range []string{"More assistant practitioners", "Cost three assistant practitioner posts", "Ward manager", "31 March 2027"} {
		if !strings.Contains(step3, want) {
			t.Errorf("step 3 lacks %q:\n%s", want, step3)
		}
	}
	if !strings.Contains(evaluate[string](t, ctx, `document.querySelector("#step-define-the-plan").innerText`), "Two medical wards merge") {
		t.Error("step 1's notes are not on the plan page")
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
