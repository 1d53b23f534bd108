package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/strategy"
)

// Partnership plans (DOMAIN.md section 5; DESIGN decision 1): the organisations work together in
// partnerships of about five neighbours, as integrated care systems do (the national scale's 200
// organisations make 40), and each partnership has a workforce plan led by one partner against
// three priorities of the strategic framework: objectives, actions led by partners with others
// involved, dated relative to today so that the plan is under way (some done, some due, one
// now and then blocked), progress notes, a measure with its values and risks. A scale with one
// organisation has no partnership.

const streamPlans = 8

// PartnershipSize is about how many organisations a generated partnership has.
const PartnershipSize = 5

// PartnershipRecord is a generated partnership. Members and Lead are places in Organisations.
type PartnershipRecord struct {
	Name    string
	Members []int
	Lead    int
	Plan    PlanRecord
}

// PlanRecord is a partnership's plan. Days are counted from today.
type PlanRecord struct {
	Title, Description string
	Priorities         []string
	Objectives         []string
	Actions            []PlanActionRecord
	Measure            strategy.Measure // its dates are set from MeasureDays
	MeasureDays        []int            // the day of each of Measure.Values, from today
	TargetDays         int
	Risks              []strategy.Risk // ActionID is a place in Actions plus one, or 0
}

// PlanActionRecord is one action: Objective is a place in Objectives or -1, Lead and Partners
// places in Organisations.
type PlanActionRecord struct {
	Title              string
	Objective          int
	Lead               int
	Partners           []int
	StartDays, DueDays int
	Status             strategy.Status
	Priorities         []string
	Note               string
	NoteDays           int
}

// Strategy returns the strategic framework the plans address.
func (g *Generator) Strategy() (*framework.Framework, error) {
	return optional(&g.opts.Strategy, "london-workforce-2016.yaml")
}

var partnershipKinds = []string{"Health and Care Partnership", "Integrated Care System", "Workforce Partnership"}

var planObjectives = []string{"Reduce registered nursing vacancies across the partnership",
	"Offer careers that cross health and social care", "Keep experienced staff for longer",
	"Grow the clinical research workforce", "Share staff and skills across organisational boundaries",
	"Improve staff health and wellbeing", "Train and recruit local people into health and care jobs"}

var planActions = []string{"Joint nursing bank across the trusts", "Rotational posts for newly qualified nurses",
	"Health and care apprenticeship pathway", "Commission a shared workforce planning service",
	"Research careers for nurses and allied health professionals", "Shared induction for new starters",
	"Retire and return with flexible contracts", "Common staff passport between partners",
	"Joint recruitment campaign for support workers", "Shared mental health first aid training",
	"Career conversations for staff at band 2 to 4", "Shared data on vacancies and turnover",
	"Flexible working offer agreed across partners", "Leadership programme across the system"}

var planNotes = []string{"Agreed by the partnership board.", "First cohort started.", "Waiting for the partners' agreement on funding.",
	"Evaluation shared with the partners.", "Pilot extended to two more partners."}

var planRisks = []string{"Agency spend rises while the bank grows", "Funding is not agreed in time",
	"Partners cannot release staff for training", "Recruitment falls short in the winter"}

// Partnerships makes the partnerships and their plans.
func (g *Generator) Partnerships() ([]PartnershipRecord, error) {
	f, err := g.Strategy()
	if err != nil {
		return nil, err
	}
	var priorities []string
	for _, n := range f.Nodes {
		priorities = append(priorities, n.Key)
	}
	if len(priorities) == 0 {
		return nil, errors.New("generate: the strategic framework has no priorities")
	}
	n := len(g.orgs)
	if n < 2 {
		return nil, nil
	}
	r := g.rng(streamPlans)
	groups := max(1, n/PartnershipSize)
	used := map[string]bool{}
	var out []PartnershipRecord
	for k := range groups {
		var members []int
		for i := k * n / groups; i < (k+1)*n/groups; i++ {
			members = append(members, i)
		}
		var name string
		for attempt := 0; ; attempt++ {
			name = pick(r, placeStems) + " " + pick(r, partnershipKinds)
			if attempt > 20 {
				name = fmt.Sprintf("%s %d", name, k+1)
			}
			if !used[name] {
				break
			}
		}
		used[name] = true
		p := PartnershipRecord{Name: name, Members: members, Lead: pick(r, members)}
		p.Plan = g.plan(r, name, members, priorities)
		out = append(out, p)
	}
	return out, nil
}

func (g *Generator) plan(r *rand.Rand, name string, members []int, all []string) PlanRecord {
	prios := slices.Clone(all)
	r.Shuffle(len(prios), func(a, b int) { prios[a], prios[b] = prios[b], prios[a] })
	prios = prios[:min(3, len(prios))]
	slices.SortFunc(prios, func(a, b string) int { return slices.Index(all, a) - slices.Index(all, b) })
	objectives := slices.Clone(planObjectives)
	r.Shuffle(len(objectives), func(a, b int) { objectives[a], objectives[b] = objectives[b], objectives[a] })
	p := PlanRecord{Title: name + " workforce plan", Priorities: prios, Objectives: objectives[:2],
		Description: "How the partners will keep and attract the staff the area needs and work across organisational boundaries."}
	titles := slices.Clone(planActions)
	r.Shuffle(len(titles), func(a, b int) { titles[a], titles[b] = titles[b], titles[a] })
	for k := range 4 + r.IntN(5) {
		a := PlanActionRecord{Title: titles[k%len(titles)], Objective: r.IntN(3) - 1, Lead: pick(r, members)}
		for _, m := range members {
			if m != a.Lead && r.IntN(3) == 0 {
				a.Partners = append(a.Partners, m)
			}
		}
		a.StartDays = -200 + r.IntN(260)
		a.DueDays = a.StartDays + 60 + r.IntN(300)
		switch d := r.IntN(10); {
		case a.StartDays > 0:
			a.Status = strategy.StatusPlanned
		case a.DueDays < 0 && d < 8:
			a.Status = strategy.StatusDone
		case d == 9:
			a.Status = strategy.StatusBlocked
		default:
			a.Status = strategy.StatusInProgress
		}
		a.Priorities = []string{pick(r, prios)}
		if a.Status != strategy.StatusPlanned && r.IntN(2) == 0 {
			a.Note, a.NoteDays = pick(r, planNotes), min(-1, a.DueDays)-r.IntN(20)
			a.NoteDays = max(a.NoteDays, a.StartDays)
		}
		p.Actions = append(p.Actions, a)
	}
	base := strategy.Amount(900 + r.IntN(700)) // a vacancy rate of 9% to 16%, in hundredths
	p.Measure = strategy.Measure{Title: "Registered nursing vacancy rate", Unit: "%", Baseline: base,
		Target: base * 2 / 3, Direction: strategy.Decrease}
	p.TargetDays = 540
	v := base
	for k := range 4 {
		p.Measure.Values = append(p.Measure.Values, strategy.Value{Value: v})
		p.MeasureDays = append(p.MeasureDays, -90+30*k)
		v -= strategy.Amount(r.IntN(60) - 10)
	}
	p.Risks = append(p.Risks, strategy.Risk{Title: pick(r, planRisks), Likelihood: 1 + r.IntN(5), Impact: 1 + r.IntN(5),
		Mitigation: "Reviewed monthly by the partnership board."})
	if r.IntN(2) == 0 {
		p.Risks = append(p.Risks, strategy.Risk{Title: pick(r, planRisks), Likelihood: 1 + r.IntN(5), Impact: 1 + r.IntN(5),
			Mitigation: "Options paper to the next board.", ActionID: int64(1 + r.IntN(len(p.Actions)))})
	}
	return p
}
