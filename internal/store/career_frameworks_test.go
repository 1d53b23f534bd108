package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// careerRoles adds the roles of the career framework tests: a ladder in Trust A (one in its
// service), a role Trust B (a partner) shares and one it keeps, and a shared role of Trust C (not
// a partner).
func careerRoles(t *testing.T, db *store.DB, w roleWorld) map[string]workforce.Role {
	t.Helper()
	ctx := context.Background()
	out := map[string]workforce.Role{}
	add := func(key string, org int64, title string, level int, status string, shared bool) {
		r := must(db.CreateRole(ctx, w.actor, workforce.Role{OrganisationID: org, Title: title, Level: level, StaffGroup: "Nursing and Midwifery Registered"}))
		if status != workforce.StatusDraft || shared {
			r = must(db.UpdateRole(ctx, w.actor, func() workforce.Role { r.Status, r.Shared = status, shared; return r }()))
		}
		out[key] = r
	}
	add("hca", w.a.ID, "Healthcare assistant", 2, workforce.StatusPublished, false)
	add("shca", w.a.ID, "Senior healthcare assistant", 3, workforce.StatusPublished, false)
	add("ap", w.aService.ID, "Assistant practitioner", 4, workforce.StatusDraft, false)
	add("rn", w.a.ID, "Registered nurse", 5, workforce.StatusPublished, false)
	add("crp", w.a.ID, "Clinical research practitioner", 5, workforce.StatusPublished, false)
	add("bShared", w.b.ID, "Nursing associate", 4, workforce.StatusPublished, true)
	add("bOwn", w.b.ID, "Ward clerk", 2, workforce.StatusPublished, false)
	add("cShared", w.c.ID, "Trainee nursing associate", 3, workforce.StatusPublished, true)
	add("unplaced", w.a.ID, "Volunteer", 0, workforce.StatusDraft, false)
	return out
}

func nursingFramework(orgID int64, r map[string]workforce.Role) career.Framework {
	return career.Framework{
		OrganisationID: orgID, Title: "Nursing career framework", StaffGroup: "Nursing and midwifery",
		Description: "From healthcare assistant to registered nurse.",
		Families:    []career.Family{{Name: "Nursing"}, {Name: "Research delivery"}},
		Placements: []career.Placement{{RoleID: r["hca"].ID, FamilyKey: "nursing"}, {RoleID: r["shca"].ID, FamilyKey: "nursing"},
			{RoleID: r["ap"].ID, FamilyKey: "nursing"}, {RoleID: r["rn"].ID, FamilyKey: "nursing"},
			{RoleID: r["crp"].ID, FamilyKey: "research-delivery"}},
		Routes: []career.Route{
			{FromRoleID: r["hca"].ID, ToRoleID: r["shca"].ID, Kind: career.KindUp},
			{FromRoleID: r["shca"].ID, ToRoleID: r["ap"].ID, Kind: career.KindUp},
			{FromRoleID: r["ap"].ID, ToRoleID: r["rn"].ID, Kind: career.KindUp, RegistrationRequired: true, Qualification: "Nursing degree", Note: "Apprenticeship route"},
			{FromRoleID: r["rn"].ID, ToRoleID: r["crp"].ID, Kind: career.KindAcross},
		},
	}
}

func TestCareerFrameworkCreateReadUpdate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		r := careerRoles(t, db, w)
		f := must(db.CreateCareerFramework(ctx, w.actor, nursingFramework(w.a.ID, r)))
		if f.ID == 0 || f.Version != 1 || f.Status != career.StatusDraft {
			t.Fatalf("created %+v", f)
		}
		got := must(db.CareerFramework(ctx, f.ID))
		want := nursingFramework(w.a.ID, r)
		if got.Title != want.Title || len(got.Families) != 2 || got.Families[1].Key != "research-delivery" ||
			len(got.Placements) != 5 || len(got.Routes) != 4 || got.Routes[2] != want.Routes[2] {
			t.Fatalf("read back %+v", got)
		}

		// A route across from the partner's shared role is accepted once it is placed.
		edit := got
		edit.Placements = append(edit.Placements, career.Placement{RoleID: r["bShared"].ID, FamilyKey: "nursing"})
		edit.Routes = append(edit.Routes, career.Route{FromRoleID: r["bShared"].ID, ToRoleID: r["ap"].ID, Kind: career.KindAcross, Note: "partner's associates"})
		saved := must(db.UpdateCareerFramework(ctx, w.actor, edit))
		if saved.Version != 2 || len(saved.Routes) != 5 {
			t.Fatalf("after update %+v", saved)
		}

		// A save based on version 1 is refused and changes nothing.
		stale := got
		stale.Title = "Stale"
		_, err := db.UpdateCareerFramework(ctx, w.actor, stale)
		wantErr(t, err, store.ErrConflict)
		if now := must(db.CareerFramework(ctx, f.ID)); now.Title != want.Title || now.Version != 2 {
			t.Fatalf("a stale save changed the framework: %+v", now)
		}

		// Saving the same again changes nothing and keeps the version.
		if same := must(db.UpdateCareerFramework(ctx, w.actor, saved)); same.Version != 2 {
			t.Errorf("an unchanged save raised the version to %d", same.Version)
		}

		// The audit log says who changed what.
		entries := must(db.AuditLog(ctx, store.AuditFilter{Entity: store.EntityCareerFramework, Limit: 10}))
		if len(entries) != 2 || entries[0].UserID != w.actor.UserID || !strings.Contains(entries[0].Summary, `added route across Nursing associate → Assistant practitioner`) ||
			!strings.Contains(strings.Join(entries[0].Fields, ","), "routes") {
			t.Fatalf("audit = %+v", entries)
		}

		// A framework stays in its organisation.
		move := saved
		move.OrganisationID = w.b.ID
		_, err = db.UpdateCareerFramework(ctx, w.actor, move)
		wantErr(t, err, store.ErrInvalid)

		// Deleting a role takes its placement and routes.
		_, err = db.UpdateCareerFramework(ctx, w.actor, func() career.Framework { x := saved.WithoutRole(r["bShared"].ID); return x }())
		ok(t, err)
		if now := must(db.CareerFramework(ctx, f.ID)); len(now.Placements) != 5 || len(now.Routes) != 4 || now.Version != 3 {
			t.Fatalf("after removing a role: %+v", now)
		}
	})
}

func TestCareerFrameworkRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		r := careerRoles(t, db, w)
		base := nursingFramework(w.a.ID, r)
		tests := []struct {
			name   string
			change func(f *career.Framework)
			want   string
		}{
			{"partner's role not shared", func(f *career.Framework) {
				f.Placements = append(f.Placements, career.Placement{RoleID: r["bOwn"].ID, FamilyKey: "nursing"})
			}, "cannot use"},
			{"shared role of an organisation that is not a partner", func(f *career.Framework) {
				f.Placements = append(f.Placements, career.Placement{RoleID: r["cShared"].ID, FamilyKey: "nursing"})
			}, "cannot use"},
			{"role without a level", func(f *career.Framework) {
				f.Placements = append(f.Placements, career.Placement{RoleID: r["unplaced"].ID, FamilyKey: "nursing"})
			}, "no Career Framework level"},
			{"route up to the same level", func(f *career.Framework) {
				f.Routes = append(f.Routes, career.Route{FromRoleID: r["crp"].ID, ToRoleID: r["rn"].ID, Kind: career.KindUp})
			}, "higher level"},
			{"route to a role not placed", func(f *career.Framework) {
				f.Routes = append(f.Routes, career.Route{FromRoleID: r["rn"].ID, ToRoleID: r["bShared"].ID, Kind: career.KindUp})
			}, "not in the framework"},
		}
		for _, tt := range tests {
			f := base
			f.Placements = append([]career.Placement(nil), base.Placements...)
			f.Routes = append([]career.Route(nil), base.Routes...)
			tt.change(&f)
			_, err := db.CreateCareerFramework(ctx, w.actor, f)
			var invalid *store.InvalidCareerFrameworkError
			if !errors.As(err, &invalid) || !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: err = %v, want invalid with %q", tt.name, err, tt.want)
			}
		}
		if fs := must(db.CareerFrameworks(ctx, store.CareerFrameworkQuery{OrganisationIDs: []int64{w.a.ID, w.aService.ID, w.b.ID, w.c.ID}})); len(fs) != 0 {
			t.Errorf("refused frameworks were saved: %+v", fs)
		}
		// A framework of the service may not use the trust's roles above it.
		svc := career.Framework{OrganisationID: w.aService.ID, Title: "Therapies", Families: []career.Family{{Name: "Nursing"}},
			Placements: []career.Placement{{RoleID: r["hca"].ID, FamilyKey: "nursing"}}}
		_, err := db.CreateCareerFramework(ctx, w.actor, svc)
		wantErr(t, err, store.ErrInvalid)
		_, err = db.CreateCareerFramework(ctx, w.actor, career.Framework{OrganisationID: 9999, Title: "x", Families: []career.Family{{Name: "x"}}})
		wantErr(t, err, store.ErrInvalid)
	})
}

func TestCareerFrameworkScope(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		r := careerRoles(t, db, w)
		f := must(db.CreateCareerFramework(ctx, w.actor, nursingFramework(w.a.ID, r)))
		names := func(q store.CareerFrameworkQuery) []int64 {
			var ids []int64
			for _, s := range must(db.CareerFrameworks(ctx, q)) {
				ids = append(ids, s.ID)
				if s.Roles != 5 || s.Routes != 4 || s.Families != 2 {
					t.Errorf("summary counts %+v", s)
				}
			}
			return ids
		}
		if got := names(store.CareerFrameworkQuery{OrganisationIDs: []int64{w.a.ID}}); len(got) != 1 || got[0] != f.ID {
			t.Errorf("Trust A's list = %v", got)
		}
		// Trust B is a partner, but the framework is not shared and published yet.
		if got := names(store.CareerFrameworkQuery{OrganisationIDs: []int64{w.b.ID}, IncludeShared: true}); len(got) != 0 {
			t.Errorf("a partner sees an unshared framework: %v", got)
		}
		f.Status, f.Shared = career.StatusPublished, true
		must(db.UpdateCareerFramework(ctx, w.actor, f))
		if got := names(store.CareerFrameworkQuery{OrganisationIDs: []int64{w.b.ID}, IncludeShared: true}); len(got) != 1 {
			t.Errorf("a partner does not see the shared framework: %v", got)
		}
		if got := names(store.CareerFrameworkQuery{OrganisationIDs: []int64{w.b.ID}}); len(got) != 0 {
			t.Errorf("without IncludeShared a partner sees %v", got)
		}
		if got := names(store.CareerFrameworkQuery{OrganisationIDs: []int64{w.c.ID}, IncludeShared: true}); len(got) != 0 {
			t.Errorf("an organisation outside the partnership sees %v", got)
		}
		_, err := db.CareerFrameworks(ctx, store.CareerFrameworkQuery{})
		wantErr(t, err, store.ErrInvalid)

		// The roles Trust A's frameworks may place: its own with a level (service included) and
		// B's shared one; not B's own, not C's, not the unplaced one.
		var titles []string
		for _, c := range must(db.CareerFrameworkCandidates(ctx, w.a.ID)) {
			titles = append(titles, c.Title)
		}
		want := "Healthcare assistant,Senior healthcare assistant,Assistant practitioner,Nursing associate,Clinical research practitioner,Registered nurse"
		if strings.Join(titles, ",") != want {
			t.Errorf("candidates = %v\nwant %v", titles, want)
		}
		roles := must(db.CareerFrameworkRoles(ctx, []int64{r["hca"].ID, r["rn"].ID, 424242}))
		if len(roles) != 2 || roles[r["rn"].ID].Level != 5 {
			t.Errorf("CareerFrameworkRoles = %+v", roles)
		}
	})
}
