package generate

import (
	"reflect"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// employers gives the generated organisations ids, teams and their roles with ids, as the store
// would after saving them.
func employers(t *testing.T, g *Generator) []Employer {
	t.Helper()
	roles := allRoles(t, g)
	emps := make([]Employer, len(g.Organisations()))
	next := int64(10_000)
	for i, o := range g.Organisations() {
		emps[i].ID = int64(100 + i)
		for _, teams := range o.Teams {
			for range teams {
				next++
				emps[i].Teams = append(emps[i].Teams, next)
			}
		}
	}
	for k, r := range roles {
		r.ID = int64(1 + k)
		emps[r.OrganisationID-100].Roles = append(emps[r.OrganisationID-100].Roles, r)
	}
	return emps
}

func allPeople(t *testing.T, g *Generator, today workforce.Date) []PersonRecord {
	t.Helper()
	var out []PersonRecord
	if err := g.People(employers(t, g), today, 300, func(_ int, recs []PersonRecord) error {
		out = append(out, recs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPeople: the scale's people, each valid as an HR import would require, in a team of their
// own employer, in one of its roles, with a valid portfolio of the scale's size that holds most of
// the role's requirements; the same seed gives the same people, a different one others.
func TestPeople(t *testing.T) {
	const today = workforce.Date("2026-11-23")
	g := newGen(t, 3, Small)
	people := allPeople(t, g, today)
	if len(people) != Small.People {
		t.Fatalf("%d people, want %d", len(people), Small.People)
	}
	emps := employers(t, g)
	byID := map[int64]Employer{}
	for _, e := range emps {
		byID[e.ID] = e
	}
	ksf := g.KSF()
	lookup := func(key, version string) *framework.Framework {
		if key == ksf.Key && version == ksf.Version {
			return ksf
		}
		return nil
	}
	numbers := map[string]bool{}
	held, required, withReview := 0, 0, 0
	for _, rec := range people {
		p := rec.Person
		e := byID[p.OrganisationID]
		isTeam := func(id int64) bool { return slices.Contains(e.Teams, id) }
		if ps := workforce.ValidatePerson(p, today, isTeam); len(ps) > 0 {
			t.Fatalf("%s is not valid: %v", p.StaffNumber, ps)
		}
		if numbers[p.StaffNumber] {
			t.Fatalf("staff number %s twice", p.StaffNumber)
		}
		numbers[p.StaffNumber] = true
		a := p.Assignments[0]
		i := slices.IndexFunc(e.Roles, func(r workforce.Role) bool { return r.ID == a.RoleID })
		if i < 0 {
			t.Fatalf("%s works in role %d, not one of their employer's", p.StaffNumber, a.RoleID)
		}
		if len(rec.Portfolio) != Small.CompetencesPerPerson {
			t.Fatalf("%s holds %d competences, want %d", p.StaffNumber, len(rec.Portfolio), Small.CompetencesPerPerson)
		}
		nodes := map[string]bool{}
		for _, en := range rec.Portfolio {
			if ps := workforce.ValidateEntry(en, lookup, today); len(ps) > 0 {
				t.Fatalf("%s: entry %+v is not valid: %v", p.StaffNumber, en, ps)
			}
			if nodes[en.NodeKey] {
				t.Fatalf("%s holds %s twice", p.StaffNumber, en.NodeKey)
			}
			nodes[en.NodeKey] = true
			if !en.ReviewBy.IsZero() {
				withReview++
			}
		}
		for _, q := range e.Roles[i].Requirements {
			required++
			if nodes[q.NodeKey] {
				held++
			}
		}
	}
	// 85% of requirements are held for the role; of the other 15%, about half are held anyway
	// among the other dimensions (11.5 picked of the 21.5 not held yet): about 93% in all.
	if share := float64(held) / float64(required); share < 0.89 || share > 0.97 {
		t.Errorf("%.1f%% of the roles' requirements held, want about 93%%", share*100)
	}
	if share := float64(withReview) / float64(len(people)*Small.CompetencesPerPerson); share < 0.2 || share > 0.3 {
		t.Errorf("%.1f%% of entries have a review date, want about 25%%", share*100)
	}

	again := allPeople(t, newGen(t, 3, Small), today)
	if !reflect.DeepEqual(people, again) {
		t.Error("the same seed gave different people")
	}
	other := allPeople(t, newGen(t, 4, Small), today)
	if reflect.DeepEqual(people[0], other[0]) && reflect.DeepEqual(people[1], other[1]) {
		t.Error("another seed gave the same people")
	}
}

// TestTeams: every service has the scale's teams, named uniquely within their organisation.
func TestTeams(t *testing.T) {
	g := newGen(t, 1, System)
	for _, o := range g.Organisations() {
		if len(o.Teams) != len(o.Services) {
			t.Fatalf("%s: %d services, %d team lists", o.Name, len(o.Services), len(o.Teams))
		}
		seen := map[string]bool{}
		for _, teams := range o.Teams {
			if len(teams) != System.TeamsPerService {
				t.Fatalf("%s: %d teams in a service, want %d", o.Name, len(teams), System.TeamsPerService)
			}
			for _, name := range teams {
				if seen[name] {
					t.Fatalf("%s: team %q twice", o.Name, name)
				}
				seen[name] = true
			}
		}
	}
}

// TestPeoplePerOrganisation: the people are shared out like the roles and add up exactly.
func TestPeoplePerOrganisation(t *testing.T) {
	for _, s := range Scales() {
		t.Run(s.Name, func(t *testing.T) {
			g := newGen(t, 1, s)
			per, roles := g.PeoplePerOrganisation(), g.RolesPerOrganisation()
			total := 0
			for i, n := range per {
				total += n
				if roles[i] == 0 && n > 0 {
					t.Errorf("organisation %d has %d people but no roles", i, n)
				}
			}
			if total != s.People {
				t.Errorf("%d people, want %d", total, s.People)
			}
		})
	}
}
