package api

import (
	"slices"
	"strings"
	"testing"
)

func TestLoadReference(t *testing.T) {
	ref, err := LoadReference()
	if err != nil {
		t.Fatal(err)
	}
	if ref.Title != "Workframe API" || ref.Version != "1.0.0" || !strings.Contains(ref.Description, "problem details") {
		t.Errorf("title %q, version %q, description %.60q", ref.Title, ref.Version, ref.Description)
	}
	var ops []string
	for _, o := range ref.Operations {
		ops = append(ops, o.Method+" "+o.Path)
		if o.Summary == "" || o.Description == "" || o.Tag == "" || len(o.Responses) == 0 {
			t.Errorf("%s %s: summary %q, tag %q, %d responses", o.Method, o.Path, o.Summary, o.Tag, len(o.Responses))
		}
	}
	want := []string{
		"GET /api/openapi.yaml",
		"GET /api/v1/assessments",
		"GET /api/v1/assessments/{id}",
		"GET /api/v1/assessments/{id}/actions",
		"GET /api/v1/assessments/{id}/evidence",
		"PUT /api/v1/assessments/{id}/ratings/{key}",
		"GET /api/v1/career-frameworks",
		"POST /api/v1/career-frameworks",
		"GET /api/v1/career-frameworks/{id}",
		"PUT /api/v1/career-frameworks/{id}",
		"GET /api/v1/frameworks",
		"GET /api/v1/frameworks/{key}",
		"GET /api/v1/frameworks/{key}/versions/{version}",
		"GET /api/v1/organisations/{id}/posts",
		"POST /api/v1/organisations/{id}/posts",
		"GET /api/v1/organisations/{id}/scenarios",
		"POST /api/v1/organisations/{id}/scenarios",
		"GET /api/v1/organisations/{id}/scenarios/comparison",
		"GET /api/v1/organisations/{id}/workforce-plans",
		"POST /api/v1/organisations/{id}/workforce-plans",
		"GET /api/v1/organisations/{id}/workforce-profile",
		"GET /api/v1/partnerships",
		"POST /api/v1/partnerships",
		"GET /api/v1/partnerships/{id}",
		"POST /api/v1/partnerships/{id}/plans",
		"GET /api/v1/partnerships/{id}/register",
		"POST /api/v1/partnerships/{id}/register",
		"GET /api/v1/partnerships/{id}/register/{solution}",
		"PUT /api/v1/partnerships/{id}/register/{solution}",
		"DELETE /api/v1/partnerships/{id}/register/{solution}",
		"POST /api/v1/partnerships/{id}/register/{solution}/comments",
		"GET /api/v1/partnerships/{id}/resources",
		"POST /api/v1/partnerships/{id}/resources",
		"PUT /api/v1/partnerships/{id}/resources/{resource}",
		"DELETE /api/v1/partnerships/{id}/resources/{resource}",
		"GET /api/v1/partnerships/{id}/workforce-profile",
		"GET /api/v1/people",
		"POST /api/v1/people",
		"GET /api/v1/people/{id}",
		"PUT /api/v1/people/{id}",
		"GET /api/v1/people/{id}/career-options",
		"GET /api/v1/people/{id}/gap",
		"GET /api/v1/people/{id}/pathway",
		"GET /api/v1/people/{id}/portfolio",
		"POST /api/v1/people/{id}/portfolio",
		"GET /api/v1/plans/{id}",
		"PUT /api/v1/plans/{id}",
		"POST /api/v1/plans/{id}/actions",
		"PUT /api/v1/plans/{id}/actions/{action}",
		"DELETE /api/v1/plans/{id}/actions/{action}/waits-for/{on}",
		"POST /api/v1/plans/{id}/dependencies",
		"POST /api/v1/plans/{id}/measures",
		"POST /api/v1/plans/{id}/measures/{measure}/values",
		"POST /api/v1/plans/{id}/objectives",
		"POST /api/v1/plans/{id}/risks",
		"DELETE /api/v1/plans/{id}/risks/{risk}",
		"GET /api/v1/posts/{id}",
		"PUT /api/v1/posts/{id}",
		"DELETE /api/v1/posts/{id}",
		"GET /api/v1/profiles",
		"POST /api/v1/profiles",
		"GET /api/v1/profiles/compare",
		"POST /api/v1/profiles/compare",
		"GET /api/v1/profiles/export",
		"POST /api/v1/profiles/import",
		"GET /api/v1/profiles/{id}",
		"PUT /api/v1/profiles/{id}",
		"POST /api/v1/profiles/{id}/migrate",
		"GET /api/v1/profiles/{id}/versions",
		"GET /api/v1/roles",
		"POST /api/v1/roles",
		"POST /api/v1/roles/import",
		"GET /api/v1/roles/{id}",
		"PUT /api/v1/roles/{id}",
		"GET /api/v1/roles/{id}/career-options",
		"GET /api/v1/roles/{id}/profiles",
		"GET /api/v1/roles/{id}/talent-match",
		"GET /api/v1/roles/{id}/versions",
		"GET /api/v1/scenarios/{id}",
		"PUT /api/v1/scenarios/{id}",
		"DELETE /api/v1/scenarios/{id}",
		"POST /api/v1/scenarios/{id}/changes",
		"GET /api/v1/scenarios/{id}/comparison",
		"POST /api/v1/scenarios/{id}/copy",
		"PUT /api/v1/scenarios/{id}/locked",
		"PUT /api/v1/scenarios/{id}/notes",
		"PUT /api/v1/scenarios/{id}/shared",
		"POST /api/v1/scenarios/{id}/undo",
		"GET /api/v1/teams/{id}/career-options",
		"GET /api/v1/teams/{id}/profile",
		"GET /api/v1/training-needs",
		"GET /api/v1/workforce-plans/{id}",
		"PUT /api/v1/workforce-plans/{id}/steps/{step}",
	}
	if !slices.Equal(ops, want) {
		t.Fatalf("operations = %v, want %v", ops, want)
	}
	// Every route is in the reference (the contract test checks the rest of the way), marked as
	// needing a sign-in exactly when its access rule says so.
	for _, rt := range Routes() {
		i := slices.Index(ops, rt.Method+" "+openAPIPath(rt.Pattern))
		if i < 0 {
			t.Errorf("route %s %s is not in the reference", rt.Method, rt.Pattern)
			continue
		}
		if got, want := ref.Operations[i].SignedIn, rt.Access != AccessPublic; got != want {
			t.Errorf("route %s %s: SignedIn %v, want %v", rt.Method, rt.Pattern, got, want)
		}
	}

	// Found by name: the operations are sorted by path, so an index would move as paths are added.
	v := ref.Operations[slices.Index(ops, "GET /api/v1/frameworks/{key}/versions/{version}")]
	if v.Tag != "Frameworks" || v.Summary != "Get a framework version" {
		t.Errorf("tag %q, summary %q", v.Tag, v.Summary)
	}
	if got, want := v.Parameters, []Parameter{
		{Name: "key", In: "path", Required: true},
		{Name: "version", In: "path", Required: true},
		{Name: "If-None-Match", In: "header"},
	}; len(got) != len(want) {
		t.Errorf("parameters = %+v", got)
	} else {
		for i := range want {
			if got[i].Name != want[i].Name || got[i].In != want[i].In || got[i].Required != want[i].Required || got[i].Description == "" {
				t.Errorf("parameter %d = %+v, want %+v with a description", i, got[i], want[i])
			}
		}
	}
	var statuses []string
	for _, r := range v.Responses {
		statuses = append(statuses, r.Status)
		if r.Description == "" {
			t.Errorf("response %s has no description", r.Status)
		}
	}
	if !slices.Equal(statuses, []string{"200", "304", "404", "500"}) {
		t.Errorf("statuses = %v", statuses)
	}

	// Callers get their own copy.
	ref.Operations[0].Parameters[0].Name = "changed"
	again, _ := LoadReference()
	if again.Operations[0].Parameters[0].Name == "changed" {
		t.Error("LoadReference hands out shared slices")
	}
}

func TestParseReference(t *testing.T) {
	const doc = `
openapi: 3.0.3
info: {title: T, version: "2"}
paths:
  /b:
    parameters:
      - {name: id, in: query, description: from the path, schema: {type: string}}
      - {name: x, in: header, schema: {type: string}}
    delete:
      responses: {'204': {description: gone}}
    post:
      responses: {default: {description: any}, '201': {description: made}}
    get:
      parameters:
        - {name: id, in: query, description: from the operation, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
  /a:
    get:
      tags: [First, Second]
      responses: {'200': {description: ok}}
`
	ref, err := parseReference([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, o := range ref.Operations {
		ops = append(ops, o.Method+" "+o.Path)
	}
	if want := []string{"GET /a", "GET /b", "POST /b", "DELETE /b"}; !slices.Equal(ops, want) {
		t.Errorf("operations = %v, want %v", ops, want)
	}
	if ref.Operations[0].Tag != "First" {
		t.Errorf("tag = %q, want the first", ref.Operations[0].Tag)
	}
	get := ref.Operations[1]
	if len(get.Parameters) != 2 || get.Parameters[0] != (Parameter{Name: "id", In: "query", Description: "from the operation", Required: true}) ||
		get.Parameters[1].Name != "x" {
		t.Errorf("GET /b parameters = %+v: the operation's id should replace the path's, in place", get.Parameters)
	}
	post := ref.Operations[2]
	if len(post.Responses) != 2 || post.Responses[0] != (Response{"201", "made"}) || post.Responses[1].Status != "default" {
		t.Errorf("POST /b responses = %+v", post.Responses)
	}

	if _, err := parseReference([]byte("openapi: 3.0.3\ninfo: {title: T}\npaths: {}\n")); err == nil {
		t.Error("a document without info.version was accepted")
	}
	if _, err := parseReference([]byte("{")); err == nil {
		t.Error("a broken document was accepted")
	}
}
