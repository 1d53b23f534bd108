package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The JSON shapes of roles (Role, RoleInput, RolePage, RoleVersion in api/openapi.yaml). A role
// is workforce.Role as the domain package encodes it, with the API's additions.

type roleDoc struct {
	workforce.Role
	// Warnings is advice on the role as it is (workforce.ValidateRole's warnings): it was saved,
	// but a planner should look again.
	Warnings []fieldMessage `json:"warnings,omitempty"`
	Href     string         `json:"href"`
}

type fieldMessage struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

type rolePage struct {
	Roles  []roleDoc `json:"roles"`
	Total  int       `json:"total"`
	More   bool      `json:"total_is_lower_bound"`
	Limit  int       `json:"limit"`
	Offset int       `json:"offset"`
	Links  pageLinks `json:"links"`
}

// pageLinks are the paths of pages of the same search.
type pageLinks struct {
	Self  string `json:"self"`
	First string `json:"first"`
	Prev  string `json:"prev,omitempty"`
	Next  string `json:"next,omitempty"`
}

type roleVersionList struct {
	Versions []roleVersionDoc `json:"versions"`
}

type roleVersionDoc struct {
	Version       int                `json:"version"`
	Role          roleDoc            `json:"role"`
	Changes       []workforce.Change `json:"changes"`
	ChangedBy     int64              `json:"changed_by,omitempty"`
	ChangedByName string             `json:"changed_by_name,omitempty"`
	ChangedAt     time.Time          `json:"changed_at"`
}

// roleInput is the body of POST and PUT /api/v1/roles. It takes a role as a GET returns it, so a
// client can change what it read and send it back: the fields the server sets are accepted and
// ignored.
type roleInput struct {
	OrganisationID       int64                   `json:"organisation_id"`
	Title                string                  `json:"title"`
	StaffGroup           string                  `json:"staff_group"`
	Profession           string                  `json:"profession"`
	Level                int                     `json:"level"`
	LevelIndicative      bool                    `json:"level_indicative"`
	Band                 string                  `json:"band"`
	RegistrationRequired bool                    `json:"registration_required"`
	Summary              string                  `json:"summary"`
	Activities           []string                `json:"activities"`
	QualityStandards     []string                `json:"quality_standards"`
	KnowledgeSkills      []string                `json:"knowledge_skills"`
	Requirements         []workforce.Requirement `json:"requirements"`
	Status               string                  `json:"status"`
	Shared               bool                    `json:"shared"`
	// Version is the version being changed (PUT); If-Match may say it instead.
	Version *int `json:"version"`

	// Set by the server; accepted so that a role read from the API can be sent back as it is.
	ID           any `json:"id"`
	CopiedFromID any `json:"copied_from_id"`
	CreatedAt    any `json:"created_at"`
	UpdatedAt    any `json:"updated_at"`
	Warnings     any `json:"warnings"`
	Href         any `json:"href"`
}

func (in roleInput) role() workforce.Role {
	return workforce.Role{
		OrganisationID: in.OrganisationID, Title: in.Title, StaffGroup: in.StaffGroup, Profession: in.Profession,
		Level: in.Level, LevelIndicative: in.LevelIndicative, Band: in.Band, RegistrationRequired: in.RegistrationRequired,
		Summary: in.Summary, Activities: in.Activities, QualityStandards: in.QualityStandards,
		KnowledgeSkills: in.KnowledgeSkills, Requirements: in.Requirements, Status: in.Status, Shared: in.Shared,
	}
}

func roleHref(id int64) string { return "/api/v1/roles/" + strconv.FormatInt(id, 10) }

// roleDocument prepares a stored role for the API: its lists as [] rather than null, its
// warnings and its path.
func roleDocument(r workforce.Role) roleDoc {
	for _, l := range []*[]string{&r.Activities, &r.QualityStandards, &r.KnowledgeSkills} {
		if *l == nil {
			*l = []string{}
		}
	}
	if r.Requirements == nil {
		r.Requirements = []workforce.Requirement{}
	}
	d := roleDoc{Role: r, Href: roleHref(r.ID)}
	// Warnings do not depend on the frameworks (only requirement errors do), so no look-up.
	for _, p := range workforce.ValidateRole(r, nil) {
		if p.Warning {
			d.Warnings = append(d.Warnings, fieldMessage{Field: p.Field, Message: p.Message})
		}
	}
	return d
}

// visibleRole loads the role in the path if the caller may see it: a role of an organisation in
// their scope. Anything else is 404, whether or not the role exists.
func (s *server) visibleRole(r *http.Request) (workforce.Role, scope, error) {
	id, err := pathID(r, "role")
	if err != nil {
		return workforce.Role{}, nil, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return workforce.Role{}, nil, err
	}
	role, err := s.db.Role(r.Context(), id)
	if err == nil && !sc.sees(role.OrganisationID) {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		return workforce.Role{}, nil, noRole(id)
	}
	return role, sc, err
}

func noRole(id int64) error {
	return clientErrorf(store.ErrNotFound,
		"There is no role %d that you can see. GET /api/v1/roles lists the roles of your organisations.", id)
}

// mayPlan refuses a change to the roles of an organisation where the caller is not at least a
// planner. It says the same whether the organisation exists, is out of sight or is in sight
// with too weak a role, so it tells nobody what they may not see.
func mayPlan(sc scope, orgID int64) error {
	if sc.may(orgID, store.ChangeRoles) {
		return nil
	}
	return clientErrorf(errForbidden,
		"Changing the roles of organisation %d needs the planner or administrator access role there, and you do not hold it.", orgID)
}

// roleSaveError turns what the store says about a role it would not save into the API's
// answer: the rules broken, one entry per field (422); a title already taken (409).
func roleSaveError(err error) error {
	var invalid *store.InvalidRolesError
	if errors.As(err, &invalid) {
		ce := clientErrorf(store.ErrInvalid, "The role was not saved: it breaks the rules listed in errors.")
		for _, rp := range invalid.Roles {
			for _, p := range rp.Problems {
				ce.withErrors(problemError{Pointer: fieldPointer(p.Field), Detail: p.Message})
			}
		}
		return ce
	}
	return err
}

// titleTaken is the conflict of a title that another role of the organisation has.
func titleTaken(title string) error {
	return clientErrorf(store.ErrConflict, "The organisation already has a role called %q: choose another title.", title).
		withErrors(problemError{Pointer: "/title", Detail: fmt.Sprintf("%q is taken in this organisation.", title)})
}
