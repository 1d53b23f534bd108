package workforce

import (
	"strconv"
)

// referenceProfile is WorkOutProfile as it was before the profile was worked out by team
// (docs/decisions/0015), kept (renamed, small helpers shared) as an oracle:
// TestProfileIndexMatchesReference checks that the index gives the same figures on random
// inputs.

// refGrouper is the grouper as it was: with a set of who is counted in which row.
type refGrouper struct {
	*grouper
	people map[refGroupPerson]struct{}
}

type refGroupPerson struct {
	key    string
	person int64
}

func newRefGrouper(staff int) *refGrouper {
	return &refGrouper{grouper: newGrouper(), people: make(map[refGroupPerson]struct{}, staff)}
}

func (g *refGrouper) staff(key, label string, s StaffRow) {
	r := g.at(key, label)
	r.StaffFTE += s.FTE
	if _, ok := g.people[refGroupPerson{key, s.PersonID}]; !ok {
		g.people[refGroupPerson{key, s.PersonID}] = struct{}{}
		r.Headcount++
	}
}

func (g *refGrouper) post(key, label string, filled FTE, fte FTE, c PostCost) {
	addPost(&g.at(key, label).Figures, filled, fte, c)
}

// referenceProfile worked out the profile of a unit from its teams' posts, current assignments and
// holdings. Rows whose team is not one of in.Teams are ignored, so a loader that reads a little
// too much cannot change the figures.
func referenceProfile(in ProfileInput) Profile {
	inUnit := map[int64]bool{}
	teamName := map[int64]string{}
	for _, t := range in.Teams {
		inUnit[t.ID], teamName[t.ID] = true, t.Name
	}
	p := Profile{OnCost: in.OnCost, PayTable: in.Pay.Name + " " + in.Pay.Year}
	n := len(in.Staff)
	byLevel, byBand, byGroup, byRole, byTeam := newRefGrouper(n), newRefGrouper(n), newRefGrouper(n), newRefGrouper(n), newRefGrouper(n)
	for l := MinLevel; l <= MaxLevel; l++ { // every level has a row, so the pyramid has no holes
		byLevel.at(strconv.Itoa(l), LevelLabel(l))
	}
	for _, t := range in.Teams {
		byTeam.at(strconv.FormatInt(t.ID, 10), t.Name)
	}
	keys := groupKeys

	// Staff in post, and who holds what where (for filled FTE).
	people := make(map[int64]bool, n)
	regPeople, unregPeople := make(map[int64]bool, n), make(map[int64]bool, n)
	teamKey := make(map[int64]string, len(in.Teams))
	for _, t := range in.Teams {
		teamKey[t.ID] = strconv.FormatInt(t.ID, 10)
	}
	teamPeople := map[int64][]int64{}
	for _, s := range in.Staff {
		if !inUnit[s.TeamID] {
			continue
		}
		r := in.Roles[s.RoleID]
		r.ID = s.RoleID
		if !people[s.PersonID] {
			people[s.PersonID] = true
			p.Headcount++
		}
		p.StaffFTE += s.FTE
		if ps := teamPeople[s.TeamID]; len(ps) == 0 || ps[len(ps)-1] != s.PersonID {
			teamPeople[s.TeamID] = append(ps, s.PersonID)
		}
		if r.RegistrationRequired {
			p.Registered.RegisteredFTE += s.FTE
			regPeople[s.PersonID] = true
		} else {
			p.Registered.UnregisteredFTE += s.FTE
			unregPeople[s.PersonID] = true
		}
		lk, ll, bk, bl, gk, gl, rk, rl := keys(r, r.Band)
		byLevel.staff(lk, ll, s)
		byBand.staff(bk, bl, s)
		byGroup.staff(gk, gl, s)
		byRole.staff(rk, rl, s)
		byTeam.staff(teamKey[s.TeamID], teamName[s.TeamID], s)
	}
	p.Registered.RegisteredHeadcount, p.Registered.UnregisteredHeadcount = len(regPeople), len(unregPeople)

	// Posts: funded, filled, cost.
	fills := Fill(in.Posts, in.Staff)
	ranks := rankCache{lookup: in.Lookup, m: map[Requirement]int{}}
	demand := map[int64]map[compKey]int{}
	reqLevel := map[int64]map[compKey]int{}
	for i, post := range in.Posts {
		if !inUnit[post.TeamID] {
			continue
		}
		r := in.Roles[post.RoleID]
		r.ID = post.RoleID
		band := post.BandOf(r)
		filled := fills[i]
		c := in.Cost(post, filled)
		addPost(&p.Figures, filled, post.FTE, c)
		lk, ll, bk, bl, gk, gl, rk, rl := keys(r, band)
		byLevel.post(lk, ll, filled, post.FTE, c)
		byBand.post(bk, bl, filled, post.FTE, c)
		byGroup.post(gk, gl, filled, post.FTE, c)
		byRole.post(rk, rl, filled, post.FTE, c)
		byTeam.post(teamKey[post.TeamID], teamName[post.TeamID], filled, post.FTE, c)
		for _, q := range r.Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if demand[post.TeamID] == nil {
				demand[post.TeamID], reqLevel[post.TeamID] = map[compKey]int{}, map[compKey]int{}
			}
			demand[post.TeamID][k]++
			reqLevel[post.TeamID][k] = max(reqLevel[post.TeamID][k], ranks.of(q))
		}
	}

	p.setGroups(byLevel.grouper, byBand.grouper, byGroup.grouper, byRole.grouper)
	p.ByTeam = make([]Group, 0, len(in.Teams))
	for _, t := range in.Teams {
		p.ByTeam = append(p.ByTeam, *byTeam.rows[strconv.FormatInt(t.ID, 10)])
	}
	p.Coverage = refCoverage(in, demand, reqLevel, teamPeople)
	return p
}

// refCoverage builds the heat map. Held levels are ranked on the scale of the framework version
// the unit's roles require (the newest one any requirement names, for the title); a holding
// whose level is not on that scale counts as the lowest step, as Analyse treats a level-less
// holding.
func refCoverage(in ProfileInput, demand map[int64]map[compKey]int, reqLevel map[int64]map[compKey]int, teamPeople map[int64][]int64) Coverage {
	var cv Coverage
	// Columns: every competence demanded anywhere in the unit, with its title from a version a
	// role requires.
	cols := map[compKey]int{}
	version := map[compKey]string{}
	for _, r := range in.Roles {
		for _, q := range r.Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if version[k] < q.FrameworkVersion {
				version[k] = q.FrameworkVersion
			}
		}
	}
	for _, d := range demand {
		for k := range d {
			if _, ok := cols[k]; !ok {
				cols[k] = 0
				cv.Competences = append(cv.Competences, competenceOf(in.Lookup, k, version[k]))
			}
		}
	}
	sortCompetences(cv.Competences)
	for i, c := range cv.Competences {
		cols[compKey{c.FrameworkKey, c.NodeKey}] = i
	}

	// Each person's best rank of each demanded competence.
	type personComp struct {
		person int64
		comp   compKey
	}
	best := make(map[personComp]int, len(in.Holdings))
	type heldLevel struct {
		comp  compKey
		level string
	}
	rankOf := map[heldLevel]int{}
	for _, h := range in.Holdings {
		k := compKey{h.FrameworkKey, h.NodeKey}
		if _, ok := cols[k]; !ok {
			continue
		}
		rank, ok := rankOf[heldLevel{k, h.LevelKey}]
		if !ok {
			rank = 1
			if f := lookupOrNil(in.Lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version[k]}); f != nil && len(f.Levels) > 0 {
				rank = max(levelRank(f.Levels, h.LevelKey), 1)
			}
			rankOf[heldLevel{k, h.LevelKey}] = rank
		}
		pc := personComp{h.PersonID, k}
		best[pc] = max(best[pc], rank)
	}

	cv.Totals = make([]Cell, len(cv.Competences))
	for _, t := range in.Teams {
		row := TeamCoverage{TeamRef: t, Cells: make([]Cell, len(cv.Competences))}
		members := refUniq(teamPeople[t.ID])
		for k, d := range demand[t.ID] {
			i := cols[k]
			need := reqLevel[t.ID][k]
			held := 0
			for _, pid := range members {
				if best[personComp{pid, k}] >= need {
					held++
				}
			}
			c := Cell{Demand: d, Held: held, Shortfall: max(0, d-held)}
			if f := lookupOrNil(in.Lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version[k]}); f != nil && len(f.Levels) > 0 {
				for _, l := range f.Levels {
					if l.Rank == need {
						c.Level = l.Title
					}
				}
			}
			cv.put(row, i, c)
		}
		cv.Teams = append(cv.Teams, row)
	}
	return cv
}

func refUniq(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
