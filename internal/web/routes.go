package web

import (
	"io/fs"
	"net/http"

	webassets "github.com/workframe/workframe/web"
)

// access is what a route requires of the person asking. Every route declares one here, so the
// permission matrix test can be generated from this table: a route without a rule fails it.
type access int

const (
	// accessPublic: anyone, signed in or not (reference data such as the built-in frameworks).
	accessPublic access = iota
	// accessSignedIn: any signed-in user; the handler shows only their organisations.
	accessSignedIn
	// accessAdministrator: an administrator of at least one organisation, or a site
	// administrator; the handler limits the work to the organisations they administer.
	accessAdministrator
	// accessSiteAdmin: a site administrator, who runs the deployment (shared frameworks,
	// top-level organisations).
	accessSiteAdmin
)

func (a access) String() string {
	return [...]string{"public", "signed in", "administrator", "site administrator"}[a]
}

// route is one entry of the route table.
type route struct {
	method  string
	pattern string
	access  access
	handler http.HandlerFunc
}

// routeTable lists every page and action of the web application.
func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/{$}", accessPublic, s.home},
		{"GET", "/healthz", accessPublic, s.healthz},
		{"GET", "/readyz", accessPublic, s.readyz},
		{"GET", "/static/", accessPublic, s.static()},
		{"GET", "/accessibility", accessPublic, s.accessibility},

		{"GET", "/sign-in", accessPublic, s.signInForm},
		{"POST", "/sign-in", accessPublic, s.signIn},
		{"GET", "/sign-in/oidc", accessPublic, s.signInOIDC},
		{"GET", "/sign-in/oidc/callback", accessPublic, s.signInOIDCCallback},
		{"POST", "/sign-out", accessSignedIn, s.signOut},
		{"POST", "/account/sign-out-everywhere", accessSignedIn, s.signOutEverywhere},
		{"GET", "/account", accessSignedIn, s.account},
		{"POST", "/account/password", accessSignedIn, s.changePassword},
		{"GET", "/account/tokens", accessSignedIn, s.tokenList},
		{"POST", "/account/tokens", accessSignedIn, s.tokenCreate},
		{"GET", "/account/tokens/{id}/revoke", accessSignedIn, s.tokenRevoke},
		{"POST", "/account/tokens/{id}/revoke", accessSignedIn, s.tokenRevoke},

		{"GET", "/frameworks", accessPublic, s.frameworkList},
		{"GET", "/frameworks/import", accessSiteAdmin, s.frameworkImportForm},
		{"POST", "/frameworks/import", accessSiteAdmin, s.frameworkImport},
		{"GET", "/frameworks/{key}", accessPublic, s.frameworkLatest},
		{"GET", "/frameworks/{key}/compare", accessPublic, s.frameworkCompare},
		{"GET", "/frameworks/{key}/versions/{version}", accessPublic, s.frameworkShow},
		{"GET", "/frameworks/{key}/versions/{version}/export", accessPublic, s.frameworkExport},

		{"GET", "/profiles", accessSignedIn, s.profileList},
		{"GET", "/profiles/new", accessSignedIn, s.profileNewForm},
		{"POST", "/profiles", accessSignedIn, s.profileCreate},
		{"POST", "/profiles/preview", accessSignedIn, s.profilePreview},
		{"GET", "/profiles/compare", accessSignedIn, s.profileCompare},
		{"GET", "/profiles/export", accessSignedIn, s.profileExport},
		{"GET", "/profiles/import", accessSignedIn, s.profileImportForm},
		{"POST", "/profiles/import", accessSignedIn, s.profileImport},
		{"GET", "/profiles/{id}", accessSignedIn, s.profileShow},
		{"GET", "/profiles/{id}/edit", accessSignedIn, s.profileEditForm},
		{"POST", "/profiles/{id}", accessSignedIn, s.profileUpdate},
		{"GET", "/profiles/{id}/history", accessSignedIn, s.profileHistory},
		{"GET", "/profiles/{id}/move", accessSignedIn, s.profileMigrateForm},
		{"GET", "/profiles/{id}/chart.svg", accessSignedIn, s.profileChart},
		{"GET", "/profiles/{id}/chart.png", accessSignedIn, s.profileChart},

		// The database of roles. Any signed-in user may search and read the roles of their
		// organisations (and those partners share); the handlers let only planners and
		// administrators of a role's organisation change it.
		{"GET", "/roles", accessSignedIn, s.roleList},
		{"GET", "/roles/export", accessSignedIn, s.roleExport},
		{"GET", "/roles/levels", accessSignedIn, s.roleLevels},
		{"GET", "/roles/import", accessSignedIn, s.roleImportForm},
		{"GET", "/roles/import/template", accessSignedIn, s.roleImportTemplate},
		{"POST", "/roles/import", accessSignedIn, s.roleImportCheck},
		{"POST", "/roles/import/confirm", accessSignedIn, s.roleImportConfirm},
		{"GET", "/roles/new", accessSignedIn, s.roleNewForm},
		{"POST", "/roles", accessSignedIn, s.roleCreate},
		{"GET", "/roles/{id}", accessSignedIn, s.roleShow},
		{"GET", "/roles/{id}/edit", accessSignedIn, s.roleEditForm},
		{"POST", "/roles/{id}", accessSignedIn, s.roleUpdate},
		{"GET", "/roles/{id}/history", accessSignedIn, s.roleHistory},
		{"POST", "/roles/{id}/status", accessSignedIn, s.roleSetStatus},
		{"POST", "/roles/{id}/copy", accessSignedIn, s.roleCopy},
		// A role's IWF profile: managers, planners and administrators of the role's organisation
		// make it; the profile's own pages (/profiles/{id}...) show and change it.
		{"GET", "/roles/{id}/profiles/new", accessSignedIn, s.roleProfileNewForm},
		{"POST", "/roles/{id}/profiles", accessSignedIn, s.roleProfileCreate},

		// People and their portfolios. Any signed-in user may ask; the handlers show only the people
		// the viewer manages (manager or above in their organisation or team) and the viewer's own
		// record, and answer "not found" for anyone else.
		{"GET", "/people", accessSignedIn, s.personList},
		{"GET", "/people/new", accessSignedIn, s.personNewForm},
		{"POST", "/people", accessSignedIn, s.personCreate},
		{"GET", "/people/import", accessSignedIn, s.personImportForm},
		{"POST", "/people/import", accessSignedIn, s.personImport},
		{"GET", "/people/export", accessSignedIn, s.personExport},
		{"GET", "/my-portfolio", accessSignedIn, s.myPortfolio},
		{"GET", "/people/{id}", accessSignedIn, s.personShow},
		{"GET", "/people/{id}/edit", accessSignedIn, s.personEditForm},
		{"POST", "/people/{id}", accessSignedIn, s.personUpdate},
		{"POST", "/people/{id}/portfolio", accessSignedIn, s.portfolioAdd},
		{"POST", "/people/{id}/portfolio/{entry}/confirm", accessSignedIn, s.portfolioConfirm},
		{"GET", "/people/{id}/data", accessSignedIn, s.personData},
		{"GET", "/people/{id}/erase", accessAdministrator, s.personEraseForm},
		{"POST", "/people/{id}/erase", accessAdministrator, s.personErase},
		// Customised local career frameworks: read by anyone who may see their organisation (or a
		// partner's shared, published one); the handlers let only planners and administrators of
		// the framework's organisation create and change them.
		{"GET", "/career-frameworks", accessSignedIn, s.careerFrameworkList},
		{"GET", "/career-frameworks/new", accessSignedIn, s.careerFrameworkNewForm},
		{"POST", "/career-frameworks", accessSignedIn, s.careerFrameworkCreate},
		{"GET", "/career-frameworks/{id}", accessSignedIn, s.careerFrameworkShow},
		{"GET", "/career-frameworks/{id}/edit", accessSignedIn, s.careerFrameworkEditForm},
		{"POST", "/career-frameworks/{id}", accessSignedIn, s.careerFrameworkUpdate},
		{"POST", "/career-frameworks/{id}/placements", accessSignedIn, s.careerPlacementAdd},
		{"POST", "/career-frameworks/{id}/placements/remove", accessSignedIn, s.careerPlacementRemove},
		{"POST", "/career-frameworks/{id}/routes", accessSignedIn, s.careerRouteAdd},
		{"POST", "/career-frameworks/{id}/routes/remove", accessSignedIn, s.careerRouteRemove},
		{"GET", "/career-frameworks/{id}/grid.svg", accessSignedIn, s.careerFrameworkChart},
		{"GET", "/career-frameworks/{id}/grid.png", accessSignedIn, s.careerFrameworkChart},
		{"GET", "/career-frameworks/{id}/export", accessSignedIn, s.careerFrameworkExport},

		{"GET", "/organisations", accessSignedIn, s.organisationList},
		{"GET", "/organisations/new", accessAdministrator, s.organisationNewForm},
		{"POST", "/organisations", accessAdministrator, s.organisationCreate},
		{"GET", "/organisations/{id}", accessSignedIn, s.organisationShow},
		{"GET", "/organisations/{id}/edit", accessAdministrator, s.organisationEditForm},
		{"POST", "/organisations/{id}", accessAdministrator, s.organisationUpdate},

		// The workforce profile and establishment of a unit (issue 6): for managers, planners and
		// administrators of the unit or above; everyone else gets "not found" from the handlers.
		// The on-cost belongs to the employer and only its administrators change it.
		{"GET", "/organisations/{id}/workforce", accessSignedIn, s.workforceProfile},
		{"GET", "/organisations/{id}/workforce/report", accessSignedIn, s.workforceReport},
		{"GET", "/organisations/{id}/workforce/export", accessSignedIn, s.workforceExport},
		{"GET", "/organisations/{id}/scenarios", accessSignedIn, s.scenarioList},
		{"POST", "/organisations/{id}/scenarios", accessSignedIn, s.scenarioCreate},
		{"GET", "/scenarios/{id}", accessSignedIn, s.scenarioShow},
		{"POST", "/scenarios/{id}/changes", accessSignedIn, s.scenarioChange},
		{"POST", "/scenarios/{id}/undo", accessSignedIn, s.scenarioUndo},
		{"POST", "/scenarios/{id}/copy", accessSignedIn, s.scenarioCopy},
		{"GET", "/scenarios/{id}/export", accessSignedIn, s.scenarioExport},
		{"GET", "/scenarios/{id}/delete", accessSignedIn, s.scenarioDeleteForm},
		{"POST", "/scenarios/{id}/delete", accessSignedIn, s.scenarioDelete},
		{"GET", "/organisations/{id}/pay-settings", accessSignedIn, s.paySettingsForm},
		{"POST", "/organisations/{id}/pay-settings", accessSignedIn, s.paySettingsSave},
		{"GET", "/organisations/{id}/posts", accessSignedIn, s.postList},
		{"GET", "/organisations/{id}/posts/new", accessSignedIn, s.postNewForm},
		{"POST", "/organisations/{id}/posts", accessSignedIn, s.postCreate},
		{"GET", "/organisations/{id}/posts/{post}/edit", accessSignedIn, s.postEditForm},
		{"POST", "/organisations/{id}/posts/{post}", accessSignedIn, s.postUpdate},
		{"GET", "/organisations/{id}/posts/{post}/delete", accessSignedIn, s.postDeleteForm},
		{"POST", "/organisations/{id}/posts/{post}/delete", accessSignedIn, s.postDelete},

		// An organisation's own competence frameworks. Anyone who may see the organisation may
		// list them; the handlers let only its planners and administrators build, import and
		// publish them.
		{"GET", "/organisations/{id}/frameworks", accessSignedIn, s.orgFrameworkList},
		{"GET", "/organisations/{id}/frameworks/new", accessSignedIn, s.orgFrameworkNewForm},
		{"POST", "/organisations/{id}/frameworks", accessSignedIn, s.orgFrameworkCreate},
		{"GET", "/organisations/{id}/frameworks/import", accessSignedIn, s.orgFrameworkImportForm},
		{"POST", "/organisations/{id}/frameworks/import", accessSignedIn, s.orgFrameworkImport},
		{"GET", "/organisations/{id}/frameworks/{key}/versions/{version}/edit", accessSignedIn, s.orgFrameworkEditForm},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}", accessSignedIn, s.orgFrameworkUpdate},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}/publish", accessSignedIn, s.orgFrameworkPublish},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}/new-version", accessSignedIn, s.orgFrameworkNewVersion},

		// Self-assessment against a checklist framework (IWL), in partnership. Anyone who may see
		// an organisation may read its assessments; the handlers let only its management leads
		// and staff-side representatives rate, add evidence, write actions and sign off, and
		// only its administrators name them. The calendar feed is reached by a secret address,
		// not a session, so a calendar program can subscribe.
		{"GET", "/assessments", accessSignedIn, s.assessmentList},
		{"GET", "/organisations/{id}/assessments", accessSignedIn, s.assessmentOrgShow},
		{"POST", "/organisations/{id}/assessments", accessSignedIn, s.assessmentStart},
		{"GET", "/organisations/{id}/assessments/compare", accessSignedIn, s.assessmentCompare},
		{"GET", "/organisations/{id}/assessment-sides", accessSignedIn, s.assessmentSidesForm},
		{"POST", "/organisations/{id}/assessment-sides", accessSignedIn, s.assessmentSidesSave},
		{"GET", "/assessments/{id}", accessSignedIn, s.assessmentShow},
		{"GET", "/assessments/{id}/standards/{key}", accessSignedIn, s.assessmentStandard},
		{"POST", "/assessments/{id}/standards/{key}/rating", accessSignedIn, s.assessmentRate},
		{"POST", "/assessments/{id}/standards/{key}/details", accessSignedIn, s.assessmentDetails},
		{"POST", "/assessments/{id}/standards/{key}/evidence", accessSignedIn, s.assessmentEvidenceAdd},
		{"GET", "/assessments/{id}/evidence/{evidence}/download", accessSignedIn, s.assessmentEvidenceDownload},
		{"GET", "/assessments/{id}/sign-off", accessSignedIn, s.assessmentSignOffForm},
		{"POST", "/assessments/{id}/sign-off", accessSignedIn, s.assessmentSignOff},
		{"GET", "/assessments/{id}/actions", accessSignedIn, s.assessmentActions},
		{"POST", "/assessments/{id}/actions", accessSignedIn, s.assessmentActionCreate},
		{"GET", "/assessments/{id}/actions/{action}", accessSignedIn, s.assessmentAction},
		{"POST", "/assessments/{id}/actions/{action}", accessSignedIn, s.assessmentActionUpdate},
		{"POST", "/assessments/{id}/actions/{action}/notes", accessSignedIn, s.assessmentActionNote},
		{"POST", "/assessments/{id}/delete", accessSignedIn, s.assessmentDelete},
		{"GET", "/assessments/{id}/report", accessSignedIn, s.assessmentReport},
		{"GET", "/assessments/{id}/export", accessSignedIn, s.assessmentExport},
		{"GET", "/my-actions", accessSignedIn, s.myActions},
		{"POST", "/my-actions/calendar", accessSignedIn, s.calendarFeedCreate},
		{"GET", "/calendar/{feed}", accessPublic, s.calendarFeed},

		// Partnerships and their workforce transformation plans. Any signed-in user may ask; the
		// handlers show a partnership only to people of its partners, and let only the lead
		// organisation's planners change a plan and each partner's managers the actions it leads
		// (docs/security.md, "Partnership plans").
		{"GET", "/partnerships", accessSignedIn, s.partnershipList},
		{"GET", "/partnerships/{id}", accessSignedIn, s.partnershipShow},
		{"POST", "/partnerships/{id}/settings", accessSiteAdmin, s.partnershipSettings},
		{"GET", "/partnerships/{id}/plans/new", accessSignedIn, s.planNewForm},
		{"POST", "/partnerships/{id}/plans", accessSignedIn, s.planCreate},
		{"GET", "/partnerships/{id}/register", accessSignedIn, s.registerList},
		{"POST", "/partnerships/{id}/register", accessSignedIn, s.registerCreate},
		{"GET", "/partnerships/{id}/register/{solution}", accessSignedIn, s.solutionShow},
		{"POST", "/partnerships/{id}/register/{solution}/comments", accessSignedIn, s.solutionComment},
		{"POST", "/partnerships/{id}/register/{solution}/adopt", accessSignedIn, s.solutionAdopt},
		{"POST", "/partnerships/{id}/resources", accessSignedIn, s.resourceAdd},
		{"GET", "/plans/{id}", accessSignedIn, s.planShow},
		{"GET", "/plans/{id}/dashboard", accessSignedIn, s.planDashboard},
		{"GET", "/plans/{id}/report", accessSignedIn, s.planReport},
		{"GET", "/plans/{id}/export", accessSignedIn, s.planExport},
		{"POST", "/plans/{id}/objectives", accessSignedIn, s.planObjectiveAdd},
		{"POST", "/plans/{id}/actions", accessSignedIn, s.planActionAdd},
		{"GET", "/plans/{id}/actions/{action}/edit", accessSignedIn, s.planActionEditForm},
		{"POST", "/plans/{id}/actions/{action}", accessSignedIn, s.planActionUpdate},
		{"POST", "/plans/{id}/actions/{action}/notes", accessSignedIn, s.planActionNote},
		{"POST", "/plans/{id}/measures", accessSignedIn, s.planMeasureAdd},
		{"POST", "/plans/{id}/measures/{measure}/values", accessSignedIn, s.planMeasureValue},
		{"POST", "/plans/{id}/risks", accessSignedIn, s.planRiskAdd},
		{"POST", "/plans/{id}/dependencies", accessSignedIn, s.planDependencyAdd},

		{"GET", "/users", accessAdministrator, s.userList},
		{"GET", "/users/new", accessAdministrator, s.userNewForm},
		{"POST", "/users", accessAdministrator, s.userCreate},
		{"GET", "/users/{id}", accessAdministrator, s.userShow},
		{"POST", "/users/{id}/access", accessAdministrator, s.userSetAccess},
		{"POST", "/users/{id}/status", accessAdministrator, s.userSetStatus},

		{"GET", "/audit", accessAdministrator, s.auditList},
		{"GET", "/audit/export", accessAdministrator, s.auditExport},
		{"GET", "/api/docs", accessPublic, s.apiDocs},
	}
}

// routes builds the handler: the route table on a ServeMux, wrapped in the middleware every
// request passes through.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.method+" "+rt.pattern, s.require(rt.access, rt.handler))
	}
	if s.api != nil {
		mux.Handle("/api/", s.api)
	}
	mux.HandleFunc("/", s.notFound)

	// Outermost last. The cross-origin check runs inside the session so that its refusal page
	// can show who is signed in.
	var h http.Handler = mux
	h = s.crossOriginProtection(h)
	h = s.loadUser(h)
	h = s.sessions.LoadAndSave(h)
	h = limitBody(h, maxBodyBytes)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	return h
}

func (s *Server) static() http.HandlerFunc {
	sub, err := fs.Sub(webassets.Static, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return func(w http.ResponseWriter, r *http.Request) {
		// Asset names are not fingerprinted, so cache for a day rather than forever.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	}
}
