package workforce

// Small-group suppression for figures shown across a partnership (DESIGN decision 1,
// docs/decisions/0014): partners see aggregates only, and no figure may give away a group of
// fewer than MinGroup people, either to an outsider or to a partner who subtracts what it knows
// of its own organisation.

// MinGroup is the fewest people a figure shown to partners may stand for.
const MinGroup = 5

func small(n int) bool { return n > 0 && n < MinGroup }

// unsafe reports whether a group, given as its people by partner, is small, or becomes small
// once any one partner takes away its own people (a partner knows its own figures, so it can
// subtract them: what is left is the other partners' group).
func unsafe(byPartner []int) bool {
	sum := 0
	for _, n := range byPartner {
		sum += n
	}
	if small(sum) {
		return true
	}
	for _, n := range byPartner {
		if small(sum - n) {
			return true
		}
	}
	return false
}

// Suppress decides which rows of one table to hide, and whether its total is hidden. heads[i][p]
// is how many people of partner p row i counts; totals[p] is partner p's people in the whole
// table (each once). A row's FTE, posts and cost add up to the total's, so hiding a small row is
// not enough: the total minus the shown rows would give it back. The rule:
//
//  1. when the total is unsafe (1 to MinGroup−1 people in all, or outside any one partner),
//     the total and every row with people in it are hidden;
//  2. otherwise a row is hidden when it is unsafe (the same test, row by row);
//  3. then, while the hidden rows together are unsafe (the total minus the shown rows would give
//     a small group back, to anyone or to one partner), the shown row with the fewest people
//     among those with people in it (the first on a tie) is hidden too.
//
// Rows of no people hold only vacant posts and are shown. Within a partner, a person working in
// two groups counts in both: sums of rows then overstate the people behind a difference, a
// known limit (docs/decisions/0014).
func Suppress(heads [][]int, totals []int) (hidden []bool, hideTotal bool) {
	hidden = make([]bool, len(heads))
	people := func(i int) int {
		n := 0
		for _, h := range heads[i] {
			n += h
		}
		return n
	}
	if unsafe(totals) {
		for i := range heads {
			hidden[i] = people(i) > 0
		}
		return hidden, true
	}
	for i := range heads {
		hidden[i] = unsafe(heads[i])
	}
	for {
		gone := make([]int, len(totals))
		found := false
		for i := range heads {
			if hidden[i] {
				found = true
				for p, h := range heads[i] {
					gone[p] += h
				}
			}
		}
		if !found || !unsafe(gone) {
			return hidden, false
		}
		next := -1
		for i := range heads {
			if !hidden[i] && people(i) > 0 && (next < 0 || people(i) < people(next)) {
				next = i
			}
		}
		if next < 0 {
			return hidden, false // every row with people is hidden: their sum is the safe total
		}
		hidden[next] = true
	}
}
