package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// maxProfileFile bounds an uploaded profile table: a thousand profiles are well under 1 MB.
const maxProfileFile = 5 << 20

type profileImportView struct {
	Page
	Filename string
	Problems []transfer.Problem
	More     int // problems left out of the table
}

func (s *Server) profileImportView(r *http.Request) profileImportView {
	return profileImportView{Page: s.page(r, "Import profiles", "profiles", crumb{"/", "Home"}, crumb{"/profiles", "Your profiles"})}
}

func (s *Server) profileImportForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "profile-import", s.profileImportView(r))
}

// profileImport reads a profile table (CSV or XLSX, as the export writes it) and saves every
// profile in it as a new profile, or none: each bad row is listed by line, column and reason.
// A row with a role_id adds a profile to that role, which needs the manager access role (or
// above) in the role's organisation; a row without one becomes the importer's own profile.
func (s *Server) profileImport(w http.ResponseWriter, r *http.Request) {
	v := s.profileImportView(r)
	fail := func(status int, summary string, problems []transfer.Problem) {
		v.Errors = []fieldError{{"file", summary}}
		if len(problems) > maxListedProblems {
			v.More = len(problems) - maxListedProblems
			problems = problems[:maxListedProblems]
		}
		v.Problems = problems
		s.render(w, r, status, "profile-import", v)
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "The file must be smaller than 5 MB", nil)
			return
		}
		fail(http.StatusBadRequest, "Select a CSV or Excel file of profiles to import", nil)
		return
	}
	defer r.MultipartForm.RemoveAll()
	file, header, err := r.FormFile("file")
	if err != nil {
		fail(http.StatusUnprocessableEntity, "Select a CSV or Excel file of profiles to import", nil)
		return
	}
	defer file.Close()
	v.Filename = header.Filename
	data, err := io.ReadAll(io.LimitReader(file, maxProfileFile+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch {
	case len(data) > maxProfileFile:
		fail(http.StatusRequestEntityTooLarge, "The file must be smaller than 5 MB", nil)
		return
	case len(data) == 0:
		fail(http.StatusUnprocessableEntity, "The selected file is empty", nil)
		return
	}
	lookup := s.importFrameworks(r)
	var recs []transfer.ProfileRecord
	var problems []transfer.Problem
	if transfer.DetectProfiles(data) == transfer.FormatXLSX {
		recs, problems = transfer.ReadProfilesXLSX(bytes.NewReader(data), lookup.get)
	} else {
		recs, problems = transfer.ReadProfilesCSV(bytes.NewReader(data), lookup.get)
	}
	if lookup.err != nil {
		s.serverError(w, r, lookup.err)
		return
	}
	ps, more, err := s.importOwners(r, recs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	problems = append(problems, more...)
	if len(problems) > 0 {
		fail(http.StatusUnprocessableEntity, fmt.Sprintf("%s was not imported: %d problem%s, listed below. Nothing was saved.", header.Filename, len(problems), plural(len(problems), "", "s")), problems)
		return
	}
	saved, err := s.db.ImportProfiles(r.Context(), actor(r), ps)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Imported %d profile%s from %s.", len(saved), plural(len(saved), "", "s"), header.Filename))
	http.Redirect(w, r, "/profiles", http.StatusSeeOther)
}

// importOwners decides whose each imported profile is, and reports the rows naming a role the
// importer may not add profiles to (without saying whether the role exists).
func (s *Server) importOwners(r *http.Request, recs []transfer.ProfileRecord) ([]store.Profile, []transfer.Problem, error) {
	sc, err := s.scopeFor(r)
	if err != nil {
		return nil, nil, err
	}
	me := currentViewer(r).User.ID
	var out []store.Profile
	var problems []transfer.Problem
	for _, rec := range recs {
		p := store.Profile{Title: rec.Title, Profile: rec.Profile, UserID: me}
		if rec.RoleID != 0 {
			role, err := s.db.Role(r.Context(), rec.RoleID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, nil, err
			}
			if err != nil || !sc.may(role.OrganisationID, store.ChangeRoleProfiles) {
				problems = append(problems, transfer.Problem{Line: rec.Line, Field: "role_id",
					Reason: fmt.Sprintf("you cannot add profiles to role %d: it needs the manager, planner or administrator access role in the role's organisation", rec.RoleID)})
				continue
			}
			p.UserID, p.RoleID, p.OrganisationID = 0, role.ID, role.OrganisationID
		}
		out = append(out, p)
	}
	return out, problems, nil
}

// importFrameworks looks up the framework versions an import may use: the public versions of
// profile frameworks, as for a profile made with the form.
func (s *Server) importFrameworks(r *http.Request) *frameworkFilter {
	return &frameworkFilter{memo: s.frameworkMemo(r), s: s, r: r}
}

type frameworkFilter struct {
	memo *frameworkMemo
	s    *Server
	r    *http.Request
	err  error
	ok   map[string]bool
}

func (ff *frameworkFilter) get(key, version string) *framework.Framework {
	f := ff.memo.get(key, version)
	if ff.memo.err != nil {
		ff.err = ff.memo.err
	}
	if f == nil || f.Kind != framework.KindProfile || profile.FrameworkProblems(f) != nil {
		return nil
	}
	if ff.ok == nil {
		ff.ok = map[string]bool{}
	}
	ref := f.ID()
	if allowed, seen := ff.ok[ref]; seen {
		if !allowed {
			return nil
		}
		return f
	}
	_, meta, err := ff.s.db.FrameworkVersion(ff.r.Context(), key, version)
	if err != nil {
		ff.err = errors.Join(ff.err, ignoreNotFound(err))
		return nil
	}
	ff.ok[ref] = meta.OrganisationID == 0
	if meta.OrganisationID != 0 {
		return nil
	}
	return f
}
