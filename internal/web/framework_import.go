package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// maxFrameworkFile bounds an uploaded framework file; the largest real ones are a few MB.
const maxFrameworkFile = 10 << 20

// maxListedProblems keeps the error summary readable; the count says how many more there are.
const maxListedProblems = 100

type frameworkImportView struct {
	Page
	Key, Title, Version, Kind string
	Kinds                     []framework.Kind
	Filename                  string
	// Action is where the form posts; OrgName is set when the framework will belong to one
	// organisation rather than be shared with everyone.
	Action, OrgName string
}

func (s *Server) importView(r *http.Request) frameworkImportView {
	return frameworkImportView{
		Page:   s.page(r, "Import a framework", "frameworks", crumb{"/", "Home"}, crumb{"/frameworks", "Frameworks"}),
		Kinds:  framework.Kinds,
		Action: "/frameworks/import",
	}
}

func (s *Server) frameworkImportForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "framework-import", s.importView(r))
}

// frameworkImport checks an uploaded file completely before saving anything: every problem is
// listed with its line, and the catalogue is unchanged until the file is right.
func (s *Server) frameworkImport(w http.ResponseWriter, r *http.Request) {
	s.importFramework(w, r, s.importView(r), 0)
}

// importFramework reads, checks and saves an uploaded framework file: shared with everyone when
// orgID is 0, otherwise owned by that organisation (which the caller has checked the user plans
// in). An organisation's framework whose file gives no status is a draft, so that it can be
// finished in the builder before roles use it.
func (s *Server) importFramework(w http.ResponseWriter, r *http.Request, v frameworkImportView, orgID int64) {
	fail := func(status int, msgs ...string) {
		for i, m := range msgs {
			if i == maxListedProblems {
				v.Errors = append(v.Errors, fieldError{"file", fmt.Sprintf("and %d more problems", len(msgs)-i)})
				break
			}
			v.Errors = append(v.Errors, fieldError{"file", m})
		}
		s.render(w, r, status, "framework-import", v)
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "The file must be smaller than 10 MB")
			return
		}
		fail(http.StatusBadRequest, "Select a framework file to import")
		return
	}
	defer r.MultipartForm.RemoveAll()
	v.Key = strings.TrimSpace(r.FormValue("key"))
	v.Title = strings.TrimSpace(r.FormValue("title"))
	v.Version = strings.TrimSpace(r.FormValue("version"))
	v.Kind = r.FormValue("kind")

	file, header, err := r.FormFile("file")
	if err != nil {
		fail(http.StatusUnprocessableEntity, "Select a framework file to import")
		return
	}
	defer file.Close()
	v.Filename = header.Filename
	data, err := io.ReadAll(io.LimitReader(file, maxFrameworkFile+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(data) > maxFrameworkFile {
		fail(http.StatusRequestEntityTooLarge, "The file must be smaller than 10 MB")
		return
	}
	if len(data) == 0 {
		fail(http.StatusUnprocessableEntity, "The selected file is empty")
		return
	}
	meta := framework.Framework{Key: v.Key, Title: v.Title, Version: v.Version, Kind: framework.Kind(v.Kind)}
	f, problems, err := transfer.ReadWith(header.Filename, data, meta)
	if err != nil {
		fail(http.StatusUnprocessableEntity, err.Error())
		return
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, header.Filename+": "+p.String())
	}
	if f != nil && len(msgs) == 0 {
		for _, p := range framework.Validate(f) {
			p.File = header.Filename
			msgs = append(msgs, p.String())
		}
	}
	if len(msgs) > 0 {
		fail(http.StatusUnprocessableEntity, msgs...)
		return
	}
	var err2 error
	if orgID == 0 {
		_, err2 = s.db.SaveFrameworkVersion(r.Context(), actor(r), f, false)
	} else {
		if free, err := s.keyFree(r, orgID, f.Key); err != nil {
			s.serverError(w, r, err)
			return
		} else if !free {
			fail(http.StatusConflict, fmt.Sprintf("Another framework has the key %s: change the key in the file (or give one in the details below, for CSV).", f.Key))
			return
		}
		if f.Status == "" {
			f.Status = framework.StatusDraft
		}
		_, err2 = s.db.SaveOrganisationFrameworkVersion(r.Context(), actor(r), orgID, f)
	}
	if err := err2; err != nil {
		if errors.Is(err, store.ErrConflict) {
			fail(http.StatusConflict, fmt.Sprintf("%s already has a version %s. Change the version in the file to add it as a new version.", f.Title, f.Version))
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Imported %s version %s with %d items.", f.Title, f.Version, f.CountNodes()))
	if orgID != 0 && f.Status == framework.StatusDraft && f.Kind == framework.KindCompetence {
		http.Redirect(w, r, orgFrameworkEditPath(orgID, f), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/frameworks/"+f.Key+"/versions/"+f.Version, http.StatusSeeOther)
}
