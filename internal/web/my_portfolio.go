package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// myPortfolio takes a member of staff to their own record, linked to their account.
func (s *Server) myPortfolio(w http.ResponseWriter, r *http.Request) {
	v := currentViewer(r)
	p, err := s.db.PersonForUser(r.Context(), v.User.ID)
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusOK, "You do not have a portfolio yet",
			"Your account is not linked to a staff record. Ask your manager or an administrator of your organisation to link it: they add your Workframe email to your record.")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, personPath(p.ID), http.StatusSeeOther)
}
