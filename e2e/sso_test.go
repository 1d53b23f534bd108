package e2e

import (
	"strings"
	"testing"

	"github.com/workframe/workframe/e2e/harness"
	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/auth/oidctest"
	"github.com/workframe/workframe/internal/web"
)

// TestSignInWithSingleSignOn: a member of staff signs in through the organisation's identity
// provider in a real browser and lands on the page they asked for, signed in.
func TestSignInWithSingleSignOn(t *testing.T) {
	p, err := oidctest.Start("workframe", "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	p.SetUser(oidctest.User{Subject: "ns-1", Email: "nurse@riverside.example", Name: "Research nurse"})
	s := startSite(t, func(cfg *web.Config, url string) {
		rp, err := auth.NewOIDC(auth.OIDCConfig{Issuer: p.Issuer(), ClientID: "workframe", ClientSecret: "s3cret",
			RedirectURL: url + "/sign-in/oidc/callback"})
		if err != nil {
			t.Fatal(err)
		}
		cfg.OIDC, cfg.OIDCName = rp, "Riverside ID"
	})
	ctx := browser.NewTab(t)
	harness.Open(ctx, t, s.url+"/sign-in?next=/profiles")
	harness.CheckAccessibility(ctx, t, "sign in with single sign-on")
	submit(t, ctx, "a[href^='/sign-in/oidc']")
	if got := evaluate[string](t, ctx, "location.pathname"); got != "/profiles" {
		t.Fatalf("after single sign-on the browser is at %q, want /profiles; page: %q", got,
			evaluate[string](t, ctx, "document.body.innerText"))
	}
	if header := evaluate[string](t, ctx, "document.querySelector('header').innerText"); !strings.Contains(header, "Sign out") {
		t.Errorf("not signed in after single sign-on: header %q", header)
	}
}
