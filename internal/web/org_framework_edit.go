package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// orgFrameworkEditForm shows the builder filled with a draft. A published version cannot
// change: it is shown on its framework page instead.
func (s *Server) orgFrameworkEditForm(w http.ResponseWriter, r *http.Request) {
	org, ok, canPlan := s.orgFrameworkAccess(w, r)
	if !ok {
		return
	}
	f, ok := s.orgFrameworkVersion(w, r, org)
	if !ok {
		return
	}
	if !canPlan {
		s.forbidden(w, r)
		return
	}
	if f.Status != framework.StatusDraft {
		http.Redirect(w, r, "/frameworks/"+f.Key+"/versions/"+f.Version, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "org-framework-form", s.orgFrameworkFormView(r, org, formFromFramework(f), true))
}

// orgFrameworkUpdate saves the builder over a draft, refusing a stale form (409).
func (s *Server) orgFrameworkUpdate(w http.ResponseWriter, r *http.Request) {
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
	form := parseFwForm(r)
	form.Key, form.Version = cur.Key, cur.Version // fixed once saved
	v := s.orgFrameworkFormView(r, org, form, true)
	if r.PostFormValue("action") == "more" {
		v.Form.moreRows()
		s.render(w, r, http.StatusOK, "org-framework-form", v)
		return
	}
	f, errs := form.build(framework.StatusDraft)
	if len(errs) > 0 {
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "org-framework-form", v)
		return
	}
	f.Publisher, f.Source, f.Licence, f.Language = cur.Publisher, cur.Source, cur.Licence, cur.Language
	if _, err := s.db.UpdateDraftFramework(r.Context(), actor(r), org.ID, f, form.Token); err != nil {
		if errors.Is(err, store.ErrConflict) {
			v.Errors = []fieldError{{"", "Someone else changed or published this framework while you were editing it. Your changes are below: open the framework again to see theirs, then make yours again."}}
			s.render(w, r, http.StatusConflict, "org-framework-form", v)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, f.Title+" version "+f.Version+" has been saved.")
	http.Redirect(w, r, orgFrameworkEditPath(org.ID, f), http.StatusSeeOther)
}
