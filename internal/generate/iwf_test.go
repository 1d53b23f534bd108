package generate

import (
	"fmt"
	"reflect"
	"testing"
	"testing/quick"
	"time"

	"github.com/workframe/workframe/internal/profile"
)

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		total, least int
		weights      []int
		want         []int
	}{
		{100, 1, []int{1, 1, 1}, []int{34, 33, 33}},
		{100, 1, []int{0, 0}, []int{50, 50}},
		{100, 5, []int{10, 0, 0}, []int{90, 5, 5}},
		{12, 1, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{100, 1, []int{3, 1}, []int{75, 25}},
	} {
		if got := split(c.total, c.least, c.weights); !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%d, %d, %v) = %v, want %v", c.total, c.least, c.weights, got, c.want)
		}
	}
	// For any weights, the shares add up to the total and none is below the minimum.
	if err := quick.Check(func(ws []uint16, least uint8) bool {
		if len(ws) == 0 || len(ws) > 50 {
			return true
		}
		l := int(least) % (100/len(ws) + 1)
		weights := make([]int, len(ws))
		for i, w := range ws {
			weights[i] = int(w)
		}
		sum := 0
		for _, s := range split(100, l, weights) {
			if s < l {
				return false
			}
			sum += s
		}
		return sum == 100
	}, nil); err != nil {
		t.Error(err)
	}
}

// TestRoleProfiles: research roles all have a profile, some others do, every one valid; own
// views are valid too, differ from the role's, and the same seed gives the same.
func TestRoleProfiles(t *testing.T) {
	profession := map[int64]string{}
	gen := func(seed uint64) ([]RoleProfile, []profile.Profile) {
		g, err := New(Options{Seed: seed, Scale: Small})
		if err != nil {
			t.Fatal(err)
		}
		emps := employers(t, g)
		for _, e := range emps {
			for _, r := range e.Roles {
				profession[r.ID] = r.Profession
			}
		}
		var rps []RoleProfile
		if err := g.RoleProfiles(emps, 7, func(b []RoleProfile) error { rps = append(rps, b...); return nil }); err != nil {
			t.Fatal(err)
		}
		var own []profile.Profile
		for k, rp := range rps[:10] {
			p, err := g.OwnProfile(fmt.Sprintf("G%07d", k), rp.Profile)
			if err != nil {
				t.Fatal(err)
			}
			own = append(own, p)
		}
		return rps, own
	}
	rps, own := gen(3)
	research, other := 0, 0
	f, _ := BuiltInIWF()
	for _, rp := range rps {
		if ps := profile.Validate(rp.Profile, f); len(ps) > 0 {
			t.Fatalf("%s: %v", rp.Title, ps)
		}
		if _, ok := researchWeights[profession[rp.RoleID]]; ok {
			research++
		} else {
			other++
		}
	}
	if research == 0 || other == 0 {
		t.Errorf("%d research and %d other role profiles: want both", research, other)
	}
	changed := 0
	for i, p := range own {
		if ps := profile.Validate(p, f); len(ps) > 0 {
			t.Fatalf("own view %d: %v", i, ps)
		}
		if !reflect.DeepEqual(p.Entries, rps[i].Profile.Entries) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("no own view differs from its role's profile")
	}
	again, ownAgain := gen(3)
	if !reflect.DeepEqual(rps, again) || !reflect.DeepEqual(own, ownAgain) {
		t.Error("the same seed gave different profiles")
	}
	if another, _ := gen(4); reflect.DeepEqual(rps, another) {
		t.Error("another seed gave the same profiles")
	}
}

func TestFinancialYear(t *testing.T) {
	for _, c := range []struct {
		day    string
		before int
		want   string
	}{
		{"2026-04-01", 0, "2026/27"}, {"2026-03-31", 0, "2025/26"}, {"2026-11-23", 2, "2024/25"}, {"2100-01-01", 0, "2099/00"},
	} {
		d, _ := time.Parse("2006-01-02", c.day)
		if got := FinancialYear(d, c.before); got != c.want {
			t.Errorf("FinancialYear(%s, %d) = %s, want %s", c.day, c.before, got, c.want)
		}
	}
}
