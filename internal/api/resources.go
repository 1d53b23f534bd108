package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// Case studies and resources per priority of a strategic framework: any partner's people read
// them; the partnership lead's planners and administrators (the plan's editors) keep them. They
// carry no version (docs/decisions/0011-plan-editing.md): a change replaces the whole entry.

type resourceDoc struct {
	ID           int64  `json:"id"`
	FrameworkKey string `json:"framework_key"`
	PriorityKey  string `json:"priority_key"`
	Kind         string `json:"kind"`
	Title        string `json:"title"`
	URL          string `json:"url"`
	Summary      string `json:"summary"`
}

func resourceDocOf(r store.Resource) resourceDoc {
	return resourceDoc{ID: r.ID, FrameworkKey: r.FrameworkKey, PriorityKey: r.PriorityKey, Kind: r.Kind, Title: r.Title, URL: r.URL, Summary: r.Summary}
}

func (in resourceDoc) resource(partnershipID int64) store.Resource {
	return store.Resource{PartnershipID: partnershipID, FrameworkKey: in.FrameworkKey, PriorityKey: in.PriorityKey, Kind: in.Kind,
		Title: in.Title, URL: in.URL, Summary: in.Summary}
}

// resourceList serves GET /api/v1/partnerships/{id}/resources, by framework and priority.
func (s *server) resourceList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, _, err := s.visiblePartnership(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.db.PartnershipResources(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Resources []resourceDoc `json:"resources"`
	}{Resources: []resourceDoc{}}
	for _, rs := range res {
		out.Resources = append(out.Resources, resourceDocOf(rs))
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// resourceKeeper loads the partnership in the path, checks the caller keeps its resources, and
// decodes the body (when dst is not nil).
func (s *server) resourceKeeper(w http.ResponseWriter, r *http.Request, dst any) (int64, bool) {
	id, err := pathID(r, "partnership")
	if err == nil {
		var pa store.PartnerAccess
		if _, pa, err = s.visiblePartnership(r, id); err == nil && !pa.EditPlan {
			err = clientErrorf(errForbidden, "Case studies and resources are kept by the planners and administrators of the partnership's lead organisation.")
		}
	}
	if err == nil && dst != nil {
		err = decodeBody(r, dst)
	}
	if err != nil {
		s.fail(w, r, err)
		return 0, false
	}
	return id, true
}

// resourceCreate serves POST /api/v1/partnerships/{id}/resources.
func (s *server) resourceCreate(w http.ResponseWriter, r *http.Request) {
	var in resourceDoc
	id, ok := s.resourceKeeper(w, r, &in)
	if !ok {
		return
	}
	saved, err := s.db.AddResource(r.Context(), actor(r), in.resource(id))
	if err != nil {
		s.fail(w, r, invalidAs(err, "The case study or resource was not saved"))
		return
	}
	w.Header().Set("Location", partnershipHref(id)+"/resources/"+strconv.FormatInt(saved.ID, 10))
	s.writePrivate(w, r, http.StatusCreated, "", resourceDocOf(saved))
}

// partnershipResource is the resource in the path, which must belong to the partnership.
func (s *server) partnershipResource(r *http.Request, partnershipID int64) (store.Resource, error) {
	raw := r.PathValue("resource")
	rid, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || rid <= 0 {
		return store.Resource{}, clientErrorf(store.ErrNotFound, "There is no case study or resource %q.", raw)
	}
	res, err := s.db.Resource(r.Context(), rid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && res.PartnershipID != partnershipID) {
		return store.Resource{}, clientErrorf(store.ErrNotFound, "Partnership %d has no case study or resource %d.", partnershipID, rid)
	}
	return res, err
}

// resourceUpdate serves PUT /api/v1/partnerships/{id}/resources/{resource}: the whole entry.
func (s *server) resourceUpdate(w http.ResponseWriter, r *http.Request) {
	var in resourceDoc
	id, ok := s.resourceKeeper(w, r, &in)
	if !ok {
		return
	}
	cur, err := s.partnershipResource(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	edit := in.resource(id)
	edit.ID = cur.ID
	saved, err := s.db.UpdateResource(r.Context(), actor(r), edit)
	if err != nil {
		s.fail(w, r, invalidAs(err, "The case study or resource was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", resourceDocOf(saved))
}

// resourceDelete serves DELETE /api/v1/partnerships/{id}/resources/{resource}.
func (s *server) resourceDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.resourceKeeper(w, r, nil)
	if !ok {
		return
	}
	cur, err := s.partnershipResource(r, id)
	if err == nil {
		err = s.db.DeleteResource(r.Context(), actor(r), cur.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
