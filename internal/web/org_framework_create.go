package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// orgFrameworkNewForm shows the empty builder.
func (s *Server) orgFrameworkNewForm(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	form := fwForm{Version: "1"}
	form.moreRows()
	s.render(w, r, http.StatusOK, "org-framework-form", s.orgFrameworkFormView(r, org, form, false))
}

// orgFrameworkCreate saves a new framework as a draft of the organisation.
func (s *Server) orgFrameworkCreate(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	form := parseFwForm(r)
	v := s.orgFrameworkFormView(r, org, form, false)
	if r.PostFormValue("action") == "more" {
		v.Form.moreRows()
		s.render(w, r, http.StatusOK, "org-framework-form", v)
		return
	}
	f, errs := form.build(framework.StatusDraft)
	if len(errs) == 0 {
		free, err := s.keyFree(r, org.ID, f.Key)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !free {
			errs = append(errs, fieldError{"key", "Another framework has the key " + f.Key + ": choose another"})
		}
	}
	if len(errs) > 0 {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "org-framework-form", v)
		return
	}
	if _, err := s.db.SaveOrganisationFrameworkVersion(r.Context(), actor(r), org.ID, f); err != nil {
		if errors.Is(err, store.ErrConflict) {
			v.Errors = []fieldError{{"version", fmt.Sprintf("%s already has a version %s: choose another version", f.Title, f.Version)}}
			s.render(w, r, http.StatusConflict, "org-framework-form", v)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("%s version %s has been saved as a draft. Publish it when it is ready: roles can use it from then on.", f.Title, f.Version))
	http.Redirect(w, r, orgFrameworkEditPath(org.ID, f), http.StatusSeeOther)
}

func orgFrameworkEditPath(orgID int64, f *framework.Framework) string {
	return fmt.Sprintf("/organisations/%d/frameworks/%s/versions/%s/edit", orgID, f.Key, f.Version)
}
