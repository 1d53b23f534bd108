package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// The JSON shapes of career frameworks (CareerFramework, CareerFrameworkInput and
// CareerFrameworkList in api/openapi.yaml). A framework is career.Framework as the domain
// package encodes it, with the placed roles' titles and levels and its path.

type careerFrameworkDoc struct {
	career.Framework
	// Roles are the placed roles as they are now: their title and level (the grid's row).
	Roles []careerRoleDoc `json:"roles"`
	Href  string          `json:"href"`
}

type careerRoleDoc struct {
	ID             int64  `json:"id"`
	OrganisationID int64  `json:"organisation_id"`
	Title          string `json:"title"`
	Level          int    `json:"level"`
	Href           string `json:"href"`
}

type careerFrameworkSummaryDoc struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Title          string    `json:"title"`
	StaffGroup     string    `json:"staff_group"`
	Status         string    `json:"status"`
	Shared         bool      `json:"shared"`
	Families       int       `json:"families"`
	Roles          int       `json:"roles"`
	Routes         int       `json:"routes"`
	Version        int       `json:"version"`
	UpdatedAt      time.Time `json:"updated_at"`
	Href           string    `json:"href"`
}

type careerFrameworkList struct {
	CareerFrameworks []careerFrameworkSummaryDoc `json:"career_frameworks"`
}

// careerFrameworkInput is the body of POST and PUT /api/v1/career-frameworks: the whole
// framework. It takes a framework as a GET returns it, so the fields the server sets are
// accepted and ignored.
type careerFrameworkInput struct {
	OrganisationID int64              `json:"organisation_id"`
	Title          string             `json:"title"`
	StaffGroup     string             `json:"staff_group"`
	Description    string             `json:"description"`
	Status         string             `json:"status"`
	Shared         bool               `json:"shared"`
	Families       []career.Family    `json:"families"`
	Placements     []career.Placement `json:"placements"`
	Routes         []career.Route     `json:"routes"`
	Version        *int               `json:"version"`

	ID        any `json:"id"`
	CreatedAt any `json:"created_at"`
	UpdatedAt any `json:"updated_at"`
	Roles     any `json:"roles"`
	Href      any `json:"href"`
}

func (in careerFrameworkInput) framework() career.Framework {
	return career.Framework{OrganisationID: in.OrganisationID, Title: in.Title, StaffGroup: in.StaffGroup,
		Description: in.Description, Status: in.Status, Shared: in.Shared,
		Families: in.Families, Placements: in.Placements, Routes: in.Routes}
}

func careerFrameworkHref(id int64) string {
	return "/api/v1/career-frameworks/" + strconv.FormatInt(id, 10)
}

func (s *server) careerFrameworkDocument(r *http.Request, f career.Framework) (careerFrameworkDoc, error) {
	d := careerFrameworkDoc{Framework: f, Roles: []careerRoleDoc{}, Href: careerFrameworkHref(f.ID)}
	roles, err := s.db.CareerFrameworkRoles(r.Context(), f.RoleIDs())
	if err != nil {
		return d, err
	}
	for _, p := range f.Placements {
		if role, ok := roles[p.RoleID]; ok {
			d.Roles = append(d.Roles, careerRoleDoc{ID: role.ID, OrganisationID: role.OrganisationID, Title: role.Title, Level: role.Level, Href: roleHref(role.ID)})
		}
	}
	return d, nil
}

// visibleCareerFramework loads the framework in the path if the caller may see it: one of an
// organisation in their scope, or a partner's shared and published one. Anything else is 404.
func (s *server) visibleCareerFramework(r *http.Request) (career.Framework, scope, error) {
	id, err := pathID(r, "career framework")
	if err != nil {
		return career.Framework{}, nil, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return career.Framework{}, nil, err
	}
	f, err := s.db.CareerFramework(r.Context(), id)
	if err == nil && !sc.sees(f.OrganisationID) {
		visible := false
		if f.Shared && f.Status == career.StatusPublished && len(sc) > 0 {
			list, lerr := s.db.CareerFrameworks(r.Context(), store.CareerFrameworkQuery{OrganisationIDs: sc.ids(), IncludeShared: true})
			if lerr != nil {
				return f, sc, lerr
			}
			for _, x := range list {
				visible = visible || x.ID == f.ID
			}
		}
		if !visible {
			err = store.ErrNotFound
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		return career.Framework{}, nil, clientErrorf(store.ErrNotFound,
			"There is no career framework %d that you can see. GET /api/v1/career-frameworks lists those of your organisations.", id)
	}
	return f, sc, err
}

// careerSaveError turns the store's refusal into the API's answer: every broken rule with a
// JSON Pointer to the part of the body at fault.
func careerSaveError(err error) error {
	var invalid *store.InvalidCareerFrameworkError
	if errors.As(err, &invalid) {
		ce := clientErrorf(store.ErrInvalid, "The career framework was not saved: it breaks the rules listed in errors.")
		for _, p := range invalid.Problems {
			ce.withErrors(problemError{Pointer: fieldPointer(p.Field), Detail: p.Message})
		}
		return ce
	}
	return err
}

func mayPlanCareer(sc scope, orgID int64) error {
	if sc.may(orgID, store.ChangeCareerFrameworks) {
		return nil
	}
	return clientErrorf(errForbidden,
		"Changing the career frameworks of organisation %d needs the planner or administrator access role there, and you do not hold it.", orgID)
}

// careerFrameworkList serves GET /api/v1/career-frameworks: the frameworks of the organisations
// the caller may see and those partners share, by title.
func (s *server) careerFrameworkList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := careerFrameworkList{CareerFrameworks: []careerFrameworkSummaryDoc{}}
	if len(sc) > 0 {
		list, err := s.db.CareerFrameworks(r.Context(), store.CareerFrameworkQuery{OrganisationIDs: sc.ids(), IncludeShared: true})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, f := range list {
			out.CareerFrameworks = append(out.CareerFrameworks, careerFrameworkSummaryDoc{ID: f.ID, OrganisationID: f.OrganisationID,
				Title: f.Title, StaffGroup: f.StaffGroup, Status: f.Status, Shared: f.Shared, Families: f.Families, Roles: f.Roles,
				Routes: f.Routes, Version: f.Version, UpdatedAt: f.UpdatedAt, Href: careerFrameworkHref(f.ID)})
		}
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// careerFrameworkShow serves GET /api/v1/career-frameworks/{id}, tagged with its version.
func (s *server) careerFrameworkShow(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.visibleCareerFramework(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.careerFrameworkDocument(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(f.Version), d)
}

// careerFrameworkCreate serves POST /api/v1/career-frameworks: a new framework, version 1, in an
// organisation where the caller plans.
func (s *server) careerFrameworkCreate(w http.ResponseWriter, r *http.Request) {
	var in careerFrameworkInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID == 0 {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "The career framework was not saved: say which organisation it belongs to.").
			withErrors(problemError{Pointer: "/organisation_id", Detail: "Give the id of the organisation the framework belongs to."}))
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayPlanCareer(sc, in.OrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.db.CreateCareerFramework(r.Context(), actor(r), in.framework())
	if err != nil {
		s.fail(w, r, careerSaveError(err))
		return
	}
	d, err := s.careerFrameworkDocument(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", careerFrameworkHref(f.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(f.Version), d)
}

// careerFrameworkUpdate serves PUT /api/v1/career-frameworks/{id}: the whole framework as it
// should now be, based on the version the caller read (body or If-Match). A stale version is
// 409 and changes nothing.
func (s *server) careerFrameworkUpdate(w http.ResponseWriter, r *http.Request) {
	cur, sc, err := s.visibleCareerFramework(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := mayPlanCareer(sc, cur.OrganisationID); err != nil {
		s.fail(w, r, err)
		return
	}
	var in careerFrameworkInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.OrganisationID != 0 && in.OrganisationID != cur.OrganisationID {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A career framework cannot move to another organisation.").
			withErrors(problemError{Pointer: "/organisation_id",
				Detail: fmt.Sprintf("The framework belongs to organisation %d; leave this out or send %d.", cur.OrganisationID, cur.OrganisationID)}))
		return
	}
	edit := in.framework()
	edit.ID, edit.OrganisationID, edit.Version = cur.ID, cur.OrganisationID, version
	saved, err := s.db.UpdateCareerFramework(r.Context(), actor(r), edit)
	err = staleOr(err, "career framework", cur.ID, version, careerFrameworkHref(cur.ID), func() (int, error) {
		now, err := s.db.CareerFramework(r.Context(), cur.ID)
		return now.Version, err
	})
	if err != nil {
		s.fail(w, r, careerSaveError(err))
		return
	}
	d, err := s.careerFrameworkDocument(r, saved)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), d)
}
