package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// personForm is what the add and change forms hold, as typed, so that a form with errors shows
// everything again.
type personForm struct {
	Organisation string
	StaffNumber  string
	Name         string
	WorkEmail    string
	AccountEmail string
	Rows         []assignmentRow
}

// assignmentRow is one row of the assignments table of the form. Row i's fields have the ids
// assignments-i-role, -team, -fte, -start_date and -end_date.
type assignmentRow struct {
	Index                       int
	Role, Team, FTE, Start, End string
}

// blankRows is how many empty assignment rows the form offers below the filled ones.
const blankRows = 1

func (f *personForm) padRows() {
	for len(f.Rows) < 20 && (len(f.Rows) == 0 || rowFilled(f.Rows[len(f.Rows)-1])) {
		f.Rows = append(f.Rows, assignmentRow{Index: len(f.Rows)})
	}
	for i := range f.Rows {
		f.Rows[i].Index = i
	}
}

func rowFilled(r assignmentRow) bool {
	return strings.TrimSpace(r.Role+r.Team+r.FTE+r.Start+r.End) != ""
}

func formFromPerson(p workforce.Person, accountEmail string) personForm {
	f := personForm{Organisation: strconv.FormatInt(p.OrganisationID, 10), StaffNumber: p.StaffNumber, Name: p.Name,
		WorkEmail: p.WorkEmail, AccountEmail: accountEmail}
	for _, a := range p.Assignments {
		f.Rows = append(f.Rows, assignmentRow{Role: strconv.FormatInt(a.RoleID, 10), Team: strconv.FormatInt(a.TeamID, 10),
			FTE: a.FTE.String(), Start: string(a.Start), End: string(a.End)})
	}
	f.padRows()
	return f
}

func parsePersonForm(r *http.Request) personForm {
	f := personForm{
		Organisation: r.PostFormValue("organisation"),
		StaffNumber:  r.PostFormValue("staff_number"),
		Name:         r.PostFormValue("name"),
		WorkEmail:    r.PostFormValue("work_email"),
		AccountEmail: strings.TrimSpace(r.PostFormValue("account_email")),
	}
	for i := range workforce.MaxAssignments {
		p := fmt.Sprintf("assignments-%d-", i)
		if _, ok := r.PostForm[p+"role"]; !ok {
			break
		}
		f.Rows = append(f.Rows, assignmentRow{Role: r.PostFormValue(p + "role"), Team: r.PostFormValue(p + "team"),
			FTE: r.PostFormValue(p + "fte"), Start: r.PostFormValue(p + "start_date"), End: r.PostFormValue(p + "end_date")})
	}
	return f
}

// apply reads the form into the person; errors in the typed values (an FTE or date that is not
// one) come back as field errors, and the domain's checks run on the rest.
func (f personForm) apply(p workforce.Person) (workforce.Person, []fieldError) {
	var errs []fieldError
	p.StaffNumber, p.Name, p.WorkEmail = f.StaffNumber, f.Name, f.WorkEmail
	p.Assignments = nil
	for i, row := range f.Rows {
		if !rowFilled(row) {
			continue
		}
		id := fmt.Sprintf("assignments-%d-", i)
		var a workforce.Assignment
		a.RoleID, _ = strconv.ParseInt(row.Role, 10, 64)
		a.TeamID, _ = strconv.ParseInt(row.Team, 10, 64)
		fte, err := workforce.ParseFTE(row.FTE)
		if err != nil {
			errs = append(errs, fieldError{id + "fte", fmt.Sprintf("FTE of assignment %d: %s", i+1, err)})
			fte = workforce.MaxFTE // checked already; keep the domain from repeating it
		}
		a.FTE = fte
		if a.Start, err = workforce.ParseDate(row.Start); err != nil {
			errs = append(errs, fieldError{id + "start_date", fmt.Sprintf("Start date of assignment %d: %s", i+1, err)})
			a.Start = "1900-01-01"
		}
		if a.End, err = workforce.ParseDate(row.End); err != nil {
			errs = append(errs, fieldError{id + "end_date", fmt.Sprintf("End date of assignment %d: %s", i+1, err)})
			a.End = ""
		}
		p.Assignments = append(p.Assignments, a)
	}
	return p, errs
}

// rowFieldErrors renumbers the domain's assignments[k] (k counts filled rows) to the form's
// row ids (blank rows in between are skipped by apply).
func (f personForm) rowFieldErrors(errs []fieldError) []fieldError {
	var filled []int
	for i, row := range f.Rows {
		if rowFilled(row) {
			filled = append(filled, i)
		}
	}
	for i, e := range errs {
		var k int
		var rest string
		if n, _ := fmt.Sscanf(e.Field, "assignments-%d-%s", &k, &rest); n == 2 && k < len(filled) {
			errs[i].Field = fmt.Sprintf("assignments-%d-%s", filled[k], rest)
		}
	}
	return errs
}

type personFormView struct {
	Page
	Form     personForm
	Editing  bool
	Person   workforce.Person
	Version  int
	Orgs     []orgItem
	OrgName  string
	Roles    []choice
	Teams    []choice
	Action   string
	Conflict bool
}

type choice struct {
	Value, Label string
}

// FieldError is the error of a row's field, for the template.
func (v personFormView) RowError(i int, name string) string {
	return v.ErrorFor(fmt.Sprintf("assignments-%d-%s", i, name))
}

// choicesFor lists the roles and teams of the employers of the organisations.
func (s *Server) choicesFor(ctx context.Context, pc peopleContext, orgIDs []int64) (roles, teams []choice, err error) {
	seenRole, seenTeam := map[int64]bool{}, map[int64]bool{}
	for _, id := range orgIDs {
		rs, err := s.db.EmployerRoles(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rs {
			if !seenRole[r.ID] {
				seenRole[r.ID] = true
				label := r.Title
				if len(orgIDs) > 1 {
					label += " (" + pc.names[r.OrganisationID] + ")"
				}
				roles = append(roles, choice{strconv.FormatInt(r.ID, 10), label})
			}
		}
		ts, err := s.db.Teams(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		for _, t := range ts {
			if !seenTeam[t.ID] {
				seenTeam[t.ID] = true
				teams = append(teams, choice{strconv.FormatInt(t.ID, 10), t.Name})
			}
		}
	}
	sort.SliceStable(roles, func(i, j int) bool { return strings.ToLower(roles[i].Label) < strings.ToLower(roles[j].Label) })
	sort.SliceStable(teams, func(i, j int) bool { return strings.ToLower(teams[i].Label) < strings.ToLower(teams[j].Label) })
	return roles, teams, nil
}

// linkAccount finds the user account an email names, for linking to a person. The user must
// hold an access role in the person's organisation or one of their teams: a record is never
// linked to a stranger's account. "" unlinks.
func (s *Server) linkAccount(ctx context.Context, email string, p workforce.Person) (int64, *fieldError, error) {
	if email == "" {
		return 0, nil, nil
	}
	u, err := s.db.UserByEmail(ctx, store.NormaliseEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		return 0, &fieldError{"account_email", "There is no user account with the email " + email}, nil
	}
	if err != nil {
		return 0, nil, err
	}
	places := []int64{p.OrganisationID}
	for _, a := range p.Assignments {
		places = append(places, a.TeamID)
	}
	for _, org := range places {
		if _, ok, err := s.db.AccessIn(ctx, u.ID, org); err != nil {
			return 0, nil, err
		} else if ok {
			return u.ID, nil, nil
		}
	}
	return 0, &fieldError{"account_email", "The user account " + email + " has no access to the person's organisation or teams: give it access first"}, nil
}

// personSaveErrors turns a store error into form errors, or reports that it was not one.
func personSaveErrors(err error, f personForm) ([]fieldError, int, bool) {
	var inv *store.InvalidPeopleError
	switch {
	case errors.As(err, &inv):
		var errs []fieldError
		for _, pp := range inv.People {
			errs = append(errs, problemsToErrors(pp.Problems)...)
		}
		return f.rowFieldErrors(errs), http.StatusUnprocessableEntity, true
	case errors.Is(err, store.ErrConflict):
		return nil, http.StatusConflict, true
	}
	return nil, 0, false
}
