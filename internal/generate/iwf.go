package generate

import (
	"errors"
	"math/rand/v2"
	"slices"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/workforce"
)

// IWF profiles (DOMAIN.md section 1): every research role gets an IWF role profile, and so does
// one research-active clinical role in twelve; some of the people in those roles hold an account
// and their own view of their role, which differs from the role's in a few shares and levels.
// Every profile spreads the framework's whole total over all its elements, each at least the
// minimum share, with a level each: profile.Validate accepts it.

// Streams of the profile generators.
const (
	streamRoleProfiles = 5
	streamAccounts     = 6
)

// researchWeights are the relative focus of each IWF 2.1 element in the research professions;
// an element missing from the table (another version of the framework) gets defaultWeight.
var researchWeights = map[string]map[string]int{
	"Clinical research": {"ethics-patient-safety-governance": 10, "research-development-regulation": 6,
		"science-research-design": 8, "clinical-studies-operations": 22, "study-site-management": 16,
		"data-management-informatics": 14, "communication-relationships": 10, "clinical-context-1": 3,
		"clinical-context-2": 3, "clinical-context-3": 3, "clinical-context-4": 3, "leadership": 5},
	"Research nursing": {"ethics-patient-safety-governance": 10, "research-development-regulation": 4,
		"science-research-design": 4, "clinical-studies-operations": 18, "study-site-management": 8,
		"data-management-informatics": 6, "communication-relationships": 10, "clinical-context-1": 10,
		"clinical-context-2": 10, "clinical-context-3": 6, "clinical-context-4": 6, "leadership": 6},
	"Research management and governance": {"ethics-patient-safety-governance": 12, "research-development-regulation": 20,
		"science-research-design": 8, "clinical-studies-operations": 6, "study-site-management": 18,
		"data-management-informatics": 8, "communication-relationships": 10, "clinical-context-1": 1,
		"clinical-context-2": 1, "clinical-context-3": 1, "clinical-context-4": 1, "leadership": 12},
}

// activeWeights are a research-active clinician's: mostly the care pathway, some research.
var activeWeights = map[string]int{"ethics-patient-safety-governance": 5, "research-development-regulation": 2,
	"science-research-design": 3, "clinical-studies-operations": 6, "study-site-management": 3,
	"data-management-informatics": 3, "communication-relationships": 6, "clinical-context-1": 16,
	"clinical-context-2": 16, "clinical-context-3": 14, "clinical-context-4": 14, "leadership": 5}

const defaultWeight = 5

// iwfRankFor is the usual IWF level (1 Awareness to 4 Advanced) of a role at each Career
// Framework level.
var iwfRankFor = [10]int{1, 1, 1, 2, 2, 2, 3, 3, 4, 4}

// BuiltInIWF returns the built-in IWF 2.1, as the store holds it.
func BuiltInIWF() (*framework.Framework, error) { return builtIn("iwf-2.1.yaml") }

// RoleProfile is a generated profile of a saved role.
type RoleProfile struct {
	RoleID, OrganisationID int64
	Title                  string
	Profile                profile.Profile
}

// iwf returns the profile framework, checking that it can take a profile.
func (g *Generator) iwf() (*framework.Framework, error) {
	f, err := optional(&g.opts.IWF, "iwf-2.1.yaml")
	if err != nil {
		return nil, err
	}
	r := f.Rules
	if r == nil || len(f.ProfiledNodes()) == 0 || len(f.Levels) == 0 || r.MinShare*len(f.ProfiledNodes()) > r.Total {
		return nil, errors.New("generate: the profile framework needs elements, levels and rules a profile can meet")
	}
	return f, nil
}

// profiled reports whether a role gets an IWF profile: every research role, and one clinical
// role in twelve from level 4 up (research-active posts); r decides the latter.
func profiled(r *rand.Rand, role workforce.Role) (map[string]int, bool) {
	if w, ok := researchWeights[role.Profession]; ok {
		return w, true
	}
	p := professionNamed(role.Profession)
	if p == nil || (p.kind != clinical && p.kind != medical) || role.Level < 4 || r.IntN(12) != 0 {
		return nil, false
	}
	return activeWeights, true
}

func professionNamed(name string) *profession {
	for i := range professions {
		if professions[i].name == name {
			return &professions[i]
		}
	}
	return nil
}

// RoleProfiles makes the profiles of the saved roles of every employer (in Organisations'
// order, as People takes them) and hands them to fn in batches of at most batch. Every call with
// the same roles makes the same profiles.
func (g *Generator) RoleProfiles(emps []Employer, batch int, fn func([]RoleProfile) error) error {
	f, err := g.iwf()
	if err != nil {
		return err
	}
	r := g.rng(streamRoleProfiles)
	batch = max(batch, 1)
	var buf []RoleProfile
	done := 0
	for _, e := range emps {
		for _, role := range e.Roles {
			weights, ok := profiled(r, role)
			if !ok {
				continue
			}
			buf = append(buf, RoleProfile{RoleID: role.ID, OrganisationID: role.OrganisationID,
				Title: "IWF profile: " + role.Title, Profile: focus(r, f, weights, role.Level)})
			if len(buf) == batch {
				if err := fn(buf); err != nil {
					return err
				}
				done += len(buf)
				g.progress("role profiles", done, 0)
				buf = nil
			}
		}
	}
	if len(buf) > 0 {
		if err := fn(buf); err != nil {
			return err
		}
		g.progress("role profiles", done+len(buf), 0)
	}
	return nil
}

// focus makes a complete profile of f: the elements' weights varied by up to 30% either way,
// leadership growing with seniority, shares split by largest remainder on top of the minimum, and
// levels around the Career Framework level's usual one, higher where the focus is.
func focus(r *rand.Rand, f *framework.Framework, weights map[string]int, level int) profile.Profile {
	nodes := f.ProfiledNodes()
	w := make([]int, len(nodes))
	for i, n := range nodes {
		base, ok := weights[n.Key]
		if !ok {
			base = defaultWeight
		}
		if n.Key == "leadership" && level > 4 {
			base += 3 * (level - 4)
		}
		w[i] = base * (70 + r.IntN(61))
	}
	shares := split(f.Rules.Total, f.Rules.MinShare, w)
	heavy := f.Rules.Total / len(nodes)
	base := iwfRankFor[min(max(level, 0), 9)]
	p := profile.Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version}
	for i, n := range nodes {
		rank := base
		switch {
		case shares[i] >= 2*heavy:
			rank++
		case shares[i] <= f.Rules.MinShare+1:
			rank--
		}
		if r.IntN(5) == 0 {
			rank += r.IntN(3) - 1
		}
		rank = min(max(rank, 1), len(f.Levels))
		p.Entries = append(p.Entries, profile.Entry{Node: n.Key, Share: shares[i], Level: f.Levels[rank-1].Key})
	}
	return p
}

// split shares total out in proportion to the weights, each at least least: the whole parts
// first, then one more to the largest remainders (ties to the earlier), so they add up exactly.
func split(total, least int, weights []int) []int {
	out := make([]int, len(weights))
	rest, sum := total-least*len(weights), 0
	for _, w := range weights {
		sum += w
	}
	if sum == 0 {
		sum, weights = len(weights), slices.Repeat([]int{1}, len(weights))
	}
	given := 0
	rem := make([]int, len(weights))
	for i, w := range weights {
		out[i] = least + rest*w/sum
		rem[i] = rest * w % sum
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b] - rem[a] })
	for k := 0; given < total; k = (k + 1) % len(order) {
		out[order[k]]++
		given++
	}
	return out
}

// Accounts chooses which people get an account and their own profile: people in a profiled
// role, about one in four, at most one per 500 staff of their employer (at least 5). It keeps
// count across calls, so the loader asks batch by batch in People's order; the same seed and
// people give the same choice.
type Accounts struct {
	r     *rand.Rand
	cap   []int
	given []int
}

// Accounts returns a new chooser for the people People makes.
func (g *Generator) Accounts() *Accounts {
	a := &Accounts{r: g.rng(streamAccounts)}
	for _, n := range g.PeoplePerOrganisation() {
		a.cap = append(a.cap, max(5, n/500))
	}
	a.given = make([]int, len(a.cap))
	return a
}

// Choose returns the places in recs (people of employer emp) of those who get an account:
// profiled says whether a role has a profile.
func (a *Accounts) Choose(emp int, recs []PersonRecord, profiled func(roleID int64) bool) []int {
	var out []int
	for k, rec := range recs {
		if a.given[emp] >= a.cap[emp] || len(rec.Person.Assignments) == 0 || !profiled(rec.Person.Assignments[0].RoleID) {
			continue
		}
		if a.r.IntN(4) == 0 {
			out = append(out, k)
			a.given[emp]++
		}
	}
	return out
}

// OwnProfile is a person's own view of their role: the role's profile with a few points of
// focus moved between elements (never below the minimum) and a level or two one step apart.
func (g *Generator) OwnProfile(staffNumber string, role profile.Profile) (profile.Profile, error) {
	f, err := g.iwf()
	if err != nil {
		return profile.Profile{}, err
	}
	// Seeded by the person, so that one person's view does not depend on who came before.
	h := uint64(0)
	for _, c := range staffNumber {
		h = h*131 + uint64(c)
	}
	r := rand.New(rand.NewPCG(g.opts.Seed^h, streamAccounts))
	p := profile.Profile{FrameworkKey: role.FrameworkKey, FrameworkVersion: role.FrameworkVersion,
		Entries: slices.Clone(role.Entries)}
	n := len(p.Entries)
	if n < 2 {
		return p, nil
	}
	for range 1 + r.IntN(3) {
		from, to := r.IntN(n), r.IntN(n)
		move := min(1+r.IntN(5), p.Entries[from].Share-f.Rules.MinShare)
		if from == to || move <= 0 {
			continue
		}
		p.Entries[from].Share -= move
		p.Entries[to].Share += move
	}
	for range r.IntN(3) {
		i := r.IntN(n)
		rank := slices.IndexFunc(f.Levels, func(l framework.Level) bool { return l.Key == p.Entries[i].Level }) + 1
		rank = min(max(rank+2*r.IntN(2)-1, 1), len(f.Levels))
		p.Entries[i].Level = f.Levels[rank-1].Key
	}
	return p, nil
}
