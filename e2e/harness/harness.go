// Package harness drives the system Chromium for Workframe's browser tests
// and checks pages with axe-core.
//
// Start one browser per test binary from TestMain and give each test its own
// tab:
//
//	var browser *harness.Browser
//
//	func TestMain(m *testing.M) { harness.Main(m, &browser) }
//
//	func TestHome(t *testing.T) {
//		ctx := browser.NewTab(t)
//		harness.Open(ctx, t, srv.URL+"/")
//		harness.CheckAccessibility(ctx, t, "home")
//	}
//
// When Chromium is missing the tests skip, unless WORKFRAME_REQUIRE_BROWSER=1
// (set in CI), which makes them fail instead.
//
// axe-core is read from web/node_modules/axe-core/axe.min.js (installed by
// `npm ci` in web/, never shipped to users) and injected through the DevTools
// protocol, which a page's Content-Security-Policy does not block.
package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultExecPath is where Debian's chromium package installs the browser.
// The environment variable WORKFRAME_CHROMIUM overrides it.
const DefaultExecPath = "/usr/bin/chromium"

// TabTimeout bounds everything one test does in its tab.
var TabTimeout = 2 * time.Minute

// startTimeout bounds the start of the browser.
const startTimeout = time.Minute

// Required reports whether browser tests must run: WORKFRAME_REQUIRE_BROWSER=1,
// as CI sets it. Then a missing browser fails the tests instead of skipping them.
func Required() bool {
	return os.Getenv("WORKFRAME_REQUIRE_BROWSER") == "1"
}

// ExecPath is the Chromium binary the harness starts.
func ExecPath() string {
	if p := os.Getenv("WORKFRAME_CHROMIUM"); p != "" {
		return p
	}
	return DefaultExecPath
}

// Browser is one headless Chromium with a fresh profile.
type Browser struct {
	ctx         context.Context // the browser's first tab; parent of every NewTab
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	dir         string // user data dir, removed by Close
	closeOnce   sync.Once
}

// Start launches Chromium headless, as root-safe as our machines need
// (no sandbox), with a fresh user data directory. It returns an error saying
// so when Chromium is not installed.
func Start() (*Browser, error) {
	path := ExecPath()
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("harness: Chromium is not installed at %s (apt-get install chromium, or set WORKFRAME_CHROMIUM): %w", path, err)
	}
	dir, err := os.MkdirTemp("", "workframe-chromium-")
	if err != nil {
		return nil, fmt.Errorf("harness: user data dir: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1024),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel, dir: dir}

	// The first Do starts the browser and binds its life to ctx, so it gets no
	// timeout of its own; a start that hangs is cut off here instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("no answer after %v", startTimeout)
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("harness: starting %s: %w", path, err)
	}
	return b, nil
}

// Close stops the browser and removes its user data directory. It is safe to
// call on a nil Browser and more than once.
func (b *Browser) Close() error {
	if b == nil {
		return nil
	}
	var err error
	b.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		defer cancel()
		if cerr := chromedp.Cancel(ctx); cerr != nil && !errors.Is(cerr, context.Canceled) {
			err = cerr
		}
		b.cancel()
		b.allocCancel() // kills the process if it is still there and waits for it
		if rerr := os.RemoveAll(b.dir); rerr != nil && err == nil {
			err = rerr
		}
	})
	return err
}

// startErr is why Main could not start the browser, for the skip message.
var startErr error

// Main is a whole TestMain: it starts the browser into *b, runs the tests,
// closes the browser and exits. Without Chromium it runs the tests with a nil
// *b, so that NewTab skips them, or exits 1 when Required.
func Main(m *testing.M, b **Browser) {
	browser, err := Start()
	if err != nil {
		if Required() {
			fmt.Fprintln(os.Stderr, err)
			fmt.Fprintln(os.Stderr, "WORKFRAME_REQUIRE_BROWSER=1: browser tests must run")
			os.Exit(1)
		}
		startErr = err
	}
	*b = browser
	code := m.Run()
	if err := browser.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "harness: closing the browser:", err)
	}
	os.Exit(code)
}

// NewTab opens a new tab for the test and closes it when the test ends.
// Everything run on the returned context is bounded by TabTimeout. On a nil
// Browser (Chromium missing) it skips the test, or fails it when Required.
func (b *Browser) NewTab(t testing.TB) context.Context {
	t.Helper()
	if b == nil {
		reason := "browser tests need Chromium"
		if startErr != nil {
			reason = startErr.Error()
		}
		if Required() {
			t.Fatalf("WORKFRAME_REQUIRE_BROWSER=1 but no browser: %s", reason)
		}
		t.Skip(reason)
	}
	tab, cancelTab := chromedp.NewContext(b.ctx)
	// Open the tab before adding the timeout, so the tab's life is bound to
	// tab and not to the timeout's context.
	if err := chromedp.Do(tab); err != nil {
		cancelTab()
		t.Fatalf("harness: opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, TabTimeout)
	t.Cleanup(func() {
		cancel()
		cancelTab()
	})
	return ctx
}

// Open navigates the tab to url, waits for the load, and fails the test if
// the page does not load or answers with an HTTP status of 400 or more.
func Open(ctx context.Context, t testing.TB, url string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if resp != nil && resp.Status >= 400 {
		t.Fatalf("open %s: HTTP %d", url, resp.Status)
	}
}

// Screenshot writes a PNG of the whole page (beyond the viewport) to path.
func Screenshot(ctx context.Context, path string) error {
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.WriteFile(path, buf, 0o644)
}

// Console collects the console messages of a tab: console API calls,
// uncaught exceptions and the browser's log (failed loads, Content-Security-
// Policy violations). Start it before the navigation it should watch.
type Console struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

// WatchConsole starts collecting the tab's console messages until ctx ends.
func WatchConsole(ctx context.Context) *Console {
	c := &Console{}
	seq := chromedp.Console(ctx) // subscribes now, so nothing is lost
	go func() {
		for m, err := range seq {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.msgs = append(c.msgs, m)
			c.mu.Unlock()
		}
	}()
	return c
}

// Messages returns the messages collected so far.
func (c *Console) Messages() []chromedp.ConsoleMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), c.msgs...)
}

// Errors returns the text of the errors and exceptions collected so far.
func (c *Console) Errors() []string {
	var out []string
	for _, m := range c.Messages() {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

// AxeTags are the rule tags every page is checked against: WCAG 2.0, 2.1 and
// 2.2 at levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID      string          `json:"id"`
	Impact  string          `json:"impact"`
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks the rule.
type ViolationNode struct {
	// Target is the CSS selector path to the element: one entry, or one per
	// frame or shadow root on the way to it.
	Target         []string `json:"target"`
	HTML           string   `json:"html"`
	FailureSummary string   `json:"failureSummary"`
}

// String describes the violation on one line: id, impact, help and the first
// few target selectors.
func (v Violation) String() string {
	const most = 5
	var targets []string
	for i, n := range v.Nodes {
		if i == most {
			targets = append(targets, fmt.Sprintf("and %d more", len(v.Nodes)-most))
			break
		}
		targets = append(targets, strings.Join(n.Target, " > "))
	}
	return fmt.Sprintf("%s (%s): %s [%s] %s", v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.HelpURL)
}

// CheckAccessibility runs axe-core on the page in the tab and fails the test
// with one line per violation. page names the page in the message.
func CheckAccessibility(ctx context.Context, t testing.TB, page string) {
	t.Helper()
	vs, err := Violations(ctx)
	if err != nil {
		t.Fatalf("accessibility check of %s: %v", page, err)
	}
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d accessibility violation(s) (axe-core, %s):", page, len(vs), strings.Join(AxeTags, ", "))
	for _, v := range vs {
		b.WriteString("\n  ")
		b.WriteString(v.String())
	}
	t.Error(b.String())
}

// Violations injects axe-core into the page in the tab (once per document)
// and returns what it finds for AxeTags.
func Violations(ctx context.Context) ([]Violation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, err
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`))
	if err != nil {
		return nil, fmt.Errorf("looking for axe: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	tags, _ := json.Marshal(AxeTags)
	script := `axe.run(document, {
		runOnly: {type: "tag", values: ` + string(tags) + `},
		resultTypes: ["violations"]
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({
			target: n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : String(s)),
			html: n.html, failureSummary: n.failureSummary || ""
		}))
	})))`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return vs, nil
}

var axe struct {
	once sync.Once
	src  string
	err  error
}

// axeSource reads web/node_modules/axe-core/axe.min.js from the module root.
func axeSource() (string, error) {
	axe.once.Do(func() {
		root, err := ModuleRoot()
		if err != nil {
			axe.err = err
			return
		}
		path := filepath.Join(root, "web", "node_modules", "axe-core", "axe.min.js")
		b, err := os.ReadFile(path)
		if err != nil {
			axe.err = fmt.Errorf("harness: reading axe-core (run `npm ci` in web/): %w", err)
			return
		}
		axe.src = string(b)
	})
	return axe.src, axe.err
}

// ModuleRoot finds the folder holding go.mod, walking up from the working
// directory (a test's working directory is its package folder).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("harness: no go.mod above the working directory")
		}
		dir = parent
	}
}
