package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/workforce"
)

// TeamMember is a member of a team on a day, with the complete profiles that could count for
// them in the team view (profile.ChooseTeam picks one).
type TeamMember struct {
	Person workforce.Person // with all their assignments
	// FTE is the sum of their current assignments in the team.
	FTE workforce.FTE
	// RoleIDs are the roles of those assignments, the largest FTE first (ties: stored order),
	// each once.
	RoleIDs []int64
	// Own are the person's own complete profiles (through their user account), newest first.
	Own []Profile
	// RoleProfiles are the complete profiles of RoleIDs, in that order, each role's newest first.
	RoleProfiles []Profile
}

// TeamMembers returns the people with a current assignment in a team on the day, by name, with
// the profiles the team view may use. The caller has checked that the viewer may see the team;
// what it shows of each member is its decision (docs/security.md).
func (db *DB) TeamMembers(ctx context.Context, teamID int64, today workforce.Date) ([]TeamMember, error) {
	r := db.r()
	// IN, not a correlated EXISTS: without statistics SQLite runs an EXISTS once for every
	// person in the database, while IN reads the team's assignments from their index.
	rows, err := r.query(ctx, `SELECT `+personColumns+` FROM people p WHERE p.id IN (SELECT a.person_id FROM person_assignments a
		WHERE a.team_id = ?) ORDER BY p.name_key, p.staff_number, p.id`, teamID)
	if err != nil {
		return nil, err
	}
	var people []workforce.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		people = append(people, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	as, err := r.assignments(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []TeamMember
	var users, roles []int64
	for _, p := range people {
		if a := as[p.ID]; a != nil {
			p.Assignments = a
		}
		m := TeamMember{Person: p}
		var here []workforce.Assignment
		for _, a := range p.CurrentAssignments(today) {
			if a.TeamID == teamID {
				here = append(here, a)
				m.FTE += a.FTE
			}
		}
		if len(here) == 0 {
			continue // only past or future assignments in the team
		}
		slices.SortStableFunc(here, func(a, b workforce.Assignment) int { return cmp.Compare(b.FTE, a.FTE) })
		for _, a := range here {
			if !slices.Contains(m.RoleIDs, a.RoleID) {
				m.RoleIDs = append(m.RoleIDs, a.RoleID)
				roles = append(roles, a.RoleID)
			}
		}
		if p.UserID != 0 {
			users = append(users, p.UserID)
		}
		out = append(out, m)
	}
	own, err := db.completeProfiles(ctx, "user_id", users)
	if err != nil {
		return nil, err
	}
	ofRole, err := db.completeProfiles(ctx, "role_id", roles)
	if err != nil {
		return nil, err
	}
	for i := range out {
		m := &out[i]
		if m.Person.UserID != 0 {
			m.Own = own[m.Person.UserID]
		}
		for _, id := range m.RoleIDs {
			m.RoleProfiles = append(m.RoleProfiles, ofRole[id]...)
		}
	}
	return out, nil
}

// completeProfiles returns the complete (not draft) profiles whose column (user_id or role_id,
// never user input) is one of ids, by that id, newest first.
func (db *DB) completeProfiles(ctx context.Context, column string, ids []int64) (map[int64][]Profile, error) {
	out := map[int64][]Profile{}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for chunk := range slices.Chunk(ids, 500) {
		ps, err := scanProfiles(db.r().query(ctx, `SELECT `+profileColumns+` FROM profiles p
			WHERE p.draft = ? AND p.`+column+` IN (`+placeholders(len(chunk))+`)
			ORDER BY p.updated_at DESC, p.id DESC`, append([]any{false}, int64Args(chunk)...)...))
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			k := p.UserID
			if column == "role_id" {
				k = p.RoleID
			}
			out[k] = append(out[k], p)
		}
	}
	return out, nil
}

// TeamView is everything a team view shows: the team's members on a day, the framework
// versions their profiles are on, the one shown, which profile counted for each member and the
// team profile made from them.
type TeamView struct {
	Members  []TeamMember
	Versions []profile.VersionUse
	// Framework is the version shown (nil when no member has a complete profile).
	Framework *framework.Framework
	Choices   []profile.Choice // one per member
	// Team is the aggregate; Counted how many members are in it (0: no aggregate).
	Team    profile.TeamProfile
	Counted int
}

// TeamProfileView loads a team's members and makes its team profile on the framework version
// key/version, or, with key "", on the version that covers the most members. A version none of
// the members' profiles is on gives ErrNotFound.
func (db *DB) TeamProfileView(ctx context.Context, teamID int64, today workforce.Date, key, version string) (TeamView, error) {
	var v TeamView
	var err error
	if v.Members, err = db.TeamMembers(ctx, teamID, today); err != nil {
		return v, err
	}
	cands := TeamCandidates(v.Members)
	v.Versions = profile.TeamVersions(cands)
	if len(v.Versions) == 0 {
		v.Choices = profile.ChooseTeam(cands, "", "") // nobody has a profile: every member "none"
		return v, nil
	}
	if key == "" {
		key, version = v.Versions[0].Key, v.Versions[0].Version
	} else if !slices.ContainsFunc(v.Versions, func(u profile.VersionUse) bool { return u.Key == key && u.Version == version }) {
		return v, ErrNotFound
	}
	if v.Framework, _, err = db.FrameworkVersion(ctx, key, version); err != nil {
		return v, err
	}
	v.Choices = profile.ChooseTeam(cands, key, version)
	chosen := profile.Chosen(cands, v.Choices)
	v.Counted = len(chosen)
	if v.Team, err = profile.Team(v.Framework, chosen); err != nil {
		return v, fmt.Errorf("store: team %d profile: %w", teamID, err)
	}
	return v, nil
}

// TeamCandidates turns team members into the candidates profile.ChooseTeam picks from.
func TeamCandidates(ms []TeamMember) []profile.Candidate {
	out := make([]profile.Candidate, len(ms))
	for i, m := range ms {
		c := profile.Candidate{FTE: int(m.FTE)}
		for _, p := range m.Own {
			c.Own = append(c.Own, p.Profile)
		}
		for _, p := range m.RoleProfiles {
			c.Role = append(c.Role, p.Profile)
		}
		out[i] = c
	}
	return out
}

// ChosenProfile returns the stored profile a choice names for member i, if any.
func (v TeamView) ChosenProfile(i int) (Profile, bool) {
	ch := v.Choices[i]
	switch ch.Source {
	case profile.SourceOwn:
		return v.Members[i].Own[ch.Index], true
	case profile.SourceRole:
		return v.Members[i].RoleProfiles[ch.Index], true
	}
	return Profile{}, false
}
