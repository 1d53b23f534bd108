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

// BenchmarkCompareScenario replays a scenario of 1,000 changes (converts, re-grades, FTE
// changes, removals and additions) on the 120,000 posts of scaleInput and compares it with
// today: issue 6's second performance figure.
func BenchmarkCompareScenario(b *testing.B) {
	in := scaleInput()
	for i := range in.Posts {
		in.Posts[i].ID = int64(i + 1)
	}
	changes := benchChanges()
	rules := ScenarioRules{}
	now := WorkOutProfile(in)
	b.ResetTimer()
	for b.Loop() {
		posts, ps := ApplyChanges(in.Posts, changes, rules)
		if len(ps) > 0 {
			b.Fatal(ps)
		}
		future := in
		future.Posts = posts
		if c := Compare(now, WorkOutProfile(future)); c.Total.Scenario.Posts != 120_000+200-200+200 {
			b.Fatal(c.Total.Scenario.Posts)
		}
	}
}

// BenchmarkProfileAfterPostChange changes one post of scaleInput's unit in an index and works
// the profile out again: what the store's cache does after a post is saved.
func BenchmarkProfileAfterPostChange(b *testing.B) {
	in := scaleInput()
	for i := range in.Posts {
		in.Posts[i].ID = int64(i + 1)
	}
	x := NewProfileIndex(in)
	x.Profile()
	p := in.Posts[1]
	b.ResetTimer()
	for b.Loop() {
		p.FTE = 150 - p.FTE
		x.SetPost(p)
		if got := x.Profile(); got.Posts != 120_000 {
			b.Fatal(got.Posts)
		}
	}
}

// BenchmarkIndexCompareScenario is BenchmarkCompareScenario with today's profile from an index:
// only the teams whose posts the scenario changes are worked out.
func BenchmarkIndexCompareScenario(b *testing.B) {
	in := scaleInput()
	for i := range in.Posts {
		in.Posts[i].ID = int64(i + 1)
	}
	changes := benchChanges()
	x := NewProfileIndex(in)
	now := x.Profile()
	b.ResetTimer()
	for b.Loop() {
		posts, ps := ApplyChanges(in.Posts, changes, ScenarioRules{})
		if len(ps) > 0 {
			b.Fatal(ps)
		}
		if c := Compare(now, x.WithPosts(posts, nil)); c.Total.Scenario.Posts != 120_000+200-200+200 {
			b.Fatal(c.Total.Scenario.Posts)
		}
	}
}

// benchChanges are 1,000 changes of every kind on scaleInput's posts.
func benchChanges() []ScenarioChange {
	var changes []ScenarioChange
	for i := range 1000 {
		id := int64(i*100 + 1)
		c := ScenarioChange{Reason: "benchmark", PostIDs: []int64{id}}
		switch i % 5 {
		case 0:
			c.Kind, c.RoleID, c.Count, c.FTE, c.PayPoint = ChangeConvert, 3, 2, 100, PayEntry
		case 1:
			c.Kind, c.Band = ChangeRegrade, "6"
		case 2:
			c.Kind, c.FTE = ChangeFTE, 60
		case 3:
			c.Kind = ChangeRemove
		case 4:
			c.Kind, c.PostIDs, c.TeamID, c.RoleID, c.Count, c.FTE, c.PayPoint = ChangeAdd, nil, 7, 5, 1, 100, PayTop
		}
		changes = append(changes, c)
	}
	return changes
}
