package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// TestLoadGenerated loads the small generated scale twice with the same seed on each engine:
// the IWF profiles of roles and people are valid (shares add up to 100, every element at least
// the minimum, a level each), the past self-assessments are agreed and signed off by both sides
// and the current one is open, every cycle has evidence and actions, every partnership has a plan
// under way; and the second database holds the same records as the first.
func TestLoadGenerated(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			defer catch(t)
			var prints [][]string
			for range 2 {
				db := storetest.Open(t, engine)
				loadBuiltins(t, db)
				res := must(demo.LoadGenerated(context.Background(), db, generate.Options{Seed: 7, Scale: generate.Small}, nil))
				if res.RoleProfiles == 0 || res.OwnProfiles == 0 || res.Cycles != 3*generate.Small.Organisations ||
					res.AssessmentActions == 0 || res.Plans != 1 || res.PlanActions == 0 {
					t.Fatalf("loaded %+v: want role and own profiles, three cycles an organisation and a plan", res)
				}
				prints = append(prints, checkGenerated(t, db, res))
			}
			if !slices.Equal(prints[0], prints[1]) {
				t.Errorf("the same seed gave different profiles, assessments or plans")
			}
		})
	}
}

// checkGenerated checks what LoadGenerated wrote besides roles and people, and returns it as
// lines to compare.
func checkGenerated(t *testing.T, db *store.DB, res demo.GeneratedResult) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	iwf, _ := must2(db.FrameworkVersion(ctx, "iwf", "2.1"))
	valid := func(what string, p profile.Profile) {
		if problems := profile.Validate(p, iwf); len(problems) > 0 || p.Total() != 100 {
			t.Errorf("%s: %v (total %d)", what, problems, p.Total())
		}
		for _, e := range p.Entries {
			out = append(out, fmt.Sprintf("%s %s %d %s", what, e.Node, e.Share, e.Level))
		}
	}
	orgs := must(db.Organisations(ctx))
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	page := must(db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: ids, Status: store.RoleStatusAny, Limit: store.MaxRolePage}))
	roleProfiles := 0
	for _, r := range page.Roles {
		for _, p := range must(db.RoleProfiles(ctx, r.ID)) {
			roleProfiles++
			valid(r.Title, p.Profile)
		}
	}
	if roleProfiles != res.RoleProfiles {
		t.Errorf("%d role profiles stored, %d reported", roleProfiles, res.RoleProfiles)
	}
	own := 0
	for _, u := range must(db.Users(ctx)) {
		for _, p := range must(db.UserProfiles(ctx, u.ID)) {
			own++
			person := must(db.PersonForUser(ctx, u.ID))
			valid(person.StaffNumber, p.Profile)
		}
	}
	if own != res.OwnProfiles {
		t.Errorf("%d own profiles stored, %d reported", own, res.OwnProfiles)
	}

	iwl, _ := must2(db.FrameworkVersion(ctx, "iwl", "2009"))
	standards := assess.FlatStandards(iwl)
	cycles := must(db.CyclesIn(ctx, ids))
	if len(cycles) != res.Cycles {
		t.Fatalf("%d cycles stored, %d reported", len(cycles), res.Cycles)
	}
	open, disagreed := 0, 0
	for _, c := range cycles {
		ratings := must(db.Ratings(ctx, c.ID))
		if len(ratings) != len(standards) {
			t.Errorf("cycle %s has %d ratings, want %d", c.Name, len(ratings), len(standards))
		}
		if c.SignedOff() {
			if b := assess.Blockers(standards, ratings); len(b) > 0 {
				t.Errorf("signed-off cycle %s has %d standards not agreed", c.Name, len(b))
			}
		} else {
			open++
			disagreed += len(assess.Blockers(standards, ratings))
		}
		if len(must(db.EvidenceOf(ctx, c.ID))) == 0 || len(must(db.Actions(ctx, c.ID))) == 0 {
			t.Errorf("cycle %s has no evidence or no actions", c.Name)
		}
		for _, s := range standards {
			r := ratings[s.Key]
			out = append(out, fmt.Sprintf("cycle %s %t %s %s %s", c.Name, c.SignedOff(), s.Key, r.Management, r.Staff))
		}
		for _, a := range must(db.Actions(ctx, c.ID)) {
			out = append(out, fmt.Sprintf("action %s %s %s %s", c.Name, a.Description, a.Status, a.Due.Format("2006-01-02")))
		}
	}
	if open != generate.Small.Organisations || disagreed == 0 {
		t.Errorf("%d open cycles with %d standards not agreed: want one open cycle an organisation, part way through", open, disagreed)
	}

	ps := must(db.Partnerships(ctx))
	if len(ps) != 1 {
		t.Fatalf("%d partnerships, want 1", len(ps))
	}
	for _, pl := range must(db.PartnershipPlans(ctx, ps[0].ID)) {
		acts := must(db.PlanActions(ctx, pl.ID))
		if len(acts) == 0 || len(must(db.PlanMeasures(ctx, pl.ID))) == 0 || len(must(db.PlanRisks(ctx, pl.ID))) == 0 {
			t.Errorf("plan %q lacks actions, measures or risks", pl.Title)
		}
		out = append(out, "plan "+pl.Title+" "+strings.Join(pl.Priorities, ","))
		for _, a := range acts {
			out = append(out, fmt.Sprintf("plan action %s %s %d %v", a.Title, a.Status, len(a.Partners), a.Due))
		}
	}
	return out
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}
