package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/workforce"
)

// People: teams below each service, and members of staff in them, each with one assignment to a
// role of their employer and a portfolio of KSF competences shaped by that role: most of its
// requirements held, some at a lower level (partly met) or a higher one, some with a review
// date that has passed or is near, and other dimensions besides, as people collect them.

// Streams of the people generators (see the constants in generate.go).
const (
	streamTeams  = 3
	streamPeople = 4
)

// teamKinds name a service's teams.
var teamKinds = []string{"Inpatient ward", "Outpatient clinic", "Day unit", "Community team", "Assessment unit",
	"Specialist nursing team", "Therapy team", "Administration team", "Research team", "Diagnostics team",
	"Discharge team", "Rapid response team"}

// makeTeams names the teams of every service, from their own stream so that the organisations
// and roles of a seed stay what they were before teams were generated.
func (g *Generator) makeTeams() {
	r := g.rng(streamTeams)
	n := min(g.opts.Scale.TeamsPerService, len(teamKinds))
	for i := range g.orgs {
		g.orgs[i].Teams = make([][]string, len(g.orgs[i].Services))
		for j, svc := range g.orgs[i].Services {
			kinds := slices.Clone(teamKinds)
			r.Shuffle(len(kinds), func(a, b int) { kinds[a], kinds[b] = kinds[b], kinds[a] })
			teams := make([]string, n)
			for k := range n {
				teams[k] = svc + ": " + strings.ToLower(kinds[k][:1]) + kinds[k][1:]
			}
			slices.Sort(teams)
			g.orgs[i].Teams[j] = teams
		}
	}
}

// Employer is a saved organisation as People needs it: its id, the ids of its teams, and its
// roles as saved (with their ids and requirements).
type Employer struct {
	ID    int64
	Teams []int64
	Roles []workforce.Role
}

// PersonRecord is a generated member of staff and their portfolio. The entries' PersonID is left
// 0: the caller sets it once the person is saved.
type PersonRecord struct {
	Person    workforce.Person
	Portfolio []workforce.PortfolioEntry
}

// PeoplePerOrganisation shares the scale's people out as the roles are shared: a bigger employer
// has more of both. The counts add up to the scale's exactly.
func (g *Generator) PeoplePerOrganisation() []int {
	s := g.opts.Scale
	out := make([]int, len(g.perOrg))
	given := 0
	for i, n := range g.perOrg {
		if s.Roles > 0 {
			out[i] = s.People * n / s.Roles
		}
		given += out[i]
	}
	for i := 0; given < s.People && len(out) > 0; i = (i + 1) % len(out) {
		out[i]++
		given++
	}
	return out
}

// levelWeight is how many people work at each Career Framework level for each role there: most
// of a workforce is at levels 2 to 6.
var levelWeight = [10]int{0: 2, 1: 3, 2: 8, 3: 7, 4: 6, 5: 8, 6: 5, 7: 3, 8: 1, 9: 1}

// People makes the scale's people, employer by employer (emps in Organisations' order, each with
// at least one team and role when it has people), and hands them to fn in batches of at most
// batch (an employer's people at once when batch <= 0). today dates the assignments and
// portfolios. Every call with the same employers makes the same people. An error from fn stops
// it.
func (g *Generator) People(emps []Employer, today workforce.Date, batch int, fn func(emp int, recs []PersonRecord) error) error {
	if len(emps) != len(g.orgs) {
		return fmt.Errorf("generate: %d employers for %d organisations", len(emps), len(g.orgs))
	}
	counts := g.PeoplePerOrganisation()
	total := g.opts.Scale.People
	r := g.rng(streamPeople)
	done, staffNo := 0, 0
	for i, e := range emps {
		if counts[i] == 0 {
			continue
		}
		if len(e.Teams) == 0 || len(e.Roles) == 0 {
			return fmt.Errorf("generate: employer %d has people to place but no teams or roles", e.ID)
		}
		// Roles drawn by level weight: cumulative weights for a binary search.
		cum := make([]int, len(e.Roles))
		sum := 0
		for k, role := range e.Roles {
			sum += levelWeight[min(max(role.Level, 0), 9)]
			cum[k] = sum
		}
		size := batch
		if size <= 0 {
			size = counts[i]
		}
		buf := make([]PersonRecord, 0, min(size, counts[i]))
		for range counts[i] {
			staffNo++
			k, _ := slices.BinarySearch(cum, 1+r.IntN(sum))
			buf = append(buf, g.person(r, e, e.Roles[k], staffNo, today))
			if len(buf) == size {
				if err := fn(i, buf); err != nil {
					return err
				}
				done += len(buf)
				g.progress("people", done, total)
				buf = make([]PersonRecord, 0, size)
			}
		}
		if len(buf) > 0 {
			if err := fn(i, buf); err != nil {
				return err
			}
			done += len(buf)
			g.progress("people", done, total)
		}
	}
	return nil
}

// ftes are the shares of full time people work, in hundredths, most full time.
var ftes = []workforce.FTE{100, 100, 100, 100, 100, 100, 100, 80, 80, 60, 60, 50, 40}

func (g *Generator) person(r *rand.Rand, e Employer, role workforce.Role, staffNo int, today workforce.Date) PersonRecord {
	start := today.AddDays(-30 - r.IntN(20*365))
	p := workforce.Person{
		OrganisationID: e.ID,
		StaffNumber:    fmt.Sprintf("G%07d", staffNo),
		Name:           pick(r, firstNames) + " " + pick(r, surnames),
		Assignments: []workforce.Assignment{{RoleID: role.ID, TeamID: pick(r, e.Teams), FTE: pick(r, ftes),
			Start: start}},
	}
	return PersonRecord{Person: p, Portfolio: g.portfolio(r, role, start, today)}
}

// portfolio holds most of the role's requirements (a quarter of them one level lower, some one
// higher) and other dimensions up to the scale's competences per person.
func (g *Generator) portfolio(r *rand.Rand, role workforce.Role, start, today workforce.Date) []workforce.PortfolioEntry {
	want := g.opts.Scale.CompetencesPerPerson
	held := map[string]bool{}
	var out []workforce.PortfolioEntry
	add := func(node string, rank int) {
		rank = min(max(rank, 1), len(g.levels))
		span := max(int(today.Time().Sub(start.Time()).Hours()/24), 1)
		achieved := start.AddDays(r.IntN(span))
		e := workforce.PortfolioEntry{FrameworkKey: g.ksf.Key, FrameworkVersion: g.ksf.Version, NodeKey: node,
			LevelKey: g.levels[rank-1], Evidence: workforce.EvidenceSelf, Achieved: achieved}
		if r.IntN(4) == 0 { // a review date, some passed, some near
			e.ReviewBy = achieved.AddDays(365 + r.IntN(3*365))
		}
		held[node] = true
		out = append(out, e)
	}
	for _, q := range role.Requirements {
		if len(out) >= want || r.IntN(100) >= 85 {
			continue
		}
		rank := slices.Index(g.levels, q.LevelKey) + 1
		switch d := r.IntN(100); {
		case d < 25:
			rank--
		case d < 40:
			rank++
		}
		add(q.NodeKey, rank)
	}
	others := append(slices.Clone(g.core), g.specific...)
	r.Shuffle(len(others), func(a, b int) { others[a], others[b] = others[b], others[a] })
	for _, node := range others {
		if len(out) >= want {
			break
		}
		if !held[node] {
			add(node, 1+r.IntN(len(g.levels)))
		}
	}
	return out
}
