package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

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

// access is a route's rule, and for a route that takes an action on a record of an organisation,
// the action: store.Policy names the access role it needs there. Such a route lets through only
// a caller whose access role somewhere allows the action; the handler checks the record's own
// organisation, answering 404 to a caller who may not see it at all.
type access struct {
	Rule   string
	Action store.Action
	// Sides: only the assessment's management leads and staff-side representatives may (the
	// handler answers 403 to other readers).
	Sides bool
}

var (
	public   = access{Rule: AccessPublic}
	signedIn = access{Rule: AccessSignedIn}
)

// forSides is the access of a route only an assessment's sides may use.
var forSides = access{Rule: AccessSignedIn, Sides: true}

// may is the access of a route that takes the action.
func may(a store.Action) access { return access{Rule: AccessSignedIn, Action: a} }

// route is one entry of the route table: what it answers, who may call it, and its handler.
type route struct {
	Method  string
	Pattern string // a net/http ServeMux pattern without a method, the full path from the server's root
	Access  access
	handler func(s *server, w http.ResponseWriter, r *http.Request)
}

// routeTable lists every route of the API. Each must also be in api/openapi.yaml (a test checks
// both ways, and that the contract asks for credentials exactly where the access rule does) and
// must declare its access rule (decision 8 of the design).
var routeTable = []route{
	{http.MethodGet, "/api/openapi.yaml", public, (*server).openAPIDocument},
	{http.MethodGet, "/api/v1/frameworks", public, (*server).frameworkList},
	{http.MethodGet, "/api/v1/frameworks/{key}", public, (*server).frameworkShow},
	{http.MethodGet, "/api/v1/frameworks/{key}/versions/{version}", public, (*server).frameworkVersionShow},

	{http.MethodGet, "/api/v1/roles", signedIn, (*server).roleList},
	{http.MethodPost, "/api/v1/roles", may(store.ChangeRoles), (*server).roleCreate},
	{http.MethodPost, "/api/v1/roles/import", may(store.ChangeRoles), (*server).roleImport},
	{http.MethodGet, "/api/v1/roles/{id}", signedIn, (*server).roleShow},
	{http.MethodPut, "/api/v1/roles/{id}", may(store.ChangeRoles), (*server).roleUpdate},
	{http.MethodGet, "/api/v1/roles/{id}/versions", signedIn, (*server).roleVersions},
	{http.MethodGet, "/api/v1/roles/{id}/profiles", signedIn, (*server).roleProfiles},

	{http.MethodGet, "/api/v1/partnerships", signedIn, (*server).partnershipList},
	{http.MethodPost, "/api/v1/partnerships", may(store.EnrolInPartnership), (*server).partnershipCreate},
	{http.MethodGet, "/api/v1/partnerships/{id}", signedIn, (*server).partnershipShow},
	{http.MethodGet, "/api/v1/partnerships/{id}/workforce-profile", may(store.PlanWorkforce), (*server).partnershipWorkforce},
	{http.MethodGet, "/api/v1/partnerships/{id}/register", signedIn, (*server).registerList},
	{http.MethodPost, "/api/v1/partnerships/{id}/register", may(store.ActForPartner), (*server).registerCreate},
	{http.MethodGet, "/api/v1/partnerships/{id}/register/{solution}", signedIn, (*server).solutionShow},
	{http.MethodPut, "/api/v1/partnerships/{id}/register/{solution}", may(store.ActForPartner), (*server).solutionUpdate},
	{http.MethodDelete, "/api/v1/partnerships/{id}/register/{solution}", may(store.ActForPartner), (*server).solutionDelete},
	{http.MethodPost, "/api/v1/partnerships/{id}/register/{solution}/comments", may(store.ActForPartner), (*server).commentCreate},
	{http.MethodPost, "/api/v1/partnerships/{id}/plans", may(store.ChangePartnershipPlans), (*server).planCreate},
	{http.MethodGet, "/api/v1/partnerships/{id}/resources", signedIn, (*server).resourceList},
	{http.MethodPost, "/api/v1/partnerships/{id}/resources", may(store.ChangePartnershipPlans), (*server).resourceCreate},
	{http.MethodPut, "/api/v1/partnerships/{id}/resources/{resource}", may(store.ChangePartnershipPlans), (*server).resourceUpdate},
	{http.MethodDelete, "/api/v1/partnerships/{id}/resources/{resource}", may(store.ChangePartnershipPlans), (*server).resourceDelete},
	{http.MethodGet, "/api/v1/plans/{id}", signedIn, (*server).planShow},
	{http.MethodPut, "/api/v1/plans/{id}", may(store.ChangePartnershipPlans), (*server).planUpdate},
	{http.MethodPost, "/api/v1/plans/{id}/objectives", may(store.ChangePartnershipPlans), (*server).objectiveCreate},
	{http.MethodPost, "/api/v1/plans/{id}/measures", may(store.ChangePartnershipPlans), (*server).measureCreate},
	{http.MethodPost, "/api/v1/plans/{id}/risks", may(store.ChangePartnershipPlans), (*server).riskCreate},
	{http.MethodDelete, "/api/v1/plans/{id}/risks/{risk}", may(store.ChangePartnershipPlans), (*server).riskDelete},
	{http.MethodPost, "/api/v1/plans/{id}/dependencies", may(store.ChangePartnershipPlans), (*server).dependencyCreate},
	{http.MethodDelete, "/api/v1/plans/{id}/actions/{action}/waits-for/{on}", may(store.ChangePartnershipPlans), (*server).dependencyDelete},
	{http.MethodPost, "/api/v1/plans/{id}/actions", may(store.ActForPartner), (*server).planActionCreate},
	{http.MethodPut, "/api/v1/plans/{id}/actions/{action}", may(store.ActForPartner), (*server).planActionUpdate},
	{http.MethodPost, "/api/v1/plans/{id}/measures/{measure}/values", may(store.ChangePartnershipPlans), (*server).measureValueCreate},
	{http.MethodGet, "/api/v1/people", signedIn, (*server).personList},
	{http.MethodPost, "/api/v1/people", may(store.ManagePeople), (*server).personCreate},
	{http.MethodGet, "/api/v1/people/{id}", signedIn, (*server).personShow},
	{http.MethodPut, "/api/v1/people/{id}", may(store.ManagePeople), (*server).personUpdate},
	{http.MethodGet, "/api/v1/people/{id}/portfolio", signedIn, (*server).portfolioList},
	{http.MethodPost, "/api/v1/people/{id}/portfolio", signedIn, (*server).portfolioAdd},
	{http.MethodGet, "/api/v1/people/{id}/gap", signedIn, (*server).personGap},
	{http.MethodGet, "/api/v1/people/{id}/career-options", signedIn, (*server).personCareerOptions},
	{http.MethodGet, "/api/v1/people/{id}/pathway", signedIn, (*server).personPathway},
	{http.MethodGet, "/api/v1/roles/{id}/career-options", signedIn, (*server).roleCareerOptions},
	{http.MethodGet, "/api/v1/roles/{id}/talent-match", may(store.ManagePeople), (*server).roleTalentMatch},
	{http.MethodGet, "/api/v1/teams/{id}/career-options", may(store.ManagePeople), (*server).teamCareerOptions},
	{http.MethodGet, "/api/v1/career-frameworks", signedIn, (*server).careerFrameworkList},
	{http.MethodPost, "/api/v1/career-frameworks", may(store.ChangeCareerFrameworks), (*server).careerFrameworkCreate},
	{http.MethodGet, "/api/v1/career-frameworks/{id}", signedIn, (*server).careerFrameworkShow},
	{http.MethodPut, "/api/v1/career-frameworks/{id}", may(store.ChangeCareerFrameworks), (*server).careerFrameworkUpdate},
	{http.MethodGet, "/api/v1/organisations/{id}/posts", may(store.PlanWorkforce), (*server).establishmentList},
	{http.MethodPost, "/api/v1/organisations/{id}/posts", may(store.PlanWorkforce), (*server).postCreate},
	{http.MethodGet, "/api/v1/organisations/{id}/workforce-profile", may(store.PlanWorkforce), (*server).workforceProfile},
	{http.MethodGet, "/api/v1/organisations/{id}/scenarios", may(store.PlanWorkforce), (*server).scenarioList},
	{http.MethodPost, "/api/v1/organisations/{id}/scenarios", may(store.PlanWorkforce), (*server).scenarioCreate},
	{http.MethodGet, "/api/v1/scenarios/{id}", may(store.PlanWorkforce), (*server).scenarioShow},
	{http.MethodPut, "/api/v1/scenarios/{id}", may(store.PlanWorkforce), (*server).scenarioUpdate},
	{http.MethodDelete, "/api/v1/scenarios/{id}", may(store.PlanWorkforce), (*server).scenarioDelete},
	{http.MethodGet, "/api/v1/scenarios/{id}/comparison", may(store.PlanWorkforce), (*server).scenarioComparison},
	{http.MethodGet, "/api/v1/organisations/{id}/scenarios/comparison", may(store.PlanWorkforce), (*server).scenarioCompareMany},
	{http.MethodPost, "/api/v1/scenarios/{id}/copy", may(store.PlanWorkforce), (*server).scenarioCopy},
	{http.MethodPut, "/api/v1/scenarios/{id}/shared", may(store.PlanWorkforce), (*server).scenarioShared},
	{http.MethodPut, "/api/v1/scenarios/{id}/locked", may(store.PlanWorkforce), (*server).scenarioLockedSet},
	{http.MethodPut, "/api/v1/scenarios/{id}/notes", may(store.PlanWorkforce), (*server).scenarioNotes},
	{http.MethodPost, "/api/v1/scenarios/{id}/changes", may(store.PlanWorkforce), (*server).scenarioChangeAdd},
	{http.MethodPost, "/api/v1/scenarios/{id}/undo", may(store.PlanWorkforce), (*server).scenarioUndo},
	{http.MethodGet, "/api/v1/organisations/{id}/workforce-plans", may(store.PlanWorkforce), (*server).workforcePlanList},
	{http.MethodPost, "/api/v1/organisations/{id}/workforce-plans", may(store.PlanWorkforce), (*server).workforcePlanCreate},
	{http.MethodGet, "/api/v1/workforce-plans/{id}", may(store.PlanWorkforce), (*server).workforcePlanShow},
	{http.MethodPut, "/api/v1/workforce-plans/{id}/steps/{step}", may(store.PlanWorkforce), (*server).workforcePlanStepUpdate},
	{http.MethodGet, "/api/v1/posts/{id}", may(store.PlanWorkforce), (*server).postShow},
	{http.MethodPut, "/api/v1/posts/{id}", may(store.PlanWorkforce), (*server).postUpdate},
	{http.MethodDelete, "/api/v1/posts/{id}", may(store.PlanWorkforce), (*server).postDelete},

	{http.MethodGet, "/api/v1/teams/{id}/profile", signedIn, (*server).teamProfile},
	{http.MethodGet, "/api/v1/training-needs", may(store.ManagePeople), (*server).trainingNeeds},
	{http.MethodGet, "/api/v1/profiles", signedIn, (*server).profileList},
	{http.MethodPost, "/api/v1/profiles", signedIn, (*server).profileCreate},
	{http.MethodGet, "/api/v1/profiles/compare", signedIn, (*server).profileCompareGet},
	{http.MethodPost, "/api/v1/profiles/compare", signedIn, (*server).profileCompare},
	{http.MethodGet, "/api/v1/profiles/export", signedIn, (*server).profileExport},
	{http.MethodPost, "/api/v1/profiles/import", signedIn, (*server).profileImport},
	{http.MethodGet, "/api/v1/profiles/{id}", signedIn, (*server).profileShow},
	{http.MethodPut, "/api/v1/profiles/{id}", signedIn, (*server).profileUpdate},
	{http.MethodGet, "/api/v1/profiles/{id}/versions", signedIn, (*server).profileVersions},
	{http.MethodPost, "/api/v1/profiles/{id}/migrate", signedIn, (*server).profileMigrate},

	{http.MethodGet, "/api/v1/assessments", signedIn, (*server).assessmentList},
	{http.MethodGet, "/api/v1/assessments/{id}", signedIn, (*server).assessmentShow},
	{http.MethodPut, "/api/v1/assessments/{id}/ratings/{key}", forSides, (*server).assessmentRate},
	{http.MethodGet, "/api/v1/assessments/{id}/evidence", signedIn, (*server).assessmentEvidence},
	{http.MethodGet, "/api/v1/assessments/{id}/actions", signedIn, (*server).assessmentActions},
}

// RouteInfo describes one route of the API for the permission matrix and the route inventory.
type RouteInfo struct {
	Method  string // GET, POST, ...; a GET route also answers HEAD
	Pattern string // the ServeMux path pattern, such as /api/v1/frameworks/{key}
	Access  string // the access rule: AccessPublic or AccessSignedIn
	// Action is what the route does to a record of an organisation, "" for none (see access).
	Action store.Action
	// Sides: only the assessment's sides may use the route.
	Sides bool
}

// Routes returns every route of the API in the order of the route table.
func Routes() []RouteInfo {
	out := make([]RouteInfo, len(routeTable))
	for i, rt := range routeTable {
		out[i] = RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Access: rt.Access.Rule, Action: rt.Access.Action, Sides: rt.Access.Sides}
	}
	return out
}
