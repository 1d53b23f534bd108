package harness_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
	"github.com/workframe/workframe/web"
)

var browser *harness.Browser

func TestMain(m *testing.M) { harness.Main(m, &browser) }

// strictCSP is the policy Workframe serves by default (design decision 6).
const strictCSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// head loads the design system and our own files the way the templates do.
const head = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%s - Workframe</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/static/vendor/assets/images/favicon.ico" sizes="48x48">
<link rel="stylesheet" href="/static/vendor/nhsuk-frontend.min.css">
<link rel="stylesheet" href="/static/css/app.css">
</head>
<body>
<script src="/static/js/js-enabled.js"></script>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner">
  <div class="nhsuk-header__container nhsuk-width-container">
    <div class="nhsuk-header__service"><a class="nhsuk-header__service-name" href="/">Workframe</a></div>
  </div>
</header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent">
`

const foot = `
</main>
</div>
<script type="module" src="/static/js/app.js"></script>
</body>
</html>
`

var pages = map[string]string{
	"/good": `<h1>Frameworks</h1>
<p>Workframe holds versioned workforce frameworks.</p>
<ul class="wf-tree"><li><span class="wf-tree__code">1</span>Domain<ul><li><span class="wf-tree__code">1.1</span>Element</li></ul></li></ul>
<strong class="nhsuk-tag nhsuk-tag--white wf-provisional">Provisional</strong>
<button class="nhsuk-button" data-module="nhsuk-button" type="submit">Save</button>`,

	"/bad": `<h1>Broken</h1>
<img src="/static/vendor/assets/images/nhsuk-icon-180.png" width="180" height="180">`,

	// An inline script the CSP must block; it would mark the body if it ran.
	"/inline": `<h1>Inline</h1>
<script>document.body.dataset.inline = "ran"</script>`,
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	static := http.StripPrefix("/static/", http.FileServerFS(web.StaticFS()))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		if strings.HasPrefix(r.URL.Path, "/static/") {
			static.ServeHTTP(w, r)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, strings.Replace(head, "%s", strings.TrimPrefix(r.URL.Path, "/"), 1)+body+foot)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestGoodPageHasNoViolationsAndNoConsoleErrors(t *testing.T) {
	srv := newServer(t)
	ctx := browser.NewTab(t)
	console := harness.WatchConsole(ctx)
	harness.Open(ctx, t, srv.URL+"/good")

	// The design system's JavaScript ran under the strict CSP: js-enabled.js
	// marked the body and app.js's initAll initialised the button.
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("button[data-nhsuk-button-init]"))); err != nil {
		t.Fatalf("initAll did not initialise the button: %v", err)
	}
	classes, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.className`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"js-enabled", "nhsuk-frontend-supported"} {
		if !slices.Contains(strings.Fields(classes), c) {
			t.Errorf("body classes %q lack %q", classes, c)
		}
	}
	// The CSS loaded (the header is NHS blue) and uses the Arial fallback.
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".nhsuk-header")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg != "rgb(0, 94, 184)" {
		t.Errorf("header background %q, want NHS blue rgb(0, 94, 184): CSS not loaded?", bg)
	}

	harness.CheckAccessibility(ctx, t, "good page")

	// Any blocked font, image or script (a CSP violation or a 404) shows up
	// as a console error; the checks above ran long after the page loaded.
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors on the good page:\n%s", strings.Join(errs, "\n"))
	}

	if dir := os.Getenv("WORKFRAME_SCREENSHOTS"); dir != "" {
		if err := harness.Screenshot(ctx, filepath.Join(dir, "harness-good.png")); err != nil {
			t.Error(err)
		}
	}
}

func TestBadPageReportsImageAlt(t *testing.T) {
	srv := newServer(t)
	ctx := browser.NewTab(t)
	harness.Open(ctx, t, srv.URL+"/bad")

	// axe is injected through DevTools although the CSP forbids inline scripts.
	vs, err := harness.Violations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(vs, func(v harness.Violation) bool { return v.ID == "image-alt" })
	if i < 0 {
		t.Fatalf("violations %v, want image-alt", vs)
	}
	v := vs[i]
	if v.Impact != "critical" || len(v.Nodes) != 1 || !slices.Equal(v.Nodes[0].Target, []string{"img"}) {
		t.Errorf("image-alt violation = %+v", v)
	}
	if s := v.String(); !strings.Contains(s, "image-alt (critical)") || !strings.Contains(s, "[img]") {
		t.Errorf("String() = %q", s)
	}

	// Running axe again on the same document reuses the injected copy.
	again, err := harness.Violations(ctx)
	if err != nil || len(again) != len(vs) {
		t.Errorf("second run: %d violations, %v; first run %d", len(again), err, len(vs))
	}

	// CheckAccessibility fails the test and names the rule.
	rec := &recorder{TB: t}
	harness.CheckAccessibility(ctx, rec, "bad page")
	if !rec.failed || !strings.Contains(rec.msg, "image-alt (critical)") || !strings.Contains(rec.msg, "bad page: 1 accessibility violation") {
		t.Errorf("CheckAccessibility: failed=%v message %q", rec.failed, rec.msg)
	}
}

func TestCSPBlocksInlineScriptsButNotTheHarness(t *testing.T) {
	srv := newServer(t)
	ctx := browser.NewTab(t)
	console := harness.WatchConsole(ctx)
	harness.Open(ctx, t, srv.URL+"/inline")

	ran, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.inline || "blocked"`))
	if err != nil {
		t.Fatal(err)
	}
	if ran != "blocked" {
		t.Fatalf("the inline script ran under %q", strictCSP)
	}
	// The page still gets axe (DevTools evaluation is not subject to the CSP).
	if _, err := harness.Violations(ctx); err != nil {
		t.Fatal(err)
	}
	// Chromium reports the blocked script on the console. The messages
	// arrive on their own goroutine, so give them a moment.
	deadline := time.Now().Add(5 * time.Second)
	for !slices.ContainsFunc(console.Errors(), func(e string) bool {
		return strings.Contains(e, "Content Security Policy")
	}) {
		if time.Now().After(deadline) {
			t.Fatalf("no CSP violation on the console; messages: %v", console.Messages())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// recorder is a testing.TB that records Error and Fatal calls instead of
// failing the test it wraps.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Error(args ...any)                 { r.failed = true; r.msg += fmt.Sprint(args...) }
func (r *recorder) Errorf(format string, args ...any) { r.Error(fmt.Sprintf(format, args...)) }
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
