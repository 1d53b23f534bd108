package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

// tree is a small organisation tree used by several tests:
//
//	North Trust (organisation)
//	├── Research (service)
//	│   ├── Trials (team)
//	│   └── Data (team)
//	└── Estates (team)
//	South Trust (organisation)
//	└── Research (service)
type tree struct {
	north, research, trials, data, estates, south, southResearch store.Organisation
}

func makeTree(t *testing.T, db *store.DB) tree {
	t.Helper()
	ctx := context.Background()
	create := func(name, kind string, parent store.Organisation) store.Organisation {
		t.Helper()
		return must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, Kind: kind, ParentID: parent.ID}))
	}
	var tr tree
	tr.north = create("North Trust", store.KindOrganisation, store.Organisation{})
	tr.research = create("Research", store.KindService, tr.north)
	tr.trials = create("Trials", store.KindTeam, tr.research)
	tr.data = create("Data", store.KindTeam, tr.research)
	tr.estates = create("Estates", store.KindTeam, tr.north)
	tr.south = create("South Trust", store.KindOrganisation, store.Organisation{})
	tr.southResearch = create("Research", store.KindService, tr.south)
	return tr
}

func names(orgs []store.Organisation) []string {
	var out []string
	for _, o := range orgs {
		out = append(out, o.Name)
	}
	return out
}

func TestOrganisationTree(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := makeTree(t, db)

		got := must(db.Organisation(ctx, tr.trials.ID))
		if got != tr.trials || got.ParentID != tr.research.ID || got.Version != 1 || got.CreatedAt.IsZero() {
			t.Fatalf("Organisation = %+v, want %+v", got, tr.trials)
		}
		all := must(db.Organisations(ctx))
		if want := []string{"Data", "Estates", "North Trust", "Research", "Research", "South Trust", "Trials"}; !slices.Equal(names(all), want) {
			t.Fatalf("Organisations = %v, want %v", names(all), want)
		}
		if o := must(db.OrganisationByName(ctx, "Trials")); o.ID != tr.trials.ID {
			t.Fatalf("OrganisationByName(Trials) = %+v", o)
		}
		_, err := db.OrganisationByName(ctx, "Research")
		wantErr(t, err, store.ErrAmbiguous)
		_, err = db.OrganisationByName(ctx, "Nowhere")
		wantErr(t, err, store.ErrNotFound)
		_, err = db.Organisation(ctx, 999999)
		wantErr(t, err, store.ErrNotFound)

		anc := must(db.OrganisationAncestors(ctx, tr.trials.ID))
		if want := []string{"Research", "North Trust"}; !slices.Equal(names(anc), want) {
			t.Fatalf("OrganisationAncestors(Trials) = %v, want %v", names(anc), want)
		}

		// A user in the Research service sees it and its teams, not the organisation above, a
		// sibling team or the other trust (which has a service of the same name).
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "planner@example.org", Name: "P"}))
		if err := db.SetMembership(ctx, store.System, u.ID, tr.research.ID, store.AccessPlanner); err != nil {
			t.Fatal(err)
		}
		vis := must(db.VisibleOrganisations(ctx, u.ID))
		var ids []int64
		for _, o := range vis {
			ids = append(ids, o.ID)
		}
		if want := []int64{tr.data.ID, tr.research.ID, tr.trials.ID}; !slices.Equal(ids, want) {
			t.Fatalf("VisibleOrganisations = %v %v, want ids %v", names(vis), ids, want)
		}
		// A user with no membership sees nothing.
		nobody := must(db.CreateUser(ctx, store.System, store.User{Email: "nobody@example.org"}))
		if vis := must(db.VisibleOrganisations(ctx, nobody.ID)); len(vis) != 0 {
			t.Fatalf("VisibleOrganisations(no membership) = %v", names(vis))
		}
	})
}

func TestOrganisationKindRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := makeTree(t, db)
		for _, c := range []struct {
			name, kind string
			parent     int64
		}{
			{"top service", store.KindService, 0},
			{"top team", store.KindTeam, 0},
			{"nested organisation", store.KindOrganisation, tr.north.ID},
			{"service in service", store.KindService, tr.research.ID},
			{"team in team", store.KindTeam, tr.trials.ID},
			{"unknown kind", "department", tr.north.ID},
			{"", store.KindOrganisation, 0},
			{"missing parent", store.KindTeam, 999999},
		} {
			_, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: c.name, Kind: c.kind, ParentID: c.parent})
			if !errorsIs(err, store.ErrInvalid) {
				t.Errorf("create %q (%s under %d): got %v, want ErrInvalid", c.name, c.kind, c.parent, err)
			}
		}
		// Sibling names are unique.
		_, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trials", Kind: store.KindTeam, ParentID: tr.research.ID})
		wantErr(t, err, store.ErrConflict)
		_, err = db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "North Trust", Kind: store.KindOrganisation})
		wantErr(t, err, store.ErrConflict)

		// Moves must keep the rules: not under its own team, not a service with teams turned
		// into a team.
		moved := tr.research
		moved.ParentID = tr.trials.ID
		_, err = db.UpdateOrganisation(ctx, store.System, moved)
		wantErr(t, err, store.ErrInvalid)
		rekinded := tr.research
		rekinded.Kind = store.KindTeam
		_, err = db.UpdateOrganisation(ctx, store.System, rekinded)
		wantErr(t, err, store.ErrInvalid)
		// A legal move: the Data team goes directly under the trust.
		data := tr.data
		data.ParentID = tr.north.ID
		data = must(db.UpdateOrganisation(ctx, store.System, data))
		if got := must(db.Organisation(ctx, data.ID)); got.ParentID != tr.north.ID || got.Version != 2 {
			t.Fatalf("after move: %+v", got)
		}
	})
}

func TestUpdateOrganisationVersionConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := store.Actor{UserID: 0, Address: "192.0.2.1"}
		org := must(db.CreateOrganisation(ctx, a, store.Organisation{Name: "North Trust", Kind: store.KindOrganisation}))

		first := org
		first.Name = "North Trust NHS FT"
		updated := must(db.UpdateOrganisation(ctx, a, first))
		if updated.Version != 2 || updated.Name != "North Trust NHS FT" || !updated.CreatedAt.Equal(org.CreatedAt) {
			t.Fatalf("UpdateOrganisation = %+v", updated)
		}
		before := must(db.AuditLog(ctx, store.AuditFilter{}))
		lastChange := must(db.LastChange(ctx))

		stale := org // still version 1
		stale.Name = "Someone else's name"
		_, err := db.UpdateOrganisation(ctx, a, stale)
		wantErr(t, err, store.ErrConflict)

		if got := must(db.Organisation(ctx, org.ID)); got != updated {
			t.Fatalf("after a stale update: %+v, want %+v", got, updated)
		}
		if after := must(db.AuditLog(ctx, store.AuditFilter{})); len(after) != len(before) {
			t.Fatalf("a stale update wrote %d audit entries", len(after)-len(before))
		}
		if got := must(db.LastChange(ctx)); got != lastChange {
			t.Fatalf("a stale update moved the change sequence from %d to %d", lastChange, got)
		}

		missing := updated
		missing.ID = 999999
		_, err = db.UpdateOrganisation(ctx, a, missing)
		wantErr(t, err, store.ErrNotFound)

		// The audit entry of the update names the field and, organisation names not being
		// personal data, shows before and after.
		e := before[0]
		if e.Entity != "organisation" || e.Action != store.ActionUpdate || !slices.Equal(e.Fields, []string{"name"}) ||
			e.Address != "192.0.2.1" || e.OrganisationID != org.ID ||
			e.Summary != `name: "North Trust" → "North Trust NHS FT"` {
			t.Fatalf("audit entry = %+v", e)
		}
	})
}

func TestFailedOperationWritesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Orphan", Kind: store.KindTeam, ParentID: 424242})
		wantErr(t, err, store.ErrInvalid)
		if orgs := must(db.Organisations(ctx)); len(orgs) != 0 {
			t.Fatalf("organisations after a failed create: %v", names(orgs))
		}
		if log := must(db.AuditLog(ctx, store.AuditFilter{})); len(log) != 0 {
			t.Fatalf("audit entries after a failed create: %+v", log)
		}
		if last := must(db.LastChange(ctx)); last != 0 {
			t.Fatalf("LastChange after a failed create = %d", last)
		}

		// A partnership naming a missing organisation is rolled back whole: the partnership row
		// was inserted before the member check failed.
		_, err = db.CreatePartnership(ctx, store.System, store.Partnership{Name: "ICS"}, []int64{424242})
		wantErr(t, err, store.ErrInvalid)
		if ps := must(db.Partnerships(ctx)); len(ps) != 0 {
			t.Fatalf("partnerships after a failed create: %+v", ps)
		}
		if log := must(db.AuditLog(ctx, store.AuditFilter{})); len(log) != 0 {
			t.Fatalf("audit entries after a failed create: %+v", log)
		}
	})
}

func TestPartnerships(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tr := makeTree(t, db)
		p := must(db.CreatePartnership(ctx, store.System,
			store.Partnership{Name: "North and South ICS", Description: "Integrated care system"},
			[]int64{tr.south.ID, tr.north.ID, tr.north.ID}))
		if p.ID == 0 || p.Version != 1 {
			t.Fatalf("CreatePartnership = %+v", p)
		}
		if got := must(db.Partnership(ctx, p.ID)); got != p {
			t.Fatalf("Partnership = %+v, want %+v", got, p)
		}
		if got := must(db.Partnerships(ctx)); len(got) != 1 || got[0] != p {
			t.Fatalf("Partnerships = %+v", got)
		}
		if got := names(must(db.PartnershipMembers(ctx, p.ID))); !slices.Equal(got, []string{"North Trust", "South Trust"}) {
			t.Fatalf("PartnershipMembers = %v", got)
		}
		if got := must(db.OrganisationPartnerships(ctx, tr.south.ID)); len(got) != 1 || got[0].ID != p.ID {
			t.Fatalf("OrganisationPartnerships = %+v", got)
		}
		// A partnership is not a parent: it adds nothing to the tree.
		if got := must(db.OrganisationAncestors(ctx, tr.north.ID)); len(got) != 0 {
			t.Fatalf("ancestors of a partner = %v", names(got))
		}
		_, err := db.CreatePartnership(ctx, store.System, store.Partnership{Name: "North and South ICS"}, nil)
		wantErr(t, err, store.ErrConflict)
	})
}
