// Package generate makes deterministic, realistic synthetic data at scale for demos, load tests
// and benchmarks (issue 10): organisations and roles across the nine Career Framework levels and
// the NHS staff groups, with KSF requirements, today; people, portfolios and profiles as those
// features arrive.
//
// The same seed and scale always give the same data, on any machine: every random choice comes
// from a math/rand/v2 PCG source seeded from the seed, and each kind of record has its own
// stream (organisations, roles, later people...), so adding a new kind never changes the records
// an existing kind produced.
//
// The package is pure, like the domain packages: it builds workforce values and never touches
// the database. The caller writes them through the store's bulk path (store.CreateRoles), after
// creating the organisations in the order Organisations returns them.
package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// Scale is a size of generated data.
type Scale struct {
	Name string
	// Organisations are top-level organisations (employers), each with
	// ServicesPerOrganisation services below it.
	Organisations           int
	ServicesPerOrganisation int
	// Roles are spread over the organisations; each has RequirementsPerRole KSF requirements.
	Roles               int
	RequirementsPerRole int
	// TeamsPerService teams below each service, and People members of staff in them, each
	// with a portfolio of CompetencesPerPerson competences (at most the KSF's 30 dimensions).
	TeamsPerService      int
	People               int
	CompetencesPerPerson int
	// Competences is the size of a large local competence framework, which nothing generates
	// yet: portfolios and requirements use the KSF.
	Competences int
}

// The named scales. System is the benchmark of issue 4 (50,000 roles and 500,000 requirements);
// National is issue 10's national scale.
var (
	Small    = Scale{Name: "small", Organisations: 3, ServicesPerOrganisation: 4, Roles: 500, RequirementsPerRole: 10, TeamsPerService: 3, People: 2_000, CompetencesPerPerson: 20, Competences: 100}
	Trust    = Scale{Name: "trust", Organisations: 1, ServicesPerOrganisation: 12, Roles: 5_000, RequirementsPerRole: 10, TeamsPerService: 6, People: 10_000, CompetencesPerPerson: 20, Competences: 300}
	System   = Scale{Name: "system", Organisations: 20, ServicesPerOrganisation: 8, Roles: 50_000, RequirementsPerRole: 10, TeamsPerService: 5, People: 100_000, CompetencesPerPerson: 20, Competences: 1_000}
	National = Scale{Name: "national", Organisations: 200, ServicesPerOrganisation: 8, Roles: 20_000, RequirementsPerRole: 10, TeamsPerService: 5, People: 1_500_000, CompetencesPerPerson: 20, Competences: 3_000}
)

// Scales lists the named scales, smallest first.
func Scales() []Scale { return []Scale{Small, Trust, System, National} }

// ScaleNamed returns the scale of that name (any case).
func ScaleNamed(name string) (Scale, error) {
	for _, s := range Scales() {
		if strings.EqualFold(strings.TrimSpace(name), s.Name) {
			return s, nil
		}
	}
	return Scale{}, fmt.Errorf("generate: unknown scale %q (small, trust, system or national)", name)
}

// Progress reports how far a long generation has gone.
type Progress struct {
	Stage       string // "roles"
	Done, Total int    // Total is 0 when not known beforehand

}

// Options configure a generator.
type Options struct {
	Seed  uint64
	Scale Scale
	// KSF is the framework version requirements point at; nil uses the built-in KSF 2010. It
	// must have "dimension" nodes under a "core" node (at least six, the core dimensions) and
	// others outside it, and a level scale.
	KSF *framework.Framework
	// IWF is the profile framework of role and own profiles, IWL the checklist of the
	// self-assessments and Strategy the strategic framework of the partnership plans; nil uses
	// the built-in IWF 2.1, IWL 2009 and London Workforce Strategic Framework 2016.
	IWF, IWL, Strategy *framework.Framework
	// Progress, when set, is called as records are made.
	Progress func(Progress)
}

// Organisation is a generated top-level organisation, the names of its services and of each
// service's teams (Teams[i] are Services[i]'s).
type Organisation struct {
	Name     string
	Services []string
	Teams    [][]string
}

// Generator makes the data of one seed and scale. It is not safe for concurrent use.
type Generator struct {
	opts     Options
	ksf      *framework.Framework
	core     []string // core dimension keys
	specific []string // every other dimension key
	levels   []string // KSF level keys, lowest first
	orgs     []Organisation
	perOrg   []int // roles of each organisation
}

// Streams: each kind of record draws from its own PCG stream.
const (
	streamOrganisations = 1
	streamRoles         = 2
	// people.go: streamTeams = 3, streamPeople = 4; iwf.go: 5 and 6; assessments.go: 7;
	// plans.go: 8.
)

func (g *Generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.opts.Seed, stream*0x9e3779b97f4a7c15+1))
}

// BuiltInKSF returns the built-in KSF 2010, as the store holds it.
func BuiltInKSF() (*framework.Framework, error) { return builtIn("ksf-2010.yaml") }

// builtIn parses a built-in framework file.
func builtIn(file string) (*framework.Framework, error) {
	data, err := frameworks.FS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return framework.Parse(data, file)
}

// optional returns the framework of an option, parsing the built-in file the first time when the
// option is nil.
func optional(slot **framework.Framework, file string) (*framework.Framework, error) {
	if *slot == nil {
		f, err := builtIn(file)
		if err != nil {
			return nil, fmt.Errorf("generate: built-in %s: %w", file, err)
		}
		*slot = f
	}
	return *slot, nil
}

// New returns a generator for the seed and scale.
func New(opts Options) (*Generator, error) {
	s := opts.Scale
	if s.Organisations < 1 || s.Roles < 0 || s.ServicesPerOrganisation < 0 {
		return nil, fmt.Errorf("generate: scale %q needs at least one organisation", s.Name)
	}
	if s.ServicesPerOrganisation > len(serviceNames) {
		return nil, fmt.Errorf("generate: at most %d services per organisation", len(serviceNames))
	}
	g := &Generator{opts: opts, ksf: opts.KSF}
	if g.ksf == nil {
		var err error
		if g.ksf, err = BuiltInKSF(); err != nil {
			return nil, fmt.Errorf("generate: built-in KSF: %w", err)
		}
	}
	if err := g.readKSF(); err != nil {
		return nil, err
	}
	if s.RequirementsPerRole > len(g.core)+len(g.specific) {
		return nil, fmt.Errorf("generate: %d requirements per role, but the KSF has %d dimensions",
			s.RequirementsPerRole, len(g.core)+len(g.specific))
	}
	g.makeOrganisations()
	g.makeTeams()
	return g, nil
}

func (g *Generator) readKSF() error {
	core := g.ksf.Node("core")
	if core == nil {
		return errors.New("generate: the KSF has no \"core\" node")
	}
	for _, c := range core.Children {
		if c.Type == "dimension" {
			g.core = append(g.core, c.Key)
		}
	}
	for _, n := range g.ksf.NodesOfType("dimension") {
		if !slices.Contains(g.core, n.Key) {
			g.specific = append(g.specific, n.Key)
		}
	}
	for _, l := range g.ksf.Levels {
		g.levels = append(g.levels, l.Key)
	}
	if len(g.core) == 0 || len(g.levels) == 0 {
		return errors.New("generate: the KSF needs core dimensions and a level scale")
	}
	// The preferred dimensions of every profession must exist.
	for _, p := range professions {
		for _, k := range p.ksf {
			if !slices.Contains(g.specific, k) && !slices.Contains(g.core, k) {
				return fmt.Errorf("generate: the KSF has no dimension %q (profession %s)", k, p.name)
			}
		}
	}
	return nil
}

// KSF returns the framework version the requirements point at.
func (g *Generator) KSF() *framework.Framework { return g.ksf }

// Scale returns the generator's scale.
func (g *Generator) Scale() Scale { return g.opts.Scale }

// makeOrganisations names the organisations and their services and shares the roles out among
// them: bigger and smaller employers, the counts adding up to the scale's exactly.
func (g *Generator) makeOrganisations() {
	r := g.rng(streamOrganisations)
	s := g.opts.Scale
	used := map[string]bool{}
	weights := make([]int, s.Organisations)
	total := 0
	for i := range s.Organisations {
		var name string
		for attempt := 0; ; attempt++ {
			name = strings.TrimSpace(pick(r, placePrefixes) + pick(r, placeStems) + " " + pick(r, trustKinds))
			if attempt > 50 {
				name = fmt.Sprintf("%s %d", name, i+1)
			}
			if !used[strings.ToLower(name)] {
				break
			}
		}
		used[strings.ToLower(name)] = true
		services := slices.Clone(serviceNames)
		r.Shuffle(len(services), func(a, b int) { services[a], services[b] = services[b], services[a] })
		services = services[:s.ServicesPerOrganisation]
		slices.Sort(services)
		g.orgs = append(g.orgs, Organisation{Name: name, Services: services})
		weights[i] = 50 + r.IntN(101) // from 50 to 150: a third of a big employer's size
		total += weights[i]
	}
	g.perOrg = make([]int, s.Organisations)
	given := 0
	for i, w := range weights {
		g.perOrg[i] = s.Roles * w / total
		given += g.perOrg[i]
	}
	for i := 0; given < s.Roles; i = (i + 1) % len(g.perOrg) {
		g.perOrg[i]++
		given++
	}
}

// Organisations returns the organisations to create, in order. Roles takes their ids in the same
// order.
func (g *Generator) Organisations() []Organisation {
	out := slices.Clone(g.orgs)
	for i := range out {
		out[i].Services = slices.Clone(out[i].Services)
		out[i].Teams = slices.Clone(out[i].Teams)
	}
	return out
}

// RolesPerOrganisation returns how many roles each organisation gets, in Organisations' order.
func (g *Generator) RolesPerOrganisation() []int { return slices.Clone(g.perOrg) }

// Roles makes the scale's roles, organisation by organisation, and hands them to fn in batches of
// at most batch roles (all at once when batch <= 0). orgIDs are the ids the organisations got,
// in Organisations' order. Every call makes the same roles. An error from fn stops it.
func (g *Generator) Roles(orgIDs []int64, batch int, fn func([]workforce.Role) error) error {
	if len(orgIDs) != len(g.orgs) {
		return fmt.Errorf("generate: %d organisation ids for %d organisations", len(orgIDs), len(g.orgs))
	}
	total := g.opts.Scale.Roles
	if batch <= 0 {
		batch = max(total, 1)
	}
	rs := newRoleSource(g)
	buf := make([]workforce.Role, 0, min(batch, max(total, 1)))
	done := 0
	for i, id := range orgIDs {
		titles := map[string]bool{}
		for range g.perOrg[i] {
			buf = append(buf, rs.role(id, titles))
			if len(buf) == batch {
				if err := fn(buf); err != nil {
					return err
				}
				done += len(buf)
				g.progress("roles", done, total)
				buf = make([]workforce.Role, 0, batch)
			}
		}
	}
	if len(buf) > 0 {
		if err := fn(buf); err != nil {
			return err
		}
		done += len(buf)
		g.progress("roles", done, total)
	}
	return nil
}

// AllRoles returns every role of the scale at once (Roles in one batch).
func (g *Generator) AllRoles(orgIDs []int64) ([]workforce.Role, error) {
	var out []workforce.Role
	err := g.Roles(orgIDs, 10_000, func(b []workforce.Role) error {
		out = append(out, b...)
		return nil
	})
	return out, err
}

func (g *Generator) progress(stage string, done, total int) {
	if g.opts.Progress != nil {
		g.opts.Progress(Progress{Stage: stage, Done: done, Total: total})
	}
}

// pick returns a uniformly chosen element.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
