package workforce

import "strconv"

// The workforce profile of a whole partnership (issue 6: "for any unit ... a whole
// partnership"): its partners' establishments added up, as aggregates only, with small groups
// suppressed (DESIGN decision 1, Suppress, docs/decisions/0014). Person-level figures never
// leave a partner: only counts, FTE, cost and coverage, per partner, per level and per staff
// group. Bands and roles are left out: a post's band may differ from its role's, so a band's
// filled FTE can belong to people counted in another band's row, out of reach of the rule; and
// roles are each organisation's own.

// PartnerProfile is one partner organisation's workforce profile.
type PartnerProfile struct {
	ID      int64
	Name    string
	Profile Profile
}

// Shown is one row of a partnership table: its figures, or nothing when suppressed.
type Shown struct {
	Key        string `json:"key"`
	Label      string `json:"label"`
	Suppressed bool   `json:"suppressed"`
	// Figures is nil when the row is suppressed.
	Figures *Figures `json:"figures"`
}

// ShownCoverage is one competence's coverage added up over the partners. Demand counts posts
// and is always shown; Held and Shortfall count people and are nil when the people holding it
// are an unsafe group (see Suppress; the shortfall would give held back). Competences are not
// parts of a total, so no complement is needed.
type ShownCoverage struct {
	Competence Competence `json:"competence"`
	Demand     int        `json:"demand"`
	Held       *int       `json:"held"`
	Shortfall  *int       `json:"shortfall"`
	Suppressed bool       `json:"suppressed"`
}

// PartnershipProfile is what a partnership's workforce profile shows.
type PartnershipProfile struct {
	Total        Shown   `json:"total"`
	Partners     []Shown `json:"partners"`
	ByLevel      []Shown `json:"by_level"`
	ByStaffGroup []Shown `json:"by_staff_group"`
	// Registered has two rows, registered and unregistered staff: headcount and FTE in post.
	Registered []Shown         `json:"registered"`
	Coverage   []ShownCoverage `json:"coverage"`
	MinGroup   int             `json:"min_group"`
}

func (f *Figures) add(g Figures) {
	f.Headcount += g.Headcount
	f.StaffFTE += g.StaffFTE
	f.Posts += g.Posts
	f.VacantPosts += g.VacantPosts
	f.FundedFTE += g.FundedFTE
	f.FilledFTE += g.FilledFTE
	f.VacantFTE += g.VacantFTE
	f.Cost += g.Cost
	f.BaseCost += g.BaseCost
	f.OnCostTotal += g.OnCostTotal
	f.Uncosted += g.Uncosted
}

// shownTable hides rows by Suppress; heads[i][p] is partner p's people in row i, totals[p]
// partner p's people in all.
func shownTable(rows []Group, heads [][]int, totals []int) []Shown {
	hidden, hideTotal := Suppress(heads, totals)
	out := make([]Shown, len(rows))
	for i, g := range rows {
		out[i] = Shown{Key: g.Key, Label: g.Label, Suppressed: hidden[i] || (hideTotal && g.Headcount > 0)}
		if !out[i].Suppressed {
			f := g.Figures
			out[i].Figures = &f
		}
	}
	return out
}

// sumGroups adds up the partners' groups by key, in the order they first appear, with each
// group's people by partner.
func sumGroups(partners []PartnerProfile, groups func(Profile) []Group) ([]Group, [][]int) {
	var out []Group
	var heads [][]int
	at := map[string]int{}
	for p, pp := range partners {
		for _, g := range groups(pp.Profile) {
			i, ok := at[g.Key]
			if !ok {
				i = len(out)
				at[g.Key] = i
				out = append(out, Group{Key: g.Key, Label: g.Label})
				heads = append(heads, make([]int, len(partners)))
			}
			out[i].add(g.Figures)
			heads[i][p] += g.Headcount
		}
	}
	return out, heads
}

// WorkOutPartnership adds up the partners' profiles (each person belongs to one organisation,
// so headcounts add up across partners) and suppresses small groups table by table.
func WorkOutPartnership(partners []PartnerProfile) PartnershipProfile {
	out := PartnershipProfile{MinGroup: MinGroup}
	n := len(partners)
	var total Figures
	totals := make([]int, n)
	partnerRows, partnerHeads := make([]Group, n), make([][]int, n)
	reg := []Group{{Key: "registered", Label: "Registered roles"}, {Key: "unregistered", Label: "Other roles"}}
	regHeads := [][]int{make([]int, n), make([]int, n)}
	for i, p := range partners {
		total.add(p.Profile.Figures)
		totals[i] = p.Profile.Headcount
		partnerRows[i] = Group{Key: strconv.FormatInt(p.ID, 10), Label: p.Name, Figures: p.Profile.Figures}
		partnerHeads[i] = make([]int, n)
		partnerHeads[i][i] = p.Profile.Headcount
		r := p.Profile.Registered
		reg[0].add(Figures{Headcount: r.RegisteredHeadcount, StaffFTE: r.RegisteredFTE})
		reg[1].add(Figures{Headcount: r.UnregisteredHeadcount, StaffFTE: r.UnregisteredFTE})
		regHeads[0][i], regHeads[1][i] = r.RegisteredHeadcount, r.UnregisteredHeadcount
	}
	out.Total = shownTable([]Group{{Key: "total", Label: "All partners", Figures: total}}, [][]int{totals}, totals)[0]
	out.Partners = shownTable(partnerRows, partnerHeads, totals)
	levels, heads := sumGroups(partners, func(p Profile) []Group { return p.ByLevel })
	out.ByLevel = shownTable(levels, heads, totals)
	groups, heads := sumGroups(partners, func(p Profile) []Group { return p.ByStaffGroup })
	out.ByStaffGroup = shownTable(groups, heads, totals)
	out.Registered = shownTable(reg, regHeads, totals)
	out.Coverage = partnershipCoverage(partners)
	return out
}

// partnershipCoverage adds up each competence's coverage over the partners, in the order the
// competences first appear.
func partnershipCoverage(partners []PartnerProfile) []ShownCoverage {
	var cells []Cell
	var comps []Competence
	var held [][]int
	at := map[compKey]int{}
	for pi, p := range partners {
		for i, c := range p.Profile.Coverage.Competences {
			k := compKey{c.FrameworkKey, c.NodeKey}
			j, ok := at[k]
			if !ok {
				j = len(cells)
				at[k] = j
				cells, comps = append(cells, Cell{}), append(comps, c)
				held = append(held, make([]int, len(partners)))
			}
			t := p.Profile.Coverage.Totals[i]
			cells[j].Demand += t.Demand
			cells[j].Held += t.Held
			cells[j].Shortfall += t.Shortfall
			held[j][pi] += t.Held
		}
	}
	out := make([]ShownCoverage, len(cells))
	for i, c := range cells {
		out[i] = ShownCoverage{Competence: comps[i], Demand: c.Demand}
		if unsafe(held[i]) {
			out[i].Suppressed = true
			continue
		}
		held, short := c.Held, c.Shortfall
		out[i].Held, out[i].Shortfall = &held, &short
	}
	return out
}
