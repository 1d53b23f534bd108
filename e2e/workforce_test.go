package e2e

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/e2e/harness"
)

// TestServiceManagerWorkforceProfile is the research service manager in a skill-mix review: they
// open the service's workforce profile from its organisation page, read the figures and the
// level pyramid, add a post to a team (a second clinical trials assistant) and see the funded
// FTE and cost move, export the profile to Excel (the pyramid's data on its own sheet) and open
// the board-paper report. Every page is checked with axe-core. (That staff members and other
// organisations find no profile is proved in internal/web's TestWorkforceProfileAndPosts.)
func TestServiceManagerWorkforceProfile(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "manager@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	href := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.textContent.trim() === "Research and Development")?.getAttribute("href") || ""`)
	if href == "" {
		t.Fatal("the organisations page has no link to Research and Development")
	}
	harness.Open(ctx, t, s.url+href)
	submit(t, ctx, "a[href$='/workforce']")
	harness.CheckAccessibility(ctx, t, "workforce profile")
	summary := func() string {
		return evaluate[string](t, ctx, `document.querySelector("#summary + dl").innerText`)
	}
	// Eight people (7.80 FTE) in nine posts: one research nurse post is vacant.
	before := summary()
	for _, want := range []string{"8 people in post", "7.80", "9 posts, 8.80 FTE", "1.00 FTE (11% of funded FTE)"} {
		if !strings.Contains(before, want) {
			t.Errorf("the summary lacks %q:\n%s", want, before)
		}
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("svg.wf-pyramid rect").length`); n == 0 {
		t.Error("the level pyramid draws nothing")
	}
	if d := evaluate[string](t, ctx, `document.querySelector("svg.wf-pyramid desc").textContent`); !strings.Contains(d, "Level 5:") {
		t.Errorf("the pyramid's description does not name the levels: %q", d)
	}
	if cells := evaluate[string](t, ctx, `document.querySelector("table.wf-coverage").innerText`); !strings.Contains(cells, "Short by") && !strings.Contains(cells, "Covered") {
		t.Errorf("the coverage table does not say its states in words:\n%s", cells)
	}

	// Add a second clinical trials assistant to the delivery team, vacant.
	harness.Open(ctx, t, s.url+href)
	team := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.textContent.trim() === "Clinical Research Delivery Team")?.getAttribute("href") || ""`)
	harness.Open(ctx, t, s.url+team+"/posts")
	harness.CheckAccessibility(ctx, t, "posts")
	submit(t, ctx, "a[href$='/posts/new']")
	harness.CheckAccessibility(ctx, t, "new post")
	// First with a mistake: the FTE is kept and the error summary names it.
	role := evaluate[string](t, ctx, `[...document.querySelectorAll("#role option")].find(o => o.textContent.startsWith("Clinical trials assistant"))?.value || ""`)
	if role == "" {
		t.Fatal("the clinical trials assistant is not offered")
	}
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#role"), role),
		chromedp.SetValue(chromedp.CSS("#fte"), "1.5"),
	)
	submit(t, ctx, "form button[type=submit]")
	if errs := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(errs, "FTE must be from 0.01 to 1.00") {
		t.Fatalf("the error summary: %q", errs)
	}
	harness.CheckAccessibility(ctx, t, "new post with an error")
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#fte"), "1"))
	submit(t, ctx, "form button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "The post has been added") {
		t.Fatalf("after adding: %q", flash)
	}

	harness.Open(ctx, t, s.url+href+"/workforce")
	after := summary()
	if !strings.Contains(after, "10 posts, 9.80 FTE") || !strings.Contains(after, "2.00 FTE") {
		t.Errorf("the profile did not take in the new post:\n%s", after)
	}
	cost := func(text string) string {
		i := strings.Index(text, "Cost of the establishment")
		return strings.Fields(text[i+len("Cost of the establishment"):])[0]
	}
	if cost(before) == cost(after) {
		t.Errorf("the cost did not change: %s", cost(after))
	}

	// The Excel export opens and holds the chart data on its own sheet.
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a[href*='format=xlsx']").href)
		.then(r => r.arrayBuffer())
		.then(b => { const u = new Uint8Array(b); let s = ""; for (const c of u) s += String.fromCharCode(c); return btoa(s) })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer x.Close()
	if got := x.GetSheetList(); strings.Join(got, ",") != "Summary,Figures,Pyramid chart data,Coverage" {
		t.Errorf("sheets %v", got)
	}
	pyramid, err := x.GetRows("Pyramid chart data")
	if err != nil || len(pyramid) != 10 || pyramid[0][0] != "Level" || pyramid[1][0] != "Level 9" {
		t.Errorf("pyramid sheet %v %v", pyramid, err)
	}

	submit(t, ctx, "a[href$='/workforce/report']")
	harness.CheckAccessibility(ctx, t, "workforce report")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Workforce profile report" {
		t.Errorf("report heading %q", h)
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}

}
