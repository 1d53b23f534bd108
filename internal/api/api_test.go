package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	apispec "github.com/workframe/workframe/api"
	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// builtins loads the built-in framework files, as the server does at start.
func builtins(t testing.TB) []*framework.Framework {
	t.Helper()
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		t.Fatalf("built-in frameworks: %v", problems)
	}
	return fws
}

// builtin returns one built-in framework version, freshly loaded.
func builtin(t testing.TB, key, version string) *framework.Framework {
	t.Helper()
	for _, f := range builtins(t) {
		if f.Key == key && f.Version == version {
			return f
		}
	}
	t.Fatalf("no built-in framework %s@%s", key, version)
	return nil
}

// testServer is the real API handler, mounted as the web server mounts it, on a database seeded
// with the built-in frameworks and, to prove they stay private, an organisation's own local
// frameworks.
type testServer struct {
	*httptest.Server
	db  *store.DB
	log *syncBuffer
}

func startServer(t *testing.T, engine string) *testServer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db := storetest.Open(t, engine)
	for _, f := range builtins(t) {
		if _, err := db.SaveFrameworkVersion(ctx, store.System, f, true); err != nil {
			t.Fatalf("seed %s: %v", f.ID(), err)
		}
	}
	org, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Northshire NHS Trust", Kind: store.KindOrganisation})
	if err != nil {
		t.Fatalf("create organisation: %v", err)
	}
	local := &framework.Framework{
		Key: "northshire-skills", Title: "Northshire local skills", Version: "1", Kind: framework.KindCompetence,
		Status: framework.StatusPublished, Nodes: []framework.Node{{Key: "a", Type: "skill", Title: "A skill"}},
	}
	// A local version of a public framework's key: it must not show among the public versions.
	localIWF := builtin(t, "iwf", "2.1")
	localIWF.Version = "9.9-northshire"
	for _, f := range []*framework.Framework{local, localIWF} {
		if _, err := db.SaveOrganisationFrameworkVersion(ctx, store.System, org.ID, f); err != nil {
			t.Fatalf("seed local %s: %v", f.ID(), err)
		}
	}
	return serve(t, db)
}

func serve(t *testing.T, db *store.DB) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	mux := http.NewServeMux()
	mux.Handle("/api/", NewWithAuth(db, slog.New(slog.NewTextHandler(logs, nil)), testAuth(db)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "the web application", http.StatusTeapot)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, db: db, log: logs}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// response is what a scenario's checks look at.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request through the contract-validating client.
func (s *testServer) do(t *testing.T, method, path string, header http.Header, invalid bool) response {
	t.Helper()
	return s.call(t, request{method: method, path: path, header: header, invalid: invalid})
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, r.body)
	}
	return v
}

// etagOf is the ETag the API must give a JSON value: stable, and the same on every engine.
func etagOf(t *testing.T, v any) string {
	t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(append(body, '\n'))
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

type scenario struct {
	name    string
	method  string
	path    string
	header  http.Header
	invalid bool // the contract itself rejects the request
	status  int
	ctype   string
	check   func(t *testing.T, r response)
}

func TestAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv := startServer(t, engine)
			for _, sc := range scenarios(t) {
				t.Run(sc.name, func(t *testing.T) {
					method := sc.method
					if method == "" {
						method = http.MethodGet
					}
					r := srv.do(t, method, sc.path, sc.header, sc.invalid)
					if r.status != sc.status {
						t.Fatalf("%s %s: status %d, want %d\n%s", method, sc.path, r.status, sc.status, r.body)
					}
					if sc.ctype != "" {
						if got := mediaType(r.header.Get("Content-Type")); got != sc.ctype {
							t.Errorf("Content-Type %q, want %s", got, sc.ctype)
						}
					}
					if r.header.Get("X-Content-Type-Options") != "nosniff" {
						t.Error("X-Content-Type-Options: nosniff is missing")
					}
					if sc.check != nil {
						sc.check(t, r)
					}
				})
			}
		})
	}
}

func scenarios(t *testing.T) []scenario {
	iwf21 := builtin(t, "iwf", "2.1")
	return []scenario{
		{name: "list", path: "/api/v1/frameworks", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			cacheable(t, r)
			list := decode[frameworkList](t, r)
			var keys []string
			for _, f := range list.Frameworks {
				keys = append(keys, f.Key)
			}
			want := []string{"calderdale", "career-framework", "iwf", "iwl", "ksf", "london-workforce", "six-steps"}
			if !slices.Equal(keys, want) {
				t.Errorf("keys = %v, want %v (local frameworks must not be listed)", keys, want)
			}
			i := slices.Index(keys, "iwf")
			if i < 0 {
				return
			}
			iwf := list.Frameworks[i]
			var versions []string
			for _, v := range iwf.Versions {
				versions = append(versions, v.Version)
			}
			if !slices.Equal(versions, []string{"1.0", "2.1"}) {
				t.Errorf("iwf versions = %v, want [1.0 2.1]", versions)
			}
			if iwf.LatestVersion != "2.1" || iwf.Kind != framework.KindProfile || iwf.Title != "Integrated Workforce Framework" ||
				iwf.Publisher == "" || !iwf.Provisional || iwf.Href != "/api/v1/frameworks/iwf" {
				t.Errorf("iwf summary = %+v", iwf)
			}
			if len(iwf.Versions) == 2 {
				old, cur := iwf.Versions[0], iwf.Versions[1]
				if old.Status != "superseded" || cur.Status != "published" || !old.BuiltIn ||
					cur.NodeCount != 15 || cur.Href != "/api/v1/frameworks/iwf/versions/2.1" {
					t.Errorf("iwf versions = %+v", iwf.Versions)
				}
			}
		}},
		{name: "list of one kind", path: "/api/v1/frameworks?kind=method", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			var keys []string
			for _, f := range decode[frameworkList](t, r).Frameworks {
				keys = append(keys, f.Key)
			}
			if !slices.Equal(keys, []string{"calderdale", "six-steps"}) {
				t.Errorf("methods = %v, want [calderdale six-steps]", keys)
			}
		}},
		{name: "list of an unknown kind", path: "/api/v1/frameworks?kind=roles", invalid: true, status: 400, ctype: contentProblem, check: func(t *testing.T, r response) {
			p := decode[problem](t, r)
			if p.Status != 400 || len(p.Errors) != 1 || p.Errors[0].Parameter != "kind" || !strings.Contains(p.Errors[0].Detail, `"roles"`) {
				t.Errorf("problem = %+v", p)
			}
			notCached(t, r)
		}},
		{name: "framework", path: "/api/v1/frameworks/iwf", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			cacheable(t, r)
			d := decode[frameworkDetail](t, r)
			if d.Key != "iwf" || d.LatestVersion != "2.1" || len(d.Versions) != 2 {
				t.Errorf("detail = %+v", d.frameworkSummary)
			}
			if d.Latest == nil || d.Latest.Version != "2.1" || len(d.Latest.NodesOfType("element")) != 12 {
				t.Errorf("latest document is not IWF 2.1 with 12 elements")
			}
		}},
		{name: "framework version", path: "/api/v1/frameworks/iwf/versions/2.1", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			cacheable(t, r)
			f := decode[framework.Framework](t, r)
			if n := len(f.NodesOfType("element")); n != 12 {
				t.Errorf("%d elements, want 12", n)
			}
			if n := len(f.NodesOfType("domain")); n != 3 {
				t.Errorf("%d domains, want 3", n)
			}
			if n := len(f.Levels); n != 4 {
				t.Errorf("%d levels, want 4", n)
			}
			if f.Crosswalk == nil || f.Crosswalk.FromVersion != "1.0" {
				t.Errorf("crosswalk = %+v", f.Crosswalk)
			}
			// The document is the built-in file exactly, whichever engine stored it.
			if !reflect.DeepEqual(&f, iwf21) {
				t.Error("the document differs from frameworks/iwf-2.1.yaml")
			}
			if got, want := r.header.Get("ETag"), etagOf(t, iwf21); got != want {
				t.Errorf("ETag %s, want %s (a hash of the document's JSON)", got, want)
			}
		}},
		{name: "superseded version", path: "/api/v1/frameworks/iwf/versions/1.0", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			f := decode[framework.Framework](t, r)
			if f.Version != "1.0" || f.Status != framework.StatusSuperseded || len(f.NodesOfType("element")) != 9 {
				t.Errorf("IWF 1.0: version %q status %q, %d elements", f.Version, f.Status, len(f.NodesOfType("element")))
			}
		}},
		{name: "version with a level scale only", path: "/api/v1/frameworks/career-framework/versions/1.0", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			if f := decode[framework.Framework](t, r); len(f.Levels) != 9 {
				t.Errorf("%d levels, want 9", len(f.Levels))
			}
		}},
		{name: "unknown framework", path: "/api/v1/frameworks/nope", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			p := notFoundProblem(t, r)
			if !strings.Contains(p.Detail, `"nope"`) || p.Instance != "/api/v1/frameworks/nope" {
				t.Errorf("problem = %+v", p)
			}
		}},
		{name: "unknown version", path: "/api/v1/frameworks/iwf/versions/3.0", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			p := notFoundProblem(t, r)
			if !strings.Contains(p.Detail, `no version "3.0"`) || !strings.Contains(p.Detail, "1.0, 2.1.") {
				t.Errorf("detail %q should name the version asked for and the versions there are", p.Detail)
			}
		}},
		{name: "version of an unknown framework", path: "/api/v1/frameworks/nope/versions/1.0", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			if p := notFoundProblem(t, r); !strings.Contains(p.Detail, `no framework with the key "nope"`) {
				t.Errorf("detail = %q", p.Detail)
			}
		}},
		{name: "local framework is private", path: "/api/v1/frameworks/northshire-skills", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			notFoundProblem(t, r)
		}},
		{name: "local version is private", path: "/api/v1/frameworks/northshire-skills/versions/1", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			notFoundProblem(t, r)
		}},
		{name: "local version of a public framework is private", path: "/api/v1/frameworks/iwf/versions/9.9-northshire", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			if p := notFoundProblem(t, r); strings.Contains(p.Detail, "9.9-northshire.") || !strings.Contains(p.Detail, "1.0, 2.1.") {
				t.Errorf("detail = %q: it must list only the public versions", p.Detail)
			}
		}},
		{name: "escaped path values", path: "/api/v1/frameworks/iwf%2Fx/versions/2.1", status: 404, ctype: contentProblem},
		{name: "not modified", path: "/api/v1/frameworks/iwf/versions/2.1",
			header: http.Header{"If-None-Match": {etagOf(t, iwf21)}}, status: 304, check: func(t *testing.T, r response) {
				if len(r.body) != 0 {
					t.Errorf("a 304 has a body: %q", r.body)
				}
				if r.header.Get("ETag") != etagOf(t, iwf21) || r.header.Get("Cache-Control") != cacheReference {
					t.Errorf("304 headers: ETag %q, Cache-Control %q", r.header.Get("ETag"), r.header.Get("Cache-Control"))
				}
			}},
		{name: "not modified, weak tag in a list", path: "/api/v1/frameworks/iwf/versions/2.1",
			header: http.Header{"If-None-Match": {`"other", W/` + etagOf(t, iwf21)}}, status: 304},
		{name: "not modified, any tag", path: "/api/v1/frameworks", header: http.Header{"If-None-Match": {"*"}}, status: 304},
		{name: "modified", path: "/api/v1/frameworks/iwf/versions/2.1",
			header: http.Header{"If-None-Match": {`"0123456789abcdef"`}}, status: 200, ctype: contentJSON},
		{name: "contract", path: "/api/openapi.yaml", status: 200, ctype: contentYAML, check: func(t *testing.T, r response) {
			cacheable(t, r)
			if !bytes.Equal(r.body, apispec.YAML) {
				t.Error("the served contract differs from api/openapi.yaml")
			}
		}},
		{name: "head", method: http.MethodHead, path: "/api/v1/frameworks/iwf", status: 200, ctype: contentJSON, check: func(t *testing.T, r response) {
			cacheable(t, r)
			if len(r.body) != 0 {
				t.Errorf("HEAD has a body")
			}
		}},
		{name: "unknown path", path: "/api/v2/frameworks", status: 404, ctype: contentProblem, check: func(t *testing.T, r response) {
			notFoundProblem(t, r)
		}},
		{name: "api root", path: "/api/", status: 404, ctype: contentProblem},
		{name: "trailing slash", path: "/api/v1/frameworks/", status: 404, ctype: contentProblem},
		{name: "wrong method", method: http.MethodPost, path: "/api/v1/frameworks", status: 405, ctype: contentProblem, check: func(t *testing.T, r response) {
			methodNotAllowedProblem(t, r)
		}},
		{name: "wrong method on a version", method: http.MethodDelete, path: "/api/v1/frameworks/iwf/versions/2.1", status: 405, ctype: contentProblem, check: func(t *testing.T, r response) {
			methodNotAllowedProblem(t, r)
		}},
		{name: "wrong method on the contract", method: http.MethodPut, path: "/api/openapi.yaml", status: 405, ctype: contentProblem, check: func(t *testing.T, r response) {
			methodNotAllowedProblem(t, r)
		}},
	}
}

func cacheable(t *testing.T, r response) {
	t.Helper()
	if got := r.header.Get("Cache-Control"); got != cacheReference {
		t.Errorf("Cache-Control %q, want %q", got, cacheReference)
	}
	if etag := r.header.Get("ETag"); len(etag) < 3 || etag[0] != '"' || etag[len(etag)-1] != '"' {
		t.Errorf("ETag %q is not a strong entity tag", etag)
	}
}

func notCached(t *testing.T, r response) {
	t.Helper()
	if got := r.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q on a problem, want no-store", got)
	}
}

func notFoundProblem(t *testing.T, r response) problem {
	t.Helper()
	p := decode[problem](t, r)
	if p.Type != "about:blank" || p.Title != "Not Found" || p.Status != 404 || p.Detail == "" {
		t.Errorf("problem = %+v", p)
	}
	notCached(t, r)
	return p
}

func methodNotAllowedProblem(t *testing.T, r response) {
	t.Helper()
	if got := r.header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow %q, want GET, HEAD", got)
	}
	if p := decode[problem](t, r); p.Status != 405 || p.Title != "Method Not Allowed" {
		t.Errorf("problem = %+v", p)
	}
}

// TestETagFollowsContent checks that a tag taken from one response revalidates it, and that the
// list's tag changes when the catalogue does.
func TestETagFollowsContent(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv := startServer(t, engine)
			first := srv.do(t, "GET", "/api/v1/frameworks", nil, false)
			etag := first.header.Get("ETag")
			if r := srv.do(t, "GET", "/api/v1/frameworks", http.Header{"If-None-Match": {etag}}, false); r.status != 304 {
				t.Fatalf("revalidate with the list's own tag: status %d, want 304", r.status)
			}
			f := builtin(t, "iwf", "2.1")
			f.Version, f.Status = "2.2", framework.StatusDraft
			if _, err := srv.db.SaveFrameworkVersion(context.Background(), store.System, f, false); err != nil {
				t.Fatal(err)
			}
			r := srv.do(t, "GET", "/api/v1/frameworks", http.Header{"If-None-Match": {etag}}, false)
			if r.status != 200 || r.header.Get("ETag") == etag {
				t.Fatalf("after a new version: status %d, ETag %s (was %s)", r.status, r.header.Get("ETag"), etag)
			}
			// A draft is listed but does not become the latest version.
			d := decode[frameworkDetail](t, srv.do(t, "GET", "/api/v1/frameworks/iwf", nil, false))
			if d.LatestVersion != "2.1" || len(d.Versions) != 3 || d.Versions[2].Version != "2.2" || d.Versions[2].BuiltIn {
				t.Errorf("after a draft 2.2: latest %q, versions %+v", d.LatestVersion, d.Versions)
			}
		})
	}
}

// TestInternalErrorHidesCause breaks the database under a running server: the client gets a 500
// problem saying nothing of the cause, and the log gets the cause.
func TestInternalErrorHidesCause(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := storetest.Open(t, engine)
			srv := serve(t, db)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/api/v1/frameworks", "/api/v1/frameworks/iwf", "/api/v1/frameworks/iwf/versions/2.1"} {
				r := srv.do(t, "GET", path, nil, false)
				if r.status != 500 || mediaType(r.header.Get("Content-Type")) != contentProblem {
					t.Fatalf("GET %s on a closed database: status %d, %s", path, r.status, r.header.Get("Content-Type"))
				}
				p := decode[problem](t, r)
				if p.Detail != internalErrorDetail || strings.Contains(string(r.body), "closed") || strings.Contains(string(r.body), "sql") {
					t.Errorf("GET %s: the problem shows internals: %s", path, r.body)
				}
			}
			if logs := srv.log.String(); !strings.Contains(logs, "api request failed") || !strings.Contains(logs, "closed") {
				t.Errorf("the cause was not logged:\n%s", logs)
			}
		})
	}
}
