package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// partnershipCtx is a partnership as the viewer may use it: the record, its partners and what
// the viewer may do there (docs/security.md, "Partnership plans").
type partnershipCtx struct {
	P        store.Partnership
	Partners []store.Partner
	Access   store.PartnerAccess
}

// Name returns a partner's name ("" for an organisation that is not a partner).
func (pc partnershipCtx) Name(orgID int64) string {
	for _, p := range pc.Partners {
		if p.ID == orgID {
			return p.Name
		}
	}
	return ""
}

// ActFor returns the partners in whose name the viewer may lead actions: every partner for a
// plan editor, their own partners otherwise.
func (pc partnershipCtx) ActFor() []store.Partner {
	var out []store.Partner
	for _, p := range pc.Partners {
		if pc.Access.CanEditAction(p.ID) {
			out = append(out, p)
		}
	}
	return out
}

func (pc partnershipCtx) partnerIDs() []int64 {
	out := make([]int64, len(pc.Partners))
	for i, p := range pc.Partners {
		out[i] = p.ID
	}
	return out
}

// loadPartnership loads the partnership with the id, or writes "not found" when it does not
// exist or the viewer does not belong to it (so its existence does not leak).
func (s *Server) loadPartnership(w http.ResponseWriter, r *http.Request, id int64) (partnershipCtx, bool) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return partnershipCtx{}, false
	}
	p, pa, err := s.db.PartnershipAccess(r.Context(), id, sc.access)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !pa.See) {
		s.notFound(w, r)
		return partnershipCtx{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return partnershipCtx{}, false
	}
	partners, err := s.db.PartnershipPartners(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return partnershipCtx{}, false
	}
	return partnershipCtx{P: p, Partners: partners, Access: pa}, true
}

// loadPlan loads the plan in the path ({id}) and its partnership, "not found" as above.
func (s *Server) loadPlan(w http.ResponseWriter, r *http.Request) (store.Plan, partnershipCtx, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return store.Plan{}, partnershipCtx{}, false
	}
	plan, err := s.db.Plan(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return store.Plan{}, partnershipCtx{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return store.Plan{}, partnershipCtx{}, false
	}
	pc, ok := s.loadPartnership(w, r, plan.PartnershipID)
	return plan, pc, ok
}

// today is the current calendar day, for due and overdue actions.
func planToday() strategy.Date { return strategy.DateOf(time.Now()) }

// invalidMessage is the reason in a store ErrInvalid, as a sentence for an error summary.
func invalidMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), store.ErrInvalid.Error()+": ")
	if msg == "" {
		return "Check what you entered"
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}
