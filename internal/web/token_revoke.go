package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type tokenRevokeView struct {
	Page
	Token store.APIToken
}

// tokenRevoke serves GET (a confirmation page: revoking cannot be undone, and whatever uses the
// token stops working at once) and POST /account/tokens/{id}/revoke. A token the viewer may not
// revoke is not found, so ids reveal nothing.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	tok, err := s.db.Token(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !mayRevoke(currentViewer(r), sc, tok)) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, "token-revoke", tokenRevokeView{
			Page:  s.page(r, "Revoke "+tok.Name, "", crumb{"/", "Home"}, crumb{"/account", "Your account"}, crumb{"/account/tokens", "API tokens"}),
			Token: tok,
		})
		return
	}
	if err := s.db.RevokeToken(r.Context(), actor(r), tok.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The token "+tok.Name+" is revoked: anything using it can no longer reach Workframe.")
	http.Redirect(w, r, "/account/tokens", http.StatusSeeOther)
}
