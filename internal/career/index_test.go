package career

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/workforce"
)

// TestTalentMatchAgreesWithAnalyse: the index's scan gives every person the score
// workforce.Analyse gives them against the role, ranks by score then id, and leaves out people
// outside the scope and people who meet none of the role.
func TestTalentMatchAgreesWithAnalyse(t *testing.T) {
	const today = workforce.Date("2025-07-01")
	// Small parts, so the scan splits these 300 people between goroutines as it splits millions.
	defer func(n int) { scanChunk = n }(scanChunk)
	scanChunk = 40
	r := rand.New(rand.NewSource(7))
	x := NewIndex(testLookup)
	var roles []workforce.Role
	for id := int64(1); id <= 20; id++ {
		role := workforce.Role{ID: id, OrganisationID: 1, Title: "r", Level: 3, Status: workforce.StatusPublished, Requirements: randomReqs(r)}
		roles = append(roles, role)
		x.PutRole(role)
	}
	entries := map[int64][]workforce.PortfolioEntry{}
	orgOf := map[int64]int64{}
	// Put in a shuffled order, so the index's order of people is not their id order.
	for _, k := range r.Perm(300) {
		id := int64(k + 1)
		org := int64(1 + r.Intn(3))
		orgOf[id], entries[id] = org, randomEntries(r)
		x.PutPerson(workforce.Person{ID: id, OrganisationID: org}, entries[id])
	}
	// Some portfolios change (each person leaves the lists of what they held before); person 300
	// is erased, never listed again, and person 301 takes their place in the index.
	for range 40 {
		id := int64(1 + r.Intn(299))
		entries[id] = randomEntries(r)
		x.PutPerson(workforce.Person{ID: id, OrganisationID: orgOf[id]}, entries[id])
	}
	x.RemovePerson(300)
	orgOf[301], entries[301] = 1, randomEntries(r)
	x.PutPerson(workforce.Person{ID: 301, OrganisationID: 1}, entries[301])
	scope := PeopleScope{Orgs: map[int64]bool{1: true, 2: true}}
	for _, role := range roles {
		got, total, ok := x.TalentMatch(role.ID, Today(today), scope, 0, 0)
		if !ok {
			t.Fatalf("role %d not found", role.ID)
		}
		var want []Match
		for id := int64(1); id <= 301; id++ {
			if id == 300 || !scope.Orgs[orgOf[id]] {
				continue
			}
			g := workforce.Analyse(role.Requirements, entries[id], testLookup, today)
			if g.Readiness > 0 && len(role.Requirements) > 0 {
				want = append(want, Match{PersonID: id, OrganisationID: orgOf[id], Transferability: g.Readiness,
					Counts: Counts{g.Met, g.Partly, g.Missing, g.EssentialNotMet}})
			}
		}
		slices.SortStableFunc(want, func(a, b Match) int { return b.Transferability - a.Transferability })
		if total != len(want) || !slices.Equal(got, want) {
			t.Fatalf("role %d: %d matches %v\nwant %d %v", role.ID, total, got, len(want), want)
		}
		// Pages (ranked by counting scores) are the same ranking cut, wherever they fall.
		for _, pg := range [][2]int{{1, 0}, {5, 0}, {5, 3}, {7, 11}, {20, len(want) - 4}, {3, len(want)}, {1000, 1}} {
			page, total, _ := x.TalentMatch(role.ID, Today(today), scope, pg[0], pg[1])
			lo := min(max(pg[1], 0), len(want))
			if w := want[lo:min(len(want), lo+pg[0])]; total != len(want) || !slices.Equal(page, w) && len(page)+len(w) > 0 {
				t.Fatalf("role %d page %v: %d matches %v\nwant %d %v", role.ID, pg, total, page, len(want), w)
			}
		}
	}
}

func TestOptionsScopeAndKinds(t *testing.T) {
	x := NewIndex(testLookup)
	put := func(id, org int64, level int, status string, shared bool) {
		x.PutRole(workforce.Role{ID: id, OrganisationID: org, Title: "Role " + string(rune('A'+id)), Level: level, Status: status, Shared: shared,
			StaffGroup: "g", Requirements: []workforce.Requirement{req("c1", "l2")}})
	}
	put(1, 1, 2, workforce.StatusPublished, false) // held now
	put(2, 1, 3, workforce.StatusPublished, false) // up
	put(3, 1, 2, workforce.StatusPublished, false) // across
	put(4, 1, 5, workforce.StatusPublished, false) // further
	put(5, 1, 1, workforce.StatusPublished, false) // down: left out
	put(6, 1, 3, workforce.StatusDraft, false)     // draft: not an option
	put(7, 2, 3, workforce.StatusPublished, true)  // partner's shared role
	put(8, 2, 3, workforce.StatusPublished, false) // partner's own role: never
	put(9, 3, 3, workforce.StatusPublished, true)  // a stranger's shared role: never
	put(10, 1, 0, workforce.StatusPublished, false)
	x.PutPerson(workforce.Person{ID: 1, OrganisationID: 1, Assignments: []workforce.Assignment{{RoleID: 1, TeamID: 1, FTE: 100, Start: "2020-01-01"}}},
		[]workforce.PortfolioEntry{{FrameworkKey: "ksf", FrameworkVersion: "1", NodeKey: "c1", LevelKey: "l1"}})
	x.SetRoutes([]RouteInfo{{FromRoleID: 1, ToRoleID: 4, Kind: KindUp}})
	st, ok := x.PersonStart(1, Today("2025-01-01"))
	if !ok || st.Level != 2 {
		t.Fatalf("start %+v %v", st, ok)
	}
	opts := x.Options(st, Today("2025-01-01"), RoleScope{Own: map[int64]bool{1: true}, Partners: map[int64]bool{2: true}}, OptionFilter{})
	var got []int64
	kinds := map[int64]string{}
	for _, o := range opts {
		got = append(got, o.Role.ID)
		kinds[o.Role.ID] = o.Kind
		if o.Transferability != 50 {
			t.Errorf("role %d: %d%%, want 50", o.Role.ID, o.Transferability)
		}
	}
	// All at 50%: the routed role first, then by title (Role C, Role D, Role H).
	if want := []int64{4, 2, 3, 7}; !slices.Equal(got, want) {
		t.Errorf("options %v, want %v", got, want)
	}
	if kinds[2] != OptionUp || kinds[3] != OptionAcross || kinds[4] != OptionFurther {
		t.Errorf("kinds %v", kinds)
	}
	down := x.Options(st, Today("2025-01-01"), RoleScope{Own: map[int64]bool{1: true}}, OptionFilter{IncludeDown: true, Levels: []int{1}})
	if len(down) != 1 || down[0].Role.ID != 5 || down[0].Kind != OptionDown {
		t.Errorf("asked for moves down to level 1: %+v", down)
	}
}
