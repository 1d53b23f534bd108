package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workframe/workframe/e2e/harness"
)

// TestAdministratorMakesServiceToken: an administrator makes a read-only service token for an
// integration, the token works from outside the browser, and revoking it (after confirming)
// stops it at once.
func TestAdministratorMakesServiceToken(t *testing.T) {
	s := startSite(t)
	ctx := browser.NewTab(t)
	signIn(t, ctx, s, "admin@riverside.example")

	harness.Open(ctx, t, s.url+"/account")
	submit(t, ctx, "a[href='/account/tokens']")
	harness.CheckAccessibility(ctx, t, "API tokens")

	// Without a name the form says so and keeps the other answers.
	do(t, ctx, chromedp.Click(chromedp.CSS("#kind-service")))
	submit(t, ctx, "form[action='/account/tokens'] button[type=submit]")
	if got := evaluate[string](t, ctx, `document.querySelector(".nhsuk-error-summary")?.innerText || ""`); !strings.Contains(got, "Enter a name") {
		t.Fatalf("empty name: error summary %q", got)
	}
	if !evaluate[bool](t, ctx, `document.querySelector("#kind-service").checked`) {
		t.Errorf("the form forgot that the token is a service's")
	}
	harness.CheckAccessibility(ctx, t, "API tokens with errors")

	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#name"), "ESR nightly feed"))
	submit(t, ctx, "form[action='/account/tokens'] button[type=submit]")
	secret := evaluate[string](t, ctx, `document.querySelector("#new-token")?.value || ""`)
	if !strings.HasPrefix(secret, "wf_") {
		t.Fatalf("no token shown; page: %q", evaluate[string](t, ctx, "document.body.innerText"))
	}
	harness.CheckAccessibility(ctx, t, "new API token")

	call := func() int {
		req, err := http.NewRequest("GET", s.url+"/api/v1/roles?q=nurse", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := call(); got != http.StatusOK {
		t.Fatalf("API call with the new token: %d", got)
	}

	harness.Open(ctx, t, s.url+"/account/tokens")
	submit(t, ctx, "a[href$='/revoke']")
	harness.CheckAccessibility(ctx, t, "revoke an API token")
	submit(t, ctx, "form[action$='/revoke'] button[type=submit]")
	if got := evaluate[string](t, ctx, "document.querySelector('main').innerText"); !strings.Contains(got, "Revoked") {
		t.Errorf("the list does not show the token as revoked: %q", got)
	}
	if got := call(); got != http.StatusUnauthorized {
		t.Errorf("API call with the revoked token: %d, want 401", got)
	}
}
