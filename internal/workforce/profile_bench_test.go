package workforce

import (
	"strconv"
	"testing"
)

// scaleInput is a unit of 100,000 people in 4,000 teams with 120,000 posts and two competences
// each, the size of issue 6's performance target, for BenchmarkWorkOutProfile.
func scaleInput() ProfileInput {
	const people, posts, teams, roles = 100_000, 120_000, 4_000, 60
	in := ProfileInput{Roles: map[int64]Role{}, Pay: CurrentPayTable("2025-11-23"), OnCost: 2850, Lookup: testFrameworks()}
	for i := range teams {
		in.Teams = append(in.Teams, TeamRef{ID: int64(i + 1), Name: "Team " + strconv.Itoa(i)})
	}
	for i := range roles {
		in.Roles[int64(i+1)] = Role{ID: int64(i + 1), Title: "Role " + strconv.Itoa(i), Level: 2 + i%7, Band: Bands[1+i%10],
			StaffGroup: StaffGroups[i%10].Name, RegistrationRequired: i%2 == 0,
			Requirements: []Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c1", LevelKey: "level-2"},
				{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c2", LevelKey: "level-1"}}}
	}
	for i := range people {
		in.Staff = append(in.Staff, StaffRow{PersonID: int64(i + 1), TeamID: int64(i%teams + 1), RoleID: int64(i%roles + 1), FTE: 100})
		in.Holdings = append(in.Holdings, Holding{PersonID: int64(i + 1), FrameworkKey: "ksf", NodeKey: "c1", LevelKey: "level-2"},
			Holding{PersonID: int64(i + 1), FrameworkKey: "ksf", NodeKey: "c2", LevelKey: "level-1"})
	}
	for i := range posts {
		p := Post{TeamID: int64(i%teams + 1), RoleID: int64(i%roles + 1), FTE: 100, PayPoint: PayPoints[i%3]}
		if i < people {
			p.HolderID = int64(i + 1)
		}
		in.Posts = append(in.Posts, p)
	}
	return in
}

func BenchmarkWorkOutProfile(b *testing.B) {
	in := scaleInput()
	b.ResetTimer()
	for b.Loop() {
		if p := WorkOutProfile(in); p.Posts != 120_000 {
			b.Fatal(p.Posts)
		}
	}
}
