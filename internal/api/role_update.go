package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// roleUpdate serves PUT /api/v1/roles/{id}: the whole role as it should now be, based on the
// version the caller read (the body's version or If-Match). A stale version is 409 and changes
// nothing; so is a title another role of the organisation has. A role stays in its organisation.
func (s *server) roleUpdate(w http.ResponseWriter, r *http.Request) {
	cur, sc, err := s.visibleRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayPlan(sc, cur.OrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	var in roleInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID != 0 && in.OrganisationID != cur.OrganisationID {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A role cannot move to another organisation.").
			withErrors(problemError{Pointer: "/organisation_id",
				Detail: fmt.Sprintf("The role belongs to organisation %d; leave this out or send %d.", cur.OrganisationID, cur.OrganisationID)}))
		return
	}
	edit := in.role()
	edit.ID, edit.OrganisationID, edit.Version = cur.ID, cur.OrganisationID, version
	saved, err := s.db.UpdateRole(r.Context(), actor(r), edit)
	if errors.Is(err, store.ErrConflict) {
		err = s.roleConflict(r, cur.ID, version, edit.Title)
	}
	if err != nil {
		s.fail(w, r, roleSaveError(err))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), roleDocument(saved))
}

// roleConflict says which conflict the store met: the role moved on from the version the change
// was based on, or the new title is taken.
func (s *server) roleConflict(r *http.Request, id int64, version int, title string) error {
	err := staleOr(store.ErrConflict, "role", id, version, roleHref(id), func() (int, error) {
		now, err := s.db.Role(r.Context(), id)
		return now.Version, err
	})
	if err == store.ErrConflict {
		return titleTaken(strings.TrimSpace(title))
	}
	return err
}

// staleVersion is the conflict of a change based on a version that is no longer the latest.
func staleVersion(what string, id int64, base, current int, href string) error {
	return clientErrorf(store.ErrConflict,
		"This %s was changed by someone else: you sent changes to version %d, and it is now at version %d. Nothing was saved. GET %s for the latest version, apply your changes to it and send them again.",
		what, base, current, href).withErrors(problemError{Pointer: "/version", Detail: fmt.Sprintf("Version %d is not the latest (%d).", base, current)})
}
