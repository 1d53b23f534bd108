package career

import (
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// bigScale has ranks whose least common multiple overflows the integer arithmetic, so roles
// requiring several of its levels are scored with big fractions (Need.Big).
var bigScale = &framework.Framework{Key: "big", Version: "1", Levels: []framework.Level{
	{Key: "p1", Rank: 1009}, {Key: "p2", Rank: 1013}, {Key: "p3", Rank: 1019}, {Key: "p4", Rank: 1021}, {Key: "p5", Rank: 1031}}}

func optLookup(key, version string) *framework.Framework {
	if key == "big" {
		return bigScale
	}
	return testLookup(key, version)
}

// TestOptionsAgreeWithAnalyse: career options from the option table (postings of the
// competences held, every other role scored as holding nothing, ranked by buckets) are exactly
// what scoring every role in scope with workforce.Analyse and ranking them by the rule of
// SortOptions gives: the same roles, kinds, routes, scores and counts in the same order. Random
// roles (drafts, unplaced, shared, several organisations, titles that differ only in case, no
// requirement, big fractions), routes, people, scopes and filters; roles change between queries.
func TestOptionsAgreeWithAnalyse(t *testing.T) {
	const today = workforce.Date("2025-07-01")
	titles := []string{"Nurse", "nurse", "Assistant", "Practitioner", "Lead"}
	statuses := []string{workforce.StatusPublished, workforce.StatusPublished, workforce.StatusPublished, workforce.StatusDraft}
	for seed := int64(1); seed <= 150; seed++ {
		r := rand.New(rand.NewSource(seed))
		x := NewIndex(optLookup)
		roles := map[int64]workforce.Role{}
		putRole := func(id int64) {
			reqs := randomReqs(r)
			if r.Intn(4) == 0 {
				for range 1 + r.Intn(4) {
					reqs = append(reqs, workforce.Requirement{FrameworkKey: "big", FrameworkVersion: "1", NodeKey: nodeChoices[r.Intn(len(nodeChoices))],
						LevelKey: fmt.Sprint("p", 1+r.Intn(5)), Essential: r.Intn(2) == 0})
				}
			}
			role := workforce.Role{ID: id, OrganisationID: int64(1 + r.Intn(3)), Title: titles[r.Intn(len(titles))], Level: r.Intn(6),
				StaffGroup: []string{"Nursing", "AHP"}[r.Intn(2)], Status: statuses[r.Intn(len(statuses))], Shared: r.Intn(2) == 0, Requirements: reqs}
			if r.Intn(15) == 0 {
				role.Status = workforce.StatusRetired
				delete(roles, id)
			} else {
				roles[id] = role
			}
			x.PutRole(role)
		}
		for id := int64(1); id <= 40; id++ {
			putRole(id)
		}
		var routes []RouteInfo
		for range r.Intn(12) {
			routes = append(routes, RouteInfo{FrameworkID: int64(r.Intn(3)), FromRoleID: int64(1 + r.Intn(40)), ToRoleID: int64(1 + r.Intn(40))})
		}
		x.SetRoutes(routes)
		entries := randomEntries(r)
		person := workforce.Person{ID: 1, OrganisationID: 1}
		for range 1 + r.Intn(2) {
			person.Assignments = append(person.Assignments, workforce.Assignment{RoleID: int64(1 + r.Intn(40)), TeamID: 1, FTE: 100, Start: "2020-01-01"})
		}
		x.PutPerson(person, entries)
		for round := range 3 {
			if round > 0 {
				for range 5 {
					putRole(int64(1 + r.Intn(45)))
				}
			}
			st, _ := x.PersonStart(1, Today(today))
			scope := RoleScope{Own: map[int64]bool{1: true, 3: r.Intn(2) == 0}, Partners: map[int64]bool{2: true}}
			var f OptionFilter
			switch r.Intn(5) {
			case 1:
				f.IncludeDown = true
			case 2:
				f.Levels = []int{1 + r.Intn(5)}
			case 3:
				f.StaffGroup = "nursing"
			case 4:
				f.Kinds, f.OrganisationID = []string{OptionUp, OptionAcross}, 1
			}
			got := x.Options(st, Today(today), scope, f)
			want := referenceOptions(roles, routes, st, entries, today, scope, f)
			if len(got) != len(want) {
				t.Fatalf("seed %d round %d: %d options, want %d", seed, round, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Role.ID != w.id || g.Kind != w.kind || g.Transferability != w.score || g.Counts != w.counts || (g.Route == nil) != (w.route == nil) ||
					(g.Route != nil && *g.Route != *w.route) {
					t.Fatalf("seed %d round %d option %d: role %d %s %d%% %+v route %v\nwant role %d %s %d%% %+v route %v",
						seed, round, i, g.Role.ID, g.Kind, g.Transferability, g.Counts, g.Route, w.id, w.kind, w.score, w.counts, w.route)
				}
			}
		}
	}
}

type wantOption struct {
	id     int64
	title  string
	kind   string
	score  int
	counts Counts
	route  *RouteInfo
}

// referenceOptions scores every role with workforce.Analyse and ranks them by the rule written
// out: score descending, routed first, title ignoring case, id.
func referenceOptions(roles map[int64]workforce.Role, routes []RouteInfo, st Start, entries []workforce.PortfolioEntry, today workforce.Date,
	scope RoleScope, f OptionFilter) []wantOption {
	var out []wantOption
	for _, role := range roles {
		info := &RoleInfo{ID: role.ID, OrganisationID: role.OrganisationID, Level: role.Level, StaffGroup: role.StaffGroup, Shared: role.Shared}
		if role.Status != workforce.StatusPublished || role.Level < 1 || slices.Contains(st.Roles, role.ID) || !scope.Allows(info) {
			continue
		}
		o := Option{Role: info, Kind: OptionKind(st.Level, role.Level)}
		for i := range routes {
			if slices.Contains(st.Roles, routes[i].FromRoleID) && routes[i].ToRoleID == role.ID {
				o.Route = &routes[i]
				break
			}
		}
		if !f.Keep(o) {
			continue
		}
		g := workforce.Analyse(role.Requirements, entries, optLookup, today)
		out = append(out, wantOption{id: role.ID, title: strings.ToLower(role.Title), kind: o.Kind, score: g.Readiness,
			counts: Counts{g.Met, g.Partly, g.Missing, g.EssentialNotMet}, route: o.Route})
	}
	slices.SortFunc(out, func(a, b wantOption) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if (a.route == nil) != (b.route == nil) {
			if a.route != nil {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.title, b.title); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return out
}
