package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/workforce"
)

// pathwayView is the best pathway from a person's current role to a target role: each step with
// its gap, and the total.
type pathwayView struct {
	Page
	Person  workforce.Person
	IsSelf  bool
	Targets []choice
	To      string
	Target  *career.RoleInfo
	Path    *career.Pathway
	Steps   []pathStep
	// Problem says why there is no pathway.
	Problem     string
	Explanation string
}

type pathStep struct {
	N       int
	Step    career.Step
	Org     string
	Via     string
	GapHref string
}

// KindText is the step's move in words.
func (p pathStep) KindText() string { return career.KindText(p.Step.Kind) }

// pathwayExplanation says what the pathway minimises, in plain words.
const pathwayExplanation = "The pathway is the sequence of roles, one move at a time, with the smallest total gap. " +
	"A move follows a route of a career framework, or goes to a role of the same staff group one level up or across at the same level. " +
	"The gap of a step is 100 minus the transferability to that role, counting what is held now and assuming the competences of " +
	"every earlier step are met by the time it is reached. The total is the sum of the steps' gaps."

// personPathway shows the pathway from a person's current role to the role chosen (?to=).
func (s *Server) personPathway(w http.ResponseWriter, r *http.Request) {
	p, cc, st, ok := s.careerPerson(w, r)
	if !ok {
		return
	}
	base := personPath(p.ID)
	v := pathwayView{
		Page:   s.page(r, "Pathway for "+p.Name, "people", crumb{"/", "Home"}, crumb{"/people", "People"}, crumb{base, p.Name}, crumb{base + "/career-options", "Career options"}),
		Person: p, IsSelf: p.UserID != 0 && p.UserID == cc.pc.userID, To: r.URL.Query().Get("to"), Explanation: pathwayExplanation,
	}
	opts := cc.idx.Options(st, cc.today, cc.roles, career.OptionFilter{IncludeDown: true})
	slices.SortFunc(opts, func(a, b career.Option) int {
		if c := cmp.Compare(a.Role.Level, b.Role.Level); c != 0 {
			return c
		}
		return cmp.Compare(strings.ToLower(a.Role.Title), strings.ToLower(b.Role.Title))
	})
	for _, o := range opts {
		v.Targets = append(v.Targets, choice{strconv.FormatInt(o.Role.ID, 10), fmt.Sprintf("%s (level %d, %s)", o.Role.Title, o.Role.Level, cc.pc.names[o.Role.OrganisationID])})
	}
	status := http.StatusOK
	if v.To != "" {
		id, err := strconv.ParseInt(v.To, 10, 64)
		target, ok := cc.visibleRole(id)
		if err != nil || !ok {
			v.Errors = []fieldError{{"to", "Choose a role from the list"}}
			status = http.StatusUnprocessableEntity
		} else {
			v.Target = target
			path, err := cc.idx.Pathway(st, target.ID, cc.today, cc.roles)
			switch {
			case errors.Is(err, career.ErrNoStart):
				v.Problem = "There is no current role to start from: a pathway starts at a role held now. Ask your manager to record the assignment."
			case errors.Is(err, career.ErrNoPath):
				v.Problem = "No sequence of moves reaches " + target.Title + ": no career framework route leads towards it, and it is not in the same staff group one level at a time. The gap analysis still shows what it needs."
			case errors.Is(err, career.ErrSearchLimit):
				v.Problem = "The search for a pathway to " + target.Title + " stopped at its limit without an answer: choose a nearer role first."
			case err != nil:
				s.serverError(w, r, err)
				return
			default:
				v.Path = &path
				for i, step := range path.Steps {
					ps := pathStep{N: i + 1, Step: step, Org: cc.pc.names[step.Role.OrganisationID],
						GapHref: fmt.Sprintf("%s?role=%d#gap", base, step.Role.ID), Via: "Role database: same staff group"}
					if step.Route != nil {
						ps.Via = step.Route.FrameworkTitle
						var needs []string
						if step.Route.RegistrationRequired {
							needs = append(needs, "registration")
						}
						if step.Route.Qualification != "" {
							needs = append(needs, step.Route.Qualification)
						}
						if len(needs) > 0 {
							ps.Via += " (needs " + strings.Join(needs, "; ") + ")"
						}
					}
					v.Steps = append(v.Steps, ps)
				}
			}
		}
	}
	s.render(w, r, status, "pathway", v)
}
