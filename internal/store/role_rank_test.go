package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestSearchRolesTitleFirstWhenManyMatch: a search matching more than store.RoleCountCap roles
// is not ranked by score (too slow at 50,000 roles: docs/decisions/0016); it lists the roles
// whose title holds every word first, then the other matches, each by id, on both engines.
func TestSearchRolesTitleFirstWhenManyMatch(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		var roles []workforce.Role
		add := func(title string, level int, summary string) {
			roles = append(roles, workforce.Role{OrganisationID: w.a.ID, Title: title, Level: level, Summary: summary})
		}
		// Body matches first by id, so that id order alone would list them first.
		for i := range store.RoleCountCap + 10 {
			add(fmt.Sprintf("Support worker %04d", i), 2+i%3, "Helps the ward team with personal care and patients' meals.")
		}
		add("Care coordinator", 6, "Coordinates the care programme approach.")
		add("Dementia care lead", 7, "Leads dementia care on the wards.")
		add("Palliative care nurse", 6, "Gives end of life care.")
		add("Porter", 2, "Moves patients between wards.") // no "care" anywhere
		add("Care home liaison nurse", 6, "Works with care homes.")
		saved := must(db.CreateRoles(ctx, w.actor, roles))
		byTitle := map[string]int64{}
		for _, r := range saved {
			byTitle[r.Title] = r.ID
		}
		support := func(i int) string { return fmt.Sprintf("Support worker %04d", i) }
		titles := func(q store.RoleQuery) ([]string, store.RolePage) {
			t.Helper()
			q.OrganisationIDs = []int64{w.a.ID}
			page := must(db.SearchRoles(ctx, q))
			var out []string
			for _, r := range page.Roles {
				out = append(out, r.Title)
			}
			return out, page
		}
		for _, c := range []struct {
			name  string
			q     store.RoleQuery
			want  []string
			total int
			more  bool
		}{
			{"title matches first, then the others by id", store.RoleQuery{Text: "care", Limit: 6},
				[]string{"Care coordinator", "Dementia care lead", "Palliative care nurse", "Care home liaison nurse", support(0), support(1)},
				store.RoleCountCap, true},
			{"stemming: caring finds care", store.RoleQuery{Text: "caring", Limit: 2},
				[]string{"Care coordinator", "Dementia care lead"}, store.RoleCountCap, true},
			{"every word in the title", store.RoleQuery{Text: "care nurse", Limit: 3},
				[]string{"Palliative care nurse", "Care home liaison nurse"}, 2, false},
			{"an excluded word leaves both groups", store.RoleQuery{Text: "care -dementia -meals", Limit: 3},
				[]string{"Care coordinator", "Palliative care nurse", "Care home liaison nurse"}, 3, false},
			{"exclusions in a search with many matches", store.RoleQuery{Text: "care -dementia", Limit: 4},
				[]string{"Care coordinator", "Palliative care nurse", "Care home liaison nurse", support(0)}, store.RoleCountCap, true},
			{"a title word in the body only", store.RoleQuery{Text: "patients", Limit: 2},
				[]string{support(0), support(1)}, store.RoleCountCap, true},
			{"filters apply to both groups", store.RoleQuery{Text: "care", Levels: []int{2, 3, 4, 6}, Limit: 4},
				[]string{"Care coordinator", "Palliative care nurse", "Care home liaison nurse", support(0)}, store.RoleCountCap, true},
			{"OR: either alternative in the title", store.RoleQuery{Text: "coordinator OR palliative OR care", Limit: 5},
				[]string{"Care coordinator", "Dementia care lead", "Palliative care nurse", "Care home liaison nurse", support(0)},
				store.RoleCountCap, true},
			{"the exact total keeps the order", store.RoleQuery{Text: "care", Limit: 5, ExactTotal: true},
				[]string{"Care coordinator", "Dementia care lead", "Palliative care nurse", "Care home liaison nurse", support(0)},
				store.RoleCountCap + 14, false},
			{"a later page follows on", store.RoleQuery{Text: "care", Limit: 3, Offset: 3},
				[]string{"Care home liaison nurse", support(0), support(1)}, store.RoleCountCap, true},
		} {
			got, page := titles(c.q)
			if !slices.Equal(got, c.want) || page.Total != c.total || page.More != c.more {
				t.Errorf("%s: got %q (total %d, more %v), want %q (total %d, more %v)", c.name, got, page.Total, page.More,
					c.want, c.total, c.more)
			}
		}
		// Every match once over the pages, in one order, with a page size that does not divide
		// the groups.
		var all []int64
		for offset := 0; ; offset += 7 {
			page := must(db.SearchRoles(ctx, store.RoleQuery{Text: "care", OrganisationIDs: []int64{w.a.ID}, Limit: 7, Offset: offset}))
			if len(page.Roles) == 0 {
				break
			}
			for _, r := range page.Roles {
				all = append(all, r.ID)
			}
		}
		if len(all) != store.RoleCountCap+14 {
			t.Fatalf("%d roles over the pages, want %d", len(all), store.RoleCountCap+14)
		}
		if !slices.IsSorted(all[4:]) || slices.Contains(all, byTitle["Porter"]) {
			t.Fatalf("pages out of order or with a role that does not match: %v", all[:10])
		}
		sorted := slices.Clone(all)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(all) {
			t.Fatal("pages overlap")
		}
	})
}

// TestRolesByLevelFollowsEveryChange: the ladder reads a summary the engines' triggers keep
// (migration 00019); after creations, bulk loads, moves between levels and staff groups, status
// changes and copies it still equals the roles counted one by one.
func TestRolesByLevelFollowsEveryChange(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		scope := []int64{w.a.ID, w.aService.ID, w.b.ID}
		counted := func() []store.LevelCount {
			t.Helper()
			n := map[store.LevelCount]int{}
			page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: scope, Limit: store.MaxRolePage}))
			for _, r := range page.Roles {
				n[store.LevelCount{Level: r.Level, StaffGroup: r.StaffGroup}]++
			}
			var out []store.LevelCount
			for c, k := range n {
				c.Count = k
				out = append(out, c)
			}
			return out
		}
		check := func(step string) {
			t.Helper()
			got := must(db.RolesByLevel(ctx, scope))
			want := counted()
			key := func(c store.LevelCount) string { return fmt.Sprintf("%d/%s/%d", c.Level, c.StaffGroup, c.Count) }
			g, wk := make([]string, len(got)), make([]string, len(want))
			for i, c := range got {
				g[i] = key(c)
			}
			for i, c := range want {
				wk[i] = key(c)
			}
			slices.Sort(g)
			slices.Sort(wk)
			if !slices.Equal(g, wk) {
				t.Fatalf("after %s: the ladder counts %q, the roles %q", step, g, wk)
			}
		}
		groups := []string{"Allied Health Professionals", "Administrative and Clerical", ""}
		var bulk []workforce.Role
		for i := range 60 {
			bulk = append(bulk, workforce.Role{OrganisationID: []int64{w.a.ID, w.aService.ID, w.b.ID}[i%3],
				Title: fmt.Sprintf("Role %02d", i), Level: i % 10, StaffGroup: groups[i%len(groups)]})
		}
		saved := must(db.CreateRoles(ctx, w.actor, bulk))
		check("a bulk load")
		one := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: w.a.ID, Title: "Ward clerk", Level: 3,
			StaffGroup: "Administrative and Clerical", Status: workforce.StatusPublished, Shared: true}))
		check("a new role")
		for i, r := range saved[:12] {
			r.Level, r.StaffGroup = (r.Level+4)%10, groups[(i+1)%len(groups)]
			must(db.UpdateRole(ctx, w.actor, r))
		}
		r := saved[20]
		r.Summary = "A change that moves nothing on the ladder."
		must(db.UpdateRole(ctx, w.actor, r))
		check("moves between levels and staff groups")
		must(db.SetRoleStatus(ctx, w.actor, saved[30].ID, saved[30].Version, workforce.StatusRetired))
		must(db.SetRoleStatus(ctx, w.actor, one.ID, one.Version, workforce.StatusRetired))
		check("retirements")
		must(db.SetRoleStatus(ctx, w.actor, one.ID, one.Version+1, workforce.StatusDraft))
		check("a retired role brought back")
		must(db.CopyRole(ctx, w.actor, saved[1].ID, w.a.ID))
		check("a copy")
	})
}

// TestSearchEveryOrganisation: a viewer who may see every organisation searches without a list of
// them (RoleQuery.AllOrganisations, RolesByLevelEverywhere), and gets what the list would give.
func TestSearchEveryOrganisation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		for i, org := range []int64{w.a.ID, w.aService.ID, w.b.ID, w.c.ID, w.c.ID} {
			must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: org, Title: fmt.Sprintf("Nurse %d", i), Level: 5 + i%2,
				StaffGroup: "Nursing and Midwifery Registered"}))
		}
		all := []int64{w.a.ID, w.aService.ID, w.b.ID, w.c.ID}
		for _, q := range []store.RoleQuery{{Text: "nurse"}, {}, {Levels: []int{6}}, {Text: "nurse", IncludeShared: true}} {
			listed := q
			listed.OrganisationIDs = all
			everywhere := q
			everywhere.AllOrganisations = true
			want, got := must(db.SearchRoles(ctx, listed)), must(db.SearchRoles(ctx, everywhere))
			if len(got.Roles) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("%+v: every organisation gives %d roles, the list of them %d", q, len(got.Roles), len(want.Roles))
			}
		}
		if got, want := must(db.RolesByLevelEverywhere(ctx)), must(db.RolesByLevel(ctx, all)); len(got) != 2 || !reflect.DeepEqual(got, want) {
			t.Errorf("RolesByLevelEverywhere = %+v, RolesByLevel of every organisation %+v", got, want)
		}
		if page := must(db.SearchRoles(ctx, store.RoleQuery{Text: "nurse", OrganisationIDs: []int64{w.c.ID}})); page.Total != 2 {
			t.Errorf("a list still scopes the search: %d roles", page.Total)
		}
	})
}
