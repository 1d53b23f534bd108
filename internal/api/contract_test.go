package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	apispec "github.com/workframe/workframe/api"
)

// contract is the API contract loaded for tests: the document, made strict (see strict), and a
// router that finds the operation a request is for.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

var (
	contractOnce sync.Once
	testContract *contract
	contractErr  error
)

// loadContract loads api/openapi.yaml once per test binary, validates it and makes it strict.
func loadContract(t testing.TB) *contract {
	t.Helper()
	contractOnce.Do(func() {
		doc, err := loadSpec(apispec.YAML)
		if err != nil {
			contractErr = err
			return
		}
		strict(doc)
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			contractErr = err
			return
		}
		testContract = &contract{doc: doc, router: router}
	})
	if contractErr != nil {
		t.Fatalf("load the contract: %v", contractErr)
	}
	return testContract
}

// strict forbids, for the tests only, properties that the contract does not describe. The
// published document leaves objects open (so that adding a field later does not break clients
// that generated code from it); the tests close them, so a field the handlers send and the
// contract forgot fails a test instead of going undocumented.
func strict(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var visit func(ref *openapi3.SchemaRef)
	visit = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Type.Is(openapi3.TypeObject) && len(s.Properties) > 0 &&
			s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			no := false
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			visit(p)
		}
		visit(s.Items)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, sub := range list {
				visit(sub)
			}
		}
	}
	for _, s := range doc.Components.Schemas {
		visit(s)
	}
}

// problemSchema is the contract's Problem schema, for responses that match no operation (an
// unknown path, a method a path does not support).
func (c *contract) problemSchema(t testing.TB) *openapi3.Schema {
	t.Helper()
	ref := c.doc.Components.Schemas["Problem"]
	if ref == nil || ref.Value == nil {
		t.Fatal("the contract has no Problem schema")
	}
	return ref.Value
}

type ctxKey int

const expectInvalidRequest ctxKey = iota

// withInvalidRequest marks a request the contract itself should reject (a test of how the API
// answers a bad request): the transport then requires request validation to fail.
func withInvalidRequest(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), expectInvalidRequest, true))
}

// validatingTransport checks every request a test makes, and its response, against the
// contract. A request for an operation the contract describes is validated with openapi3filter
// (request and response, including the status, headers and body). Any other request must get a
// problem response that fits the Problem schema.
type validatingTransport struct {
	t        testing.TB
	contract *contract
	next     http.RoundTripper
}

func (vt *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t := vt.t
	t.Helper()
	ctx := context.Background()
	head := req.Method == http.MethodHead
	lookup := req
	if head { // the contract describes GET; HEAD gets the same status and headers without a body
		lookup = req.Clone(req.Context())
		lookup.Method = http.MethodGet
	}
	route, pathParams, findErr := vt.contract.router.FindRoute(lookup)

	var input *openapi3filter.RequestValidationInput
	if findErr == nil {
		input = &openapi3filter.RequestValidationInput{
			Request: lookup, PathParams: pathParams, Route: route,
			Options: &openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: head,
				AuthenticationFunc: presentCredentials},
		}
		err := openapi3filter.ValidateRequest(ctx, input)
		wantInvalid, _ := req.Context().Value(expectInvalidRequest).(bool)
		switch {
		case err != nil && !wantInvalid:
			t.Errorf("%s %s: the request does not fit the contract: %v", req.Method, req.URL.RequestURI(), err)
		case err == nil && wantInvalid:
			t.Errorf("%s %s: the contract accepts a request the test says is invalid", req.Method, req.URL.RequestURI())
		}
	} else if !errors.Is(findErr, routers.ErrPathNotFound) && !errors.Is(findErr, routers.ErrMethodNotAllowed) {
		t.Errorf("%s %s: find the route in the contract: %v", req.Method, req.URL.RequestURI(), findErr)
	}

	resp, err := vt.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))

	if input != nil {
		rv := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: input, Status: resp.StatusCode, Header: resp.Header,
			Options: input.Options,
		}
		rv.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(ctx, rv); err != nil {
			t.Errorf("%s %s: the %d response does not fit the contract: %v\nbody: %.500s",
				req.Method, req.URL.RequestURI(), resp.StatusCode, err, body)
		}
		return resp, nil
	}
	// No operation matches: the API must still answer with a problem.
	if ct := mediaType(resp.Header.Get("Content-Type")); ct != contentProblem {
		t.Errorf("%s %s: Content-Type %q, want %s", req.Method, req.URL.RequestURI(), ct, contentProblem)
	}
	if !head {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Errorf("%s %s: the problem is not JSON: %v", req.Method, req.URL.RequestURI(), err)
		} else if err := vt.contract.problemSchema(t).VisitJSON(v); err != nil {
			t.Errorf("%s %s: the problem does not fit the Problem schema: %v", req.Method, req.URL.RequestURI(), err)
		}
	}
	return resp, nil
}

// presentCredentials checks that a request for an operation the contract secures carries the
// credentials its security scheme names (the session cookie). Whether they are good is the
// server's business; the contract only says where they go.
func presentCredentials(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme, req := in.SecurityScheme, in.RequestValidationInput.Request
	if scheme.Type != "apiKey" {
		return fmt.Errorf("security scheme %q: type %q is not one the tests know", in.SecuritySchemeName, scheme.Type)
	}
	switch scheme.In {
	case "cookie":
		if _, err := req.Cookie(scheme.Name); err != nil {
			return fmt.Errorf("no %s cookie", scheme.Name)
		}
	case "header":
		if req.Header.Get(scheme.Name) == "" {
			return fmt.Errorf("no %s header", scheme.Name)
		}
	default:
		return fmt.Errorf("security scheme %q: credentials in %q are not ones the tests know", in.SecuritySchemeName, scheme.In)
	}
	return nil
}

func mediaType(v string) string {
	mt, _, err := mime.ParseMediaType(v)
	if err != nil {
		return v
	}
	return mt
}

func TestContractIsValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(apispec.YAML)
	if err != nil {
		t.Fatalf("parse api/openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("api/openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	for _, name := range []string{
		"Framework", "Level", "Node", "Rules", "Crosswalk", "Mapping", "Target", "Relation", "Problem",
		"FrameworkList", "FrameworkSummary", "FrameworkDetail", "VersionSummary",
		"Role", "RoleInput", "Requirement", "RolePage", "RoleVersion", "RoleVersionList",
		"Profile", "ProfileInput", "ProfileEntry", "ProfileList", "ProfileVersion", "ProfileVersionList",
		"Comparison", "CompareInput", "MigrationResult",
	} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("the contract has no %s schema", name)
		}
	}
	// Every operation is documented for integrators.
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Summary == "" || op.Description == "" || len(op.Tags) == 0 || op.OperationID == "" {
				t.Errorf("%s %s needs a summary, a description, a tag and an operationId", method, path)
			}
		}
	}
}

// openAPIPath turns a ServeMux pattern into an OpenAPI path: "{name...}" becomes "{name}" and
// "{$}" (the exact-match marker) goes.
func openAPIPath(pattern string) string {
	pattern = strings.ReplaceAll(pattern, "{$}", "")
	return regexp.MustCompile(`\{([^{}.]+)\.\.\.\}`).ReplaceAllString(pattern, "{$1}")
}

// TestEveryRouteIsInTheContract checks the route table against the contract both ways: a route
// the contract does not describe, or an operation no route serves, fails naming it.
func TestEveryRouteIsInTheContract(t *testing.T) {
	c := loadContract(t)
	inRoutes := map[string]bool{}
	for _, rt := range Routes() {
		id := rt.Method + " " + openAPIPath(rt.Pattern)
		inRoutes[id] = true
		item := c.doc.Paths.Value(openAPIPath(rt.Pattern))
		if item == nil || item.GetOperation(rt.Method) == nil {
			t.Errorf("route %s %s is not in api/openapi.yaml: describe it there", rt.Method, rt.Pattern)
		}
	}
	for path, item := range c.doc.Paths.Map() {
		for method := range item.Operations() {
			if !inRoutes[method+" "+path] {
				t.Errorf("api/openapi.yaml describes %s %s, but no route in routes.go serves it", method, path)
			}
		}
	}
}

func TestOpenAPIPath(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v1/frameworks":                          "/api/v1/frameworks",
		"/api/v1/frameworks/{key}/versions/{version}": "/api/v1/frameworks/{key}/versions/{version}",
		"/api/v1/files/{path...}":                     "/api/v1/files/{path}",
		"/api/v1/{$}":                                 "/api/v1/",
	} {
		if got := openAPIPath(in); got != want {
			t.Errorf("openAPIPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRouteTable checks what decision 8 of the design asks of every route: an access rule the
// handler enforces, a full path under /api/, and no duplicates.
func TestRouteTable(t *testing.T) {
	known := []string{AccessPublic, AccessSignedIn, AccessManager}
	seen := map[string]bool{}
	for _, rt := range Routes() {
		id := rt.Method + " " + rt.Pattern
		if !slices.Contains(known, rt.Access) {
			t.Errorf("%s: access %q is not a known rule", id, rt.Access)
		}
		if !strings.HasPrefix(rt.Pattern, "/api/") {
			t.Errorf("%s: the pattern must be a full path under /api/", id)
		}
		if seen[id] {
			t.Errorf("%s is in the route table twice", id)
		}
		seen[id] = true
	}
	if len(Routes()) != len(routeTable) {
		t.Errorf("Routes() gives %d routes, the table has %d", len(Routes()), len(routeTable))
	}
}

// TestContractSecurityFollowsTheRouteTable checks that the contract asks for credentials
// exactly where the route table does (decision 8: the access rule lives with the route, and the
// contract must not tell integrators otherwise), and documents the 401 of every route that
// needs them.
func TestContractSecurityFollowsTheRouteTable(t *testing.T) {
	c := loadContract(t)
	if c.doc.Security != nil && len(c.doc.Security) > 0 {
		t.Error("the contract has a document-wide security requirement: declare it per operation, as the route table does")
	}
	for _, rt := range Routes() {
		op := c.doc.Paths.Value(openAPIPath(rt.Pattern)).GetOperation(rt.Method)
		if op == nil {
			continue // TestEveryRouteIsInTheContract reports it
		}
		id := rt.Method + " " + rt.Pattern
		secured := op.Security != nil && len(*op.Security) > 0
		switch rt.Access {
		case AccessPublic:
			if secured {
				t.Errorf("%s is public, but the contract asks for credentials", id)
			}
		case AccessSignedIn, AccessManager:
			if !secured {
				t.Errorf("%s needs a signed-in caller, but the contract does not say so (security: [session: [], bearer: []])", id)
				continue
			}
			// Two alternatives, each one scheme alone: the session cookie or a bearer token.
			schemes := map[string]bool{}
			for _, req := range *op.Security {
				for name := range req {
					schemes[name] = len(req) == 1
				}
			}
			if len(schemes) != 2 || !schemes["session"] || !schemes["bearer"] {
				t.Errorf("%s: security %v, want the session scheme or the bearer scheme, each alone", id, *op.Security)
			}
			if op.Responses.Value("401") == nil {
				t.Errorf("%s needs a signed-in caller, but the contract does not document its 401", id)
			}
		}
	}
}

func TestUnknownAccessRuleRefusesToStart(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a route with an unknown access rule was served")
		}
	}()
	s := &server{}
	s.authorize(route{Method: "GET", Pattern: "/api/x", Access: "token:frameworks.read"})
}
