package web

import (
	"io/fs"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	webassets "github.com/workframe/workframe/web"
)

// access is what a route requires of the person asking. Every route declares one here, so the
// permission matrix test can be generated from this table: a route without a rule fails it.
type access struct {
	level accessLevel
	// action, when set, is what the route does to a record of an organisation (or shows the
	// form for): store.Policy names the access role it needs there. The route lets through only
	// someone whose access role somewhere allows it; the handler then checks the record's own
	// organisation, answering "not found" to someone who may not see it at all.
	action store.Action
	// sides: only the management leads and staff-side representatives of the record's
	// organisation (assessment designations, decision 0007: not access roles) may use the route;
	// the handler refuses others who may read the record (403), and "not found" the rest.
	sides bool
	// management: only the organisation's management leads and those whose access role allows
	// store.AdministerAssessments (starting a self-assessment cycle).
	management bool
}

type accessLevel int

const (
	// levelPublic: anyone, signed in or not (reference data such as the built-in frameworks).
	levelPublic accessLevel = iota
	// levelSignedIn: any signed-in user; the handler shows only their organisations.
	levelSignedIn
	// levelAdministrator: an administrator of at least one organisation, or a site
	// administrator; the handler limits the work to the organisations they administer.
	levelAdministrator
	// levelSiteAdmin: a site administrator, who runs the deployment (shared frameworks,
	// top-level organisations).
	levelSiteAdmin
)

var (
	accessPublic        = access{level: levelPublic}
	accessSignedIn      = access{level: levelSignedIn}
	accessAdministrator = access{level: levelAdministrator}
	accessSiteAdmin     = access{level: levelSiteAdmin}
)

// may is the access of a route that takes the action on a record of an organisation.
func may(a store.Action) access { return access{level: levelSignedIn, action: a} }

// forSides is the access of a route only an assessment's sides may use.
var forSides = access{level: levelSignedIn, sides: true}

// forManagement is the access of a route for an organisation's management leads and its
// assessment administrators.
var forManagement = access{level: levelSignedIn, management: true}

func (a access) String() string {
	s := [...]string{"public", "signed in", "administrator", "site administrator"}[a.level]
	if a.action != "" {
		s += ", " + string(store.Policy[a.action]) + " to " + string(a.action)
	}
	if a.sides {
		s += ", the assessment's sides only"
	}
	if a.management {
		s += ", management leads and assessment administrators only"
	}
	return s
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
		{"GET", "/roles/import", may(store.ChangeRoles), s.roleImportForm},
		{"GET", "/roles/import/template", accessSignedIn, s.roleImportTemplate},
		{"POST", "/roles/import", may(store.ChangeRoles), s.roleImportCheck},
		{"POST", "/roles/import/confirm", may(store.ChangeRoles), s.roleImportConfirm},
		{"GET", "/roles/new", may(store.ChangeRoles), s.roleNewForm},
		{"POST", "/roles", may(store.ChangeRoles), s.roleCreate},
		{"GET", "/roles/{id}", accessSignedIn, s.roleShow},
		{"GET", "/roles/{id}/edit", may(store.ChangeRoles), s.roleEditForm},
		{"POST", "/roles/{id}", may(store.ChangeRoles), s.roleUpdate},
		{"GET", "/roles/{id}/history", accessSignedIn, s.roleHistory},
		{"POST", "/roles/{id}/status", may(store.ChangeRoles), s.roleSetStatus},
		{"POST", "/roles/{id}/copy", may(store.ChangeRoles), s.roleCopy},
		// Where a role leads (anyone who may see the role), and talent match: the people the
		// viewer manages who best meet it (those who manage people somewhere; the handler lists
		// only people in the viewer's scope).
		{"GET", "/roles/{id}/career-options", accessSignedIn, s.roleCareerOptions},
		{"GET", "/roles/{id}/career-options/export", accessSignedIn, s.roleCareerOptionsExport},
		{"GET", "/roles/{id}/talent-match", may(store.ManagePeople), s.talentMatch},
		{"GET", "/roles/{id}/talent-match/export", may(store.ManagePeople), s.talentMatchExport},
		// A team's options for succession and skill mix: managers and above of the team.
		{"GET", "/teams/{id}/career-options", may(store.ManagePeople), s.teamCareerOptions},
		// A role's IWF profile: managers, planners and administrators of the role's organisation
		// make it; the profile's own pages (/profiles/{id}...) show and change it.
		{"GET", "/roles/{id}/profiles/new", may(store.ChangeRoleProfiles), s.roleProfileNewForm},
		{"POST", "/roles/{id}/profiles", may(store.ChangeRoleProfiles), s.roleProfileCreate},

		// People and their portfolios. Any signed-in user may ask; the handlers show only the people
		// the viewer manages (manager or above in their organisation or team) and the viewer's own
		// record, and answer "not found" for anyone else.
		{"GET", "/people", accessSignedIn, s.personList},
		{"GET", "/people/new", may(store.ManagePeople), s.personNewForm},
		{"POST", "/people", may(store.ManagePeople), s.personCreate},
		{"GET", "/people/import", may(store.ManagePeople), s.personImportForm},
		{"POST", "/people/import", may(store.ManagePeople), s.personImport},
		{"GET", "/people/export", accessSignedIn, s.personExport},
		{"GET", "/my-portfolio", accessSignedIn, s.myPortfolio},
		{"GET", "/people/{id}", accessSignedIn, s.personShow},
		{"GET", "/people/{id}/edit", may(store.ManagePeople), s.personEditForm},
		{"POST", "/people/{id}", may(store.ManagePeople), s.personUpdate},
		{"POST", "/people/{id}/portfolio", accessSignedIn, s.portfolioAdd},
		{"POST", "/people/{id}/portfolio/{entry}/confirm", may(store.ManagePeople), s.portfolioConfirm},
		// Removing an entry: the person's managers, or the person their own self-assessed ones.
		{"GET", "/people/{id}/portfolio/{entry}/remove", accessSignedIn, s.portfolioRemoveForm},
		{"POST", "/people/{id}/portfolio/{entry}/remove", accessSignedIn, s.portfolioRemove},
		{"GET", "/people/{id}/data", accessSignedIn, s.personData},
		// Career options and pathways (issue 5): whoever may see the person's record (they
		// themselves, their managers); options only among roles the viewer may see.
		{"GET", "/my-career-options", accessSignedIn, s.myCareerOptions},
		{"GET", "/people/{id}/career-options", accessSignedIn, s.personCareerOptions},
		{"GET", "/people/{id}/career-options/export", accessSignedIn, s.personCareerOptionsExport},
		{"GET", "/people/{id}/pathway", accessSignedIn, s.personPathway},
		{"GET", "/people/{id}/erase", may(store.ErasePerson), s.personEraseForm},
		{"POST", "/people/{id}/erase", may(store.ErasePerson), s.personErase},
		// Customised local career frameworks: read by anyone who may see their organisation (or a
		// partner's shared, published one); the handlers let only planners and administrators of
		// the framework's organisation create and change them.
		{"GET", "/career-frameworks", accessSignedIn, s.careerFrameworkList},
		{"GET", "/career-frameworks/new", may(store.ChangeCareerFrameworks), s.careerFrameworkNewForm},
		{"POST", "/career-frameworks", may(store.ChangeCareerFrameworks), s.careerFrameworkCreate},
		{"GET", "/career-frameworks/{id}", accessSignedIn, s.careerFrameworkShow},
		{"GET", "/career-frameworks/{id}/edit", may(store.ChangeCareerFrameworks), s.careerFrameworkEditForm},
		{"POST", "/career-frameworks/{id}", may(store.ChangeCareerFrameworks), s.careerFrameworkUpdate},
		{"POST", "/career-frameworks/{id}/placements", may(store.ChangeCareerFrameworks), s.careerPlacementAdd},
		{"POST", "/career-frameworks/{id}/placements/remove", may(store.ChangeCareerFrameworks), s.careerPlacementRemove},
		{"POST", "/career-frameworks/{id}/routes", may(store.ChangeCareerFrameworks), s.careerRouteAdd},
		{"POST", "/career-frameworks/{id}/routes/remove", may(store.ChangeCareerFrameworks), s.careerRouteRemove},
		{"GET", "/career-frameworks/{id}/grid.svg", accessSignedIn, s.careerFrameworkChart},
		{"GET", "/career-frameworks/{id}/grid.png", accessSignedIn, s.careerFrameworkChart},
		{"GET", "/career-frameworks/{id}/export", accessSignedIn, s.careerFrameworkExport},

		{"GET", "/organisations", accessSignedIn, s.organisationList},
		{"GET", "/organisations/new", may(store.AdministerOrganisation), s.organisationNewForm},
		{"POST", "/organisations", may(store.AdministerOrganisation), s.organisationCreate},
		{"GET", "/organisations/{id}", accessSignedIn, s.organisationShow},
		{"GET", "/organisations/{id}/edit", may(store.AdministerOrganisation), s.organisationEditForm},
		{"POST", "/organisations/{id}", may(store.AdministerOrganisation), s.organisationUpdate},
		// A team's profile (issue 3): anyone who may see the team; the handlers show the members
		// only to managers and above, and the figures of a small team only to them (security.md).
		{"GET", "/organisations/{id}/team-profile", accessSignedIn, s.teamProfile},
		{"GET", "/organisations/{id}/team-profile/export", accessSignedIn, s.teamProfileExport},
		// Training needs of a unit (issue 5): only units where the viewer manages people; any
		// other unit is "not found".
		{"GET", "/training-needs", may(store.ManagePeople), s.trainingNeeds},
		{"GET", "/training-needs/export", may(store.ManagePeople), s.trainingNeedsExport},

		// The workforce profile and establishment of a unit (issue 6): for managers, planners and
		// administrators of the unit or above; everyone else gets "not found" from the handlers.
		// The on-cost belongs to the employer and only its administrators change it.
		{"GET", "/organisations/{id}/workforce", may(store.PlanWorkforce), s.workforceProfile},
		{"GET", "/organisations/{id}/workforce/report", may(store.PlanWorkforce), s.workforceReport},
		{"GET", "/organisations/{id}/workforce/export", may(store.PlanWorkforce), s.workforceExport},
		{"GET", "/organisations/{id}/scenarios", may(store.PlanWorkforce), s.scenarioList},
		{"POST", "/organisations/{id}/scenarios", may(store.PlanWorkforce), s.scenarioCreate},
		{"GET", "/organisations/{id}/scenarios/compare", may(store.PlanWorkforce), s.scenarioCompareMany},
		{"GET", "/organisations/{id}/workforce-plans", may(store.PlanWorkforce), s.workforcePlanList},
		{"POST", "/organisations/{id}/workforce-plans", may(store.PlanWorkforce), s.workforcePlanCreate},
		{"GET", "/workforce-plans/{id}", may(store.PlanWorkforce), s.workforcePlanShow},
		{"GET", "/workforce-plans/{id}/export", may(store.PlanWorkforce), s.workforcePlanExport},
		{"GET", "/workforce-plans/{id}/steps/{step}", may(store.PlanWorkforce), s.workforcePlanStep},
		{"POST", "/workforce-plans/{id}/steps/{step}", may(store.PlanWorkforce), s.workforcePlanStepSave},
		{"GET", "/scenarios/{id}", may(store.PlanWorkforce), s.scenarioShow},
		{"POST", "/scenarios/{id}/changes", may(store.PlanWorkforce), s.scenarioChange},
		{"POST", "/scenarios/{id}/undo", may(store.PlanWorkforce), s.scenarioUndo},
		{"POST", "/scenarios/{id}/copy", may(store.PlanWorkforce), s.scenarioCopy},
		{"POST", "/scenarios/{id}/share", may(store.PlanWorkforce), s.scenarioShare},
		{"POST", "/scenarios/{id}/lock", may(store.PlanWorkforce), s.scenarioLock},
		{"POST", "/scenarios/{id}/notes", may(store.PlanWorkforce), s.scenarioNotes},
		{"GET", "/scenarios/{id}/export", may(store.PlanWorkforce), s.scenarioExport},
		{"GET", "/scenarios/{id}/delete", may(store.PlanWorkforce), s.scenarioDeleteForm},
		{"POST", "/scenarios/{id}/delete", may(store.PlanWorkforce), s.scenarioDelete},
		{"GET", "/organisations/{id}/pay-settings", may(store.SetPayCosts), s.paySettingsForm},
		{"POST", "/organisations/{id}/pay-settings", may(store.SetPayCosts), s.paySettingsSave},
		{"GET", "/organisations/{id}/posts", may(store.PlanWorkforce), s.postList},
		{"GET", "/organisations/{id}/posts/new", may(store.PlanWorkforce), s.postNewForm},
		{"POST", "/organisations/{id}/posts", may(store.PlanWorkforce), s.postCreate},
		{"GET", "/organisations/{id}/posts/{post}/edit", may(store.PlanWorkforce), s.postEditForm},
		{"POST", "/organisations/{id}/posts/{post}", may(store.PlanWorkforce), s.postUpdate},
		{"GET", "/organisations/{id}/posts/{post}/delete", may(store.PlanWorkforce), s.postDeleteForm},
		{"POST", "/organisations/{id}/posts/{post}/delete", may(store.PlanWorkforce), s.postDelete},

		// An organisation's own competence frameworks. Anyone who may see the organisation may
		// list them; the handlers let only its planners and administrators build, import and
		// publish them.
		{"GET", "/organisations/{id}/frameworks", accessSignedIn, s.orgFrameworkList},
		{"GET", "/organisations/{id}/frameworks/new", may(store.ChangeOwnFrameworks), s.orgFrameworkNewForm},
		{"POST", "/organisations/{id}/frameworks", may(store.ChangeOwnFrameworks), s.orgFrameworkCreate},
		{"GET", "/organisations/{id}/frameworks/import", may(store.ChangeOwnFrameworks), s.orgFrameworkImportForm},
		{"POST", "/organisations/{id}/frameworks/import", may(store.ChangeOwnFrameworks), s.orgFrameworkImport},
		{"GET", "/organisations/{id}/frameworks/{key}/versions/{version}/edit", may(store.ChangeOwnFrameworks), s.orgFrameworkEditForm},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}", may(store.ChangeOwnFrameworks), s.orgFrameworkUpdate},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}/publish", may(store.ChangeOwnFrameworks), s.orgFrameworkPublish},
		{"POST", "/organisations/{id}/frameworks/{key}/versions/{version}/new-version", may(store.ChangeOwnFrameworks), s.orgFrameworkNewVersion},

		// Self-assessment against a checklist framework (IWL), in partnership. Anyone who may see
		// an organisation may read its assessments; the handlers let only its management leads
		// and staff-side representatives rate, add evidence, write actions and sign off, and
		// only its administrators name them. The calendar feed is reached by a secret address,
		// not a session, so a calendar program can subscribe.
		{"GET", "/assessments", accessSignedIn, s.assessmentList},
		{"GET", "/organisations/{id}/assessments", accessSignedIn, s.assessmentOrgShow},
		{"POST", "/organisations/{id}/assessments", forManagement, s.assessmentStart},
		{"GET", "/organisations/{id}/assessments/compare", accessSignedIn, s.assessmentCompare},
		{"GET", "/organisations/{id}/assessment-sides", may(store.AdministerAssessments), s.assessmentSidesForm},
		{"POST", "/organisations/{id}/assessment-sides", may(store.AdministerAssessments), s.assessmentSidesSave},
		{"GET", "/assessments/{id}", accessSignedIn, s.assessmentShow},
		{"GET", "/assessments/{id}/standards/{key}", accessSignedIn, s.assessmentStandard},
		{"POST", "/assessments/{id}/standards/{key}/rating", forSides, s.assessmentRate},
		{"POST", "/assessments/{id}/standards/{key}/details", forSides, s.assessmentDetails},
		{"POST", "/assessments/{id}/standards/{key}/evidence", forSides, s.assessmentEvidenceAdd},
		{"GET", "/assessments/{id}/evidence/{evidence}/download", accessSignedIn, s.assessmentEvidenceDownload},
		{"GET", "/assessments/{id}/sign-off", accessSignedIn, s.assessmentSignOffForm},
		{"POST", "/assessments/{id}/sign-off", forSides, s.assessmentSignOff},
		{"GET", "/assessments/{id}/actions", accessSignedIn, s.assessmentActions},
		{"POST", "/assessments/{id}/actions", forSides, s.assessmentActionCreate},
		{"GET", "/assessments/{id}/actions/{action}", accessSignedIn, s.assessmentAction},
		{"POST", "/assessments/{id}/actions/{action}", forSides, s.assessmentActionUpdate},
		{"POST", "/assessments/{id}/actions/{action}/notes", forSides, s.assessmentActionNote},
		{"POST", "/assessments/{id}/delete", may(store.AdministerAssessments), s.assessmentDelete},
		{"GET", "/assessments/{id}/report", accessSignedIn, s.assessmentReport},
		{"GET", "/assessments/{id}/export", accessSignedIn, s.assessmentExport},
		{"GET", "/my-actions", accessSignedIn, s.myActions},
		{"POST", "/my-actions/calendar", accessSignedIn, s.calendarFeedCreate},
		{"GET", "/calendar/{feed}", accessPublic, s.calendarFeed},

		// Partnerships and their workforce transformation plans. Any signed-in user may ask; the
		// handlers show a partnership only to people of its partners, and let only the lead
		// organisation's planners change a plan and each partner's managers the actions it leads
		// (docs/security.md, "Partnership plans").
		// A partnership is created by a site administrator, or by an organisation's
		// administrator with the organisations they administer (the handler checks); partners
		// join and leave by a site administrator (docs/decisions/0011-plan-editing.md).
		{"GET", "/partnerships", accessSignedIn, s.partnershipList},
		{"GET", "/partnerships/new", may(store.EnrolInPartnership), s.partnershipNewForm},
		{"POST", "/partnerships", may(store.EnrolInPartnership), s.partnershipCreate},
		{"GET", "/partnerships/{id}", accessSignedIn, s.partnershipShow},
		{"POST", "/partnerships/{id}/settings", accessSiteAdmin, s.partnershipSettings},
		{"POST", "/partnerships/{id}/partners", accessSiteAdmin, s.partnerAdd},
		{"GET", "/partnerships/{id}/partners/{organisation}/remove", accessSiteAdmin, s.partnerRemoveForm},
		{"POST", "/partnerships/{id}/partners/{organisation}/remove", accessSiteAdmin, s.partnerRemove},
		// A partnership's workforce profile: aggregates of its partners, small groups suppressed
		// (docs/decisions/0014). The route lets through those who may plan a workforce somewhere;
		// the handler asks for a partner as a whole (PartnerAccess.SeeWorkforce): "not found" to
		// a non-partner, "forbidden" to a partner's person who may not see it.
		{"GET", "/partnerships/{id}/workforce", may(store.PlanWorkforce), s.partnershipWorkforce},
		{"GET", "/partnerships/{id}/workforce/report", may(store.PlanWorkforce), s.partnershipWorkforceReport},
		{"GET", "/partnerships/{id}/workforce/export", may(store.PlanWorkforce), s.partnershipWorkforceExport},
		{"GET", "/partnerships/{id}/plans/new", may(store.ChangePartnershipPlans), s.planNewForm},
		{"POST", "/partnerships/{id}/plans", may(store.ChangePartnershipPlans), s.planCreate},
		{"GET", "/partnerships/{id}/register", accessSignedIn, s.registerList},
		{"POST", "/partnerships/{id}/register", may(store.ActForPartner), s.registerCreate},
		{"GET", "/partnerships/{id}/register/{solution}", accessSignedIn, s.solutionShow},
		{"POST", "/partnerships/{id}/register/{solution}/comments", may(store.ActForPartner), s.solutionComment},
		{"POST", "/partnerships/{id}/register/{solution}/adopt", may(store.ActForPartner), s.solutionAdopt},
		{"GET", "/partnerships/{id}/register/{solution}/edit", may(store.ActForPartner), s.solutionEditForm},
		{"POST", "/partnerships/{id}/register/{solution}/edit", may(store.ActForPartner), s.solutionUpdate},
		{"GET", "/partnerships/{id}/register/{solution}/delete", may(store.ActForPartner), s.solutionDeleteForm},
		{"POST", "/partnerships/{id}/register/{solution}/delete", may(store.ActForPartner), s.solutionDelete},
		{"POST", "/partnerships/{id}/resources", may(store.ChangePartnershipPlans), s.resourceAdd},
		{"GET", "/partnerships/{id}/resources/{resource}/edit", may(store.ChangePartnershipPlans), s.resourceEditForm},
		{"POST", "/partnerships/{id}/resources/{resource}/edit", may(store.ChangePartnershipPlans), s.resourceUpdate},
		{"GET", "/partnerships/{id}/resources/{resource}/delete", may(store.ChangePartnershipPlans), s.resourceDeleteForm},
		{"POST", "/partnerships/{id}/resources/{resource}/delete", may(store.ChangePartnershipPlans), s.resourceDelete},
		{"GET", "/plans/{id}", accessSignedIn, s.planShow},
		{"GET", "/plans/{id}/edit", may(store.ChangePartnershipPlans), s.planSettingsForm},
		{"POST", "/plans/{id}/edit", may(store.ChangePartnershipPlans), s.planSettingsUpdate},
		{"GET", "/plans/{id}/dashboard", accessSignedIn, s.planDashboard},
		{"GET", "/plans/{id}/report", accessSignedIn, s.planReport},
		{"GET", "/plans/{id}/export", accessSignedIn, s.planExport},
		{"POST", "/plans/{id}/objectives", may(store.ChangePartnershipPlans), s.planObjectiveAdd},
		{"POST", "/plans/{id}/actions", may(store.ActForPartner), s.planActionAdd},
		{"GET", "/plans/{id}/actions/{action}/edit", may(store.ActForPartner), s.planActionEditForm},
		{"POST", "/plans/{id}/actions/{action}", may(store.ActForPartner), s.planActionUpdate},
		{"POST", "/plans/{id}/actions/{action}/notes", may(store.ActForPartner), s.planActionNote},
		{"POST", "/plans/{id}/measures", may(store.ChangePartnershipPlans), s.planMeasureAdd},
		{"POST", "/plans/{id}/measures/{measure}/values", may(store.ChangePartnershipPlans), s.planMeasureValue},
		{"POST", "/plans/{id}/risks", may(store.ChangePartnershipPlans), s.planRiskAdd},
		{"GET", "/plans/{id}/risks/{risk}/delete", may(store.ChangePartnershipPlans), s.planRiskDeleteForm},
		{"POST", "/plans/{id}/risks/{risk}/delete", may(store.ChangePartnershipPlans), s.planRiskDelete},
		{"POST", "/plans/{id}/dependencies", may(store.ChangePartnershipPlans), s.planDependencyAdd},
		{"GET", "/plans/{id}/actions/{action}/waits-for/{on}/remove", may(store.ChangePartnershipPlans), s.planDependencyRemoveForm},
		{"POST", "/plans/{id}/actions/{action}/waits-for/{on}/remove", may(store.ChangePartnershipPlans), s.planDependencyRemove},

		{"GET", "/users", may(store.ManageUsers), s.userList},
		{"GET", "/users/new", may(store.ManageUsers), s.userNewForm},
		{"POST", "/users", may(store.ManageUsers), s.userCreate},
		{"GET", "/users/{id}", may(store.ManageUsers), s.userShow},
		{"POST", "/users/{id}/access", may(store.ManageUsers), s.userSetAccess},
		{"POST", "/users/{id}/status", may(store.ManageUsers), s.userSetStatus},

		{"GET", "/audit", may(store.ReadAudit), s.auditList},
		{"GET", "/audit/export", may(store.ReadAudit), s.auditExport},
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
