package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/assess"
)

type assessmentStandardView struct {
	Page
	*cycleContext
	Standard assess.Standard
	Rating   assess.Rating
	State    assess.State
	StateTag string
	Names    map[int64]string
	Evidence []assess.Evidence
	Actions  []assess.Action
	// Form values, kept when a form is shown again with errors.
	Choice, Owner, Comment, Kind, Note, URL string
	MaxMB                                   int
}

// loadStandard loads the standard in the path for its page and actions.
func (s *Server) loadStandard(w http.ResponseWriter, r *http.Request) (*assessmentStandardView, bool) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return nil, false
	}
	st, ok := cc.standard(r.PathValue("key"))
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	ratings, err := s.db.Ratings(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	rt := ratings[st.Key]
	v := &assessmentStandardView{cycleContext: cc, Standard: st, Rating: rt, State: rt.State(), StateTag: stateTag(rt.State()),
		Names: map[int64]string{}, Choice: rt.View(cc.Side), Owner: rt.Owner, Comment: rt.Comment, Kind: assess.EvidenceNote,
		MaxMB: assess.MaxAttachmentBytes >> 20,
		Page:  s.page(r, st.Title+": "+cc.Cycle.Name, "assessments", cc.crumbs()...)}
	for _, id := range []int64{rt.ManagementBy, rt.StaffBy} {
		if id != 0 {
			if u, err := s.db.User(r.Context(), id); err == nil {
				v.Names[id] = u.Name
			}
		}
	}
	all, err := s.db.EvidenceOf(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	for _, e := range all {
		if e.StandardKey == st.Key {
			v.Evidence = append(v.Evidence, e)
		}
	}
	acts, err := s.db.Actions(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	for _, a := range acts {
		for _, k := range a.Standards {
			if k == st.Key {
				v.Actions = append(v.Actions, a)
			}
		}
	}
	return v, true
}

// assessmentStandard shows one standard: what it asks, both sides' views, the owner and comment,
// the evidence and linked actions, and the forms for the viewer's side.
func (s *Server) assessmentStandard(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadStandard(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-standard", v)
}
