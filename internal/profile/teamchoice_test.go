package profile

import (
	"reflect"
	"testing"
)

func TestChooseTeam(t *testing.T) {
	v := func(version string, draft bool) Profile {
		return Profile{FrameworkKey: "iwf", FrameworkVersion: version, Draft: draft}
	}
	own := Candidate{FTE: 100, Own: []Profile{v("1.0", false), v("2.1", false)}, Role: []Profile{v("2.1", false)}}
	roleOnly := Candidate{FTE: 60, Role: []Profile{v("2.1", true), v("2.1", false)}}
	nothing := Candidate{FTE: 40, Own: []Profile{v("2.1", true)}, Role: []Profile{v("1.0", false)}}
	ownNoRole := Candidate{FTE: 100, Own: []Profile{v("2.1", false)}}
	five := []Candidate{own, own, own, ownNoRole, ownNoRole, roleOnly, nothing}
	tests := []struct {
		name    string
		cands   []Candidate
		version string
		want    []Choice
	}{
		{"fewer than five own profiles: the role's profile counts", []Candidate{own, roleOnly, nothing, ownNoRole}, "2.1", []Choice{
			{Source: SourceRole, Index: 0, OwnNotPooled: true},
			{Source: SourceRole, Index: 1}, // the draft is skipped
			{Source: SourceNone},           // a draft own profile does not count
			{Source: SourceNone, OwnNotPooled: true},
		}},
		{"five own profiles pool", five, "2.1", []Choice{
			{Source: SourceOwn, Index: 1}, {Source: SourceOwn, Index: 1}, {Source: SourceOwn, Index: 1},
			{Source: SourceOwn}, {Source: SourceOwn}, {Source: SourceRole, Index: 1}, {Source: SourceNone},
		}},
		{"another version", []Candidate{own, nothing}, "1.0", []Choice{{Source: SourceNone, OwnNotPooled: true}, {Source: SourceRole}}},
		{"nobody", nil, "2.1", []Choice{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ChooseTeam(tt.cands, "iwf", tt.version)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ChooseTeam = %+v, want %+v", got, tt.want)
			}
			ms := Chosen(tt.cands, got)
			n := 0
			for i, ch := range got {
				if ch.Source == SourceNone {
					continue
				}
				if ms[n].FTE != tt.cands[i].FTE || ms[n].Profile.FrameworkVersion != tt.version || ms[n].Profile.Draft {
					t.Errorf("member %d: chosen %+v", i, ms[n])
				}
				n++
			}
			if n != len(ms) {
				t.Errorf("Chosen gave %d members, want %d", len(ms), n)
			}
		})
	}
}

func TestTeamVersions(t *testing.T) {
	p := func(version string) Profile { return Profile{FrameworkKey: "iwf", FrameworkVersion: version} }
	cands := []Candidate{
		{FTE: 100, Own: []Profile{p("1.0")}, Role: []Profile{p("2.1")}},
		{FTE: 100, Role: []Profile{p("2.1")}},
		{FTE: 100, Role: []Profile{p("1.0"), {FrameworkKey: "iwf", FrameworkVersion: "3", Draft: true}}},
		{FTE: 100, Own: []Profile{p("0.9")}}, // one own profile alone never counts
	}
	want := []VersionUse{{"iwf", "2.1", 2}, {"iwf", "1.0", 1}}
	if got := TeamVersions(cands); !reflect.DeepEqual(got, want) {
		t.Fatalf("TeamVersions = %+v, want %+v", got, want)
	}
}

// TestTeamVersionsCountsGroups: a candidate standing for several posts counts each, so the
// default version is the one that covers the most posts, not the most roles.
func TestTeamVersionsCountsGroups(t *testing.T) {
	p := func(version string) Profile { return Profile{FrameworkKey: "iwf", FrameworkVersion: version} }
	cands := []Candidate{
		{FTE: 300, Count: 3, Role: []Profile{p("1.0")}},
		{FTE: 100, Role: []Profile{p("2.1")}},
		{FTE: 100, Role: []Profile{p("2.1")}},
	}
	want := []VersionUse{{"iwf", "1.0", 3}, {"iwf", "2.1", 2}}
	if got := TeamVersions(cands); !reflect.DeepEqual(got, want) {
		t.Fatalf("TeamVersions = %+v, want %+v", got, want)
	}
	if got := Chosen(cands, ChooseTeam(cands, "iwf", "1.0")); len(got) != 1 || got[0].Count != 3 || got[0].FTE != 300 {
		t.Errorf("Chosen = %+v", got)
	}
}
