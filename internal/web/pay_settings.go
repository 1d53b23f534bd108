package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type paySettingsView struct {
	Page
	Unit    store.Organisation
	OnCost  string
	Version int
	PayName string
}

// loadEmployerSettings: the {id} must be an employer (a top-level organisation) that the viewer
// administers; anyone else gets "not found".
func (s *Server) loadEmployerSettings(w http.ResponseWriter, r *http.Request) (unitContext, store.PaySettings, bool) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return uc, store.PaySettings{}, false
	}
	ps, err := s.db.PaySettingsOf(r.Context(), uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return uc, ps, false
	}
	if ps.OrganisationID != uc.unit.ID || !uc.sc.may(uc.unit.ID, store.SetPayCosts) {
		s.notFound(w, r)
		return uc, ps, false
	}
	return uc, ps, true
}

func (s *Server) paySettingsPage(r *http.Request, uc unitContext) paySettingsView {
	pay := workforce.CurrentPayTable(s.db.Today())
	return paySettingsView{Page: s.page(r, "On-cost percentage of "+uc.unit.Name, "organisations", uc.crumbs...), Unit: uc.unit,
		PayName: pay.Name + " " + pay.Year}
}

// paySettingsForm shows the employer's on-cost percentage.
func (s *Server) paySettingsForm(w http.ResponseWriter, r *http.Request) {
	uc, ps, ok := s.loadEmployerSettings(w, r)
	if !ok {
		return
	}
	v := s.paySettingsPage(r, uc)
	v.OnCost, v.Version = ps.OnCost.String(), ps.Version
	s.render(w, r, http.StatusOK, "pay-settings", v)
}

// paySettingsSave saves it at the version the form was drawn from.
func (s *Server) paySettingsSave(w http.ResponseWriter, r *http.Request) {
	uc, cur, ok := s.loadEmployerSettings(w, r)
	if !ok {
		return
	}
	v := s.paySettingsPage(r, uc)
	v.OnCost = r.PostFormValue("on_cost")
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	on, err := workforce.ParseOnCost(v.OnCost)
	if err != nil {
		v.Errors = []fieldError{{"on_cost", "Enter the on-cost as a percentage from 0 to 100, like 28.5"}}
		s.render(w, r, http.StatusUnprocessableEntity, "pay-settings", v)
		return
	}
	_, err = s.db.SavePaySettings(r.Context(), actor(r), store.PaySettings{OrganisationID: uc.unit.ID, OnCost: on, Version: v.Version})
	if errors.Is(err, store.ErrConflict) {
		v.Version = cur.Version
		v.Errors = []fieldError{{"on_cost", "Someone else changed the on-cost to " + cur.OnCost.String() + "% meanwhile. Save again to replace it with yours"}}
		s.render(w, r, http.StatusConflict, "pay-settings", v)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The on-cost percentage has been saved.")
	http.Redirect(w, r, unitPath(uc.unit.ID)+"/workforce", http.StatusSeeOther)
}
