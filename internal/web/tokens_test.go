package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

var tokenInPage = regexp.MustCompile(`value="(wf_[a-z2-7]{52})"`)

// makeToken fills in the token form and returns the secret the answering page shows.
func makeToken(t *testing.T, c *client, form url.Values) string {
	t.Helper()
	res := c.post("/account/tokens", form)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("make token: status %d, errors %v", res.StatusCode, errorSummary(t, res))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("the page with a new secret may be cached: Cache-Control %q", cc)
	}
	m := tokenInPage.FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("no token on the page:\n%s", res.body)
	}
	return m[1]
}

// bearer calls the API with a token and no cookie, as a script would.
func bearer(t *testing.T, fx *fixture, method, path, token, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, fx.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return fx.client().do(req)
}

func TestAPITokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		roleA := fx.matrixRole()
		roleB := fx.role(staffNurseRole(fx.orgB.ID))

		// A staff member makes a read token for their team. The secret is shown once.
		staff := fx.signedIn("staff")
		secret := makeToken(t, staff, url.Values{"name": {"weekly report"}, "kind": {"personal"},
			"organisation": {fmt.Sprint(fx.teamA.ID)}, "scope": {"read"}, "days": {"30"}})
		list := staff.get("/account/tokens")
		if strings.Contains(list.body, secret) || !strings.Contains(list.body, "weekly report") ||
			!strings.Contains(list.body, secret[len(secret)-4:]) {
			t.Errorf("the token list shows the secret again, or not the token's name and hint")
		}

		// It reads as the staff member would, and no further.
		if res := bearer(t, fx, "GET", "/api/v1/roles", secret, ""); res.StatusCode != http.StatusOK {
			t.Fatalf("GET roles with a read token: %d %s", res.StatusCode, res.body)
		}
		if res := bearer(t, fx, "GET", fmt.Sprintf("/api/v1/roles/%d", roleB.ID), secret, ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust's role with the token: %d, want 404", res.StatusCode)
		}
		// A read token changes nothing, whatever its owner may do.
		res := bearer(t, fx, "POST", "/api/v1/profiles", secret, `{}`)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Header.Get("WWW-Authenticate"), "insufficient_scope") ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("write with a read token: %d %q %s", res.StatusCode, res.Header.Get("WWW-Authenticate"), res.body)
		}
		// The list shows that the token was used.
		if list := staff.get("/account/tokens"); strings.Contains(list.body, ">Never<") {
			t.Errorf("the token's last use is not shown")
		}

		// Bad or unknown tokens get a 401 that says so, never the cookie's answer.
		for _, h := range []string{"Bearer nonsense", "Basic " + secret, "Bearer " + strings.Repeat("a", 55)} {
			req, _ := http.NewRequest("GET", fx.srv.URL+"/api/v1/roles", nil)
			req.Header.Set("Authorization", h)
			res := staff.do(req) // with the session cookie too
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.Header.Get("WWW-Authenticate"), "invalid_token") {
				t.Errorf("Authorization %q: %d %q", h, res.StatusCode, res.Header.Get("WWW-Authenticate"))
			}
		}
		if res := bearer(t, fx, "GET", "/api/v1/roles", "", ""); res.StatusCode != http.StatusUnauthorized ||
			!strings.Contains(res.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("no credentials: %d %q", res.StatusCode, res.Header.Get("WWW-Authenticate"))
		}

		// Only the owner may revoke a personal token; others are told it does not exist.
		tokens, err := fx.db.Tokens(t.Context(), store.TokenFilter{UserID: fx.users["staff"].ID})
		if err != nil || len(tokens) != 1 {
			t.Fatalf("tokens = %v, %v", tokens, err)
		}
		revoke := fmt.Sprintf("/account/tokens/%d/revoke", tokens[0].ID)
		if res := fx.signedIn("orgAdmin").post(revoke, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("someone else revoking the token: %d, want 404", res.StatusCode)
		}
		if res := staff.get(revoke); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "cannot be undone") {
			t.Errorf("revoke confirmation: %d", res.StatusCode)
		}
		if res := staff.post(revoke, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", res.StatusCode)
		}
		if res := bearer(t, fx, "GET", "/api/v1/roles", secret, ""); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("revoked token: %d, want 401", res.StatusCode)
		}

		// A staff member cannot make a service token; the form says why and keeps the answers.
		res = staff.post("/account/tokens", url.Values{"name": {"feed"}, "kind": {"service"},
			"organisation": {fmt.Sprint(fx.teamA.ID)}, "scope": {"write"}, "access_role": {"planner"}, "days": {"90"}})
		if res.StatusCode != http.StatusUnprocessableEntity || len(errorSummary(t, res)) == 0 || !strings.Contains(res.body, `value="feed"`) {
			t.Errorf("staff making a service token: %d %v", res.StatusCode, errorSummary(t, res))
		}
		res = staff.post("/account/tokens", url.Values{"kind": {"personal"}, "organisation": {fmt.Sprint(fx.orgB.ID)}, "scope": {"admin"}, "days": {"9999"}})
		if got := errorSummary(t, res); res.StatusCode != http.StatusUnprocessableEntity || len(got) != 4 {
			t.Errorf("bad token form: %d, errors %v (want name, organisation, scope and expiry)", res.StatusCode, got)
		}

		// An administrator's service token acts as a planner in Trust A alone; its changes are
		// audited against the token.
		admin := fx.signedIn("orgAdmin")
		svc := makeToken(t, admin, url.Values{"name": {"HR feed"}, "kind": {"service"},
			"organisation": {fmt.Sprint(fx.orgA.ID)}, "scope": {"write"}, "access_role": {"planner"}, "days": {"90"}})
		res = bearer(t, fx, "POST", "/api/v1/roles", svc,
			fmt.Sprintf(`{"organisation_id": %d, "title": "Trial coordinator", "staff_group": "Administrative and Clerical", "level": 4}`, fx.orgA.ID))
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("service token creating a role: %d %s", res.StatusCode, res.body)
		}
		var created struct{ ID int64 }
		if err := json.Unmarshal([]byte(res.body), &created); err != nil {
			t.Fatal(err)
		}
		res = bearer(t, fx, "POST", "/api/v1/roles", svc,
			fmt.Sprintf(`{"organisation_id": %d, "title": "Trial coordinator"}`, fx.orgB.ID))
		if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Errorf("service token creating a role in another trust: %d", res.StatusCode)
		}
		if res := bearer(t, fx, "GET", fmt.Sprintf("/api/v1/roles/%d", roleA.ID), svc, ""); res.StatusCode != http.StatusOK {
			t.Errorf("service token reading its trust's role: %d", res.StatusCode)
		}
		if res := bearer(t, fx, "POST", "/api/v1/profiles", svc, `{}`); res.StatusCode != http.StatusForbidden {
			t.Errorf("service token making a profile of its own: %d", res.StatusCode)
		}
		entries, err := fx.db.AuditLog(t.Context(), store.AuditFilter{Entity: "role", Action: store.ActionCreate})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			if e.EntityID == fmt.Sprint(created.ID) {
				found = e.TokenID != 0 && e.UserID == 0
			}
		}
		if !found {
			t.Errorf("the role made with the service token is not audited against it: %+v", entries)
		}
		// The administrator sees the service token; the staff member does not.
		if !strings.Contains(admin.get("/account/tokens").body, "HR feed") || strings.Contains(staff.get("/account/tokens").body, "HR feed") {
			t.Errorf("service tokens are listed to the wrong people")
		}
	})
}
