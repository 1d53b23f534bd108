package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

// userSetAccess gives a user an access role in an organisation the viewer administers, or
// removes it ("none").
func (s *Server) userSetAccess(w http.ResponseWriter, r *http.Request) {
	v, sc, ok := s.loadManagedUser(w, r)
	if !ok {
		return
	}
	orgID, _ := strconv.ParseInt(r.PostFormValue("organisation"), 10, 64)
	choice := r.PostFormValue("access_role")
	v.AccessRole = choice
	if !sc.may(orgID, store.ManageUsers) {
		v.Errors = append(v.Errors, fieldError{"organisation", "Select an organisation you administer"})
	}
	var role store.AccessRole
	if choice != "none" {
		var err error
		if role, err = store.ParseAccessRole(choice); err != nil {
			v.Errors = append(v.Errors, fieldError{"access_role", "Select an access role"})
		}
	}
	if v.IsSelf && orgID != 0 && role != store.AccessAdministrator && !v.User.SiteAdmin {
		v.Errors = append(v.Errors, fieldError{"access_role", "You cannot lower your own access role: ask another administrator"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "user-show", v)
		return
	}
	var err error
	if choice == "none" {
		err = s.db.RemoveMembership(r.Context(), actor(r), v.User.ID, orgID)
	} else {
		err = s.db.SetMembership(r.Context(), actor(r), v.User.ID, orgID, role)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Access is read afresh with every request, so the change applies at once; ending the
	// person's sessions as well means a session that began with other access is never kept
	// (the "session renewal on role change"). They sign in again.
	if !v.IsSelf {
		if err := s.db.DeleteUserSessions(r.Context(), v.User.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	name := ""
	for _, o := range sc.orgs {
		if o.ID == orgID {
			name = o.Name
		}
	}
	if choice == "none" {
		s.flash(r, fmt.Sprintf("%s no longer has access to %s.%s", v.User.Name, name, signInAgain(v.IsSelf)))
	} else {
		s.flash(r, fmt.Sprintf("%s is now %s in %s.%s", v.User.Name, withArticle(string(role)), name, signInAgain(v.IsSelf)))
	}
	http.Redirect(w, r, "/users/"+strconv.FormatInt(v.User.ID, 10), http.StatusSeeOther)
}

func withArticle(s string) string {
	if s != "" && (s[0] == 'a' || s[0] == 'e' || s[0] == 'i' || s[0] == 'o' || s[0] == 'u') {
		return "an " + s
	}
	return "a " + s
}

func signInAgain(self bool) string {
	if self {
		return ""
	}
	return " They will need to sign in again."
}
