package generate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

func orgIDs(g *Generator) []int64 {
	ids := make([]int64, len(g.Organisations()))
	for i := range ids {
		ids[i] = int64(100 + i)
	}
	return ids
}

func newGen(t *testing.T, seed uint64, s Scale) *Generator {
	t.Helper()
	g, err := New(Options{Seed: seed, Scale: s})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func allRoles(t *testing.T, g *Generator) []workforce.Role {
	t.Helper()
	roles, err := g.AllRoles(orgIDs(g))
	if err != nil {
		t.Fatal(err)
	}
	return roles
}

func TestSameSeedSameData(t *testing.T) {
	a, b := newGen(t, 42, Small), newGen(t, 42, Small)
	if !reflect.DeepEqual(a.Organisations(), b.Organisations()) {
		t.Fatal("the same seed gave different organisations")
	}
	ra, rb := allRoles(t, a), allRoles(t, b)
	if !reflect.DeepEqual(ra, rb) {
		t.Fatal("the same seed gave different roles")
	}
	// Calling again on the same generator gives the same roles too.
	if again := allRoles(t, a); !reflect.DeepEqual(ra, again) {
		t.Fatal("a second call gave different roles")
	}
	// Batching does not change the data.
	var batched []workforce.Role
	if err := a.Roles(orgIDs(a), 7, func(b []workforce.Role) error {
		batched = append(batched, b...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ra, batched) {
		t.Fatal("batches of 7 gave different roles")
	}

	c := newGen(t, 43, Small)
	if reflect.DeepEqual(ra, allRoles(t, c)) {
		t.Fatal("different seeds gave the same roles")
	}
}

func TestCountsAndValidity(t *testing.T) {
	ksf, err := BuiltInKSF()
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(key, version string) *framework.Framework {
		if key == ksf.Key && version == ksf.Version {
			return ksf
		}
		return nil
	}
	scales := []Scale{Small, Trust}
	if !testing.Short() {
		scales = append(scales, National)
	}
	for _, s := range scales {
		t.Run(s.Name, func(t *testing.T) {
			g := newGen(t, 1, s)
			orgs := g.Organisations()
			if len(orgs) != s.Organisations {
				t.Fatalf("%d organisations, want %d", len(orgs), s.Organisations)
			}
			names := map[string]bool{}
			for _, o := range orgs {
				if names[strings.ToLower(o.Name)] {
					t.Fatalf("organisation name %q twice", o.Name)
				}
				names[strings.ToLower(o.Name)] = true
				if len(o.Services) != s.ServicesPerOrganisation {
					t.Fatalf("%s has %d services, want %d", o.Name, len(o.Services), s.ServicesPerOrganisation)
				}
			}
			var progress []Progress
			g.opts.Progress = func(p Progress) { progress = append(progress, p) }
			roles := allRoles(t, g)
			if len(roles) != s.Roles {
				t.Fatalf("%d roles, want %d", len(roles), s.Roles)
			}
			if last := progress[len(progress)-1]; last.Done != s.Roles || last.Total != s.Roles || last.Stage != "roles" {
				t.Fatalf("last progress %+v", last)
			}

			ids := orgIDs(g)
			perOrg := map[int64]int{}
			titles := map[int64]map[string]bool{}
			levels := map[int]int{}
			groups := map[string]int{}
			reqs := 0
			for i, r := range roles {
				perOrg[r.OrganisationID]++
				if titles[r.OrganisationID] == nil {
					titles[r.OrganisationID] = map[string]bool{}
				}
				key := strings.ToLower(r.Title)
				if titles[r.OrganisationID][key] {
					t.Fatalf("role %d: title %q twice in organisation %d", i, r.Title, r.OrganisationID)
				}
				titles[r.OrganisationID][key] = true
				levels[r.Level]++
				groups[r.StaffGroup]++
				reqs += len(r.Requirements)
				if len(r.Requirements) != s.RequirementsPerRole {
					t.Fatalf("role %d has %d requirements, want %d", i, len(r.Requirements), s.RequirementsPerRole)
				}
				// Generated roles are already what the store saves, and break no rule: no
				// error and no warning either.
				if n := workforce.Normalise(r); !reflect.DeepEqual(n, r) {
					t.Fatalf("role %d changes when normalised:\n%+v\n%+v", i, r, n)
				}
				if ps := workforce.ValidateRole(r, lookup); len(ps) > 0 {
					t.Fatalf("role %d %q: %v", i, r.Title, ps)
				}
			}
			if reqs != s.Roles*s.RequirementsPerRole {
				t.Fatalf("%d requirements, want %d", reqs, s.Roles*s.RequirementsPerRole)
			}
			for i, want := range g.RolesPerOrganisation() {
				if perOrg[ids[i]] != want {
					t.Fatalf("organisation %d has %d roles, want %d", i, perOrg[ids[i]], want)
				}
			}
			if s.Roles >= 5000 {
				for l := 1; l <= 9; l++ {
					if levels[l] == 0 {
						t.Errorf("no role at level %d", l)
					}
				}
				for _, sg := range workforce.StaffGroups {
					if groups[sg.Name] == 0 && sg.Name != "Students" && sg.Name != "Supplementary Roles" {
						t.Errorf("no role in staff group %s", sg.Name)
					}
				}
			}
		})
	}
}

// TestTermFrequencies checks the vocabulary behaves as search benchmarks assume: common words
// in many roles, rare ones in few but some.
func TestTermFrequencies(t *testing.T) {
	roles := allRoles(t, newGen(t, 1, Trust))
	share := func(word string) float64 {
		n := 0
		for _, r := range roles {
			text := strings.ToLower(strings.Join(append(append([]string{r.Title, r.Summary}, r.Activities...), r.KnowledgeSkills...), " "))
			if strings.Contains(text, word) {
				n++
			}
		}
		return float64(n) / float64(len(roles))
	}
	if s := share("patients"); s < 0.3 {
		t.Errorf("'patients' is in %.1f%% of roles, want a common word", 100*s)
	}
	if s := share("sarcoidosis"); s == 0 || s > 0.02 {
		t.Errorf("'sarcoidosis' is in %.2f%% of roles, want a rare word", 100*s)
	}
}

func TestScaleNamed(t *testing.T) {
	s, err := ScaleNamed(" System ")
	if err != nil || s.Roles != 50_000 || s.Roles*s.RequirementsPerRole != 500_000 {
		t.Fatalf("ScaleNamed(system) = %+v, %v", s, err)
	}
	if n, _ := ScaleNamed("national"); n.Roles != 20_000 || n.Organisations != 200 || n.People != 1_500_000 || n.Competences != 3_000 {
		t.Fatalf("national = %+v", n)
	}
	if _, err := ScaleNamed("galactic"); err == nil {
		t.Fatal("an unknown scale was accepted")
	}
}

func TestWrongNumberOfOrganisationIDs(t *testing.T) {
	g := newGen(t, 1, Small)
	if err := g.Roles([]int64{1}, 0, func([]workforce.Role) error { return nil }); err == nil {
		t.Fatal("Roles accepted one id for three organisations")
	}
}
