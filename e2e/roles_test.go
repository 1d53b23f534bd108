package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/workframe/workframe/e2e/harness"
)

// pickCompetence types words into a row's competence search box and chooses the first match
// with the keyboard, as a planner would. It returns the value the hidden select now holds.
func pickCompetence(t *testing.T, ctx context.Context, row, words string) string {
	t.Helper()
	box := "#req-" + row + "-competence-search"
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(box), words),
		chromedp.WaitVisible(chromedp.CSS("#req-"+row+"-competence-options li")),
		chromedp.SendKeys(chromedp.CSS(box), kb.ArrowDown),
		chromedp.WaitVisible(chromedp.CSS("#req-"+row+"-competence-options li[aria-selected=true]")),
		chromedp.SendKeys(chromedp.CSS(box), kb.Enter),
		chromedp.WaitNotVisible(chromedp.CSS("#req-"+row+"-competence-options")),
	)
	if path := evaluate[string](t, ctx, "location.pathname"); strings.HasPrefix(path, "/roles/") && !strings.HasSuffix(path, "/edit") && path != "/roles/new" {
		t.Fatalf("choosing a competence with Enter submitted the form (now at %s)", path)
	}
	return evaluate[string](t, ctx, `document.getElementById("req-`+row+`-competence").value`)
}

// waitForPickers waits until the competence picker module has enhanced the role form, so that
// the test does not type into a form whose DOM is still changing.
func waitForPickers(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#req-0-competence-search")))
}

// TestPlannerWorksWithRoles is a workforce planner using the database of roles: they add a
// role, search for it, open it, add a competence requirement with the searchable picker, see
// the change in the history, look at the ladder, and export the search to Excel.
func TestPlannerWorksWithRoles(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)

	// The header lists Roles; its script may move the item into the "More" menu on a narrow
	// window, so the test opens the address rather than clicking the moving link.
	if n := evaluate[int](t, ctx, `document.querySelectorAll(".nhsuk-header a[href='/roles']").length`); n == 0 {
		t.Errorf("the header has no link to Roles")
	}
	harness.Open(ctx, t, s.url+"/roles")
	harness.CheckAccessibility(ctx, t, "roles")
	submit(t, ctx, "a[href='/roles/new']")
	waitForPickers(t, ctx)
	harness.CheckAccessibility(ctx, t, "add a role")

	// The empty form lists the problem and keeps the rows; the picker is in place.
	submit(t, ctx, "button[value=save]")
	waitForPickers(t, ctx)
	if summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(summary, "Enter a title") {
		t.Fatalf("empty role form: error summary %q", summary)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("input[role=combobox]").length`); n != 3 {
		t.Errorf("%d competence search boxes, want 3", n)
	}
	harness.CheckAccessibility(ctx, t, "add a role with errors")

	const title = "Clinical trials pathway coordinator"
	// The role belongs to the trust (the first organisation listed after "Choose").
	evaluate[bool](t, ctx, `(() => { document.getElementById("organisation").selectedIndex = 1; return true })()`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#title"), title),
		chromedp.SetValue(chromedp.CSS("#staff_group"), "Additional Professional Scientific and Technical"),
		chromedp.SendKeys(chromedp.CSS("#profession"), "Clinical research"),
		chromedp.SetValue(chromedp.CSS("#level"), "5"),
		chromedp.SetValue(chromedp.CSS("#band"), "6"),
		chromedp.SendKeys(chromedp.CSS("#activities"), "Coordinates the set-up of clinical trials\nKeeps the trial master file"),
	)
	if v := pickCompetence(t, ctx, "0", "c1 communication ksf"); v != "ksf 2010 c1" {
		t.Fatalf("the picker chose %q, want KSF C1", v)
	}
	// Choosing a KSF competence leaves only the KSF levels to choose from.
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#req-0-level"), "ksf 2010 level-2"))
	harness.CheckAccessibility(ctx, t, "add a role, filled in")
	submit(t, ctx, "button[value=save]")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != title {
		t.Fatalf("after saving, the page heading is %q; page: %q", h, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	harness.CheckAccessibility(ctx, t, "new role")

	// Search the database of roles for it and open it.
	harness.Open(ctx, t, s.url+"/roles")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#q"), "trials coordinator"))
	submit(t, ctx, "form.wf-role-search button[type=submit]")
	found := evaluate[[]string](t, ctx, `[...document.querySelectorAll("table.wf-role-results tbody tr td:first-child a")].map(a => a.innerText)`)
	if len(found) == 0 || !contains(found, title) {
		t.Fatalf("searching for the role found %q", found)
	}
	harness.CheckAccessibility(ctx, t, "role search results")
	href := evaluate[string](t, ctx, `[...document.querySelectorAll("table.wf-role-results a")].find(a => a.innerText.trim() === "`+title+`").getAttribute("href")`)
	submit(t, ctx, "table.wf-role-results a[href='"+href+"']")
	harness.CheckAccessibility(ctx, t, "role")
	if text := evaluate[string](t, ctx, `document.querySelector("table.wf-requirements").innerText`); !strings.Contains(text, "Communication") {
		t.Errorf("the role's competences: %q", text)
	}

	// Add a competence requirement.
	submit(t, ctx, "a[href$='/edit']")
	waitForPickers(t, ctx)
	harness.CheckAccessibility(ctx, t, "change a role")
	if v := pickCompetence(t, ctx, "1", "c3 safety ksf"); v != "ksf 2010 c3" {
		t.Fatalf("the picker chose %q, want KSF C3", v)
	}
	hidden := evaluate[bool](t, ctx, `[...document.querySelectorAll("#req-1-level optgroup")].filter(g => !g.dataset.wfFramework.startsWith("ksf ")).every(g => g.hidden)`)
	if !hidden {
		t.Errorf("the level select still offers levels of other frameworks")
	}
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#req-1-level"), "ksf 2010 level-1"),
		chromedp.Click(chromedp.CSS("#req-1-desirable")),
	)
	submit(t, ctx, "button[value=save]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "Your changes have been saved") {
		t.Fatalf("after saving the change: %q; page: %q", flash, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	if rows := evaluate[int](t, ctx, `document.querySelectorAll("table.wf-requirements tbody tr").length`); rows != 2 {
		t.Errorf("the role shows %d competences, want 2", rows)
	}

	// The change is in the history.
	submit(t, ctx, "a[href$='/history']")
	history := evaluate[string](t, ctx, `document.querySelector("main").innerText`)
	if !strings.Contains(history, "Added requirement KSF C3 Health, safety and security at Level 1 (desirable)") || !strings.Contains(history, "Priya Shah") {
		t.Errorf("the history does not show the change and who made it: %q", history)
	}
	harness.CheckAccessibility(ctx, t, "role history")

	harness.Open(ctx, t, s.url+"/roles/levels")
	harness.CheckAccessibility(ctx, t, "roles by level")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("table.wf-ladder tbody tr").length`); n < 9 {
		t.Errorf("the ladder has %d rows, want the nine levels at least", n)
	}

	// Export the search to Excel: the file opens and holds the role with both competences.
	harness.Open(ctx, t, s.url+"/roles?q=trials+coordinator")
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
	if !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("the export is not an XLSX file: it starts %q", data[:min(len(data), 8)])
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows("Role list")
	if err != nil {
		t.Fatal(err)
	}
	var row []string
	for _, r := range rows[1:] {
		if len(r) > 1 && r[1] == title {
			row = r
		}
	}
	if row == nil || !strings.Contains(strings.Join(row, "|"), "KSF C1 Communication at Level 2") ||
		!strings.Contains(strings.Join(row, "|"), "KSF C3 Health, safety and security at Level 1") {
		t.Errorf("the export's row for the role: %q", row)
	}

	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
