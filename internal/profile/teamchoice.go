package profile

import (
	"cmp"
	"slices"
)

// Which profile counts for each member of a team in the team view (issue 3), decided here so
// that the web page, the API and the tests share one rule (docs/decisions/0009-team-view-and-training-needs.md):
//
//  1. a person's own current complete profile on the framework version, when at least
//     MinPooledOwn members of the team have one: a person's own profile is theirs alone
//     (decision 0004), and pooled with fewer than that, a colleague who knows their own
//     profile and the roles' could work out someone else's from the team's figures;
//  2. otherwise the profile of the role of their current assignment in the team (the
//     assignment with the largest FTE first) on the framework version;
//  3. otherwise none: the member is listed as "no profile" and left out of the averages.

// MinPooledOwn is how many members' own profiles must go into a team profile for any of them to
// count: the size under which DESIGN decision 1 suppresses a group.
const MinPooledOwn = 5

// Source says which profile counted for a member.
type Source string

// Sources of a member's profile in a team view.
const (
	SourceOwn  Source = "own"  // the person's own profile
	SourceRole Source = "role" // the profile of the role of their assignment
	SourceNone Source = "none" // no profile on the framework version: left out
)

// Candidate is a team member with the complete profiles that could count for them.
type Candidate struct {
	FTE int // hundredths: the member's current assignments in the team
	// Count is how many people or posts the candidate stands for (0 counts as 1; see
	// Member.Count). Own profiles are a person's: a candidate with Count above 1 has none.
	Count int
	// Own are the person's own complete profiles, newest first.
	Own []Profile
	// Role are the complete profiles of the roles of their current assignments in the team,
	// the assignment with the largest FTE first and each role's newest profile first.
	Role []Profile
}

// Choice is the profile chosen for one candidate (same index).
type Choice struct {
	Source Source
	// Index is the position of the chosen profile in the candidate's Own or Role list.
	Index int
	// OwnNotPooled is true when the member has an own profile on the version that did not
	// count because fewer than MinPooledOwn members have one.
	OwnNotPooled bool
}

// on returns the index of the first profile on the framework version, or -1.
func on(ps []Profile, key, version string) int {
	return slices.IndexFunc(ps, func(p Profile) bool {
		return !p.Draft && p.FrameworkKey == key && p.FrameworkVersion == version
	})
}

// ChooseTeam picks the profile that counts for each candidate on one framework version (see the
// rule at the top of this file).
func ChooseTeam(cands []Candidate, key, version string) []Choice {
	owners := 0
	for _, c := range cands {
		if on(c.Own, key, version) >= 0 {
			owners++
		}
	}
	out := make([]Choice, len(cands))
	for i, c := range cands {
		own := on(c.Own, key, version)
		if own >= 0 && owners >= MinPooledOwn {
			out[i] = Choice{Source: SourceOwn, Index: own}
			continue
		}
		ch := Choice{Source: SourceNone, OwnNotPooled: own >= 0}
		if j := on(c.Role, key, version); j >= 0 {
			ch.Source, ch.Index = SourceRole, j
		}
		out[i] = ch
	}
	return out
}

// Chosen returns the members a team profile aggregates: the chosen profile of each candidate
// that has one, with its FTE.
func Chosen(cands []Candidate, choices []Choice) []Member {
	var out []Member
	for i, ch := range choices {
		switch ch.Source {
		case SourceOwn:
			out = append(out, Member{Profile: cands[i].Own[ch.Index], FTE: cands[i].FTE, Count: cands[i].Count})
		case SourceRole:
			out = append(out, Member{Profile: cands[i].Role[ch.Index], FTE: cands[i].FTE, Count: cands[i].Count})
		}
	}
	return out
}

// VersionUse is a framework version some of a team's profiles are on, with how many members
// would have a profile counted on it.
type VersionUse struct {
	Key, Version string
	Members      int
}

// TeamVersions lists the framework versions on which at least one candidate has a profile that
// counts (ChooseTeam), the one
// that covers the most members first (ties: by key, then the later version text first), so the
// first is the natural default of a team view.
func TeamVersions(cands []Candidate) []VersionUse {
	type kv struct{ k, v string }
	seen := map[kv]bool{}
	var vs []VersionUse
	for _, c := range cands {
		for _, p := range slices.Concat(c.Own, c.Role) {
			x := kv{p.FrameworkKey, p.FrameworkVersion}
			if p.Draft || seen[x] {
				continue
			}
			seen[x] = true
			vs = append(vs, VersionUse{Key: x.k, Version: x.v})
		}
	}
	for i := range vs {
		for j, ch := range ChooseTeam(cands, vs[i].Key, vs[i].Version) {
			if ch.Source != SourceNone {
				vs[i].Members += max(1, cands[j].Count)
			}
		}
	}
	// A version only unpooled own profiles are on counts nobody: it is not offered.
	vs = slices.DeleteFunc(vs, func(u VersionUse) bool { return u.Members == 0 })
	slices.SortFunc(vs, func(a, b VersionUse) int {
		return cmp.Or(b.Members-a.Members, cmp.Compare(a.Key, b.Key), cmp.Compare(b.Version, a.Version))
	})
	return vs
}
