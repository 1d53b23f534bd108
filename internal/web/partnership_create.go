package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// Creating a partnership. Joining one opens a partner's aggregate figures and the plans to the
// other partners (DESIGN decision 1), so an organisation joins only by the act of its own
// administrator or of a site administrator: a site administrator may bring in any
// organisation; an organisation's administrator brings in the organisations they administer,
// one of which leads, and a site administrator adds the others later
// (docs/decisions/0011-plan-editing.md).

type partnershipNewView struct {
	Page
	Candidates []store.Organisation // the organisations the viewer may bring in
	Form       url.Values
}

func (v partnershipNewView) Val(name string) string { return v.Form.Get(name) }

// Kinds are the kinds of partner.
func (partnershipNewView) Kinds() []strategy.PartnerKind { return strategy.PartnerKinds }

// KindOf is the kind chosen for an organisation ("" for not a partner).
func (v partnershipNewView) KindOf(id int64) string { return v.Form.Get("kind-" + itoa(id)) }

// partnerCandidates are the organisations (not services or teams) the viewer administers; a
// site administrator administers them all.
func (s *Server) partnerCandidates(r *http.Request) ([]store.Organisation, error) {
	sc, err := s.scopeFor(r)
	if err != nil {
		return nil, err
	}
	var out []store.Organisation
	for _, o := range sc.orgs {
		if o.Kind == store.KindOrganisation && sc.access[o.ID].May(store.EnrolInPartnership) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *Server) partnershipNewView(w http.ResponseWriter, r *http.Request) (partnershipNewView, bool) {
	cands, err := s.partnerCandidates(r)
	if err != nil {
		s.serverError(w, r, err)
		return partnershipNewView{}, false
	}
	if len(cands) == 0 {
		s.forbidden(w, r)
		return partnershipNewView{}, false
	}
	return partnershipNewView{Candidates: cands, Form: url.Values{},
		Page: s.page(r, "Create a partnership", "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"})}, true
}

// partnershipNewForm asks for the partnership's name, its partners with their kinds, and its lead.
func (s *Server) partnershipNewForm(w http.ResponseWriter, r *http.Request) {
	if v, ok := s.partnershipNewView(w, r); ok {
		s.render(w, r, http.StatusOK, "partnership-new", v)
	}
}

// partnershipCreate creates it, with the partners and lead chosen.
func (s *Server) partnershipCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.partnershipNewView(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v.Form = r.PostForm
	p := store.Partnership{Name: strings.TrimSpace(r.PostFormValue("name")), Description: r.PostFormValue("description")}
	p.LeadOrganisationID, _ = strconv.ParseInt(r.PostFormValue("lead"), 10, 64)
	if p.Name == "" {
		v.Errors = append(v.Errors, fieldError{"name", "Enter a name for the partnership"})
	}
	var partners []store.NewPartner
	leadIn := false
	for _, o := range v.Candidates {
		kind := strategy.PartnerKind(v.KindOf(o.ID))
		if kind == "" {
			continue
		}
		if !kind.Valid() {
			v.Errors = append(v.Errors, fieldError{"kind-" + itoa(o.ID), "Choose the kind of partner " + o.Name + " is"})
			continue
		}
		partners = append(partners, store.NewPartner{OrganisationID: o.ID, Kind: kind})
		leadIn = leadIn || o.ID == p.LeadOrganisationID
	}
	if len(partners) == 0 && len(v.Candidates) > 0 {
		v.Errors = append(v.Errors, fieldError{"kind-" + itoa(v.Candidates[0].ID), "Choose at least one partner, with the kind of body it is"})
	}
	if !leadIn {
		v.Errors = append(v.Errors, fieldError{"lead", "Choose the lead from the partners you chose"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "partnership-new", v)
		return
	}
	created, err := s.db.CreatePartnershipWith(r.Context(), actor(r), p, partners)
	switch {
	case errors.Is(err, store.ErrConflict):
		v.Errors = []fieldError{{"name", "There is already a partnership called " + p.Name + ": choose another name"}}
		s.render(w, r, http.StatusConflict, "partnership-new", v)
	case errors.Is(err, store.ErrInvalid):
		v.Errors = []fieldError{{"lead", invalidMessage(err)}}
		s.render(w, r, http.StatusUnprocessableEntity, "partnership-new", v)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, "The partnership "+created.Name+" has been created. Its lead's planners can now create plans.")
		http.Redirect(w, r, "/partnerships/"+itoa(created.ID), http.StatusSeeOther)
	}
}
