package api

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Career options, pathways, talent match and team options (issue 5): CareerOptions, Pathway,
// TalentMatch and TeamOptions in api/openapi.yaml. They read the career index (caught up with
// the newest change before each answer) and apply the caller's scope: options and pathways go
// only through roles the caller may see (their employers' roles and the shared, published roles
// of partners); talent match and team options list only the people they manage, and need the
// manager access role or above somewhere (403 otherwise).

type roleRefDoc struct {
	ID                   int64  `json:"id"`
	Title                string `json:"title"`
	Level                int    `json:"level"`
	Band                 string `json:"band"`
	StaffGroup           string `json:"staff_group"`
	OrganisationID       int64  `json:"organisation_id"`
	RegistrationRequired bool   `json:"registration_required"`
	Href                 string `json:"href"`
}

type countsDoc struct {
	Met             int `json:"met"`
	Partly          int `json:"partly"`
	Missing         int `json:"missing"`
	EssentialNotMet int `json:"essential_not_met"`
}

type routeDoc struct {
	FrameworkID          int64  `json:"framework_id"`
	FrameworkTitle       string `json:"framework_title"`
	Kind                 string `json:"kind"`
	RegistrationRequired bool   `json:"registration_required"`
	Qualification        string `json:"qualification"`
	Note                 string `json:"note"`
}

type optionDoc struct {
	Role            roleRefDoc `json:"role"`
	Kind            string     `json:"kind"`
	Transferability int        `json:"transferability"`
	countsDoc
	Explanation string    `json:"explanation"`
	Route       *routeDoc `json:"route"`
}

type optionsDoc struct {
	PersonID  int64       `json:"person_id,omitempty"`
	RoleID    int64       `json:"role_id,omitempty"`
	FromRoles []int64     `json:"from_roles"`
	FromLevel int         `json:"from_level"`
	Total     int         `json:"total"`
	Limit     int         `json:"limit"`
	Offset    int         `json:"offset"`
	Options   []optionDoc `json:"options"`
}

type stepDoc struct {
	Role            roleRefDoc `json:"role"`
	Kind            string     `json:"kind"`
	Transferability int        `json:"transferability"`
	Gap             int        `json:"gap"`
	countsDoc
	Route *routeDoc `json:"route"`
}

type pathwayDoc struct {
	PersonID int64      `json:"person_id"`
	To       roleRefDoc `json:"to"`
	From     roleRefDoc `json:"from"`
	TotalGap int        `json:"total_gap"`
	Steps    []stepDoc  `json:"steps"`
}

type matchDoc struct {
	PersonID        int64 `json:"person_id"`
	OrganisationID  int64 `json:"organisation_id"`
	Transferability int   `json:"transferability"`
	countsDoc
	Href string `json:"href"`
}

type talentDoc struct {
	RoleID  int64      `json:"role_id"`
	Total   int        `json:"total"`
	Limit   int        `json:"limit"`
	Offset  int        `json:"offset"`
	Matches []matchDoc `json:"matches"`
}

type memberDoc struct {
	PersonID int64       `json:"person_id"`
	Roles    []int64     `json:"current_role_ids"`
	Options  []optionDoc `json:"options"`
}

type successionDoc struct {
	Role       roleRefDoc `json:"role"`
	Holders    int        `json:"holders"`
	Candidates []matchDoc `json:"candidates"`
}

type teamDoc struct {
	TeamID     int64           `json:"team_id"`
	Members    []memberDoc     `json:"members"`
	Succession []successionDoc `json:"succession"`
}

func roleRef(r *career.RoleInfo) roleRefDoc {
	return roleRefDoc{ID: r.ID, Title: r.Title, Level: r.Level, Band: r.Band, StaffGroup: r.StaffGroup,
		OrganisationID: r.OrganisationID, RegistrationRequired: r.Registration, Href: "/api/v1/roles/" + strconv.FormatInt(r.ID, 10)}
}

func counts(c career.Counts) countsDoc {
	return countsDoc{Met: c.Met, Partly: c.Partly, Missing: c.Missing, EssentialNotMet: c.EssentialNotMet}
}

func routeOf(rt *career.RouteInfo) *routeDoc {
	if rt == nil {
		return nil
	}
	return &routeDoc{FrameworkID: rt.FrameworkID, FrameworkTitle: rt.FrameworkTitle, Kind: rt.Kind,
		RegistrationRequired: rt.RegistrationRequired, Qualification: rt.Qualification, Note: rt.Note}
}

func optionDocument(o career.Option) optionDoc {
	return optionDoc{Role: roleRef(o.Role), Kind: o.Kind, Transferability: o.Transferability, countsDoc: counts(o.Counts),
		Explanation: career.Explain(o.Transferability, o.Counts), Route: routeOf(o.Route)}
}

func matchDocument(m career.Match) matchDoc {
	return matchDoc{PersonID: m.PersonID, OrganisationID: m.OrganisationID, Transferability: m.Transferability,
		countsDoc: counts(m.Counts), Href: personHref(m.PersonID)}
}

// careerScope is the caller's index and scopes.
type careerScope struct {
	idx    *career.Index
	roles  career.RoleScope
	people career.PeopleScope
	today  int32
}

func (s *server) careerScopeOf(r *http.Request, sc scope) (careerScope, error) {
	cs := careerScope{today: career.Today(s.db.Today())}
	visible := make([]int64, 0, len(sc))
	for id := range sc {
		visible = append(visible, id)
	}
	slices.Sort(visible)
	var err error
	if cs.roles, err = s.db.CareerRoleScope(r.Context(), visible); err != nil {
		return cs, err
	}
	cs.people = career.PeopleScope{Orgs: map[int64]bool{}, UserID: callerOf(r).UserID}
	for _, id := range store.PeopleScope(map[int64]store.AccessRole(sc)) {
		cs.people.Orgs[id] = true
	}
	cs.idx, err = s.db.Careers().Index(r.Context())
	return cs, err
}

func (cs careerScope) role(id int64) (*career.RoleInfo, error) {
	role, ok := cs.idx.Role(id)
	if !ok || !cs.roles.Allows(role) {
		return nil, noRole(id)
	}
	return role, nil
}

// optionQuery reads the filters and the page of an options list.
func optionQuery(r *http.Request) (career.OptionFilter, int, int, error) {
	q := r.URL.Query()
	var f career.OptionFilter
	var bad []problemError
	for _, raw := range q["level"] {
		n, err := strconv.Atoi(raw)
		if err != nil || n < workforce.MinLevel || n > workforce.MaxLevel {
			bad = append(bad, problemError{Parameter: "level", Detail: fmt.Sprintf("%q is not a level from 1 to 9.", raw)})
			continue
		}
		f.Levels = append(f.Levels, n)
	}
	if g := strings.TrimSpace(q.Get("staff_group")); g != "" {
		sg, ok := workforce.LookupStaffGroup(g)
		if !ok {
			bad = append(bad, problemError{Parameter: "staff_group", Detail: fmt.Sprintf("%q is not an NHS staff group.", g)})
		}
		f.StaffGroup = sg.Name
	}
	if o := q.Get("organisation"); o != "" {
		id, err := strconv.ParseInt(o, 10, 64)
		if err != nil || id <= 0 {
			bad = append(bad, problemError{Parameter: "organisation", Detail: fmt.Sprintf("%q is not an organisation id.", o)})
		}
		f.OrganisationID = id
	}
	for _, k := range q["kind"] {
		switch k {
		case career.OptionUp, career.OptionAcross, career.OptionFurther, career.OptionDown:
			f.Kinds = append(f.Kinds, k)
		default:
			bad = append(bad, problemError{Parameter: "kind", Detail: fmt.Sprintf("%q is not up, across, further or down.", k)})
		}
	}
	limit, offset := 20, 0
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 1000 {
			bad = append(bad, problemError{Parameter: "limit", Detail: fmt.Sprintf("%q is not a whole number from 1 to 1000.", raw)})
		}
		limit = n
	}
	if raw := q.Get("offset"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			bad = append(bad, problemError{Parameter: "offset", Detail: fmt.Sprintf("%q is not a whole number of 0 or more.", raw)})
		}
		offset = n
	}
	if len(bad) > 0 {
		return f, 0, 0, clientErrorf(errBadRequest, "Some parameters are not right: see errors.").withErrors(bad...)
	}
	return f, limit, offset, nil
}

func (s *server) writeOptions(w http.ResponseWriter, r *http.Request, cs careerScope, st career.Start, doc optionsDoc) {
	f, limit, offset, err := optionQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	opts := cs.idx.Options(st, cs.today, cs.roles, f)
	doc.FromRoles, doc.FromLevel = st.Roles, st.Level
	if doc.FromRoles == nil {
		doc.FromRoles = []int64{}
	}
	doc.Total, doc.Limit, doc.Offset = len(opts), limit, offset
	doc.Options = []optionDoc{}
	for _, o := range opts[min(offset, len(opts)):min(offset+limit, len(opts))] {
		doc.Options = append(doc.Options, optionDocument(o))
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// personCareerOptions serves GET /api/v1/people/{id}/career-options.
func (s *server) personCareerOptions(w http.ResponseWriter, r *http.Request) {
	p, sc, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.careerScopeOf(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, ok := cs.idx.PersonStart(p.ID, cs.today)
	if !ok {
		s.fail(w, r, noPerson(p.ID))
		return
	}
	s.writeOptions(w, r, cs, st, optionsDoc{PersonID: p.ID})
}

// roleCareerOptions serves GET /api/v1/roles/{id}/career-options: where the role leads.
func (s *server) roleCareerOptions(w http.ResponseWriter, r *http.Request) {
	cs, role, err := s.careerRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, _ := cs.idx.RoleStart(role.ID)
	s.writeOptions(w, r, cs, st, optionsDoc{RoleID: role.ID})
}

func (s *server) careerRole(r *http.Request) (careerScope, *career.RoleInfo, error) {
	id, err := pathID(r, "role")
	if err != nil {
		return careerScope{}, nil, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return careerScope{}, nil, err
	}
	cs, err := s.careerScopeOf(r, sc)
	if err != nil {
		return cs, nil, err
	}
	role, err := cs.role(id)
	return cs, role, err
}

// personPathway serves GET /api/v1/people/{id}/pathway?to=ROLE.
func (s *server) personPathway(w http.ResponseWriter, r *http.Request) {
	p, sc, err := s.visiblePerson(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	raw := r.URL.Query().Get("to")
	to, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || to <= 0 {
		s.fail(w, r, clientErrorf(errBadRequest, "Say which role to reach: ?to= and a role id.").
			withErrors(problemError{Parameter: "to", Detail: strconv.Quote(raw) + " is not a role id."}))
		return
	}
	cs, err := s.careerScopeOf(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	target, err := cs.role(to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, _ := cs.idx.PersonStart(p.ID, cs.today)
	path, err := cs.idx.Pathway(st, target.ID, cs.today, cs.roles)
	switch {
	case errors.Is(err, career.ErrNoStart):
		s.fail(w, r, clientErrorf(store.ErrInvalid, "Person %d holds no current role: a pathway starts at a role held now.", p.ID))
		return
	case errors.Is(err, career.ErrNoPath), errors.Is(err, career.ErrSearchLimit):
		s.fail(w, r, clientErrorf(store.ErrInvalid, "No pathway reaches role %d: %v.", target.ID, err))
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	doc := pathwayDoc{PersonID: p.ID, To: roleRef(target), From: roleRef(path.From), TotalGap: path.Total, Steps: []stepDoc{}}
	for _, step := range path.Steps {
		doc.Steps = append(doc.Steps, stepDoc{Role: roleRef(step.Role), Kind: step.Kind, Transferability: step.Transferability,
			Gap: step.Gap, countsDoc: counts(step.Counts), Route: routeOf(step.Route)})
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// roleTalentMatch serves GET /api/v1/roles/{id}/talent-match: the people the caller manages,
// ranked against the role.
func (s *server) roleTalentMatch(w http.ResponseWriter, r *http.Request) {
	cs, role, err := s.careerRole(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, limit, offset, err := optionQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, total, _ := cs.idx.TalentMatch(role.ID, cs.today, cs.people, limit, offset)
	doc := talentDoc{RoleID: role.ID, Total: total, Limit: limit, Offset: offset, Matches: []matchDoc{}}
	for _, m := range ms {
		doc.Matches = append(doc.Matches, matchDocument(m))
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// teamCareerOptions serves GET /api/v1/teams/{id}/career-options: each member's best options up
// or across, and who could step into each role held in the team (?per= options and candidates
// each, 3 by default).
func (s *server) teamCareerOptions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !sc[id].May(store.ManagePeople) {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "There is no team %d that you manage.", id))
		return
	}
	org, err := s.db.Organisation(r.Context(), id)
	if err != nil || org.Kind != store.KindTeam {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "There is no team %d that you manage.", id))
		return
	}
	per := 3
	if raw := r.URL.Query().Get("per"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 50 {
			s.fail(w, r, clientErrorf(errBadRequest, "Some parameters are not right: see errors.").
				withErrors(problemError{Parameter: "per", Detail: fmt.Sprintf("%q is not a whole number from 1 to 50.", raw)}))
			return
		}
		per = n
	}
	cs, err := s.careerScopeOf(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to := cs.idx.TeamOptions(id, cs.today, cs.people, cs.roles, per)
	doc := teamDoc{TeamID: id, Members: []memberDoc{}, Succession: []successionDoc{}}
	for _, m := range to.Members {
		md := memberDoc{PersonID: m.PersonID, Roles: m.Roles, Options: []optionDoc{}}
		if md.Roles == nil {
			md.Roles = []int64{}
		}
		for _, o := range m.Options {
			md.Options = append(md.Options, optionDocument(o))
		}
		doc.Members = append(doc.Members, md)
	}
	for _, sc := range to.Succession {
		sd := successionDoc{Role: roleRef(sc.Role), Holders: sc.Holders, Candidates: []matchDoc{}}
		for _, c := range sc.Candidates {
			sd.Candidates = append(sd.Candidates, matchDocument(c))
		}
		doc.Succession = append(doc.Succession, sd)
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
