package workforce

import (
	"cmp"
	"slices"
)

// Training needs analysis (issue 5): across the people of a team, service or organisation, which
// competences are most often missing, partly held, expired or about to expire against the roles
// they hold (and, when asked, the roles they aim for), so that education can be commissioned
// where it closes the most gaps.
//
// In plain words, for every person and every competence a role of theirs requires:
//
//   - missing: they do not hold it in date and never held it (or held it only in an entry that
//     expired, which is "expired" instead);
//   - expired: they held it, but every entry that would count has passed its review date;
//   - partly met: they hold it in date, below the level a role requires;
//   - expiring: they meet every requirement for it, but every entry that does so reaches its
//     review date within the window (90 days by default).
//
// A person counts once per competence, under the worst of these (expired, missing, partly met,
// expiring, in that order), however many of their roles require it. A requirement that is not met
// (missing, expired or partly met) is a gap; training in the competence to the highest level
// their roles require closes every gap of that competence for that person. The ranking puts
// first the competences whose training closes the most gaps, then those with the most people
// for whom it is essential, then the most expiring, then by framework and competence key (so the
// order is the same on every run, DESIGN decision 10).

// DefaultExpiringDays is the window within which an entry due for review counts as expiring.
const DefaultExpiringDays = 90

// TrainingPerson is one person of the analysis: what they hold and the roles that count.
type TrainingPerson struct {
	ID    int64
	Held  []PortfolioEntry
	Roles []Role // the roles of their current assignments in the unit
	Aim   *Role  // the role they aim for, if any (used only with TrainingOptions.IncludeAim)
}

// TrainingOptions chooses what the analysis counts.
type TrainingOptions struct {
	Today Date
	// ExpiringDays is the window for "expiring"; 0 means DefaultExpiringDays, a negative
	// number counts nothing as expiring.
	ExpiringDays int
	// EssentialOnly leaves desirable requirements out.
	EssentialOnly bool
	// IncludeAim adds each person's aimed-for role to the roles they hold.
	IncludeAim bool
}

// TrainingNeed is one competence of the analysis.
type TrainingNeed struct {
	FrameworkKey     string `json:"framework_key"`
	FrameworkVersion string `json:"framework_version"` // of the first requirement met in the data
	NodeKey          string `json:"node_key"`
	Title            string `json:"title"`
	Code             string `json:"code,omitempty"`
	// Level is the title of the highest level a role requires of someone who needs it.
	Level string `json:"level,omitempty"`
	// People by their worst status for this competence; each person is in one of the four.
	Missing  int `json:"missing"`
	Expired  int `json:"expired"`
	Partly   int `json:"partly"`
	Expiring int `json:"expiring"`
	// Essential is how many of those people have it as an essential requirement of a role
	// (Desirable: only as desirable).
	Essential int `json:"essential"`
	Desirable int `json:"desirable"`
	// AimOnly is how many of those people need it only for the role they aim for.
	AimOnly int `json:"aim_only"`
	// Closes is the number of requirement gaps (person × role) that training closes.
	Closes int `json:"closes"`
}

// People is how many people the need concerns.
func (n TrainingNeed) People() int { return n.Missing + n.Expired + n.Partly + n.Expiring }

// TrainingNeeds is the whole analysis.
type TrainingNeeds struct {
	// People is how many people were analysed (with at least one role); WithoutRole how many
	// were left out for holding none.
	People      int            `json:"people"`
	WithoutRole int            `json:"without_role"`
	Needs       []TrainingNeed `json:"needs"`
}

// status ranks, worst first.
const (
	tnExpired = iota
	tnMissing
	tnPartly
	tnExpiring
	tnNone
)

// AnalyseTrainingNeeds runs the analysis (see the comment at the top of this file).
func AnalyseTrainingNeeds(people []TrainingPerson, lookup FrameworkLookup, o TrainingOptions) TrainingNeeds {
	window := o.ExpiringDays
	if window == 0 {
		window = DefaultExpiringDays
	}
	type key struct{ fw, node string }
	needs := map[key]*TrainingNeed{}
	levelRankOf := map[key]int{}
	var out TrainingNeeds
	for _, p := range people {
		roles := slices.Clone(p.Roles)
		aimAt := len(roles)
		if o.IncludeAim && p.Aim != nil && !slices.ContainsFunc(roles, func(r Role) bool { return r.ID == p.Aim.ID }) {
			roles = append(roles, *p.Aim)
		}
		if len(roles) == 0 {
			out.WithoutRole++
			continue
		}
		out.People++
		type state struct {
			status          int
			essential, held bool // essential in a role; needed by a role they hold (not only the aim)
			gaps            int
			rank            int
			level, version  string
			title, code     string
		}
		mine := map[key]*state{}
		var order []key
		for ri, role := range roles {
			var reqs []Requirement
			for _, q := range role.Requirements {
				if !o.EssentialOnly || q.Essential {
					reqs = append(reqs, q)
				}
			}
			g := Analyse(reqs, p.Held, lookup, o.Today)
			for _, it := range g.Items {
				k := key{it.FrameworkKey, it.NodeKey}
				st := tnNone
				switch {
				case it.Status == GapMissing && it.Expired:
					st = tnExpired
				case it.Status == GapMissing:
					st = tnMissing
				case it.Status == GapPartly:
					st = tnPartly
				case window > 0 && expiring(p.Held, it, lookup, o.Today, window):
					st = tnExpiring
				}
				if st == tnNone {
					continue
				}
				s := mine[k]
				if s == nil {
					s = &state{status: tnNone, version: it.FrameworkVersion, title: it.Title, code: it.Code}
					mine[k] = s
					order = append(order, k)
				}
				s.status = min(s.status, st)
				s.essential = s.essential || it.Essential
				s.held = s.held || ri < aimAt
				if st != tnExpiring {
					s.gaps++
				}
				if it.RequiredRank > s.rank {
					s.rank, s.level = it.RequiredRank, it.RequiredLevel
				}
			}
		}
		for _, k := range order {
			s := mine[k]
			n := needs[k]
			if n == nil {
				n = &TrainingNeed{FrameworkKey: k.fw, FrameworkVersion: s.version, NodeKey: k.node, Title: s.title, Code: s.code}
				needs[k] = n
			}
			switch s.status {
			case tnExpired:
				n.Expired++
			case tnMissing:
				n.Missing++
			case tnPartly:
				n.Partly++
			default:
				n.Expiring++
			}
			if s.essential {
				n.Essential++
			} else {
				n.Desirable++
			}
			if !s.held {
				n.AimOnly++
			}
			n.Closes += s.gaps
			if s.rank > levelRankOf[k] {
				levelRankOf[k], n.Level = s.rank, s.level
			}
		}
	}
	out.Needs = make([]TrainingNeed, 0, len(needs))
	for _, n := range needs {
		out.Needs = append(out.Needs, *n)
	}
	slices.SortFunc(out.Needs, func(a, b TrainingNeed) int {
		return cmp.Or(b.Closes-a.Closes, b.Essential-a.Essential, b.Expiring-a.Expiring,
			cmp.Compare(a.FrameworkKey, b.FrameworkKey), cmp.Compare(a.NodeKey, b.NodeKey))
	})
	return out
}

// expiring reports whether a met requirement is met only by entries due for review within the
// window: once they pass their date, it will be a gap.
func expiring(held []PortfolioEntry, it GapItem, lookup FrameworkLookup, today Date, window int) bool {
	f := lookupOrNil(lookup, it.Requirement)
	meeting := false
	for _, e := range held {
		if e.FrameworkKey != it.FrameworkKey || e.NodeKey != it.NodeKey || e.Flag(today, 0) == FlagExpired {
			continue
		}
		rank := it.RequiredRank // no scale: any in-date entry meets it (Analyse's rule)
		if f != nil && len(f.Levels) > 0 && it.LevelKey != "" {
			rank = levelRank(f.Levels, e.LevelKey)
		}
		if rank < it.RequiredRank {
			continue
		}
		meeting = true
		if e.Flag(today, window) != FlagDue {
			return false // one entry stays in date beyond the window
		}
	}
	return meeting
}
