package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestHealthcareAssistantCareerOptions is issue 5's browser test: a healthcare assistant (level
// 2) signs in, opens Career Options, sees assistant practitioner and other options ranked with
// their gaps, opens a pathway to a registered nurse's role (the demo's staff nurse), and prints
// the gap analysis. axe-core checks every page; no page logs an error.
func TestHealthcareAssistantCareerOptions(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "hca@riverside.example")
	console := harness.WatchConsole(ctx)

	// From the home page, as a first-time visitor would.
	harness.Open(ctx, t, s.url+"/")
	submit(t, ctx, "a[href='/my-career-options']")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Your career options" {
		t.Fatalf("career options heading %q", h)
	}
	harness.CheckAccessibility(ctx, t, "career options")
	main := evaluate[string](t, ctx, `document.querySelector("main").innerText`)
	for _, want := range []string{"Counted from Healthcare assistant (level 2)", "How transferability is worked out", "Assistant practitioner (acute medicine)"} {
		if !strings.Contains(main, want) {
			t.Errorf("the career options page lacks %q", want)
		}
	}
	// Ranked: the scores never go up down the list.
	scores := evaluate[[]int](t, ctx, `[...document.querySelectorAll(".wf-option .wf-score")].map(e => parseInt(e.innerText))`)
	if len(scores) < 10 {
		t.Fatalf("only %d options on the first page", len(scores))
	}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[i-1] {
			t.Errorf("option %d scores %d%%, above option %d's %d%%: not ranked", i+1, scores[i], i, scores[i-1])
		}
	}
	// Assistant practitioner shows its move, its gap list and a plain-words explanation.
	ap := evaluate[string](t, ctx, `[...document.querySelectorAll(".wf-option")].find(li => li.querySelector("h3").innerText === "Assistant practitioner (acute medicine)")?.innerText || ""`)
	for _, want := range []string{"% transferable", "Further up", "Gap", "(missing)", "held at", "already met"} {
		if !strings.Contains(ap, want) {
			t.Errorf("the assistant practitioner option lacks %q:\n%s", want, ap)
		}
	}

	// Filter by level without JavaScript's help: a GET form.
	do(t, ctx, chromedp.Click(chromedp.CSS("#level-4")))
	submit(t, ctx, "form.wf-filters button[type=submit]")
	levels := evaluate[[]string](t, ctx, `[...document.querySelectorAll(".wf-option .nhsuk-summary-list__row")].filter(r => r.innerText.startsWith("Level")).map(r => r.querySelector("dd").innerText)`)
	if len(levels) == 0 {
		t.Fatal("no level 4 options")
	}
	for _, l := range levels {
		if !strings.HasPrefix(l, "4") {
			t.Errorf("the level 4 filter lets through level %q", l)
		}
	}
	harness.CheckAccessibility(ctx, t, "career options filtered")

	// A pathway to a registered nurse's role.
	submit(t, ctx, "a[href$='/pathway']")
	value := evaluate[string](t, ctx, `[...document.querySelectorAll("#to option")].find(o => o.textContent.startsWith("Staff nurse ("))?.value || ""`)
	if value == "" {
		t.Fatal("staff nurse is not offered as a pathway target")
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#to"), value))
	submit(t, ctx, "form[action$='/pathway'] button[type=submit]")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Pathway to Staff nurse" {
		t.Fatalf("pathway heading %q", h)
	}
	steps := evaluate[[]string](t, ctx, `[...document.querySelectorAll("main table tbody tr")].map(r => r.innerText)`)
	if len(steps) != 3 || !strings.Contains(steps[0], "Senior healthcare support worker") || !strings.Contains(steps[2], "Staff nurse") {
		t.Fatalf("pathway steps %q", steps)
	}
	for _, s := range steps {
		if !strings.Contains(s, "Research delivery career framework") || !strings.Contains(s, "gap analysis") {
			t.Errorf("step %q does not say it follows the career framework with its gap", s)
		}
	}
	if total := evaluate[string](t, ctx, `document.querySelector("main .nhsuk-body-l").innerText`); !strings.Contains(total, "3 steps from Healthcare assistant, total gap") {
		t.Errorf("pathway total %q", total)
	}
	harness.CheckAccessibility(ctx, t, "pathway")

	// The gap analysis against staff nurse, printed for an appraisal.
	submit(t, ctx, "main table tbody tr:last-child a[href*='?role=']")
	if gaps := evaluate[string](t, ctx, `[...document.querySelectorAll("section.wf-gap h3")].map(h => h.innerText).join("|")`); !strings.Contains(gaps, "Target role: Staff nurse") {
		t.Fatalf("gap sections %q", gaps)
	}
	harness.CheckAccessibility(ctx, t, "gap analysis against staff nurse")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if still := evaluate[[]string](t, ctx, `["header nav", ".nhsuk-breadcrumb", "footer", "form", ".nhsuk-button"].filter(sel => [...document.querySelectorAll(sel)].some(e => e.getClientRects().length > 0))`); len(still) > 0 {
		t.Errorf("these still print: %q", still)
	}
	if n := evaluate[int](t, ctx, `[...document.querySelectorAll("section.wf-gap svg[role=img], section.wf-gap table")].filter(e => e.getClientRects().length > 0).length`); n != 4 {
		t.Errorf("%d gap charts and tables print, want 4 (current and target role)", n)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	// The record, its portfolio and two gap analyses (current role and staff nurse), each with
	// its chart and table: a few pages, not one per table cell as a stacked responsive table
	// printed before the print styles kept tables as tables on paper.
	if n := pdfPages(pdf); n < 1 || n > 6 {
		t.Errorf("the gap analysis prints on %d A4 pages, want 1 to 6", n)
	}

	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestManagerTalentMatchAndTeamOptions: the trust's administrator opens the talent match of
// assistant practitioner (acute medicine) and the team options of the Acute Medical Unit; both
// pages pass axe-core.
func TestManagerTalentMatchAndTeamOptions(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "admin@riverside.example")
	console := harness.WatchConsole(ctx)
	harness.Open(ctx, t, s.url+"/roles?q=%22assistant+practitioner+acute%22")
	submit(t, ctx, "main table a[href^='/roles/']")
	submit(t, ctx, "a[href$='/talent-match']")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Talent match" {
		t.Fatalf("talent match heading %q", h)
	}
	scores := evaluate[[]int](t, ctx, `[...document.querySelectorAll("main table tbody tr td:nth-child(4)")].map(td => parseInt(td.innerText.replace(/^\D+/, "")))`)
	if len(scores) != 20 {
		t.Fatalf("%d people on the first page of the talent match, want 20", len(scores))
	}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[i-1] {
			t.Errorf("person %d scores %d%%, above person %d's %d%%: not ranked", i+1, scores[i], i, scores[i-1])
		}
	}
	harness.CheckAccessibility(ctx, t, "talent match")
	// Casey, part of the way there, is on the next page.
	submit(t, ctx, "a.nhsuk-pagination__next")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Casey Brown") {
		t.Errorf("Casey is not on the second page of the talent match for assistant practitioner:\n%s", text)
	}

	harness.Open(ctx, t, s.url+"/organisations")
	team := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.innerText === "Acute Medical Unit")?.getAttribute("href") || ""`)
	if team == "" {
		t.Fatal("the Acute Medical Unit is not listed")
	}
	harness.Open(ctx, t, s.url+team)
	submit(t, ctx, "a[href$='/career-options']")
	text := evaluate[string](t, ctx, `document.querySelector("main").innerText`)
	for _, want := range []string{"Team career options", "Who could step into the team's roles", "Casey Brown", "Assistant practitioner (acute medicine)"} {
		if !strings.Contains(text, want) {
			t.Errorf("team options lack %q", want)
		}
	}
	harness.CheckAccessibility(ctx, t, "team options")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
