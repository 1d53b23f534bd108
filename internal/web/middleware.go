package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/store"
)

// maxBodyBytes bounds every request body; framework files are the largest uploads.
const maxBodyBytes = 20 << 20

// securityHeaders sets the headers every response carries. The content security policy allows
// nothing inline: our JavaScript and CSS are files under /static.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	fontSrc := "'self'"
	if s.cfg.AllowNHSFont {
		fontSrc += " https://assets.nhs.uk"
	}
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src " + fontSrc,
		"connect-src 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"object-src 'none'",
	}, "; ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into the 500 page instead of a dropped connection,
// and logs it; the visitor never sees a stack trace.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.serverError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// crossOriginProtection refuses state-changing requests that a browser marks as coming from
// another site (CSRF). Requests without browser headers (curl, API clients) pass; they carry
// no cookies of ours unless the caller has them.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			// API clients get the API's own error format.
			w.Header().Set("Content-Type", "application/problem+json")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"type":"about:blank","title":"Cross-site request refused","status":403,` +
				`"detail":"A browser sent this request from another website. Call the API from Workframe's own pages, or from a client that is not a browser."}` + "\n"))
			return
		}
		s.renderError(w, r, http.StatusForbidden, "This request came from another website",
			"For your safety, changes can only be made from Workframe's own pages. Go back to the page, reload it and try again.")
	}))
	return cop.Handler(next)
}

// viewer is the signed-in person making the request, with their access roles.
type viewer struct {
	User        store.User
	Memberships []store.Membership
}

// Administers reports whether the viewer may manage users and organisations somewhere.
func (v *viewer) Administers() bool {
	if v.User.SiteAdmin {
		return true
	}
	for _, m := range v.Memberships {
		if m.AccessRole == store.AccessAdministrator {
			return true
		}
	}
	return false
}

// Manages reports whether the viewer may see and change people somewhere: pages offer talent
// match and team options to them.
func (v *viewer) Manages() bool { return v.maySomewhere(store.ManagePeople) }

// maySomewhere reports whether the viewer's access role in some organisation allows the action.
func (v *viewer) maySomewhere(a store.Action) bool {
	if v.User.SiteAdmin {
		return true
	}
	for _, m := range v.Memberships {
		if m.AccessRole.May(a) {
			return true
		}
	}
	return false
}

type viewerKey struct{}

// currentViewer returns the signed-in person, or nil.
func currentViewer(r *http.Request) *viewer {
	v, _ := r.Context().Value(viewerKey{}).(*viewer)
	return v
}

const (
	sessionUserKey = "user_id"
	sessionSeenKey = "seen" // Unix seconds of the last activity noted
	// A session ends after sessionLifetime in all, or after sessionIdle without a request.
	sessionLifetime = 12 * time.Hour
	sessionIdle     = 2 * time.Hour
	// sessionTouch: activity is written to the session at most this often, so that reading
	// pages costs no database write; the idle limit is this much less exact.
	sessionTouch = 5 * time.Minute
)

// loadUser puts the signed-in person into the request context. A disabled account is signed
// out at its next request.
func (s *Server) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionUserKey)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		now := s.now()
		seen := time.Unix(s.sessions.GetInt64(r.Context(), sessionSeenKey), 0)
		if now.Sub(seen) > sessionIdle {
			_ = s.sessions.Destroy(r.Context())
			next.ServeHTTP(w, r)
			return
		}
		if now.Sub(seen) > sessionTouch {
			s.sessions.Put(r.Context(), sessionSeenKey, now.Unix())
		}
		u, err := s.db.User(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled) {
			_ = s.sessions.Destroy(r.Context())
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		ms, err := s.db.Memberships(r.Context(), id)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), viewerKey{}, &viewer{User: u, Memberships: ms})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// require enforces a route's access rule. Someone not signed in is sent to sign in and brought
// back; someone signed in without the access gets 403.
func (s *Server) require(a access, next http.HandlerFunc) http.Handler {
	if a.level == levelPublic {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := currentViewer(r)
		if v == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/sign-in?next="+safeNext(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.renderError(w, r, http.StatusUnauthorized, "You need to sign in",
				"Your session may have ended. Sign in and try again.")
			return
		}
		allowed := a.level == levelSignedIn ||
			(a.level == levelAdministrator && v.Administers()) ||
			(a.level == levelSiteAdmin && v.User.SiteAdmin)
		if !allowed {
			s.forbidden(w, r)
			return
		}
		if a.action != "" && !v.maySomewhere(a.action) {
			s.mayNot(w, r, a.action)
			return
		}
		next(w, r)
	})
}
