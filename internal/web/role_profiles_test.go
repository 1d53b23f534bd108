package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// publishedRole saves a published role of the organisation.
func (fx *fixture) publishedRole(orgID int64, title string) workforce.Role {
	fx.t.Helper()
	r := staffNurseRole(orgID)
	r.Title = title
	saved := fx.role(r)
	pub, err := fx.db.SetRoleStatus(fx.t.Context(), store.Actor{}, saved.ID, saved.Version, workforce.StatusPublished)
	if err != nil {
		fx.t.Fatal(err)
	}
	return pub
}

func profileIDFrom(t *testing.T, loc string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/profiles/"), 10, 64)
	if err != nil {
		t.Fatalf("not a profile address: %q", loc)
	}
	return id
}

// TestRoleProfile: an administrator of Trust A makes the profile of one of its roles with the
// profile form; the role's page shows it as a chart and a table; a member of staff of a team
// below names the role on their own profile and compares the two; the role's profile keeps its
// history and refuses stale saves like a person's.
func TestRoleProfile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		role := fx.publishedRole(fx.orgA.ID, "Research nurse")
		admin := fx.signedIn("orgAdmin")
		rolePage := admin.get(rolePath(role.ID))
		if !strings.Contains(rolePage.body, "This role has no focus profile yet") ||
			rolePage.doc(t).Find(fmt.Sprintf("a[href='/roles/%d/profiles/new']", role.ID)).Length() != 1 {
			t.Fatalf("the role page does not offer to create the role's profile")
		}
		if res := admin.get(fmt.Sprintf("/roles/%d/profiles/new", role.ID)); res.StatusCode != http.StatusOK ||
			res.doc(t).Find("#aim_role").Length() != 0 || !strings.Contains(res.body, "the focus of the role Research nurse") {
			t.Fatalf("role profile form: %d", res.StatusCode)
		}

		// The same rules as a person's profile: 99% is refused and nothing is saved.
		form := iwfForm(t, fx, 99)
		form.Set("title", "Research nurse 2026")
		bad := admin.post(fmt.Sprintf("/roles/%d/profiles", role.ID), form)
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, bad), "\n"), "Shares add up to 99%") {
			t.Fatalf("99%%: %d %q", bad.StatusCode, errorSummary(t, bad))
		}
		if ps, _ := fx.db.RoleProfiles(t.Context(), role.ID); len(ps) != 0 {
			t.Fatalf("an invalid role profile was saved")
		}
		form = iwfForm(t, fx, 100)
		form.Set("title", "Research nurse 2026")
		ok := admin.post(fmt.Sprintf("/roles/%d/profiles", role.ID), form)
		if ok.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the role's profile: %d %q", ok.StatusCode, errorSummary(t, ok))
		}
		roleProfileLoc := ok.Header.Get("Location")
		roleProfileID := profileIDFrom(t, roleProfileLoc)
		saved, err := fx.db.GetProfile(t.Context(), roleProfileID)
		if err != nil || saved.RoleID != role.ID || saved.OrganisationID != fx.orgA.ID || saved.UserID != 0 {
			t.Fatalf("saved %+v, %v: want a profile of the role", saved, err)
		}
		doc := admin.get(rolePath(role.ID)).doc(t)
		if doc.Find("#profile svg[role=img]").Length() != 1 || doc.Find("#profile #profile-table tbody tr").Length() != 12 {
			t.Errorf("the role page does not show the profile's chart and table")
		}

		// A member of staff of a team below Trust A sees the published role's profile, may not
		// change it, and names the role on their own profile.
		staff := fx.signedIn("staff")
		if res := staff.get(roleProfileLoc); res.StatusCode != http.StatusOK {
			t.Fatalf("staff opening the published role's profile: %d", res.StatusCode)
		}
		if res := staff.get(roleProfileLoc + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff changing the role's profile: %d, want 403", res.StatusCode)
		}
		newForm := staff.get("/profiles/new").doc(t)
		if newForm.Find(fmt.Sprintf("#aim_role option[value='%d']", role.ID)).Length() != 1 {
			t.Fatalf("the profile form does not offer the published role of the staff member's trust")
		}
		draftRole := fx.matrixRole() // a draft: not offered, and refused if sent
		if newForm.Find(fmt.Sprintf("#aim_role option[value='%d']", draftRole.ID)).Length() != 0 {
			t.Errorf("a draft role is offered")
		}
		mine := iwfForm(t, fx, 100)
		mine.Set("aim_role", strconv.FormatInt(draftRole.ID, 10))
		if res := staff.post("/profiles", mine); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(errorSummary(t, res), "\n"), "Choose a role from the list") {
			t.Errorf("naming a role one may not see: %d %q", res.StatusCode, errorSummary(t, res))
		}
		mine.Set("aim_role", strconv.FormatInt(role.ID, 10))
		res := staff.post("/profiles", mine)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving my profile: %d %q", res.StatusCode, errorSummary(t, res))
		}
		myLoc := res.Header.Get("Location")
		mineSaved, _ := fx.db.GetProfile(t.Context(), profileIDFrom(t, myLoc))
		if mineSaved.AimRoleID != role.ID {
			t.Errorf("my profile names role %d, want %d", mineSaved.AimRoleID, role.ID)
		}
		page := staff.get(myLoc).doc(t)
		link := page.Find("a:contains(\"Compare with the role's profile\")")
		want := fmt.Sprintf("/profiles/compare?id=%d&id=%d", mineSaved.ID, roleProfileID)
		if href, _ := link.Attr("href"); href != want {
			t.Fatalf("compare link %q, want %q", href, want)
		}
		cmp := staff.get(want)
		if cmp.StatusCode != http.StatusOK {
			t.Fatalf("comparing with the role's profile: %d", cmp.StatusCode)
		}
		cdoc := cmp.doc(t)
		if cdoc.Find("#compare-table tbody tr").Length() != 12 || cdoc.Find("svg[role=img]").Length() != 1 ||
			!strings.Contains(cdoc.Find("#compare-table thead").Text(), "Research nurse 2026") {
			t.Errorf("the comparison does not set the two profiles side by side with an overlaid chart")
		}
		// Trust B's administrator sees neither the role's profile nor the comparison.
		adminB := fx.signedIn("adminB")
		if res := adminB.get(roleProfileLoc); res.StatusCode != http.StatusNotFound {
			t.Errorf("another trust opening the role's profile: %d, want 404", res.StatusCode)
		}

		// Changing the role's profile keeps its history and refuses a stale save.
		edit := iwfForm(t, fx, 100)
		edit.Set("title", "Research nurse 2027")
		edit.Set("version", "1")
		if res := admin.post(roleProfileLoc, edit); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("changing the role's profile: %d %q", res.StatusCode, errorSummary(t, res))
		}
		edit.Set("title", "Stale")
		if res := admin.post(roleProfileLoc, edit); res.StatusCode != http.StatusConflict {
			t.Errorf("stale save of the role's profile: %d, want 409", res.StatusCode)
		}
		if hist := admin.get(roleProfileLoc + "/history"); hist.doc(t).Find("tbody tr").Length() != 2 {
			t.Errorf("the role profile's history does not have 2 versions")
		}
		if res := staff.post(roleProfileLoc, edit); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff saving the role's profile: %d, want 403", res.StatusCode)
		}
		// Nobody below a manager may create a role's profile.
		if res := staff.post(fmt.Sprintf("/roles/%d/profiles", role.ID), url.Values{}); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
			t.Errorf("staff creating a role's profile: %d, want 403 or 404", res.StatusCode)
		}
	})
}

// TestPartnerRoleProfile: the profile of a partner's shared, published role is read with the
// role, once the two organisations are partners; it is never theirs to change.
func TestPartnerRoleProfile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		r := staffNurseRole(fx.orgB.ID)
		r.Title, r.Shared = "Research nurse", true
		saved := fx.role(r)
		role, err := fx.db.SetRoleStatus(ctx, store.Actor{}, saved.ID, saved.Version, workforce.StatusPublished)
		if err != nil {
			t.Fatal(err)
		}
		form := iwfForm(t, fx, 100)
		form.Set("title", "Trust B research nurse")
		res := fx.signedIn("adminB").post(fmt.Sprintf("/roles/%d/profiles", role.ID), form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("Trust B's profile of its role: %d %q", res.StatusCode, errorSummary(t, res))
		}
		loc := res.Header.Get("Location")
		adminA := fx.signedIn("orgAdmin")
		if res := adminA.get(loc); res.StatusCode != http.StatusNotFound {
			t.Errorf("before the partnership: %d, want 404", res.StatusCode)
		}
		if res := adminA.get(fmt.Sprintf("/profiles/export?format=csv&role=%d", role.ID)); strings.Contains(res.body, "Trust B research nurse") {
			t.Errorf("before the partnership, the download of the role's profiles holds them")
		}
		if _, err := fx.db.CreatePartnership(ctx, store.Actor{}, store.Partnership{Name: "North ICS"}, []int64{fx.orgA.ID, fx.orgB.ID}); err != nil {
			t.Fatal(err)
		}
		if res := adminA.get(loc); res.StatusCode != http.StatusOK {
			t.Errorf("a partner reading the shared role's profile: %d, want 200", res.StatusCode)
		}
		if doc := adminA.get(rolePath(role.ID)).doc(t); doc.Find("#profile svg[role=img]").Length() != 1 {
			t.Errorf("the shared role's page does not show its profile to the partner")
		}
		if res := adminA.get(loc + "/edit"); res.StatusCode != http.StatusForbidden {
			t.Errorf("a partner changing the role's profile: %d, want 403", res.StatusCode)
		}
		if res := adminA.get(fmt.Sprintf("/profiles/export?format=csv&role=%d", role.ID)); !strings.Contains(res.body, "Trust B research nurse") {
			t.Errorf("the role's profiles are not in the partner's download of them: %d\n%s", res.StatusCode, res.body)
		}

	})
}
