package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// TestProfileQueries: listing by role and by person, naming a role on one's own profile, the
// published roles of the organisations above one's own, and exports.
func TestProfileQueries(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			// A profile of the trust's published ward manager role: the nurse works in a service
			// below the trust, so she may read it, not change it.
			ward, err := srv.db.CreateProfile(t.Context(), store.Actor{UserID: w.planner.ID}, store.Profile{
				RoleID: w.wardManager.ID, OrganisationID: w.north.ID, Title: "Ward manager", Profile: complete(t, builtin(t, "iwf", "2.1"), "advanced")})
			if err != nil {
				t.Fatal(err)
			}
			list := func(path string, as int64, want ...int64) step {
				return step{name: path, request: request{path: path, as: as}, status: 200, check: func(t *testing.T, r response) {
					var got []int64
					for _, p := range decode[profileList](t, r).Profiles {
						got = append(got, p.ID)
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("profiles %v, want %v", got, want)
					}
				}}
			}
			var named profileDoc
			own := complete(t, builtin(t, "iwf", "2.1"), "core")
			body := func(aim int64) map[string]any {
				return map[string]any{"title": "About the ward", "framework_key": "iwf", "framework_version": "2.1", "entries": own.Entries, "aim_role_id": aim}
			}
			runSteps(t, srv, []step{
				list(fmt.Sprintf("/api/v1/profiles?role_id=%d", w.researchNurse.ID), w.nurse.ID, w.roleProfile.ID),
				list(fmt.Sprintf("/api/v1/profiles?role_id=%d", w.south1.ID), w.nurse.ID),
				list(fmt.Sprintf("/api/v1/profiles?role_id=%d", w.wardManager.ID), w.nurse.ID, ward.ID),
				list(fmt.Sprintf("/api/v1/profiles?person_id=%d", w.nurse.ID), w.nurse.ID, w.nurseToday.ID, w.nurseOld.ID),
				list(fmt.Sprintf("/api/v1/profiles?person_id=%d", w.outsider.ID), w.nurse.ID),
				{name: "a bad filter", request: request{path: "/api/v1/profiles?role_id=x", as: w.nurse.ID, invalid: true}, status: 400},
				{name: "read the trust's published role profile", request: request{path: fmt.Sprintf("/api/v1/profiles/%d", ward.ID), as: w.nurse.ID}, status: 200},
				{name: "but not change it", request: request{method: "POST", path: fmt.Sprintf("/api/v1/profiles/%d/migrate", ward.ID), as: w.nurse.ID}, status: 403},
				{name: "name the role on one's own profile", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: body(w.wardManager.ID)}, status: 201,
					check: func(t *testing.T, r response) {
						if named = decode[profileDoc](t, r); named.AimRoleID != w.wardManager.ID {
							t.Errorf("aim_role_id %d, want %d", named.AimRoleID, w.wardManager.ID)
						}
					}},
				{name: "a draft role cannot be named", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: body(w.assistant.ID)}, status: 422,
					check: wantErrors(map[string]string{"/aim_role_id": "published role"})},
				{name: "another trust's role cannot be named", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: body(w.south1.ID)}, status: 422},
				{name: "her profiles about the ward manager role", at: func() string {
					return fmt.Sprintf("/api/v1/profiles?person_id=%d&role_id=%d", w.nurse.ID, w.wardManager.ID)
				}, request: request{as: w.nurse.ID}, status: 200, check: func(t *testing.T, r response) {
					if l := decode[profileList](t, r); len(l.Profiles) != 1 || l.Profiles[0].ID != named.ID {
						t.Errorf("profiles %+v, want the one naming the role", l.Profiles)
					}
				}},
				{name: "export CSV", request: request{path: fmt.Sprintf("/api/v1/profiles/export?format=csv&ids=%d,%d", w.nurseToday.ID, ward.ID), as: w.nurse.ID}, status: 200,
					check: func(t *testing.T, r response) {
						rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.body, []byte("\xef\xbb\xbf")))).ReadAll()
						if err != nil || len(rows) != 3 || rows[1][1] != "My role today" || rows[2][1] != "Ward manager" || !strings.Contains(strings.Join(rows[0], ","), "leadership share") {
							t.Errorf("CSV %v %q", err, r.body)
						}
						if !strings.Contains(r.header.Get("Content-Disposition"), "profiles.csv") {
							t.Errorf("Content-Disposition %q", r.header.Get("Content-Disposition"))
						}
					}},
				{name: "export JSON of a role", request: request{path: fmt.Sprintf("/api/v1/profiles/export?format=json&role_id=%d", w.researchNurse.ID), as: w.viewer.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if !strings.Contains(string(r.body), fmt.Sprintf(`"role_id": %d`, w.researchNurse.ID)) {
							t.Errorf("JSON %s", r.body)
						}
					}},
				{name: "export XLSX", request: request{path: "/api/v1/profiles/export?format=xlsx", as: w.nurse.ID}, status: 200,
					check: func(t *testing.T, r response) {
						if !bytes.HasPrefix(r.body, []byte("PK")) {
							t.Errorf("not a workbook")
						}
					}},
				{name: "export someone else's", request: request{path: fmt.Sprintf("/api/v1/profiles/export?ids=%d", w.outsiderOwn.ID), as: w.nurse.ID}, status: 404},
				{name: "export in PDF", request: request{path: "/api/v1/profiles/export?format=pdf", as: w.nurse.ID, invalid: true}, status: 400},
			})
		})
	}
}
