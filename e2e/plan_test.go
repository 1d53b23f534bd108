package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
	"github.com/workframe/workframe/internal/demo"
)

// TestPartnershipPlan: the partnership lead's planner creates a plan against two London
// priorities; a partner's administrator adds an action and adopts a solution from the solve
// once register into the plan; the dashboard shows both. Each page passes axe-core.
func TestPartnershipPlan(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	console := harness.WatchConsole(ctx)
	signIn(t, ctx, s, "planner@riverside.example")

	harness.Open(ctx, t, s.url+"/partnerships")
	harness.CheckAccessibility(ctx, t, "partnerships")
	partnership := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "`+demo.Partnership+`").getAttribute("href")`)
	harness.Open(ctx, t, s.url+partnership)
	harness.CheckAccessibility(ctx, t, "partnership")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Commissioner") {
		t.Errorf("partner kinds not shown: %q", text)
	}
	submit(t, ctx, "a[href='"+partnership+"/plans/new']")
	harness.CheckAccessibility(ctx, t, "create a plan")
	submit(t, ctx, "main form button[type=submit]")
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "Choose at least one priority") {
		t.Fatalf("no error summary: %q", summary)
	}
	harness.CheckAccessibility(ctx, t, "create a plan with errors")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#title"), "Winter workforce plan"),
		chromedp.Click(chromedp.CSS(`input[value="london-workforce|2016|finding-1"]`)),
		chromedp.Click(chromedp.CSS(`input[value="london-workforce|2016|finding-2"]`)),
	)
	submit(t, ctx, "main form button[type=submit]")
	planPath := evaluate[string](t, ctx, "location.pathname")
	if !strings.HasPrefix(planPath, "/plans/") {
		t.Fatalf("after creating the plan the browser is at %q: %q", planPath, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	harness.CheckAccessibility(ctx, t, "plan")

	// The lead changes the plan: dropping every priority is reported, the title kept.
	harness.Open(ctx, t, s.url+planPath+"/edit")
	harness.CheckAccessibility(ctx, t, "change a plan")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`input[name="priority"][value="finding-1"]`)),
		chromedp.Click(chromedp.CSS(`input[name="priority"][value="finding-2"]`)),
	)
	submit(t, ctx, "main form button[type=submit]")
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "Choose at least one priority") {
		t.Fatalf("no error summary on the plan's change: %q", summary)
	}
	harness.CheckAccessibility(ctx, t, "change a plan with errors")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`input[name="priority"][value="finding-1"]`)),
		chromedp.Click(chromedp.CSS(`input[name="priority"][value="finding-2"]`)),
		chromedp.SetValue(chromedp.CSS("#title"), "Winter workforce plan 2026"),
	)
	submit(t, ctx, "main form button[type=submit]")
	if h1 := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h1 != "Winter workforce plan 2026" {
		t.Fatalf("after changing the plan: %q", h1)
	}

	// A partner that does not lead the partnership: Northgate's administrator.
	submit(t, ctx, "form[action='/sign-out'] button")
	signIn(t, ctx, s, "admin@northgate.example")
	harness.Open(ctx, t, s.url+planPath)
	harness.CheckAccessibility(ctx, t, "plan as a partner")
	// Open the "Add an action" details (a click on its summary, as a person would).
	evaluate[bool](t, ctx, `(() => { [...document.querySelectorAll("details summary")].find(s => s.innerText.includes("Add an action")).click(); return true })()`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#action-title"), "Northgate preceptorship for new starters"),
		chromedp.Click(chromedp.CSS(`input[name="action-priority"][value="finding-1"]`)),
		chromedp.SendKeys(chromedp.CSS("#action-due"), "2031/01/31"), // not a date as asked
	)
	submit(t, ctx, "form[action$='/actions'] button[type=submit]")
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "due date") {
		t.Fatalf("the bad date is not reported: %q", summary)
	}
	if v := evaluate[string](t, ctx, `document.getElementById("action-title").value`); v != "Northgate preceptorship for new starters" {
		t.Errorf("the typed title is not kept: %q", v)
	}
	harness.CheckAccessibility(ctx, t, "plan with an action's errors")
	evaluate[bool](t, ctx, `(() => { document.getElementById("action-due").value = ""; return true })()`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#action-due"), "2031-01-31"))
	submit(t, ctx, "form[action$='/actions'] button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "has been added") {
		t.Fatalf("after adding the action: %q; page: %q", flash, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	edit := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.innerText.includes("Update")).getAttribute("href")`)
	harness.Open(ctx, t, s.url+edit)
	harness.CheckAccessibility(ctx, t, "update an action")

	// The solve once register: adopt Riverside's retire and return scheme into the new plan.
	harness.Open(ctx, t, s.url+partnership+"/register?q=retire")
	harness.CheckAccessibility(ctx, t, "register search")
	solution := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.includes("Retire and return")).getAttribute("href")`)
	harness.Open(ctx, t, s.url+solution)
	harness.CheckAccessibility(ctx, t, "solution")
	planID := strings.TrimPrefix(planPath, "/plans/")
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#adopt-plan"), planID))
	submit(t, ctx, "form[action$='/adopt'] button[type=submit]")
	if loc := evaluate[string](t, ctx, "location.pathname"); loc != planPath {
		t.Fatalf("after adopting the browser is at %q: %q", loc, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}

	// The dashboard shows both actions: Northgate leads two actions for finding 1.
	harness.Open(ctx, t, s.url+planPath+"/dashboard")
	harness.CheckAccessibility(ctx, t, "plan dashboard")
	text := evaluate[string](t, ctx, `document.querySelector("main").innerText`)
	for _, want := range []string{"0 of 2 actions done", "Northgate preceptorship for new starters", "Adopt: Retire and return with flexible contracts"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dashboard does not show %q: %q", want, text)
		}
	}
	row := evaluate[string](t, ctx, `[...document.querySelectorAll(".wf-heatmap tbody tr")].find(r => r.innerText.includes("Northgate")).innerText`)
	if !strings.Contains(row, "2 actions") {
		t.Errorf("heat map row of Northgate: %q", row)
	}
	harness.Open(ctx, t, s.url+planPath+"/report")
	harness.CheckAccessibility(ctx, t, "plan report")
	// The demo's plan under way: measures drawn as trends, risks, a dependency, the timeline.
	harness.Open(ctx, t, s.url+partnership)
	demoPlan := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.innerText.trim() === "`+demo.PlanTitle+`").getAttribute("href")`)
	harness.Open(ctx, t, s.url+demoPlan)
	if n := evaluate[int](t, ctx, `document.querySelectorAll("svg.wf-trend").length`); n != 2 {
		t.Errorf("%d trend charts on the demo plan, want 2", n)
	}
	harness.CheckAccessibility(ctx, t, "demo plan")
	harness.Open(ctx, t, s.url+demoPlan+"/dashboard")
	harness.CheckAccessibility(ctx, t, "demo plan dashboard")

	// The site administrator: create a partnership, change and (not) delete the adopted
	// solution, change a case study, remove a partner: every form and confirmation page.
	submit(t, ctx, "form[action='/sign-out'] button")
	signIn(t, ctx, s, "admin@riverside.example")
	harness.Open(ctx, t, s.url+"/partnerships/new")
	harness.CheckAccessibility(ctx, t, "create a partnership")
	submit(t, ctx, "main form button[type=submit]")
	if n := evaluate[int](t, ctx, `document.querySelectorAll(".nhsuk-error-summary li").length`); n != 3 {
		t.Errorf("%d problems in the summary of an empty partnership, want 3", n)
	}
	harness.CheckAccessibility(ctx, t, "create a partnership with errors")
	harness.Open(ctx, t, s.url+solution+"/edit")
	harness.CheckAccessibility(ctx, t, "change a solution")
	harness.Open(ctx, t, s.url+solution+"/delete")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "cannot be deleted") {
		t.Errorf("an adopted solution is offered for deletion: %q", text)
	}
	harness.CheckAccessibility(ctx, t, "delete an adopted solution")
	harness.Open(ctx, t, s.url+partnership+"/register")
	resource := evaluate[string](t, ctx, `[...document.querySelectorAll("#resources ~ ul a")].find(a => a.getAttribute("href").endsWith("/edit")).getAttribute("href")`)
	harness.Open(ctx, t, s.url+resource)
	harness.CheckAccessibility(ctx, t, "change a case study")
	harness.Open(ctx, t, s.url+strings.TrimSuffix(resource, "/edit")+"/delete")
	harness.CheckAccessibility(ctx, t, "delete a case study")
	harness.Open(ctx, t, s.url+partnership)
	remove := evaluate[string](t, ctx, `[...document.querySelectorAll("main a")].find(a => a.getAttribute("href").endsWith("/remove")).getAttribute("href")`)
	harness.Open(ctx, t, s.url+remove)
	harness.CheckAccessibility(ctx, t, "remove a partner")
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
