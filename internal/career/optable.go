package career

import (
	"cmp"
	"slices"
	"sync"

	"github.com/workframe/workframe/internal/workforce"
)

// The option table: what career options need of the published roles, worked out once when the
// roles change rather than on every query (docs/decisions/0017). A query over 20,000 roles of 20
// requirements used to score every requirement of every role; most roles share no competence with
// the person, and such a role's score and counts do not depend on the person at all (nothing held:
// 0%, every requirement missing, every essential one not met; 100% for a role that requires
// nothing). So the table keeps, per competence, the requirements that name it (an inverted index),
// and a query walks only the postings of the competences the person holds, adding up each role's
// earned weight in the same integer units as Catalog.Score; every other role keeps the score and
// counts it has with nothing held.

// optTable is built under the index's write lock and read under its read lock.
type optTable struct {
	// roles are the published roles by title key then id: the order ranking ends with, so
	// walking it in order and placing each option in its score bucket ranks them with no sort.
	roles []*RoleInfo
	// facts are what a query reads of each role, by position in roles, in one dense array
	// (reading them through 20,000 pointers missed the cache on every role).
	facts []roleFacts
	orgs  []int64
	// posts[comp] are the requirements that name a competence.
	posts [][]posting
	// scratch holds per-query buffers, so a query allocates only its answer.
	scratch sync.Pool
}

type roleFacts struct {
	id                int64
	lcm, whole        int64 // Need.LCM, and Need.Total × Need.LCM: the earned units of 100%
	level, org        int32 // org: position of the role's organisation in orgs
	items, essentials int32
	shared            bool
	big               bool // scored by Catalog.Score (big fractions), not by postings
	none              bool // requires nothing: 100%
}

// posting is one requirement of one role.
type posting struct {
	role int32 // position in optTable.roles
	item NeedItem
}

// optScratch is one query's working space, indexed by role position.
type optScratch struct {
	earned         []int64
	met, partly    []int32
	essentialMet   []int32
	touched        []int32
	bucket         []uint8
	kept           []int32
	ownOK, partner []bool
}

func newOptTable(published []*RoleInfo, comps int) *optTable {
	t := &optTable{roles: slices.Clone(published)}
	slices.SortFunc(t.roles, func(a, b *RoleInfo) int {
		if c := cmp.Compare(a.titleKey(), b.titleKey()); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	n := len(t.roles)
	t.facts = make([]roleFacts, n)
	t.posts = make([][]posting, comps)
	orgPos := map[int64]int32{}
	for i, r := range t.roles {
		r.titleRank = int32(i + 1)
		p, ok := orgPos[r.OrganisationID]
		if !ok {
			p = int32(len(t.orgs))
			orgPos[r.OrganisationID] = p
			t.orgs = append(t.orgs, r.OrganisationID)
		}
		f := roleFacts{id: r.ID, lcm: r.Need.LCM, whole: r.Need.Total * r.Need.LCM, level: int32(r.Level), org: p,
			items: int32(len(r.Need.Items)), shared: r.Shared, big: r.Need.Big, none: r.Need.Total == 0}
		for _, it := range r.Need.Items {
			if it.Weight == workforce.WeightEssential {
				f.essentials++
			}
			if !r.Need.Big && int(it.Comp) < comps {
				t.posts[it.Comp] = append(t.posts[it.Comp], posting{role: int32(i), item: it})
			}
		}
		t.facts[i] = f
	}
	t.scratch.New = func() any {
		return &optScratch{earned: make([]int64, n), met: make([]int32, n), partly: make([]int32, n), essentialMet: make([]int32, n),
			bucket: make([]uint8, n), kept: make([]int32, 0, n), ownOK: make([]bool, len(t.orgs)), partner: make([]bool, len(t.orgs))}
	}
	return t
}

// options is Index.Options over the table: the same options, scores, counts and order.
func (t *optTable) options(cat *Catalog, st Start, today int32, scope RoleScope, f OptionFilter, routeTo map[int64]*RouteInfo) []Option {
	s := t.scratch.Get().(*optScratch)
	defer t.scratch.Put(s)
	defer t.reset(s)
	for i, org := range t.orgs {
		s.ownOK[i], s.partner[i] = scope.Own[org], scope.Partners[org]
	}
	// Add up what the person holds, competence by competence, role by role.
	best := BestHeld(st.Held, today, nil)
	for c, b := range best {
		if int(c) >= len(t.posts) {
			continue
		}
		for _, p := range t.posts[c] {
			held := cat.heldRank(p.item, b)
			if held == 0 {
				continue // missing, as with nothing held
			}
			if s.met[p.role] == 0 && s.partly[p.role] == 0 {
				s.touched = append(s.touched, p.role)
			}
			w := int64(p.item.Weight)
			if held >= p.item.Req {
				s.met[p.role]++
				s.earned[p.role] += w * t.facts[p.role].lcm
				if p.item.Weight == workforce.WeightEssential {
					s.essentialMet[p.role]++
				}
			} else {
				s.partly[p.role]++
				s.earned[p.role] += w * int64(held) * (t.facts[p.role].lcm / int64(p.item.Req))
			}
		}
	}
	// Keep the options and put each in its bucket: score descending, then routed first. A filter
	// on kinds alone (the usual one) is decided on the dense facts; any other asks Keep.
	plain := len(f.Levels) == 0 && f.StaffGroup == "" && f.OrganisationID == 0
	var kindOK [4]bool
	for k, kind := range []string{OptionUp, OptionAcross, OptionFurther, OptionDown} {
		kindOK[k] = f.Keep(Option{Role: &RoleInfo{}, Kind: kind})
	}
	var count [202]int32
	for i := range t.facts {
		fa := &t.facts[i]
		if fa.level < 1 || slices.Contains(st.Roles, fa.id) || !(s.ownOK[fa.org] || (fa.shared && s.partner[fa.org])) {
			continue
		}
		var route *RouteInfo
		if len(routeTo) > 0 {
			route = routeTo[fa.id]
		}
		if plain {
			if !kindOK[kindIndex(st.Level, int(fa.level))] {
				continue
			}
		} else if !f.Keep(Option{Role: t.roles[i], Kind: OptionKind(st.Level, int(fa.level)), Route: route}) {
			continue
		}
		// The score is never below 0 or above 100: a requirement earns at most its weight.
		score, _ := t.score(cat, s, i, best)
		b := uint8(100-score) * 2
		if route == nil {
			b++
		}
		s.bucket[i] = b
		count[b]++
		s.kept = append(s.kept, int32(i))
	}
	var pos [202]int32
	for b := 1; b < len(pos); b++ {
		pos[b] = pos[b-1] + count[b-1]
	}
	out := make([]Option, len(s.kept))
	for _, i := range s.kept {
		o := &out[pos[s.bucket[i]]]
		pos[s.bucket[i]]++
		o.Role, o.Kind = t.roles[i], OptionKind(st.Level, int(t.facts[i].level))
		if len(routeTo) > 0 {
			o.Route = routeTo[t.facts[i].id]
		}
		o.Transferability, o.Counts = t.score(cat, s, int(i), best)
	}
	return out
}

// kindIndex is OptionKind as a position in {up, across, further, down}.
func kindIndex(from, to int) int {
	switch d := to - from; {
	case d == 1:
		return 0
	case d == 0:
		return 1
	case d > 1:
		return 2
	}
	return 3
}

// score is the transferability of the role at position i and its counts, from the query's sums
// (the same integer arithmetic as Catalog.Score) or, for a big need, from Catalog.Score itself.
func (t *optTable) score(cat *Catalog, s *optScratch, i int, best map[int32]Best) (int, Counts) {
	fa := &t.facts[i]
	switch {
	case fa.big:
		return cat.ScoreHeld(t.roles[i].Need, best)
	case fa.none:
		return 100, Counts{}
	}
	met, partly := int(s.met[i]), int(s.partly[i])
	c := Counts{Met: met, Partly: partly, Missing: int(fa.items) - met - partly, EssentialNotMet: int(fa.essentials - s.essentialMet[i])}
	return int(s.earned[i] * 100 / fa.whole), c
}

// reset clears what a query wrote in the scratch.
func (t *optTable) reset(s *optScratch) {
	for _, i := range s.touched {
		s.earned[i], s.met[i], s.partly[i], s.essentialMet[i] = 0, 0, 0, 0
	}
	s.touched, s.kept = s.touched[:0], s.kept[:0]
}
