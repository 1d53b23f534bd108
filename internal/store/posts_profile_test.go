package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestPostsProfiles: the IWF team profile of a unit's posts counts each post with its role's
// newest complete profile, weighted by the post's FTE; posts of a role without one are left
// out; a scenario's posts are worked out on the same version beside today's.
func TestPostsProfiles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeEstablishmentWorld(t, db)
		f, ps := framework.Load(must(frameworks.FS.ReadFile("iwf-2.1.yaml")), "iwf-2.1.yaml")
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		must(db.SaveFrameworkVersion(ctx, store.System, f, true))
		even := func(level string) profile.Profile {
			p := profile.Even(f)
			p.Draft = false
			for i := range p.Entries {
				p.Entries[i].Level = level
			}
			return p
		}
		must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: w.roleA.ID, OrganisationID: w.a.ID, Title: "Old nurse", Profile: even("core")}))
		must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: w.roleA.ID, OrganisationID: w.a.ID, Title: "Nurse", Profile: even("advanced")}))
		draft := even("expert")
		draft.Draft = true
		must(db.CreateProfile(ctx, w.actor, store.Profile{RoleID: w.roleA.ID, OrganisationID: w.a.ID, Title: "Draft", Profile: draft}))
		clerk := staffNurse(w.a.ID)
		clerk.Title = "Ward clerk"
		clerkRole := must(db.CreateRole(ctx, w.actor, clerk))

		today := []workforce.Post{w.post1, w.post2, w.post3} // 2.50 FTE of the nurse role
		scenario := append(today[:2:2], workforce.Post{TeamID: w.teamA.ID, RoleID: clerkRole.ID, FTE: 100})
		out, versions, err := db.PostsProfiles(ctx, [][]workforce.Post{today, scenario}, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(versions) != 1 || versions[0] != (profile.VersionUse{Key: "iwf", Version: "2.1", Members: 3}) {
			t.Errorf("versions = %+v", versions)
		}
		cur, scen := out[0], out[1]
		if cur.Framework == nil || cur.Posts != 3 || cur.FTE != 250 || cur.Counted != 3 || cur.Team.FTE != 250 {
			t.Fatalf("today = %+v", cur)
		}
		// The newest complete profile counts (advanced), not the older one or the draft.
		for _, e := range cur.Team.Elements {
			if e.Levels[3].Level != "advanced" || e.Levels[3].Members != 3 || e.Levels[3].FTE != 250 {
				t.Fatalf("%s: spread %+v", e.Node, e.Levels)
			}
		}
		// The clerk's post has no profile: counted among the posts, left out of the profile.
		if scen.Posts != 3 || scen.FTE != 300 || scen.Counted != 2 || scen.Team.FTE != 200 {
			t.Errorf("scenario = %+v", scen)
		}
		// A version none of the posts is on is not found; no posts, no profile.
		if _, _, err := db.PostsProfiles(ctx, [][]workforce.Post{today}, "iwf", "1.0"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another version: %v", err)
		}
		out, versions, err = db.PostsProfiles(ctx, [][]workforce.Post{{w.postB}}, "", "")
		if err != nil || len(versions) != 0 || out[0].Framework != nil || out[0].Posts != 1 || out[0].Counted != 0 {
			t.Errorf("Trust B's post without a profile: %+v %+v %v", out, versions, err)
		}
	})
}
