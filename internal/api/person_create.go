package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// personCreate serves POST /api/v1/people: a new person, version 1, in an organisation where
// the caller is a manager or above. Every broken rule comes back at once (422); a staff number
// the organisation already has is 409.
func (s *server) personCreate(w http.ResponseWriter, r *http.Request) {
	var in personInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID == 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "The person was not saved: say which organisation they work for.").
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Give the id of the organisation the person works for."}))
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !sc.may(in.OrganisationID, store.ManagePeople) {
		s.fail(w, r, clientErrorf(errForbidden, "Adding people to organisation %d needs the manager, planner or administrator access role there, and you do not hold it.", in.OrganisationID).
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Give an organisation where you manage staff."}))
		return
	}
	if in.UserID != 0 {
		if _, ok, err := s.db.AccessIn(r.Context(), in.UserID, in.OrganisationID); err != nil {
			s.fail(w, r, err)
			return
		} else if !ok {
			s.fail(w, r, clientErrorf(store.ErrInvalid, "The person was not saved: user %d has no access to the organisation.", in.UserID).
				withErrors(problemError{Pointer: "/user_id", Detail: "Link only an account with an access role in the person's organisation."}))
			return
		}
	}
	p, err := s.db.CreatePerson(r.Context(), actor(r), in.person())
	if err != nil {
		s.fail(w, r, personSaveError(err, in.StaffNumber))
		return
	}
	w.Header().Set("Location", personHref(p.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(p.Version), personDocument(p))
}
