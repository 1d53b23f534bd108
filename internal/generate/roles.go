package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/workforce"
)

// levelWeights is how roles spread over the nine Career Framework levels: a pyramid, most posts
// at levels 2 to 6.
var levelWeights = [10]int{0, 3, 15, 12, 10, 20, 18, 12, 6, 2}

// ksfLevelFor is the KSF level (1 to 4) a role at a Career Framework level usually needs.
var ksfLevelFor = [10]int{2, 1, 1, 2, 2, 2, 3, 3, 4, 4}

// bandsFor are the Agenda for Change bands that go with a level (DOMAIN.md section 2).
var bandsFor = [10][]string{
	{"4", "5", "6"}, {"2"}, {"2", "3"}, {"3", "4"}, {"4", "5"}, {"5", "6"}, {"6", "7"}, {"7", "8a"}, {"8a", "8b", "8c"}, {"8d", "9"},
}

// zipf draws from a list, the first entries far more often than the last.
type zipf struct {
	list []string
	z    *rand.Zipf
}

func newZipf(r *rand.Rand, list []string, s float64) *zipf {
	return &zipf{list: list, z: rand.NewZipf(r, s, 1, uint64(len(list)-1))}
}

func (z *zipf) next() string { return z.list[z.z.Uint64()] }

// roleSource makes roles one after the other from the roles stream.
type roleSource struct {
	g     *Generator
	r     *rand.Rand
	total int // sum of the professions' weights
	// Zipf samplers of the shared pools, and of each profession's own.
	clinicalVerbs, clinicalObjects, populations, conditions, settings, colleagues *zipf
	adminVerbs, adminObjects, audiences, estatesVerbs, estatesObjects             *zipf
	knowledge, skills, standards, duties                                          *zipf
	specialties, words                                                            []*zipf
}

func newRoleSource(g *Generator) *roleSource {
	r := g.rng(streamRoles)
	s := &roleSource{g: g, r: r}
	for _, p := range professions {
		s.total += p.weight
		s.specialties = append(s.specialties, newZipf(r, p.specialties, 1.1))
		s.words = append(s.words, newZipf(r, p.words, 1.1))
	}
	s.clinicalVerbs = newZipf(r, clinicalVerbs, 1.1)
	s.clinicalObjects = newZipf(r, clinicalObjects, 1.2)
	s.populations = newZipf(r, populations, 1.3)
	s.conditions = newZipf(r, conditions, 1.2)
	s.settings = newZipf(r, settings, 1.2)
	s.colleagues = newZipf(r, colleagues, 1.2)
	s.adminVerbs = newZipf(r, adminVerbs, 1.1)
	s.adminObjects = newZipf(r, adminObjects, 1.1)
	s.audiences = newZipf(r, audiences, 1.2)
	s.estatesVerbs = newZipf(r, estatesVerbs, 1.1)
	s.estatesObjects = newZipf(r, estatesObjects, 1.1)
	s.knowledge = newZipf(r, knowledgeTopics, 1.1)
	s.skills = newZipf(r, skills, 1.1)
	s.standards = newZipf(r, qualityStandards, 1.1)
	s.duties = newZipf(r, dutyVerbs, 1.1)
	return s
}

// pair draws two different words (the same one only after a few tries).
func (s *roleSource) pair(z *zipf) (string, string) {
	a, b := z.next(), z.next()
	for i := 0; a == b && i < 5; i++ {
		b = z.next()
	}
	return a, b
}

func (s *roleSource) chance(p float64) bool { return s.r.Float64() < p }

func (s *roleSource) profession() int {
	n := s.r.IntN(s.total)
	for i, p := range professions {
		if n < p.weight {
			return i
		}
		n -= p.weight
	}
	return len(professions) - 1
}

func (s *roleSource) level(p profession) int {
	total := 0
	for l := p.minLevel; l <= p.maxLevel; l++ {
		total += levelWeights[l]
	}
	n := s.r.IntN(total)
	for l := p.minLevel; l <= p.maxLevel; l++ {
		if n < levelWeights[l] {
			return l
		}
		n -= levelWeights[l]
	}
	return p.maxLevel
}

// role makes one role of the organisation; titles holds the lower-cased titles it already has,
// so that none repeats (the store requires titles unique in an organisation).
func (s *roleSource) role(orgID int64, titles map[string]bool) workforce.Role {
	pi := s.profession()
	p := professions[pi]
	level := s.level(p)

	title := s.title(pi, level, titles)
	titles[strings.ToLower(title)] = true

	group := p.group
	if level < workforce.RegisteredLevel && p.supportGroup != "" {
		group = p.supportGroup
	}
	role := workforce.Role{
		OrganisationID:       orgID,
		Title:                title,
		StaffGroup:           group,
		Profession:           p.name,
		Level:                level,
		LevelIndicative:      p.kind == admin || p.kind == estates || p.kind == medical,
		RegistrationRequired: p.registered && level >= workforce.RegisteredLevel,
		Status:               workforce.StatusPublished,
	}
	if p.kind != medical {
		role.Band = pick(s.r, bandsFor[level])
	}
	switch n := s.r.IntN(100); {
	case n < 15:
		role.Status = workforce.StatusDraft
	case n < 20:
		role.Status = workforce.StatusRetired
	}
	role.Shared = role.Status == workforce.StatusPublished && s.chance(0.1)
	role.Summary = s.summary(pi, level, title)
	role.Activities = s.activities(pi, level)
	role.QualityStandards = s.qualityStandards(p)
	role.KnowledgeSkills = s.knowledgeSkills(pi, level)
	role.Requirements = s.requirements(p, level)
	// One role in a hundred is not placed on the ladder yet.
	if s.chance(0.01) {
		role.Level, role.LevelIndicative = 0, false
	}
	return role
}

func (s *roleSource) title(pi, level int, taken map[string]bool) string {
	p := professions[pi]
	patterns := p.titles[level]
	if len(patterns) == 0 {
		switch p.kind {
		case admin:
			patterns = adminTitles[level]
		case estates:
			patterns = estatesTitles[level]
		case scientific:
			patterns = scientificTitles[level]
		default:
			patterns = clinicalTitles[level]
		}
	}
	var title string
	for attempt := range 8 {
		title = fill(pick(s.r, patterns), p)
		if level >= 3 && s.chance(0.7) || attempt > 0 {
			title += " – " + s.specialties[pi].next()
		}
		if !taken[strings.ToLower(title)] {
			return title
		}
	}
	base := title
	for n := 1; ; n++ {
		title = base + " (" + pick(s.r, siteWords) + ")"
		if n > 20 {
			title = fmt.Sprintf("%s (post %d)", base, n)
		}
		if !taken[strings.ToLower(title)] {
			return title
		}
	}
}

// fill puts the profession's words in a title pattern.
func fill(pattern string, p profession) string {
	return strings.NewReplacer("{N}", capitalise(p.noun), "{n}", p.noun, "{F}", capitalise(p.field), "{f}", p.field).Replace(pattern)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (s *roleSource) summary(pi, level int, title string) string {
	p := professions[pi]
	how := pick(s.r, seniorityWords[level])
	switch p.kind {
	case admin:
		return fmt.Sprintf("The %s works %s, and %s %s for %s.", lowerTitle(title), how, s.adminVerbs.next(),
			s.adminObjects.next(), s.audiences.next())
	case estates:
		return fmt.Sprintf("The %s works %s, and %s %s so that patients and staff have a safe, clean place of care.",
			lowerTitle(title), how, s.estatesVerbs.next(), s.estatesObjects.next())
	case scientific:
		w1, w2 := s.pair(s.words[pi])
		return fmt.Sprintf("The %s works %s in the %s service, carrying out %s and %s that support the care of %s with %s.",
			lowerTitle(title), how, p.field, w1, w2, s.populations.next(), s.conditions.next())
	default:
		return fmt.Sprintf("The %s works %s, providing %s for %s %s, with a focus on %s and %s.", lowerTitle(title), how,
			s.clinicalObjects.next(), s.populations.next(), s.settings.next(), s.words[pi].next(), s.conditions.next())
	}
}

// lowerTitle lower-cases the first letter of a title unless it is an acronym.
func lowerTitle(t string) string {
	if len(t) > 1 && t[1] >= 'A' && t[1] <= 'Z' {
		return t
	}
	return strings.ToLower(t[:1]) + t[1:]
}

func (s *roleSource) activities(pi, level int) []string {
	p := professions[pi]
	n := 4 + s.r.IntN(4)
	out := make([]string, 0, n)
	for range n {
		var a string
		switch p.kind {
		case admin:
			switch s.r.IntN(3) {
			case 0:
				a = fmt.Sprintf("%s %s for %s.", capitalise(s.adminVerbs.next()), s.adminObjects.next(), s.audiences.next())
			case 1:
				a = fmt.Sprintf("%s %s, and %s %s.", capitalise(s.adminVerbs.next()), s.adminObjects.next(), s.duties.next(), s.words[pi].next())
			default:
				a = fmt.Sprintf("Works with %s on %s.", s.audiences.next(), s.words[pi].next())
			}
		case estates:
			if s.chance(0.5) {
				a = fmt.Sprintf("%s %s to agreed schedules.", capitalise(s.estatesVerbs.next()), s.estatesObjects.next())
			} else {
				a = fmt.Sprintf("%s %s, following %s.", capitalise(s.estatesVerbs.next()), s.words[pi].next(), s.standards.next())
			}
		case scientific:
			switch s.r.IntN(4) {
			case 0:
				a = fmt.Sprintf("%s %s.", capitalise(s.duties.next()), s.words[pi].next())
			case 1:
				a = fmt.Sprintf("Works with %s on %s.", s.colleagues.next(), s.words[pi].next())
			case 2:
				w1, w2 := s.pair(s.words[pi])
				a = fmt.Sprintf("%s %s and %s.", capitalise(s.duties.next()), w1, w2)
			default:
				a = fmt.Sprintf("Reports results that support the care of %s with %s.", s.populations.next(), s.conditions.next())
			}
		default:
			switch s.r.IntN(5) {
			case 0:
				a = fmt.Sprintf("%s %s for %s %s.", capitalise(s.clinicalVerbs.next()), s.clinicalObjects.next(), s.populations.next(), s.settings.next())
			case 1:
				a = fmt.Sprintf("%s %s for %s with %s.", capitalise(s.clinicalVerbs.next()), s.clinicalObjects.next(), s.populations.next(), s.conditions.next())
			case 2:
				a = fmt.Sprintf("Works with %s to deliver %s.", s.colleagues.next(), s.words[pi].next())
			case 3:
				a = fmt.Sprintf("%s %s, escalating concerns to %s.", capitalise(s.duties.next()), s.words[pi].next(), s.colleagues.next())
			default:
				w1, w2 := s.pair(s.words[pi])
				a = fmt.Sprintf("%s %s and %s.", capitalise(s.duties.next()), w1, w2)
			}
		}
		out = append(out, a)
	}
	if level >= 6 {
		out = append(out, pick(s.r, []string{
			"Leads audits and quality improvement projects in the service.",
			"Supervises and appraises members of the team.",
			"Teaches students and newly qualified staff.",
			"Takes part in service development and workforce planning.",
		}))
	}
	return out
}

func (s *roleSource) qualityStandards(p profession) []string {
	n := 2 + s.r.IntN(3)
	var out []string
	if p.registered && p.regulator != "" {
		out = append(out, "Standards of the "+p.regulator)
	}
	for len(out) < n {
		q := s.standards.next()
		if !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	return out
}

func (s *roleSource) knowledgeSkills(pi, level int) []string {
	p := professions[pi]
	var out []string
	out = append(out, qualification(p, level))
	n := 3 + s.r.IntN(4)
	for len(out) < n {
		var k string
		switch s.r.IntN(3) {
		case 0:
			k = "Knowledge of " + s.knowledge.next()
		case 1:
			k = "Experience of " + s.words[pi].next()
		default:
			k = s.skills.next()
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func qualification(p profession, level int) string {
	switch {
	case p.registered && level >= workforce.RegisteredLevel:
		switch {
		case level >= 8:
			return fmt.Sprintf("Registration with the %s; master's degree or doctorate in %s or equivalent experience", p.regulator, p.field)
		case level >= 7:
			return fmt.Sprintf("Registration with the %s; master's degree in %s or equivalent experience", p.regulator, p.field)
		}
		return fmt.Sprintf("Registration with the %s; degree in %s or equivalent", p.regulator, p.field)
	case level <= 2:
		return "Care Certificate or GCSEs in English and maths, or equivalent"
	case level <= 4:
		return fmt.Sprintf("NVQ level 3 or foundation degree in %s, or equivalent experience", p.field)
	case level <= 6:
		return fmt.Sprintf("Degree in %s or equivalent experience", p.field)
	}
	return fmt.Sprintf("Master's degree in %s or equivalent experience", p.field)
}

// requirements are the core dimensions and then specific ones, mostly the profession's usual
// ones, at about the KSF level the Career Framework level implies.
func (s *roleSource) requirements(p profession, level int) []workforce.Requirement {
	g := s.g
	n := g.opts.Scale.RequirementsPerRole
	keys := make([]string, 0, n)
	for _, k := range g.core {
		if len(keys) < n {
			keys = append(keys, k)
		}
	}
	for _, k := range p.ksf {
		if len(keys) < n && !slices.Contains(keys, k) && s.chance(0.8) {
			keys = append(keys, k)
		}
	}
	for len(keys) < n {
		k := pick(s.r, g.specific)
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	out := make([]workforce.Requirement, len(keys))
	for i, k := range keys {
		rank := ksfLevelFor[level]
		if s.chance(0.3) {
			rank += 2*s.r.IntN(2) - 1
		}
		rank = min(max(rank, 1), 4)
		idx := min((rank-1)*len(g.levels)/4, len(g.levels)-1)
		out[i] = workforce.Requirement{
			FrameworkKey: g.ksf.Key, FrameworkVersion: g.ksf.Version, NodeKey: k, LevelKey: g.levels[idx],
			Essential: slices.Contains(g.core, k) || s.chance(0.7),
		}
	}
	return out
}
