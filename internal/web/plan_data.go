package web

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// planData is everything about a plan that its page, dashboard, report and export show.
type planData struct {
	Plan       store.Plan
	Framework  string // the strategic framework's title
	Priorities []strategy.Priority
	Objectives []store.Objective
	Actions    []planActionRow
	Measures   []measureRow
	Risks      []riskRow
	Deps       []depRow
	Today      strategy.Date
}

type planActionRow struct {
	store.PlanAction
	Lead       string
	Partners   []string
	Priorities []string // titles
	Objective  string
	Notes      []store.Note
	Overdue    bool
	CanEdit    bool
	DependsOn  []string
}

type measureRow struct {
	strategy.Measure
	Objective string
	Standing  strategy.Standing
	Percent   int
	Chart     template.HTML
	Latest    string
}

type riskRow struct {
	strategy.Risk
	Action string
}

type depRow struct {
	Action, DependsOn     string
	ActionID, DependsOnID int64
}

// PriorityTitle names a priority of the plan by its key.
func (d planData) PriorityTitle(key string) string {
	for _, p := range d.Priorities {
		if p.Key == key {
			if p.Code != "" {
				return p.Code + ". " + p.Title
			}
			return p.Title
		}
	}
	return key
}

func (s *Server) loadPlanData(r *http.Request, plan store.Plan, pc partnershipCtx) (planData, error) {
	ctx := r.Context()
	d := planData{Plan: plan, Today: planToday()}
	f, _, err := s.db.FrameworkVersion(ctx, plan.FrameworkKey, plan.FrameworkVersion)
	if err != nil {
		return d, err
	}
	d.Framework = f.Title
	all, err := store.StrategyPriorities(f)
	if err != nil {
		return d, err
	}
	for _, p := range all {
		if slices.Contains(plan.Priorities, p.Key) {
			d.Priorities = append(d.Priorities, p)
		}
	}
	if d.Objectives, err = s.db.PlanObjectives(ctx, plan.ID); err != nil {
		return d, err
	}
	objTitle := func(id int64) string {
		for _, o := range d.Objectives {
			if o.ID == id {
				return o.Title
			}
		}
		return ""
	}
	acts, err := s.db.PlanActions(ctx, plan.ID)
	if err != nil {
		return d, err
	}
	notes, err := s.db.PlanNotes(ctx, plan.ID)
	if err != nil {
		return d, err
	}
	deps, err := s.db.PlanDependencies(ctx, plan.ID)
	if err != nil {
		return d, err
	}
	title := map[int64]string{}
	for _, a := range acts {
		title[a.ID] = a.Title
	}
	for _, a := range acts {
		row := planActionRow{PlanAction: a, Lead: pc.Name(a.LeadOrgID), Objective: objTitle(a.ObjectiveID), Notes: notes[a.ID],
			Overdue: a.Overdue(d.Today), CanEdit: pc.Access.CanEditAction(a.LeadOrgID)}
		for _, p := range a.Partners {
			row.Partners = append(row.Partners, pc.Name(p))
		}
		for _, k := range a.Action.Priorities {
			row.Priorities = append(row.Priorities, d.PriorityTitle(k))
		}
		for _, dep := range deps {
			if dep.Action == a.ID {
				row.DependsOn = append(row.DependsOn, title[dep.DependsOn])
			}
		}
		d.Actions = append(d.Actions, row)
	}
	for _, dep := range deps {
		d.Deps = append(d.Deps, depRow{title[dep.Action], title[dep.DependsOn], dep.Action, dep.DependsOn})
	}
	ms, err := s.db.PlanMeasures(ctx, plan.ID)
	if err != nil {
		return d, err
	}
	for i, m := range ms {
		st, pc := m.Status()
		row := measureRow{Measure: m, Objective: objTitle(m.ObjectiveID), Standing: st, Percent: pc,
			Chart: trendSVG(m, "measure-"+itoa(m.ID)+"-"+itoa(int64(i)))}
		if v, ok := m.Latest(); ok {
			row.Latest = v.Value.String()
		}
		d.Measures = append(d.Measures, row)
	}
	risks, err := s.db.PlanRisks(ctx, plan.ID)
	if err != nil {
		return d, err
	}
	for _, rk := range risks {
		d.Risks = append(d.Risks, riskRow{Risk: rk, Action: title[rk.ActionID]})
	}
	return d, nil
}

// domainActions is the plan's actions as the domain package takes them.
func (d planData) domainActions() []strategy.Action {
	out := make([]strategy.Action, len(d.Actions))
	for i, a := range d.Actions {
		out[i] = a.Action
	}
	return out
}

func (d planData) priorityKeys() []string {
	out := make([]string, len(d.Priorities))
	for i, p := range d.Priorities {
		out[i] = p.Key
	}
	return out
}
