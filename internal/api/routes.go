package api

import "net/http"

// Access rules a route may declare (decision 8 of the design: the rule lives with the route).
// API tokens and their scopes come later; until then a signed-in caller is one the
// Authenticator given to NewWithAuth recognises (the web session).
const (
	// AccessPublic: anyone, with or without credentials (the built-in and shared frameworks).
	AccessPublic = "public"
	// AccessSignedIn: a caller the Authenticator recognises; anyone else gets 401. The handler
	// then limits what it reads or changes to the caller's own data and the organisations they
	// may see, and checks the access role a change needs there (planner to change a role),
	// answering 404 for what they may not see and 403 for what they may see but not change.
	AccessSignedIn = "signed-in"
)

// route is one entry of the route table: what it answers, who may call it, and its handler.
type route struct {
	Method  string
	Pattern string // a net/http ServeMux pattern without a method, the full path from the server's root
	Access  string
	handler func(s *server, w http.ResponseWriter, r *http.Request)
}

// routeTable lists every route of the API. Each must also be in api/openapi.yaml (a test checks
// both ways, and that the contract asks for credentials exactly where the access rule does) and
// must declare its access rule (decision 8 of the design).
var routeTable = []route{
	{http.MethodGet, "/api/openapi.yaml", AccessPublic, (*server).openAPIDocument},
	{http.MethodGet, "/api/v1/frameworks", AccessPublic, (*server).frameworkList},
	{http.MethodGet, "/api/v1/frameworks/{key}", AccessPublic, (*server).frameworkShow},
	{http.MethodGet, "/api/v1/frameworks/{key}/versions/{version}", AccessPublic, (*server).frameworkVersionShow},

	{http.MethodGet, "/api/v1/roles", AccessSignedIn, (*server).roleList},
	{http.MethodPost, "/api/v1/roles", AccessSignedIn, (*server).roleCreate},
	{http.MethodPost, "/api/v1/roles/import", AccessSignedIn, (*server).roleImport},
	{http.MethodGet, "/api/v1/roles/{id}", AccessSignedIn, (*server).roleShow},
	{http.MethodPut, "/api/v1/roles/{id}", AccessSignedIn, (*server).roleUpdate},
	{http.MethodGet, "/api/v1/roles/{id}/versions", AccessSignedIn, (*server).roleVersions},
	{http.MethodGet, "/api/v1/roles/{id}/profiles", AccessSignedIn, (*server).roleProfiles},

	{http.MethodGet, "/api/v1/partnerships", AccessSignedIn, (*server).partnershipList},
	{http.MethodGet, "/api/v1/partnerships/{id}", AccessSignedIn, (*server).partnershipShow},
	{http.MethodGet, "/api/v1/partnerships/{id}/register", AccessSignedIn, (*server).registerList},
	{http.MethodPost, "/api/v1/partnerships/{id}/register", AccessSignedIn, (*server).registerCreate},
	{http.MethodGet, "/api/v1/plans/{id}", AccessSignedIn, (*server).planShow},
	{http.MethodPost, "/api/v1/plans/{id}/actions", AccessSignedIn, (*server).planActionCreate},
	{http.MethodPut, "/api/v1/plans/{id}/actions/{action}", AccessSignedIn, (*server).planActionUpdate},
	{http.MethodPost, "/api/v1/plans/{id}/measures/{measure}/values", AccessSignedIn, (*server).measureValueCreate},
	{http.MethodGet, "/api/v1/people", AccessSignedIn, (*server).personList},
	{http.MethodPost, "/api/v1/people", AccessSignedIn, (*server).personCreate},
	{http.MethodGet, "/api/v1/people/{id}", AccessSignedIn, (*server).personShow},
	{http.MethodPut, "/api/v1/people/{id}", AccessSignedIn, (*server).personUpdate},
	{http.MethodGet, "/api/v1/people/{id}/portfolio", AccessSignedIn, (*server).portfolioList},
	{http.MethodPost, "/api/v1/people/{id}/portfolio", AccessSignedIn, (*server).portfolioAdd},
	{http.MethodGet, "/api/v1/people/{id}/gap", AccessSignedIn, (*server).personGap},
	{http.MethodGet, "/api/v1/organisations/{id}/posts", AccessSignedIn, (*server).establishmentList},
	{http.MethodPost, "/api/v1/organisations/{id}/posts", AccessSignedIn, (*server).postCreate},
	{http.MethodGet, "/api/v1/organisations/{id}/workforce-profile", AccessSignedIn, (*server).workforceProfile},
	{http.MethodGet, "/api/v1/organisations/{id}/scenarios", AccessSignedIn, (*server).scenarioList},
	{http.MethodPost, "/api/v1/organisations/{id}/scenarios", AccessSignedIn, (*server).scenarioCreate},
	{http.MethodGet, "/api/v1/scenarios/{id}", AccessSignedIn, (*server).scenarioShow},
	{http.MethodPut, "/api/v1/scenarios/{id}", AccessSignedIn, (*server).scenarioUpdate},
	{http.MethodDelete, "/api/v1/scenarios/{id}", AccessSignedIn, (*server).scenarioDelete},
	{http.MethodGet, "/api/v1/scenarios/{id}/comparison", AccessSignedIn, (*server).scenarioComparison},
	{http.MethodGet, "/api/v1/posts/{id}", AccessSignedIn, (*server).postShow},
	{http.MethodPut, "/api/v1/posts/{id}", AccessSignedIn, (*server).postUpdate},
	{http.MethodDelete, "/api/v1/posts/{id}", AccessSignedIn, (*server).postDelete},
	{http.MethodGet, "/api/v1/career-frameworks", AccessSignedIn, (*server).careerFrameworkList},
	{http.MethodPost, "/api/v1/career-frameworks", AccessSignedIn, (*server).careerFrameworkCreate},
	{http.MethodGet, "/api/v1/career-frameworks/{id}", AccessSignedIn, (*server).careerFrameworkShow},
	{http.MethodPut, "/api/v1/career-frameworks/{id}", AccessSignedIn, (*server).careerFrameworkUpdate},

	{http.MethodGet, "/api/v1/profiles", AccessSignedIn, (*server).profileList},
	{http.MethodPost, "/api/v1/profiles", AccessSignedIn, (*server).profileCreate},
	{http.MethodGet, "/api/v1/profiles/compare", AccessSignedIn, (*server).profileCompareGet},
	{http.MethodPost, "/api/v1/profiles/compare", AccessSignedIn, (*server).profileCompare},
	{http.MethodGet, "/api/v1/profiles/export", AccessSignedIn, (*server).profileExport},
	{http.MethodGet, "/api/v1/profiles/{id}", AccessSignedIn, (*server).profileShow},
	{http.MethodPut, "/api/v1/profiles/{id}", AccessSignedIn, (*server).profileUpdate},
	{http.MethodGet, "/api/v1/profiles/{id}/versions", AccessSignedIn, (*server).profileVersions},
	{http.MethodPost, "/api/v1/profiles/{id}/migrate", AccessSignedIn, (*server).profileMigrate},

	{http.MethodGet, "/api/v1/assessments", AccessSignedIn, (*server).assessmentList},
	{http.MethodGet, "/api/v1/assessments/{id}", AccessSignedIn, (*server).assessmentShow},
	{http.MethodPut, "/api/v1/assessments/{id}/ratings/{key}", AccessSignedIn, (*server).assessmentRate},
	{http.MethodGet, "/api/v1/assessments/{id}/evidence", AccessSignedIn, (*server).assessmentEvidence},
	{http.MethodGet, "/api/v1/assessments/{id}/actions", AccessSignedIn, (*server).assessmentActions},
}

// RouteInfo describes one route of the API for the permission matrix and the route inventory.
type RouteInfo struct {
	Method  string // GET, POST, ...; a GET route also answers HEAD
	Pattern string // the ServeMux path pattern, such as /api/v1/frameworks/{key}
	Access  string // the access rule: AccessPublic or AccessSignedIn
}

// Routes returns every route of the API in the order of the route table.
func Routes() []RouteInfo {
	out := make([]RouteInfo, len(routeTable))
	for i, rt := range routeTable {
		out[i] = RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Access: rt.Access}
	}
	return out
}
