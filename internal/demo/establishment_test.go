package demo_test

import (
	"context"
	"testing"

	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

// The demo establishment: one post per demo person plus six vacancies, the Acute Medical Unit
// short of nurses, on-costs set, and nothing added by a second load.
func TestDemoEstablishment(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			defer catch(t)
			ctx := context.Background()
			db := storetest.Open(t, engine)
			loadBuiltins(t, db)
			first := must(demo.Load(ctx, db))
			const vacancies = 6
			const northgateVacancies = 3
			if want := len(demo.People) + vacancies + len(demo.NorthgatePeople) + northgateVacancies; first.PostsCreated != want {
				t.Fatalf("posts created %d, want %d", first.PostsCreated, want)
			}
			if again := must(demo.Load(ctx, db)); again.PostsCreated != 0 {
				t.Errorf("a second load added %d posts", again.PostsCreated)
			}
			org := must(db.OrganisationByName(ctx, trust))
			in := must(db.Establishment(ctx, org.ID))
			if in.OnCost != demo.DemoOnCost {
				t.Errorf("on-cost %s", in.OnCost)
			}
			in.Pay = workforce.CurrentPayTable(db.Today())
			in.Lookup = db.AnyFrameworks(ctx)
			p := workforce.WorkOutProfile(in)
			if p.Posts != len(demo.People)+vacancies || p.VacantPosts != vacancies || p.Headcount != len(demo.People) || p.Uncosted != 0 {
				t.Errorf("trust figures %+v", p.Figures)
			}
			// Two part-timers hold full-time posts: 0.40 + 0.20 more vacant FTE than the vacancies.
			if p.VacantFTE != vacancies*100+40+20 {
				t.Errorf("vacant FTE %s", p.VacantFTE)
			}
			var amu workforce.Group
			for _, g := range p.ByTeam {
				if g.Label == "Acute Medical Unit" {
					amu = g
				}
			}
			if amu.VacantPosts != 3 || amu.VacancyRate() < 20 {
				t.Errorf("Acute Medical Unit %+v (vacancy rate %d%%)", amu.Figures, amu.VacancyRate())
			}
			short := 0
			for _, c := range p.Coverage.Totals {
				short += c.Shortfall
			}
			if len(p.Coverage.Competences) == 0 || short == 0 {
				t.Errorf("coverage should show shortfalls: %d competences, shortfall %d", len(p.Coverage.Competences), short)
			}
			// The community trust, for the partnership's figures: its own staff, three vacancies.
			ng := must(db.Establishment(ctx, must(db.OrganisationByName(ctx, "Northgate Community Health NHS Trust")).ID))
			ng.Pay, ng.Lookup = workforce.CurrentPayTable(db.Today()), db.AnyFrameworks(ctx)
			if np := workforce.WorkOutProfile(ng); np.Headcount != len(demo.NorthgatePeople) || np.VacantPosts != northgateVacancies || np.Uncosted != 0 {
				t.Errorf("community trust figures %+v", np.Figures)
			}
			t.Logf("demo trust: %d posts, %s funded, %s vacant (%d%%), cost %s, shortfall %d", p.Posts, p.FundedFTE, p.VacantFTE, p.VacancyRate(), p.Cost.Pounds(), short)
		})
	}
}
