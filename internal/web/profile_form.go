package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// profileFormView is the profile form: every element of the framework grouped by domain, with
// what the person typed, the running total and the framework's guidance.
type profileFormView struct {
	Page
	F       *framework.Framework
	Action  string // where the form posts
	Title   string
	Version int // the version being edited, for the conflict check; 0 for a new profile
	Groups  []formGroup
	Levels  []framework.Level
	Total   int
	Target  int
	Checked bool // the person asked to check the shares without saving
	// MovedFrom and Notes explain a profile just moved from an earlier version, to review.
	MovedFrom string
	Notes     []string
	// ElementCount and ElementNoun say how many things take a share, in the framework's words.
	ElementCount int
	ElementNoun  string
	// RoleTitle is the role whose profile this is; "" for a person's own profile.
	RoleTitle string
	// Roles are the roles a person may name on their own profile, and AimRole the one named.
	Roles   []roleOption
	AimRole int64
}

type formGroup struct {
	Title    string
	Elements []formElement
}

type formElement struct {
	Node                     *framework.Node
	ShareID, LevelID, NoteID string
	Share, Level, Note       string
	ShareError, LevelError   string
}

func profileForm(page Page, f *framework.Framework, fm profile.Form, problems []profile.Problem) profileFormView {
	v := profileFormView{Page: page, F: f, Levels: f.Levels, Total: fm.Profile.Total(), Target: f.Rules.Total,
		ElementCount: len(f.ProfiledNodes()), ElementNoun: f.Rules.ProfileNodeType}
	errs := map[string]string{}
	for _, p := range problems {
		if _, dup := errs[p.Anchor()]; !dup {
			errs[p.Anchor()] = p.Message
		}
		v.Errors = append(v.Errors, fieldError{p.Anchor(), p.Message})
	}
	index := map[string]int{}
	for _, n := range f.ProfiledNodes() {
		group := ""
		if parent := f.Parent(n.Key); parent != nil {
			group = parent.Title
		}
		i, ok := index[group]
		if !ok {
			i = len(v.Groups)
			index[group] = i
			v.Groups = append(v.Groups, formGroup{Title: group})
		}
		el := formElement{
			Node:    n,
			ShareID: profile.ShareField(n.Key), LevelID: profile.LevelField(n.Key), NoteID: profile.NoteField(n.Key),
		}
		el.Share, el.Level, el.Note = fm.Value(el.ShareID), fm.Value(el.LevelID), fm.Value(el.NoteID)
		el.ShareError, el.LevelError = errs[el.ShareID], errs[el.LevelID]
		v.Groups[i].Elements = append(v.Groups[i].Elements, el)
	}
	return v
}

// profileFrameworkFor loads the framework version a new profile is made on: the one asked for,
// or the newest version of the first profile framework.
func (s *Server) profileFrameworkFor(r *http.Request, key, version string) (*framework.Framework, error) {
	if key == "" {
		fws, err := s.profileFrameworks(r)
		if err != nil || len(fws) == 0 {
			return nil, errors.Join(err, store.ErrNotFound)
		}
		key, version = fws[0].Key, fws[0].Version
	}
	var f *framework.Framework
	var meta store.FrameworkVersion
	var err error
	if version == "" {
		f, meta, err = s.db.LatestFrameworkVersion(r.Context(), key)
	} else {
		f, meta, err = s.db.FrameworkVersion(r.Context(), key, version)
	}
	if err != nil {
		return nil, err
	}
	if meta.OrganisationID != 0 || profile.FrameworkProblems(f) != nil {
		return nil, store.ErrNotFound
	}
	return f, nil
}

func (s *Server) newProfilePage(r *http.Request) Page {
	return s.page(r, "Create my profile", "profiles", crumb{"/", "Home"}, crumb{"/profiles", "Your profiles"})
}

func (s *Server) profileNewForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.profileFrameworkFor(r, q.Get("framework"), q.Get("version"))
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	v := profileForm(s.newProfilePage(r), f, profile.NewForm(profile.Empty(f), f), nil)
	v.Action = "/profiles"
	v.Title = "My role today"
	if v.Roles, err = s.namableRoles(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile-form", v)
}

// submittedProfile reads the form and says what to do with it: "check" shows the total and
// any problems without saving, "draft" saves what is there, anything else saves a complete
// profile.
func submittedProfile(r *http.Request, f *framework.Framework) (profile.Form, string, []profile.Problem) {
	_ = r.ParseForm() // a body that cannot be read leaves the form empty, which Check reports
	fm := profile.ParseForm(r.PostForm, f)
	action := r.PostFormValue("action")
	fm.Profile.Draft = action == "draft"
	return fm, action, fm.Check(f)
}

func (s *Server) profileCreate(w http.ResponseWriter, r *http.Request) {
	f, err := s.profileFrameworkFor(r, r.PostFormValue("framework"), r.PostFormValue("framework_version"))
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	fm, action, problems := submittedProfile(r, f)
	title := strings.TrimSpace(r.PostFormValue("title"))
	if title == "" {
		problems = append([]profile.Problem{{Field: "title", Message: "Give the profile a name, like My role today"}}, problems...)
	}
	roles, err := s.namableRoles(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	aim, problem := submittedRole(r, roles)
	if problem != nil {
		problems = append([]profile.Problem{*problem}, problems...)
	}
	if action == "check" || len(problems) > 0 {
		v := profileForm(s.newProfilePage(r), f, fm, problems)
		v.Action, v.Title, v.Checked = "/profiles", title, action == "check"
		v.Roles, v.AimRole = roles, aim
		status := http.StatusUnprocessableEntity
		if len(problems) == 0 {
			status = http.StatusOK
		}
		s.render(w, r, status, "profile-form", v)
		return
	}
	me := currentViewer(r)
	rec, err := s.db.CreateProfile(r.Context(), actor(r), store.Profile{UserID: me.User.ID, AimRoleID: aim, Title: title, Profile: fm.Profile})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if fm.Profile.Draft {
		s.flash(r, "Your draft has been saved. Finish it when you are ready.")
	} else {
		s.flash(r, "Your profile has been saved.")
	}
	http.Redirect(w, r, "/profiles/"+strconv.FormatInt(rec.ID, 10), http.StatusSeeOther)
}

func (s *Server) profileEditForm(w http.ResponseWriter, r *http.Request) {
	rec, f, ok := s.loadEditableProfile(w, r)
	if !ok {
		return
	}
	v := profileForm(s.editPage(r, rec), f, profile.NewForm(rec.Profile, f), nil)
	v.Action, v.Title, v.Version, v.AimRole = fmt.Sprintf("/profiles/%d", rec.ID), rec.Title, rec.Version, rec.AimRoleID
	if err := s.formOwner(r, rec, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile-form", v)
}

func (s *Server) editPage(r *http.Request, rec store.Profile) Page {
	crumbs := append(s.profileCrumbs(r, rec), crumb{fmt.Sprintf("/profiles/%d", rec.ID), rec.Title})
	nav := "profiles"
	if rec.RoleID != 0 {
		nav = "roles"
	}
	return s.page(r, "Change "+rec.Title, nav, crumbs...)
}

// profileCrumbs are the breadcrumbs above a profile's own pages: a person's profile sits under
// "Your profiles", a role's profile under its role.
func (s *Server) profileCrumbs(r *http.Request, rec store.Profile) []crumb {
	if rec.RoleID == 0 {
		return []crumb{{"/", "Home"}, {"/profiles", "Your profiles"}}
	}
	crumbs := []crumb{{"/", "Home"}, {"/roles", "Roles"}}
	if role, err := s.db.Role(r.Context(), rec.RoleID); err == nil {
		crumbs = append(crumbs, crumb{rolePath(role.ID), role.Title})
	}
	return crumbs
}

// formOwner fills what the form shows about whose profile it is: the role's title for a role's
// profile, the roles a person may name for their own.
func (s *Server) formOwner(r *http.Request, rec store.Profile, v *profileFormView) error {
	if rec.RoleID != 0 {
		role, err := s.db.Role(r.Context(), rec.RoleID)
		if err != nil {
			return err
		}
		v.RoleTitle = role.Title
		return nil
	}
	roles, err := s.namableRoles(r)
	v.Roles = roles
	return err
}

// submittedRole reads the role a person names on their own profile: none, or one of the roles
// they were offered.
func submittedRole(r *http.Request, offered []roleOption) (int64, *profile.Problem) {
	raw := strings.TrimSpace(r.PostFormValue("aim_role"))
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	for _, o := range offered {
		if err == nil && o.ID == id {
			return id, nil
		}
	}
	return 0, &profile.Problem{Field: "aim_role", Message: "Choose a role from the list, or no role"}
}

// profileUpdate saves a new version of a profile. A save based on an older version than the
// stored one is refused with the person's values kept, so nothing is lost.
func (s *Server) profileUpdate(w http.ResponseWriter, r *http.Request) {
	rec, f, ok := s.loadEditableProfile(w, r)
	if !ok {
		return
	}
	f, err := s.profileTarget(r, rec, f)
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	fm, action, problems := submittedProfile(r, f)
	title := strings.TrimSpace(r.PostFormValue("title"))
	if title == "" {
		problems = append([]profile.Problem{{Field: "title", Message: "Give the profile a name, like My role today"}}, problems...)
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v := profileForm(s.editPage(r, rec), f, fm, nil)
	if err := s.formOwner(r, rec, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	aim := rec.AimRoleID
	if rec.UserID != 0 {
		var problem *profile.Problem
		if aim, problem = submittedRole(r, v.Roles); problem != nil {
			problems = append([]profile.Problem{*problem}, problems...)
		}
	}
	render := func(status int, problems []profile.Problem) {
		v := profileForm(s.editPage(r, rec), f, fm, problems)
		v.Action, v.Title, v.Version, v.Checked = fmt.Sprintf("/profiles/%d", rec.ID), title, version, action == "check"
		_ = s.formOwner(r, rec, &v) // read a moment ago
		v.AimRole = aim
		s.render(w, r, status, "profile-form", v)
	}
	if len(problems) > 0 {
		render(http.StatusUnprocessableEntity, problems)
		return
	}
	if action == "check" {
		render(http.StatusOK, nil)
		return
	}
	current := rec.Version
	rec.Title, rec.Profile, rec.Version, rec.AimRoleID = title, fm.Profile, version, aim
	saved, err := s.db.UpdateProfile(r.Context(), actor(r), rec)
	if errors.Is(err, store.ErrConflict) {
		// The form now carries the stored version, so saving again applies these values knowingly.
		version = current
		render(http.StatusConflict, []profile.Problem{{Field: "title", Message: "This profile was changed somewhere else while you were editing it. Your changes are below and have not been saved: check the profile's history, then save again to replace that version with yours"}})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if rec.RoleID != 0 {
		s.flash(r, "The role's profile has been saved. The previous version is in the history.")
	} else {
		s.flash(r, "Your changes have been saved. The previous version is in the history.")
	}
	http.Redirect(w, r, fmt.Sprintf("/profiles/%d", saved.ID), http.StatusSeeOther)
}

// loadEditableProfile is loadProfile for a change: a person changes their own profiles, a
// manager, planner or administrator their organisation's role profiles. Someone who may see the
// profile but not change it is refused (403); anyone else gets "not found".
func (s *Server) loadEditableProfile(w http.ResponseWriter, r *http.Request) (store.Profile, *framework.Framework, bool) {
	rec, f, rights, ok := s.loadProfile(w, r)
	if !ok {
		return rec, f, false
	}
	if !rights.Change {
		s.forbidden(w, r)
		return rec, f, false
	}
	return rec, f, true
}
