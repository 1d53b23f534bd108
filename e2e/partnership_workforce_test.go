package e2e

import (
	"strings"
	"testing"

	"github.com/workframe/workframe/e2e/harness"
	"github.com/workframe/workframe/internal/demo"
)

// TestPartnershipWorkforceProfile is the Northgate administrator opening the workforce profile
// of the demo partnership from the partnership's page: the partners' figures added up, one row
// per partner, the explanation of what is not shown, the level pyramid beside its table, and
// the board-paper report. Every page is checked with axe-core. (Suppression and who may see it
// are proved in internal/web's TestPartnershipWorkforceProfile.)
func TestPartnershipWorkforceProfile(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	console := harness.WatchConsole(ctx)
	signIn(t, ctx, s, "admin@northgate.example")

	harness.Open(ctx, t, s.url+"/partnerships")
	partnership := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "`+demo.Partnership+`").getAttribute("href")`)
	harness.Open(ctx, t, s.url+partnership)
	submit(t, ctx, "a[href='"+partnership+"/workforce']")
	harness.CheckAccessibility(ctx, t, "partnership workforce profile")
	main := evaluate[string](t, ctx, `document.querySelector("main").innerText`)
	for _, want := range []string{"Workforce profile", "By partner", "Riverside University Hospitals NHS Foundation Trust", "Northgate Community Health NHS Trust", "not shown"} {
		if !strings.Contains(main, want) {
			t.Errorf("the page lacks %q:\n%s", want, main)
		}
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("svg.wf-pyramid").length`); n != 1 {
		t.Errorf("%d pyramids, want 1", n)
	}
	submit(t, ctx, "a[href$='/workforce/report']")
	harness.CheckAccessibility(ctx, t, "partnership workforce report")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Workforce profile report" {
		t.Errorf("report heading %q", h)
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
