package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// A role's profile is made with the same form as a person's own: the same rules, drafts,
// history and conflict check. Managers, planners and administrators of the role's organisation
// make and change it (rightsTo).

func (s *Server) roleProfilePage(r *http.Request, role workforce.Role) Page {
	return s.page(r, "Create the profile of "+role.Title, "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"},
		crumb{rolePath(role.ID), role.Title})
}

// loadProfiledRole is loadRole for making a role's profile: the viewer must be a manager (or
// above) in the role's organisation.
func (s *Server) loadProfiledRole(w http.ResponseWriter, r *http.Request) (workforce.Role, bool) {
	role, rc, _, ok := s.loadRole(w, r)
	if !ok {
		return role, false
	}
	if !rc.sc.may(role.OrganisationID, store.ChangeRoleProfiles) {
		s.forbidden(w, r)
		return role, false
	}
	return role, true
}

// roleProfileNewForm shows the empty profile form for a role.
func (s *Server) roleProfileNewForm(w http.ResponseWriter, r *http.Request) {
	role, ok := s.loadProfiledRole(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, err := s.profileFrameworkFor(r, q.Get("framework"), q.Get("version"))
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	v := profileForm(s.roleProfilePage(r, role), f, profile.NewForm(profile.Empty(f), f), nil)
	v.Action, v.Title, v.RoleTitle = fmt.Sprintf("/roles/%d/profiles", role.ID), role.Title+": role profile", role.Title
	s.render(w, r, http.StatusOK, "profile-form", v)
}

// roleProfileCreate saves a new profile of a role (or a draft of one).
func (s *Server) roleProfileCreate(w http.ResponseWriter, r *http.Request) {
	role, ok := s.loadProfiledRole(w, r)
	if !ok {
		return
	}
	f, err := s.profileFrameworkFor(r, r.PostFormValue("framework"), r.PostFormValue("framework_version"))
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	fm, action, problems := submittedProfile(r, f)
	title := strings.TrimSpace(r.PostFormValue("title"))
	if title == "" {
		problems = append([]profile.Problem{{Field: "title", Message: "Give the profile a name, like " + role.Title + ": role profile"}}, problems...)
	}
	if action == "check" || len(problems) > 0 {
		v := profileForm(s.roleProfilePage(r, role), f, fm, problems)
		v.Action, v.Title, v.RoleTitle, v.Checked = fmt.Sprintf("/roles/%d/profiles", role.ID), title, role.Title, action == "check"
		status := http.StatusUnprocessableEntity
		if len(problems) == 0 {
			status = http.StatusOK
		}
		s.render(w, r, status, "profile-form", v)
		return
	}
	rec, err := s.db.CreateProfile(r.Context(), actor(r), store.Profile{
		OrganisationID: role.OrganisationID, RoleID: role.ID, Title: title, Profile: fm.Profile,
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if fm.Profile.Draft {
		s.flash(r, "The draft of the role's profile has been saved. Finish it when you are ready.")
	} else {
		s.flash(r, "The role's profile has been saved.")
	}
	http.Redirect(w, r, fmt.Sprintf("/profiles/%d", rec.ID), http.StatusSeeOther)
}
