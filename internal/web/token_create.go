package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

// tokenCreate serves POST /account/tokens: it makes a token and shows its secret on the page
// that answers, once. The answer is not cached, and the secret is never stored.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	me := currentViewer(r)
	orgID, _ := strconv.ParseInt(r.PostFormValue("organisation"), 10, 64)
	f := tokenForm{
		Name: strings.TrimSpace(r.PostFormValue("name")), Kind: r.PostFormValue("kind"),
		Scope: r.PostFormValue("scope"), AccessRole: r.PostFormValue("access_role"),
		Days: r.PostFormValue("days"), OrganisationID: orgID,
	}
	v, err := s.tokenView(r, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	n := store.NewAPIToken{Kind: store.TokenKind(f.Kind), Name: f.Name, OrganisationID: orgID, Scope: store.TokenScope(f.Scope)}
	if f.Name == "" {
		v.Errors = append(v.Errors, fieldError{"name", "Enter a name that says what the token is for"})
	} else if len([]rune(f.Name)) > 100 {
		v.Errors = append(v.Errors, fieldError{"name", "Name must be 100 characters or fewer"})
	}
	switch n.Kind {
	case store.TokenPersonal:
		n.UserID = me.User.ID
		if _, ok := sc.access[orgID]; !ok {
			v.Errors = append(v.Errors, fieldError{"organisation", "Choose an organisation you belong to"})
		}
	case store.TokenService:
		if !sc.may(orgID, store.IssueServiceTokens) {
			v.Errors = append(v.Errors, fieldError{"organisation", "Choose an organisation you administer: only its administrators may make a service token"})
		}
		n.AccessRole = store.AccessRole(f.AccessRole)
		if !validServiceRole(n.AccessRole) {
			v.Errors = append(v.Errors, fieldError{"access_role", "Choose what the service token may do"})
		}
	default:
		v.Errors = append(v.Errors, fieldError{"kind", "Choose whether the token is yours or a service's"})
	}
	if n.Scope != store.ScopeRead && n.Scope != store.ScopeWrite {
		v.Errors = append(v.Errors, fieldError{"scope", "Choose whether the token may only read or may also change things"})
	}
	days, err := strconv.Atoi(f.Days)
	if err != nil || days < 1 || days > 365 {
		v.Errors = append(v.Errors, fieldError{"days", "Choose when the token expires"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "token-list", v)
		return
	}
	secret, hash, hint := auth.NewToken()
	n.Hash, n.Hint, n.ExpiresAt = hash, hint, time.Now().Add(time.Duration(days)*24*time.Hour)
	tok, err := s.db.CreateToken(r.Context(), actor(r), n)
	if errors.Is(err, store.ErrInvalid) {
		v.Errors = append(v.Errors, fieldError{"name", "The token could not be made: check each answer"})
		s.render(w, r, http.StatusUnprocessableEntity, "token-list", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v, err = s.tokenView(r, tokenForm{Kind: f.Kind, Scope: f.Scope, Days: f.Days}); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.NewSecret, v.NewToken = secret, tok
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "token-list", v)
}
