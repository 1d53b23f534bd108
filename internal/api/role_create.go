package api

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// roleCreate serves POST /api/v1/roles: a new role, version 1, in an organisation where the
// caller is a planner or an administrator. The store checks it with workforce.ValidateRole
// against the frameworks that organisation may use; every broken rule comes back at once.
func (s *server) roleCreate(w http.ResponseWriter, r *http.Request) {
	var in roleInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID == 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "The role was not saved: say which organisation it belongs to.").
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Give the id of the organisation the role belongs to."}))
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayPlan(sc, in.OrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	role, err := s.db.CreateRole(r.Context(), actor(r), in.role())
	if errors.Is(err, store.ErrConflict) {
		err = titleTaken(in.role().Title)
	}
	if err != nil {
		s.fail(w, r, roleSaveError(err))
		return
	}
	w.Header().Set("Location", roleHref(role.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(role.Version), roleDocument(role))
}
