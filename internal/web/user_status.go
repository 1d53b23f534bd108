package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// userSetStatus turns an account off or on again. The form carries the version it was drawn
// from, so a change made meanwhile by someone else is reported rather than overwritten.
func (s *Server) userSetStatus(w http.ResponseWriter, r *http.Request) {
	v, _, ok := s.loadManagedUser(w, r)
	if !ok {
		return
	}
	if !v.CanDisable {
		s.forbidden(w, r)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	u := v.User
	u.Version = version
	u.Disabled = r.PostFormValue("disabled") == "true"
	if _, err := s.db.UpdateUser(r.Context(), actor(r), u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.renderError(w, r, http.StatusConflict, "Someone else changed this account",
				"Another change was saved while you were looking at it. Go back, reload the page to see the account as it is now, and try again.")
			return
		}
		s.serverError(w, r, err)
		return
	}
	if u.Disabled {
		// Signing the person out everywhere makes the change take effect now.
		if err := s.db.DeleteUserSessions(r.Context(), u.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.flash(r, u.Name+" can no longer sign in.")
	} else {
		s.flash(r, u.Name+" can sign in again.")
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}
