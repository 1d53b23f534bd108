package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestSelfAssessmentInPartnership: the trust's management lead starts a cycle from a copy of the
// last; lead and staff-side representative rate two standards, disagree on one and resolve it,
// add two actions, both sign off, and the board report shows the result. Each page passes
// axe-core.
func TestSelfAssessmentInPartnership(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	console := harness.WatchConsole(ctx)
	const lead, rep = "planner@riverside.example", "staffside@riverside.example"
	signIn(t, ctx, s, lead)
	switchTo := func(email string) {
		t.Helper()
		submit(t, ctx, "form[action='/sign-out'] button")
		signIn(t, ctx, s, email)
	}
	text := func() string { return evaluate[string](t, ctx, "document.querySelector('main').innerText") }
	flash := func() string { return evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`) }

	harness.Open(ctx, t, s.url+"/assessments")
	harness.CheckAccessibility(ctx, t, "self-assessment")
	org := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "Riverside University Hospitals NHS Foundation Trust").getAttribute("href")`)
	harness.Open(ctx, t, s.url+org)
	harness.CheckAccessibility(ctx, t, "an organisation's self-assessments")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#name"), "2027/28"))
	submit(t, ctx, "form[action$='/assessments'] button[type=submit]")
	if f := flash(); !strings.Contains(f, "2027/28 has started") {
		t.Fatalf("after starting: %q; page %q", f, text())
	}
	cycle := evaluate[string](t, ctx, "location.pathname")
	harness.CheckAccessibility(ctx, t, "progress view")
	// The copy brings the last cycle's disagreement on the first standard with it.
	standards := evaluate[[]string](t, ctx, `[...document.querySelectorAll("main table a[href*='/standards/']")].map(a => a.getAttribute("href"))`)
	if len(standards) < 3 || !strings.Contains(text(), "Disagreed") {
		t.Fatalf("standards %v; page %q", standards, text())
	}
	first, third := standards[0], standards[2]

	rate := func(path, rating string) {
		t.Helper()
		harness.Open(ctx, t, s.url+path)
		do(t, ctx, chromedp.Click(chromedp.CSS("#rating-"+rating)))
		submit(t, ctx, "form[action$='/rating'] button")
		if f := flash(); !strings.Contains(f, "is saved") {
			t.Fatalf("rating %s %s: %q; page %q", path, rating, f, text())
		}
	}
	rate(third, "practice-plus")
	harness.CheckAccessibility(ctx, t, "a standard, rated by one side")

	switchTo(rep)
	rate(third, "practice")
	if !strings.Contains(text(), "Disagreed") {
		t.Errorf("the disagreement is not shown: %q", text())
	}
	rate(first, "practice-plus") // agrees with the management side's view
	// Sign-off is refused while the third standard is disagreed.
	harness.Open(ctx, t, s.url+cycle+"/sign-off")
	harness.CheckAccessibility(ctx, t, "sign-off with a standard not agreed")
	submit(t, ctx, "form[action$='/sign-off'] button")
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "both sides agree") {
		t.Fatalf("sign-off while disagreed: %q", summary)
	}

	switchTo(lead)
	rate(third, "practice") // resolved
	harness.Open(ctx, t, s.url+cycle)
	if n := evaluate[int](t, ctx, `[...document.querySelectorAll("main strong.nhsuk-tag")].filter(e => e.innerText.trim() === "Disagreed").length`); n != 0 {
		t.Errorf("%d standards still disagreed after resolving", n)
	}

	// Two actions; the first with a mistake corrected.
	addAction := func(desc, due string, stdIndex int) {
		t.Helper()
		harness.Open(ctx, t, s.url+cycle+"/actions")
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#description"), desc))
		evaluate[bool](t, ctx, `(() => {
			document.querySelectorAll("input[name=standards]")[`+strconv.Itoa(stdIndex)+`].checked = true;
			document.getElementById("owner").selectedIndex = 1;
			document.getElementById("sides-management").checked = true;
			document.getElementById("sides-staff").checked = true;
			document.getElementById("due").value = "`+due+`";
			return true })()`)
		submit(t, ctx, "form[action$='/actions'] button[type=submit]")
	}
	addAction("", "2027-03-31", 0)
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "Describe the action") {
		t.Fatalf("an action without a description: %q", summary)
	}
	harness.CheckAccessibility(ctx, t, "action plan with errors")
	addAction("Publish the agreed HR strategy to all staff", "2027-03-31", 0)
	if f := flash(); !strings.Contains(f, "added to the plan") {
		t.Fatalf("first action: %q; page %q", f, text())
	}
	harness.CheckAccessibility(ctx, t, "an action")
	addAction("Run listening events with the staff side", "2027-06-30", 2)
	harness.Open(ctx, t, s.url+cycle+"/actions")
	harness.CheckAccessibility(ctx, t, "action plan")
	if got := text(); !strings.Contains(got, "Publish the agreed HR strategy") || !strings.Contains(got, "Run listening events") {
		t.Errorf("the plan: %q", got)
	}

	// Both sides sign off.
	harness.Open(ctx, t, s.url+cycle+"/sign-off")
	submit(t, ctx, "form[action$='/sign-off'] button")
	if f := flash(); !strings.Contains(f, "when the other side signs too") {
		t.Fatalf("management sign-off: %q; page %q", f, text())
	}
	switchTo(rep)
	harness.Open(ctx, t, s.url+cycle+"/sign-off")
	submit(t, ctx, "form[action$='/sign-off'] button")
	if f := flash(); !strings.Contains(f, "Both sides have signed off 2027/28") {
		t.Fatalf("staff-side sign-off: %q; page %q", f, text())
	}
	harness.CheckAccessibility(ctx, t, "a signed-off assessment")

	harness.Open(ctx, t, s.url+cycle+"/report")
	harness.CheckAccessibility(ctx, t, "board report")
	report := text()
	for _, want := range []string{"Signed off", "Priya Shah", "Taylor Brooks", "Publish the agreed HR strategy", "Run listening events", "Ratings by area over time"} {
		if !strings.Contains(report, want) {
			t.Errorf("the board report lacks %q", want)
		}
	}
	harness.Open(ctx, t, s.url+"/my-actions")
	harness.CheckAccessibility(ctx, t, "my actions")
	harness.Open(ctx, t, s.url+org+"/compare")
	harness.CheckAccessibility(ctx, t, "compare cycles")
	// The administrator's pages: the partnership's sides, and a cycle with the delete form.
	switchTo("admin@riverside.example")
	harness.Open(ctx, t, s.url+strings.Replace(org, "/assessments", "/assessment-sides", 1))
	harness.CheckAccessibility(ctx, t, "assessment partnership")
	if got := text(); !strings.Contains(got, "Taylor Brooks") {
		t.Errorf("the partnership page: %q", got)
	}
	harness.Open(ctx, t, s.url+cycle)
	harness.CheckAccessibility(ctx, t, "a cycle as its administrator")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
