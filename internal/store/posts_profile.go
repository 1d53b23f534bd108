package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/workforce"
)

// PostsProfile is the IWF team profile of a set of posts: a unit's establishment, or a
// scenario's (docs/decisions/0014). Each post counts with the newest complete profile of its
// role on the framework version, weighted by the post's FTE; posts of a role without one are
// left out, and Counted says how many went in.
type PostsProfile struct {
	// Framework is the version shown; nil when no post's role has a complete profile.
	Framework *framework.Framework
	Team      profile.TeamProfile // zero when Counted is 0
	Posts     int                 // every post of the set
	FTE       workforce.FTE       // their funded FTE
	Counted   int                 // the posts whose role has a profile on the version
}

// PostsProfiles works out the team profiles of several sets of posts on one framework version,
// so they can be set side by side: key/version, or with key "" the version that covers the
// most posts of the first set that has any (today's establishment before a scenario's).
// Versions lists the versions offered, from that same set. A version none of them is on gives
// ErrNotFound. The same rule as the team view (profile.ChooseTeam, profile.Team) does the work:
// the posts of one role go in as one member with their count and FTE summed.
func (db *DB) PostsProfiles(ctx context.Context, sets [][]workforce.Post, key, version string) ([]PostsProfile, []profile.VersionUse, error) {
	var roles []int64
	for _, posts := range sets {
		for _, p := range posts {
			roles = append(roles, p.RoleID)
		}
	}
	ofRole, err := db.completeProfiles(ctx, "role_id", roles)
	if err != nil {
		return nil, nil, err
	}
	cands := make([][]profile.Candidate, len(sets))
	var versions []profile.VersionUse
	for i, posts := range sets {
		cands[i] = postCandidates(posts, ofRole)
		if versions == nil {
			versions = profile.TeamVersions(cands[i])
		}
	}
	out := make([]PostsProfile, len(sets))
	for i, posts := range sets {
		out[i].Posts = len(posts)
		for _, p := range posts {
			out[i].FTE += p.FTE
		}
	}
	if len(versions) == 0 {
		return out, versions, nil
	}
	if key == "" {
		key, version = versions[0].Key, versions[0].Version
	} else if !slices.ContainsFunc(versions, func(u profile.VersionUse) bool { return u.Key == key && u.Version == version }) {
		return nil, versions, ErrNotFound
	}
	f, _, err := db.FrameworkVersion(ctx, key, version)
	if err != nil {
		return nil, versions, err
	}
	for i := range sets {
		out[i].Framework = f
		chosen := profile.Chosen(cands[i], profile.ChooseTeam(cands[i], key, version))
		if len(chosen) == 0 {
			continue
		}
		if out[i].Team, err = profile.Team(f, chosen); err != nil {
			return nil, versions, fmt.Errorf("store: team profile of posts: %w", err)
		}
		out[i].Counted = out[i].Team.Members
	}
	return out, versions, nil
}

// postCandidates groups posts by role: one candidate per role with the count and FTE of its
// posts and the role's complete profiles, newest first (never anyone's own profile: a post is
// not a person).
func postCandidates(posts []workforce.Post, ofRole map[int64][]Profile) []profile.Candidate {
	at := map[int64]int{}
	var out []profile.Candidate
	for _, p := range posts {
		i, ok := at[p.RoleID]
		if !ok {
			i = len(out)
			at[p.RoleID] = i
			c := profile.Candidate{}
			for _, rp := range ofRole[p.RoleID] {
				c.Role = append(c.Role, rp.Profile)
			}
			out = append(out, c)
		}
		out[i].Count++
		out[i].FTE += int(p.FTE)
	}
	return out
}
