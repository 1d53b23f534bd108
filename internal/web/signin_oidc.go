package web

import (
	"net/http"
)

// Session keys of a single sign-on under way: what the callback must find again.
const (
	oidcStateKey    = "oidc_state"
	oidcNonceKey    = "oidc_nonce"
	oidcVerifierKey = "oidc_verifier"
	oidcNextKey     = "oidc_next"
)

// signInOIDC serves GET /sign-in/oidc: it sends the person to the provider, keeping the
// request's state, nonce and PKCE verifier in their session for the callback.
func (s *Server) signInOIDC(w http.ResponseWriter, r *http.Request) {
	if s.cfg.OIDC == nil {
		s.notFound(w, r)
		return
	}
	req, err := s.cfg.OIDC.Start(r.Context())
	if err != nil {
		s.log.Error("single sign-on unavailable", "err", err)
		v := signInView{Page: s.page(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next")), OIDCName: s.cfg.OIDCName, Passwords: !s.cfg.NoLocalPasswords}
		v.Errors = []fieldError{{"", "The sign-in service " + s.cfg.OIDCName + " cannot be reached just now. Try again in a few minutes."}}
		s.render(w, r, http.StatusBadGateway, "sign-in", v)
		return
	}
	ctx := r.Context()
	s.sessions.Put(ctx, oidcStateKey, req.State)
	s.sessions.Put(ctx, oidcNonceKey, req.Nonce)
	s.sessions.Put(ctx, oidcVerifierKey, req.Verifier)
	s.sessions.Put(ctx, oidcNextKey, safeNext(r.URL.Query().Get("next")))
	http.Redirect(w, r, req.URL, http.StatusFound)
}
