package web

import (
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/auth/oidctest"
	"github.com/workframe/workframe/internal/store"
)

// oidcSite is the fixture's database served with single sign-on against a test provider.
type oidcSite struct {
	fx       *fixture
	provider *oidctest.Provider
	base     string
}

func newOIDCSite(t *testing.T, fx *fixture, tune func(*Config)) oidcSite {
	t.Helper()
	p, err := oidctest.Start("workframe", "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	rp, err := auth.NewOIDC(auth.OIDCConfig{Issuer: p.Issuer(), ClientID: "workframe", ClientSecret: "s3cret",
		RedirectURL: ts.URL + "/sign-in/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{ServiceName: "Workframe test", OIDC: rp, OIDCName: "Test ID"}
	if tune != nil {
		tune(&cfg)
	}
	s, err := New(cfg, fx.db, nil, slog.New(slog.NewTextHandler(testLog{t}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	h = s
	return oidcSite{fx: fx, provider: p, base: ts.URL}
}

func (o oidcSite) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: o.base, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn goes through the whole flow as a browser would: Workframe sends the person to the
// provider, which sends them back with a code. It returns Workframe's last answer.
func (o oidcSite) signIn(t *testing.T, c *client, next string) response {
	t.Helper()
	start := c.get("/sign-in/oidc?next=" + url.QueryEscape(next))
	if start.StatusCode != http.StatusFound || !strings.HasPrefix(start.Header.Get("Location"), o.provider.Issuer()+"/authorize?") {
		t.Fatalf("start: %d to %q", start.StatusCode, start.Header.Get("Location"))
	}
	auth, err := c.http.Get(start.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	auth.Body.Close()
	back := auth.Header.Get("Location")
	if auth.StatusCode != http.StatusFound || !strings.HasPrefix(back, o.base+"/sign-in/oidc/callback?") {
		t.Fatalf("provider: %d to %q", auth.StatusCode, back)
	}
	return c.get(strings.TrimPrefix(back, o.base))
}

func TestSingleSignOn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		site := newOIDCSite(t, fx, func(c *Config) {
			c.OIDCDefaultOrganisation, c.OIDCDefaultRole = fx.teamA.ID, store.AccessStaff
		})

		// The sign-in page offers the provider beside the password form.
		page := site.client(t).get("/sign-in")
		if !strings.Contains(page.body, "Sign in with Test ID") || !strings.Contains(page.body, `action="/sign-in"`) {
			t.Errorf("sign-in page does not offer both ways in")
		}

		// A newcomer gets an account with the default access role, and lands where they aimed.
		site.provider.SetUser(oidctest.User{Subject: "n-1", Email: "Nia.Okafor@A.example", Name: "Nia Okafor"})
		c := site.client(t)
		res := site.signIn(t, c, "/roles")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/roles" {
			t.Fatalf("callback: %d to %q: %v", res.StatusCode, res.Header.Get("Location"), errorSummary(t, res))
		}
		u, err := fx.db.UserByEmail(t.Context(), "nia.okafor@a.example")
		if err != nil || u.Name != "Nia Okafor" || u.PasswordHash != "" {
			t.Fatalf("new user = %+v, %v", u, err)
		}
		if role, ok, _ := fx.db.AccessIn(t.Context(), u.ID, fx.teamA.ID); !ok || role != store.AccessStaff {
			t.Errorf("new user's access in Team A = %q %v, want staff", role, ok)
		}
		if acc := c.get("/account"); acc.StatusCode != http.StatusOK || !strings.Contains(acc.body, "nia.okafor@a.example") ||
			strings.Contains(acc.body, "current_password") {
			t.Errorf("signed in by the provider, /account gives %d (and must not offer a password change)", acc.StatusCode)
		}

		// An existing account is matched by email, in any case, and keeps its access.
		admin := fx.users["orgAdmin"]
		site.provider.SetUser(oidctest.User{Subject: "a-1", Email: strings.ToUpper(admin.Email), Name: "Someone else"})
		c2 := site.client(t)
		if res := site.signIn(t, c2, "/"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("existing user: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if users := c2.get("/users"); users.StatusCode != http.StatusOK {
			t.Errorf("the administrator signed in by the provider cannot open /users: %d", users.StatusCode)
		}
		entries, _ := fx.db.AuditLog(t.Context(), store.AuditFilter{UserID: admin.ID, Action: "sign-in"})
		if len(entries) == 0 || !strings.Contains(entries[0].Summary, "single sign-on") {
			t.Errorf("the sign-in is not audited: %+v", entries)
		}

		// Refusals: an unverified email, a nonce that is not the session's, a turned-off account,
		// a callback without the session's state. None signs anyone in.
		for _, tc := range []struct {
			name   string
			user   oidctest.User
			status int
		}{
			{"unverified email", oidctest.User{Subject: "x", Email: "eve@a.example", Claims: map[string]any{"email_verified": false}}, http.StatusUnauthorized},
			{"replayed nonce", oidctest.User{Subject: "x", Email: "eve@a.example", Claims: map[string]any{"nonce": "someone-elses"}}, http.StatusUnauthorized},
			{"no email", oidctest.User{Subject: "x"}, http.StatusUnauthorized},
		} {
			site.provider.SetUser(tc.user)
			c := site.client(t)
			res := site.signIn(t, c, "/")
			if res.StatusCode != tc.status || len(errorSummary(t, res)) != 1 {
				t.Errorf("%s: %d %v, want %d with an error", tc.name, res.StatusCode, errorSummary(t, res), tc.status)
			}
			if acc := c.get("/account"); acc.StatusCode != http.StatusSeeOther {
				t.Errorf("%s: signed in anyway (/account %d)", tc.name, acc.StatusCode)
			}
		}
		if _, err := fx.db.UserByEmail(t.Context(), "eve@a.example"); err == nil {
			t.Errorf("a refused sign-in made an account")
		}

		off := fx.users["adminB"]
		off.Disabled = true
		if _, err := fx.db.UpdateUser(t.Context(), store.System, off); err != nil {
			t.Fatal(err)
		}
		site.provider.SetUser(oidctest.User{Subject: "b", Email: off.Email})
		if res := site.signIn(t, site.client(t), "/"); res.StatusCode != http.StatusForbidden {
			t.Errorf("turned-off account: %d, want 403", res.StatusCode)
		}

		forged := site.client(t)
		if res := forged.get("/sign-in/oidc/callback?code=abc&state=guess"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("callback without a sign-in under way: %d, want 400", res.StatusCode)
		}
		if res := forged.get("/sign-in/oidc/callback?error=access_denied&state=x"); res.StatusCode != http.StatusUnauthorized ||
			!strings.Contains(res.body, "access_denied") {
			t.Errorf("provider refusal: %d", res.StatusCode)
		}
	})
}

func TestPasswordsCanBeTurnedOff(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		site := newOIDCSite(t, fx, func(c *Config) { c.NoLocalPasswords = true })
		c := site.client(t)
		if page := c.get("/sign-in"); strings.Contains(page.body, `action="/sign-in"`) || !strings.Contains(page.body, "Sign in with Test ID") {
			t.Errorf("with passwords off the page still offers the password form, or not the provider")
		}
		res := c.post("/sign-in", url.Values{"email": {fx.users["staff"].Email}, "password": {testPassword}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("password sign-in with passwords off: %d, want 403", res.StatusCode)
		}
		if acc := c.get("/account"); acc.StatusCode != http.StatusSeeOther {
			t.Errorf("signed in with a password although passwords are off")
		}
		// Without single sign-on configured its routes do not exist.
		if res := fx.client().get("/sign-in/oidc"); res.StatusCode != http.StatusNotFound {
			t.Errorf("/sign-in/oidc without a provider: %d", res.StatusCode)
		}
	})
}
