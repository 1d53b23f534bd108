package web

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

type signInView struct {
	Page
	Email string
	Next  string
	// OIDCName names the single sign-on provider when there is one; Passwords is false when
	// sign-in with a password is turned off.
	OIDCName  string
	Passwords bool
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	if currentViewer(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	v := signInView{Page: s.page(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next")), Passwords: !s.cfg.NoLocalPasswords}
	if s.cfg.OIDC != nil {
		v.OIDCName = s.cfg.OIDCName
	}
	s.render(w, r, http.StatusOK, "sign-in", v)
}

// wrongPassword is the same for an unknown email, a wrong password and a disabled account, so
// the page does not tell an attacker which accounts exist.
const wrongPassword = "Enter a correct email address and password"

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	password := r.PostFormValue("password")
	v := signInView{Page: s.page(r, "Sign in", ""), Email: email, Next: safeNext(r.PostFormValue("next")), Passwords: !s.cfg.NoLocalPasswords}
	if s.cfg.OIDC != nil {
		v.OIDCName = s.cfg.OIDCName
	}
	fail := func(status int, errs ...fieldError) {
		v.Errors = errs
		s.render(w, r, status, "sign-in", v)
	}
	if s.cfg.NoLocalPasswords {
		fail(http.StatusForbidden, fieldError{"", "Signing in with a password is turned off here: use " + s.cfg.OIDCName + "."})
		return
	}
	if email == "" {
		v.Errors = append(v.Errors, fieldError{"email", "Enter your email address"})
	}
	if password == "" {
		v.Errors = append(v.Errors, fieldError{"password", "Enter your password"})
	}
	if len(v.Errors) > 0 {
		fail(http.StatusUnprocessableEntity, v.Errors...)
		return
	}
	addr := clientAddress(r)
	ctx := r.Context()
	if err := s.throttle.Allow(ctx, email, addr); err != nil {
		var th auth.ErrThrottled
		if errors.As(err, &th) {
			fail(http.StatusTooManyRequests, fieldError{"email", th.Error()})
			return
		}
		s.serverError(w, r, err)
		return
	}
	u, err := s.db.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	ok := false
	if err == nil && !u.Disabled && u.PasswordHash != "" {
		ok, err = auth.VerifyPassword(u.PasswordHash, password)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user", u.ID, "err", err)
		}
	} else {
		// Spend the same time as a real check so response times do not reveal accounts.
		_, _ = auth.VerifyPassword(dummyHash, password)
	}
	if !ok {
		if err := s.throttle.Failed(ctx, email, addr); err != nil {
			s.serverError(w, r, err)
			return
		}
		fail(http.StatusUnauthorized, fieldError{"email", wrongPassword})
		return
	}
	if err := s.throttle.Succeeded(ctx, email); err != nil {
		s.serverError(w, r, err)
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
	a := actor(r)
	a.UserID = u.ID
	if err := s.db.WriteAudit(ctx, a, store.AuditEntry{Entity: "user", EntityID: strconv.FormatInt(u.ID, 10), Action: "sign-in", Summary: "signed in with a password"}); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// startSession gives the person a new session token (which stops session fixation) and records
// it against their account, so that "sign out everywhere" can find it.
func (s *Server) startSession(r *http.Request, userID int64) error {
	ctx := r.Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessionUserKey, userID)
	s.sessions.Put(ctx, sessionSeenKey, s.now().Unix())
	return s.db.TrackSession(ctx, s.sessions.Token(ctx), userID, time.Now().Add(s.sessions.Lifetime))
}

// dummyHash is a valid hash of a random password, checked when no account matches.
var dummyHash = func() string {
	h, err := auth.HashPassword(auth.RandomPassword())
	if err != nil {
		panic(err)
	}
	return h
}()

// clientAddress is the remote IP. X-Forwarded-For is ignored: behind a proxy, set the proxy to
// pass the real address in RemoteAddr (documented in docs/deploy.md) rather than trusting a
// header any client can send.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
