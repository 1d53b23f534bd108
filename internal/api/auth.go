package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/auth"

	"github.com/workframe/workframe/internal/store"
)

// challenge is the WWW-Authenticate header of a 401. HTTP requires one. The API takes a bearer
// token (RFC 6750) or the session cookie of the web pages; no registered scheme describes a
// session cookie, so that one uses the "Cookie" scheme of the (expired) draft
// draft-broyer-http-cookie-auth, which says what is true: sign in at form-action, and the
// browser then sends the cookie named cookie-name.
const challenge = `Bearer realm="Workframe", Cookie realm="Workframe", form-action="/sign-in", cookie-name="workframe_session"`

// badTokenChallenge answers a bearer token that was refused (RFC 6750 section 3.1).
const badTokenChallenge = `Bearer realm="Workframe", error="invalid_token"`

type callerKey struct{}

// authorize wraps a route's handler in the check its access rule calls for. An access rule this
// function does not know is a programming error, caught when the handler is built (and by the
// tests) rather than by serving the route unprotected.
func (s *server) authorize(rt route) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.handler(s, w, r) })
	if rt.Access == AccessManager {
		inner := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sc, err := s.scopeOf(r)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if len(store.PeopleScope(map[int64]store.AccessRole(sc))) == 0 {
				s.fail(w, r, clientErrorf(errForbidden, "This route needs the manager, planner or administrator access role in at least one organisation."))
				return
			}
			inner.ServeHTTP(w, r)
		})
	}
	switch rt.Access {
	case AccessPublic:
		return h
	case AccessSignedIn, AccessManager:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, err := s.caller(r)
			if err != nil {
				if errors.Is(err, errBadToken) {
					w.Header().Set("WWW-Authenticate", badTokenChallenge)
				}
				s.fail(w, r, err)
				return
			}
			if c.ReadOnly && r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("WWW-Authenticate", `Bearer realm="Workframe", error="insufficient_scope", scope="write"`)
				s.fail(w, r, clientErrorf(errForbidden, "This API token's scope is read: it cannot change anything. Make a token with the write scope."))
				return
			}
			h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
		})
	}
	panic(fmt.Sprintf("api: route %s %s has unknown access %q", rt.Method, rt.Pattern, rt.Access))
}

// caller finds who is calling: the bearer token when the request has an Authorization header
// (and then only the token: a bad token is refused, never replaced by a cookie), else whoever
// the Authenticator recognises.
func (s *server) caller(r *http.Request) (Caller, error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		if c, ok := s.auth(r); ok && c.UserID != 0 {
			return c, nil
		}
		return Caller{}, clientErrorf(errUnauthenticated,
			"Sign in to use this route: send an API token (Authorization: Bearer wf_...) or the session cookie of Workframe's web pages.")
	}
	scheme, secret, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") || !auth.LooksLikeToken(secret) {
		return Caller{}, clientErrorf(errBadToken,
			"The Authorization header must be \"Bearer\" and a Workframe API token (wf_ and 52 letters and digits).")
	}
	t, err := s.db.UseToken(r.Context(), auth.HashToken(secret), clientAddress(r))
	if errors.Is(err, store.ErrTokenRefused) {
		return Caller{}, clientErrorf(errBadToken, "This API token is unknown, expired or revoked. Make a new one on your account page.")
	}
	if err != nil {
		return Caller{}, err
	}
	c := Caller{UserID: t.UserID, TokenID: t.ID, ReadOnly: t.Scope == store.ScopeRead,
		Organisation: t.OrganisationID, ServiceRole: t.AccessRole}
	return c, nil
}

// callerOf returns the caller authorize found. Only handlers of AccessSignedIn routes call it.
func callerOf(r *http.Request) Caller {
	c, _ := r.Context().Value(callerKey{}).(Caller)
	return c
}

// actor is who the store records as making a change.
func actor(r *http.Request) store.Actor {
	c := callerOf(r)
	return store.Actor{UserID: c.UserID, TokenID: c.TokenID, Address: clientAddress(r)}
}

// clientAddress is the client's network address without the port.
func clientAddress(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// scope is what the caller may see: each organisation they may see with their strongest
// access role there.
type scope map[int64]store.AccessRole

// scopeOf loads the caller's scope.
func (s *server) scopeOf(r *http.Request) (scope, error) {
	c := callerOf(r)
	if c.Organisation == 0 {
		m, err := s.db.AccessMap(r.Context(), c.UserID, c.SiteAdmin)
		return scope(m), err
	}
	// A token reaches its organisation and the units below it, no further.
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		return nil, err
	}
	var m map[int64]store.AccessRole
	if c.ServiceRole != "" {
		m = map[int64]store.AccessRole{}
		for _, o := range orgs {
			m[o.ID] = c.ServiceRole
		}
	} else if m, err = s.db.AccessMap(r.Context(), c.UserID, c.SiteAdmin); err != nil {
		return nil, err
	}
	return scope(store.WithinOrganisation(m, orgs, c.Organisation)), nil
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
