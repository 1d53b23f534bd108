package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store/storetest"
)

func TestProfiles(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			runSteps(t, srv, profileSteps(t, w))
		})
	}
}

func profileSteps(t *testing.T, w world) []step {
	path := func(id int64, rest ...string) string {
		return fmt.Sprintf("/api/v1/profiles/%d", id) + strings.Join(rest, "")
	}
	iwf21 := builtin(t, "iwf", "2.1")
	good := complete(t, iwf21, "intermediate")
	input := func(title string, p profile.Profile) map[string]any {
		return map[string]any{"title": title, "framework_key": p.FrameworkKey, "framework_version": p.FrameworkVersion,
			"entries": p.Entries, "draft": p.Draft}
	}
	// A profile whose shares add up to 99: the third element lost one.
	short := complete(t, iwf21, "core")
	short.Entries[2].Share--
	// A draft: half the levels still to choose.
	draft := complete(t, iwf21, "core")
	draft.Draft = true
	for i := range draft.Entries[6:] {
		draft.Entries[6+i].Level = ""
	}

	var created profileDoc // the nurse's new profile
	var moved migrationDoc // her 1.0 profile moved to 2.1, not yet saved
	mine := func() string { return path(created.ID) }
	return []step{
		{name: "nobody signed in", request: request{path: "/api/v1/profiles", invalid: true}, status: 401},

		// Listing: one's own only.
		{name: "own profiles", request: request{path: "/api/v1/profiles", as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				l := decode[profileList](t, r)
				var ids []int64
				for _, p := range l.Profiles {
					ids = append(ids, p.ID)
					if p.Owner != ownerPerson || p.UserID != w.nurse.ID || p.RoleID != 0 || p.Total != 100 || p.Draft {
						t.Errorf("profile = %+v", p)
					}
				}
				if !slices.Equal(ids, []int64{w.nurseToday.ID, w.nurseOld.ID}) {
					t.Errorf("ids %v, want the newest first: [%d %d]", ids, w.nurseToday.ID, w.nurseOld.ID)
				}
			}},
		{name: "a planner has none of their own", request: request{path: "/api/v1/profiles", as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if l := decode[profileList](t, r); l.Profiles == nil || len(l.Profiles) != 0 {
					t.Errorf("profiles = %+v, want []", l.Profiles)
				}
			}},

		// Creating one's own.
		{name: "create", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: input("  My role this year ", good)}, status: 201,
			check: func(t *testing.T, r response) {
				created = decode[profileDoc](t, r)
				if created.ID == 0 || created.Title != "My role this year" || created.Owner != ownerPerson || created.UserID != w.nurse.ID ||
					created.Version != 1 || created.Total != 100 || len(created.Entries) != 12 || created.Draft ||
					created.FrameworkKey != "iwf" || created.FrameworkVersion != "2.1" {
					t.Errorf("created = %+v", created)
				}
				if r.header.Get("Location") != path(created.ID) || r.header.Get("ETag") != `"1"` {
					t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
				}
			}},
		{name: "shares add up to 99", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: input("Short", short)}, status: 422,
			check: func(t *testing.T, r response) {
				wantErrors(map[string]string{"/entries": "Shares add up to 99%: they must add up to 100%"})(t, r)
				wantDetail("draft set to true")(t, r)
			}},
		{name: "every problem, each where it is", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: input("", func() profile.Profile {
				p := complete(t, iwf21, "core")
				p.Entries[0].Level = "expert"
				p.Entries[1].Share = 0
				p.Entries = append(p.Entries, profile.Entry{Node: "domain-leadership", Share: 1, Level: "core"})
				return p
			}())}, status: 422,
			check: wantErrors(map[string]string{
				"/title":           "Give the profile a name",
				"/entries/0/level": "Choose Awareness, Core, Intermediate or Advanced",
				"/entries/1/share": "Give a share to",
				"/entries/12/node": "only elements take a share",
				"/entries":         "Shares add up to",
			})},
		{name: "a draft may be unfinished", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, body: input("Draft", draft)}, status: 201,
			check: func(t *testing.T, r response) {
				if d := decode[profileDoc](t, r); !d.Draft || d.Entries[7].Level != "" {
					t.Errorf("draft = %+v", d)
				}
			}},
		{name: "a draft holds nothing out of range", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: input("Draft", func() profile.Profile {
				p := draft
				p.Entries = slices.Clone(p.Entries)
				p.Entries[0].Share = 101
				return p
			}())}, status: 422,
			check: wantErrors(map[string]string{"/entries/0/share": "cannot have more than 100%"})},
		{name: "a framework that does not exist", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: map[string]any{"title": "x", "framework_key": "iwf", "framework_version": "3.0", "entries": []any{}}}, status: 422,
			check: wantErrors(map[string]string{"/framework_version": "not a framework version in the catalogue"})},
		{name: "an organisation's own framework version is not in the catalogue", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: map[string]any{"title": "x", "framework_key": "iwf", "framework_version": "9.9-northshire", "entries": []any{}}}, status: 422,
			check: wantErrors(map[string]string{"/framework_version": "not a framework version in the catalogue"})},
		{name: "not a profile framework", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: map[string]any{"title": "x", "framework_key": "ksf", "framework_version": "2010", "entries": []any{}}}, status: 422,
			check: wantErrors(map[string]string{"/framework_key": "not a profile framework"})},
		{name: "no framework", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID,
			body: map[string]any{"title": "x", "framework_key": "", "framework_version": "", "entries": []any{}}}, status: 422,
			check: wantErrors(map[string]string{"/framework_key": "Give the key"})},
		{name: "an entry field that does not exist", request: request{method: "POST", path: "/api/v1/profiles", as: w.nurse.ID, invalid: true,
			body: map[string]any{"title": "x", "framework_key": "iwf", "framework_version": "2.1", "entries": []any{map[string]any{"node": "x", "percent": 5}}}}, status: 400,
			check: wantErrors(map[string]string{"/percent": "not a field"})},

		// Reading: one's own, and role profiles in scope; nobody else's own.
		{name: "own profile", at: mine, request: request{as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if r.header.Get("ETag") != `"1"` || decode[profileDoc](t, r).ID != created.ID {
					t.Errorf("ETag %s, body %s", r.header.Get("ETag"), r.body)
				}
			}},
		{name: "own profile not modified", at: mine, request: request{as: w.nurse.ID, header: http.Header{"If-None-Match": {`"1"`}}}, status: 304},
		{name: "someone else's own profile", at: mine, request: request{as: w.planner.ID}, status: 404,
			check: wantDetail("no profile")},
		{name: "not even a site administrator sees someone's own profile", at: mine, request: request{as: w.admin.ID}, status: 404},
		{name: "a role's profile in sight", request: request{path: path(w.roleProfile.ID), as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[profileDoc](t, r); d.Owner != ownerRole || d.RoleID != w.researchNurse.ID || d.OrganisationID != w.research.ID || d.UserID != 0 {
					t.Errorf("role profile = %+v", d)
				}
			}},
		{name: "a role's profile out of sight", request: request{path: path(w.southProfile.ID), as: w.viewer.ID}, status: 404},
		{name: "a site administrator sees a role's profile", request: request{path: path(w.southProfile.ID), as: w.admin.ID}, status: 200},
		{name: "a profile that does not exist", request: request{path: "/api/v1/profiles/999999", as: w.nurse.ID}, status: 404},
		{name: "an id that is not a number", request: request{path: "/api/v1/profiles/mine", as: w.nurse.ID, invalid: true}, status: 404},

		// Changing: one's own, or a role's as its organisation's planner; with the version read.
		{name: "change with If-Match", at: mine, request: request{method: "PUT", as: w.nurse.ID, header: http.Header{"If-Match": {`"1"`}}},
			build: func() any {
				d := created
				d.Entries = slices.Clone(d.Entries)
				d.Entries[0].Share++
				d.Entries[1].Share--
				d.Entries[0].Note = "More consent visits this year."
				d.Title = "My role this year (updated)"
				return d // as GET returned it: id, owner, total, href... are ignored
			}, status: 200, check: func(t *testing.T, r response) {
				d := decode[profileDoc](t, r)
				if d.Version != 2 || d.Title != "My role this year (updated)" || d.Entries[0].Note == "" || d.Total != 100 || r.header.Get("ETag") != `"2"` {
					t.Errorf("changed = %+v, ETag %s", d, r.header.Get("ETag"))
				}
			}},
		{name: "stale version", at: mine, request: request{method: "PUT", as: w.nurse.ID},
			build:  func() any { d := created; d.Title = "Lost?"; return d }, // version 1 from the first read
			status: 409, check: func(t *testing.T, r response) {
				wantErrors(map[string]string{"/version": "not the latest (2)"})(t, r)
				wantDetail("Nothing was saved")(t, r)
			}},
		{name: "no version", at: mine, request: request{method: "PUT", as: w.nurse.ID},
			build: func() any { return input("No version", good) }, status: 428},
		{name: "an invalid change keeps the stored version", at: mine, request: request{method: "PUT", as: w.nurse.ID, header: http.Header{"If-Match": {`"2"`}}},
			build: func() any { return input("Short", short) }, status: 422},
		{name: "another framework", at: mine, request: request{method: "PUT", as: w.nurse.ID, header: http.Header{"If-Match": {`"2"`}}},
			build: func() any {
				return map[string]any{"title": "x", "framework_key": "iwl", "framework_version": "2009", "entries": []any{}}
			},
			status: 422, check: wantErrors(map[string]string{"/framework_key": `"iwf"`})},
		{name: "an older version of the framework", at: mine, request: request{method: "PUT", as: w.nurse.ID, header: http.Header{"If-Match": {`"2"`}}},
			build:  func() any { return input("x", complete(t, builtin(t, "iwf", "1.0"), "core")) },
			status: 422, check: wantErrors(map[string]string{"/framework_version": `"2.1"`})},
		{name: "someone else's own profile cannot be changed", at: mine, request: request{method: "PUT", as: w.outsider.ID, header: http.Header{"If-Match": {`"2"`}}},
			build: func() any { return input("Mine now", good) }, status: 404},
		{name: "a role's profile, by a viewer", request: request{method: "PUT", path: path(w.roleProfile.ID), as: w.viewer.ID,
			header: http.Header{"If-Match": {`"1"`}}, body: input("Research nurse", good)}, status: 403,
			check: wantDetail("planner or administrator")},
		{name: "a role's profile, by the planner of its organisation", request: request{method: "PUT", path: path(w.roleProfile.ID), as: w.planner.ID,
			header: http.Header{"If-Match": {`"1"`}}, body: input("Research nurse", good)}, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[profileDoc](t, r); d.Version != 2 || d.Owner != ownerRole || d.Entries[0].Level != "intermediate" {
					t.Errorf("changed = %+v", d)
				}
			}},

		// History.
		{name: "history", at: func() string { return path(created.ID, "/versions") }, request: request{as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				h := decode[profileVersionList](t, r)
				if len(h.Versions) != 2 || h.Versions[0].Version != 2 || h.Versions[1].Version != 1 ||
					h.Versions[1].Title != "My role this year" || h.Versions[0].SavedBy != w.nurse.ID || h.Versions[0].SavedByName != "Nia Nurse" ||
					h.Versions[0].Total != 100 || h.Versions[0].SavedAt.IsZero() {
					t.Errorf("history = %+v", h.Versions)
				}
			}},
		{name: "history of someone else's profile", at: func() string { return path(created.ID, "/versions") }, request: request{as: w.viewer.ID}, status: 404},

		// Comparing.
		{name: "compare own with the role's", request: request{method: "POST", path: "/api/v1/profiles/compare", as: w.nurse.ID,
			body: map[string]any{"ids": []int64{w.roleProfile.ID, w.nurseToday.ID, w.nurseOld.ID}}}, status: 200,
			check: func(t *testing.T, r response) {
				c := decode[comparisonDoc](t, r)
				if len(c.Profiles) != 3 || c.Profiles[0].ID != w.roleProfile.ID || c.Profiles[1].Href != path(w.nurseToday.ID) ||
					c.FrameworkKey != "iwf" || c.FrameworkVersion != "2.1" || len(c.Rows) != 12 ||
					!slices.Equal(c.Totals, []int{100, 100, 100}) || !slices.Equal(c.Foreign, []int{2}) {
					t.Fatalf("comparison = %+v", c)
				}
				row := c.Rows[0]
				if len(row.Cells) != 3 || len(row.Diffs) != 2 || row.Cells[0].Level != "intermediate" || row.Cells[1].Level != "core" ||
					!row.Diffs[0].RankKnown || row.Diffs[0].Rank != -1 || row.Parent == "" {
					t.Errorf("first row = %+v", row)
				}
			}},
		{name: "compare with a profile out of sight", request: request{method: "POST", path: "/api/v1/profiles/compare", as: w.nurse.ID,
			body: map[string]any{"ids": []int64{w.nurseToday.ID, w.outsiderOwn.ID}}}, status: 404,
			check: wantDetail(fmt.Sprintf("no profile %d", w.outsiderOwn.ID))},
		{name: "compare one profile", request: request{method: "POST", path: "/api/v1/profiles/compare", as: w.nurse.ID, invalid: true,
			body: map[string]any{"ids": []int64{w.nurseToday.ID}}}, status: 422,
			check: wantErrors(map[string]string{"/ids": "2 to 6"})},
		{name: "compare by link", request: request{path: fmt.Sprintf("/api/v1/profiles/compare?ids=%d,%d", w.nurseToday.ID, w.roleProfile.ID), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				c := decode[comparisonDoc](t, r)
				if len(c.Profiles) != 2 || c.Profiles[0].ID != w.nurseToday.ID || c.Profiles[1].ID != w.roleProfile.ID || len(c.Rows) != 12 {
					t.Errorf("comparison of %+v with %d rows", c.Profiles, len(c.Rows))
				}
			}},
		{name: "compare by link, one id", request: request{path: fmt.Sprintf("/api/v1/profiles/compare?ids=%d", w.nurseToday.ID), as: w.nurse.ID}, status: 422,
			check: wantErrors(map[string]string{"ids": "2 to 6"})},
		{name: "compare by link, someone else's", request: request{path: fmt.Sprintf("/api/v1/profiles/compare?ids=%d,%d", w.nurseToday.ID, w.outsiderOwn.ID), as: w.nurse.ID}, status: 404},

		// Moving to a newer version: nothing saved until a PUT.
		{name: "move 1.0 to 2.1", request: request{method: "POST", path: path(w.nurseOld.ID, "/migrate"), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				moved = decode[migrationDoc](t, r)
				p := moved.Profile
				if moved.FromVersion != "1.0" || moved.ToVersion != "2.1" || p.ID != w.nurseOld.ID || p.FrameworkVersion != "2.1" ||
					p.Version != 1 || p.Total != 100 || len(p.Entries) != 12 || p.Draft || len(moved.Notes) == 0 {
					t.Errorf("moved = %+v", moved)
				}
			}},
		{name: "moving saved nothing", request: request{path: path(w.nurseOld.ID), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[profileDoc](t, r); d.FrameworkVersion != "1.0" || d.Version != 1 {
					t.Errorf("stored = version %d on %s", d.Version, d.FrameworkVersion)
				}
			}},
		{name: "save the moved profile", request: request{method: "PUT", path: path(w.nurseOld.ID), as: w.nurse.ID},
			build: func() any { return moved.Profile }, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[profileDoc](t, r); d.FrameworkVersion != "2.1" || d.Version != 2 || d.Total != 100 {
					t.Errorf("saved = %+v", d)
				}
			}},
		{name: "the version on 1.0 stays in the history", request: request{path: path(w.nurseOld.ID, "/versions"), as: w.nurse.ID}, status: 200,
			check: func(t *testing.T, r response) {
				h := decode[profileVersionList](t, r)
				if len(h.Versions) != 2 || h.Versions[0].FrameworkVersion != "2.1" || h.Versions[1].FrameworkVersion != "1.0" {
					t.Errorf("history = %+v", h.Versions)
				}
			}},
		{name: "nothing newer to move to", request: request{method: "POST", path: path(w.nurseOld.ID, "/migrate"), as: w.nurse.ID}, status: 422,
			check: wantDetail("nothing to move this profile to")},
		{name: "move someone else's", request: request{method: "POST", path: path(w.outsiderOwn.ID, "/migrate"), as: w.nurse.ID}, status: 404},
		{name: "move a role's profile without the right to change it", request: request{method: "POST", path: path(w.roleProfile.ID, "/migrate"), as: w.viewer.ID}, status: 403},
	}
}
