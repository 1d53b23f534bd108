package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestCreateMyProfile is a first-time member of staff making their own IWF profile: they give
// shares that add up to 99, are told the total, fix it, save, and see the chart and the table.
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
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
