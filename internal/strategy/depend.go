package strategy

// Dependency says that one action cannot finish before another: Action depends on DependsOn.
type Dependency struct {
	Action    int64
	DependsOn int64
}

// CheckDependency checks a new dependency against the ones a plan has: both actions must be in
// the plan, an action cannot depend on itself, a dependency is recorded once, and no chain of
// dependencies may lead back to where it started (a cycle would mean no action in it can ever
// finish first).
func CheckDependency(existing []Dependency, d Dependency, actions []int64) error {
	known := map[int64]bool{}
	for _, id := range actions {
		known[id] = true
	}
	if !known[d.Action] || !known[d.DependsOn] {
		return invalid("both actions must be in the plan")
	}
	if d.Action == d.DependsOn {
		return invalid("an action cannot depend on itself")
	}
	next := map[int64][]int64{}
	for _, e := range existing {
		if e == d {
			return invalid("that dependency is already recorded")
		}
		next[e.Action] = append(next[e.Action], e.DependsOn)
	}
	// Adding Action → DependsOn closes a cycle exactly when DependsOn already reaches Action.
	seen := map[int64]bool{}
	stack := []int64{d.DependsOn}
	for len(stack) > 0 {
		at := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if at == d.Action {
			return invalid("that dependency would make a cycle: the action already comes before the one it would wait for")
		}
		if seen[at] {
			continue
		}
		seen[at] = true
		stack = append(stack, next[at]...)
	}
	return nil
}

// Acyclic reports whether the dependencies form no cycle (Kahn's algorithm): what
// CheckDependency keeps true.
func Acyclic(deps []Dependency) bool {
	indeg := map[int64]int{}
	out := map[int64][]int64{}
	for _, d := range deps {
		if _, ok := indeg[d.Action]; !ok {
			indeg[d.Action] = 0
		}
		indeg[d.DependsOn]++
		out[d.Action] = append(out[d.Action], d.DependsOn)
	}
	var ready []int64
	for id, n := range indeg {
		if n == 0 {
			ready = append(ready, id)
		}
	}
	seen := 0
	for len(ready) > 0 {
		at := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		seen++
		for _, to := range out[at] {
			indeg[to]--
			if indeg[to] == 0 {
				ready = append(ready, to)
			}
		}
	}
	return seen == len(indeg)
}
