package api

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/transfer"
)

// TestTeamProfileAndImport: the team aggregate, the profiles of a team and the profile import,
// each scoped as the web pages are.
func TestTeamProfileAndImport(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			pw := seedPeople(t, srv.db, w)
			runSteps(t, srv, teamProfileSteps(t, pw))
		})
	}
}

func teamProfileSteps(t *testing.T, w peopleWorld) []step {
	team := fmt.Sprintf("/api/v1/teams/%d/profile", w.team.ID)
	view := func(wantSuppressed bool, wantMembers int) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			t.Helper()
			d := decode[teamProfileDoc](t, r)
			if d.Suppressed != wantSuppressed || len(d.Members) != wantMembers || d.InTeam != 1 || d.Counted != 1 {
				t.Fatalf("team view = %+v", d)
			}
			if wantSuppressed {
				if d.Profile != nil || d.Versions[0].Members != 0 {
					t.Errorf("suppressed figures leak: %+v", d)
				}
				return
			}
			sum := 0
			for _, e := range d.Profile.Elements {
				sum += e.Share
			}
			if sum != 100 || d.Profile.FrameworkVersion != "2.1" || d.Profile.FTE != 100 {
				t.Errorf("team profile: shares %d, %+v", sum, d.Profile)
			}
			if wantMembers > 0 {
				// Nia's own profile is one of fewer than five: her role's profile counts.
				m := d.Members[0]
				if m.Name != "Nia Nurse" || m.Source != string(profile.SourceRole) || m.ProfileID != w.roleProfile.ID || !m.OwnNotPooled {
					t.Errorf("member = %+v", m)
				}
			}
		}
	}
	ids := func(want ...int64) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			t.Helper()
			var got []int64
			for _, p := range decode[profileList](t, r).Profiles {
				got = append(got, p.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("profiles %v, want %v", got, want)
			}
		}
	}
	f := builtin(t, "iwf", "2.1")
	table := func(roleID int64, p profile.Profile) string {
		var buf bytes.Buffer
		if err := transfer.WriteProfilesCSV(&buf, []transfer.ProfileRecord{{Title: "Imported", RoleID: roleID, Profile: p}}, func(string, string) *framework.Framework { return f }); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	good := complete(t, f, "core")
	bad := complete(t, f, "core")
	bad.Entries[0].Share += 3
	return []step{
		{name: "a planner above the team sees figures and members", request: request{path: team, as: w.planner.ID}, status: 200, check: view(false, 1)},
		{name: "the version can be named", request: request{path: team + "?framework=iwf&version=2.1", as: w.planner.ID}, status: 200, check: view(false, 1)},
		{name: "a version nobody is on", request: request{path: team + "?framework=iwf&version=1.0", as: w.planner.ID}, status: 404},
		{name: "framework without version", request: request{path: team + "?framework=iwf", as: w.planner.ID}, status: 400},
		{name: "a viewer of the trust: one member is too few", request: request{path: team, as: w.viewer.ID}, status: 200, check: view(true, 0)},
		{name: "staff of the service: too few too", request: request{path: team, as: w.nurse.ID}, status: 200, check: view(true, 0)},
		{name: "another trust's planner", request: request{path: team, as: w.outsider.ID}, status: 404},
		{name: "a service is not a team", request: request{path: fmt.Sprintf("/api/v1/teams/%d/profile", w.research.ID), as: w.planner.ID}, status: 404},
		{name: "nobody signed in", request: request{path: team, invalid: true}, status: 401},

		{name: "the team's profiles", request: request{path: fmt.Sprintf("/api/v1/profiles?team=%d", w.team.ID), as: w.planner.ID}, status: 200, check: ids(w.roleProfile.ID)},
		{name: "another trust's team's profiles", request: request{path: fmt.Sprintf("/api/v1/profiles?team=%d", w.team.ID), as: w.outsider.ID}, status: 404},
		{name: "team with role_id", request: request{path: fmt.Sprintf("/api/v1/profiles?team=%d&role_id=%d", w.team.ID, w.researchNurse.ID), as: w.planner.ID}, status: 400},

		{name: "import a role's profile", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.planner.ID, ctype: "text/csv", body: table(w.researchNurse.ID, good)}, status: 201,
			check: func(t *testing.T, r response) {
				d := decode[profileImportResult](t, r)
				if d.Created != 1 || d.Profiles[0].RoleID != w.researchNurse.ID || d.Profiles[0].Total != 100 {
					t.Errorf("import = %+v", d)
				}
			}},
		{name: "import one's own profile", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "text/csv", body: table(0, good)}, status: 201,
			check: func(t *testing.T, r response) {
				if d := decode[profileImportResult](t, r); d.Created != 1 || d.Profiles[0].UserID != w.nurse.ID {
					t.Errorf("import = %+v", d)
				}
			}},
		{name: "a bad row saves nothing", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "text/csv", body: table(0, bad)}, status: 422,
			check: func(t *testing.T, r response) {
				if !strings.Contains(string(r.body), "103") {
					t.Errorf("the problem does not give the total: %s", r.body)
				}
			}},
		{name: "another trust's role", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.planner.ID, ctype: "text/csv", body: table(w.south1.ID, good)}, status: 422},
		{name: "staff cannot add to a role", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "text/csv", body: table(w.researchNurse.ID, good)}, status: 422},
		{name: "a multipart upload", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "multipart/form-data; boundary=XyZ",
			body: "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mine.csv\"\r\nContent-Type: text/csv\r\n\r\n" + table(0, good) + "\r\n--XyZ--\r\n"}, status: 201},
		{name: "a multipart upload without the file", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "multipart/form-data; boundary=XyZ",
			body: "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--\r\n", invalid: true}, status: 400},
		{name: "not a table", request: request{method: "POST", path: "/api/v1/profiles/import", as: w.nurse.ID, ctype: "application/json", body: "{}", invalid: true}, status: 415},
	}
}
