package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store/storetest"
)

func TestCareerFrameworks(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			srv, w := startWorld(t, engine)
			runSteps(t, srv, careerFrameworkSteps(w))
		})
	}
}

// careerFrameworkSteps: the planner of Research and Development makes a research delivery
// framework from the clinical trials assistant (level 3) up to the research nurse (level 5),
// changes it, and meets a stale version; others see it or not by their scope.
func careerFrameworkSteps(w world) []step {
	var created careerFrameworkDoc
	at := func() string { return careerFrameworkHref(created.ID) }
	body := func(version any, routes ...map[string]any) map[string]any {
		if routes == nil {
			routes = []map[string]any{}
		}
		b := map[string]any{"organisation_id": w.research.ID, "title": "Research delivery career framework",
			"staff_group": "Research delivery", "families": []map[string]any{{"name": "Research delivery"}},
			"placements": []map[string]any{{"role_id": w.assistant.ID, "family": "research-delivery"}, {"role_id": w.researchNurse.ID, "family": "research-delivery"}},
			"routes":     routes}
		if version != nil {
			b["version"] = version
		}
		return b
	}
	up := map[string]any{"from_role_id": w.assistant.ID, "to_role_id": w.researchNurse.ID, "kind": "up", "registration_required": true, "qualification": "Nursing degree"}
	across := map[string]any{"from_role_id": w.assistant.ID, "to_role_id": w.researchNurse.ID, "kind": "across"}
	return []step{
		{name: "nobody signed in", request: request{path: "/api/v1/career-frameworks", invalid: true}, status: 401},
		{name: "empty list", request: request{path: "/api/v1/career-frameworks", as: w.planner.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if l := decode[careerFrameworkList](t, r); len(l.CareerFrameworks) != 0 {
					t.Errorf("list = %+v", l)
				}
			}},
		{name: "across between levels is refused", request: request{method: http.MethodPost, path: "/api/v1/career-frameworks", as: w.planner.ID,
			body: body(nil, across)}, status: 422, check: wantErrors(map[string]string{"/routes/0": "same level"})},
		{name: "a staff member cannot create one", request: request{method: http.MethodPost, path: "/api/v1/career-frameworks", as: w.nurse.ID,
			body: body(nil, up)}, status: 403},
		{name: "create", request: request{method: http.MethodPost, path: "/api/v1/career-frameworks", as: w.planner.ID, body: body(nil, up)}, status: 201,
			check: func(t *testing.T, r response) {
				created = decode[careerFrameworkDoc](t, r)
				if created.Version != 1 || len(created.Routes) != 1 || !created.Routes[0].RegistrationRequired || len(created.Roles) != 2 ||
					created.Roles[1].Level != 5 || r.header.Get("Location") != careerFrameworkHref(created.ID) {
					t.Errorf("created %+v", created)
				}
			}},
		{name: "get", at: at, request: request{as: w.viewer.ID}, status: 200, check: func(t *testing.T, r response) {
			if d := decode[careerFrameworkDoc](t, r); d.Title != "Research delivery career framework" || d.Families[0].Key != "research-delivery" {
				t.Errorf("got %+v", d)
			}
		}},
		{name: "another trust's planner cannot see it", at: at, request: request{as: w.outsider.ID}, status: 404},
		{name: "nor list it", request: request{path: "/api/v1/career-frameworks", as: w.outsider.ID}, status: 200,
			check: func(t *testing.T, r response) {
				if l := decode[careerFrameworkList](t, r); len(l.CareerFrameworks) != 0 {
					t.Errorf("outsider's list = %+v", l)
				}
			}},
		{name: "a viewer cannot change it", at: at, request: request{method: http.MethodPut, as: w.viewer.ID}, build: func() any { return body(1, up) }, status: 403},
		{name: "a change without a version", at: at, request: request{method: http.MethodPut, as: w.planner.ID}, build: func() any { return body(nil, up) }, status: 428},
		{name: "update", at: at, request: request{method: http.MethodPut, as: w.planner.ID},
			build: func() any { b := body(1, up); b["status"] = "published"; return b }, status: 200,
			check: func(t *testing.T, r response) {
				if d := decode[careerFrameworkDoc](t, r); d.Version != 2 || d.Status != "published" {
					t.Errorf("updated %+v", d)
				}
			}},
		{name: "a stale version is a conflict", at: at, request: request{method: http.MethodPut, as: w.planner.ID},
			build: func() any { b := body(1); b["title"] = "Stale"; return b }, status: 409, check: wantDetail("now at version 2")},
		{name: "the list counts roles and routes", request: request{path: "/api/v1/career-frameworks", as: w.viewer.ID}, status: 200,
			check: func(t *testing.T, r response) {
				l := decode[careerFrameworkList](t, r)
				if len(l.CareerFrameworks) != 1 || l.CareerFrameworks[0].Roles != 2 || l.CareerFrameworks[0].Routes != 1 ||
					!strings.HasSuffix(l.CareerFrameworks[0].Href, fmt.Sprint(created.ID)) {
					t.Errorf("list = %+v", l)
				}
			}},
		{name: "a role of another trust cannot be placed", at: at, request: request{method: http.MethodPut, as: w.planner.ID},
			build: func() any {
				b := body(2)
				b["placements"] = append(b["placements"].([]map[string]any), map[string]any{"role_id": w.south1.ID, "family": "research-delivery"})
				return b
			}, status: 422, check: wantErrors(map[string]string{"/placements/2": "cannot use"})},
	}
}
