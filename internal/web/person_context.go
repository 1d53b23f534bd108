package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// People pages (issue 5) share this: who the viewer may see and change, and the names of the
// organisations, teams and roles a person's record refers to.
//
// Scope (DESIGN decision 1): a person's record is visible to managers, planners and
// administrators of their organisation (or a node above it) or of the team of one of their
// assignments, and to the person themselves through their linked account. Staff and viewers see
// only their own record. Another organisation's people are "not found", never "forbidden", so
// their existence does not leak.

func personPath(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }

// peopleContext is the viewer's scope with the organisation tree's names.
type peopleContext struct {
	sc     scope
	userID int64
	names  map[int64]string
	kinds  map[int64]string
}

func (s *Server) peopleContextFor(r *http.Request) (peopleContext, error) {
	sc, err := s.scopeFor(r)
	if err != nil {
		return peopleContext{}, err
	}
	pc := peopleContext{sc: sc, names: map[int64]string{}, kinds: map[int64]string{}}
	if v := currentViewer(r); v != nil {
		pc.userID = v.User.ID
	}
	all, err := s.db.Organisations(r.Context())
	if err != nil {
		return pc, err
	}
	for _, o := range all {
		pc.names[o.ID], pc.kinds[o.ID] = o.Name, o.Kind
	}
	return pc, nil
}

// scopeIDs are the organisations where the viewer sees people.
func (pc peopleContext) scopeIDs() []int64 { return store.PeopleScope(pc.sc.access) }

// canSee reports whether the viewer may see the person's record.
func (pc peopleContext) canSee(p workforce.Person) bool {
	return store.PersonVisible(p, pc.sc.access, pc.userID)
}

// canManage reports whether the viewer may change the person's record and confirm their
// competences: a manager or above of their organisation or of one of their teams. Seeing one's
// own record is not managing it.
func (pc peopleContext) canManage(p workforce.Person) bool {
	return store.PersonVisible(p, pc.sc.access, 0)
}

// canErase: an administrator of the person's organisation.
func (pc peopleContext) canErase(p workforce.Person) bool {
	return pc.sc.may(p.OrganisationID, store.ErasePerson)
}

// employers are the organisations (not teams) where the viewer may add and import people.
func (pc peopleContext) employers() []orgItem {
	var out []orgItem
	for _, o := range pc.sc.items() {
		if o.Kind != store.KindTeam && pc.sc.may(o.ID, store.ManagePeople) {
			out = append(out, o)
		}
	}
	return out
}

// loadPerson reads the person of the path's {id}, answering 404 when there is none or the
// viewer may not see it.
func (s *Server) loadPerson(w http.ResponseWriter, r *http.Request) (workforce.Person, peopleContext, bool) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return workforce.Person{}, pc, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return workforce.Person{}, pc, false
	}
	p, err := s.db.Person(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !pc.canSee(p)) {
		s.notFound(w, r)
		return workforce.Person{}, pc, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return workforce.Person{}, pc, false
	}
	return p, pc, true
}

// roleNames returns the employer's roles of an organisation by id, for labels and choices.
func (s *Server) employerRoles(r *http.Request, orgID int64) ([]workforce.Role, map[int64]workforce.Role, error) {
	roles, err := s.db.EmployerRoles(r.Context(), orgID)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]workforce.Role, len(roles))
	for _, role := range roles {
		byID[role.ID] = role
	}
	return roles, byID, nil
}

// assignmentView is an assignment with the names it refers to.
type assignmentView struct {
	workforce.Assignment
	RoleTitle, TeamName string
	Current             bool
}

func (pc peopleContext) assignmentViews(p workforce.Person, roles map[int64]workforce.Role, today workforce.Date) []assignmentView {
	out := make([]assignmentView, len(p.Assignments))
	for i, a := range p.Assignments {
		title := roles[a.RoleID].Title
		if title == "" {
			title = "Role " + strconv.FormatInt(a.RoleID, 10)
		}
		out[i] = assignmentView{Assignment: a, RoleTitle: title, TeamName: pc.names[a.TeamID], Current: a.Current(today)}
	}
	return out
}

// problemsToErrors turns domain problems into form errors, warnings dropped.
func problemsToErrors(ps []workforce.Problem) []fieldError {
	var out []fieldError
	for _, p := range ps {
		if !p.Warning {
			out = append(out, fieldError{Field: formField(p.Field), Message: p.Message})
		}
	}
	return out
}

// formField turns "assignments[1].fte" into the form field id "assignments-1-fte".
func formField(f string) string {
	out := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		switch c := f[i]; c {
		case '[', '.':
			out = append(out, '-')
		case ']':
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// mergeErrors adds the domain's errors to those found reading the form, one per field: a value
// that could not be read is not reported again by the rules.
func mergeErrors(read, rules []fieldError) []fieldError {
	seen := map[string]bool{}
	for _, e := range read {
		seen[e.Field] = true
	}
	for _, e := range rules {
		if !seen[e.Field] {
			read = append(read, e)
			seen[e.Field] = true
		}
	}
	return read
}
