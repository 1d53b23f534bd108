package workforce

// Comparing today with several scenarios at once (issue 6): the same figures as Compare, one
// column per scenario, each group and competence on one row whichever profile has it.

// GroupColumns is one group's figures today and in each scenario, in the scenarios' order.
type GroupColumns struct {
	Key       string    `json:"key"`
	Label     string    `json:"label"`
	Today     Figures   `json:"today"`
	Scenarios []Figures `json:"scenarios"`
}

// CoverageColumns is one competence's coverage today and in each scenario.
type CoverageColumns struct {
	Competence Competence `json:"competence"`
	Today      Cell       `json:"today"`
	Scenarios  []Cell     `json:"scenarios"`
}

// ManyComparison sets several scenarios' profiles beside today's.
type ManyComparison struct {
	Total        GroupColumns      `json:"total"`
	ByLevel      []GroupColumns    `json:"by_level"`
	ByStaffGroup []GroupColumns    `json:"by_staff_group"`
	Coverage     []CoverageColumns `json:"coverage"`
}

// CompareMany sets today's profile and each scenario's side by side. A group or competence that
// only some profiles have is zero in the others; rows keep today's order, then each scenario's
// new ones in the order they first appear.
func CompareMany(today Profile, scenarios []Profile) ManyComparison {
	n := len(scenarios)
	c := ManyComparison{Total: GroupColumns{Key: "total", Label: "Total", Today: today.Figures, Scenarios: make([]Figures, n)}}
	for i, s := range scenarios {
		c.Total.Scenarios[i] = s.Figures
	}
	c.ByLevel = columnGroups(today.ByLevel, scenarios, func(p Profile) []Group { return p.ByLevel })
	c.ByStaffGroup = columnGroups(today.ByStaffGroup, scenarios, func(p Profile) []Group { return p.ByStaffGroup })
	type ck struct{ fw, node string }
	idx := map[ck]int{}
	add := func(comp Competence) int {
		k := ck{comp.FrameworkKey, comp.NodeKey}
		j, ok := idx[k]
		if !ok {
			j = len(c.Coverage)
			idx[k] = j
			c.Coverage = append(c.Coverage, CoverageColumns{Competence: comp, Scenarios: make([]Cell, n)})
		}
		return j
	}
	for i, comp := range today.Coverage.Competences {
		c.Coverage[add(comp)].Today = today.Coverage.Totals[i]
	}
	for s, p := range scenarios {
		for i, comp := range p.Coverage.Competences {
			c.Coverage[add(comp)].Scenarios[s] = p.Coverage.Totals[i]
		}
	}
	return c
}

func columnGroups(today []Group, scenarios []Profile, groups func(Profile) []Group) []GroupColumns {
	var out []GroupColumns
	idx := map[string]int{}
	add := func(g Group) int {
		i, ok := idx[g.Key]
		if !ok {
			i = len(out)
			idx[g.Key] = i
			out = append(out, GroupColumns{Key: g.Key, Label: g.Label, Scenarios: make([]Figures, len(scenarios))})
		}
		return i
	}
	for _, g := range today {
		out[add(g)].Today = g.Figures
	}
	for s, p := range scenarios {
		for _, g := range groups(p) {
			out[add(g)].Scenarios[s] = g.Figures
		}
	}
	return out
}

// CostChange is the i-th scenario's cost minus today's.
func (g GroupColumns) CostChange(i int) Pence { return g.Scenarios[i].Cost - g.Today.Cost }

// ShortfallChange is the i-th scenario's shortfall minus today's.
func (c CoverageColumns) ShortfallChange(i int) int {
	return c.Scenarios[i].Shortfall - c.Today.Shortfall
}
