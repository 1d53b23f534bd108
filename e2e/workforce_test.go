package e2e

import (
	"bytes"
	"context"
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
	// Ten people (9.40 FTE) in eleven posts: one research nurse post is vacant.
	before := summary()
	for _, want := range []string{"10 people in post", "9.40", "11 posts, 10.40 FTE", "1.00 FTE (10% of funded FTE)"} {
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
	if !strings.Contains(after, "12 posts, 11.40 FTE") || !strings.Contains(after, "2.00 FTE") {
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
	x := downloadXLSX(t, ctx)
	if got := x.GetSheetList(); strings.Join(got, ",") != "Summary,Figures,Pyramid chart data,Coverage,IWF team profile" {
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

// TestServiceManagerConvertsPostsInAScenario is issue 6's skill-mix review: the nursing service
// manager opens the service's workforce profile, starts a scenario, converts two vacant band 5
// staff nurse posts of the Acute Medical Unit into three band 4 assistant practitioner posts,
// sees the cost and the competence coverage change in the comparison, and exports it to Excel.
// Every page is checked with axe-core.
func TestServiceManagerConvertsPostsInAScenario(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "nursing@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/organisations")
	href := evaluate[string](t, ctx, `[...document.querySelectorAll("a")].find(a => a.textContent.trim() === "Nursing and Midwifery")?.getAttribute("href") || ""`)
	if href == "" {
		t.Fatal("no link to Nursing and Midwifery")
	}
	harness.Open(ctx, t, s.url+href+"/workforce")
	harness.CheckAccessibility(ctx, t, "nursing workforce profile")
	submit(t, ctx, "a[href$='/scenarios']")
	harness.CheckAccessibility(ctx, t, "scenarios")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#name"), "Assistant practitioners on the AMU"))
	submit(t, ctx, "form[action$='/scenarios'] button[type=submit]")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Assistant practitioners on the AMU" {
		t.Fatalf("scenario heading %q", h)
	}
	harness.CheckAccessibility(ctx, t, "new scenario")

	// Tick two vacant staff nurse posts of the Acute Medical Unit.
	ticked := evaluate[int](t, ctx, `(() => {
		const rows = [...document.querySelectorAll("#scenario-posts tbody tr")].filter(r => {
			const c = [...r.querySelectorAll("td")].map(td => td.innerText.trim());
			return c[1] === "Acute Medical Unit" && c[2] === "Staff nurse" && c[3] === "Band 5" && c[5] === "Vacant";
		}).slice(0, 2);
		rows.forEach(r => r.querySelector("input[type=checkbox]").click());
		return rows.length;
	})()`)
	if ticked != 2 {
		t.Fatalf("found %d vacant band 5 staff nurse posts on the AMU, want 2", ticked)
	}
	role := evaluate[string](t, ctx, `[...document.querySelectorAll("#change-role option")].find(o => o.textContent.startsWith("Assistant practitioner (acute medicine)"))?.value || ""`)
	if role == "" {
		t.Fatal("the assistant practitioner role is not offered")
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#change-kind")),
		chromedp.SetValue(chromedp.CSS("#change-role"), role),
		chromedp.SetValue(chromedp.CSS("#change-count"), "3"),
		chromedp.SetValue(chromedp.CSS("#change-fte"), "1"),
	)
	// Without a reason the change is refused and the choices are kept.
	submit(t, ctx, "form[action$='/changes'] button[type=submit]")
	if errs := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(errs, "Say why") {
		t.Fatalf("error summary %q", errs)
	}
	harness.CheckAccessibility(ctx, t, "scenario change with an error")
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#scenario-posts input:checked").length`); n != 2 {
		t.Fatalf("%d posts still ticked, want 2", n)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#change-reason"), "Two nurse vacancies we cannot fill: three assistant practitioners under the registered nurses"))
	submit(t, ctx, "form[action$='/changes'] button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "The change has been made") {
		t.Fatalf("after the change: %q", flash)
	}
	harness.CheckAccessibility(ctx, t, "scenario with a change")

	row := func(label string) []string {
		return evaluate[[]string](t, ctx, `(() => {
			const r = [...document.querySelectorAll("#comparison-summary tbody tr")].find(r => r.querySelector("th").innerText.trim() === "`+label+`");
			return r ? [...r.querySelectorAll("td")].map(td => td.innerText.trim()) : [];
		})()`)
	}
	if posts := row("Funded posts"); len(posts) != 3 || posts[2] != "+1" {
		t.Errorf("funded posts %v, want one more", posts)
	}
	// Two band 5 entry posts (£31,049) become three band 4 entry posts (£27,485), with 28.5%
	// on-costs: £79,796 → £105,955 (each post rounded to the penny first), +£26,159.
	if cost := row("Cost a year"); len(cost) != 3 || cost[2] != "+£26,159" {
		t.Errorf("cost %v, want +£26,159", cost)
	}
	if changed := evaluate[int](t, ctx, `[...document.querySelectorAll("#coverage-comparison tbody tr td:last-child")].filter(td => td.innerText.trim() !== "No change").length`); changed == 0 {
		t.Error("the coverage comparison shows no change")
	}
	if levels := evaluate[string](t, ctx, `document.querySelector("#by-level").innerText`); !strings.Contains(levels, "Level 4") || !strings.Contains(levels, "+3.00") || !strings.Contains(levels, "-2.00") {
		t.Errorf("by level:\n%s", levels)
	}

	// Retrain someone of the first team listed in a competence the posts require: first without
	// ticking anyone (refused, the competence kept), then ticking the first person.
	comp := evaluate[string](t, ctx, `document.querySelector("#retrain-competence option[value*='|']")?.value || ""`)
	level := evaluate[string](t, ctx, `(() => {
		const fw = document.querySelector("#retrain-competence option[value*='|']").value.split("|")[0];
		const g = document.querySelector("#retrain-level optgroup[data-framework='" + fw + "']");
		return g ? [...g.querySelectorAll("option")].pop().value : "";
	})()`)
	if comp == "" {
		t.Fatal("the retraining form offers no competence")
	}
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#retrain-competence"), comp),
		chromedp.SetValue(chromedp.CSS("#retrain-level"), level),
		chromedp.SendKeys(chromedp.CSS("#retrain-reason"), "Preceptorship for the AMU"),
	)
	submit(t, ctx, "form:has(#retrain-competence) button[type=submit]")
	if errs := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(errs, "Select the people") {
		t.Fatalf("retraining nobody: error summary %q", errs)
	}
	harness.CheckAccessibility(ctx, t, "scenario retraining with an error")
	if kept := evaluate[string](t, ctx, `document.querySelector("#retrain-competence").value`); kept != comp {
		t.Errorf("the competence was not kept: %q", kept)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("#retrain-person_ids")))
	submit(t, ctx, "form:has(#retrain-competence) button[type=submit]")
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "The change has been made") {
		t.Fatalf("after retraining: %q", flash)
	}
	if list := evaluate[string](t, ctx, `document.querySelector("#changes + ol").innerText`); !strings.Contains(list, "Retrain people") {
		t.Errorf("the changes list lacks the retraining:\n%s", list)
	}
	harness.CheckAccessibility(ctx, t, "scenario with retraining")

	x := downloadXLSX(t, ctx)
	if got := strings.Join(x.GetSheetList(), ","); got != "Comparison,Pyramid chart data,Coverage,IWF team profile,Changes" {
		t.Errorf("sheets %s", got)
	}
	changes, err := x.GetRows("Changes")
	if err != nil || len(changes) != 3 || !strings.HasPrefix(changes[1][2], "Two nurse vacancies") || changes[2][1] != "Retrain people" || changes[2][7] != "1" {
		t.Errorf("changes sheet %v %v", changes, err)
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// downloadXLSX fetches the page's Excel download (its first format=xlsx link) and opens it.
func downloadXLSX(t *testing.T, ctx context.Context) *excelize.File {
	t.Helper()
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
	t.Cleanup(func() { x.Close() })
	return x
}
