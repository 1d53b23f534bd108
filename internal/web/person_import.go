package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// maxPeopleFile bounds an uploaded people file.
const maxPeopleFile = 10 << 20

type personImportView struct {
	Page
	Orgs         []orgItem
	Organisation string
	Filename     string
	Columns      []string
}

func (s *Server) personImportView(r *http.Request, pc peopleContext) personImportView {
	return personImportView{
		Page: s.page(r, "Import people", "people", crumb{"/", "Home"}, crumb{"/people", "People"}),
		Orgs: pc.employers(), Columns: transfer.PeopleColumns,
	}
}

func (s *Server) personImportForm(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.personImportView(r, pc)
	v.Organisation = r.URL.Query().Get("organisation")
	s.render(w, r, http.StatusOK, "person-import", v)
}

// personImport checks a whole HR extract before saving anything: every bad row is listed with
// its line and column, and nothing changes until the file is right. Re-importing a file updates
// the people it names (matched by staff number) instead of adding them again.
func (s *Server) personImport(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := s.personImportView(r, pc)
	fail := func(status int, errs ...fieldError) {
		for i, e := range errs {
			if i == maxListedProblems {
				v.Errors = append(v.Errors, fieldError{"file", fmt.Sprintf("and %d more problems", len(errs)-i)})
				break
			}
			v.Errors = append(v.Errors, e)
		}
		s.render(w, r, status, "person-import", v)
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, fieldError{"file", "The file must be smaller than 10 MB"})
			return
		}
		fail(http.StatusBadRequest, fieldError{"file", "Select a CSV or Excel file to import"})
		return
	}
	defer r.MultipartForm.RemoveAll()
	v.Organisation = r.FormValue("organisation")
	orgID, _ := strconv.ParseInt(v.Organisation, 10, 64)
	allowed := false
	for _, o := range v.Orgs {
		allowed = allowed || o.ID == orgID
	}
	var errs []fieldError
	if !allowed {
		errs = append(errs, fieldError{"organisation", "Select the organisation the people work for: one where you manage staff"})
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		fail(http.StatusUnprocessableEntity, append(errs, fieldError{"file", "Select a CSV or Excel file to import"})...)
		return
	}
	defer file.Close()
	v.Filename = header.Filename
	data, err := io.ReadAll(io.LimitReader(file, maxPeopleFile+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch {
	case len(data) > maxPeopleFile:
		errs = append(errs, fieldError{"file", "The file must be smaller than 10 MB"})
	case len(data) == 0:
		errs = append(errs, fieldError{"file", "The selected file is empty"})
	}
	if len(errs) > 0 {
		fail(http.StatusUnprocessableEntity, errs...)
		return
	}
	roles, err := s.db.EmployerRoles(r.Context(), orgID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	teams, err := s.db.Teams(r.Context(), orgID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	roleIDs, teamIDs := map[string]int64{}, map[string]int64{}
	for _, role := range roles {
		roleIDs[role.Title] = role.ID
	}
	for _, t := range teams {
		teamIDs[t.Name] = t.ID
	}
	people, where, problems := transfer.PreparePeople(header.Filename, data, transfer.NameLookup(roleIDs), transfer.NameLookup(teamIDs))
	if len(problems) > 0 {
		fail(http.StatusUnprocessableEntity, problemErrors(header.Filename, problems)...)
		return
	}
	res, err := s.db.ImportPeople(r.Context(), actor(r), orgID, people)
	var inv *store.InvalidPeopleError
	if errors.As(err, &inv) {
		var ps []transfer.Problem
		for _, pp := range inv.People {
			for _, pr := range pp.Problems {
				ps = append(ps, transfer.PersonProblem(where, pp.Index, pr.Field, pr.Message))
			}
		}
		fail(http.StatusUnprocessableEntity, problemErrors(header.Filename, ps)...)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Imported %s into %s: %d %s added, %d updated, %d unchanged.", header.Filename, pc.names[orgID],
		res.Created, plural(res.Created, "person", "people"), res.Updated, res.Unchanged))
	http.Redirect(w, r, "/people", http.StatusSeeOther)
}

func problemErrors(filename string, ps []transfer.Problem) []fieldError {
	out := make([]fieldError, len(ps))
	for i, p := range ps {
		out[i] = fieldError{"file", filename + ": " + p.String()}
	}
	return out
}
