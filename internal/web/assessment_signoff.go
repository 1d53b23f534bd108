package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/assess"
)

type blockerRow struct {
	assess.Standard
	State    assess.State
	StateTag string
}

type assessmentSignOffView struct {
	Page
	*cycleContext
	Blockers []blockerRow
	Names    map[int64]string
	Signed   bool // the viewer's side has signed
}

func (s *Server) loadSignOff(w http.ResponseWriter, r *http.Request) (*assessmentSignOffView, bool) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return nil, false
	}
	ratings, err := s.db.Ratings(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &assessmentSignOffView{cycleContext: cc, Page: s.page(r, "Sign off "+cc.Cycle.Name, "assessments", cc.crumbs()...)}
	for _, b := range assess.Blockers(cc.Standards, ratings) {
		st, _ := cc.standard(b.StandardKey)
		v.Blockers = append(v.Blockers, blockerRow{Standard: st, State: b.State, StateTag: stateTag(b.State)})
	}
	if v.Names, err = s.signerNames(r, cc.Cycle); err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v.Signed = cc.Side != "" && cc.Cycle.SignedBy(cc.Side) != 0
	return v, true
}

// assessmentSignOffForm shows what stands in the way of sign-off, who has signed, and the
// button for the viewer's side.
func (s *Server) assessmentSignOffForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadSignOff(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-signoff", v)
}

// assessmentSignOff records the viewer's side's sign-off: refused while any standard is
// disagreed or not confirmed by both sides (the rules are checked again in the transaction).
func (s *Server) assessmentSignOff(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadSignOff(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	c, err := s.db.SignOffCycle(r.Context(), actor(r), v.Cycle.ID, version, v.Standards, v.Side)
	if errors.Is(err, assess.ErrNotAgreed) {
		v.Errors = append(v.Errors, fieldError{"", "Every standard needs a rating both sides agree before you can sign off. " +
			strconv.Itoa(len(v.Blockers)) + " are not agreed yet: they are listed below."})
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-signoff", v)
		return
	}
	if err != nil {
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	if c.SignedOff() {
		s.flash(r, "Both sides have signed off "+c.Name+". It can no longer be changed.")
	} else {
		s.flash(r, "The "+v.Side.Label()+" has signed off "+c.Name+". It is signed off when the other side signs too.")
	}
	http.Redirect(w, r, "/assessments/"+itoa(c.ID), http.StatusSeeOther)
}
