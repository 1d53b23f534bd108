package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

type userFormView struct {
	Page
	Name           string
	Email          string
	OrganisationID int64
	AccessRole     string
	Organisations  []orgItem
	AccessRoles    []accessRoleOption
}

type accessRoleOption struct {
	Value store.AccessRole
	Hint  string
}

// accessRoleOptions explains each access role where an administrator chooses one.
var accessRoleOptions = []accessRoleOption{
	{store.AccessAdministrator, "Manages users, organisations, services and teams, and everything a planner can do"},
	{store.AccessPlanner, "Plans the workforce: roles, scenarios, skill mix and costs"},
	{store.AccessManager, "Manages a team: sees its people and their development"},
	{store.AccessStaff, "A member of staff: sees and edits their own profile and career options"},
	{store.AccessViewer, "Reads what is published, changes nothing"},
}

type userCreatedView struct {
	Page
	User     store.User
	Password string
	Org      string
	Existing bool
}

func (s *Server) userForm(r *http.Request, sc scope) userFormView {
	var orgs []orgItem
	for _, it := range sc.items() {
		if sc.may(it.ID, store.ManageUsers) {
			orgs = append(orgs, it)
		}
	}
	return userFormView{
		Page:          s.page(r, "Add a user", "users", crumb{"/", "Home"}, crumb{"/users", "Users"}),
		Organisations: orgs,
		AccessRoles:   accessRoleOptions,
	}
}

func (s *Server) userNewForm(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.userForm(r, sc)
	v.OrganisationID, _ = strconv.ParseInt(r.URL.Query().Get("organisation"), 10, 64)
	v.AccessRole = string(store.AccessStaff)
	s.render(w, r, http.StatusOK, "user-new", v)
}

// userCreate adds an account with a one-time password shown to the administrator once, or gives
// an existing account access to one more organisation.
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.userForm(r, sc)
	v.Name = strings.TrimSpace(r.PostFormValue("name"))
	v.Email = strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	v.OrganisationID, _ = strconv.ParseInt(r.PostFormValue("organisation"), 10, 64)
	v.AccessRole = r.PostFormValue("access_role")

	if v.Name == "" {
		v.Errors = append(v.Errors, fieldError{"name", "Enter the person's full name"})
	}
	if v.Email == "" {
		v.Errors = append(v.Errors, fieldError{"email", "Enter the person's email address"})
	} else if a, err := mail.ParseAddress(v.Email); err != nil || a.Address != v.Email {
		v.Errors = append(v.Errors, fieldError{"email", "Enter an email address in the correct format, like name@example.nhs.uk"})
	}
	if !sc.may(v.OrganisationID, store.ManageUsers) {
		v.Errors = append(v.Errors, fieldError{"organisation", "Select an organisation you administer"})
	}
	role, err := store.ParseAccessRole(v.AccessRole)
	if err != nil {
		v.Errors = append(v.Errors, fieldError{"access_role", "Select an access role"})
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "user-new", v)
		return
	}

	ctx := r.Context()
	done := userCreatedView{Page: s.page(r, "User added", "users", crumb{"/", "Home"}, crumb{"/users", "Users"})}
	for _, o := range sc.orgs {
		if o.ID == v.OrganisationID {
			done.Org = o.Name
		}
	}
	u, err := s.db.UserByEmail(ctx, v.Email)
	switch {
	case err == nil:
		done.Existing = true
	case errors.Is(err, store.ErrNotFound):
		done.Password = auth.RandomPassword()
		hash, herr := auth.HashPassword(done.Password)
		if herr != nil {
			s.serverError(w, r, herr)
			return
		}
		u, err = s.db.CreateUser(ctx, actor(r), store.User{Email: v.Email, Name: v.Name, PasswordHash: hash})
		if errors.Is(err, store.ErrConflict) {
			// Someone added the same email address a moment ago: treat it as existing.
			u, err = s.db.UserByEmail(ctx, v.Email)
			done.Existing, done.Password = true, ""
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	default:
		s.serverError(w, r, err)
		return
	}
	if err := s.db.SetMembership(ctx, actor(r), u.ID, v.OrganisationID, role); err != nil {
		s.serverError(w, r, fmt.Errorf("giving access: %w", err))
		return
	}
	done.User = u
	// The one-time password is shown on this response only; it is never stored in plain text.
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "user-created", done)
}
