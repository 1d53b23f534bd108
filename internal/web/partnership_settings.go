package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// partnershipSettings saves a partnership's lead and the kind of each partner. Partnerships
// span organisations, so only a site administrator sets them (the route says so). A lead
// chosen from a stale page is a conflict (409), shown on the partnership page.
func (s *Server) partnershipSettings(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return
	}
	_ = r.ParseForm()
	fail := func(status int, field, msg string) {
		s.partnershipFailed(w, r, pc, status, []fieldError{{field, msg}})
	}
	for _, p := range pc.Partners {
		kind := strategy.PartnerKind(r.PostFormValue("kind-" + itoa(p.ID)))
		if kind == "" || kind == p.PartnerKind {
			continue
		}
		if !kind.Valid() {
			fail(http.StatusUnprocessableEntity, "kind-"+itoa(p.ID), "Choose the kind of partner "+p.Name+" is")
			return
		}
		if err := s.db.SetPartnerKind(r.Context(), actor(r), id, p.ID, kind); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if lead, _ := strconv.ParseInt(r.PostFormValue("lead"), 10, 64); lead != 0 && lead != pc.P.LeadOrganisationID {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, err := s.db.SetPartnershipLead(r.Context(), actor(r), id, version, lead)
		switch {
		case errors.Is(err, store.ErrConflict):
			fail(http.StatusConflict, "lead", "Someone else changed the partnership while you were looking at it: check the lead shown now and choose again")
			return
		case errors.Is(err, store.ErrInvalid):
			fail(http.StatusUnprocessableEntity, "lead", "The lead must be one of the partners")
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		}
	}
	s.flash(r, "The partnership's lead and partners have been saved.")
	http.Redirect(w, r, "/partnerships/"+itoa(id), http.StatusSeeOther)
}
