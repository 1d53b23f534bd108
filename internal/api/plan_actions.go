package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// actionInput is an action as a client sends it.
type actionInput struct {
	Title              string   `json:"title"`
	Description        string   `json:"description"`
	LeadOrganisationID int64    `json:"lead_organisation_id"`
	PartnerIDs         []int64  `json:"partner_ids"`
	ObjectiveID        int64    `json:"objective_id"`
	Start              string   `json:"start"`
	Due                string   `json:"due"`
	Status             string   `json:"status"`
	Priorities         []string `json:"priorities"`
	SolutionID         int64    `json:"solution_id"`
	Version            *int     `json:"version"`
}

func (in actionInput) action() (strategy.Action, error) {
	a := strategy.Action{Title: in.Title, LeadOrgID: in.LeadOrganisationID, Partners: in.PartnerIDs, ObjectiveID: in.ObjectiveID,
		Status: strategy.Status(in.Status), Priorities: in.Priorities}
	var errs []problemError
	var err error
	if a.Start, err = strategy.ParseDate(in.Start); err != nil {
		errs = append(errs, problemError{Pointer: "/start", Detail: "Write the date as YYYY-MM-DD."})
	}
	if a.Due, err = strategy.ParseDate(in.Due); err != nil {
		errs = append(errs, problemError{Pointer: "/due", Detail: "Write the date as YYYY-MM-DD."})
	}
	if len(errs) > 0 {
		return a, clientErrorf(store.ErrInvalid, "The action was not saved: a date is not a date.").withErrors(errs...)
	}
	return a, nil
}

// mayLead checks that the caller may lead (or change) an action led by the organisation.
func mayLead(pa store.PartnerAccess, orgID int64) error {
	if pa.CanEditAction(orgID) {
		return nil
	}
	if orgID == 0 { // not a refusal: the request does not say which partner it is for
		return partnerNotNamed()
	}
	return clientErrorf(errForbidden, "Actions led by organisation %d can be changed by its managers, planners and administrators, "+
		"and by the plan's editors in the lead organisation; you are neither.", orgID)
}

// partnerNotNamed is the 422 for a request in a partner's name that names no partner.
func partnerNotNamed() error {
	return clientErrorf(store.ErrInvalid, "Say which partner organisation this is for (organisation_id): one whose managers, planners or administrators you are among.")
}

func actionSaveError(err error) error { return invalidAs(err, "The action was not saved") }

func actionID(r *http.Request) (int64, error) {
	raw := r.PathValue("action")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, clientErrorf(store.ErrNotFound, "There is no action %q: action ids are whole numbers.", raw)
	}
	return id, nil
}

// planActionCreate serves POST /api/v1/plans/{id}/actions: a new action led by a partner the
// caller may act for.
func (s *server) planActionCreate(w http.ResponseWriter, r *http.Request) {
	plan, pa, err := s.visiblePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in actionInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayLead(pa, in.LeadOrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := in.action()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	saved, err := s.db.CreateAction(r.Context(), actor(r), store.PlanAction{PlanID: plan.ID, Action: a, Description: in.Description,
		SolutionID: in.SolutionID})
	if err != nil {
		s.fail(w, r, actionSaveError(err))
		return
	}
	w.Header().Set("Location", planHref(plan.ID)+"/actions/"+strconv.FormatInt(saved.ID, 10))
	s.writePrivate(w, r, http.StatusCreated, versionTag(saved.Version), planActionDocOf(saved, strategy.DateOf(time.Now())))
}

// planActionUpdate serves PUT /api/v1/plans/{id}/actions/{action}: the whole action as it should
// be now, based on the version read (If-Match or version); a stale version is 409.
func (s *server) planActionUpdate(w http.ResponseWriter, r *http.Request) {
	plan, pa, err := s.visiblePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := actionID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cur, err := s.db.PlanAction(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && cur.PlanID != plan.ID) {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "Plan %d has no action %d.", plan.ID, id))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayLead(pa, cur.LeadOrgID); err != nil {
		s.fail(w, r, err)
		return
	}
	var in actionInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayLead(pa, in.LeadOrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := in.action()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a.ID = id
	saved, err := s.db.UpdateAction(r.Context(), actor(r), store.PlanAction{PlanID: plan.ID, Action: a, Description: in.Description, Version: version})
	err = staleOr(err, "action", id, version, planHref(plan.ID), func() (int, error) {
		now, err := s.db.PlanAction(r.Context(), id)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, actionSaveError(err))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), planActionDocOf(saved, strategy.DateOf(time.Now())))
}

// measureValueCreate serves POST /api/v1/plans/{id}/measures/{measure}/values: a dated value of
// a measure, recorded by the plan's editors.
func (s *server) measureValueCreate(w http.ResponseWriter, r *http.Request) {
	plan, pa, err := s.visiblePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !pa.EditPlan {
		s.fail(w, r, clientErrorf(errForbidden, "Measures are recorded by the planners and administrators of the partnership's lead organisation."))
		return
	}
	mid, err := strconv.ParseInt(r.PathValue("measure"), 10, 64)
	if err != nil || mid <= 0 {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "There is no measure %q.", r.PathValue("measure")))
		return
	}
	var in valueDoc
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	var v strategy.Value
	var errs []problemError
	if v.On, err = strategy.ParseDate(in.On); err != nil || v.On.IsZero() {
		errs = append(errs, problemError{Pointer: "/on", Detail: "Give the date it was measured, as YYYY-MM-DD."})
	}
	if v.Value, err = strategy.ParseAmount(in.Value); err != nil {
		errs = append(errs, problemError{Pointer: "/value", Detail: "Give the value as a decimal string with at most two decimal places, such as \"10.5\"."})
	}
	if len(errs) > 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "The value was not recorded.").withErrors(errs...))
		return
	}
	v.Note = in.Note
	if err := s.db.AddMeasureValue(r.Context(), actor(r), plan.ID, mid, v); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			err = clientErrorf(store.ErrNotFound, "Plan %d has no measure %d.", plan.ID, mid)
		}
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusCreated, "", valueDoc{On: v.On.String(), Value: v.Value.String(), Note: v.Note})
}
