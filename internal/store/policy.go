package store

import (
	"slices"
	"sort"
	"strings"
)

// Action is something a user may do to a kind of record of an organisation. Whether they may is
// decided in one place, Policy: the web pages and the API ask May, and the permission matrix test
// derives what it expects of every route from the same table (issue 9: "one place that decides").
type Action string

// The actions an access role decides. What a person does to their own things (their account,
// tokens, own profiles, portfolio, career options) and what partnerships and assessment sides
// allow are decided by those records' own rules (docs/security.md), not by an access role.
const (
	ReadOrganisation       Action = "read an organisation and what it publishes"
	AdministerOrganisation Action = "create and change services and teams below an organisation"
	ManageUsers            Action = "add users and give or take away their access roles"
	IssueServiceTokens     Action = "issue and revoke service API tokens"
	ReadAudit              Action = "read and export the audit log"
	ChangeRoles            Action = "create, change, copy and import roles"
	ChangeCareerFrameworks Action = "create and change career frameworks"
	ChangeOwnFrameworks    Action = "build, import and publish the organisation's own competence frameworks"
	ChangeRoleProfiles     Action = "create and change the IWF profiles of roles, by hand or by import"
	ManagePeople           Action = "see and change people, their assignments and portfolios"
	ErasePerson            Action = "erase a person"
	AdministerAssessments  Action = "name the assessment sides, start and delete self-assessment cycles"
	PlanWorkforce          Action = "see a unit's workforce profile, posts and costs, and change its posts and scenarios"
	SetPayCosts            Action = "set the employer's on-cost percentage"
	// For a partnership, held in the partner organisation: see partnership_access in
	// PartnershipAccessFrom (being a partner's member at all lets one read its plans).
	EnrolInPartnership     Action = "bring the organisation into a new partnership"
	ChangePartnershipPlans Action = "create and change the plans of a partnership the organisation leads"
	ActForPartner          Action = "add and update a partnership plan's actions for the organisation, and add to its register"
)

// Policy is the weakest access role that allows each action, held in the record's organisation
// or in one above it in the tree (an access role applies to everything below its organisation).
var Policy = map[Action]AccessRole{
	ReadOrganisation:       AccessViewer,
	AdministerOrganisation: AccessAdministrator,
	ManageUsers:            AccessAdministrator,
	IssueServiceTokens:     AccessAdministrator,
	ReadAudit:              AccessAdministrator,
	ChangeRoles:            AccessPlanner,
	ChangeCareerFrameworks: AccessPlanner,
	ChangeOwnFrameworks:    AccessPlanner,
	ChangeRoleProfiles:     AccessManager,
	ManagePeople:           AccessManager,
	ErasePerson:            AccessAdministrator,
	AdministerAssessments:  AccessAdministrator,
	PlanWorkforce:          AccessManager,
	SetPayCosts:            AccessAdministrator,
	EnrolInPartnership:     AccessAdministrator,
	ChangePartnershipPlans: AccessPlanner,
	ActForPartner:          AccessManager,
}

// May reports whether the access role allows the action. An action missing from Policy is
// allowed to nobody: a new action must be given its access role before anyone can use it.
func (r AccessRole) May(a Action) bool {
	min, ok := Policy[a]
	return ok && r.AtLeast(min)
}

// AllowedRoles lists the access roles that allow the action, strongest first.
func AllowedRoles(a Action) []AccessRole {
	var out []AccessRole
	for _, r := range AccessRoles {
		if r.May(a) {
			out = append(out, r)
		}
	}
	return out
}

// NeedsPhrase says in words who may take the action, for a refusal: "the planner or
// administrator access role".
func NeedsPhrase(a Action) string {
	rs := AllowedRoles(a)
	slices.Reverse(rs) // weakest first: "the planner or administrator access role"
	var b strings.Builder
	b.WriteString("the ")
	for i, r := range rs {
		switch {
		case i == 0:
		case i == len(rs)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(r))
	}
	b.WriteString(" access role")
	return b.String()
}

// Actions lists the actions of Policy, strongest access role first, then by name: the order
// docs/security.md lists them in.
func Actions() []Action {
	out := make([]Action, 0, len(Policy))
	for a := range Policy {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := Policy[out[i]].Rank(), Policy[out[j]].Rank()
		if ri != rj {
			return ri > rj
		}
		return out[i] < out[j]
	})
	return out
}
