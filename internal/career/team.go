package career

import (
	"cmp"
	"slices"
)

// Team options (issue 5): for a team, which members could step into which roles, for succession
// and skill mix. Two views of the same scores: each member's best options one level up or across,
// and, for each role held in the team, the other members who best meet it.

// MemberOptions is one member's best next moves.
type MemberOptions struct {
	PersonID int64
	Roles    []int64 // held now
	Options  []Option
}

// Succession is a role held in the team and the other members best placed to step into it.
type Succession struct {
	Role       *RoleInfo
	Holders    int
	Candidates []Match
}

// TeamOptions is the whole answer.
type TeamOptions struct {
	Members    []MemberOptions
	Succession []Succession
}

// TeamOptions works out a team's options: each member (of the people scope, with a current
// assignment in the team, by id) with their best n options up or across among the roles of the
// role scope, and each role held with the n other members who meet most of it (above 0), ranked
// by transferability then person id. Roles are listed highest level first, then by title.
func (x *Index) TeamOptions(teamID int64, today int32, people PeopleScope, roles RoleScope, n int) TeamOptions {
	var out TeamOptions
	starts := map[int64]Start{}
	holders := map[int64][]int64{}
	for _, pid := range x.TeamMembers(teamID, today, people) {
		st, ok := x.PersonStart(pid, today)
		if !ok {
			continue
		}
		starts[pid] = st
		for _, rid := range st.Roles {
			holders[rid] = append(holders[rid], pid)
		}
		opts := x.Options(st, today, roles, OptionFilter{Kinds: []string{OptionUp, OptionAcross}})
		out.Members = append(out.Members, MemberOptions{PersonID: pid, Roles: st.Roles, Options: opts[:min(len(opts), n)]})
	}
	for rid, hs := range holders {
		role, ok := x.Role(rid)
		if !ok {
			continue
		}
		row := Succession{Role: role, Holders: len(hs)}
		for pid, st := range starts {
			if slices.Contains(hs, pid) {
				continue
			}
			if score, cnt, ok := x.Score(st, rid, today); ok && score > 0 {
				row.Candidates = append(row.Candidates, Match{PersonID: pid, Transferability: score, Counts: cnt})
			}
		}
		slices.SortFunc(row.Candidates, func(a, b Match) int {
			if c := cmp.Compare(b.Transferability, a.Transferability); c != 0 {
				return c
			}
			return cmp.Compare(a.PersonID, b.PersonID)
		})
		row.Candidates = row.Candidates[:min(len(row.Candidates), n)]
		out.Succession = append(out.Succession, row)
	}
	slices.SortFunc(out.Succession, func(a, b Succession) int {
		if c := cmp.Compare(b.Role.Level, a.Role.Level); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Role.Title, b.Role.Title); c != 0 {
			return c
		}
		return cmp.Compare(a.Role.ID, b.Role.ID)
	})
	return out
}
