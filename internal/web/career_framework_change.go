package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// The grid page's own forms: add a role to a family, take one out, add a route, remove one. Each
// carries the version the page showed: a change to a framework someone else saved meanwhile is
// refused (409) and the page shows the saved framework with the person's values kept in the
// form, to check and send again.

// careerChange saves edit (the framework as the form would make it) and answers: back to the
// grid with a message, or the grid again with the errors and the form values kept.
func (s *Server) careerChange(w http.ResponseWriter, r *http.Request, rc roleContext, cur, edit career.Framework,
	done string, keep func(v *careerGridView), field func(p career.Problem) string) {
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	edit.Version = version
	fail := func(status int, errs []fieldError) {
		now := cur
		if status == http.StatusConflict {
			if f, err := s.db.CareerFramework(r.Context(), cur.ID); err == nil {
				now = f
			}
		}
		v, err := s.careerGrid(r, rc, roleAccess{Own: rc.inScope(cur.OrganisationID), Plan: true}, now)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		keep(&v)
		v.Errors = errs
		s.render(w, r, status, "career-framework-show", v)
	}
	saved, err := s.db.UpdateCareerFramework(r.Context(), actor(r), edit)
	var invalid *store.InvalidCareerFrameworkError
	switch {
	case errors.As(err, &invalid):
		var errs []fieldError
		for _, p := range invalid.Problems {
			errs = append(errs, fieldError{field(p), p.Message})
		}
		fail(http.StatusUnprocessableEntity, errs)
		return
	case errors.Is(err, store.ErrConflict):
		fail(http.StatusConflict, []fieldError{{"", "Someone else changed this career framework while you were looking at it, so your change has not been saved. The grid now shows their version: check it, then send your change again"}})
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.flash(r, done)
	http.Redirect(w, r, careerFrameworkPath(saved.ID), http.StatusSeeOther)
}

func formID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PostFormValue(name), 10, 64)
	return id
}

// careerPlacementAdd puts a role in a family, at the role's own level.
func (s *Server) careerPlacementAdd(w http.ResponseWriter, r *http.Request) {
	f, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	form := placementForm{Role: r.PostFormValue("role"), Family: r.PostFormValue("family")}
	keep := func(v *careerGridView) { v.AddRole = form }
	var errs []fieldError
	roleID := formID(r, "role")
	if roleID == 0 {
		errs = append(errs, fieldError{"add-role", "Choose a role to add"})
	}
	if _, ok := f.Family(form.Family); !ok {
		errs = append(errs, fieldError{"add-family", "Choose the role family to put it in"})
	}
	if len(errs) > 0 {
		s.careerFail(w, r, rc, f, http.StatusUnprocessableEntity, errs, keep)
		return
	}
	edit := f
	edit.Placements = append(append([]career.Placement(nil), f.Placements...), career.Placement{RoleID: roleID, FamilyKey: form.Family})
	roles, _ := s.db.CareerFrameworkRoles(r.Context(), []int64{roleID})
	fam, _ := f.Family(form.Family)
	s.careerChange(w, r, rc, f, edit, roleTitle(roles, roleID)+" has been added to "+fam.Name+".", keep,
		func(career.Problem) string { return "add-role" })
}

// careerPlacementRemove takes a role out of the framework, with its routes.
func (s *Server) careerPlacementRemove(w http.ResponseWriter, r *http.Request) {
	f, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	roleID := formID(r, "role")
	if _, placed := f.Placed(roleID); !placed {
		s.careerFail(w, r, rc, f, http.StatusUnprocessableEntity, []fieldError{{"", "That role is not in the framework any more: the grid shows it as it is now"}}, func(*careerGridView) {})
		return
	}
	roles, _ := s.db.CareerFrameworkRoles(r.Context(), []int64{roleID})
	s.careerChange(w, r, rc, f, f.WithoutRole(roleID), roleTitle(roles, roleID)+" and its routes have been taken out of the framework.",
		func(*careerGridView) {}, func(career.Problem) string { return "" })
}

// careerRouteAdd adds a route between two placed roles.
func (s *Server) careerRouteAdd(w http.ResponseWriter, r *http.Request) {
	f, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	form := routeForm{From: r.PostFormValue("from"), To: r.PostFormValue("to"), Kind: r.PostFormValue("kind"),
		Qualification: r.PostFormValue("qualification"), Note: r.PostFormValue("note"), Registration: r.PostFormValue("registration_required") == "yes"}
	keep := func(v *careerGridView) { v.AddRoute = form }
	from, to := formID(r, "from"), formID(r, "to")
	var errs []fieldError
	if from == 0 {
		errs = append(errs, fieldError{"route-from", "Choose the role the route starts from"})
	}
	if to == 0 {
		errs = append(errs, fieldError{"route-to", "Choose the role the route leads to"})
	}
	if form.Kind != career.KindUp && form.Kind != career.KindAcross {
		errs = append(errs, fieldError{"route-kind", "Choose whether the route goes up a level or across at the same level"})
	}
	if len(errs) > 0 {
		s.careerFail(w, r, rc, f, http.StatusUnprocessableEntity, errs, keep)
		return
	}
	edit := f
	edit.Routes = append(append([]career.Route(nil), f.Routes...), career.Route{FromRoleID: from, ToRoleID: to, Kind: form.Kind,
		RegistrationRequired: form.Registration, Qualification: form.Qualification, Note: form.Note})
	roles, _ := s.db.CareerFrameworkRoles(r.Context(), []int64{from, to})
	s.careerChange(w, r, rc, f, edit, "The route from "+roleTitle(roles, from)+" to "+roleTitle(roles, to)+" has been added.", keep,
		func(p career.Problem) string {
			switch {
			case strings.Contains(p.Message, "qualification"):
				return "route-qualification"
			case strings.Contains(p.Message, "note"):
				return "route-note"
			case strings.Contains(p.Message, "route up") || strings.Contains(p.Message, "route across") || strings.Contains(p.Message, "up a level or across"):
				return "route-kind"
			case strings.Contains(p.Message, "add the role before a route to it"):
				return "route-to"
			}
			return "route-from"
		})
}

// careerRouteRemove removes the route between two roles.
func (s *Server) careerRouteRemove(w http.ResponseWriter, r *http.Request) {
	f, rc, ok := s.loadPlannedCareerFramework(w, r)
	if !ok {
		return
	}
	gone := career.Route{FromRoleID: formID(r, "from"), ToRoleID: formID(r, "to")}
	edit := f
	edit.Routes = nil
	for _, rt := range f.Routes {
		if !rt.Same(gone) {
			edit.Routes = append(edit.Routes, rt)
		}
	}
	if len(edit.Routes) == len(f.Routes) {
		s.careerFail(w, r, rc, f, http.StatusUnprocessableEntity, []fieldError{{"", "That route is not in the framework any more: the grid shows it as it is now"}}, func(*careerGridView) {})
		return
	}
	roles, _ := s.db.CareerFrameworkRoles(r.Context(), []int64{gone.FromRoleID, gone.ToRoleID})
	s.careerChange(w, r, rc, f, edit, "The route from "+roleTitle(roles, gone.FromRoleID)+" to "+roleTitle(roles, gone.ToRoleID)+" has been removed.",
		func(*careerGridView) {}, func(career.Problem) string { return "" })
}

// careerFail shows the grid again with errors found before saving.
func (s *Server) careerFail(w http.ResponseWriter, r *http.Request, rc roleContext, f career.Framework, status int, errs []fieldError, keep func(v *careerGridView)) {
	v, err := s.careerGrid(r, rc, roleAccess{Own: rc.inScope(f.OrganisationID), Plan: true}, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	keep(&v)
	v.Errors = errs
	s.render(w, r, status, "career-framework-show", v)
}
