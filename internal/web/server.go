// Package web serves Workframe's HTML pages: server-rendered with the NHS.UK design system,
// usable without JavaScript. Handlers load data through the store, call the domain packages and
// render one typed view model per page.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

// Config holds the settings a deployment chooses.
type Config struct {
	// ServiceName is shown in the header and page titles.
	ServiceName string
	// NHSBranding shows the NHS logo; only for deployments run by an NHS organisation.
	NHSBranding bool
	// AllowNHSFont lets the browser load the Frutiger web font from the NHS's own host, which the
	// content security policy otherwise forbids (Arial is the design system's fallback).
	AllowNHSFont bool
	// SecureCookies marks the session cookie Secure; set when served over TLS, directly or
	// behind a proxy that terminates it.
	SecureCookies bool
	// Version is shown in the footer and returned by /healthz.
	Version string

	// OIDC, when set, offers single sign-on with an OpenID Connect provider on the sign-in page,
	// named OIDCName on its button ("Sign in with ...").
	OIDC     *auth.OIDC
	OIDCName string
	// OIDCDefaultOrganisation and OIDCDefaultRole are the access role an administrator chose
	// for people who sign in with the provider for the first time. Without them a new person
	// gets an account with no access until an administrator gives it.
	OIDCDefaultOrganisation int64
	OIDCDefaultRole         store.AccessRole
	// NoLocalPasswords turns sign-in with a password off, leaving single sign-on.
	NoLocalPasswords bool
}

// Server is the web application. It holds no state of its own between requests: sessions,
// throttling counters and data all live in the database, so several servers can share one.
type Server struct {
	cfg      Config
	db       *store.DB
	log      *slog.Logger
	sessions *scs.SessionManager
	throttle *auth.Throttle
	pages    *pages
	api      http.Handler
	handler  http.Handler
	// now is the clock of the session idle limit; tests move it on.
	now func() time.Time
}

// New returns the web application as an http.Handler. api, when not nil, serves /api/.
func New(cfg Config, db *store.DB, api http.Handler, log *slog.Logger) (*Server, error) {
	if cfg.ServiceName == "" {
		cfg.ServiceName = "Workframe"
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = db.SessionStore()
	sm.Lifetime = sessionLifetime
	// No scs IdleTimeout: with one, scs writes the session row on every request to slide its
	// expiry, which put a database write (SQLite's single writer) in every page view. loadUser
	// applies the idle limit itself and notes activity at most every sessionTouch.
	sm.Cookie.Name = "workframe_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		log.Error("session", "err", err, "path", r.URL.Path)
		http.Error(w, "Sorry, there is a problem with the service. Try again later.", http.StatusInternalServerError)
	}
	s := &Server{cfg: cfg, db: db, log: log, sessions: sm, throttle: auth.NewThrottle(db), pages: pg, api: api, now: time.Now}
	s.handler = s.routes()
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
