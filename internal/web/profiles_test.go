package web

import (
	"fmt"
	"github.com/PuerkitoBio/goquery"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/profile"
)

// iwfForm fills the profile form for IWF 2.1 with the given total: every element at least the
// minimum, the rest on the first element, each at the first level.
func iwfForm(t *testing.T, fx *fixture, total int) url.Values {
	t.Helper()
	f, _, err := fx.db.FrameworkVersion(t.Context(), "iwf", "2.1")
	if err != nil {
		t.Fatal(err)
	}
	nodes := f.ProfiledNodes()
	v := url.Values{"title": {"My role today"}, "framework": {"iwf"}, "framework_version": {"2.1"}, "action": {"save"}}
	share := 5
	for i, n := range nodes {
		s := share
		if i == 0 {
			s = total - share*(len(nodes)-1)
		}
		v.Set(profile.ShareField(n.Key), strconv.Itoa(s))
		v.Set(profile.LevelField(n.Key), f.Levels[i%len(f.Levels)].Key)
	}
	return v
}

func TestCreateMyProfile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("staff")
		if res := c.get("/profiles/new"); res.StatusCode != http.StatusOK || res.doc(t).Find("input[data-wf-share]").Length() != 12 {
			t.Fatalf("new profile form: %d with %d share fields", res.StatusCode, res.doc(t).Find("input[data-wf-share]").Length())
		}

		// 99% is refused, the total is named, and everything typed is kept.
		form := iwfForm(t, fx, 99)
		form.Set("note-leadership", "I lead the study team")
		bad := c.post("/profiles", form)
		if bad.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("99%%: %d", bad.StatusCode)
		}
		summary := strings.Join(errorSummary(t, bad), "\n")
		if !strings.Contains(summary, "Shares add up to 99%: they must add up to 100%") {
			t.Errorf("error summary does not name the total:\n%s", summary)
		}
		doc := bad.doc(t)
		for key, want := range form {
			if key == "action" || key == "framework" || key == "framework_version" {
				continue
			}
			sel := "#" + key
			got, _ := doc.Find(sel).Attr("value")
			if doc.Find(sel).Is("select") {
				got, _ = doc.Find(sel + " option[selected]").Attr("value")
			}
			if got != want[0] {
				t.Errorf("%s not kept: %q, want %q", key, got, want[0])
			}
		}
		if ps, _ := fx.db.UserProfiles(t.Context(), fx.users["staff"].ID); len(ps) != 0 {
			t.Fatalf("an invalid profile was saved")
		}

		// "Check my shares" works without JavaScript and saves nothing.
		form.Set("action", "check")
		if res := c.post("/profiles", form); !strings.Contains(res.body, "add up to 99%") {
			t.Errorf("check: the total is not shown")
		}

		ok := c.post("/profiles", iwfForm(t, fx, 100))
		if ok.StatusCode != http.StatusSeeOther {
			t.Fatalf("100%%: %d %q", ok.StatusCode, errorSummary(t, ok))
		}
		loc := ok.Header.Get("Location")
		show := c.get(loc)
		sdoc := show.doc(t)
		svg := sdoc.Find("svg[role=img]")
		if svg.Length() != 1 || svg.Find("title").Length() == 0 || svg.Find("desc").Length() == 0 {
			t.Errorf("the profile page has no accessible chart")
		}
		if n := sdoc.Find("#profile-table tbody tr").Length(); n != 12 {
			t.Errorf("the table beside the chart has %d rows, want 12", n)
		}
		for _, f := range []struct{ path, ctype string }{{"/chart.svg", "image/svg+xml"}, {"/chart.png", "image/png"}} {
			res := c.get(loc + f.path)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != f.ctype || len(res.body) < 100 {
				t.Errorf("%s: %d %q %d bytes", f.path, res.StatusCode, res.Header.Get("Content-Type"), len(res.body))
			}
		}
		// Someone else cannot see it, nor learn that it exists.
		if res := fx.signedIn("orgAdmin").get(loc); res.StatusCode != http.StatusNotFound {
			t.Errorf("another user opening the profile: %d, want 404", res.StatusCode)
		}
	})
}

func TestProfileEditKeepsHistoryAndRefusesStaleSaves(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("staff")
		// A draft may be incomplete.
		draft := url.Values{"title": {"Draft"}, "framework": {"iwf"}, "action": {"draft"}, "share-leadership": {"10"}}
		res := c.post("/profiles", draft)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft: %d %q", res.StatusCode, errorSummary(t, res))
		}
		loc := res.Header.Get("Location")
		if page := c.get(loc); !strings.Contains(page.body, "This profile is a draft") {
			t.Errorf("the draft is not marked as a draft")
		}
		form := iwfForm(t, fx, 100)
		form.Set("version", "1")
		if res := c.post(loc, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("finishing the draft: %d %q", res.StatusCode, errorSummary(t, res))
		}
		// The same form again is based on version 1, which is no longer the newest.
		form.Set("title", "Changed on another device")
		stale := c.post(loc, form)
		if stale.StatusCode != http.StatusConflict {
			t.Fatalf("stale save: %d", stale.StatusCode)
		}
		if v, _ := stale.doc(t).Find("#title").Attr("value"); v != "Changed on another device" {
			t.Errorf("the stale save lost what was typed: %q", v)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/profiles/"), 10, 64)
		if p, _ := fx.db.GetProfile(t.Context(), id); p.Title != "My role today" || p.Version != 2 {
			t.Errorf("the stale save changed the profile: %q version %d", p.Title, p.Version)
		}
		hist := c.get(loc + "/history")
		if rows := hist.doc(t).Find("tbody tr").Length(); rows != 2 {
			t.Errorf("history has %d versions, want 2", rows)
		}
		if !strings.Contains(hist.body, "Completed: no longer a draft") || !strings.Contains(hist.body, fmt.Sprintf("by %s", fx.users["staff"].Name)) {
			t.Errorf("history does not say what changed and who saved it")
		}
		// Another user may not change it.
		if res := fx.signedIn("orgAdmin").post(loc, form); res.StatusCode != http.StatusNotFound {
			t.Errorf("another user changing the profile: %d, want 404", res.StatusCode)
		}
	})
}

func TestProfilePreview(t *testing.T) {
	fx := newFixture(t, "sqlite")
	c := fx.signedIn("staff")
	res := c.post("/profiles/preview", iwfForm(t, fx, 60))
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(res.body, `role="img"`) {
		t.Errorf("preview of a partial profile: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if !strings.Contains(res.body, "60%") {
		t.Errorf("the preview does not describe the total so far")
	}
	if res := c.post("/profiles/preview", url.Values{"framework": {"iwf"}}); res.StatusCode != http.StatusNoContent {
		t.Errorf("preview of an empty form: %d, want 204", res.StatusCode)
	}
	if res := c.post("/profiles/preview", url.Values{"framework": {"ksf"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("preview on a framework that is not a profile framework: %d, want 404", res.StatusCode)
	}
}

// TestMoveProfileToNewerVersion: a profile made on IWF 1.0 moves to 2.1 through the crosswalk;
// the person reviews the result, saves it, and the 1.0 version stays in the history.
func TestMoveProfileToNewerVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		old, _, err := fx.db.FrameworkVersion(t.Context(), "iwf", "1.0")
		if err != nil {
			t.Fatal(err)
		}
		p := profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "1.0"}
		nodes := old.ProfiledNodes()
		for i, n := range nodes {
			share := 10
			if i == 0 {
				share = 100 - 10*(len(nodes)-1)
			}
			p.Entries = append(p.Entries, profile.Entry{Node: n.Key, Share: share, Level: old.Levels[0].Key})
		}
		if ps := profile.Validate(p, old); len(ps) > 0 {
			t.Fatalf("test profile invalid: %v", ps)
		}
		staff := fx.users["staff"]
		rec, err := fx.db.CreateProfile(t.Context(), storeActor(staff.ID), storeProfile(staff.ID, "Last year", p))
		if err != nil {
			t.Fatal(err)
		}
		c := fx.signedIn("staff")
		loc := fmt.Sprintf("/profiles/%d", rec.ID)
		if page := c.get(loc); !strings.Contains(page.body, "Move this profile to version 2.1") {
			t.Fatalf("no offer to move the profile to 2.1")
		}
		review := c.get(loc + "/move")
		if review.StatusCode != http.StatusOK {
			t.Fatalf("move: %d", review.StatusCode)
		}
		doc := review.doc(t)
		total := 0
		doc.Find("input[data-wf-share]").Each(func(_ int, s *goquery.Selection) {
			n, _ := strconv.Atoi(s.AttrOr("value", ""))
			total += n
		})
		if n := doc.Find("input[data-wf-share]").Length(); n != 12 || total != 100 {
			t.Errorf("the moved profile has %d elements adding up to %d%%, want 12 adding up to 100%%", n, total)
		}
		if v := doc.Find("input[name=framework_version]").AttrOr("value", ""); v != "2.1" {
			t.Errorf("the review form saves on version %q", v)
		}
		// The person saves the reviewed form as it is.
		form := url.Values{"action": {"save"}}
		doc.Find("form[data-wf-profile-form] input, form[data-wf-profile-form] select").Each(func(_ int, s *goquery.Selection) {
			name := s.AttrOr("name", "")
			if s.Is("select") {
				form.Set(name, s.Find("option[selected]").AttrOr("value", ""))
			} else if name != "" {
				form.Set(name, s.AttrOr("value", ""))
			}
		})
		if res := c.post(loc, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the moved profile: %d %q", res.StatusCode, errorSummary(t, res))
		}
		saved, _ := fx.db.GetProfile(t.Context(), rec.ID)
		if saved.Profile.FrameworkVersion != "2.1" || saved.Profile.Total() != 100 {
			t.Errorf("saved on %s with total %d", saved.Profile.FrameworkVersion, saved.Profile.Total())
		}
		hist, _ := fx.db.ProfileHistory(t.Context(), rec.ID)
		if len(hist) != 2 || hist[1].Profile.FrameworkVersion != "1.0" {
			t.Errorf("the version 1.0 profile is not kept in the history")
		}
		// A made-up version is refused.
		form.Set("framework_version", "9.9")
		form.Set("version", "2")
		if res := c.post(loc, form); res.StatusCode != http.StatusNotFound {
			t.Errorf("saving on an unknown version: %d, want 404", res.StatusCode)
		}
	})
}

func TestCompareProfiles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		c := fx.signedIn("staff")
		a := c.post("/profiles", iwfForm(t, fx, 100)).Header.Get("Location")
		form := iwfForm(t, fx, 100)
		form.Set("title", "The role I want next")
		f, _, _ := fx.db.FrameworkVersion(t.Context(), "iwf", "2.1")
		first := f.ProfiledNodes()[0].Key
		second := f.ProfiledNodes()[1].Key
		form.Set(profile.ShareField(first), "40")
		form.Set(profile.ShareField(second), "10")
		b := c.post("/profiles", form).Header.Get("Location")
		if a == "" || b == "" {
			t.Fatal("profiles were not created")
		}
		res := c.get(fmt.Sprintf("/profiles/compare?id=%s&id=%s", strings.TrimPrefix(a, "/profiles/"), strings.TrimPrefix(b, "/profiles/")))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("compare: %d", res.StatusCode)
		}
		doc := res.doc(t)
		if n := doc.Find("#compare-table tbody tr").Length(); n != 12 {
			t.Errorf("compare table has %d rows, want 12", n)
		}
		row := doc.Find("#compare-table tbody tr").First().Text()
		if !strings.Contains(row, "-5%") {
			t.Errorf("first row does not show the difference of -5%%: %q", row)
		}
		if doc.Find("svg[role=img]").Length() != 1 {
			t.Errorf("no overlaid chart")
		}
		// Someone else's profile cannot be pulled into a comparison.
		other := fx.signedIn("orgAdmin")
		own := other.post("/profiles", iwfForm(t, fx, 100)).Header.Get("Location")
		if res := other.get(fmt.Sprintf("/profiles/compare?id=%s&id=%s", strings.TrimPrefix(own, "/profiles/"), strings.TrimPrefix(a, "/profiles/"))); res.StatusCode != http.StatusNotFound {
			t.Errorf("comparing with another person's profile: %d, want 404", res.StatusCode)
		}
	})
}
