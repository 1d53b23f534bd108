package workforce

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestSuppress(t *testing.T) {
	tests := []struct {
		name      string
		heads     [][]int // rows × partners
		totals    []int
		hidden    []bool
		hideTotal bool
	}{
		{"nothing small", [][]int{{5}, {12}, {0}}, []int{17}, []bool{false, false, false}, false},
		{"a small row and the smallest other row", [][]int{{3}, {12}, {7}, {20}}, []int{42}, []bool{true, false, true, false}, false},
		{"a tie goes to the first", [][]int{{6}, {1}, {6}}, []int{13}, []bool{true, true, false}, false},
		{"a row of no people is not a complement", [][]int{{0}, {2}, {9}}, []int{11}, []bool{false, true, true}, false},
		{"every row with people small", [][]int{{2}, {3}, {0}}, []int{5}, []bool{true, true, false}, false},
		{"a small total hides everything with people", [][]int{{2}, {1}}, []int{3}, []bool{true, true}, true},
		{"no people", [][]int{{0, 0}}, []int{0, 0}, []bool{false}, false},
		{"no rows", nil, []int{7}, []bool{}, false},
		// Trust A (100 people) knows its own figures: the partnership's total minus Trust A's
		// is Trust B's 3 people, so nothing with people in it is shown.
		{"one partner's figures give away the other's", [][]int{{60, 3}, {40, 0}}, []int{100, 3}, []bool{true, true}, true},
		// Level 5 minus Trust A's own 10 is Trust B's 3; Level 3 minus Trust C's 6 is Trust A's 2.
		{"a row small once a partner takes its own away", [][]int{{10, 3, 0}, {2, 0, 6}, {20, 20, 20}}, []int{32, 23, 26}, []bool{true, true, false}, false},
		// The partner table: Trust B is small; Trust C hidden with it would still give Trust B
		// away to Trust C (9 − 6), so Trust A goes too.
		{"partners: complements until no partner can subtract", [][]int{{12, 0, 0}, {0, 3, 0}, {0, 0, 6}}, []int{12, 3, 6}, []bool{true, true, true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hidden, hideTotal := Suppress(tt.heads, tt.totals)
			if !reflect.DeepEqual(hidden, tt.hidden) || hideTotal != tt.hideTotal {
				t.Errorf("Suppress(%v, %v) = %v, %v; want %v, %v", tt.heads, tt.totals, hidden, hideTotal, tt.hidden, tt.hideTotal)
			}
		})
	}
}

// TestSuppressProperties checks, for random tables of one to four partners, what the rule
// promises: a shown total or row is safe (not small, nor small once any partner takes its own
// people away), and what can be worked out from a shown total (the total minus the shown rows)
// is safe too, unless it is every row with people in it (then it is the safe total).
func TestSuppressProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2026))
	for i := range 20000 {
		partners := 1 + rng.IntN(4)
		heads := make([][]int, rng.IntN(7))
		totals := make([]int, partners)
		for k := range heads {
			heads[k] = make([]int, partners)
			for p := range partners {
				if rng.IntN(3) > 0 {
					heads[k][p] = rng.IntN(14)
				}
			}
		}
		for p := range partners {
			sum, most := 0, 0
			for k := range heads {
				sum += heads[k][p]
				most = max(most, heads[k][p])
			}
			totals[p] = most + rng.IntN(sum-most+1) // people may work in several groups
		}
		hidden, hideTotal := Suppress(heads, totals)
		if !hideTotal && unsafe(totals) {
			t.Fatalf("case %d: total %v shown", i, totals)
		}
		gone := make([]int, partners)
		anyHidden, allPeopleHidden := false, true
		for k, row := range heads {
			people := 0
			for _, h := range row {
				people += h
			}
			if !hidden[k] && unsafe(row) {
				t.Fatalf("case %d: %v row %d shown", i, heads, k)
			}
			if hidden[k] {
				anyHidden = true
				for p, h := range row {
					gone[p] += h
				}
			} else if people > 0 {
				allPeopleHidden = false
			}
		}
		if !hideTotal && anyHidden && unsafe(gone) && !allPeopleHidden {
			t.Fatalf("case %d: %v %v: the hidden rows (%v) can be worked out from the total", i, heads, hidden, gone)
		}
	}
}
