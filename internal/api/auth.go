package api

import (
	"context"
	"fmt"
	"net"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// challenge is the WWW-Authenticate header of a 401. HTTP requires one, and no registered
// scheme describes a session cookie, so it uses the "Cookie" scheme of the (expired) draft
// draft-broyer-http-cookie-auth, which says what is true: sign in at form-action, and the
// browser then sends the cookie named cookie-name. When API tokens arrive a Bearer challenge
// joins it.
const challenge = `Cookie realm="Workframe", form-action="/sign-in", cookie-name="workframe_session"`

type callerKey struct{}

// authorize wraps a route's handler in the check its access rule calls for. An access rule this
// function does not know is a programming error, caught when the handler is built (and by the
// tests) rather than by serving the route unprotected.
func (s *server) authorize(rt route) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.handler(s, w, r) })
	switch rt.Access {
	case AccessPublic:
		return h
	case AccessSignedIn:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, ok := s.auth(r)
			if !ok || c.UserID == 0 {
				s.fail(w, r, clientErrorf(errUnauthenticated,
					"Sign in to use this route: the API accepts the session cookie of Workframe's web pages (API tokens come later)."))
				return
			}
			h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
		})
	}
	panic(fmt.Sprintf("api: route %s %s has unknown access %q", rt.Method, rt.Pattern, rt.Access))
}

// callerOf returns the caller authorize found. Only handlers of AccessSignedIn routes call it.
func callerOf(r *http.Request) Caller {
	c, _ := r.Context().Value(callerKey{}).(Caller)
	return c
}

// actor is who the store records as making a change.
func actor(r *http.Request) store.Actor {
	a := store.Actor{UserID: callerOf(r).UserID, Address: r.RemoteAddr}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		a.Address = host
	}
	return a
}

// scope is what the caller may see: each organisation they may see with their strongest
// access role there.
type scope map[int64]store.AccessRole

// scopeOf loads the caller's scope.
func (s *server) scopeOf(r *http.Request) (scope, error) {
	c := callerOf(r)
	m, err := s.db.AccessMap(r.Context(), c.UserID, c.SiteAdmin)
	return scope(m), err
}

// sees reports whether the caller may see the organisation's data.
func (sc scope) sees(orgID int64) bool {
	_, ok := sc[orgID]
	return ok
}

// can reports whether the caller holds at least role in the organisation.
func (sc scope) can(orgID int64, role store.AccessRole) bool {
	got, ok := sc[orgID]
	return ok && got.AtLeast(role)
}

// ids lists the organisations of the scope.
func (sc scope) ids() []int64 {
	out := make([]int64, 0, len(sc))
	for id := range sc {
		out = append(out, id)
	}
	return out
}
