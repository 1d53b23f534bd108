package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestPlannerImportsRoles: a planner uploads a roles file with mistakes, reads every problem,
// uploads the corrected file, checks what will happen and imports it. Each page passes axe-core.
func TestPlannerImportsRoles(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "planner@riverside.example")
	console := harness.WatchConsole(ctx)
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("roles.csv", "Title,Staff group,Level,Band\nImport test porter,Estates and Ancillary,12,B12\n")
	good := write("roles-fixed.csv", "Title,Staff group,Level,Band,Status\nImport test porter,Estates and Ancillary,1,2,published\n")
	comps := write("competences.csv", "Role title,Framework,Competence,Level,Essential or desirable\nImport test porter,ksf,C1,1,essential\n")

	harness.Open(ctx, t, s.url+"/roles")
	submit(t, ctx, "a[href='/roles/import']")
	harness.CheckAccessibility(ctx, t, "import roles")
	evaluate[bool](t, ctx, `(() => { const s = document.getElementById("organisation"); s.selectedIndex = s.options[0].value ? 0 : 1; return true })()`)
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#roles-file"), []string{bad}))
	submit(t, ctx, "form[action='/roles/import'] button[type=submit]")
	summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`)
	for _, want := range []string{"Roles sheet, row 2, level", "Roles sheet, row 2, band"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the error summary does not say %q: %q", want, summary)
		}
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#problems tbody tr").length`); n != 2 {
		t.Errorf("the problems table has %d rows, want 2", n)
	}
	harness.CheckAccessibility(ctx, t, "import roles with problems")

	do(t, ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#roles-file"), []string{good}),
		chromedp.SetUploadFiles(chromedp.CSS("#competences-file"), []string{comps}),
	)
	submit(t, ctx, "form[action='/roles/import'] button[type=submit]")
	if h := evaluate[string](t, ctx, `document.querySelector("h1").innerText`); h != "Check the import" {
		t.Fatalf("after uploading the corrected file the heading is %q: %q", h, evaluate[string](t, ctx, "document.querySelector('main').innerText"))
	}
	harness.CheckAccessibility(ctx, t, "check the import")
	submit(t, ctx, "#confirm")
	if msg := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(msg, "1 added, 0 updated, 0 unchanged") {
		t.Errorf("after importing: %q", msg)
	}
	harness.Open(ctx, t, s.url+"/roles?q=%22import+test+porter%22")
	if found := evaluate[[]string](t, ctx, `[...document.querySelectorAll("table.wf-role-results tbody tr td:first-child a")].map(a => a.innerText)`); !contains(found, "Import test porter") {
		t.Errorf("the imported role is not found: %q", found)
	}
	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
