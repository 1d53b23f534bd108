package assess

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// TestPropertySignOffOnlyWhenAllAgreed: whatever sequence of ratings and sign-offs the two sides
// make, a sign-off is accepted exactly when every standard is agreed; the cycle is signed off only
// when both sides signed the same set of agreed ratings (no rating changed in between); and once
// signed off nothing changes.
func TestPropertySignOffOnlyWhenAllAgreed(t *testing.T) {
	f := checklist()
	scale, standards := ScaleOf(f), FlatStandards(f)
	reached := 0 // sequences that end signed off: the property must be tested there too
	for seed := range uint64(500) {
		rng := rand.New(rand.NewPCG(seed, 7))
		c := Cycle{}
		ratings := map[string]Rating{}
		changedSinceFirstSign := false
		for step := 0; step < 40; step++ {
			side := Sides[rng.IntN(2)]
			if rng.IntN(4) == 0 {
				allAgreed := len(Blockers(standards, ratings)) == 0
				before := c
				next, err := SignOff(c, standards, ratings, side, 1, t0)
				switch {
				case before.SignedOff():
					if !errors.Is(err, ErrSignedOff) || next != before {
						t.Fatalf("seed %d: sign-off of a signed-off cycle: %v", seed, err)
					}
				case allAgreed && err != nil:
					t.Fatalf("seed %d: sign-off refused with everything agreed: %v", seed, err)
				case !allAgreed && !errors.Is(err, ErrNotAgreed):
					t.Fatalf("seed %d: sign-off with a standard not agreed: %v", seed, err)
				}
				if err == nil {
					if before.ManagementSignedBy == 0 && before.StaffSignedBy == 0 {
						changedSinceFirstSign = false
					}
					c = next
				}
				if c.SignedOff() && changedSinceFirstSign {
					t.Fatalf("seed %d: signed off although a rating changed after the first sign-off", seed)
				}
				continue
			}
			key := standards[rng.IntN(len(standards))].Key
			value := scale[rng.IntN(len(scale))].Key
			before, r := c, ratings[key]
			other := StaffSide
			if side == StaffSide {
				other = Management
			}
			if v := r.View(other); v != "" && rng.IntN(3) > 0 {
				value = v // sides mostly come round to agreement, so sign-off is reached often
			}
			next, nr, err := Rate(c, scale, r, side, value, 1, t0)
			if before.SignedOff() {
				if !errors.Is(err, ErrSignedOff) || nr != r || next != before {
					t.Fatalf("seed %d: a signed-off cycle changed", seed)
				}
				continue
			}
			if err != nil {
				t.Fatalf("seed %d: rate: %v", seed, err)
			}
			if nr != r {
				changedSinceFirstSign = true
				if next.ManagementSignedBy != 0 || next.StaffSignedBy != 0 {
					t.Fatalf("seed %d: a changed rating kept a pending sign-off", seed)
				}
			}
			c, ratings[key] = next, nr
		}
		if c.SignedOff() {
			reached++
		}
	}
	if reached < 10 {
		t.Errorf("only %d of 500 sequences reached sign-off: the generator does not test it", reached)
	}
}
