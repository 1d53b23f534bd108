package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type portfolioRemoveView struct {
	Page
	Person workforce.Person
	Entry  entryView
	IsSelf bool
}

// portfolioRemoveForm asks to confirm taking a competence out of a portfolio: a manager of the
// person may remove any entry, the person their own self-assessed ones (a manager's confirmation
// is the manager's to withdraw).
func (s *Server) portfolioRemoveForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.portfolioRemoveView(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "portfolio-remove", v)
}

// portfolioRemove removes the entry, based on the version the confirmation page showed: if it
// changed meanwhile (a manager confirmed it, say), nothing is removed (409).
func (s *Server) portfolioRemove(w http.ResponseWriter, r *http.Request) {
	v, ok := s.portfolioRemoveView(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	err := s.db.DeletePortfolioEntry(r.Context(), actor(r), v.Entry.ID, version)
	if errors.Is(err, store.ErrConflict) {
		s.renderError(w, r, http.StatusConflict, "This competence changed while you were looking at it",
			"Someone else changed or confirmed it first, so it has not been removed. Go back to the portfolio, check it and remove it again if you still want to.")
		return
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) { // already gone: what was asked is done
		s.serverError(w, r, err)
		return
	}
	s.flash(r, v.Entry.Title+" has been removed from the portfolio.")
	http.Redirect(w, r, personPath(v.Person.ID)+"#portfolio", http.StatusSeeOther)
}

// portfolioRemoveView loads the person and the entry, answering "not found" to anyone who may not
// remove it, so that its existence does not leak.
func (s *Server) portfolioRemoveView(w http.ResponseWriter, r *http.Request) (portfolioRemoveView, bool) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return portfolioRemoveView{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("entry"), 10, 64)
	e, err := s.db.PortfolioEntry(r.Context(), id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return portfolioRemoveView{}, false
	}
	self := p.UserID != 0 && p.UserID == pc.userID
	if err != nil || e.PersonID != p.ID || !(pc.canManage(p) || (self && e.Evidence == workforce.EvidenceSelf)) {
		s.notFound(w, r)
		return portfolioRemoveView{}, false
	}
	ev := newEntryView(e, s.db.AnyFrameworks(r.Context()), s.db.Today())
	return portfolioRemoveView{
		Page: s.page(r, "Remove "+ev.Title, "people", crumb{"/", "Home"}, crumb{"/people", "People"},
			crumb{personPath(p.ID), p.Name}),
		Person: p, Entry: ev, IsSelf: self,
	}, true
}
