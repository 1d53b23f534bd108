package web

import "net/http"

// signOutEverywhere serves POST /account/sign-out-everywhere: it ends every session of the
// account, this one too, for someone who signed in on a shared or lost device.
func (s *Server) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	if err := s.db.DeleteUserSessions(r.Context(), currentViewer(r).User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
