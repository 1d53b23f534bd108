package demo_test

import (
	"context"
	"slices"
	"testing"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// TestDemoCareerOptions: the healthcare assistant's career options tell the demo's story:
// assistant practitioner (acute medicine) is among her best options up the ladder, with its
// gaps, and a pathway leads to a registered nurse's role (staff nurse) through the career
// framework's routes.
func TestDemoCareerOptions(t *testing.T) {
	defer catch(t)
	ctx := context.Background()
	db := storetest.Open(t, store.EngineSQLite)
	loadBuiltins(t, db)
	must(demo.Load(ctx, db))
	casey := must(db.PersonForUser(ctx, must(db.UserByEmail(ctx, "hca@riverside.example")).ID))
	x := must(db.Careers().Index(ctx))
	today := career.Today(db.Today())
	trust := must(db.OrganisationByName(ctx, "Riverside University Hospitals NHS Foundation Trust"))
	scope := must(db.CareerRoleScope(ctx, []int64{trust.ID}))
	st, ok := x.PersonStart(casey.ID, today)
	if !ok || st.Level != 2 {
		t.Fatalf("Casey's start: %+v %v", st, ok)
	}
	opts := x.Options(st, today, scope, career.OptionFilter{})
	entries := must(db.Portfolio(ctx, casey.ID))
	lookup := db.AnyFrameworks(ctx)
	var nurse int64
	apRank := 0
	for i, o := range opts {
		role := must(db.Role(ctx, o.Role.ID))
		g := workforce.Analyse(role.Requirements, entries, lookup, db.Today())
		if g.Readiness != o.Transferability {
			t.Errorf("%s: the index says %d%%, the gap analysis %d%%", o.Role.Title, o.Transferability, g.Readiness)
		}
		switch o.Role.Title {
		case "Staff nurse":
			nurse = o.Role.ID
		case "Assistant practitioner (acute medicine)":
			apRank = i + 1
			if o.Counts.Partly == 0 || o.Counts.Missing == 0 || o.Transferability < 40 || o.Transferability > 80 {
				t.Errorf("assistant practitioner: %d%% %+v, want part of the way with gaps", o.Transferability, o.Counts)
			}
		}
	}
	if apRank == 0 || apRank > 20 {
		t.Errorf("assistant practitioner is option %d, want it on the first page (1 to 20)", apRank)
	}
	if nurse == 0 {
		t.Fatal("staff nurse (a registered nurse's role) is not among Casey's options")
	}
	p, err := x.Pathway(st, nurse, today, scope)
	if err != nil {
		t.Fatalf("pathway to staff nurse: %v", err)
	}
	var titles []string
	for _, s := range p.Steps {
		titles = append(titles, s.Role.Title)
		if s.Route == nil || s.Gap <= 0 {
			t.Errorf("step to %s: gap %d, route %v: want a framework route with something still to learn", s.Role.Title, s.Gap, s.Route)
		}
	}
	want := []string{"Senior healthcare support worker", "Assistant practitioner (acute medicine)", "Staff nurse"}
	if !slices.Equal(titles, want) {
		t.Errorf("pathway %v, want %v", titles, want)
	}
}
