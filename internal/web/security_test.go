package web

import (
	"github.com/PuerkitoBio/goquery"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	fx := newFixture(t, "sqlite")
	res := fx.client().get("/")
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "same-origin",
	}
	for h, v := range want {
		if got := res.Header.Get(h); got != v {
			t.Errorf("%s = %q, want %q", h, got, v)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, part := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %q", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "assets.nhs.uk") {
		t.Errorf("CSP %q allows inline code or the NHS font host by default", csp)
	}
	// No inline script or style anywhere in the page: the CSP would block it.
	doc := res.doc(t)
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Text()) != "" {
			t.Errorf("inline script found: %q", s.Text())
		}
	})
	if n := doc.Find("style, [style]").Length(); n > 0 {
		t.Errorf("%d inline styles found", n)
	}
}

func TestErrorPages(t *testing.T) {
	fx := newFixture(t, "sqlite")
	res := fx.client().get("/no/such/page")
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d, want 404", res.StatusCode)
	}
	doc := res.doc(t)
	if h := doc.Find("h1").Text(); h != "Page not found" {
		t.Errorf("404 heading %q", h)
	}
	if doc.Find("header.nhsuk-header").Length() != 1 || doc.Find("footer.nhsuk-footer").Length() != 1 {
		t.Errorf("404 page is not in the site's layout")
	}
	if res := fx.client().get("/frameworks/iwf/versions/9.9"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown framework version: %d, want 404", res.StatusCode)
	}
	if res := fx.client().get("/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d", res.StatusCode)
	}
	if res := fx.client().get("/readyz"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "ready") {
		t.Errorf("/readyz: %d %q", res.StatusCode, res.body)
	}
}

// TestPanicGivesServerErrorPage checks that a failing handler shows the 500 page with no detail.
func TestPanicGivesServerErrorPage(t *testing.T) {
	fx := newFixture(t, "sqlite")
	h := fx.server.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("SELECT secret FROM somewhere")
	}))
	rec := newRecorder()
	h.ServeHTTP(rec, mustRequest(t, "GET", "/"))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	body := rec.Body.String()
	if strings.Contains(body, "SELECT") || !strings.Contains(body, "problem with the service") {
		t.Errorf("500 page leaks detail or lacks the message: %q", body)
	}
	if !strings.Contains(body, `class="nhsuk-header"`) {
		t.Errorf("500 page is not in the site's layout")
	}
}

func TestSignIn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.client()
		bad := c.post("/sign-in", url.Values{"email": {"Admin@A.example"}, "password": {"wrong password"}})
		if bad.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d, want 401", bad.StatusCode)
		}
		if got := errorSummary(t, bad); len(got) != 1 || got[0] != wrongPassword {
			t.Errorf("wrong password summary %q", got)
		}
		if v, _ := bad.doc(t).Find("#email").Attr("value"); v != "admin@a.example" {
			t.Errorf("email not kept in the form: %q", v)
		}
		if res := c.get("/account"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after a wrong password /account gave %d, want a redirect to sign in", res.StatusCode)
		}

		empty := c.post("/sign-in", url.Values{})
		if got := errorSummary(t, empty); len(got) != 2 {
			t.Errorf("empty form: summary %q, want two errors", got)
		}

		ok := c.post("/sign-in", url.Values{"email": {"admin@a.example"}, "password": {testPassword}, "next": {"/organisations"}})
		if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/organisations" {
			t.Fatalf("sign in: %d to %q", ok.StatusCode, ok.Header.Get("Location"))
		}
		var cookie *http.Cookie
		for _, ck := range ok.Cookies() {
			if ck.Name == "workframe_session" {
				cookie = ck
			}
		}
		if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
			t.Errorf("session cookie %+v is not HttpOnly and SameSite=Lax", cookie)
		}
		if res := c.get("/account"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "admin@a.example") {
			t.Errorf("signed-in /account: %d", res.StatusCode)
		}
		// An off-site "next" is ignored.
		c2 := fx.client()
		res := c2.post("/sign-in", url.Values{"email": {"admin@a.example"}, "password": {testPassword}, "next": {"//evil.example/"}})
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next=//evil.example/ redirected to %q", loc)
		}
		// Signing out ends the session.
		if res := c.post("/sign-out", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("sign out: %d", res.StatusCode)
		}
		if res := c.get("/account"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after sign out /account gave %d", res.StatusCode)
		}
	})
}

func TestSignInThrottling(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.client()
		for i := range 5 {
			if res := c.post("/sign-in", url.Values{"email": {"staff@a.example"}, "password": {"guess"}}); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
			}
		}
		res := c.post("/sign-in", url.Values{"email": {"staff@a.example"}, "password": {testPassword}})
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("right password after 5 failures: %d, want 429", res.StatusCode)
		}
		if got := errorSummary(t, res); len(got) != 1 || !strings.Contains(got[0], "Wait 15 minutes") {
			t.Errorf("throttled message %q", got)
		}
		// Another account is not locked by it.
		if res := fx.client().post("/sign-in", url.Values{"email": {"admin@a.example"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another account: %d", res.StatusCode)
		}
	})
}

// TestCrossSiteRequestsRefused sends forged POSTs as a browser on another site would, and
// checks that they are refused and change nothing.
func TestCrossSiteRequestsRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		admin := fx.signedIn("siteAdmin")
		before, err := fx.db.Organisations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		forged := []struct{ header, value string }{
			{"Sec-Fetch-Site", "cross-site"},
			{"Origin", "https://evil.example"},
		}
		for _, f := range forged {
			req := url.Values{"name": {"Forged Trust"}, "kind": {"organisation"}, "parent": {"0"}}
			res := admin.post("/organisations", req, "Sec-Fetch-Site", "", f.header, f.value)
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("forged POST with %s: %s: %d, want 403", f.header, f.value, res.StatusCode)
			}
			if !strings.Contains(res.body, "came from another website") {
				t.Errorf("forged POST page does not explain itself")
			}
		}
		after, err := fx.db.Organisations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) {
			t.Errorf("forged POSTs created organisations: %d before, %d after", len(before), len(after))
		}
		// The same form from the site itself works, which shows the refusal was the check.
		res := admin.post("/organisations", url.Values{"name": {"Real Trust"}, "kind": {"organisation"}, "parent": {"0"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("same-origin POST: %d", res.StatusCode)
		}
	})
}

func TestAuditLogPage(t *testing.T) {
	fx := newFixture(t, "sqlite")
	admin := fx.signedIn("siteAdmin")
	res := admin.get("/audit?entity=organisation")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/audit: %d", res.StatusCode)
	}
	rows := res.doc(t).Find("tbody tr")
	if rows.Length() != 4 {
		t.Errorf("audit log shows %d organisation changes, want the 4 the fixture made", rows.Length())
	}
	if strings.Contains(rows.Text(), "membership") {
		t.Errorf("the organisation filter shows other entities")
	}
	if sel := res.doc(t).Find("#entity option[selected]").AttrOr("value", ""); sel != "organisation" {
		t.Errorf("the chosen filter is not kept: %q", sel)
	}
}

func TestCrossSiteAPIWriteGetsProblemJSON(t *testing.T) {
	fx := newFixture(t, "sqlite")
	c := fx.signedIn("staff")
	req, _ := http.NewRequest(http.MethodPost, c.base+"/api/v1/profiles", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://evil.example")
	res := c.do(req)
	if res.StatusCode != http.StatusForbidden || res.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(res.body, `"status":403`) {
		t.Errorf("cross-site API write: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.body)
	}
	if ps, _ := fx.db.UserProfiles(t.Context(), fx.users["staff"].ID); len(ps) != 0 {
		t.Errorf("a cross-site API write created a profile")
	}
}
