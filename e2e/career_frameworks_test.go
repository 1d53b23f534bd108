package e2e

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestPlannerWorksWithCareerFramework is a workforce planner with the demo's research delivery
// career framework: they open the grid, read a role's routes, try a route that breaks the rules,
// add one across from research nursing into clinical research practice, see it on the card, and
// download the drawn grid as SVG. The list, the grid, its forms with errors and the create form
// are checked with axe-core.
func TestPlannerWorksWithCareerFramework(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)

	if n := evaluate[int](t, ctx, `document.querySelectorAll(".nhsuk-header a[href='/career-frameworks']").length`); n == 0 {
		t.Errorf("the header has no link to Career frameworks")
	}
	harness.Open(ctx, t, s.url+"/career-frameworks")
	harness.CheckAccessibility(ctx, t, "career frameworks")
	submit(t, ctx, "a[href='/career-frameworks/new']")
	harness.CheckAccessibility(ctx, t, "create a career framework")

	harness.Open(ctx, t, s.url+"/career-frameworks")
	submit(t, ctx, "table a[href^='/career-frameworks/']")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Research delivery career framework" {
		t.Fatalf("the grid's heading is %q", h)
	}
	harness.CheckAccessibility(ctx, t, "career framework grid")

	// The grid is a ladder: level 9 on top, level 1 at the bottom, one column per family.
	levels := evaluate[[]string](t, ctx, `[...document.querySelectorAll(".wf-career-grid tbody th")].map(th => th.innerText.trim().split("\n")[0])`)
	if len(levels) != 9 || !strings.HasPrefix(levels[0], "Level 9") || !strings.HasPrefix(levels[8], "Level 1") {
		t.Errorf("rows: %q", levels)
	}
	card := func(title string) string {
		return evaluate[string](t, ctx, `[...document.querySelectorAll(".wf-role-card")].find(c => c.querySelector(".wf-role-card__title").innerText.trim() === "`+title+`")?.innerText || ""`)
	}
	if c := card("Nursing associate"); !strings.Contains(c, "Can move up to Staff nurse (registration required; qualification: Nursing degree)") {
		t.Errorf("the nursing associate's card: %q", c)
	}

	// A route "up" between two roles at level 5 is refused, with the choices kept.
	options := `(title) => [...document.querySelectorAll("#route-from option")].find(o => o.innerText.startsWith(title + " (level")).value`
	researchNurse := evaluate[string](t, ctx, `(`+options+`)("Research nurse")`)
	crp := evaluate[string](t, ctx, `(`+options+`)("Clinical research practitioner")`)
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#route-from"), researchNurse),
		chromedp.SetValue(chromedp.CSS("#route-to"), crp),
		chromedp.Click(chromedp.CSS("#route-kind")),
		chromedp.SendKeys(chromedp.CSS("#route-note"), "Good Clinical Practice refresher"),
	)
	submit(t, ctx, "form[action$='/routes'] button[type=submit]")
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "A route up must go to a higher level") {
		t.Fatalf("a route up at the same level: error summary %q", summary)
	}
	if v := evaluate[string](t, ctx, `document.getElementById("route-to").value`); v != crp {
		t.Errorf("the form lost the role chosen: %q", v)
	}
	harness.CheckAccessibility(ctx, t, "career framework grid with errors")

	// Across is right: the route appears on the research nurse's card, linked to the practitioner.
	do(t, ctx, chromedp.Click(chromedp.CSS("#route-kind-across")))
	submit(t, ctx, "form[action$='/routes'] button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "has been added") {
		t.Fatalf("after adding the route: %q; page: %q", flash, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	if c := card("Research nurse"); !strings.Contains(c, "Can move across to Clinical research practitioner") {
		t.Errorf("the research nurse's card after adding the route: %q", c)
	}
	if target := evaluate[string](t, ctx, `[...document.querySelectorAll(".wf-role-card__routes a")].find(a => a.innerText === "Clinical research practitioner" && a.closest(".wf-role-card").querySelector(".wf-role-card__title").innerText.trim() === "Research nurse").getAttribute("href")`); target != "#role-"+crp {
		t.Errorf("the route links to %q, want the practitioner's card", target)
	}
	harness.CheckAccessibility(ctx, t, "career framework grid after a change")

	// The drawn grid downloads as SVG and names the new route in its description.
	svg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a[href$='grid.svg?download']").href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "Research nurse across to Clinical research practitioner") {
		t.Errorf("the SVG download: %.200q", svg)
	}
	if w := evaluate[int](t, ctx, `document.querySelector("img.wf-career-chart").naturalWidth`); w == 0 {
		t.Errorf("the drawn grid did not load in the page")
	}

	// Printed with the page's own page size, the grid comes out on landscape A4; the list, which
	// has no named page, stays portrait.
	if w, h := printedPage(t, ctx); !(w > h && w > 840 && w < 843 && h > 594 && h < 597) {
		t.Errorf("the grid prints on a %v×%v pt page, want landscape A4 (842×595)", w, h)
	}
	gridURL := evaluate[string](t, ctx, "location.href")
	harness.Open(ctx, t, s.url+"/career-frameworks")
	if w, h := printedPage(t, ctx); w >= h {
		t.Errorf("the list prints on a %v×%v pt page, want portrait", w, h)
	}
	harness.Open(ctx, t, gridURL)

	submit(t, ctx, "a[href$='/edit']")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("input[id^='family-name-']").length`); n != 7 {
		t.Errorf("the edit form has %d role family rows, want the 4 families and 3 blank", n)
	}
	harness.CheckAccessibility(ctx, t, "change a career framework")

	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

// printedPage prints the page as the browser would with the page's own CSS page size (A4 when
// it names none) and returns the first page's size in points.
func printedPage(t *testing.T, ctx context.Context) (float64, float64) {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("the PDF has no MediaBox")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	return w, h
}
