package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// portfolioConfirm records that the signed-in manager confirmed a competence of a person they
// manage, with who and when. The form carries the entry's version: if it changed meanwhile,
// nothing is recorded (409).
func (s *Server) portfolioConfirm(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	if !pc.canManage(p) {
		s.notFound(w, r)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("entry"), 10, 64)
	e, err := s.db.PortfolioEntry(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && e.PersonID != p.ID) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err = s.db.ConfirmPortfolioEntry(r.Context(), actor(r), id, version)
	if errors.Is(err, store.ErrConflict) {
		s.renderError(w, r, http.StatusConflict, "This competence changed while you were looking at it",
			"Someone else changed or confirmed it first. Go back to the person's page, reload it and check it before confirming.")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The competence has been confirmed, with your name and today's date.")
	http.Redirect(w, r, personPath(p.ID)+"#portfolio", http.StatusSeeOther)
}
