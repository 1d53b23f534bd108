package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestManagerImportsPeopleAndConfirmsCompetence is a research manager using People: they import
// an HR extract with one bad row, read the row's error, fix the file and import it, open one of
// the new people, add a competence, confirm it, and compare the person with a role. Every page
// is checked with axe-core, and no page logs an error.
func TestManagerImportsPeopleAndConfirmsCompetence(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "manager@riverside.example")
	console := harness.WatchConsole(ctx)

	harness.Open(ctx, t, s.url+"/people")
	harness.CheckAccessibility(ctx, t, "people")
	if list := evaluate[string](t, ctx, "document.querySelector('main').innerText"); !strings.Contains(list, "Jordan Lee") || strings.Contains(list, "Casey Brown") {
		t.Errorf("the research manager's list should hold the research team and not the wards:\n%s", list)
	}

	dir := t.TempDir()
	head := "Employee Number,Full Name,Work Email,Position Title,Organisation,FTE,Assignment Start Date,Assignment End Date\n"
	bad := head +
		"10500001,Quinn Adebayo,quinn.adebayo@riverside.example,Clinical research practitioner,Clinical Research Delivery Team,1.0,01/04/2024,\n" +
		"10500002,Rosa Lindqvist,,Research nurse,Clinical Research Delivery Team,1.5,2024-04-01,\n"
	file := filepath.Join(dir, "esr-extract.csv")
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	upload := func() {
		t.Helper()
		harness.Open(ctx, t, s.url+"/people/import")
		value := evaluate[string](t, ctx, `[...document.querySelectorAll("#organisation option")].find(o => o.textContent.includes("Research and Development"))?.value || ""`)
		if value == "" {
			t.Fatal("Research and Development is not offered for the import")
		}
		do(t, ctx,
			chromedp.SetValue(chromedp.CSS("#organisation"), value),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		)
		submit(t, ctx, "form[action='/people/import'] button[type=submit]")
	}
	harness.Open(ctx, t, s.url+"/people/import")
	harness.CheckAccessibility(ctx, t, "import people")
	upload()
	summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`)
	if !strings.Contains(summary, "line 3: fte: must be from 0.01 to 1.00") {
		t.Fatalf("the bad row is not reported with its line and column: %q", summary)
	}
	harness.CheckAccessibility(ctx, t, "import people with an error")

	// Fix the row and import again: both people are added.
	if err := os.WriteFile(file, []byte(strings.Replace(bad, ",1.5,", ",0.8,", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	upload()
	if flash := evaluate[string](t, ctx, `document.querySelector(".wf-flash")?.innerText || ""`); !strings.Contains(flash, "2 people added") {
		t.Fatalf("after the import: %q", flash)
	}

	// Find and open one of them.
	harness.Open(ctx, t, s.url+"/people?q=quinn")
	submit(t, ctx, "main table a[href^='/people/']")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Quinn Adebayo" {
		t.Fatalf("person page heading %q", h)
	}
	harness.CheckAccessibility(ctx, t, "person")

	// Add a self-assessed competence, then confirm it.
	do(t, ctx,
		chromedp.Click(chromedp.CSS("details summary")),
		chromedp.SetValue(chromedp.CSS("#competence"), "riverside-research-competences@1#gcp"),
		chromedp.SetValue(chromedp.CSS("#level_key"), "level-2"),
		chromedp.SendKeys(chromedp.CSS("#achieved"), "2024-05-01"),
	)
	submit(t, ctx, "form[action$='/portfolio'] button[type=submit]")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Good Clinical Practice") || !strings.Contains(text, "Self assessed") {
		t.Fatalf("the competence was not added:\n%s", text)
	}
	submit(t, ctx, "form[action$='/confirm'] button[type=submit]")
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Confirmed by Sam Okafor") {
		t.Fatalf("the confirmation does not say who confirmed it:\n%s", text)
	}
	harness.CheckAccessibility(ctx, t, "person with a confirmed competence")

	// The gap against their current role is on the page; compare with research nurse too.
	value := evaluate[string](t, ctx, `[...document.querySelectorAll("#role option")].find(o => o.textContent.startsWith("Research nurse"))?.value || ""`)
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#role"), value))
	submit(t, ctx, "form[action$='#gap'] button[type=submit]")
	gaps := evaluate[string](t, ctx, `[...document.querySelectorAll("section.wf-gap h3")].map(h => h.innerText).join("|")`)
	if !strings.Contains(gaps, "Current role: Clinical research practitioner") || !strings.Contains(gaps, "Target role: Research nurse") {
		t.Errorf("gap sections %q", gaps)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("section.wf-gap svg[role=img]").length`); n != 2 {
		t.Errorf("%d gap charts, want 2", n)
	}
	if readiness := evaluate[string](t, ctx, `document.querySelector("section.wf-gap .nhsuk-body-l").innerText`); !strings.Contains(readiness, "Readiness") {
		t.Errorf("readiness %q", readiness)
	}
	harness.CheckAccessibility(ctx, t, "gap analysis")

	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestPeoplePagesAreAccessible opens every people page a member of staff and an administrator
// see, with axe-core.
func TestPeoplePagesAreAccessible(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "hca@riverside.example")
	harness.Open(ctx, t, s.url+"/my-portfolio")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Casey Brown" {
		t.Fatalf("my portfolio heading %q", h)
	}
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Expired") || !strings.Contains(text, "Due for review") {
		t.Errorf("Casey's flags are not shown")
	}
	harness.CheckAccessibility(ctx, t, "my portfolio")
	path := evaluate[string](t, ctx, "location.pathname")
	harness.Open(ctx, t, s.url+path+"/data")
	harness.CheckAccessibility(ctx, t, "everything held about me")

	// The browser shares its cookies between tabs: sign out before signing in as someone else.
	submit(t, ctx, "form[action='/sign-out'] button")
	admin := ctx
	signIn(t, admin, s, "admin@riverside.example")
	for _, p := range []string{"/people", "/people/new", path, path + "/edit", path + "/erase"} {
		harness.Open(admin, t, s.url+p)
		harness.CheckAccessibility(admin, t, p)
	}
	harness.Open(admin, t, s.url+"/people/new")
	submit(t, admin, "form[action='/people'] button[type=submit]")
	if n := evaluate[int](t, admin, `document.querySelectorAll(".nhsuk-error-summary li").length`); n < 3 {
		t.Errorf("the empty form lists %d problems, want the organisation, staff number and name", n)
	}
	harness.CheckAccessibility(admin, t, "add a person with errors")
}
