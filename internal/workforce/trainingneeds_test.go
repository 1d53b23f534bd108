package workforce

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAnalyseTrainingNeeds works through small teams by hand. Today is 1 June 2025, so the
// default 90-day window runs to 30 August 2025.
//
// Roles: a nurse needs Communication (c1) at level 2, essential, and Personal development (c2)
// at level 1, desirable; a senior nurse needs c1 at level 3 and c2 at level 2, both essential.
func TestAnalyseTrainingNeeds(t *testing.T) {
	nurse := Role{ID: 1, Title: "Nurse", Requirements: []Requirement{req("c1", "level-2", true), req("c2", "level-1", false)}}
	senior := Role{ID: 2, Title: "Senior nurse", Requirements: []Requirement{req("c1", "level-3", true), req("c2", "level-2", true)}}
	person := func(id int64, roles []Role, aim *Role, hs ...PortfolioEntry) TrainingPerson {
		return TrainingPerson{ID: id, Roles: roles, Aim: aim, Held: hs}
	}
	n := []Role{nurse}
	team := []TrainingPerson{
		person(1, n, nil, held("c1", "level-2", "")),                                                // A: c2 missing (desirable)
		person(2, n, nil, held("c1", "level-1", ""), held("c2", "level-1", "2025-07-01")),           // B: c1 partly, c2 expiring
		person(3, n, nil, held("c1", "level-2", "2025-05-01"), held("c2", "level-1", "")),           // C: c1 expired
		person(4, []Role{nurse, senior}, nil, held("c1", "level-2", ""), held("c2", "level-1", "")), // D: senior's c1 and c2 partly
		person(5, nil, nil), // E: no role, left out
		person(6, n, &senior, held("c1", "level-2", ""), held("c2", "level-1", "")), // F: meets nurse, aims for senior
	}
	// Each need: key missing/expired/partly/expiring essential/desirable aim-only closes level.
	tests := []struct {
		name    string
		people  []TrainingPerson
		opts    TrainingOptions
		want    string
		counted int
	}{
		{"held roles", team, TrainingOptions{},
			// c1: B partly, C expired, D partly: 3 gaps, all essential, up to level 3.
			// c2: A missing, D partly (gaps 2); B expiring (no gap); essential only for D.
			"c1 0/1/2/0 3/0 0 3 Level 3; c2 1/0/1/1 1/2 0 2 Level 2", 5},
		{"with the roles people aim for", team, TrainingOptions{IncludeAim: true},
			// F adds a partly met c1 and c2, both essential, for the aim only.
			"c1 0/1/3/0 4/0 1 4 Level 3; c2 1/0/2/1 2/2 1 3 Level 2", 5},
		{"essential only", team, TrainingOptions{EssentialOnly: true},
			// The nurse's c2 is desirable: only D's senior c2 is left.
			"c1 0/1/2/0 3/0 0 3 Level 3; c2 0/0/1/0 1/0 0 1 Level 2", 5},
		{"no expiring window", team, TrainingOptions{ExpiringDays: -1},
			"c1 0/1/2/0 3/0 0 3 Level 3; c2 1/0/1/0 1/1 0 2 Level 2", 5},
		{"a window of 20 days misses B's July review", team, TrainingOptions{ExpiringDays: 20},
			"c1 0/1/2/0 3/0 0 3 Level 3; c2 1/0/1/0 1/1 0 2 Level 2", 5},
		{"a later entry keeps it in date", []TrainingPerson{person(7, n, nil, held("c1", "level-2", "2025-07-01"), held("c1", "level-3", ""), held("c2", "level-1", ""))},
			TrainingOptions{}, "", 1},
		{"an entry too low does not keep it in date", []TrainingPerson{person(8, n, nil, held("c1", "level-2", "2025-07-01"), held("c1", "level-1", ""), held("c2", "level-1", ""))},
			TrainingOptions{}, "c1 0/0/0/1 1/0 0 0 Level 2", 1},
		// Equal gaps: the essential one first.
		{"ties: essential first", []TrainingPerson{person(9, n, nil)}, TrainingOptions{},
			"c1 1/0/0/0 1/0 0 1 Level 2; c2 1/0/0/0 0/1 0 1 Level 1", 1},
		{"one person in two roles needing the same competence counts once, with both gaps", []TrainingPerson{person(10, []Role{nurse, senior}, nil)}, TrainingOptions{},
			"c1 1/0/0/0 1/0 0 2 Level 3; c2 1/0/0/0 1/0 0 2 Level 2", 1},
		{"the aim is a role they hold", []TrainingPerson{person(11, n, &nurse, held("c1", "level-2", ""), held("c2", "level-1", ""))}, TrainingOptions{IncludeAim: true}, "", 1},
		{"nobody", nil, TrainingOptions{}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Today = "2025-06-01"
			got := AnalyseTrainingNeeds(tt.people, testFrameworks(), tt.opts)
			var parts []string
			for _, n := range got.Needs {
				parts = append(parts, fmt.Sprintf("%s %d/%d/%d/%d %d/%d %d %d %s", n.NodeKey, n.Missing, n.Expired, n.Partly, n.Expiring,
					n.Essential, n.Desirable, n.AimOnly, n.Closes, n.Level))
				if n.People() != n.Essential+n.Desirable {
					t.Errorf("%s: %d people but %d essential + %d desirable", n.NodeKey, n.People(), n.Essential, n.Desirable)
				}
			}
			if s := strings.Join(parts, "; "); s != tt.want {
				t.Errorf("needs\n got %s\nwant %s", s, tt.want)
			}
			if got.People != tt.counted {
				t.Errorf("people = %d, want %d", got.People, tt.counted)
			}
		})
	}
	if got := AnalyseTrainingNeeds(team, testFrameworks(), TrainingOptions{Today: "2025-06-01"}); got.WithoutRole != 1 || got.Needs[0].Title != "Communication" || got.Needs[0].Code != "C1" {
		t.Errorf("without role %d, first need %+v", got.WithoutRole, got.Needs[0])
	}
}

// TestTrainingNeedsProperties checks, on random teams, what holds for every input: each person
// counts once per competence, the list is ranked, filtering to essential requirements never adds
// gaps and counting aimed-for roles never removes any.
func TestTrainingNeedsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	nodes := []string{"c1", "c2"}
	levels := []string{"level-1", "level-2", "level-3"}
	reviews := []Date{"", "2025-05-01", "2025-07-01", "2026-01-01"}
	lookup := testFrameworks()
	randomRole := func(id int64) Role {
		r := Role{ID: id}
		for _, n := range nodes {
			if rng.IntN(3) > 0 {
				r.Requirements = append(r.Requirements, req(n, levels[rng.IntN(3)], rng.IntN(2) == 0))
			}
		}
		return r
	}
	for i := range 3000 {
		roles := []Role{randomRole(1), randomRole(2), randomRole(3)}
		var people []TrainingPerson
		for p := range rng.IntN(6) {
			tp := TrainingPerson{ID: int64(p + 1)}
			for range rng.IntN(3) {
				tp.Roles = append(tp.Roles, roles[rng.IntN(3)])
			}
			if rng.IntN(2) == 0 {
				tp.Aim = &roles[rng.IntN(3)]
			}
			for range rng.IntN(4) {
				tp.Held = append(tp.Held, held(nodes[rng.IntN(2)], levels[rng.IntN(3)], reviews[rng.IntN(4)]))
			}
			people = append(people, tp)
		}
		o := TrainingOptions{Today: "2025-06-01"}
		all := AnalyseTrainingNeeds(people, lookup, o)
		o.EssentialOnly = true
		essential := AnalyseTrainingNeeds(people, lookup, o)
		o.EssentialOnly, o.IncludeAim = false, true
		aim := AnalyseTrainingNeeds(people, lookup, o)
		closes := func(tn TrainingNeeds) map[string]int {
			m := map[string]int{}
			for _, n := range tn.Needs {
				m[n.NodeKey] = n.Closes
			}
			return m
		}
		for _, tn := range []TrainingNeeds{all, essential, aim} {
			for j, n := range tn.Needs {
				if n.People() > tn.People || n.People() != n.Essential+n.Desirable || n.Closes < n.Missing+n.Expired+n.Partly {
					t.Fatalf("case %d: need %+v of %d people", i, n, tn.People)
				}
				if j > 0 {
					p := tn.Needs[j-1]
					if p.Closes < n.Closes || (p.Closes == n.Closes && p.Essential < n.Essential) {
						t.Fatalf("case %d: not ranked: %+v before %+v", i, p, n)
					}
				}
			}
		}
		a, e, w := closes(all), closes(essential), closes(aim)
		for k, v := range e {
			if v > a[k] {
				t.Fatalf("case %d: essential only closes %d gaps of %s, more than %d", i, v, k, a[k])
			}
		}
		for k, v := range a {
			if w[k] < v {
				t.Fatalf("case %d: with aims %s closes %d gaps, fewer than %d", i, k, w[k], v)
			}
		}
		for _, n := range all.Needs {
			if n.AimOnly != 0 {
				t.Fatalf("case %d: aim counted without IncludeAim: %+v", i, n)
			}
		}
	}
}
