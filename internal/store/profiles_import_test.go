package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestImportProfilesAllOrNothing is a property of the import: for any batch of profiles, if
// one of them cannot be saved (a role that does not exist, a profile with no owner or with
// two), nothing of the batch is saved, not even its audit entries; otherwise all of it is.
func TestImportProfilesAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := must(db.CreateUser(ctx, store.System, store.User{Email: "importer@example.org", Name: "Importer"}))
		org := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust", Kind: store.KindOrganisation}))
		role := must(db.CreateRole(ctx, store.System, workforce.Role{OrganisationID: org.ID, Title: "Research nurse", StaffGroup: "Nursing and Midwifery Registered", Level: 5}))
		as := store.Actor{UserID: u.ID}
		p := profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "2.1", Entries: []profile.Entry{{Node: "a", Share: 100, Level: "core"}}}
		spoil := []func(*store.Profile){
			func(x *store.Profile) { x.RoleID, x.UserID, x.OrganisationID = role.ID+1000, 0, org.ID }, // no such role
			func(x *store.Profile) { x.RoleID, x.UserID = role.ID, u.ID },                             // two owners
			func(x *store.Profile) { x.Title = " " },                                                  // no title
			func(x *store.Profile) { x.UserID = u.ID + 1000 },                                         // no such person
		}
		count := func() (int, int) {
			mine := must(db.VisibleProfiles(ctx, u.ID, []int64{org.ID}, 0))
			log := must(db.AuditLog(ctx, store.AuditFilter{Entity: "profile", Limit: 10000}))
			return len(mine), len(log)
		}
		r := rand.New(rand.NewPCG(7, 8))
		for trial := range 12 {
			n := 1 + r.IntN(5)
			batch := make([]store.Profile, n)
			for i := range batch {
				batch[i] = store.Profile{UserID: u.ID, Title: fmt.Sprintf("Trial %d profile %d", trial, i), Profile: p}
				if r.IntN(2) == 0 {
					batch[i].UserID, batch[i].RoleID, batch[i].OrganisationID = 0, role.ID, org.ID
				}
			}
			bad := -1
			if trial%2 == 1 {
				bad = r.IntN(n)
				spoil[r.IntN(len(spoil))](&batch[bad])
			}
			profilesBefore, auditBefore := count()
			saved, err := db.ImportProfiles(ctx, as, batch)
			profilesAfter, auditAfter := count()
			if bad >= 0 {
				if err == nil || saved != nil {
					t.Fatalf("trial %d: profile %d is bad, yet the import succeeded", trial, bad)
				}
				if profilesAfter != profilesBefore || auditAfter != auditBefore {
					t.Fatalf("trial %d: a failed import left %d profiles and %d audit entries behind", trial, profilesAfter-profilesBefore, auditAfter-auditBefore)
				}
				continue
			}
			if err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			if len(saved) != n || profilesAfter != profilesBefore+n || auditAfter != auditBefore+n {
				t.Fatalf("trial %d: imported %d of %d (%d more profiles, %d more audit entries)", trial, len(saved), n, profilesAfter-profilesBefore, auditAfter-auditBefore)
			}
			for _, s := range saved {
				if s.ID == 0 || s.Version != 1 {
					t.Fatalf("trial %d: saved %+v", trial, s)
				}
			}
		}
		// Only the visible organisations' role profiles come back, with the user's own.
		if ps := must(db.VisibleProfiles(ctx, u.ID, nil, 0)); len(ps) == 0 {
			t.Errorf("no own profiles without organisations")
		}
		for _, p := range must(db.VisibleProfiles(ctx, u.ID+1000, []int64{org.ID}, role.ID)) {
			if p.RoleID != role.ID {
				t.Errorf("the role filter returned %+v", p)
			}
		}
	})
}
