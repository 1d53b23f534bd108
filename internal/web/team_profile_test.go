package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// iwfProfile is a complete IWF 2.1 profile: 8% on each element, the rest on the first four, at
// the level given for every element.
func (fx *fixture) iwfProfile(level string) profile.Profile {
	fx.t.Helper()
	f, _, err := fx.db.FrameworkVersion(fx.t.Context(), "iwf", "2.1")
	if err != nil {
		fx.t.Fatal(err)
	}
	p := profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "2.1"}
	nodes := f.ProfiledNodes()
	rest := 100 - 8*len(nodes)
	for i, n := range nodes {
		share := 8
		if i < rest {
			share++
		}
		p.Entries = append(p.Entries, profile.Entry{Node: n.Key, Share: share, Level: level})
	}
	if ps := profile.Validate(p, f); len(ps) > 0 {
		fx.t.Fatalf("test profile invalid: %v", ps)
	}
	return p
}

// TestTeamProfileScoping: a team view shows only what the viewer may see. Trust A's
// administrator sees Team A's figures and members; Team B (another trust) is "not found"; a
// member of staff of Team A sees neither the members nor, with fewer than five in it, the
// figures; and nothing of Trust B's people appears anywhere.
func TestTeamProfileScoping(t *testing.T) {
	forEachEngine(t, func(t *testing.T, fx *fixture) {
		ctx := t.Context()
		a, b, roleA := fx.peopleOfBoth()
		if _, err := fx.db.CreateProfile(ctx, store.Actor{}, store.Profile{RoleID: roleA.ID, OrganisationID: fx.orgA.ID, Title: "Staff nurse profile", Profile: fx.iwfProfile("core")}); err != nil {
			t.Fatal(err)
		}
		b2 := b.Assignments[0]
		if _, err := fx.db.CreateProfile(ctx, store.Actor{}, store.Profile{RoleID: b2.RoleID, OrganisationID: fx.orgB.ID, Title: "Trust B nurse profile", Profile: fx.iwfProfile("advanced")}); err != nil {
			t.Fatal(err)
		}
		fx.person(workforce.Person{OrganisationID: fx.orgA.ID, StaffNumber: "A0002", Name: "Robin Nobody",
			Assignments: []workforce.Assignment{{RoleID: fx.role(func() workforce.Role { r := staffNurseRole(fx.orgA.ID); r.Title = "Ward clerk"; return r }()).ID, TeamID: fx.teamA.ID, FTE: 50, Start: "2020-01-01"}}})
		teamPath := fmt.Sprintf("/organisations/%d/team-profile", fx.teamA.ID)

		admin := fx.signedIn("orgAdmin")
		res := admin.get(teamPath)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("team view: %d", res.StatusCode)
		}
		for _, want := range []string{`role="img"`, `id="team-table"`, "Alex Alpha", "The profile of their role", "Robin Nobody", "No profile on this version", "1 of 2 members counted", "Nobody at Intermediate or above"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("team view lacks %q", want)
			}
		}
		if strings.Contains(res.body, "Bravo") || strings.Contains(res.body, "Trust B nurse") {
			t.Error("Team A's view shows Trust B's person or profile")
		}
		csv := admin.get(teamPath + "/export?format=csv")
		if csv.StatusCode != http.StatusOK || !strings.Contains(csv.body, "Element key") || strings.Count(csv.body, "\n") != 13 || strings.Contains(csv.body, "Alex") {
			t.Errorf("CSV export: %d %q", csv.StatusCode, csv.body)
		}
		if x := admin.get(teamPath + "/export?format=xlsx"); x.StatusCode != http.StatusOK || !strings.HasPrefix(x.body, "PK") {
			t.Errorf("XLSX export: %d", x.StatusCode)
		}

		// Another trust's team, a team's parent and an unknown id are all "not found".
		teamB := b.Assignments[0].TeamID
		for _, path := range []string{fmt.Sprintf("/organisations/%d/team-profile", teamB), fmt.Sprintf("/organisations/%d/team-profile/export?format=csv", teamB),
			fmt.Sprintf("/organisations/%d/team-profile", fx.serviceA.ID), "/organisations/999999/team-profile"} {
			if res := admin.get(path); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, res.StatusCode)
			}
		}

		// Staff of Team A: the aggregate of one member would give the colleague away.
		staff := fx.signedIn("staff")
		res = staff.get(teamPath)
		if res.StatusCode != http.StatusOK || strings.Contains(res.body, "Alex Alpha") || strings.Contains(res.body, `id="team-table"`) || !strings.Contains(res.body, "Fewer than 5") {
			t.Errorf("staff's team view: %d %s", res.StatusCode, res.body)
		}
		if res := staff.get(teamPath + "/export?format=csv"); res.StatusCode != http.StatusNotFound {
			t.Errorf("staff's export: %d", res.StatusCode)
		}
		// Trust B's administrator cannot open Team A's view.
		if res := fx.signedIn("adminB").get(teamPath); res.StatusCode != http.StatusNotFound || strings.Contains(res.body, a.Name) {
			t.Errorf("Trust B's administrator: %d", res.StatusCode)
		}
		// Robin's role gets a profile on IWF 1.0: the page offers both versions, 2.1 first (a tie
		// goes to the later version), and shows each on its own.
		people, err := fx.db.TeamMembers(ctx, fx.teamA.ID, fx.db.Today())
		if err != nil {
			t.Fatal(err)
		}
		var clerkRole int64
		for _, m := range people {
			if m.Person.Name == "Robin Nobody" {
				clerkRole = m.RoleIDs[0]
			}
		}
		f10, _, err := fx.db.FrameworkVersion(ctx, "iwf", "1.0")
		if err != nil {
			t.Fatal(err)
		}
		old := profile.Even(f10)
		old.Draft = false
		for i := range old.Entries {
			old.Entries[i].Level = "intermediate"
		}
		if _, err := fx.db.CreateProfile(ctx, store.Actor{}, store.Profile{RoleID: clerkRole, OrganisationID: fx.orgA.ID, Title: "Ward clerk 2019", Profile: old}); err != nil {
			t.Fatal(err)
		}
		res = admin.get(teamPath)
		if !strings.Contains(res.body, `<option value="iwf@2.1" selected>`) || !strings.Contains(res.body, `<option value="iwf@1.0">`) {
			t.Errorf("the version picker: %s", between(res.body, `<select class="nhsuk-select" id="use"`, "</select>"))
		}
		res = admin.get(teamPath + "?use=iwf@1.0")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "version 1.0: 1 of 2 members counted") || !strings.Contains(res.body, "Ward clerk 2019") {
			t.Errorf("the 1.0 view: %d", res.StatusCode)
		}
		if res := admin.get(teamPath + "?use=iwf@9"); res.StatusCode != http.StatusNotFound {
			t.Errorf("a version nobody is on: %d", res.StatusCode)
		}

		// The organisation page and the profiles page link to the team view.
		if res := staff.get(fmt.Sprintf("/organisations/%d", fx.teamA.ID)); !strings.Contains(res.body, teamPath) {
			t.Error("the team's page does not link to its team view")
		}
		if res := admin.get("/profiles"); !strings.Contains(res.body, teamPath) || strings.Contains(res.body, fmt.Sprintf("/organisations/%d/team-profile", teamB)) {
			t.Error("the profiles page does not list exactly the viewer's teams")
		}
	})
}

// reversedIWF is iwfProfile with its shares in the reverse order: a skill mix of its own.
func (fx *fixture) reversedIWF(level string) profile.Profile {
	fx.t.Helper()
	p := fx.iwfProfile(level)
	n := len(p.Entries)
	for i := range n / 2 {
		p.Entries[i].Share, p.Entries[n-1-i].Share = p.Entries[n-1-i].Share, p.Entries[i].Share
	}
	return p
}
