package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// personUpdate serves PUT /api/v1/people/{id}: the whole person as they should now be (details
// and assignments), based on the version the caller read. A stale version is 409 and changes
// nothing. A person stays in their organisation; the account link changes only when user_id is
// sent different from the stored one.
func (s *server) personUpdate(w http.ResponseWriter, r *http.Request) {
	cur, sc, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayManage(sc, cur); err != nil {
		s.fail(w, r, err)
		return
	}
	var in personInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID != 0 && in.OrganisationID != cur.OrganisationID {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A person cannot move to another organisation.").
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Leave this out or send the person's own organisation."}))
		return
	}
	edit := in.person()
	edit.ID, edit.OrganisationID, edit.Version = cur.ID, cur.OrganisationID, version
	if edit.UserID != cur.UserID && edit.UserID != 0 {
		if _, ok, err := s.db.AccessIn(r.Context(), edit.UserID, cur.OrganisationID); err != nil {
			s.fail(w, r, err)
			return
		} else if !ok {
			s.fail(w, r, clientErrorf(store.ErrInvalid, "The person was not saved: user %d has no access to the organisation.", edit.UserID).
				withErrors(problemError{Pointer: "/user_id", Detail: "Link only an account with an access role in the person's organisation."}))
			return
		}
	}
	saved, err := s.db.UpdatePerson(r.Context(), actor(r), edit)
	err = staleOr(err, "person", cur.ID, version, personHref(cur.ID), func() (int, error) {
		now, err := s.db.Person(r.Context(), cur.ID)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, personSaveError(err, edit.StaffNumber))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), personDocument(saved))
}
