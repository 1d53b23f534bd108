package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestPlannerBuildsAFramework: a planner builds a small competence framework of the trust's
// own in the browser, corrects a mistake, publishes it, and requires one of its competences in
// a new role. Each page passes axe-core.
func TestPlannerBuildsAFramework(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	org := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "Riverside University Hospitals NHS Foundation Trust").getAttribute("href")`)
	harness.Open(ctx, t, s.url+org)
	submit(t, ctx, "a[href='"+org+"/frameworks']")
	harness.CheckAccessibility(ctx, t, "organisation frameworks")
	submit(t, ctx, "a[href='"+org+"/frameworks/new']")
	harness.CheckAccessibility(ctx, t, "build a framework")

	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#title"), "Riverside tracheostomy competences"),
		chromedp.SendKeys(chromedp.CSS("#key"), "riverside-tracheostomy"),
		chromedp.SendKeys(chromedp.CSS("#level-0-title"), "Supervised"),
		chromedp.SendKeys(chromedp.CSS("#level-1-title"), "Independent"),
		chromedp.SendKeys(chromedp.CSS("#domain-0-title"), "Airway care"),
		chromedp.SendKeys(chromedp.CSS("#competence-0-code"), "TR1"),
		chromedp.SendKeys(chromedp.CSS("#competence-0-title"), "Tracheostomy tube change"),
		chromedp.SendKeys(chromedp.CSS("#competence-0-domain"), "Airway"), // not the domain's title
	)
	submit(t, ctx, "button[value=save]")
	summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`)
	if !strings.Contains(summary, "there is no domain called Airway") {
		t.Fatalf("the mistake is not reported: %q", summary)
	}
	if v := evaluate[string](t, ctx, `document.getElementById("competence-0-title").value`); v != "Tracheostomy tube change" {
		t.Errorf("the typed competence is not kept: %q", v)
	}
	harness.CheckAccessibility(ctx, t, "build a framework with errors")
	evaluate[bool](t, ctx, `(() => { document.getElementById("competence-0-domain").value = ""; return true })()`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#competence-0-domain"), "Airway care"))
	submit(t, ctx, "button[value=save]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "saved as a draft") {
		t.Fatalf("after saving: %q; page: %q", flash, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	harness.CheckAccessibility(ctx, t, "change a draft framework")
	submit(t, ctx, "form[action$='/publish'] button")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "is published") {
		t.Fatalf("after publishing: %q", text)
	}
	harness.CheckAccessibility(ctx, t, "organisation frameworks, one published")

	// The new framework's competence in a role.
	harness.Open(ctx, t, s.url+"/roles/new")
	waitForPickers(t, ctx)
	evaluate[bool](t, ctx, `(() => { document.getElementById("organisation").selectedIndex = 1; return true })()`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#title"), "Tracheostomy nurse specialist"))
	if v := pickCompetence(t, ctx, "0", "TR1 tracheostomy tube"); v != "riverside-tracheostomy 1 tr1" {
		t.Fatalf("the picker chose %q, want the new framework's TR1", v)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#req-0-level"), "riverside-tracheostomy 1 independent"))
	submit(t, ctx, "button[value=save]")
	if text := evaluate[string](t, ctx, `document.querySelector("table.wf-requirements")?.innerText || ""`); !strings.Contains(text, "Tracheostomy tube change") {
		t.Errorf("the role's competences: %q; page: %q", text, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
