package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

type partnershipInput struct {
	Name               string `json:"name"`
	Description        string `json:"description"`
	LeadOrganisationID int64  `json:"lead_organisation_id"`
	Partners           []struct {
		OrganisationID int64  `json:"organisation_id"`
		Kind           string `json:"kind"`
	} `json:"partners"`
}

// partnershipCreate serves POST /api/v1/partnerships: a partnership with its partners (each of a
// kind) and its lead, one of them. As in the web pages (docs/decisions/0011-plan-editing.md), an
// organisation joins only by the act of its own administrator or a site administrator: every
// partner must be an organisation where the caller is an administrator (a site administrator is
// one everywhere), else 403.
func (s *server) partnershipCreate(w http.ResponseWriter, r *http.Request) {
	var in partnershipInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var partners []store.NewPartner
	for i, p := range in.Partners {
		if !sc[p.OrganisationID].May(store.EnrolInPartnership) {
			s.fail(w, r, clientErrorf(errForbidden, "You can bring into a partnership only organisations you administer; organisation %d is not one. A site administrator can add it.", p.OrganisationID).
				withErrors(problemError{Pointer: fmt.Sprintf("/partners/%d/organisation_id", i), Detail: "Not an organisation you administer."}))
			return
		}
		partners = append(partners, store.NewPartner{OrganisationID: p.OrganisationID, Kind: strategy.PartnerKind(p.Kind)})
	}
	p, err := s.db.CreatePartnershipWith(r.Context(), actor(r), store.Partnership{Name: in.Name, Description: in.Description,
		LeadOrganisationID: in.LeadOrganisationID}, partners)
	if errors.Is(err, store.ErrConflict) {
		err = clientErrorf(store.ErrConflict, "There is already a partnership called %q: choose another name.", in.Name).
			withErrors(problemError{Pointer: "/name", Detail: "Taken by another partnership."})
	}
	if err != nil {
		s.fail(w, r, invalidAs(err, "The partnership was not saved"))
		return
	}
	_, pa, err := s.visiblePartnership(r, p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.partnershipDocument(r, p, pa)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", partnershipHref(p.ID))
	s.writePrivate(w, r, http.StatusCreated, "", doc)
}
