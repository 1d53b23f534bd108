package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/workforce"
)

// partnershipWorkforceDoc is a partnership's workforce profile: the partners' figures added up,
// small groups suppressed (docs/decisions/0014), exactly as the page and its downloads show them.
type partnershipWorkforceDoc struct {
	PartnershipID int64          `json:"partnership_id"`
	Name          string         `json:"name"`
	Date          workforce.Date `json:"date"`
	Href          string         `json:"href"`
	workforce.PartnershipProfile
}

// partnershipWorkforce serves GET /api/v1/partnerships/{id}/workforce-profile. A partnership
// the caller does not belong to is 404; a partner's person who may not plan the workforce of a
// partner as a whole (a team's manager, a viewer) is 403.
func (s *server) partnershipWorkforce(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, pa, err := s.visiblePartnership(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !pa.SeeWorkforce {
		s.fail(w, r, clientErrorf(errForbidden, "Only managers, planners and administrators of a partner organisation as a whole see the partnership's workforce profile."))
		return
	}
	prof, err := s.db.PartnershipWorkforce(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Empty tables are empty arrays, never null (the contract's arrays are required).
	for _, rows := range []*[]workforce.Shown{&prof.Partners, &prof.ByLevel, &prof.ByStaffGroup, &prof.Registered} {
		if *rows == nil {
			*rows = []workforce.Shown{}
		}
	}
	if prof.Coverage == nil {
		prof.Coverage = []workforce.ShownCoverage{}
	}
	doc := partnershipWorkforceDoc{PartnershipID: p.ID, Name: p.Name, Date: s.db.Today(), Href: partnershipHref(p.ID) + "/workforce-profile",
		PartnershipProfile: prof}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
