package web

import (
	"net/http"
)

// assessmentDelete deletes a cycle with its ratings, evidence files and actions. Only the
// organisation's administrators may, and only after ticking the confirmation: nothing can bring
// it back (the audit log keeps that it happened).
func (s *Server) assessmentDelete(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	if !cc.CanAdmin {
		s.forbidden(w, r)
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		s.renderError(w, r, http.StatusUnprocessableEntity, "The cycle was not deleted",
			"Tick the box to confirm that "+cc.Cycle.Name+", its evidence files and its action plan should be deleted, and try again.")
		return
	}
	if err := s.db.DeleteCycle(r.Context(), actor(r), cc.Cycle.ID); err != nil {
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "Cycle "+cc.Cycle.Name+" has been deleted, with its evidence and actions.")
	http.Redirect(w, r, "/organisations/"+itoa(cc.Org.ID)+"/assessments", http.StatusSeeOther)
}
