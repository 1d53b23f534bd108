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
}

func (s *Server) importView(r *http.Request) frameworkImportView {
	return frameworkImportView{
		Page:  s.page(r, "Import a framework", "frameworks", crumb{"/", "Home"}, crumb{"/frameworks", "Frameworks"}),
		Kinds: framework.Kinds,
	}
}

func (s *Server) frameworkImportForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "framework-import", s.importView(r))
}

// frameworkImport checks an uploaded file completely before saving anything: every problem is
// listed with its line, and the catalogue is unchanged until the file is right.
func (s *Server) frameworkImport(w http.ResponseWriter, r *http.Request) {
	v := s.importView(r)
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
	if _, err := s.db.SaveFrameworkVersion(r.Context(), actor(r), f, false); err != nil {
		if errors.Is(err, store.ErrConflict) {
			fail(http.StatusConflict, fmt.Sprintf("%s already has a version %s. Change the version in the file to add it as a new version.", f.Title, f.Version))
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Imported %s version %s with %d items.", f.Title, f.Version, f.CountNodes()))
	http.Redirect(w, r, "/frameworks/"+f.Key+"/versions/"+f.Version, http.StatusSeeOther)
}
