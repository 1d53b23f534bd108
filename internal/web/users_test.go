package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestAdministratorAddsUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		admin := fx.signedIn("orgAdmin")
		form := url.Values{"name": {"Rowan Field"}, "email": {"Rowan.Field@A.example"}, "organisation": {fmt.Sprint(fx.serviceA.ID)}, "access_role": {"manager"}}

		// Bad input first: every problem listed, the values kept, nothing created.
		bad := admin.post("/users", url.Values{"name": {""}, "email": {"not-an-email"}, "organisation": {fmt.Sprint(fx.orgB.ID)}, "access_role": {"emperor"}})
		if bad.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", bad.StatusCode)
		}
		if got := errorSummary(t, bad); len(got) != 4 {
			t.Errorf("bad form summary %q, want 4 problems", got)
		}
		if v, _ := bad.doc(t).Find("#email").Attr("value"); v != "not-an-email" {
			t.Errorf("email not kept: %q", v)
		}
		if _, err := fx.db.UserByEmail(t.Context(), "not-an-email"); err == nil {
			t.Errorf("a user was created from a bad form")
		}

		res := admin.post("/users", form)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("add user: %d", res.StatusCode)
		}
		password := strings.TrimSpace(res.doc(t).Find("#one-time-password").Text())
		if len(password) < 10 {
			t.Fatalf("one-time password %q not shown", password)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("page with a password has Cache-Control %q", cc)
		}
		u, err := fx.db.UserByEmail(t.Context(), "rowan.field@a.example")
		if err != nil {
			t.Fatal(err)
		}
		if role, ok, _ := fx.db.AccessIn(t.Context(), u.ID, fx.teamA.ID); !ok || role != "manager" {
			t.Errorf("new user's access in Team A (below Service A): %q %v", role, ok)
		}
		// The new user can sign in with the one-time password.
		c := fx.client()
		if r := c.post("/sign-in", url.Values{"email": {"rowan.field@a.example"}, "password": {password}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("new user signing in: %d", r.StatusCode)
		}
		// The audit log names the change without repeating the personal data.
		entries, err := fx.db.AuditLog(t.Context(), storeAuditFilter("user"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			if e.EntityID == fmt.Sprint(u.ID) && e.Action == "create" {
				found = true
				if e.UserID != fx.users["orgAdmin"].ID {
					t.Errorf("audit entry by user %d, want the administrator", e.UserID)
				}
				if strings.Contains(e.Summary, "rowan") || strings.Contains(e.Summary, "Rowan") {
					t.Errorf("audit summary repeats personal data: %q", e.Summary)
				}
			}
		}
		if !found {
			t.Errorf("no audit entry for the new user")
		}
	})
}

func TestUserStatusConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		admin := fx.signedIn("orgAdmin")
		staff := fx.users["staff"]
		path := fmt.Sprintf("/users/%d/status", staff.ID)
		// A form drawn from an older version is refused with 409 and changes nothing.
		res := admin.post(path, url.Values{"version": {fmt.Sprint(staff.Version - 1)}, "disabled": {"true"}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("stale version: %d, want 409", res.StatusCode)
		}
		if u, _ := fx.db.User(t.Context(), staff.ID); u.Disabled {
			t.Fatalf("a stale form turned the account off")
		}
		// The current version works, and the person is signed out at once.
		signedIn := fx.signedIn("staff")
		res = admin.post(path, url.Values{"version": {fmt.Sprint(staff.Version)}, "disabled": {"true"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("turning off: %d", res.StatusCode)
		}
		if r := signedIn.get("/account"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("turned-off user still signed in: %d", r.StatusCode)
		}
		if r := fx.client().post("/sign-in", url.Values{"email": {staff.Email}, "password": {testPassword}}); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("turned-off user signing in: %d, want 401", r.StatusCode)
		}
	})
}

func TestPasswordChangeSignsOutOtherDevices(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		laptop, phone := fx.signedIn("staff"), fx.signedIn("staff")
		weak := laptop.post("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"password123"}})
		if weak.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, weak), " "), "too common") {
			t.Fatalf("common password: %d %q", weak.StatusCode, errorSummary(t, weak))
		}
		wrong := laptop.post("/account/password", url.Values{"current_password": {"nope"}, "new_password": {"amber lantern meadow"}})
		if wrong.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong current password: %d", wrong.StatusCode)
		}
		if r := phone.get("/account"); r.StatusCode != http.StatusOK {
			t.Fatalf("refused changes signed the phone out: %d", r.StatusCode)
		}
		ok := laptop.post("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"amber lantern meadow"}})
		if ok.StatusCode != http.StatusSeeOther {
			t.Fatalf("change password: %d %q", ok.StatusCode, errorSummary(t, ok))
		}
		if r := laptop.get("/account"); r.StatusCode != http.StatusOK {
			t.Errorf("the device that changed the password was signed out: %d", r.StatusCode)
		}
		if r := phone.get("/account"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the other device is still signed in: %d", r.StatusCode)
		}
		if r := fx.client().post("/sign-in", url.Values{"email": {"staff@a.example"}, "password": {"amber lantern meadow"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("signing in with the new password: %d", r.StatusCode)
		}
	})
}

// TestOrganisationRenameConflict: two administrators rename the same organisation; the second
// gets 409 with both names shown, and nothing is overwritten until they save again.
func TestOrganisationRenameConflict(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		first, second := fx.signedIn("orgAdmin"), fx.signedIn("siteAdmin")
		path := fmt.Sprintf("/organisations/%d", fx.serviceA.ID)
		version := fmt.Sprint(fx.serviceA.Version)
		if res := first.post(path, url.Values{"name": {"Research Services"}, "version": {version}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first rename: %d", res.StatusCode)
		}
		res := second.post(path, url.Values{"name": {"R&D"}, "version": {version}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("second rename from the same version: %d, want 409", res.StatusCode)
		}
		doc := res.doc(t)
		if v, _ := doc.Find("#name").Attr("value"); v != "R&D" {
			t.Errorf("the second administrator's name was not kept: %q", v)
		}
		if !strings.Contains(doc.Find(".nhsuk-inset-text").Text(), "Research Services") {
			t.Errorf("the conflict page does not show the name saved meanwhile")
		}
		o, _ := fx.db.Organisation(t.Context(), fx.serviceA.ID)
		if o.Name != "Research Services" {
			t.Errorf("name after the conflict: %q", o.Name)
		}
		// Saving again from the conflict page uses the version it showed.
		newVersion, _ := doc.Find("input[name=version]").Attr("value")
		if res := second.post(path, url.Values{"name": {"R&D"}, "version": {newVersion}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("saving again: %d", res.StatusCode)
		}
		// Someone who does not administer it cannot rename it, nor learn that it exists.
		if res := fx.signedIn("adminB").post(path, url.Values{"name": {"Taken"}, "version": {newVersion}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust's administrator renaming: %d, want 404", res.StatusCode)
		}
	})
}

// TestSessionsEnd: changing someone's access role ends their sessions, and "sign out
// everywhere" ends every session of one's own account.
func TestSessionsEnd(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		staff := fx.signedIn("staff")
		admin := fx.signedIn("orgAdmin")
		res := admin.post(fmt.Sprintf("/users/%d/access", fx.users["staff"].ID),
			url.Values{"organisation": {fmt.Sprint(fx.teamA.ID)}, "access_role": {"manager"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("change access: %d %v", res.StatusCode, errorSummary(t, res))
		}
		if res := staff.get("/account"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after an access change the old session still works: %d", res.StatusCode)
		}
		if res := admin.get("/account"); res.StatusCode != http.StatusOK {
			t.Errorf("the administrator was signed out by changing someone else's access: %d", res.StatusCode)
		}

		phone, laptop := fx.signedIn("staff"), fx.signedIn("staff")
		if res := laptop.post("/account/sign-out-everywhere", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out everywhere: %d", res.StatusCode)
		}
		for name, c := range map[string]*client{"this device": laptop, "the other device": phone} {
			if res := c.get("/account"); res.StatusCode != http.StatusSeeOther {
				t.Errorf("after signing out everywhere, %s is still signed in: %d", name, res.StatusCode)
			}
		}
		if res := admin.get("/account"); res.StatusCode != http.StatusOK {
			t.Errorf("someone else's session ended too: %d", res.StatusCode)
		}
	})
}

// TestIdleSessionsEnd: a session ends after two hours without a request, and reading pages
// within that time keeps it going without writing the session on every request.
func TestIdleSessionsEnd(t *testing.T) {
	fx := newFixture(t, "sqlite")
	start := time.Now()
	clock := start
	fx.server.now = func() time.Time { return clock }
	staff := fx.signedIn("staff")
	for _, step := range []time.Duration{time.Minute, 90 * time.Minute, 90 * time.Minute} {
		clock = clock.Add(step)
		if res := staff.get("/account"); res.StatusCode != http.StatusOK {
			t.Fatalf("%s after signing in, active all along: %d", clock.Sub(start), res.StatusCode)
		}
	}
	clock = clock.Add(2*time.Hour + time.Minute)
	if res := staff.get("/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after two hours idle the session still works: %d", res.StatusCode)
	}
	// A page view within the touch interval writes nothing: the session row is unchanged.
	other := fx.signedIn("orgAdmin")
	before, err := fx.db.SessionStore().AllCtx(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute)
	other.get("/account")
	after, err := fx.db.SessionStore().AllCtx(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for token, data := range before {
		if string(after[token]) != string(data) {
			t.Errorf("a page view a minute after the last one rewrote a session")
		}
	}
}
