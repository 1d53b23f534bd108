package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// orgFrameworkPublish publishes a draft: from then on it never changes and roles can require
// its competences.
func (s *Server) orgFrameworkPublish(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	cur, ok := s.orgFrameworkVersion(w, r, org)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	token := r.PostFormValue("token")
	pub := *cur
	pub.Status = framework.StatusPublished
	if problems := framework.Validate(&pub); len(problems) > 0 {
		s.renderError(w, r, http.StatusUnprocessableEntity, "This framework cannot be published yet", problems[0].String())
		return
	}
	if _, err := s.db.UpdateDraftFramework(r.Context(), actor(r), org.ID, &pub, token); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.renderError(w, r, http.StatusConflict, "The framework was not published",
				"Someone changed or published it after you opened it. Open it again, check it, and publish it then.")
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("%s version %s is published. Roles can now require its competences.", cur.Title, cur.Version))
	http.Redirect(w, r, fmt.Sprintf("/organisations/%d/frameworks", org.ID), http.StatusSeeOther)
}

// orgFrameworkNewVersion starts a new draft version as a copy of a version of the framework.
func (s *Server) orgFrameworkNewVersion(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	cur, ok := s.orgFrameworkVersion(w, r, org)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	version := strings.TrimSpace(r.PostFormValue("new_version"))
	if version == "" || strings.ContainsAny(version, "/?#") {
		s.renderError(w, r, http.StatusUnprocessableEntity, "Enter the new version",
			"Give the new version a name such as 2 or 2025, without slashes, and try again.")
		return
	}
	next := *cur
	next.Version, next.Status, next.Crosswalk = version, framework.StatusDraft, nil
	if _, err := s.db.SaveOrganisationFrameworkVersion(r.Context(), actor(r), org.ID, &next); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.renderError(w, r, http.StatusConflict, "That version already exists",
				fmt.Sprintf("%s already has a version %s: choose another.", cur.Title, version))
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Version %s of %s has been started as a copy of version %s.", version, cur.Title, cur.Version))
	http.Redirect(w, r, orgFrameworkEditPath(org.ID, &next), http.StatusSeeOther)
}
