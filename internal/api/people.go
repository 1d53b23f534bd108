package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// People, portfolios and gap analysis (Person, PersonInput, PersonPage, PortfolioEntry,
// PortfolioEntryInput, Portfolio and Gap in api/openapi.yaml).
//
// Scope (DESIGN decision 1): a person is visible to managers, planners and administrators of
// their organisation or of the team of one of their assignments, and to themselves through
// their linked account; anyone else gets 404, as if they did not exist. Changes need the
// manager access role or above; a person may add self-assessed competences to their own
// portfolio.

type personDoc struct {
	workforce.Person
	Href string `json:"href"`
}

type personPage struct {
	People []personDoc `json:"people"`
	Total  int         `json:"total"`
	Limit  int         `json:"limit"`
	Offset int         `json:"offset"`
}

type portfolioDoc struct {
	Entries []workforce.PortfolioEntry `json:"entries"`
}

type gapDoc struct {
	PersonID int64  `json:"person_id"`
	RoleID   int64  `json:"role_id"`
	Role     string `json:"role"`
	workforce.Gap
}

// personInput is the body of POST and PUT /api/v1/people; a person as GET returned it may be
// sent back (the fields the server sets are accepted and ignored).
type personInput struct {
	OrganisationID int64                  `json:"organisation_id"`
	StaffNumber    string                 `json:"staff_number"`
	Name           string                 `json:"name"`
	WorkEmail      string                 `json:"work_email"`
	UserID         int64                  `json:"user_id"`
	Assignments    []workforce.Assignment `json:"assignments"`
	Version        *int                   `json:"version"`

	ID        any `json:"id"`
	CreatedAt any `json:"created_at"`
	UpdatedAt any `json:"updated_at"`
	Href      any `json:"href"`
}

func (in personInput) person() workforce.Person {
	return workforce.Person{OrganisationID: in.OrganisationID, StaffNumber: in.StaffNumber, Name: in.Name,
		WorkEmail: in.WorkEmail, UserID: in.UserID, Assignments: in.Assignments}
}

func personHref(id int64) string { return "/api/v1/people/" + strconv.FormatInt(id, 10) }

func personDocument(p workforce.Person) personDoc {
	if p.Assignments == nil {
		p.Assignments = []workforce.Assignment{}
	}
	return personDoc{Person: p, Href: personHref(p.ID)}
}

func noPerson(id int64) error {
	return clientErrorf(store.ErrNotFound,
		"There is no person %d that you can see. GET /api/v1/people lists the people you manage.", id)
}

// visiblePerson loads the person in the path if the caller may see them.
func (s *server) visiblePerson(r *http.Request) (workforce.Person, scope, error) {
	id, err := pathID(r, "person")
	if err != nil {
		return workforce.Person{}, nil, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return workforce.Person{}, nil, err
	}
	p, err := s.db.Person(r.Context(), id)
	if err == nil && !store.PersonVisible(p, map[int64]store.AccessRole(sc), callerOf(r).UserID) {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		return workforce.Person{}, nil, noPerson(id)
	}
	return p, sc, err
}

// mayManage refuses a change to a person the caller may see but does not manage (their own
// record, for a member of staff).
func mayManage(sc scope, p workforce.Person) error {
	if store.PersonVisible(p, map[int64]store.AccessRole(sc), 0) {
		return nil
	}
	return clientErrorf(errForbidden, "Changing person %d needs the manager, planner or administrator access role in their organisation or team.", p.ID)
}

// personSaveError turns the store's refusal into the API's answer: each broken rule (422), or a
// staff number taken (409).
func personSaveError(err error, staffNumber string) error {
	var inv *store.InvalidPeopleError
	if errors.As(err, &inv) {
		ce := clientErrorf(store.ErrInvalid, "The person was not saved: the record breaks the rules listed in errors.")
		for _, pp := range inv.People {
			for _, p := range pp.Problems {
				ce.withErrors(problemError{Pointer: fieldPointer(p.Field), Detail: p.Message})
			}
		}
		return ce
	}
	if errors.Is(err, store.ErrConflict) {
		return clientErrorf(store.ErrConflict, "The organisation already has a person with staff number %q, or the user account is linked to another person.", staffNumber).
			withErrors(problemError{Pointer: "/staff_number", Detail: fmt.Sprintf("%q may be taken in this organisation.", staffNumber)})
	}
	return err
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
