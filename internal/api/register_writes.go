package api

import (
	"net/http"
	"time"

	"github.com/workframe/workframe/internal/store"
)

// One solution of the register: reading it with its comments and the actions that adopted it,
// changing and deleting it (the partner that recorded it and the partnership's lead), and
// commenting on it (in the name of a partner the caller acts for).

type commentDoc struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Organisation   string    `json:"organisation"`
	Rating         int       `json:"rating,omitempty"`
	Body           string    `json:"body"`
	CreatedAt      time.Time `json:"created_at"`
}

type adoptionDoc struct {
	PlanID      int64  `json:"plan_id"`
	PlanTitle   string `json:"plan_title"`
	ActionID    int64  `json:"action_id"`
	ActionTitle string `json:"action_title"`
	Lead        string `json:"lead"`
	Status      string `json:"status"`
	Href        string `json:"href"`
}

type solutionDetailDoc struct {
	solutionDoc
	Comments  []commentDoc  `json:"comments"`
	AdoptedBy []adoptionDoc `json:"adopted_by"`
}

// commentDocOf names the commenting partner, never the person: a comment is made in a partner's
// name.
func commentDocOf(c store.Comment) commentDoc {
	return commentDoc{ID: c.ID, OrganisationID: c.OrganisationID, Organisation: c.Organisation, Rating: c.Rating, Body: c.Body,
		CreatedAt: c.CreatedAt.UTC()}
}

// solutionShow serves GET /api/v1/partnerships/{id}/register/{solution}, tagged with its version.
func (s *server) solutionShow(w http.ResponseWriter, r *http.Request) {
	sol, _, err := s.visibleSolution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := solutionDetailDoc{solutionDoc: solutionDocOf(sol), Comments: []commentDoc{}, AdoptedBy: []adoptionDoc{}}
	cs, err := s.db.SolutionComments(r.Context(), sol.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, c := range cs {
		doc.Comments = append(doc.Comments, commentDocOf(c))
	}
	ads, err := s.db.SolutionAdoptions(r.Context(), sol.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, a := range ads {
		doc.AdoptedBy = append(doc.AdoptedBy, adoptionDoc{PlanID: a.PlanID, PlanTitle: a.PlanTitle, ActionID: a.ActionID,
			ActionTitle: a.ActionTitle, Lead: a.Lead, Status: a.Status, Href: planHref(a.PlanID)})
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(sol.Version), doc)
}

// solutionInput is a solution as a client sends it, with the version changed.
type solutionInput struct {
	solutionDoc
	Version *int `json:"version"`
}

// solutionUpdate serves PUT /api/v1/partnerships/{id}/register/{solution}: the solution as it
// should now be, based on the version read. It stays in the recording partner's name.
func (s *server) solutionUpdate(w http.ResponseWriter, r *http.Request) {
	cur, pa, err := s.visibleSolution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayChangeSolution(pa, cur); err != nil {
		s.fail(w, r, err)
		return
	}
	var in solutionInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID != 0 && in.OrganisationID != cur.OrganisationID {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A solution stays in the name of the partner that recorded it.").
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Leave this out or send the recording partner's id."}))
		return
	}
	edit := cur
	edit.Title, edit.Problem, edit.WhatWeDid, edit.Results = in.Title, in.Problem, in.WhatWeDid, in.Results
	edit.Contacts, edit.Links, edit.FrameworkKey, edit.FrameworkVersion = in.Contacts, in.Links, in.FrameworkKey, in.FrameworkVersion
	edit.Priorities, edit.Version = in.Priorities, version
	saved, err := s.db.UpdateSolution(r.Context(), actor(r), edit)
	err = staleOr(err, "solution", cur.ID, version, solutionHref(cur.PartnershipID, cur.ID), func() (int, error) {
		now, err := s.db.Solution(r.Context(), cur.ID)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The solution was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), solutionDocOf(saved))
}

// solutionDelete serves DELETE /api/v1/partnerships/{id}/register/{solution}, with If-Match (428
// without, 409 when stale). A solution that a plan's action adopts is 422: it stays.
func (s *server) solutionDelete(w http.ResponseWriter, r *http.Request) {
	cur, pa, err := s.visibleSolution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayChangeSolution(pa, cur); err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := baseVersion(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.db.DeleteSolution(r.Context(), actor(r), cur.ID, version)
	err = staleOr(err, "solution", cur.ID, version, solutionHref(cur.PartnershipID, cur.ID), func() (int, error) {
		now, err := s.db.Solution(r.Context(), cur.ID)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The solution was not deleted"))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type commentInput struct {
	OrganisationID int64  `json:"organisation_id"`
	Rating         int    `json:"rating"`
	Body           string `json:"body"`
}

// commentCreate serves POST /api/v1/partnerships/{id}/register/{solution}/comments: a comment,
// and how well the solution worked for them (1 to 5, or 0 for none), in the name of a partner
// the caller acts for.
func (s *server) commentCreate(w http.ResponseWriter, r *http.Request) {
	sol, pa, err := s.visibleSolution(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in commentInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID == 0 {
		s.fail(w, r, partnerNotNamed())
		return
	}
	if !pa.CanEditAction(in.OrganisationID) {
		s.fail(w, r, clientErrorf(errForbidden, "You comment in the name of a partner where you are a manager, planner or administrator; organisation %d is not one.", in.OrganisationID))
		return
	}
	c, err := s.db.AddComment(r.Context(), actor(r), store.Comment{SolutionID: sol.ID, OrganisationID: in.OrganisationID, Rating: in.Rating, Body: in.Body})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The comment was not saved"))
		return
	}
	if partners, err := s.db.PartnershipPartners(r.Context(), sol.PartnershipID); err == nil {
		for _, p := range partners {
			if p.ID == c.OrganisationID {
				c.Organisation = p.Name
			}
		}
	}
	s.writePrivate(w, r, http.StatusCreated, "", commentDocOf(c))
}
