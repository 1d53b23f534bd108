package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// The team view through the API (TeamProfile in api/openapi.yaml), under the web page's rules
// (docs/security.md): anyone with an access role in the team or above may ask; the members
// (person-level data) only come to a manager or above there; anyone else gets the figures only
// when at least profile.MinPooledOwn members are in them.

type teamProfileDoc struct {
	TeamID   int64            `json:"team_id"`
	TeamName string           `json:"team_name"`
	Date     string           `json:"date"`
	Versions []teamVersionDoc `json:"versions"`
	// InTeam is how many people hold a current assignment in the team; Counted how many of
	// them have a profile in the aggregate.
	InTeam  int `json:"in_team"`
	Counted int `json:"counted"`
	// Suppressed says the figures are withheld from this caller (a small team).
	Suppressed bool                 `json:"suppressed"`
	Profile    *profile.TeamProfile `json:"profile"`
	Members    []teamMemberDoc      `json:"members,omitempty"`
}

type teamVersionDoc struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"`
	Members          int    `json:"members"`
}

type teamMemberDoc struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	FTE      string `json:"fte"`
	// Source is own, role or none; ProfileID is the role's profile when Source is role (a
	// person's own profile stays theirs alone).
	Source       string `json:"source"`
	ProfileID    int64  `json:"profile_id,omitempty"`
	OwnNotPooled bool   `json:"own_not_pooled,omitempty"`
}

// pathTeam checks that the path names a team the caller may see: anything else is 404.
func (s *server) pathTeam(r *http.Request) (store.Organisation, scope, error) {
	id, err := pathID(r, "team")
	if err != nil {
		return store.Organisation{}, nil, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.Organisation{}, nil, err
	}
	none := clientErrorf(store.ErrNotFound, "There is no team %d that you can see.", id)
	if !sc.sees(id) {
		return store.Organisation{}, nil, none
	}
	team, err := s.db.Organisation(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && team.Kind != store.KindTeam) {
		return team, nil, none
	}
	return team, sc, err
}

// teamProfile serves GET /api/v1/teams/{id}/profile: the team's aggregate profile on the
// framework version asked for (framework and version) or the one most members' profiles are on.
func (s *server) teamProfile(w http.ResponseWriter, r *http.Request) {
	team, sc, err := s.pathTeam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	key, version := strings.TrimSpace(q.Get("framework")), strings.TrimSpace(q.Get("version"))
	if (key == "") != (version == "") {
		s.fail(w, r, clientErrorf(errBadRequest, "Give both framework and version, or neither.").
			withErrors(problemError{Parameter: "version", Detail: "framework and version go together."}))
		return
	}
	today := s.db.Today()
	tv, err := s.db.TeamProfileView(r.Context(), team.ID, today, key, version)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "No member of team %d has a profile on %s %s.", team.ID, key, version).
			withErrors(problemError{Parameter: "version", Detail: "Choose one of the versions GET without parameters lists."}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	personLevel := sc.may(team.ID, store.ManagePeople)
	doc := teamProfileDoc{TeamID: team.ID, TeamName: team.Name, Date: string(today), InTeam: len(tv.Members), Counted: tv.Counted,
		Versions: []teamVersionDoc{}}
	doc.Suppressed = !personLevel && tv.Counted < profile.MinPooledOwn
	for _, u := range tv.Versions {
		d := teamVersionDoc{FrameworkKey: u.Key, FrameworkVersion: u.Version}
		if !doc.Suppressed {
			d.Members = u.Members
		}
		doc.Versions = append(doc.Versions, d)
	}
	if tv.Counted > 0 && !doc.Suppressed {
		doc.Profile = &tv.Team
	}
	if personLevel {
		doc.Members = []teamMemberDoc{}
		for i, m := range tv.Members {
			ch := tv.Choices[i]
			md := teamMemberDoc{PersonID: m.Person.ID, Name: m.Person.Name, FTE: m.FTE.String(), Source: string(ch.Source),
				OwnNotPooled: ch.OwnNotPooled && ch.Source != profile.SourceOwn}
			if ch.Source == profile.SourceRole {
				p, _ := tv.ChosenProfile(i)
				md.ProfileID = p.ID
			}
			doc.Members = append(doc.Members, md)
		}
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// teamProfiles returns, for GET /api/v1/profiles?team=ID, the complete profiles of the roles
// the team's members hold today that the caller may see, newest first within each role. A
// person's own profiles never appear: they are their owner's alone.
func (s *server) teamProfiles(r *http.Request, teamID int64) ([]store.Profile, error) {
	sc, err := s.scopeOf(r)
	if err != nil {
		return nil, err
	}
	if !sc.sees(teamID) {
		return nil, clientErrorf(store.ErrNotFound, "There is no team %d that you can see.", teamID).
			withErrors(problemError{Parameter: "team", Detail: "Give the id of a team you have an access role in (or above)."})
	}
	team, err := s.db.Organisation(r.Context(), teamID)
	if err != nil {
		return nil, err
	}
	if team.Kind != store.KindTeam {
		return nil, clientErrorf(errBadRequest, "Organisation %d is a %s, not a team.", teamID, team.Kind).
			withErrors(problemError{Parameter: "team", Detail: "Give the id of a team."})
	}
	ms, err := s.db.TeamMembers(r.Context(), teamID, s.db.Today())
	if err != nil {
		return nil, err
	}
	out := []store.Profile{}
	seen := map[int64]bool{}
	for _, m := range ms {
		for _, p := range m.RoleProfiles {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			if _, _, err := s.loadProfile(r, p.ID); err == nil {
				out = append(out, p)
			}
		}
	}
	return out, nil
}
