package workforce

import (
	"maps"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"testing/quick"
)

// indexInput is randomInput with some requirements naming a framework version nobody has
// (so a competence's version depends on which roles are in use) and the roles map cut to the
// roles in use, as the store loads it.
func indexInput(r *rand.Rand) ProfileInput {
	in := randomInput(r)
	for id, ro := range in.Roles {
		if r.Intn(4) == 0 {
			ro.Requirements = []Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2099", NodeKey: "c1", LevelKey: "level-2"}}
			in.Roles[id] = ro
		}
	}
	return usedRolesOnly(in)
}

func usedRolesOnly(in ProfileInput) ProfileInput {
	teams := map[int64]bool{}
	for _, t := range in.Teams {
		teams[t.ID] = true
	}
	used := map[int64]Role{}
	for _, p := range in.Posts {
		if teams[p.TeamID] {
			used[p.RoleID] = in.Roles[p.RoleID]
		}
	}
	for _, s := range in.Staff {
		if teams[s.TeamID] {
			used[s.RoleID] = in.Roles[s.RoleID]
		}
	}
	maps.DeleteFunc(used, func(id int64, r Role) bool { return r.ID == 0 })
	in.Roles = used
	return in
}

// The profile worked out team by team is the profile as it was worked out before (the whole
// input at once), on any input.
func TestProfileIndexMatchesReference(t *testing.T) {
	if got, want := WorkOutProfile(exampleInput()), referenceProfile(exampleInput()); !reflect.DeepEqual(got, want) {
		t.Fatalf("example:\n%+v\nwant\n%+v", got, want)
	}
	f := func(seed int64) bool {
		in := indexInput(rand.New(rand.NewSource(seed)))
		got, want := WorkOutProfile(in), referenceProfile(in)
		if !reflect.DeepEqual(got, want) {
			t.Logf("seed %d:\n%+v\nwant\n%+v", seed, got, want)
		}
		return reflect.DeepEqual(got, want)
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}

// An index kept up to date change by change gives the profile of the changed input worked out
// from scratch: posts added, changed (to another team too) and removed, people's assignments
// and holdings replaced, roles changed, the on-cost changed.
func TestProfileIndexKeptUpToDate(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		in := indexInput(r)
		x := NewProfileIndex(in)
		x.Profile()
		nextPost := int64(1000)
		for step := range 25 {
			switch r.Intn(6) {
			case 0: // a post added or changed
				p := Post{ID: nextPost, TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), FTE: FTE(1 + r.Intn(100)),
					PayPoint: PayPoints[r.Intn(3)], HolderID: int64(r.Intn(30))}
				if len(in.Posts) > 0 && r.Intn(2) == 0 {
					p.ID = in.Posts[r.Intn(len(in.Posts))].ID
				} else {
					nextPost++
				}
				in.Posts = slices.DeleteFunc(in.Posts, func(q Post) bool { return q.ID == p.ID })
				i, _ := slices.BinarySearchFunc(in.Posts, p.ID, func(q Post, id int64) int { return int(q.ID - id) })
				in.Posts = slices.Insert(in.Posts, i, p)
				x.SetPost(p)
			case 1: // a post removed
				if len(in.Posts) == 0 {
					continue
				}
				id := in.Posts[r.Intn(len(in.Posts))].ID
				in.Posts = slices.DeleteFunc(in.Posts, func(q Post) bool { return q.ID == id })
				x.RemovePost(id)
			case 2, 3: // a person's assignments and holdings replaced
				pid := int64(1 + r.Intn(32))
				var staff []StaffRow
				var holds []Holding
				for range r.Intn(3) {
					staff = append(staff, StaffRow{PersonID: pid, TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(6)), FTE: FTE(1 + r.Intn(100))})
				}
				for range r.Intn(3) {
					holds = append(holds, Holding{PersonID: pid, FrameworkKey: "ksf", NodeKey: []string{"c1", "c2"}[r.Intn(2)],
						LevelKey: []string{"level-1", "level-2", "level-3"}[r.Intn(3)]})
				}
				in.Staff = append(slices.DeleteFunc(in.Staff, func(s StaffRow) bool { return s.PersonID == pid }), staff...)
				in.Holdings = append(slices.DeleteFunc(in.Holdings, func(h Holding) bool { return h.PersonID == pid }), holds...)
				x.SetPerson(pid, staff, holds)
			case 4: // a role changed
				id := int64(1 + r.Intn(6))
				ro := Role{ID: id, Title: "Changed " + string(rune('A'+r.Intn(26))), Level: r.Intn(10), Band: Bands[r.Intn(len(Bands))],
					RegistrationRequired: r.Intn(2) == 0, Requirements: []Requirement{{FrameworkKey: "ksf",
						FrameworkVersion: []string{"2010", "2099"}[r.Intn(2)], NodeKey: "c2", LevelKey: "level-3"}}}
				in.Roles = maps.Clone(in.Roles)
				in.Roles[id] = ro
				x.SetRoles(map[int64]Role{id: ro})
			case 5:
				in.OnCost = OnCost(r.Intn(4000))
				x.SetOnCost(in.OnCost)
			}
			// New roles come from the store; here they come from the generator's map.
			if missing := x.MissingRoles(); len(missing) > 0 {
				add := map[int64]Role{}
				for _, id := range missing {
					add[id] = Role{ID: id, Title: "Role", Level: 4, Band: "5"}
				}
				in.Roles = maps.Clone(in.Roles)
				maps.Copy(in.Roles, add)
				x.SetRoles(add)
			}
			fresh := usedRolesOnly(in)
			got, want := x.Profile(), WorkOutProfile(fresh)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(want, referenceProfile(fresh)) {
				t.Logf("seed %d step %d:\n%+v\nwant\n%+v", seed, step, got, want)
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 200}); err != nil {
		t.Error(err)
	}
}

// A scenario's profile from the index (the posts replaced, teams with the same posts reusing
// their parts, people retrained) is the profile of the input with those posts and holdings, new
// roles included.
func TestProfileIndexWithScenario(t *testing.T) {
	f := func(seed int64) bool {
		r := rand.New(rand.NewSource(seed))
		in := indexInput(r)
		x := NewProfileIndex(in)
		posts := slices.Clone(in.Posts)
		for range r.Intn(6) {
			switch i := r.Intn(max(1, len(posts))); {
			case len(posts) > 0 && r.Intn(2) == 0:
				posts[i].FTE, posts[i].Band = FTE(1+r.Intn(100)), Bands[r.Intn(len(Bands))]
			case len(posts) > 0 && r.Intn(2) == 0:
				posts = slices.Delete(posts, i, i+1)
			default:
				posts = append(posts, Post{TeamID: int64(1 + r.Intn(5)), RoleID: int64(1 + r.Intn(8)), FTE: 100, PayPoint: PayEntry})
			}
		}
		extra := map[int64]Role{7: {ID: 7, Title: "Assistant practitioner", Level: 4, Band: "4",
			Requirements: []Requirement{{FrameworkKey: "ksf", FrameworkVersion: "2099", NodeKey: "c2", LevelKey: "level-1"}}},
			8: {ID: 8, Title: "Nursing associate", Level: 4, Band: "4"}}
		all := maps.Clone(in.Roles)
		for id, ro := range extra {
			if _, ok := all[id]; !ok {
				all[id] = ro
			}
		}
		// Some people gain competences, as a scenario's retrain changes give them.
		var gained []Holding
		for range r.Intn(3) {
			if len(in.Staff) > 0 {
				gained = append(gained, Holding{PersonID: in.Staff[r.Intn(len(in.Staff))].PersonID, FrameworkKey: "ksf",
					NodeKey: []string{"c1", "c2"}[r.Intn(2)], LevelKey: []string{"level-1", "level-2", "level-3"}[r.Intn(3)]})
			}
		}
		future := in
		future.Posts, future.Roles = posts, all
		future.Holdings = slices.Concat(in.Holdings, gained)
		want := WorkOutProfile(usedRolesOnly(future))
		got := x.WithScenario(posts, extra, gained)
		if !reflect.DeepEqual(got, want) {
			t.Logf("seed %d:\n%+v\nwant\n%+v", seed, got, want)
			return false
		}
		// The index itself is unchanged by it.
		return reflect.DeepEqual(x.Profile(), WorkOutProfile(in))
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 300}); err != nil {
		t.Error(err)
	}
}

// Team positions are found whether the ids are close together (a slice) or far apart (a map).
func TestTeamPositions(t *testing.T) {
	for _, ids := range [][]int64{{7, 3, 5}, {7, 1 << 40, 5}, {-3, 9}, {}} {
		var teams []TeamRef
		for _, id := range ids {
			teams = append(teams, TeamRef{ID: id})
		}
		tp := newTeamPositions(teams)
		for i, id := range ids {
			if got, ok := tp.of(id); !ok || got != i {
				t.Errorf("%v: position of %d = %d, %v; want %d", ids, id, got, ok, i)
			}
		}
		for _, id := range []int64{0, 4, 6, 8, 1<<40 + 1, -4} {
			if _, ok := tp.of(id); ok {
				t.Errorf("%v: %d found, but it is not a team", ids, id)
			}
		}
	}
}
