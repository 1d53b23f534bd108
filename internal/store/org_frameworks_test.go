package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// TestOrganisationDraftFramework: an organisation's draft can be changed by whoever read its
// latest content, not by a stale editor nor through another organisation, and not once it is
// published; roles cannot require a draft, only a published version.
func TestOrganisationDraftFramework(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeRoleWorld(t, db)
		f := &framework.Framework{Key: "a-nursing", Version: "1", Title: "Trust A nursing competences", Kind: framework.KindCompetence,
			Status: framework.StatusDraft, Levels: []framework.Level{{Key: "foundation", Rank: 1, Title: "Foundation"}},
			Nodes: []framework.Node{{Key: "clinical", Type: "domain", Title: "Clinical", Children: []framework.Node{
				{Key: "cl1", Type: "competence", Code: "CL1", Title: "Tracheostomy care"}}}}}
		must(db.SaveOrganisationFrameworkVersion(ctx, w.actor, w.a.ID, f))
		stored, _ := must2(db.FrameworkVersion(ctx, f.Key, f.Version))
		token := store.DocumentToken(stored)

		role := workforce.Role{OrganisationID: w.a.ID, Title: "Ward nurse", Requirements: []workforce.Requirement{
			{FrameworkKey: f.Key, FrameworkVersion: "1", NodeKey: "cl1", LevelKey: "foundation", Essential: true}}}
		if _, err := db.CreateRole(ctx, w.actor, role); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a role requiring a draft: %v, want ErrInvalid", err)
		}
		if fws := must(db.UsableFrameworks(ctx, w.a.ID)); containsKey(fws, f.Key) {
			t.Errorf("an import may use the draft")
		}

		edit := *stored
		edit.Title = "Trust A nursing competences (edited)"
		if _, err := db.UpdateDraftFramework(ctx, w.actor, w.b.ID, &edit, token); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Trust B changing Trust A's draft: %v, want ErrNotFound", err)
		}
		if _, err := db.UpdateDraftFramework(ctx, w.actor, w.a.ID, &edit, "stale"); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale edit: %v, want ErrConflict", err)
		}
		v := must(db.UpdateDraftFramework(ctx, w.actor, w.a.ID, &edit, token))
		if v.Title != edit.Title {
			t.Errorf("saved %+v", v)
		}
		if _, err := db.UpdateDraftFramework(ctx, w.actor, w.a.ID, &edit, token); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a second save from the same read: %v, want ErrConflict", err)
		}
		again, _ := must2(db.FrameworkVersion(ctx, f.Key, f.Version))
		if again.Title != edit.Title {
			t.Errorf("read back %q", again.Title)
		}

		pub := *again
		pub.Status = framework.StatusPublished
		must(db.UpdateDraftFramework(ctx, w.actor, w.a.ID, &pub, store.DocumentToken(again)))
		published, _ := must2(db.FrameworkVersion(ctx, f.Key, f.Version))
		changed := *published
		changed.Title = "Changed after publishing"
		if _, err := db.UpdateDraftFramework(ctx, w.actor, w.a.ID, &changed, store.DocumentToken(published)); !errors.Is(err, store.ErrConflict) {
			t.Errorf("changing a published version: %v, want ErrConflict", err)
		}
		if _, err := db.CreateRole(ctx, w.actor, role); err != nil {
			t.Errorf("a role requiring the published version: %v", err)
		}
		if fws := must(db.UsableFrameworks(ctx, w.a.ID)); !containsKey(fws, f.Key) {
			t.Errorf("an import may not use the published version")
		}
		if fws := must(db.UsableFrameworks(ctx, w.b.ID)); containsKey(fws, f.Key) {
			t.Errorf("Trust B may use Trust A's framework")
		}
	})
}

func containsKey(fws []*framework.Framework, key string) bool {
	for _, f := range fws {
		if f.Key == key {
			return true
		}
	}
	return false
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}
