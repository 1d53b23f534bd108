package e2e

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestCreateMyProfile is a first-time member of staff making their own IWF profile: they give
// shares that add up to 99, are told the total, fix it, save, see the chart and the table,
// download the SVG, print the profile on one page and compare it with the role's profile.
func TestCreateMyProfile(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "nurse@riverside.example")
	console := harness.WatchConsole(ctx)

	submit(t, ctx, "a.nhsuk-card__link[href='/profiles']")
	harness.CheckAccessibility(ctx, t, "your profiles")
	submit(t, ctx, "a.nhsuk-button[href^='/profiles/new']")
	harness.CheckAccessibility(ctx, t, "create my profile")

	shares := evaluate[[]string](t, ctx, `[...document.querySelectorAll("input[data-wf-share]")].map(i => i.id)`)
	levels := evaluate[[]string](t, ctx, `[...document.querySelectorAll("select[id^=level-]")].map(s => s.id)`)
	if len(shares) != 12 || len(levels) != 12 {
		t.Fatalf("the form has %d share fields and %d level fields, want 12 of each", len(shares), len(levels))
	}
	// 11 elements at 8% and one at 11%: 99 in all.
	for i, id := range shares {
		v := "8"
		if i == 0 {
			v = "11"
		}
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#"+id), v))
	}
	for i, id := range levels {
		idx := strconv.Itoa(1 + i%4) // options after "Choose a level"
		evaluate[bool](t, ctx, `(() => { const s = document.getElementById("`+id+`"); s.selectedIndex = `+idx+`; return true })()`)
	}
	// The profile is about the role Jordan does, so that it can be compared with the role's own.
	if !evaluate[bool](t, ctx, `(() => { const s = document.getElementById("aim_role"); const o = [...s.options].find(o => o.text === "Research nurse"); if (!o) return false; s.value = o.value; return true })()`) {
		t.Fatalf("the form does not offer the role Research nurse")
	}
	if live := evaluate[string](t, ctx, `document.querySelector("[data-wf-total]").textContent`); !strings.Contains(live, "99%") || !strings.Contains(live, "1% left") {
		t.Errorf("the running total says %q, want 99%% with 1%% left", live)
	}
	// The chart beside the form follows the shares as they are typed.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("[data-wf-chart-preview] svg"))); err != nil {
		t.Errorf("the live chart did not appear: %v", err)
	}
	harness.CheckAccessibility(ctx, t, "create my profile, filled in")
	submit(t, ctx, "button[value=save]")
	summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`)
	if !strings.Contains(summary, "Shares add up to 99%: they must add up to 100%") {
		t.Fatalf("error summary %q does not name the total", summary)
	}
	if kept := evaluate[string](t, ctx, `document.getElementById("`+shares[0]+`").value`); kept != "11" {
		t.Errorf("the first share was not kept: %q", kept)
	}
	harness.CheckAccessibility(ctx, t, "profile with an error")

	do(t, ctx, chromedp.Clear(chromedp.CSS("#"+shares[0])), chromedp.SendKeys(chromedp.CSS("#"+shares[0]), "12"))
	submit(t, ctx, "button[value=save]")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("svg[role=img] title").length`); n == 0 {
		t.Fatalf("no chart after saving; page: %q", evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#profile-table tbody tr").length`); n != 12 {
		t.Errorf("the table has %d rows, want 12", n)
	}
	harness.CheckAccessibility(ctx, t, "profile")

	// The SVG download is a real SVG document.
	ctype, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a[href$='chart.svg']").href).then(r => r.headers.get("content-type") + " " + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "image/svg+xml 200" {
		t.Errorf("SVG download: %q", ctype)
	}
	checkPrintsOnOnePage(t, ctx, "profile")

	// Compare with the role's profile: both side by side, one chart drawn over the other.
	submit(t, ctx, "a.nhsuk-button[href^='/profiles/compare']")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Compare profiles" {
		t.Fatalf("after comparing the page is %q", h)
	}
	heads := evaluate[string](t, ctx, `document.querySelector("#compare-table thead").innerText`)
	if !strings.Contains(heads, "My role today") || !strings.Contains(heads, "Research nurse") {
		t.Errorf("the comparison's columns are %q, want my profile and the role's", heads)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#compare-table tbody tr").length`); n != 12 {
		t.Errorf("the comparison has %d rows, want 12", n)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("main svg[role=img]").length`); n != 1 {
		t.Errorf("the comparison has %d charts, want the one overlaid chart", n)
	}
	harness.CheckAccessibility(ctx, t, "compare with the role's profile")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// checkPrintsOnOnePage prints the page as the browser would on A4 paper: navigation and forms
// are hidden by the print stylesheet, and everything fits on one sheet.
func checkPrintsOnOnePage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := evaluate[[]string](t, ctx, `["header nav", ".nhsuk-breadcrumb", "footer", "form", ".nhsuk-button", "a[href$='chart.svg']"].filter(sel => [...document.querySelectorAll(sel)].some(e => e.getClientRects().length > 0))`)
	if len(hidden) > 0 {
		t.Errorf("%s: these still print: %q", name, hidden)
	}
	shown := evaluate[bool](t, ctx, `document.querySelector("svg[role=img]").getClientRects().length > 0 && document.querySelector("#profile-table").getClientRects().length > 0`)
	if !shown {
		t.Errorf("%s: the chart or the table does not print", name)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 1 {
		t.Errorf("%s: prints on %d A4 pages, want 1", name, n)
	}
}

// pdfPages counts the page objects of a PDF as Chromium writes it ("/Type /Page", not "/Pages").
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// TestPlannerWorksWithRoleProfiles is a planner looking at a role's IWF profile on the role's
// page, opening the form for another profile of the role, and importing a file of profiles with
// a mistake in it: every problem is listed by line and column and nothing is saved.
func TestPlannerWorksWithRoleProfiles(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)

	id, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch("/api/v1/roles?q=%22research+nurse%22&limit=100").then(r => r.json()).then(p => p.roles.find(r => r.title === "Research nurse").id)`, chromedp.EvalAwaitPromise))
	if err != nil || id == 0 {
		t.Fatalf("no Research nurse role in the demo: %v", err)
	}
	harness.Open(ctx, t, s.url+"/roles/"+strconv.Itoa(id))
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#profile svg[role=img]").length + document.querySelectorAll("#profile #profile-table tbody tr").length`); n != 13 {
		t.Errorf("the role page shows %d charts and table rows of its profile, want 1 chart and 12 rows", n)
	}
	harness.CheckAccessibility(ctx, t, "role with its profile")
	submit(t, ctx, "a[href$='/profiles/new']")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("input[data-wf-share]").length`); n != 12 {
		t.Errorf("the role's profile form has %d share fields, want 12", n)
	}
	harness.CheckAccessibility(ctx, t, "create a role's profile")

	harness.Open(ctx, t, s.url+"/profiles/import")
	harness.CheckAccessibility(ctx, t, "import profiles")
	file := t.TempDir() + "/profiles.csv"
	if err := os.WriteFile(file, []byte("title,framework,framework_version\n,iwf,2.1\nNext year,iwf,9.9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	submit(t, ctx, "form[action='/profiles/import'] button[type=submit]")
	problems := evaluate[[]string](t, ctx, `[...document.querySelectorAll("#import-problems tbody tr")].map(r => [...r.cells].map(c => c.innerText.trim()).join("|"))`)
	joined := strings.Join(problems, "\n")
	if !strings.Contains(joined, "2|title|missing") || !strings.Contains(joined, "3|framework_version|there is no profile framework iwf version 9.9") {
		t.Errorf("the import's problems:\n%s", joined)
	}
	harness.CheckAccessibility(ctx, t, "import profiles with problems")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
