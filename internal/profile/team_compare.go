package profile

// TeamChange is one element of two team profiles of the same framework version side by side:
// a unit's establishment today and in a scenario (issue 6: "compare current vs scenario ... IWF
// team profile").
type TeamChange struct {
	Node        string `json:"node"`
	Title       string `json:"title"`
	ParentTitle string `json:"parent_title,omitempty"`
	Current     int    `json:"current"`  // whole-percent share today (0 when today has no profile)
	Scenario    int    `json:"scenario"` // and in the scenario
	// CurrentGap and ScenarioGap: nobody works at the gap level or above on the element.
	CurrentGap  bool `json:"current_gap"`
	ScenarioGap bool `json:"scenario_gap"`
}

// Change is the scenario's share minus today's, in percentage points.
func (c TeamChange) Change() int { return c.Scenario - c.Current }

// CompareTeams sets two team profiles of one framework version side by side, element by element
// in tree order. A side without members (the zero TeamProfile) has no shares and no gaps.
func CompareTeams(current, scenario TeamProfile) []TeamChange {
	var out []TeamChange
	idx := map[string]int{}
	add := func(e TeamElement) int {
		i, ok := idx[e.Node]
		if !ok {
			i = len(out)
			idx[e.Node] = i
			out = append(out, TeamChange{Node: e.Node, Title: e.Title, ParentTitle: e.ParentTitle})
		}
		return i
	}
	for _, e := range current.Elements {
		i := add(e)
		out[i].Current, out[i].CurrentGap = e.Share, e.Gap
	}
	for _, e := range scenario.Elements {
		i := add(e)
		out[i].Scenario, out[i].ScenarioGap = e.Share, e.Gap
	}
	return out
}
