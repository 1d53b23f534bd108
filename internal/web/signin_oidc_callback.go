package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

// signInOIDCCallback serves GET /sign-in/oidc/callback, where the provider sends the person
// back. The answer must carry the state this browser's session holds; the ID token must verify
// and carry the session's nonce. The person is matched to an account by email, or gets a new
// one with the default access role an administrator configured (or none).
func (s *Server) signInOIDCCallback(w http.ResponseWriter, r *http.Request) {
	if s.cfg.OIDC == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	saved := auth.OIDCRequest{
		State: s.sessions.PopString(ctx, oidcStateKey), Nonce: s.sessions.PopString(ctx, oidcNonceKey),
		Verifier: s.sessions.PopString(ctx, oidcVerifierKey),
	}
	next := safeNext(s.sessions.PopString(ctx, oidcNextKey))
	fail := func(status int, msg string) {
		v := signInView{Page: s.page(r, "Sign in", ""), Next: next, OIDCName: s.cfg.OIDCName, Passwords: !s.cfg.NoLocalPasswords}
		v.Errors = []fieldError{{"", msg}}
		s.render(w, r, status, "sign-in", v)
	}
	q := r.URL.Query()
	switch {
	case q.Get("error") != "":
		fail(http.StatusUnauthorized, s.cfg.OIDCName+" did not sign you in ("+q.Get("error")+"). Try again, or ask an administrator of your organisation.")
		return
	case saved.State == "" || q.Get("state") != saved.State:
		fail(http.StatusBadRequest, "Your sign-in could not be completed: it took too long, or started in another window. Try again.")
		return
	}
	id, err := s.cfg.OIDC.Finish(ctx, q.Get("code"), saved)
	if errors.Is(err, auth.ErrOIDCRefused) {
		s.log.Warn("single sign-on refused", "err", err)
		fail(http.StatusUnauthorized, "Your sign-in could not be completed: "+s.cfg.OIDCName+" did not confirm a verified email address for you. Try again, or ask an administrator of your organisation.")
		return
	}
	if err != nil {
		s.log.Error("single sign-on failed", "err", err)
		fail(http.StatusBadGateway, "The sign-in service "+s.cfg.OIDCName+" cannot be reached just now. Try again in a few minutes.")
		return
	}

	a := actor(r)
	u, err := s.db.UserByEmail(ctx, id.Email)
	if errors.Is(err, store.ErrNotFound) {
		u, err = s.db.CreateUser(ctx, a, store.User{Email: id.Email, Name: id.Name})
		if err == nil && s.cfg.OIDCDefaultRole != "" && s.cfg.OIDCDefaultOrganisation != 0 {
			err = s.db.SetMembership(ctx, a, u.ID, s.cfg.OIDCDefaultOrganisation, s.cfg.OIDCDefaultRole)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if u.Disabled {
		fail(http.StatusForbidden, "Your Workframe account is turned off. Ask an administrator of your organisation to turn it on.")
		return
	}
	if err := s.startSession(r, u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.db.RecordSignIn(ctx, u.ID, time.Now()); err != nil {
		s.serverError(w, r, err)
		return
	}
	a.UserID = u.ID
	if err := s.db.WriteAudit(ctx, a, store.AuditEntry{Entity: "user", EntityID: strconv.FormatInt(u.ID, 10),
		Action: "sign-in", Summary: "signed in with single sign-on (" + s.cfg.OIDCName + ")"}); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
