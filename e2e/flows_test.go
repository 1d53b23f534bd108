// Package e2e drives the real Workframe server in Debian's Chromium: the journeys a first-time
// user takes, each page checked with axe-core against WCAG 2.2 AA.
package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/web"
)

var browser *harness.Browser

func TestMain(m *testing.M) { harness.Main(m, &browser) }

// site is a running Workframe with the built-in frameworks and the demo loaded.
type site struct {
	url      string
	password string
}

// startSite serves the demo on a fresh SQLite database; tune changes the server's settings.
func startSite(t *testing.T, tune ...func(cfg *web.Config, url string)) site {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, store.EngineSQLite)
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		t.Fatalf("built-in frameworks: %v", problems)
	}
	for _, f := range fws {
		if _, err := db.SaveFrameworkVersion(ctx, store.Actor{}, f, true); err != nil {
			t.Fatal(err)
		}
	}
	res, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	cfg := web.Config{ServiceName: "Workframe", NHSBranding: true}
	for _, fn := range tune {
		fn(&cfg, srv.URL)
	}
	s, err := web.New(cfg, db, api.NewWithAuth(db, log, web.APICaller), log)
	if err != nil {
		t.Fatal(err)
	}
	h = s
	return site{url: srv.URL, password: res.Password}
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// submit clicks the form's submit button and waits for the page that follows.
func submit(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		t.Fatalf("submitting %s: %v", selector, err)
	}
}

func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// consoleErrors returns the console's errors apart from the browser's note of a form answered
// with 4xx (a form with mistakes is 422 by design; the page itself shows the errors).
func consoleErrors(c *harness.Console) []string {
	var out []string
	for _, e := range c.Errors() {
		if strings.Contains(e, "Failed to load resource: the server responded with a status of 4") {
			continue
		}
		out = append(out, e)
	}
	return out
}

func signIn(t *testing.T, ctx context.Context, s site, email string) {
	t.Helper()
	harness.Open(ctx, t, s.url+"/sign-in")
	harness.CheckAccessibility(ctx, t, "sign in")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password),
	)
	submit(t, ctx, "form[action='/sign-in'] button[type=submit]")
	if loc := evaluate[string](t, ctx, "location.pathname"); loc != "/" {
		t.Fatalf("after signing in the browser is at %q, want the home page", loc)
	}
}

func TestSignInAndBrowseIWF(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)

	// A wrong password shows the error summary and keeps the email address.
	harness.Open(ctx, t, s.url+"/sign-in")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), "admin@riverside.example"),
		chromedp.SendKeys(chromedp.CSS("#password"), "not the password"),
	)
	submit(t, ctx, "form[action='/sign-in'] button[type=submit]")
	summary := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`)
	if !strings.Contains(summary, "Enter a correct email address and password") {
		t.Errorf("wrong password: error summary %q", summary)
	}
	harness.CheckAccessibility(ctx, t, "sign in with an error")

	signIn(t, ctx, s, "admin@riverside.example")
	// From here on no page may log an error: a CSP violation, a failed load or a script error.
	console := harness.WatchConsole(ctx)
	if name := evaluate[string](t, ctx, `document.querySelector(".nhsuk-header__account").innerText`); !strings.Contains(name, "Alex Morgan") {
		t.Errorf("header does not show the signed-in user: %q", name)
	}
	harness.CheckAccessibility(ctx, t, "home")

	// From the home page to the frameworks, as a first-time visitor would go.
	submit(t, ctx, "a.nhsuk-card__link[href='/frameworks']")
	harness.CheckAccessibility(ctx, t, "frameworks")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("a[href='/frameworks/iwf']"))); err != nil {
		t.Fatal(err)
	}
	title := evaluate[string](t, ctx, `document.querySelector("h1").innerText`)
	if !strings.Contains(title, "Integrated Workforce Framework") {
		t.Fatalf("IWF page heading %q", title)
	}
	version := evaluate[string](t, ctx, `document.querySelector(".nhsuk-caption-l").innerText`)
	if !strings.Contains(version, "2.1") {
		t.Errorf("the IWF opens at %q, want the newest version 2.1", version)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll(".wf-tree > li").length`); n != 3 {
		t.Errorf("IWF 2.1 shows %d domains, want 3", n)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll(".wf-tree > li > ul > li").length`); n != 12 {
		t.Errorf("IWF 2.1 shows %d elements, want 12", n)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#levels + table tbody tr").length`); n != 4 {
		t.Errorf("IWF 2.1 shows %d levels, want 4", n)
	}
	harness.CheckAccessibility(ctx, t, "IWF 2.1")

	// Compare the two versions with the form on the page.
	do(t, ctx, chromedp.SetValue(chromedp.CSS("#from"), "1.0"), chromedp.SetValue(chromedp.CSS("#to"), "2.1"))
	submit(t, ctx, "form[action='/frameworks/iwf/compare'] button[type=submit]")
	heading := evaluate[string](t, ctx, `[...document.querySelectorAll("h2")].map(h => h.innerText).join("|")`)
	if !strings.Contains(heading, "From version 1.0 to version 2.1") {
		t.Errorf("compare page headings %q", heading)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll("#crosswalk + p + table tbody tr").length`); n != 9 {
		t.Errorf("crosswalk shows %d rows, want 9", n)
	}
	harness.CheckAccessibility(ctx, t, "compare IWF versions")

	if errs := consoleErrors(console); len(errs) > 0 {
		t.Errorf("console errors (CSP violations, failed loads, script errors): %q", errs)
	}
	if dir := os.Getenv("WORKFRAME_SCREENSHOTS"); dir != "" {
		harness.Open(ctx, t, s.url+"/frameworks/iwf/versions/2.1")
		_ = harness.Screenshot(ctx, dir+"/iwf.png")
	}
}

func TestAdministratorAddsUser(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "admin@riverside.example")

	harness.Open(ctx, t, s.url+"/users")
	harness.CheckAccessibility(ctx, t, "users")
	submit(t, ctx, "a[href='/users/new']")
	harness.CheckAccessibility(ctx, t, "add a user")

	// Submitting the empty form lists the problems and moves focus to the summary.
	submit(t, ctx, "form[action='/users'] button[type=submit]")
	if n := evaluate[int](t, ctx, `document.querySelectorAll(".nhsuk-error-summary li").length`); n != 2 {
		t.Errorf("empty form: %d problems in the summary, want 2 (name and email)", n)
	}
	harness.CheckAccessibility(ctx, t, "add a user with errors")

	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#name"), "Rowan Field"),
		chromedp.SendKeys(chromedp.CSS("#email"), "rowan.field@riverside.example"),
		chromedp.Click(chromedp.CSS("#access_role-manager")),
	)
	submit(t, ctx, "form[action='/users'] button[type=submit]")
	password := evaluate[string](t, ctx, `document.querySelector("#one-time-password")?.innerText || ""`)
	if len(password) < 10 {
		t.Fatalf("no one-time password shown; page: %q", evaluate[string](t, ctx, "document.body.innerText"))
	}
	harness.CheckAccessibility(ctx, t, "user added")

	// The new user appears in the list.
	harness.Open(ctx, t, s.url+"/users")
	if list := evaluate[string](t, ctx, "document.querySelector('main').innerText"); !strings.Contains(list, "rowan.field@riverside.example") {
		t.Errorf("the new user is not in the list")
	}

	// The audit log shows the new account and its access role.
	harness.Open(ctx, t, s.url+"/audit?entity=membership")
	harness.CheckAccessibility(ctx, t, "audit log")
	if rows := evaluate[int](t, ctx, `document.querySelectorAll("tbody tr").length`); rows == 0 {
		t.Errorf("the audit log shows no access role given")
	}
}

func TestPagesWithoutSignIn(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	for _, p := range []string{"/", "/frameworks", "/frameworks/career-framework", "/frameworks/ksf", "/frameworks/iwl", "/api/docs", "/accessibility"} {
		harness.Open(ctx, t, s.url+p)
		harness.CheckAccessibility(ctx, t, p)
	}
}
