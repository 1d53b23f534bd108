package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

type solutionDoc struct {
	ID               int64    `json:"id"`
	PartnershipID    int64    `json:"partnership_id"`
	OrganisationID   int64    `json:"organisation_id"`
	Organisation     string   `json:"organisation"`
	Title            string   `json:"title"`
	Problem          string   `json:"problem"`
	WhatWeDid        string   `json:"what_we_did"`
	Results          string   `json:"results"`
	Contacts         string   `json:"contacts"`
	Links            string   `json:"links"`
	FrameworkKey     string   `json:"framework_key,omitempty"`
	FrameworkVersion string   `json:"framework_version,omitempty"`
	Priorities       []string `json:"priorities"`
	Adoptions        int      `json:"adoptions"`
	RatingCount      int      `json:"rating_count"`
	Rating           string   `json:"rating,omitempty"`
	Version          int      `json:"version"`
}

func solutionDocOf(s store.Solution) solutionDoc {
	d := solutionDoc{ID: s.ID, PartnershipID: s.PartnershipID, OrganisationID: s.OrganisationID, Organisation: s.Organisation,
		Title: s.Title, Problem: s.Problem, WhatWeDid: s.WhatWeDid, Results: s.Results, Contacts: s.Contacts, Links: s.Links,
		FrameworkKey: s.FrameworkKey, FrameworkVersion: s.FrameworkVersion, Priorities: s.Priorities, Adoptions: s.Adoptions,
		RatingCount: s.RatingCount, Rating: s.Rating(), Version: s.Version}
	if d.Priorities == nil {
		d.Priorities = []string{}
	}
	return d
}

// registerList serves GET /api/v1/partnerships/{id}/register: the solve once register, searched
// by words (q: every word must appear, case-insensitively, in the title, problem, what was done
// or results) and a priority key.
func (s *server) registerList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, _, err := s.visiblePartnership(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	sols, err := s.db.SearchRegister(r.Context(), store.RegisterQuery{PartnershipID: id, Text: q.Get("q"), Priority: q.Get("priority")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Solutions []solutionDoc `json:"solutions"`
	}{Solutions: []solutionDoc{}}
	for _, sol := range sols {
		out.Solutions = append(out.Solutions, solutionDocOf(sol))
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// registerCreate serves POST /api/v1/partnerships/{id}/register: a solution recorded in the
// name of a partner the caller may act for.
func (s *server) registerCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, pa, err := s.visiblePartnership(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in solutionDoc
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayLead(pa, in.OrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	saved, err := s.db.CreateSolution(r.Context(), actor(r), store.Solution{PartnershipID: id, OrganisationID: in.OrganisationID,
		Title: in.Title, Problem: in.Problem, WhatWeDid: in.WhatWeDid, Results: in.Results, Contacts: in.Contacts, Links: in.Links,
		FrameworkKey: in.FrameworkKey, FrameworkVersion: in.FrameworkVersion, Priorities: in.Priorities})
	if err != nil {
		s.fail(w, r, invalidAs(err, "The solution was not saved"))
		return
	}
	s.writePrivate(w, r, http.StatusCreated, versionTag(saved.Version), solutionDocOf(saved))
}
