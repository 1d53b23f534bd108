package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/strategy"
)

// Partnerships and their plans (issue 8). The same rule as the web pages (docs/security.md,
// "Partnership plans"): a partnership is visible to people of its partners, and "not found" to
// everyone else; the lead organisation's planners change a plan, each partner's managers the
// actions it leads. Amounts are decimal strings ("12.5") so that they round-trip exactly;
// dates are YYYY-MM-DD.

type partnershipSummaryDoc struct {
	ID                 int64  `json:"id"`
	Name               string `json:"name"`
	Description        string `json:"description"`
	LeadOrganisationID int64  `json:"lead_organisation_id,omitempty"`
	Href               string `json:"href"`
}

type partnerDoc struct {
	OrganisationID int64  `json:"organisation_id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	Lead           bool   `json:"lead"`
}

type planSummaryDoc struct {
	ID               int64    `json:"id"`
	Title            string   `json:"title"`
	FrameworkKey     string   `json:"framework_key"`
	FrameworkVersion string   `json:"framework_version"`
	Priorities       []string `json:"priorities"`
	Version          int      `json:"version"`
	Href             string   `json:"href"`
}

type partnershipDoc struct {
	partnershipSummaryDoc
	Partners []partnerDoc     `json:"partners"`
	Plans    []planSummaryDoc `json:"plans"`
	// What the caller may do here.
	MayEditPlans bool    `json:"may_edit_plans"`
	MayActFor    []int64 `json:"may_act_for"`
}

func partnershipHref(id int64) string { return "/api/v1/partnerships/" + strconv.FormatInt(id, 10) }
func planHref(id int64) string        { return "/api/v1/plans/" + strconv.FormatInt(id, 10) }

func partnershipSummary(p store.Partnership) partnershipSummaryDoc {
	return partnershipSummaryDoc{ID: p.ID, Name: p.Name, Description: p.Description, LeadOrganisationID: p.LeadOrganisationID,
		Href: partnershipHref(p.ID)}
}

// visiblePartnership loads the partnership in the path ({id}) with what the caller may do
// there; one they do not belong to is 404.
func (s *server) visiblePartnership(r *http.Request, id int64) (store.Partnership, store.PartnerAccess, error) {
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.Partnership{}, store.PartnerAccess{}, err
	}
	p, pa, err := s.db.PartnershipAccess(r.Context(), id, map[int64]store.AccessRole(sc))
	if errors.Is(err, store.ErrNotFound) || (err == nil && !pa.See) {
		return store.Partnership{}, store.PartnerAccess{}, clientErrorf(store.ErrNotFound, "There is no partnership %d that you belong to.", id)
	}
	return p, pa, err
}

// visiblePlan loads the plan in the path ({id}) and its partnership's access.
func (s *server) visiblePlan(r *http.Request) (store.Plan, store.PartnerAccess, error) {
	id, err := pathID(r, "plan")
	if err != nil {
		return store.Plan{}, store.PartnerAccess{}, err
	}
	plan, err := s.db.Plan(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Plan{}, store.PartnerAccess{}, clientErrorf(store.ErrNotFound, "There is no plan %d that you may see.", id)
	}
	if err != nil {
		return store.Plan{}, store.PartnerAccess{}, err
	}
	_, pa, err := s.visiblePartnership(r, plan.PartnershipID)
	if errors.Is(err, store.ErrNotFound) {
		return store.Plan{}, store.PartnerAccess{}, clientErrorf(store.ErrNotFound, "There is no plan %d that you may see.", id)
	}
	return plan, pa, err
}

// partnershipList serves GET /api/v1/partnerships: the partnerships the caller belongs to.
func (s *server) partnershipList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ps, err := s.db.VisiblePartnerships(r.Context(), map[int64]store.AccessRole(sc))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Partnerships []partnershipSummaryDoc `json:"partnerships"`
	}{Partnerships: []partnershipSummaryDoc{}}
	for _, p := range ps {
		out.Partnerships = append(out.Partnerships, partnershipSummary(p))
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}

// partnershipShow serves GET /api/v1/partnerships/{id}: its partners (names and kinds only) and
// its plans.
func (s *server) partnershipShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "partnership")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, pa, err := s.visiblePartnership(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.partnershipDocument(r, p, pa)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// partnershipDocument is the partnership with its partners, plans and what the caller may do.
func (s *server) partnershipDocument(r *http.Request, p store.Partnership, pa store.PartnerAccess) (partnershipDoc, error) {
	partners, err := s.db.PartnershipPartners(r.Context(), p.ID)
	if err != nil {
		return partnershipDoc{}, err
	}
	plans, err := s.db.PartnershipPlans(r.Context(), p.ID)
	if err != nil {
		return partnershipDoc{}, err
	}
	doc := partnershipDoc{partnershipSummaryDoc: partnershipSummary(p), Partners: []partnerDoc{}, Plans: []planSummaryDoc{},
		MayEditPlans: pa.EditPlan, MayActFor: []int64{}}
	for _, pt := range partners {
		doc.Partners = append(doc.Partners, partnerDoc{OrganisationID: pt.ID, Name: pt.Name, Kind: string(pt.PartnerKind), Lead: pt.Lead})
		if pa.CanEditAction(pt.ID) {
			doc.MayActFor = append(doc.MayActFor, pt.ID)
		}
	}
	for _, pl := range plans {
		doc.Plans = append(doc.Plans, planSummaryDoc{ID: pl.ID, Title: pl.Title, FrameworkKey: pl.FrameworkKey,
			FrameworkVersion: pl.FrameworkVersion, Priorities: pl.Priorities, Version: pl.Version, Href: planHref(pl.ID)})
	}
	return doc, nil
}

type priorityDoc struct {
	Key   string `json:"key"`
	Code  string `json:"code,omitempty"`
	Title string `json:"title"`
}

type objectiveDoc struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

type planActionDoc struct {
	ID                 int64    `json:"id"`
	ObjectiveID        int64    `json:"objective_id,omitempty"`
	Title              string   `json:"title"`
	Description        string   `json:"description"`
	LeadOrganisationID int64    `json:"lead_organisation_id"`
	PartnerIDs         []int64  `json:"partner_ids"`
	Start              string   `json:"start,omitempty"`
	Due                string   `json:"due,omitempty"`
	Status             string   `json:"status"`
	Overdue            bool     `json:"overdue"`
	Priorities         []string `json:"priorities"`
	SolutionID         int64    `json:"solution_id,omitempty"`
	Version            int      `json:"version"`
}

type valueDoc struct {
	On    string `json:"on"`
	Value string `json:"value"`
	Note  string `json:"note"`
}

type measureDoc struct {
	ID          int64      `json:"id"`
	ObjectiveID int64      `json:"objective_id"`
	Title       string     `json:"title"`
	Unit        string     `json:"unit"`
	Baseline    string     `json:"baseline"`
	Target      string     `json:"target"`
	Direction   string     `json:"direction"`
	TargetDate  string     `json:"target_date,omitempty"`
	Status      string     `json:"status"`
	Percent     int        `json:"percent"`
	Values      []valueDoc `json:"values"`
}

type riskDoc struct {
	ID         int64  `json:"id"`
	ActionID   int64  `json:"action_id,omitempty"`
	Title      string `json:"title"`
	Likelihood int    `json:"likelihood"`
	Impact     int    `json:"impact"`
	Score      int    `json:"score"`
	Rating     string `json:"rating"`
	Mitigation string `json:"mitigation"`
}

type dependencyDoc struct {
	ActionID    int64 `json:"action_id"`
	DependsOnID int64 `json:"depends_on_id"`
}

type progressDoc struct {
	Total      int `json:"total"`
	Done       int `json:"done"`
	InProgress int `json:"in_progress"`
	Blocked    int `json:"blocked"`
	Planned    int `json:"planned"`
	Overdue    int `json:"overdue"`
	Percent    int `json:"percent"`
}

type planDoc struct {
	ID               int64                  `json:"id"`
	PartnershipID    int64                  `json:"partnership_id"`
	Title            string                 `json:"title"`
	Description      string                 `json:"description"`
	FrameworkKey     string                 `json:"framework_key"`
	FrameworkVersion string                 `json:"framework_version"`
	Priorities       []priorityDoc          `json:"priorities"`
	Version          int                    `json:"version"`
	Objectives       []objectiveDoc         `json:"objectives"`
	Actions          []planActionDoc        `json:"actions"`
	Measures         []measureDoc           `json:"measures"`
	Risks            []riskDoc              `json:"risks"`
	Dependencies     []dependencyDoc        `json:"dependencies"`
	Progress         progressDoc            `json:"progress"`
	ByPriority       map[string]progressDoc `json:"progress_by_priority"`
}

func progressOf(p strategy.Progress) progressDoc {
	return progressDoc{Total: p.Total, Done: p.Done, InProgress: p.InProgress, Blocked: p.Blocked, Planned: p.Planned,
		Overdue: p.Overdue, Percent: p.Percent()}
}

func planActionDocOf(a store.PlanAction, today strategy.Date) planActionDoc {
	d := planActionDoc{ID: a.ID, ObjectiveID: a.ObjectiveID, Title: a.Title, Description: a.Description, LeadOrganisationID: a.LeadOrgID,
		PartnerIDs: a.Partners, Start: a.Start.String(), Due: a.Due.String(), Status: string(a.Status), Overdue: a.Overdue(today),
		Priorities: a.Priorities, SolutionID: a.SolutionID, Version: a.Version}
	if d.PartnerIDs == nil {
		d.PartnerIDs = []int64{}
	}
	if d.Priorities == nil {
		d.Priorities = []string{}
	}
	return d
}

// planShow serves GET /api/v1/plans/{id}: the whole plan with its roll-ups.
func (s *server) planShow(w http.ResponseWriter, r *http.Request) {
	plan, _, err := s.visiblePlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.planDocument(r, plan)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

func (s *server) planDocument(r *http.Request, plan store.Plan) (planDoc, error) {
	ctx := r.Context()
	today := strategy.DateOf(time.Now())
	doc := planDoc{ID: plan.ID, PartnershipID: plan.PartnershipID, Title: plan.Title, Description: plan.Description,
		FrameworkKey: plan.FrameworkKey, FrameworkVersion: plan.FrameworkVersion, Version: plan.Version,
		Priorities: []priorityDoc{}, Objectives: []objectiveDoc{}, Actions: []planActionDoc{}, Measures: []measureDoc{}, Risks: []riskDoc{},
		Dependencies: []dependencyDoc{}, ByPriority: map[string]progressDoc{}}
	f, _, err := s.db.FrameworkVersion(ctx, plan.FrameworkKey, plan.FrameworkVersion)
	if err != nil {
		return doc, err
	}
	ps, err := store.StrategyPriorities(f)
	if err != nil {
		return doc, err
	}
	for _, p := range ps {
		for _, k := range plan.Priorities {
			if k == p.Key {
				doc.Priorities = append(doc.Priorities, priorityDoc{Key: p.Key, Code: p.Code, Title: p.Title})
			}
		}
	}
	objs, err := s.db.PlanObjectives(ctx, plan.ID)
	if err != nil {
		return doc, err
	}
	for _, o := range objs {
		doc.Objectives = append(doc.Objectives, objectiveDoc{ID: o.ID, Title: o.Title, Description: o.Description})
	}
	acts, err := s.db.PlanActions(ctx, plan.ID)
	if err != nil {
		return doc, err
	}
	var domain []strategy.Action
	for _, a := range acts {
		doc.Actions = append(doc.Actions, planActionDocOf(a, today))
		domain = append(domain, a.Action)
	}
	doc.Progress = progressOf(strategy.Tally(domain, today))
	for k, p := range strategy.ByPriority(domain, plan.Priorities, today) {
		doc.ByPriority[k] = progressOf(p)
	}
	ms, err := s.db.PlanMeasures(ctx, plan.ID)
	if err != nil {
		return doc, err
	}
	for _, m := range ms {
		st, pc := m.Status()
		md := measureDoc{ID: m.ID, ObjectiveID: m.ObjectiveID, Title: m.Title, Unit: m.Unit, Baseline: m.Baseline.String(),
			Target: m.Target.String(), Direction: string(m.Direction), TargetDate: m.TargetDate.String(), Status: string(st), Percent: pc,
			Values: []valueDoc{}}
		for _, v := range m.Values {
			md.Values = append(md.Values, valueDoc{On: v.On.String(), Value: v.Value.String(), Note: v.Note})
		}
		doc.Measures = append(doc.Measures, md)
	}
	risks, err := s.db.PlanRisks(ctx, plan.ID)
	if err != nil {
		return doc, err
	}
	for _, rk := range risks {
		doc.Risks = append(doc.Risks, riskDoc{ID: rk.ID, ActionID: rk.ActionID, Title: rk.Title, Likelihood: rk.Likelihood,
			Impact: rk.Impact, Score: rk.Score(), Rating: rk.Rating(), Mitigation: rk.Mitigation})
	}
	deps, err := s.db.PlanDependencies(ctx, plan.ID)
	if err != nil {
		return doc, err
	}
	for _, d := range deps {
		doc.Dependencies = append(doc.Dependencies, dependencyDoc{ActionID: d.Action, DependsOnID: d.DependsOn})
	}
	return doc, nil
}
