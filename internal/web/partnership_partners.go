package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// Adding and removing partners. Partnerships span organisations, so a site administrator does
// it (the routes say so), as they set the lead and the kinds (partnership_settings.go).

// Joinable are the organisations (not services or teams) that are not partners yet, for the
// site administrator's "add a partner" form.
func (v partnershipShowView) Joinable() []store.Organisation { return v.joinable }

func (s *Server) joinable(r *http.Request, pc partnershipCtx) ([]store.Organisation, error) {
	v := currentViewer(r)
	if v == nil || !v.User.SiteAdmin {
		return nil, nil
	}
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return nil, err
	}
	var out []store.Organisation
	for _, o := range all {
		if o.Kind == store.KindOrganisation && pc.Name(o.ID) == "" {
			out = append(out, o)
		}
	}
	return out, nil
}

// partnerAdd adds an organisation as a partner of the kind chosen.
func (s *Server) partnerAdd(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return
	}
	_ = r.ParseForm()
	orgID, kind := formID(r, "partner-organisation"), strategy.PartnerKind(r.PostFormValue("partner-kind"))
	var errs []fieldError
	if orgID == 0 {
		errs = append(errs, fieldError{"partner-organisation", "Choose the organisation to add"})
	}
	if !kind.Valid() {
		errs = append(errs, fieldError{"partner-kind", "Choose the kind of partner it is"})
	}
	if len(errs) == 0 {
		err := s.db.AddPartner(r.Context(), actor(r), id, orgID, kind)
		switch {
		case errors.Is(err, store.ErrConflict):
			errs = append(errs, fieldError{"partner-organisation", "That organisation is a partner already"})
		case errors.Is(err, store.ErrInvalid):
			errs = append(errs, fieldError{"partner-organisation", invalidMessage(err)})
		case err != nil:
			s.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		s.partnershipFailed(w, r, pc, http.StatusUnprocessableEntity, errs)
		return
	}
	s.flash(r, "The partner has been added. Its people now see the partnership's plans and register.")
	http.Redirect(w, r, "/partnerships/"+itoa(id), http.StatusSeeOther)
}

// partnershipFailed shows the partnership page again with the problems of a site
// administrator's form.
func (s *Server) partnershipFailed(w http.ResponseWriter, r *http.Request, pc partnershipCtx, status int, errs []fieldError) {
	v, err := s.partnershipShowView(r, pc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Errors = errs
	s.render(w, r, status, "partnership-show", v)
}

// partnerRemover loads the partnership and the partner in the path.
func (s *Server) partnerRemover(w http.ResponseWriter, r *http.Request) (partnershipCtx, store.Partner, bool) {
	id, ok := pathID(r, "id")
	orgID, ok2 := pathID(r, "organisation")
	if !ok || !ok2 {
		s.notFound(w, r)
		return partnershipCtx{}, store.Partner{}, false
	}
	pc, ok := s.loadPartnership(w, r, id)
	if !ok {
		return pc, store.Partner{}, false
	}
	for _, p := range pc.Partners {
		if p.ID == orgID {
			return pc, p, true
		}
	}
	s.notFound(w, r)
	return pc, store.Partner{}, false
}

func (s *Server) partnerConfirm(r *http.Request, pc partnershipCtx, p store.Partner) confirmView {
	c := confirmView{Caption: pc.P.Name, Heading: "Remove " + p.Name + " from the partnership",
		Warning: "The people of " + p.Name + " will no longer see the partnership's plans and register, and its solutions and actions cannot name it.",
		Action:  "/partnerships/" + itoa(pc.P.ID) + "/partners/" + itoa(p.ID) + "/remove", Label: "Remove " + p.Name,
		Button: "Remove the partner", Cancel: "/partnerships/" + itoa(pc.P.ID),
		Page: s.page(r, "Remove "+p.Name, "partnerships", crumb{"/", "Home"}, crumb{"/partnerships", "Partnerships"},
			crumb{"/partnerships/" + itoa(pc.P.ID), pc.P.Name})}
	if p.Lead {
		c.Blocked = p.Name + " leads the partnership, so it cannot leave: choose another lead first."
	}
	return c
}

// partnerRemoveForm asks before a partner is removed.
func (s *Server) partnerRemoveForm(w http.ResponseWriter, r *http.Request) {
	if pc, p, ok := s.partnerRemover(w, r); ok {
		s.render(w, r, http.StatusOK, "confirm", s.partnerConfirm(r, pc, p))
	}
}

// partnerRemove removes the partner once confirmed; the store refuses one that still leads or
// takes part in actions or recorded solutions, and the page says so.
func (s *Server) partnerRemove(w http.ResponseWriter, r *http.Request) {
	pc, p, ok := s.partnerRemover(w, r)
	if !ok {
		return
	}
	c := s.partnerConfirm(r, pc, p)
	if r.PostFormValue("confirm") != "yes" {
		c.Errors = []fieldError{{"confirm", "Tick the box to confirm that " + p.Name + " should leave the partnership"}}
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", c)
		return
	}
	err := s.db.RemovePartner(r.Context(), actor(r), pc.P.ID, p.ID)
	switch {
	case errors.Is(err, store.ErrInvalid):
		c.Blocked = p.Name + " cannot leave yet. " + invalidMessage(err) + "."
		s.render(w, r, http.StatusUnprocessableEntity, "confirm", c)
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(r, p.Name+" is no longer a partner.")
		http.Redirect(w, r, "/partnerships/"+itoa(pc.P.ID), http.StatusSeeOther)
	}
}
