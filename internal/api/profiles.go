package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The JSON shapes of focus profiles (Profile, ProfileInput, ProfileList, ProfileVersion,
// Comparison, MigrationResult in api/openapi.yaml).

// Owners of a profile.
const (
	ownerPerson = "person" // a person's own view of their role: only they see it
	ownerRole   = "role"   // a role's profile, seen by those who see the role's organisation
)

type profileDoc struct {
	ID               int64           `json:"id"`
	Title            string          `json:"title"`
	Owner            string          `json:"owner"`
	UserID           int64           `json:"user_id,omitempty"`
	RoleID           int64           `json:"role_id,omitempty"`
	OrganisationID   int64           `json:"organisation_id,omitempty"`
	AimRoleID        int64           `json:"aim_role_id,omitempty"`
	FrameworkKey     string          `json:"framework_key"`
	FrameworkVersion string          `json:"framework_version"`
	Entries          []profile.Entry `json:"entries"`
	Draft            bool            `json:"draft"`
	Total            int             `json:"total"`
	Version          int             `json:"version"`
	CreatedAt        time.Time       `json:"created_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
	Href             string          `json:"href"`
}

type profileList struct {
	Profiles []profileDoc `json:"profiles"`
}

type profileVersionList struct {
	Versions []profileVersionDoc `json:"versions"`
}

type profileVersionDoc struct {
	Version          int             `json:"version"`
	Title            string          `json:"title"`
	FrameworkKey     string          `json:"framework_key"`
	FrameworkVersion string          `json:"framework_version"`
	Entries          []profile.Entry `json:"entries"`
	Draft            bool            `json:"draft"`
	Total            int             `json:"total"`
	SavedAt          time.Time       `json:"saved_at"`
	SavedBy          int64           `json:"saved_by,omitempty"`
	SavedByName      string          `json:"saved_by_name,omitempty"`
}

// profileInput is the body of POST and PUT /api/v1/profiles. Like roleInput it takes a profile
// as a GET (or a migration) returns it: the fields the server sets are accepted and ignored.
type profileInput struct {
	Title            string          `json:"title"`
	FrameworkKey     string          `json:"framework_key"`
	FrameworkVersion string          `json:"framework_version"`
	Entries          []profile.Entry `json:"entries"`
	Draft            bool            `json:"draft"`
	// Version is the version being changed (PUT); If-Match may say it instead.
	Version *int `json:"version"`
	// AimRoleID names the role a person's own profile is about (the role they do or aim for).
	AimRoleID int64 `json:"aim_role_id"`

	ID             any `json:"id"`
	Owner          any `json:"owner"`
	UserID         any `json:"user_id"`
	RoleID         any `json:"role_id"`
	OrganisationID any `json:"organisation_id"`
	Total          any `json:"total"`
	CreatedAt      any `json:"created_at"`
	UpdatedAt      any `json:"updated_at"`
	Href           any `json:"href"`
}

func (in profileInput) profile() profile.Profile {
	entries := in.Entries
	if entries == nil {
		entries = []profile.Entry{}
	}
	return profile.Profile{
		FrameworkKey: strings.TrimSpace(in.FrameworkKey), FrameworkVersion: strings.TrimSpace(in.FrameworkVersion),
		Entries: entries, Draft: in.Draft,
	}
}

type comparisonDoc struct {
	Profiles []profileRef `json:"profiles"`
	profile.Comparison
}

type profileRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Href  string `json:"href"`
}

type compareInput struct {
	IDs []int64 `json:"ids"`
}

type migrationDoc struct {
	Profile     profileDoc     `json:"profile"`
	FromVersion string         `json:"from_version"`
	ToVersion   string         `json:"to_version"`
	Notes       []profile.Note `json:"notes"`
}

func profileHref(id int64) string { return "/api/v1/profiles/" + strconv.FormatInt(id, 10) }

func profileDocument(p store.Profile) profileDoc {
	d := profileDoc{
		ID: p.ID, Title: p.Title, Owner: ownerPerson, UserID: p.UserID, AimRoleID: p.AimRoleID,
		FrameworkKey: p.Profile.FrameworkKey, FrameworkVersion: p.Profile.FrameworkVersion,
		Entries: p.Profile.Entries, Draft: p.Profile.Draft, Total: p.Profile.Total(), Version: p.Version,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Href: profileHref(p.ID),
	}
	if p.RoleID != 0 {
		d.Owner, d.RoleID, d.OrganisationID = ownerRole, p.RoleID, p.OrganisationID
	}
	if d.Entries == nil {
		d.Entries = []profile.Entry{}
	}
	return d
}

func profileDocuments(ps []store.Profile) profileList {
	out := profileList{Profiles: make([]profileDoc, len(ps))}
	for i, p := range ps {
		out.Profiles[i] = profileDocument(p)
	}
	return out
}

// profileAccess is what the caller may do with a profile they asked for.
type profileAccess int

const (
	profileHidden profileAccess = iota // neither see nor change: 404
	profileRead                        // see it
	profileWrite                       // see and change it
)

// accessTo decides what the caller may do with a profile: their own profile they see and
// change; a role's profile they see in an organisation they may see, and change as a manager,
// planner or administrator there (as in the web pages). Nobody else's own profile is visible,
// not even to a site administrator (decision 4 in docs/decisions). loadProfile adds the one
// rule that needs more than the scope: staff below a role's organisation see its profiles once
// the role is published.
func accessTo(c Caller, sc scope, p store.Profile) profileAccess {
	switch {
	case p.UserID != 0 && p.UserID == c.UserID:
		return profileWrite
	case p.UserID != 0:
		return profileHidden
	case sc.may(p.OrganisationID, store.ChangeRoleProfiles):
		return profileWrite
	case sc.sees(p.OrganisationID):
		return profileRead
	}
	return profileHidden
}

// loadProfile loads the profile with this id if the caller may at least see it; what they may
// do with it comes back too. Anything they may not see is 404, whether or not it exists.
func (s *server) loadProfile(r *http.Request, id int64) (store.Profile, profileAccess, error) {
	rec, err := s.db.GetProfile(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return rec, profileHidden, noProfile(id)
	}
	if err != nil {
		return rec, profileHidden, err
	}
	var sc scope
	if rec.UserID == 0 { // only a role's profile needs the organisations
		if sc, err = s.scopeOf(r); err != nil {
			return rec, profileHidden, err
		}
	}
	access := accessTo(callerOf(r), sc, rec)
	if access == profileHidden && rec.RoleID != 0 {
		if access, err = s.employerRoleAccess(r, rec.RoleID); err != nil {
			return rec, profileHidden, err
		}
	}
	if access == profileHidden {
		return rec, access, noProfile(id)
	}
	return rec, access, nil
}

// employerRoleAccess is profileRead for a published role of an organisation at or above one
// the caller belongs to (a trust's job descriptions are for its teams to read), profileHidden
// otherwise.
func (s *server) employerRoleAccess(r *http.Request, roleID int64) (profileAccess, error) {
	role, err := s.db.Role(r.Context(), roleID)
	if errors.Is(err, store.ErrNotFound) {
		return profileHidden, nil
	}
	if err != nil {
		return profileHidden, err
	}
	above, err := s.db.EmployersOf(r.Context(), callerOf(r).UserID)
	if err != nil || !above[role.OrganisationID] || role.Status != workforce.StatusPublished {
		return profileHidden, err
	}
	return profileRead, nil
}

// checkAimRole checks the role a person names on their own profile: a published role that the
// caller may see or that belongs to an organisation at or above their own. Anything else is a
// 422 that does not say whether the role exists.
func (s *server) checkAimRole(r *http.Request, roleID int64) error {
	if roleID == 0 {
		return nil
	}
	refuse := clientErrorf(store.ErrInvalid, "The profile was not saved: you cannot name role %d on your profile.", roleID).
		withErrors(problemError{Pointer: "/aim_role_id", Detail: "Name a published role of your organisations, or leave aim_role_id out."})
	role, err := s.db.Role(r.Context(), roleID)
	if errors.Is(err, store.ErrNotFound) {
		return refuse
	}
	if err != nil {
		return err
	}
	if role.Status != workforce.StatusPublished {
		return refuse
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return err
	}
	if sc.sees(role.OrganisationID) {
		return nil
	}
	above, err := s.db.EmployersOf(r.Context(), callerOf(r).UserID)
	if err != nil {
		return err
	}
	if !above[role.OrganisationID] {
		return refuse
	}
	return nil
}

// pathProfile is loadProfile for the profile in the path. write asks for the right to change it:
// a profile the caller may see but not change is 403.
func (s *server) pathProfile(r *http.Request, write bool) (store.Profile, error) {
	id, err := pathID(r, "profile")
	if err != nil {
		return store.Profile{}, err
	}
	rec, access, err := s.loadProfile(r, id)
	if err == nil && write && access != profileWrite {
		err = clientErrorf(errForbidden,
			"Profile %d is the profile of a role of organisation %d: changing it needs the manager, planner or administrator access role there, and you do not hold it.", id, rec.OrganisationID)
	}
	return rec, err
}

func noProfile(id int64) error {
	return clientErrorf(store.ErrNotFound,
		"There is no profile %d that you can see. GET /api/v1/profiles lists your own profiles.", id)
}

// profileFramework loads the framework version a profile is made on, if profiles may be made on
// it through the API: a public version (built in or shared with everyone) of a profile
// framework. Anything else is a 422 naming the field at fault.
func (s *server) profileFramework(r *http.Request, key, version string) (*framework.Framework, error) {
	switch {
	case key == "":
		return nil, clientErrorf(store.ErrInvalid, "The profile was not saved: say which framework it is made on.").
			withErrors(problemError{Pointer: "/framework_key", Detail: "Give the key of a profile framework, such as iwf."})
	case version == "":
		return nil, clientErrorf(store.ErrInvalid, "The profile was not saved: say which version of %q it is made on.", key).
			withErrors(problemError{Pointer: "/framework_version", Detail: "Give a version of the framework, such as 2.1."})
	}
	f, meta, err := s.db.FrameworkVersion(r.Context(), key, version)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !isPublic(meta)) {
		return nil, clientErrorf(store.ErrInvalid, "The profile was not saved: there is no framework %q version %q. GET /api/v1/frameworks?kind=profile lists the profile frameworks.", key, version).
			withErrors(problemError{Pointer: "/framework_version", Detail: fmt.Sprintf("%s %s is not a framework version in the catalogue.", key, version)})
	}
	if err != nil {
		return nil, err
	}
	if ps := profile.FrameworkProblems(f); ps != nil {
		return nil, clientErrorf(store.ErrInvalid, "The profile was not saved: %s.", ps[0].Message).
			withErrors(problemError{Pointer: "/framework_key", Detail: ps[0].Message + "."})
	}
	return f, nil
}

// storedFramework loads the framework version a stored profile was made on.
func (s *server) storedFramework(r *http.Request, p profile.Profile) (*framework.Framework, error) {
	f, _, err := s.db.FrameworkVersion(r.Context(), p.FrameworkKey, p.FrameworkVersion)
	if errors.Is(err, store.ErrNotFound) { // deleted since: a server-side inconsistency, not the client's
		return nil, fmt.Errorf("api: profile framework %s %s is gone: %w", p.FrameworkKey, p.FrameworkVersion, err)
	}
	return f, err
}

// newerVersion returns the public version of the profile's framework whose crosswalk maps from
// the version the profile is on (the version a profile moves to), or nil when there is none.
func (s *server) newerVersion(r *http.Request, p profile.Profile) (*framework.Framework, error) {
	versions, err := s.db.FrameworkVersionsOf(r.Context(), p.FrameworkKey)
	if err != nil {
		return nil, err
	}
	var best *framework.Framework
	for _, v := range versions {
		if !isPublic(v) || framework.CompareVersions(v.Version, p.FrameworkVersion) <= 0 {
			continue
		}
		f, _, err := s.db.FrameworkVersion(r.Context(), v.Key, v.Version)
		if err != nil {
			return nil, err
		}
		if f.Crosswalk.MapsFrom(p.FrameworkVersion) && (best == nil || framework.CompareVersions(f.Version, best.Version) > 0) {
			best = f
		}
	}
	return best, nil
}

// checkProfile validates a profile and its title as the store will save them: a complete profile
// against every rule of its framework version, a draft against the draft rules. Broken rules
// are a 422 whose errors point into the request body.
func checkProfile(title string, p profile.Profile, f *framework.Framework) error {
	var errs []problemError
	if strings.TrimSpace(title) == "" {
		errs = append(errs, problemError{Pointer: "/title", Detail: "Give the profile a name, like My role today."})
	}
	for _, pr := range profile.Check(p, f) {
		errs = append(errs, problemError{Pointer: profilePointer(p, pr), Detail: pr.Message})
	}
	if len(errs) == 0 {
		return nil
	}
	detail := "The profile was not saved: it breaks the rules listed in errors."
	if !p.Draft {
		detail += " Send it with draft set to true to keep an unfinished profile."
	}
	return clientErrorf(store.ErrInvalid, "%s", detail).withErrors(errs...)
}

// profilePointer points a profile problem at the part of the request body it is about: the
// entry of its node (its share, level or note), the entries as a whole (a missing node, the
// total), or the framework.
func profilePointer(p profile.Profile, pr profile.Problem) string {
	switch pr.Field {
	case profile.FieldFramework:
		return "/framework_version"
	case profile.FieldTotal:
		return "/entries"
	}
	at := -1
	for i, e := range p.Entries {
		if e.Node == pr.Node {
			at = i
			if pr.Field != profile.FieldNode {
				break // a share, level or note: the node's first entry, the one that counts
			}
			// a node given twice: its last entry, the one to remove
		}
	}
	switch {
	case at < 0:
		return "/entries"
	case pr.Field == profile.FieldNode:
		return fmt.Sprintf("/entries/%d/node", at)
	}
	return fmt.Sprintf("/entries/%d/%s", at, pr.Field)
}
