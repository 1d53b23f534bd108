package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

func ptr[T any](v T) *T { return &v }

// sampleFramework uses every part of the model, so a round trip that drops a field fails.
func sampleFramework(version, status string) *framework.Framework {
	return &framework.Framework{
		Key: "iwf", Title: "Integrated Workforce Framework", Version: version, Kind: framework.KindProfile,
		Status: status, Publisher: "NIHR", Source: "https://example.org/iwf", Licence: "OGL-UK-3.0",
		Description: "A shared language for research roles — “quoted”, <b>marked up</b>.", Language: "en-GB",
		Identifier: "urn:uuid:1234",
		Levels: []framework.Level{
			{Key: "awareness", Rank: 1, Title: "Awareness", Description: "Knows whom to ask"},
			{Key: "advanced", Rank: 4, Title: "Advanced", Examples: "Lead", Provisional: true},
		},
		Rules: &framework.Rules{ProfileNodeType: "element", Total: 100, MinShare: 1, MinShareProvisional: true},
		Nodes: []framework.Node{{
			Key: "cr", Type: "domain", Title: "Clinical Research", Sequence: ptr(1),
			Children: []framework.Node{
				{Key: "cr1", Type: "element", Title: "Ethics", Code: "CR1", Notes: "n", Identifier: "https://x/1",
					Language: "en", Sequence: ptr(2), Examples: []string{"e1"}, References: []string{"r1"}, Provisional: true},
				{Key: "cr2", Type: "element", Title: "Research Design"},
			},
		}, {Key: "lead", Type: "domain", Title: "Leadership"}},
		Crosswalk: &framework.Crosswalk{FromVersion: "1.0", LevelRule: "largest-share", Mappings: []framework.Mapping{
			{From: "cc", To: []framework.Target{{Node: "cr1", Weight: 0.25}, {Node: "cr2", Weight: 0.75}}},
		}},
		Relations: []framework.Relation{
			{Type: "exactMatchOf", From: "cr1", To: "cr2", Identifier: "a1", Sequence: ptr(3)},
			{Type: "isRelatedTo", From: "cr2", ToURI: "https://example.org/other", ToTitle: "Other"},
		},
	}
}

func TestFrameworkRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		in := sampleFramework("2.1", framework.StatusPublished)
		v := must(db.SaveFrameworkVersion(ctx, store.Actor{UserID: 0, Address: "cli"}, in, true))
		if v.ID == 0 || v.Key != "iwf" || v.Version != "2.1" || v.Kind != framework.KindProfile || !v.BuiltIn ||
			!v.Provisional || v.NodeCount != 4 || v.Status != "published" || v.Publisher != "NIHR" || v.OrganisationID != 0 {
			t.Fatalf("SaveFrameworkVersion = %+v", v)
		}
		got, gotV, err := db.FrameworkVersion(ctx, "iwf", "2.1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, in) {
			t.Fatalf("round trip changed the framework:\n got %+v\nwant %+v", got, in)
		}
		if gotV != v {
			t.Fatalf("listing = %+v, want %+v", gotV, v)
		}

		_, err = db.SaveFrameworkVersion(ctx, store.System, sampleFramework("2.1", framework.StatusDraft), false)
		wantErr(t, err, store.ErrConflict)
		_, _, err = db.FrameworkVersion(ctx, "iwf", "9.9")
		wantErr(t, err, store.ErrNotFound)
		_, _, err = db.LatestFrameworkVersion(ctx, "nope")
		wantErr(t, err, store.ErrNotFound)
	})
}

func TestFrameworkVersionsAndLatest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		save := func(key, version, status string) {
			t.Helper()
			f := sampleFramework(version, status)
			f.Key = key
			must(db.SaveFrameworkVersion(ctx, store.System, f, false))
		}
		save("iwf", "1.0", framework.StatusSuperseded)
		save("iwf", "2.1", framework.StatusPublished)
		save("iwf", "3.0", framework.StatusDraft)
		save("cfh", "1", framework.StatusDraft)
		save("cfh", "2", framework.StatusDraft)

		latest := func(key string) string {
			t.Helper()
			_, v, err := db.LatestFrameworkVersion(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			return v.Version
		}
		if got := latest("iwf"); got != "2.1" {
			t.Fatalf("latest iwf = %s, want the published 2.1 over a newer draft", got)
		}
		if got := latest("cfh"); got != "2" {
			t.Fatalf("latest cfh = %s, want the newest when none is published", got)
		}

		var refs []string
		for _, v := range must(db.FrameworkVersions(ctx)) {
			refs = append(refs, v.Ref())
		}
		if want := []string{"cfh@1", "cfh@2", "iwf@1.0", "iwf@2.1", "iwf@3.0"}; !reflect.DeepEqual(refs, want) {
			t.Fatalf("FrameworkVersions = %v, want %v", refs, want)
		}
		if got := must(db.FrameworkVersionsOf(ctx, "cfh")); len(got) != 2 {
			t.Fatalf("FrameworkVersionsOf(cfh) = %+v", got)
		}

		ok(t, db.DeleteFrameworkVersion(ctx, store.System, "iwf", "2.1"))
		wantErr(t, db.DeleteFrameworkVersion(ctx, store.System, "iwf", "2.1"), store.ErrNotFound)
		if got := latest("iwf"); got != "3.0" {
			t.Fatalf("latest iwf after deleting the published one = %s", got)
		}
	})
}

func TestReplaceFrameworkVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := sampleFramework("2.1", framework.StatusPublished)
		first := must(db.ReplaceFrameworkVersion(ctx, store.System, f, true))
		log := func() []store.AuditEntry {
			return must(db.AuditLog(ctx, store.AuditFilter{Entity: "framework_version"}))
		}
		if n := len(log()); n != 1 {
			t.Fatalf("%d audit entries after the first save", n)
		}

		// Refreshing an unchanged built-in writes nothing.
		again := must(db.ReplaceFrameworkVersion(ctx, store.System, sampleFramework("2.1", framework.StatusPublished), true))
		if again != first || len(log()) != 1 {
			t.Fatalf("an unchanged refresh wrote: %+v, %d entries", again, len(log()))
		}

		changed := sampleFramework("2.1", framework.StatusPublished)
		changed.Title = "IWF (corrected)"
		changed.Nodes = changed.Nodes[:1]
		v := must(db.ReplaceFrameworkVersion(ctx, store.System, changed, true))
		if v.ID != first.ID || !v.CreatedAt.Equal(first.CreatedAt) || v.Title != "IWF (corrected)" || v.NodeCount != 3 {
			t.Fatalf("replaced listing = %+v (first %+v)", v, first)
		}
		got, _, err := db.FrameworkVersion(ctx, "iwf", "2.1")
		if err != nil || !reflect.DeepEqual(got, changed) {
			t.Fatalf("after replace: %+v, %v", got, err)
		}
		if e := log(); len(e) != 2 || e[0].Action != store.ActionUpdate || e[0].EntityID != "iwf@2.1" {
			t.Fatalf("audit after replace = %+v", e)
		}
	})
}

func TestOrganisationFramework(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust", Kind: store.KindOrganisation}))
		f := sampleFramework("1", framework.StatusDraft)
		f.Key = "local"
		v := must(db.SaveOrganisationFrameworkVersion(ctx, store.Actor{UserID: 7}, org.ID, f))
		if v.OrganisationID != org.ID || v.BuiltIn || v.CreatedBy != 7 {
			t.Fatalf("listing = %+v", v)
		}
		if e := must(db.AuditLog(ctx, store.AuditFilter{OrganisationID: org.ID, Entity: "framework_version"})); len(e) != 1 {
			t.Fatalf("audit for the organisation = %+v", e)
		}
	})
}
