package api

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// TestAssessments: cycles, ratings, evidence and actions through the API, each response checked
// against the contract, and a cycle of another trust is "not found".
func TestAssessments(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			ctx := t.Context()
			f := builtin(t, "iwl", "2009")
			var keys []string
			for _, s := range assess.FlatStandards(f) {
				keys = append(keys, s.Key)
			}
			c, err := srv.db.CreateCycle(ctx, store.System, assess.Cycle{OrganisationID: w.north.ID, Name: "2026/27", FrameworkKey: "iwl", FrameworkVersion: "2009"},
				keys, []assess.Rating{{StandardKey: keys[0], Management: "practice", Staff: "pledge"}, {StandardKey: keys[1], Management: "pledge", Staff: "pledge"}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := srv.db.AddEvidence(ctx, store.System, assess.Evidence{CycleID: c.ID, StandardKey: keys[0], Kind: assess.EvidenceLink, URL: "https://example.org/"}); err != nil {
				t.Fatal(err)
			}
			act, err := srv.db.SaveAction(ctx, store.System, assess.Action{CycleID: c.ID, Description: "Agree the policy", OwnerID: w.viewer.ID,
				Sides: []assess.Side{assess.Management, assess.StaffSide}, Due: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Status: assess.ActionInProgress, Standards: keys[:1]})
			if err != nil {
				t.Fatal(err)
			}
			base := fmt.Sprintf("/api/v1/assessments/%d", c.ID)
			rep, err := srv.db.CreateUser(ctx, store.System, store.User{Email: "rep@northmoor.example", Name: "Ravi Rep"})
			if err != nil {
				t.Fatal(err)
			}
			if err := srv.db.SetMembership(ctx, store.System, rep.ID, w.north.ID, store.AccessStaff); err != nil {
				t.Fatal(err)
			}
			if err := srv.db.SetAssessmentSide(ctx, store.System, w.north.ID, w.viewer.ID, assess.Management); err != nil {
				t.Fatal(err)
			}
			if err := srv.db.SetAssessmentSide(ctx, store.System, w.north.ID, rep.ID, assess.StaffSide); err != nil {
				t.Fatal(err)
			}
			rate := base + "/ratings/" + keys[2]
			put := func(as int64, body any) request { return request{method: "PUT", path: rate, as: as, body: body} }
			state := func(want string) func(t *testing.T, r response) {
				return func(t *testing.T, r response) {
					var d struct{ State string }
					_ = json.Unmarshal([]byte(r.body), &d)
					if d.State != want {
						t.Errorf("state %q, want %q: %s", d.State, want, r.body)
					}
				}
			}
			runSteps(t, srv, []step{
				{name: "nobody signed in", request: request{path: "/api/v1/assessments", invalid: true}, status: 401},
				{name: "the trust's viewer lists it", request: request{path: "/api/v1/assessments", as: w.viewer.ID}, status: 200,
					check: func(t *testing.T, r response) {
						var d struct{ Assessments []map[string]any }
						_ = json.Unmarshal([]byte(r.body), &d)
						if len(d.Assessments) != 1 || d.Assessments[0]["status"] != "open" {
							t.Errorf("list %s", r.body)
						}
					}},
				{name: "another trust sees none", request: request{path: "/api/v1/assessments", as: w.outsider.ID}, status: 200,
					check: func(t *testing.T, r response) {
						var d struct{ Assessments []any }
						_ = json.Unmarshal([]byte(r.body), &d)
						if len(d.Assessments) != 0 {
							t.Errorf("outsider sees %s", r.body)
						}
					}},
				{name: "another trust cannot open it", request: request{path: base, as: w.outsider.ID}, status: 404},
				{name: "ratings with both views", request: request{path: base, as: w.viewer.ID}, status: 200,
					check: func(t *testing.T, r response) {
						var d struct {
							Scale   []struct{ Title string }
							Ratings []struct {
								State      string
								Agreed     *string
								Management *string
							}
						}
						_ = json.Unmarshal([]byte(r.body), &d)
						if len(d.Scale) != 4 || d.Scale[1].Title != "Pledge" || len(d.Ratings) != len(keys) ||
							d.Ratings[0].State != "disagreed" || d.Ratings[0].Agreed != nil || *d.Ratings[0].Management != "practice" ||
							d.Ratings[1].State != "agreed" || d.Ratings[2].State != "unconfirmed" {
							t.Errorf("cycle %s", r.body)
						}
					}},
				{name: "evidence metadata", request: request{path: base + "/evidence", as: w.viewer.ID}, status: 200},
				{name: "actions with overdue", request: request{path: base + "/actions", as: w.viewer.ID}, status: 200,
					check: func(t *testing.T, r response) {
						var d struct {
							Actions []struct {
								ID      int64
								Overdue bool
							}
						}
						_ = json.Unmarshal([]byte(r.body), &d)
						if len(d.Actions) != 1 || d.Actions[0].ID != act.ID || !d.Actions[0].Overdue {
							t.Errorf("actions %s", r.body)
						}
					}},
				{name: "another trust cannot list its actions", request: request{path: base + "/actions", as: w.outsider.ID}, status: 404},
				{name: "another trust cannot rate", request: put(w.outsider.ID, map[string]any{"rating": "pledge", "version": 1}), status: 404},
				{name: "a site administrator on no side cannot rate", request: put(w.admin.ID, map[string]any{"rating": "pledge", "version": 1}), status: 403},
				{name: "a rating without a version", request: put(w.viewer.ID, map[string]any{"rating": "pledge"}), status: 428},
				{name: "a rating off the scale", request: put(w.viewer.ID, map[string]any{"rating": "platinum", "version": 1}), status: 422},
				{name: "an unknown standard", request: request{method: "PUT", path: base + "/ratings/nope", as: w.viewer.ID, body: map[string]any{"rating": "pledge", "version": 1}}, status: 404},
				{name: "the management lead rates", request: put(w.viewer.ID, map[string]any{"rating": "practice", "version": 1}), status: 200, check: state("awaiting")},
				{name: "a stale version", request: put(rep.ID, map[string]any{"rating": "practice", "version": 1}), status: 409},
				{name: "the staff side agrees", request: put(rep.ID, map[string]any{"rating": "practice", "version": 2}), status: 200, check: state("agreed")},
			})
		})
	}
}
