package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// assessWorld is a trust with a management lead, a staff-side representative and a viewer, a
// second trust, and a small checklist framework of the test's own.
type assessWorld struct {
	a, b                   store.Organisation
	lead, rep, viewer, bob store.User
	f                      *framework.Framework
	standards              []assess.Standard
	keys                   []string
}

func makeAssessWorld(t *testing.T, db *store.DB) assessWorld {
	ctx := context.Background()
	var w assessWorld
	w.a = must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust A", Kind: "organisation"}))
	w.b = must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust B", Kind: "organisation"}))
	user := func(email, name string, org int64, role store.AccessRole) store.User {
		u := must(db.CreateUser(ctx, store.System, store.User{Email: email, Name: name}))
		ok(t, db.SetMembership(ctx, store.System, u.ID, org, role))
		return u
	}
	w.lead = user("lead@a.example", "Lena Lead", w.a.ID, store.AccessManager)
	w.rep = user("rep@a.example", "Ravi Rep", w.a.ID, store.AccessStaff)
	w.viewer = user("view@a.example", "Vera Viewer", w.a.ID, store.AccessViewer)
	w.bob = user("bob@b.example", "Bob B", w.b.ID, store.AccessAdministrator)
	ok(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.lead.ID, assess.Management))
	ok(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.rep.ID, assess.StaffSide))
	w.f = &framework.Framework{Key: "chk", Version: "1", Title: "A checklist", Kind: framework.KindChecklist,
		Levels: []framework.Level{{Key: "bronze", Rank: 1, Title: "Bronze"}, {Key: "gold", Rank: 2, Title: "Gold"}},
		Nodes: []framework.Node{{Key: "area", Type: "area", Title: "Area", Children: []framework.Node{
			{Key: "s1", Type: "standard", Title: "One"}, {Key: "s2", Type: "standard", Title: "Two"}}}}}
	must(db.SaveFrameworkVersion(ctx, store.System, w.f, false))
	w.standards = assess.FlatStandards(w.f)
	for _, s := range w.standards {
		w.keys = append(w.keys, s.Key)
	}
	return w
}

func rate(side assess.Side, key string, by int64, scale assess.Scale) store.RatingChange {
	return func(c assess.Cycle, r assess.Rating) (assess.Cycle, assess.Rating, error) {
		return assess.Rate(c, scale, r, side, key, by, time.Now())
	}
}

func TestAssessmentSides(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeAssessWorld(t, db)
		if s := must(db.SideOf(ctx, w.a.ID, w.rep.ID)); s != assess.StaffSide {
			t.Errorf("rep is on %q", s)
		}
		if s := must(db.SideOf(ctx, w.a.ID, w.viewer.ID)); s != "" {
			t.Errorf("viewer is on %q", s)
		}
		// No one from outside the organisation can be put on a side.
		wantErr(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.bob.ID, assess.StaffSide), store.ErrInvalid)
		wantErr(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.viewer.ID, "board"), store.ErrInvalid)
		// Moving the lead to the staff side replaces their side: one side each.
		ok(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.lead.ID, assess.StaffSide))
		if ms := must(db.AssessmentSides(ctx, w.a.ID)); len(ms) != 2 || ms[0].Side != assess.StaffSide || ms[1].Side != assess.StaffSide {
			t.Errorf("sides %+v", ms)
		}
		ok(t, db.SetAssessmentSide(ctx, store.System, w.a.ID, w.lead.ID, ""))
		if ms := must(db.AssessmentSides(ctx, w.a.ID)); len(ms) != 1 {
			t.Errorf("sides after removal %+v", ms)
		}
	})
}

// TestAssessmentCycle: the whole round on the database: both sides rate, a stale edit is a
// conflict, disagreement blocks sign-off, both sign off, and then nothing can change.
func TestAssessmentCycle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeAssessWorld(t, db)
		scale := assess.ScaleOf(w.f)
		lead, rep := store.Actor{UserID: w.lead.ID}, store.Actor{UserID: w.rep.ID}
		c := must(db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: w.a.ID, Name: "2026/27", FrameworkKey: "chk", FrameworkVersion: "1"}, w.keys, nil))
		if _, err := db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: w.a.ID, Name: "2026/27", FrameworkKey: "chk", FrameworkVersion: "1"}, w.keys, nil); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a second cycle of the same name: %v", err)
		}
		if _, err := db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: w.a.ID, Name: "x", FrameworkKey: "iwf", FrameworkVersion: "9"}, w.keys, nil); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a cycle on a missing framework: %v", err)
		}
		rs := must(db.Ratings(ctx, c.ID))
		if len(rs) != 2 || rs["s1"].State() != assess.Unconfirmed {
			t.Fatalf("ratings %+v", rs)
		}
		r1 := must(db.UpdateRating(ctx, lead, c.ID, "s1", 1, rate(assess.Management, "gold", w.lead.ID, scale)))
		if _, err := db.UpdateRating(ctx, rep, c.ID, "s1", 1, rate(assess.StaffSide, "gold", w.rep.ID, scale)); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale rating: %v, want ErrConflict", err)
		}
		r1 = must(db.UpdateRating(ctx, rep, c.ID, "s1", r1.Version, rate(assess.StaffSide, "bronze", w.rep.ID, scale)))
		if r1.State() != assess.Disagreed {
			t.Errorf("state %s", r1.State())
		}
		if _, err := db.UpdateRating(ctx, rep, c.ID, "s1", r1.Version, rate(assess.StaffSide, "platinum", w.rep.ID, scale)); !errors.Is(err, assess.ErrInvalid) {
			t.Errorf("off the scale: %v", err)
		}
		// The audit log names both sides' views and who gave them.
		entries := must(db.AuditLog(ctx, store.AuditFilter{Entity: "assessment_rating"}))
		if len(entries) != 2 || !strings.Contains(entries[0].Summary, "Lena Lead") || !strings.Contains(entries[0].Summary, "Ravi Rep") ||
			!strings.Contains(entries[0].Summary, "disagreed") {
			t.Errorf("audit %+v", entries)
		}
		r2 := must(db.UpdateRating(ctx, lead, c.ID, "s2", 1, rate(assess.Management, "bronze", w.lead.ID, scale)))
		r2 = must(db.UpdateRating(ctx, rep, c.ID, "s2", r2.Version, rate(assess.StaffSide, "bronze", w.rep.ID, scale)))
		if _, err := db.SignOffCycle(ctx, lead, c.ID, c.Version, w.standards, assess.Management); !errors.Is(err, assess.ErrNotAgreed) {
			t.Errorf("sign-off while s1 is disagreed: %v", err)
		}
		r1 = must(db.UpdateRating(ctx, lead, c.ID, "s1", r1.Version, rate(assess.Management, "bronze", w.lead.ID, scale)))
		c1 := must(db.SignOffCycle(ctx, lead, c.ID, c.Version, w.standards, assess.Management))
		if c1.SignedOff() || c1.ManagementSignedBy != w.lead.ID {
			t.Errorf("after management: %+v", c1)
		}
		if _, err := db.SignOffCycle(ctx, rep, c.ID, c.Version, w.standards, assess.StaffSide); !errors.Is(err, store.ErrConflict) {
			t.Errorf("sign-off on a stale version: %v", err)
		}
		c2 := must(db.SignOffCycle(ctx, rep, c.ID, c1.Version, w.standards, assess.StaffSide))
		if !c2.SignedOff() {
			t.Fatalf("not signed off: %+v", c2)
		}
		if got := must(db.Cycle(ctx, c.ID)); !got.SignedOff() || got.Version != c2.Version {
			t.Errorf("stored cycle %+v", got)
		}
		signs := must(db.AuditLog(ctx, store.AuditFilter{Action: "sign-off"}))
		if len(signs) != 2 || !strings.Contains(signs[0].Summary, "Lena Lead") || !strings.Contains(signs[0].Summary, "Ravi Rep") {
			t.Errorf("sign-off audit %+v", signs)
		}
		// Signed off: read-only.
		if _, err := db.UpdateRating(ctx, lead, c.ID, "s1", r1.Version, rate(assess.Management, "gold", w.lead.ID, scale)); !errors.Is(err, assess.ErrSignedOff) {
			t.Errorf("rating a signed-off cycle: %v", err)
		}
		if _, err := db.AddEvidence(ctx, lead, assess.Evidence{CycleID: c.ID, StandardKey: "s1", Kind: assess.EvidenceNote, Note: "x"}); !errors.Is(err, assess.ErrSignedOff) {
			t.Errorf("evidence on a signed-off cycle: %v", err)
		}
		// The next cycle starts as a copy.
		prev := must(db.Ratings(ctx, c.ID))
		var list []assess.Rating
		for _, k := range w.keys {
			list = append(list, prev[k])
		}
		nc, nrs, err := assess.NextCycle(c2, list, "2027/28")
		ok(t, err)
		next := must(db.CreateCycle(ctx, lead, nc, w.keys, nrs))
		if got := must(db.Ratings(ctx, next.ID)); got["s1"].Management != "bronze" || got["s1"].State() != assess.Agreed || next.PreviousID != c.ID {
			t.Errorf("copied ratings %+v", got)
		}
		// Scoped listing: Trust B sees none of Trust A's cycles.
		if cs := must(db.CyclesIn(ctx, []int64{w.b.ID})); len(cs) != 0 {
			t.Errorf("Trust B sees %d cycles", len(cs))
		}
		if cs := must(db.CyclesIn(ctx, []int64{w.a.ID})); len(cs) != 2 || cs[0].ID != next.ID {
			t.Errorf("Trust A cycles %+v", cs)
		}
	})
}

// TestRatingChangeWithdrawsPendingSignOff: after one side signed off, a changed rating takes the
// sign-off back, so the other side cannot complete a sign-off of different ratings.
func TestRatingChangeWithdrawsPendingSignOff(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeAssessWorld(t, db)
		scale := assess.ScaleOf(w.f)
		lead, rep := store.Actor{UserID: w.lead.ID}, store.Actor{UserID: w.rep.ID}
		agreed := []assess.Rating{{StandardKey: "s1", Management: "gold", Staff: "gold"}, {StandardKey: "s2", Management: "gold", Staff: "gold"}}
		c := must(db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: w.a.ID, Name: "2026/27", FrameworkKey: "chk", FrameworkVersion: "1"}, w.keys, agreed))
		c = must(db.SignOffCycle(ctx, lead, c.ID, c.Version, w.standards, assess.Management))
		must(db.UpdateRating(ctx, rep, c.ID, "s2", 1, rate(assess.StaffSide, "bronze", w.rep.ID, scale)))
		got := must(db.Cycle(ctx, c.ID))
		if got.ManagementSignedBy != 0 || got.Version != c.Version+1 {
			t.Errorf("sign-off not withdrawn: %+v", got)
		}
	})
}

func TestEvidenceAndActions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeAssessWorld(t, db)
		lead := store.Actor{UserID: w.lead.ID}
		c := must(db.CreateCycle(ctx, lead, assess.Cycle{OrganisationID: w.a.ID, Name: "2026/27", FrameworkKey: "chk", FrameworkVersion: "1"}, w.keys, nil))
		file := []byte("%PDF-1.7 minutes")
		e := must(db.AddEvidence(ctx, lead, assess.Evidence{CycleID: c.ID, StandardKey: "s1", Kind: assess.EvidenceFile,
			FileName: "minutes.pdf", ContentType: "application/pdf", Data: file}))
		must(db.AddEvidence(ctx, lead, assess.Evidence{CycleID: c.ID, StandardKey: "s2", Kind: assess.EvidenceLink, URL: "https://example.org/policy"}))
		if _, err := db.AddEvidence(ctx, lead, assess.Evidence{CycleID: c.ID, StandardKey: "zz", Kind: assess.EvidenceNote, Note: "x"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("evidence for an unknown standard: %v", err)
		}
		if _, err := db.AddEvidence(ctx, lead, assess.Evidence{CycleID: c.ID, StandardKey: "s1", Kind: assess.EvidenceFile, Data: make([]byte, assess.MaxAttachmentBytes+1), Size: assess.MaxAttachmentBytes + 1}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("a file over the limit: %v", err)
		}
		list := must(db.EvidenceOf(ctx, c.ID))
		if len(list) != 2 || list[0].Data != nil || list[0].Size != int64(len(file)) || list[0].CreatedByName != "Lena Lead" {
			t.Errorf("evidence list %+v", list)
		}
		got := must(db.EvidenceFile(ctx, e.ID))
		if string(got.Data) != string(file) || got.ContentType != "application/pdf" {
			t.Errorf("file %+v", got)
		}

		due := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
		act := must(db.SaveAction(ctx, lead, assess.Action{CycleID: c.ID, Description: "Agree a flexible working policy",
			OwnerID: w.rep.ID, Sides: []assess.Side{assess.Management, assess.StaffSide}, Due: due, Status: assess.ActionNotStarted, Standards: []string{"s1", "s2"}}))
		if act.OwnerName != "Ravi Rep" || len(act.Standards) != 2 || !act.Due.Equal(due) || len(act.Sides) != 2 {
			t.Errorf("action %+v", act)
		}
		if _, err := db.SaveAction(ctx, lead, assess.Action{CycleID: c.ID, Description: "x", OwnerID: w.rep.ID, Sides: []assess.Side{assess.Management},
			Due: due, Status: assess.ActionNotStarted, Standards: []string{"nope"}}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("an action for an unknown standard: %v", err)
		}
		upd := act
		upd.Status = assess.ActionInProgress
		upd = must(db.SaveAction(ctx, lead, upd))
		stale := act
		stale.Status = assess.ActionDone
		if _, err := db.SaveAction(ctx, lead, stale); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale action: %v", err)
		}
		ok(t, db.AddActionNote(ctx, store.Actor{UserID: w.rep.ID}, act.ID, "Draft shared with the forum"))
		mine := must(db.ActionsOwnedBy(ctx, w.rep.ID, []int64{w.a.ID}))
		if len(mine) != 1 || mine[0].Status != assess.ActionInProgress || len(mine[0].Notes) != 1 || mine[0].Notes[0].UserName != "Ravi Rep" {
			t.Errorf("my actions %+v", mine)
		}
		if mine := must(db.ActionsOwnedBy(ctx, w.rep.ID, []int64{w.b.ID})); len(mine) != 0 {
			t.Errorf("actions outside the scope: %+v", mine)
		}

		// Deleting the cycle removes its evidence files and actions with it.
		ok(t, db.DeleteCycle(ctx, lead, c.ID))
		if _, err := db.EvidenceFile(ctx, e.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("evidence after the cycle was deleted: %v", err)
		}
		if _, err := db.Action(ctx, act.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("action after the cycle was deleted: %v", err)
		}
	})
}

func TestCalendarFeed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := makeAssessWorld(t, db)
		ok(t, db.SetCalendarFeed(ctx, w.rep.ID, "h1"))
		ok(t, db.SetCalendarFeed(ctx, w.rep.ID, "h2"))
		if _, err := db.CalendarFeedUser(ctx, "h1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a replaced secret still works: %v", err)
		}
		if u := must(db.CalendarFeedUser(ctx, "h2")); u.ID != w.rep.ID {
			t.Errorf("feed user %d", u.ID)
		}
	})
}
