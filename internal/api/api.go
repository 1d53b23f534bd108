// Package api serves Workframe's JSON API under /api/. The contract is api/openapi.yaml: every
// route in routes.go is described there, and the tests check each response against it.
//
// Handlers follow the web package's habits: one handler per file, every route in one table with
// the access it needs, and one small set of response helpers (respond.go) that write JSON, problem
// details (RFC 9457) and cache headers the same way everywhere.
//
// The API does not sign anyone in. Whoever mounts it says who is calling through an
// Authenticator (see NewWithAuth): the web server, which reads its session cookie. The API itself
// takes bearer tokens (auth.go). Routes whose access is AccessSignedIn answer 401 without a
// caller, and every query they make is limited to the organisations the caller may see
// (store.AccessMap, and a token's organisation).
package api

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// Caller is who is making an API request, as the Authenticator found them.
type Caller struct {
	// UserID is the signed-in user's id.
	UserID int64
	// SiteAdmin is the user's site administrator flag: a site administrator may see every
	// organisation (never other people's own profiles).
	SiteAdmin bool

	// The rest is set when the caller used an API token (TokenID): ReadOnly for the read scope;
	// Organisation limits what the caller reaches to that organisation and the units below it;
	// ServiceRole is a service token's access role there (UserID is then 0: a service token is
	// nobody's, and has no profiles of its own).
	TokenID      int64
	ReadOnly     bool
	Organisation int64
	ServiceRole  store.AccessRole
}

// Authenticator says who made a request: the caller and true, or false when nobody is signed in
// (or the credentials are no longer good). It must not write to the response. It is called only
// for routes that need a caller, at most once per request.
type Authenticator func(r *http.Request) (Caller, bool)

// server holds what the handlers need. It keeps no state between requests, so any number of
// copies can serve one database.
type server struct {
	db   *store.DB
	log  *slog.Logger
	auth Authenticator
}

// New returns the handler for every path under /api/, with no way to authenticate: the public
// routes work and every route that needs a signed-in caller answers 401. Use NewWithAuth to
// serve those routes.
func New(db *store.DB, log *slog.Logger) http.Handler { return NewWithAuth(db, log, nil) }

// NewWithAuth returns the handler for every path under /api/, with auth saying who is calling.
// Mount it with mux.Handle("/api/", h) inside whatever puts the credentials auth reads into the
// request (for the session cookie, inside the web server's session middleware, and behind its
// cross-origin protection, because a cookie is sent by the browser whoever wrote the page).
//
// It matches full paths (/api/v1/frameworks), answers unknown paths with a 404 problem and known
// paths asked with another method with a 405 problem and an Allow header. A nil auth finds no
// caller, as New.
func NewWithAuth(db *store.DB, log *slog.Logger, auth Authenticator) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if auth == nil {
		auth = func(*http.Request) (Caller, bool) { return Caller{}, false }
	}
	s := &server{db: db, log: log, auth: auth}
	mux := http.NewServeMux()
	// One ServeMux pattern per path, without a method, and the method chosen here: patterns with
	// methods would conflict where a literal segment meets a wildcard (POST /profiles/compare
	// and GET /profiles/{id}), and this way a path asked with a method it does not take gets a
	// 405 naming the ones it does, whatever the method.
	endpoints := map[string]*endpoint{}
	var paths []string
	for _, rt := range routeTable {
		e := endpoints[rt.Pattern]
		if e == nil {
			e = &endpoint{s: s, handlers: map[string]http.Handler{}}
			endpoints[rt.Pattern] = e
			paths = append(paths, rt.Pattern)
		}
		e.methods = append(e.methods, rt.Method)
		e.handlers[rt.Method] = s.authorize(rt)
	}
	for _, p := range paths {
		e := endpoints[p]
		allow := slices.Clone(e.methods)
		if i := slices.Index(allow, http.MethodGet); i >= 0 && !slices.Contains(allow, http.MethodHead) {
			allow = slices.Insert(allow, i+1, http.MethodHead)
		}
		e.allow = strings.Join(allow, ", ")
		mux.Handle(p, e)
	}
	mux.HandleFunc("/api/", s.notFound)
	return mux
}

// endpoint serves one path: the handler of the request's method (GET's for HEAD), or a 405.
type endpoint struct {
	s        *server
	methods  []string
	handlers map[string]http.Handler
	allow    string
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, ok := e.handlers[r.Method]
	if !ok && r.Method == http.MethodHead {
		h, ok = e.handlers[http.MethodGet]
	}
	if !ok {
		e.s.methodNotAllowed(w, r, e.allow)
		return
	}
	h.ServeHTTP(w, r)
}
