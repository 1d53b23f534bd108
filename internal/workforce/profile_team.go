package workforce

import "slices"

// A team's part of the profile (profile_index.go): finding a team, grouping posts by team, and
// working out one team's figures and coverage.

// teamPositions finds a team's position in the unit's list. Team ids are usually close together
// (made one after another), so they index a slice when that is not much longer than the list:
// a scenario's 120,000 posts are grouped by team on every comparison, and a map look-up each
// costs more than the rest of the grouping.
type teamPositions struct {
	min   int64
	dense []int32 // position+1 by id-min; 0: not a team of the unit
	m     map[int64]int
}

func newTeamPositions(teams []TeamRef) teamPositions {
	var tp teamPositions
	if len(teams) == 0 {
		return tp
	}
	lo, hi := teams[0].ID, teams[0].ID
	for _, t := range teams {
		lo, hi = min(lo, t.ID), max(hi, t.ID)
	}
	if hi-lo < int64(8*len(teams)+1024) {
		tp.min, tp.dense = lo, make([]int32, hi-lo+1)
		for i, t := range teams {
			tp.dense[t.ID-lo] = int32(i + 1)
		}
		return tp
	}
	tp.m = make(map[int64]int, len(teams))
	for i, t := range teams {
		tp.m[t.ID] = i
	}
	return tp
}

func (tp teamPositions) of(id int64) (int, bool) {
	if tp.m != nil {
		i, ok := tp.m[id]
		return i, ok
	}
	if i := id - tp.min; i >= 0 && i < int64(len(tp.dense)) && tp.dense[i] > 0 {
		return int(tp.dense[i] - 1), true
	}
	return 0, false
}

// byTeam groups the positions of posts by the unit's teams, keeping their order (a counting
// sort into one slice of positions: at 120,000 posts, copying the posts or growing a slice per
// team costs more than the rest of the grouping).
func (x *ProfileIndex) byTeam(posts []Post) [][]int32 {
	team := make([]int32, len(posts))
	start := make([]int32, len(x.teams)+1)
	for i, p := range posts {
		t, ok := x.teamAt.of(p.TeamID)
		if !ok {
			team[i] = -1
			continue
		}
		team[i] = int32(t)
		start[t+1]++
	}
	for t := range x.teams {
		start[t+1] += start[t]
	}
	flat := make([]int32, start[len(x.teams)])
	next := slices.Clone(start)
	for i := range posts {
		if t := team[i]; t >= 0 {
			flat[next[t]] = int32(i)
			next[t]++
		}
	}
	out := make([][]int32, len(x.teams))
	for t := range x.teams {
		out[t] = flat[start[t]:start[t+1]:start[t+1]]
	}
	return out
}

// samePosts reports whether the posts at positions at are the team's posts in the index.
func samePosts(posts []Post, at []int32, team []Post) bool {
	if len(at) != len(team) {
		return false
	}
	for i, j := range at {
		if posts[j] != team[i] {
			return false
		}
	}
	return true
}

// pick is the posts at positions at.
func pick(posts []Post, at []int32) []Post {
	out := make([]Post, len(at))
	for i, j := range at {
		out[i] = posts[j]
	}
	return out
}

// roleOf is a role as the profile groups it: one missing from roles keeps its id.
func roleOf(roles map[int64]Role, id int64) Role {
	r := roles[id]
	r.ID = id
	return r
}

// workOutTeam works out one team's part from its posts and the index's assignments. same,
// when not nil, is a part of the team's people as they are (at x.version): what depends on the
// people alone is taken from it instead of worked out again (a scenario changes posts only).
func (x *ProfileIndex) workOutTeam(t int, posts []Post, roles map[int64]Role, same *teamPart) *teamPart {
	staff := x.staff[t]
	part := &teamPart{}
	if same != nil {
		part.members, part.staffFTE, part.hist = same.members, same.staffFTE, same.hist
		part.fig.Headcount, part.fig.StaffFTE = same.fig.Headcount, same.fig.StaffFTE
	} else {
		for _, s := range staff {
			part.fig.StaffFTE += s.FTE
			i := slices.IndexFunc(part.staffFTE, func(r roleFTE) bool { return r.role == s.RoleID })
			if i < 0 {
				i = len(part.staffFTE)
				part.staffFTE = append(part.staffFTE, roleFTE{role: s.RoleID})
			}
			part.staffFTE[i].fte += s.FTE
			if !slices.Contains(part.members, s.PersonID) {
				part.members = append(part.members, s.PersonID)
			}
		}
		part.fig.Headcount = len(part.members)
		part.hist = x.histogram(part.members)
	}
	fills := Fill(posts, staff)
	for i, post := range posts {
		r := roles[post.RoleID]
		band, filled := post.BandOf(r), fills[i]
		actual := post.ActualSalary
		if filled == 0 {
			actual = 0 // somebody's pay: it costs the post only while they fill it
		}
		c := CostPost(x.pay, band, post.PayPoint, actual, post.FTE, x.onCost)
		addPost(&part.fig, filled, post.FTE, c)
		k := roleBand{post.RoleID, band}
		j := slices.IndexFunc(part.posts, func(f bandFigures) bool { return f.roleBand == k })
		if j < 0 {
			j = len(part.posts)
			part.posts = append(part.posts, bandFigures{roleBand: k})
		}
		addPost(&part.posts[j].Figures, filled, post.FTE, c)
		for _, q := range x.reqsOf(post.RoleID, r) {
			j := slices.IndexFunc(part.comps, func(c compCell) bool { return c.comp == q.comp })
			if j < 0 {
				j = len(part.comps)
				part.comps = append(part.comps, compCell{comp: q.comp})
			}
			part.comps[j].demand++
			part.comps[j].need = max(part.comps[j].need, q.rank)
		}
	}
	countHeld(part)
	return part
}

// reqsOf is the competences a role requires with the rank each requires, kept for the
// index's own roles (a scenario's new roles are worked out each time).
func (x *ProfileIndex) reqsOf(id int64, r Role) []reqRank {
	if rr, ok := x.reqs[id]; ok {
		return rr
	}
	rr := make([]reqRank, len(r.Requirements))
	for i, q := range r.Requirements {
		rr[i] = reqRank{compKey{q.FrameworkKey, q.NodeKey}, x.ranks.of(q)}
	}
	if _, own := x.roles[id]; own {
		x.reqs[id] = rr
	}
	return rr
}

// histogram counts the members by their best in-date rank of each competence they hold,
// ranked on the scale of x.version.
func (x *ProfileIndex) histogram(members []int64) map[compKey][]int {
	hist := map[compKey][]int{}
	var best []reqRank
	for _, pid := range members {
		best = best[:0]
		holdings := x.byPerson[pid].holdings
		if g := x.gained[pid]; len(g) > 0 {
			holdings = slices.Concat(holdings, g)
		}
		for _, h := range holdings {
			k := compKey{h.FrameworkKey, h.NodeKey}
			rank := x.heldRank(k, h.LevelKey)
			if i := slices.IndexFunc(best, func(b reqRank) bool { return b.comp == k }); i >= 0 {
				best[i].rank = max(best[i].rank, rank)
			} else {
				best = append(best, reqRank{k, rank})
			}
		}
		for _, b := range best {
			h := hist[b.comp]
			if len(h) <= b.rank {
				h = append(h, make([]int, b.rank+1-len(h))...)
			}
			h[b.rank]++
			hist[b.comp] = h
		}
	}
	return hist
}

// countHeld counts the team's members who hold each demanded competence at the required rank
// or above.
func countHeld(part *teamPart) {
	for i, c := range part.comps {
		held := 0
		for r, n := range part.hist[c.comp] {
			if r >= c.need {
				held += n
			}
		}
		part.comps[i].held = held
	}
}

// heldRank is a held level's position on the scale of the version the unit's roles require:
// a level not on that scale counts as the lowest step, as Analyse treats a level-less holding.
func (x *ProfileIndex) heldRank(k compKey, level string) int {
	hl := heldLevel{k, level}
	rank, ok := x.held[hl]
	if !ok {
		rank = 1
		if f := lookupOrNil(x.lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: x.version[k]}); f != nil && len(f.Levels) > 0 {
			rank = max(levelRank(f.Levels, level), 1)
		}
		x.held[hl] = rank
	}
	return rank
}
