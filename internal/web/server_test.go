package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/api"
	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

const testPassword = "violet kettle orbit 42"

// fixture is a running server on a real database with a small organisation tree:
//
//	Trust A (organisation) → Service A → Team A;  Trust B (organisation)
//
// and one user per persona.
type fixture struct {
	t                           *testing.T
	db                          *store.DB
	srv                         *httptest.Server
	server                      *Server
	orgA, serviceA, teamA, orgB store.Organisation
	users                       map[string]store.User // by persona
}

var personas = []string{"anonymous", "staff", "orgAdmin", "siteAdmin"}

// forEachEngine runs the test on SQLite and, when configured, on PostgreSQL.
func forEachEngine(t *testing.T, fn func(t *testing.T, fx *fixture)) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			fn(t, newFixture(t, engine))
		})
	}
}

func newFixture(t *testing.T, engine string) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, engine)
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		t.Fatalf("built-in frameworks invalid: %v", problems)
	}
	for _, f := range fws {
		if _, err := db.SaveFrameworkVersion(ctx, store.Actor{}, f, true); err != nil {
			t.Fatal(err)
		}
	}
	fx := &fixture{t: t, db: db, users: map[string]store.User{}}
	mk := func(name, kind string, parent int64) store.Organisation {
		o, err := db.CreateOrganisation(ctx, store.Actor{}, store.Organisation{Name: name, Kind: kind, ParentID: parent})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	fx.orgA = mk("Trust A", "organisation", 0)
	fx.serviceA = mk("Service A", "service", fx.orgA.ID)
	fx.teamA = mk("Team A", "team", fx.serviceA.ID)
	fx.orgB = mk("Trust B", "organisation", 0)
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	addUser := func(persona, email string, siteAdmin bool, org int64, role store.AccessRole) {
		u, err := db.CreateUser(ctx, store.Actor{}, store.User{Email: email, Name: persona + " user", PasswordHash: hash, SiteAdmin: siteAdmin})
		if err != nil {
			t.Fatal(err)
		}
		if org != 0 {
			if err := db.SetMembership(ctx, store.Actor{}, u.ID, org, role); err != nil {
				t.Fatal(err)
			}
		}
		fx.users[persona] = u
	}
	addUser("staff", "staff@a.example", false, fx.teamA.ID, store.AccessStaff)
	addUser("orgAdmin", "admin@a.example", false, fx.orgA.ID, store.AccessAdministrator)
	addUser("siteAdmin", "site@example.org", true, 0, "")
	addUser("adminB", "admin@b.example", false, fx.orgB.ID, store.AccessAdministrator)
	// The permission matrix's other access roles in Trust A, and someone with none anywhere.
	addUser("planner", "matrix.planner@a.example", false, fx.orgA.ID, store.AccessPlanner)
	addUser("manager", "matrix.manager@a.example", false, fx.serviceA.ID, store.AccessManager)
	addUser("nobody", "matrix.nobody@example.org", false, 0, "")
	addUser("viewer", "matrix.viewer@a.example", false, fx.orgA.ID, store.AccessViewer)

	// Server logs go to the test's log, shown when a test fails.
	log := slog.New(slog.NewTextHandler(testLog{t}, nil))
	s, err := New(Config{ServiceName: "Workframe test"}, db, api.NewWithAuth(db, log, APICaller), log)
	if err != nil {
		t.Fatal(err)
	}
	fx.server = s
	fx.srv = httptest.NewServer(s)
	t.Cleanup(fx.srv.Close)
	return fx
}

// client is a browser-like client with its own cookies that does not follow redirects, so tests
// see each response.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (fx *fixture) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: fx.t, base: fx.srv.URL, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// signedIn returns a client signed in as the persona ("anonymous" gives a fresh client).
func (fx *fixture) signedIn(persona string) *client {
	c := fx.client()
	if persona == "anonymous" {
		return c
	}
	res := c.post("/sign-in", url.Values{"email": {fx.users[persona].Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		fx.t.Fatalf("sign in as %s: status %d", persona, res.StatusCode)
	}
	return c
}

type response struct {
	*http.Response
	body string
}

func (r response) doc(t *testing.T) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{res, string(b)}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form as a same-origin browser would.
func (c *client) post(path string, form url.Values, headers ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

func errorSummary(t *testing.T, r response) []string {
	t.Helper()
	var out []string
	r.doc(t).Find(".nhsuk-error-summary__list li").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Helper()
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
