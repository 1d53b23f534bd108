package workforce

import (
	"sort"
	"strconv"
	"strings"
)

// Summing the teams' parts into the unit's profile (profile_index.go).

// versions is, for each competence a role in use requires, the newest framework version any
// of them names: a competence's title and held levels are read at it.
func versions(parts []*teamPart, roles map[int64]Role) map[compKey]string {
	used := map[int64]struct{}{}
	for _, p := range parts {
		for _, r := range p.staffFTE {
			used[r.role] = struct{}{}
		}
		for _, f := range p.posts {
			used[f.role] = struct{}{}
		}
	}
	v := map[compKey]string{}
	for id := range used {
		for _, q := range roles[id].Requirements {
			k := compKey{q.FrameworkKey, q.NodeKey}
			if v[k] < q.FrameworkVersion {
				v[k] = q.FrameworkVersion
			}
		}
	}
	return v
}

// groupKeys are the keys and labels of the level, band, staff group and role a role (paid at
// band) is counted in.
func groupKeys(r Role, band string) (lk, ll, bk, bl, gk, gl, rk, rl string) {
	lk, ll = strconv.Itoa(r.Level), LevelLabel(r.Level)
	bk, bl = band, "Band "+band
	if band == "" {
		bk, bl = NoBand, "No Agenda for Change band"
	}
	gk, gl = r.StaffGroup, r.StaffGroup
	if gk == "" {
		gk, gl = NoStaffGroup, "No staff group"
	}
	rk, rl = strconv.FormatInt(r.ID, 10), r.Title
	if rl == "" {
		rl = "Role " + rk
	}
	return
}

// sum adds the teams' parts up into the unit's profile.
func (x *ProfileIndex) sum(parts []*teamPart, roles map[int64]Role) Profile {
	p := Profile{OnCost: x.onCost, PayTable: x.pay.Name + " " + x.pay.Year}
	byLevel, byBand, byGroup, byRole := newGrouper(), newGrouper(), newGrouper(), newGrouper()
	for l := MinLevel; l <= MaxLevel; l++ { // every level has a row, so the pyramid has no holes
		byLevel.at(strconv.Itoa(l), LevelLabel(l))
	}
	staffFTE := map[int64]FTE{}
	posts := map[roleBand]*Figures{}
	for _, part := range parts {
		p.StaffFTE += part.fig.StaffFTE
		addPosts(&p.Figures, part.fig)
		for _, r := range part.staffFTE {
			staffFTE[r.role] += r.fte
		}
		for _, f := range part.posts {
			sum := posts[f.roleBand]
			if sum == nil {
				sum = &Figures{}
				posts[f.roleBand] = sum
			}
			addPosts(sum, f.Figures)
		}
	}
	for id, f := range staffFTE {
		r := roleOf(roles, id)
		lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(r, r.Band)
		byLevel.at(lk, ll).StaffFTE += f
		byBand.at(bk, bl).StaffFTE += f
		byGroup.at(gk, gl).StaffFTE += f
		byRole.at(rk, rl).StaffFTE += f
		if r.RegistrationRequired {
			p.Registered.RegisteredFTE += f
		} else {
			p.Registered.UnregisteredFTE += f
		}
	}
	// Headcounts: each person once in the unit, and once in each group they work in.
	for set, n := range x.roleSets {
		p.Headcount += n
		seen := map[string]bool{}
		count := func(g *grouper, dim, key, label string) {
			if !seen[dim+key] {
				seen[dim+key] = true
				g.at(key, label).Headcount += n
			}
		}
		reg, unreg := false, false
		for s := range strings.SplitSeq(set, ",") {
			id, _ := strconv.ParseInt(s, 10, 64)
			r := roleOf(roles, id)
			lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(r, r.Band)
			count(byLevel, "l", lk, ll)
			count(byBand, "b", bk, bl)
			count(byGroup, "g", gk, gl)
			count(byRole, "r", rk, rl)
			reg, unreg = reg || r.RegistrationRequired, unreg || !r.RegistrationRequired
		}
		if reg {
			p.Registered.RegisteredHeadcount += n
		}
		if unreg {
			p.Registered.UnregisteredHeadcount += n
		}
	}
	for k, f := range posts {
		lk, ll, bk, bl, gk, gl, rk, rl := groupKeys(roleOf(roles, k.role), k.band)
		addPosts(&byLevel.at(lk, ll).Figures, *f)
		addPosts(&byBand.at(bk, bl).Figures, *f)
		addPosts(&byGroup.at(gk, gl).Figures, *f)
		addPosts(&byRole.at(rk, rl).Figures, *f)
	}

	p.setGroups(byLevel, byBand, byGroup, byRole)
	p.ByTeam = make([]Group, 0, len(x.teams))
	for t, team := range x.teams {
		p.ByTeam = append(p.ByTeam, Group{Key: strconv.FormatInt(team.ID, 10), Label: team.Name, Figures: parts[t].fig})
	}
	p.Coverage = x.coverage(parts)
	return p
}

// addPosts adds the post figures of f (not its staff figures) to into.
func addPosts(into *Figures, f Figures) {
	into.Posts += f.Posts
	into.VacantPosts += f.VacantPosts
	into.FundedFTE += f.FundedFTE
	into.FilledFTE += f.FilledFTE
	into.VacantFTE += f.VacantFTE
	into.Cost += f.Cost
	into.BaseCost += f.BaseCost
	into.OnCostTotal += f.OnCostTotal
	into.Uncosted += f.Uncosted
}

// coverage builds the heat map from the teams' parts: a column for every competence demanded
// anywhere in the unit, titled from the version x.version names.
func (x *ProfileIndex) coverage(parts []*teamPart) Coverage {
	var cv Coverage
	cols := map[compKey]int{}
	for _, part := range parts {
		for _, cell := range part.comps {
			k := cell.comp
			if _, ok := cols[k]; ok {
				continue
			}
			cols[k] = 0
			cv.Competences = append(cv.Competences, competenceOf(x.lookup, k, x.version[k]))
		}
	}
	sortCompetences(cv.Competences)
	for i, c := range cv.Competences {
		cols[compKey{c.FrameworkKey, c.NodeKey}] = i
	}
	levelTitle := map[compKey]map[int]string{}
	title := func(k compKey, need int) string {
		m, ok := levelTitle[k]
		if !ok {
			m = map[int]string{}
			if f := lookupOrNil(x.lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: x.version[k]}); f != nil {
				for _, l := range f.Levels {
					m[l.Rank] = l.Title // the last level of a rank names it
				}
			}
			levelTitle[k] = m
		}
		return m[need]
	}
	cv.Totals = make([]Cell, len(cv.Competences))
	for t, team := range x.teams {
		part := parts[t]
		row := TeamCoverage{TeamRef: team, Cells: make([]Cell, len(cv.Competences))}
		for _, cell := range part.comps {
			i := cols[cell.comp]
			cv.put(row, i, Cell{Demand: cell.demand, Held: cell.held, Shortfall: max(0, cell.demand-cell.held), Level: title(cell.comp, cell.need)})
		}
		cv.Teams = append(cv.Teams, row)
	}
	return cv
}

// competenceOf is a coverage column, titled from the framework version given (its key when the
// version or the node is not found).
func competenceOf(lookup FrameworkLookup, k compKey, version string) Competence {
	c := Competence{FrameworkKey: k.fw, NodeKey: k.node, Title: k.node}
	if f := lookupOrNil(lookup, Requirement{FrameworkKey: k.fw, FrameworkVersion: version}); f != nil {
		if n := f.Node(k.node); n != nil {
			c.Title, c.Code = n.Title, n.Code
		}
	}
	return c
}

// sortCompetences orders coverage columns by framework, then code, then node.
func sortCompetences(cs []Competence) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.FrameworkKey != b.FrameworkKey {
			return a.FrameworkKey < b.FrameworkKey
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.NodeKey < b.NodeKey
	})
}

// setGroups orders the groups as the profile lists them: levels and bands from the highest
// down, staff groups in the NHS's order, roles by title (then id).
func (p *Profile) setGroups(byLevel, byBand, byGroup, byRole *grouper) {
	p.ByLevel = byLevel.sorted(func(a, b string) bool { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x > y })
	p.ByBand = byBand.sorted(func(a, b string) bool { return bandRank(a) > bandRank(b) })
	p.ByStaffGroup = byGroup.sorted(func(a, b string) bool { return staffGroupRank(a) < staffGroupRank(b) })
	roles := byRole.sorted(func(a, b string) bool { return a < b })
	sort.SliceStable(roles, func(i, j int) bool { return roles[i].Label < roles[j].Label })
	p.ByRole = roles
}

// put sets a team's cell of column i and adds it to the column's totals.
func (cv *Coverage) put(row TeamCoverage, i int, c Cell) {
	row.Cells[i] = c
	cv.Totals[i].Demand += c.Demand
	cv.Totals[i].Held += c.Held
	cv.Totals[i].Shortfall += c.Shortfall
}
