package workforce

import (
	"reflect"
	"testing"
)

// TestWorkOutPartnership adds up four partners by hand: Trust A (40 people), Trust B (3), Trust C
// (20) and Trust D (30), and checks every table under Suppress's rule.
func TestWorkOutPartnership(t *testing.T) {
	fig := func(head int, fte FTE, cost Pence) Figures {
		return Figures{Headcount: head, StaffFTE: fte, Posts: head, FundedFTE: fte, FilledFTE: fte, Cost: cost, BaseCost: cost}
	}
	g := func(key string, f Figures) Group { return Group{Key: key, Label: key, Figures: f} }
	comp := func(key string) Competence { return Competence{FrameworkKey: "ksf", NodeKey: key, Title: key} }
	cover := func(keys []string, cells ...Cell) Coverage {
		var c Coverage
		for _, k := range keys {
			c.Competences = append(c.Competences, comp(k))
		}
		c.Totals = cells
		return c
	}
	a := Profile{Figures: fig(40, 4000, 40),
		ByLevel:      []Group{g("5", fig(30, 3000, 30)), g("3", fig(10, 1000, 10))},
		ByStaffGroup: []Group{g("Nursing", fig(40, 4000, 40))},
		Registered:   Split{RegisteredHeadcount: 30, RegisteredFTE: 3000, UnregisteredHeadcount: 10, UnregisteredFTE: 1000},
		Coverage:     cover([]string{"c1", "c2", "c3"}, Cell{Demand: 30, Held: 20, Shortfall: 10}, Cell{Demand: 4, Held: 2, Shortfall: 2}, Cell{Demand: 8, Held: 6, Shortfall: 2}),
	}
	b := Profile{Figures: fig(3, 300, 3),
		ByLevel:      []Group{g("5", fig(3, 300, 3))},
		ByStaffGroup: []Group{g("AHP", fig(3, 300, 3))},
		Registered:   Split{RegisteredHeadcount: 3, RegisteredFTE: 300},
		Coverage:     cover([]string{"c1"}, Cell{Demand: 3, Held: 1, Shortfall: 2}),
	}
	c := Profile{Figures: fig(20, 2000, 20),
		ByLevel:      []Group{g("3", fig(20, 2000, 20))},
		ByStaffGroup: []Group{g("Nursing", fig(20, 2000, 20))},
		Registered:   Split{UnregisteredHeadcount: 20, UnregisteredFTE: 2000},
	}
	d := Profile{Figures: fig(30, 3000, 30),
		ByLevel:      []Group{g("5", fig(15, 1500, 15)), g("3", fig(15, 1500, 15))},
		ByStaffGroup: []Group{g("Nursing", fig(30, 3000, 30))},
		Registered:   Split{RegisteredHeadcount: 30, RegisteredFTE: 3000},
		Coverage:     cover([]string{"c3"}, Cell{Demand: 7, Held: 7}),
	}
	got := WorkOutPartnership([]PartnerProfile{{1, "Trust A", a}, {2, "Trust B", b}, {3, "Trust C", c}, {4, "Trust D", d}})
	shown := func(key, label string, f Figures) Shown { return Shown{Key: key, Label: label, Figures: &f} }
	hidden := func(key, label string) Shown { return Shown{Key: key, Label: label, Suppressed: true} }
	thirteen, two := 13, 2
	want := PartnershipProfile{MinGroup: 5,
		Total: shown("total", "All partners", fig(93, 9300, 93)),
		// Trust B is small; Trust C and then Trust D go with it, so that no partner can take
		// its own figures from the hidden sum and be left with Trust B's.
		Partners: []Shown{shown("1", "Trust A", a.Figures), hidden("2", "Trust B"), hidden("3", "Trust C"), hidden("4", "Trust D")},
		ByLevel:  []Shown{shown("5", "5", fig(48, 4800, 48)), shown("3", "3", fig(45, 4500, 45))},
		// AHP is Trust B's 3 alone; Nursing is the total minus AHP, so it goes too.
		ByStaffGroup: []Shown{hidden("Nursing", "Nursing"), hidden("AHP", "AHP")},
		Registered: []Shown{shown("registered", "Registered roles", Figures{Headcount: 63, StaffFTE: 6300}),
			shown("unregistered", "Other roles", Figures{Headcount: 30, StaffFTE: 3000})},
		Coverage: []ShownCoverage{
			// 21 hold it, but 20 are Trust A's: Trust A would learn Trust B's 1.
			{Competence: comp("c1"), Demand: 33, Suppressed: true},
			{Competence: comp("c2"), Demand: 4, Suppressed: true},
			{Competence: comp("c3"), Demand: 15, Held: &thirteen, Shortfall: &two},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(want))
	}

	// A partnership of three people shows nothing with people in it, not even its total; a
	// partner of vacant posts only is shown.
	tiny := WorkOutPartnership([]PartnerProfile{{1, "Trust B", b}, {2, "Empty", Profile{Figures: Figures{Posts: 2, FundedFTE: 200, VacantFTE: 200, VacantPosts: 2}}}})
	if !tiny.Total.Suppressed || !tiny.Partners[0].Suppressed || tiny.Partners[1].Suppressed || tiny.Partners[1].Figures.Posts != 2 {
		t.Errorf("a partnership of three people: %s", dump(tiny))
	}
}

// dump writes a partnership profile with its figures, not their addresses.
func dump(p PartnershipProfile) string {
	s := ""
	row := func(r Shown) {
		if r.Figures != nil {
			s += r.Label + ":" + r.Figures.StaffFTE.String() + " "
		} else {
			s += r.Label + ":hidden "
		}
	}
	row(p.Total)
	for _, t := range [][]Shown{p.Partners, p.ByLevel, p.ByStaffGroup, p.Registered} {
		s += "| "
		for _, r := range t {
			row(r)
		}
	}
	for _, c := range p.Coverage {
		if c.Held != nil {
			s += c.Competence.Title + ":" + string(rune('0'+*c.Held%10)) + " "
		} else {
			s += c.Competence.Title + ":hidden "
		}
	}
	return s
}
