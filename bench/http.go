package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/web"
)

// HTTP load (issue 10): wrk at 32 connections on loopback against the real server (the same
// handler, middleware, sessions and database as `workframe serve`), each page beside the
// server's most minimal handler, /healthz, measured in the same run.
const (
	HTTPConnections = 32
	HTTPDuration    = 8 * time.Second
	BaselinePath    = "/healthz"
)

// HTTPTarget is one page or API call under load.
type HTTPTarget struct {
	Name, Path string
	Auth       string // "", "session" or "token"
}

// HTTPTargets are the main pages and API calls, as a signed-in planner or an integration uses
// them.
var HTTPTargets = []HTTPTarget{
	{"baseline: /healthz (no database, no template)", BaselinePath, ""},
	{"home page", "/", "session"},
	{"framework page (IWF 2.1)", "/frameworks/iwf/versions/2.1", "session"},
	{"role search page, 'nurse'", "/roles?q=nurse", "session"},
	// The API's token reaches one organisation ({org}, its services and teams): the page at the
	// same scope is its like for like.
	{"role search page, 'nurse', the token's organisation", "/roles?q=nurse&org={org}", "session"},
	{"roles by level (the ladder)", "/roles/levels", "session"},
	{"API: role search, 'nurse'", "/api/v1/roles?q=nurse", "token"},
	{"API: frameworks", "/api/v1/frameworks", "token"},
}

// HTTPResult is what wrk measured for one target.
type HTTPResult struct {
	Target       HTTPTarget
	RequestsPerS float64
	P50, P99     time.Duration
	Errors       string // non-2xx answers or socket errors wrk counted, if any
}

// MeasureHTTP serves the database on a loopback port and runs wrk against every target; with
// withPeople (the people are imported) also against the pages and calls of httptargets.go.
func MeasureHTTP(ctx context.Context, d *Database, withPeople bool, logf func(string, ...any)) ([]HTTPResult, error) {
	if _, err := exec.LookPath("wrk"); err != nil {
		return nil, errors.New("bench: wrk is not installed (apt-get install wrk)")
	}
	db := d.Store
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		return nil, fmt.Errorf("bench: built-in frameworks: %v", problems)
	}
	for _, f := range fws {
		if _, err := db.SaveFrameworkVersion(ctx, store.Actor{}, f, true); err != nil && !errors.Is(err, store.ErrConflict) {
			return nil, err // ErrConflict: the KSF, stored for the roles' requirements
		}
	}
	// A site administrator sees every generated organisation, as a national planner would.
	password := auth.RandomPassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	u, err := db.CreateUser(ctx, store.Actor{}, store.User{Email: "bench@example.org", Name: "Bench", PasswordHash: hash, SiteAdmin: true})
	if err != nil {
		return nil, err
	}
	// The read token reaches the first generated organisation (its services and teams, and the
	// roles it owns). A token carries its owner's memberships, not the site administrator flag,
	// so the user is a viewer there (a planner once the people are there: findHTTPRecords):
	// without it the API's search had no organisation to search and answered an empty page.
	tokenOrg := d.OrgIDs[0]
	if err := db.SetMembership(ctx, store.Actor{}, u.ID, tokenOrg, store.AccessViewer); err != nil {
		return nil, err
	}
	targets := HTTPTargets
	if withPeople {
		rec, err := findHTTPRecords(ctx, d, u.ID)
		if err != nil {
			return nil, err
		}
		targets = append(slices.Clone(HTTPTargets), rec.targets()...)
		// The career pages answer from the in-memory index: build it before the load, as
		// the server does before /readyz answers.
		if err := db.Careers().Rebuild(ctx); err != nil {
			return nil, err
		}
	}
	secret, thash, hint := auth.NewToken()
	if _, err := db.CreateToken(ctx, store.Actor{}, store.NewAPIToken{Kind: store.TokenPersonal, Name: "bench", UserID: u.ID,
		OrganisationID: tokenOrg, Scope: store.ScopeRead, Hash: thash, Hint: hint, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		return nil, err
	}

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	app, err := web.New(web.Config{ServiceName: "Workframe"}, db, api.NewWithAuth(db, log, web.APICaller), log)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	cookie, err := signIn(base, "bench@example.org", password)
	if err != nil {
		return nil, err
	}
	var out []HTTPResult
	for _, t := range targets {
		var header string
		switch t.Auth {
		case "session":
			header = "Cookie: " + cookie
		case "token":
			header = "Authorization: Bearer " + secret
		}
		path := strings.ReplaceAll(t.Path, "{org}", strconv.FormatInt(tokenOrg, 10))
		if err := checkTarget(base+path, header); err != nil {
			return nil, fmt.Errorf("bench: %s: %w", path, err)
		}
		logf("%s: wrk %s for %s", d.Engine, path, HTTPDuration)
		res, err := runWrk(ctx, base+path, header)
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", t.Path, err)
		}
		res.Target = t
		res.Target.Path = path
		out = append(out, res)
	}
	return out, nil
}

// checkTarget asks for a page once: it must answer 200, or the load would measure an error page.
func checkTarget(target, header string) error {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	if name, value, ok := strings.Cut(header, ": "); ok {
		req.Header.Set(name, value)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 500))
		return fmt.Errorf("answered %d before the load: %s", res.StatusCode, body)
	}
	return nil
}

// signIn signs in through the form and returns the session cookie as a Cookie header value.
func signIn(base, email, password string) (string, error) {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/sign-in", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("bench: sign in: %d", res.StatusCode)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == "workframe_session" {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", errors.New("bench: no session cookie after signing in")
}

var (
	wrkRate    = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkLatency = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	wrkErrors  = regexp.MustCompile(`(?m)^\s+(Non-2xx or 3xx responses: \d+|Socket errors: .*)$`)
)

func runWrk(ctx context.Context, target, header string) (HTTPResult, error) {
	// wrk gives up on a request after 2 s by default and leaves it out of the latencies: a slow
	// page would show none. 30 s keeps every answer in them.
	args := []string{"-t2", "-c" + strconv.Itoa(HTTPConnections), "-d" + strconv.Itoa(int(HTTPDuration.Seconds())) + "s", "--latency", "--timeout", "30s"}
	if header != "" {
		args = append(args, "-H", header)
	}
	out, err := exec.CommandContext(ctx, "wrk", append(args, target)...).CombinedOutput()
	if err != nil {
		return HTTPResult{}, fmt.Errorf("wrk: %v: %s", err, out)
	}
	var r HTTPResult
	m := wrkRate.FindStringSubmatch(string(out))
	if m == nil {
		return r, fmt.Errorf("wrk printed no rate: %s", out)
	}
	r.RequestsPerS, _ = strconv.ParseFloat(m[1], 64)
	for _, l := range wrkLatency.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(l[2], 64)
		d := time.Duration(v * float64(map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[l[3]]))
		if l[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	var errs []string
	for _, e := range wrkErrors.FindAllStringSubmatch(string(out), -1) {
		errs = append(errs, strings.TrimSpace(e[1]))
	}
	r.Errors = strings.Join(errs, "; ")
	return r, nil
}
