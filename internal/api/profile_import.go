package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

type profileImportResult struct {
	Created  int          `json:"created"`
	Profiles []profileDoc `json:"profiles"`
}

// profileImport serves POST /api/v1/profiles/import: the profile table the export writes (CSV
// or XLSX, the same reader as the web page and the CLI) saved as new profiles, all or none. The
// body is the file itself (Content-Type text/csv or the XLSX type) or multipart/form-data with
// a "file" part. A row with a role_id adds a profile to that role, which needs the manager
// access role or above in the role's organisation; a row without one becomes the caller's own
// profile. Every problem of every row comes back in one 422 with its row and column.
func (s *server) profileImport(w http.ResponseWriter, r *http.Request) {
	data, name, err := profileFile(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lookup := &publicProfileFrameworks{s: s, r: r, seen: map[string]*framework.Framework{}}
	var recs []transfer.ProfileRecord
	var problems []transfer.Problem
	sheet := ""
	if transfer.DetectProfiles(data) == transfer.FormatXLSX {
		sheet = "Profiles"
		recs, problems = transfer.ReadProfilesXLSX(bytes.NewReader(data), lookup.get)
	} else {
		recs, problems = transfer.ReadProfilesCSV(bytes.NewReader(data), lookup.get)
	}
	if lookup.err != nil {
		s.fail(w, r, lookup.err)
		return
	}
	ps, more, err := s.profileOwners(r, recs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	problems = append(problems, more...)
	if len(problems) > 0 {
		ce := clientErrorf(store.ErrInvalid, "Nothing was imported: %s has %d problem(s), listed in errors with their row and column.", name, len(problems))
		for _, p := range problems {
			ce.withErrors(problemError{Detail: p.String(), Sheet: sheet, Row: p.Line, Column: p.Field})
		}
		s.fail(w, r, ce)
		return
	}
	saved, err := s.db.ImportProfiles(r.Context(), actor(r), ps)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := profileImportResult{Created: len(saved), Profiles: profileDocuments(saved).Profiles}
	s.writePrivate(w, r, http.StatusCreated, "", out)
}

// profileFile reads the uploaded profile table: the body itself, or a multipart "file" part.
func profileFile(r *http.Request) ([]byte, string, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	unsupported := clientErrorf(errUnsupportedMedia,
		"Send the profile table as it is, with Content-Type text/csv or %s, or as multipart/form-data with a \"file\" part.", contentXLSX)
	if err != nil {
		return nil, "", unsupported
	}
	read := func(body io.Reader) ([]byte, error) {
		data, err := io.ReadAll(io.LimitReader(body, maxImportFile+1))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, clientErrorf(errTooLarge, "The request body is larger than the server accepts (%d bytes).", tooBig.Limit)
		case err != nil:
			return nil, clientErrorf(errBadRequest, "The request body could not be read.")
		case len(data) > maxImportFile:
			return nil, clientErrorf(errTooLarge, "The file must be smaller than %d MiB: split it into smaller files.", maxImportFile>>20)
		case len(data) == 0:
			return nil, clientErrorf(store.ErrInvalid, "The file is empty: nothing was imported.")
		}
		return data, nil
	}
	switch mt {
	case "text/csv":
		data, err := read(r.Body)
		return data, "profiles.csv", err
	case contentXLSX:
		data, err := read(r.Body)
		return data, "profiles.xlsx", err
	case "multipart/form-data":
		mr := multipartReader(r, params["boundary"])
		if mr == nil {
			return nil, "", clientErrorf(errBadRequest, "The multipart body has no boundary.")
		}
		for {
			part, perr := mr.NextPart()
			if errors.Is(perr, io.EOF) {
				break
			}
			if perr != nil {
				return nil, "", clientErrorf(errBadRequest, "The multipart body cannot be read.")
			}
			if part.FormName() != "file" {
				part.Close()
				continue
			}
			data, err := read(part)
			name := part.FileName()
			part.Close()
			if name == "" {
				name = "the file"
			}
			return data, name, err
		}
		return nil, "", clientErrorf(errBadRequest, "The multipart body has no \"file\" part.").
			withErrors(problemError{Pointer: "/file", Detail: "Send the profile table in a part named file."})
	}
	return nil, "", unsupported
}

// profileOwners decides whose each imported profile is, as the web page does, and reports the
// rows naming a role the caller may not add profiles to (without saying whether it exists).
func (s *server) profileOwners(r *http.Request, recs []transfer.ProfileRecord) ([]store.Profile, []transfer.Problem, error) {
	sc, err := s.scopeOf(r)
	if err != nil {
		return nil, nil, err
	}
	me := callerOf(r).UserID
	var out []store.Profile
	var problems []transfer.Problem
	for _, rec := range recs {
		p := store.Profile{Title: rec.Title, Profile: rec.Profile, UserID: me}
		if rec.RoleID == 0 && me == 0 {
			problems = append(problems, transfer.Problem{Line: rec.Line, Field: "role_id",
				Reason: "a service token has no profiles of its own: give the role_id of the role this profile describes"})
			continue
		}
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

// publicProfileFrameworks looks up the framework versions an import may use: public versions of
// profile frameworks, as for a profile made with POST /api/v1/profiles.
type publicProfileFrameworks struct {
	s    *server
	r    *http.Request
	seen map[string]*framework.Framework
	err  error
}

func (l *publicProfileFrameworks) get(key, version string) *framework.Framework {
	ref := key + "@" + version
	if f, ok := l.seen[ref]; ok {
		return f
	}
	f, meta, err := l.s.db.FrameworkVersion(l.r.Context(), key, version)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		l.err = errors.Join(l.err, err)
	}
	if err != nil || !isPublic(meta) || f.Kind != framework.KindProfile || profile.FrameworkProblems(f) != nil {
		f = nil
	}
	l.seen[ref] = f
	return f
}
