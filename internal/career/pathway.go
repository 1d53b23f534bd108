package career

import (
	"container/heap"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Pathway (issue 5): to a chosen target role, the sequence of roles that minimises the total gap.
//
// The moves: every career framework route from a role, and, through the database of roles, a
// move to any role of the same staff group one level up or across at the same level. The cost of
// a step is its gap, 100 − the transferability to that step's role, counted with what the person
// holds after the steps before it: once a step is passed, its role's requirements are taken as
// met (each competence at the level required). The total is the sum of the steps' gaps.
//
// Because what is held depends on the steps taken, the cost of a move depends on the path, not
// only on its two roles. The search is therefore Dijkstra's over states (a role and the set of
// roles passed to reach it), which is exact: costs are never negative, so the first time the
// target is taken from the queue no cheaper path exists. Ties (equal total gap) go to the path
// with fewer steps, then to the one whose role ids come first, so the answer is the same on every
// run. A path never visits a role twice, has at most MaxPathSteps steps, and the search gives up
// (ErrSearchLimit) after MaxExpansions states, which keeps one request bounded on a big database.

// Limits of the search.
const (
	MaxPathSteps  = 8
	MaxExpansions = 50_000
)

var (
	// ErrNoPath: no sequence of moves reaches the target.
	ErrNoPath = errors.New("no pathway reaches this role")
	// ErrNoStart: the person holds no current role to start from.
	ErrNoStart = errors.New("no current role to start from")
	// ErrSearchLimit: the search looked at MaxExpansions states without settling.
	ErrSearchLimit = errors.New("the pathway search stopped at its limit")
)

// Step is one role of a pathway and its gap.
type Step struct {
	Role            *RoleInfo
	Kind            string
	Transferability int
	Gap             int
	Counts          Counts
	// Route is the career framework route taken, nil for a move through the database of roles.
	Route *RouteInfo
}

// Pathway is the best sequence of moves to a target role.
type Pathway struct {
	From  *RoleInfo
	Steps []Step
	Total int
}

// Graph is what the pathway search moves through.
type Graph struct {
	Cat   *Catalog
	Roles map[int64]*RoleInfo
	// Gives are what each role's holder holds (its requirements met), by role id.
	Gives map[int64][]Held
	// Routes by the role they start from.
	Routes map[int64][]RouteInfo
	// ByGroupLevel lists the roles of a staff group at a level, by id.
	ByGroupLevel map[GroupLevel][]int64
}

// GroupLevel keys roles by staff group and level.
type GroupLevel struct {
	Group string
	Level int
}

type edge struct {
	to    int64
	route *RouteInfo
}

// edges lists the moves from a role: routes first, then the database moves not already a route,
// by id.
func (g *Graph) edges(from int64) []edge {
	var out []edge
	seen := map[int64]bool{}
	for i := range g.Routes[from] {
		r := &g.Routes[from][i]
		if _, ok := g.Roles[r.ToRoleID]; ok && !seen[r.ToRoleID] {
			seen[r.ToRoleID] = true
			out = append(out, edge{to: r.ToRoleID, route: r})
		}
	}
	role := g.Roles[from]
	if role == nil || role.StaffGroup == "" || role.Level < 1 {
		return out
	}
	var more []int64
	for _, lvl := range []int{role.Level, role.Level + 1} {
		for _, id := range g.ByGroupLevel[GroupLevel{role.StaffGroup, lvl}] {
			if id != from && !seen[id] {
				more = append(more, id)
			}
		}
	}
	slices.Sort(more)
	for _, id := range more {
		out = append(out, edge{to: id})
	}
	return out
}

type pathState struct {
	start int64
	node  int64
	path  []int64 // roles passed, start excluded, node last
	steps []Step
	total int
	index int
}

type stateQueue []*pathState

func (q stateQueue) Len() int { return len(q) }
func (q stateQueue) Less(i, j int) bool {
	a, b := q[i], q[j]
	if a.total != b.total {
		return a.total < b.total
	}
	if len(a.path) != len(b.path) {
		return len(a.path) < len(b.path)
	}
	if c := slices.Compare(a.path, b.path); c != 0 {
		return c < 0
	}
	return a.start < b.start
}
func (q stateQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i]; q[i].index = i; q[j].index = j }
func (q *stateQueue) Push(x any)   { s := x.(*pathState); s.index = len(*q); *q = append(*q, s) }
func (q *stateQueue) Pop() any {
	old := *q
	s := old[len(old)-1]
	*q = old[:len(old)-1]
	return s
}

// FindPathway searches the best pathway from one of the start roles (the roles held now, with
// what the person holds) to the target. A target among the starts is a pathway of no steps.
func (g *Graph) FindPathway(starts []int64, held []Held, target int64, today int32) (Pathway, error) {
	if len(starts) == 0 {
		return Pathway{}, ErrNoStart
	}
	if _, ok := g.Roles[target]; !ok {
		return Pathway{}, ErrNoPath
	}
	starts = slices.Clone(starts)
	slices.Sort(starts)
	if slices.Contains(starts, target) {
		return Pathway{From: g.Roles[target]}, nil
	}
	q := &stateQueue{}
	settled := map[string]bool{}
	for _, s := range starts {
		if _, ok := g.Roles[s]; ok {
			heap.Push(q, &pathState{start: s, node: s})
		}
	}
	origin := func(s *pathState) int64 { return s.start }
	expansions := 0
	for q.Len() > 0 {
		s := heap.Pop(q).(*pathState)
		if s.node == target {
			return Pathway{From: g.Roles[origin(s)], Steps: s.steps, Total: s.total}, nil
		}
		key := stateKey(origin(s), s.node, s.path)
		if settled[key] {
			continue
		}
		settled[key] = true
		if expansions++; expansions > MaxExpansions {
			return Pathway{}, ErrSearchLimit
		}
		if len(s.path) >= MaxPathSteps {
			continue
		}
		// What is held at this point: the person's own, and every role passed.
		best := BestHeld(held, today, nil)
		for _, id := range s.path {
			BestHeld(g.Gives[id], today, best)
		}
		from := g.Roles[s.node]
		for _, e := range g.edges(s.node) {
			if e.to == origin(s) || slices.Contains(s.path, e.to) {
				continue
			}
			to := g.Roles[e.to]
			score, cnt := g.Cat.ScoreHeld(to.Need, best)
			step := Step{Role: to, Kind: OptionKind(from.Level, to.Level), Transferability: score, Gap: 100 - score, Counts: cnt, Route: e.route}
			next := &pathState{start: s.start, node: e.to, path: append(slices.Clone(s.path), e.to),
				steps: append(slices.Clone(s.steps), step), total: s.total + step.Gap}
			heap.Push(q, next)
		}
	}
	return Pathway{}, ErrNoPath
}

// stateKey names a state: the start, the node and the set of roles passed (their order does not
// change what is held).
func stateKey(start, node int64, path []int64) string {
	ids := slices.Clone(path)
	slices.Sort(ids)
	var b strings.Builder
	b.WriteString(strconv.FormatInt(start, 10))
	b.WriteByte('>')
	b.WriteString(strconv.FormatInt(node, 10))
	for _, id := range ids {
		b.WriteByte(',')
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}
