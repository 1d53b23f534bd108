package api

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
)

// examplePath fills a route pattern's wildcards with values that exist in startServer's
// database (or, for ids, that need not: the check comes first).
func examplePath(pattern string) string {
	return strings.NewReplacer("{id}", "1", "{key}", "iwf", "{version}", "2.1").Replace(pattern)
}

// TestAccessMatrix is the permission matrix generated from the route table (decision 8): every
// route that needs a signed-in caller refuses an anonymous one with 401, a challenge and a
// problem, and every public route serves one. A new route is covered by being in the table.
func TestAccessMatrix(t *testing.T) {
	srv := startServer(t, "sqlite")
	for _, rt := range Routes() {
		t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
			signedIn := rt.Access == AccessSignedIn || rt.Access == AccessManager
			// Without the session cookie the contract rejects the request to a secured route.
			r := srv.call(t, request{method: rt.Method, path: examplePath(rt.Pattern), invalid: signedIn})
			switch {
			case signedIn && r.status != http.StatusUnauthorized:
				t.Errorf("anonymous caller: status %d, want 401", r.status)
			case signedIn && r.header.Get("WWW-Authenticate") != challenge:
				t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			case signedIn:
				if p := decode[problem](t, r); p.Status != 401 || p.Title != "Unauthorized" {
					t.Errorf("problem = %+v", p)
				}
				notCached(t, r)
			case r.status != http.StatusOK:
				t.Errorf("public route, anonymous caller: status %d, want 200", r.status)
			}
		})
	}
}

// TestNewHasNoCallers checks New, the constructor without an Authenticator: public routes
// work and signed-in routes answer 401 even with a session cookie, because nothing reads it.
// An Authenticator that says yes without a user id is no caller either.
func TestNewHasNoCallers(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := startServer(t, engine).db
			w := seedWorld(t, db)
			for name, h := range map[string]http.Handler{
				"New":           New(db, slog.New(slog.DiscardHandler)),
				"nil auth":      NewWithAuth(db, nil, nil),
				"yes, but who?": NewWithAuth(db, nil, func(*http.Request) (Caller, bool) { return Caller{}, true }),
			} {
				t.Run(name, func(t *testing.T) {
					srv := httptest.NewServer(h)
					defer srv.Close()
					ts := &testServer{Server: srv, db: db}
					if r := ts.call(t, request{path: "/api/v1/roles", as: w.admin.ID}); r.status != http.StatusUnauthorized {
						t.Errorf("signed-in route: status %d, want 401", r.status)
					}
					if r := ts.call(t, request{path: "/api/v1/frameworks", as: w.admin.ID}); r.status != http.StatusOK {
						t.Errorf("public route: status %d", r.status)
					}
				})
			}
		})
	}
}
