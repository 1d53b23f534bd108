package strategy

import (
	"slices"
	"strings"
)

// Partner is a member organisation of a partnership as plans see it.
type Partner struct {
	OrganisationID int64
	Name           string
	Kind           PartnerKind
	Lead           bool
}

// Priority is one priority (area of focus) of a strategic framework version that a plan
// addresses, named by its node key in that version.
type Priority struct {
	Key   string
	Code  string
	Title string
}

// Action is one action of a plan.
type Action struct {
	ID          int64
	ObjectiveID int64 // 0: not under an objective
	Title       string
	LeadOrgID   int64
	Partners    []int64 // partners involved besides the lead
	Start, Due  Date
	Status      Status
	Priorities  []string // keys of the plan's priorities this action serves
}

// CheckAction checks an action against its plan: a title, a known status, a lead and partners
// that are members of the partnership, a due date not before the start, and at least one
// priority, each one the plan addresses. It tidies Partners (sorted, no duplicates, not the
// lead) and Priorities (no duplicates, the plan's order).
func CheckAction(a *Action, members []int64, planPriorities []string) error {
	a.Title = strings.TrimSpace(a.Title)
	if a.Title == "" {
		return invalid("an action needs a title")
	}
	if a.Status == "" {
		a.Status = StatusPlanned
	}
	if !a.Status.Valid() {
		return invalid("%q is not an action status", a.Status)
	}
	if !slices.Contains(members, a.LeadOrgID) {
		return invalid("the lead of an action must be a partner in the partnership")
	}
	var partners []int64
	for _, p := range a.Partners {
		if p == a.LeadOrgID {
			continue
		}
		if !slices.Contains(members, p) {
			return invalid("organisation %d is not a partner in the partnership", p)
		}
		partners = append(partners, p)
	}
	slices.Sort(partners)
	a.Partners = slices.Compact(partners)
	if !a.Start.IsZero() && !a.Due.IsZero() && a.Due.Before(a.Start) {
		return invalid("the due date %s is before the start date %s", a.Due.Long(), a.Start.Long())
	}
	var keys []string
	for _, k := range planPriorities {
		if slices.Contains(a.Priorities, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range a.Priorities {
		if !slices.Contains(planPriorities, k) {
			return invalid("the plan does not address the priority %q", k)
		}
	}
	if len(keys) == 0 {
		return invalid("an action must serve at least one of the plan's priorities")
	}
	a.Priorities = keys
	return nil
}

// CheckPlanPriorities checks the priorities a plan addresses: at least one, each a priority of
// the framework version (given as its keys). It returns them without duplicates, in the
// framework's order.
func CheckPlanPriorities(chosen, available []string) ([]string, error) {
	for _, k := range chosen {
		if !slices.Contains(available, k) {
			return nil, invalid("%q is not a priority of the framework", k)
		}
	}
	var out []string
	for _, k := range available {
		if slices.Contains(chosen, k) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, invalid("choose at least one priority for the plan")
	}
	return out, nil
}

// Involves reports whether the organisation leads the action or takes part in it.
func (a Action) Involves(orgID int64) bool {
	return a.LeadOrgID == orgID || slices.Contains(a.Partners, orgID)
}

// Overdue reports whether the action is still open after its due date.
func (a Action) Overdue(today Date) bool {
	return a.Status.Open() && !a.Due.IsZero() && a.Due.Before(today)
}

// DueWithin reports whether the action is open and due between today and today+days.
func (a Action) DueWithin(today Date, days int) bool {
	return a.Status.Open() && !a.Due.IsZero() && !a.Due.Before(today) && !today.AddDays(days).Before(a.Due)
}

// Progress counts actions. Cancelled actions are not counted at all.
type Progress struct {
	Total      int // actions not cancelled
	Done       int
	InProgress int
	Blocked    int
	Planned    int
	Overdue    int
}

// Percent is the share of actions done, floor(done*100/total).
func (p Progress) Percent() int { return Percent(p.Done, p.Total) }

func (p *Progress) add(a Action, today Date) {
	switch a.Status {
	case StatusCancelled:
		return
	case StatusDone:
		p.Done++
	case StatusInProgress:
		p.InProgress++
	case StatusBlocked:
		p.Blocked++
	default:
		p.Planned++
	}
	p.Total++
	if a.Overdue(today) {
		p.Overdue++
	}
}

// Tally is the progress of every action given.
func Tally(actions []Action, today Date) Progress {
	var p Progress
	for _, a := range actions {
		p.add(a, today)
	}
	return p
}

// ByPriority rolls actions up by the priorities they serve, in the order of keys. An action
// that serves two priorities counts once under each.
func ByPriority(actions []Action, keys []string, today Date) map[string]Progress {
	out := make(map[string]Progress, len(keys))
	for _, k := range keys {
		out[k] = Progress{}
	}
	for _, a := range actions {
		for _, k := range a.Priorities {
			if p, ok := out[k]; ok {
				p.add(a, today)
				out[k] = p
			}
		}
	}
	return out
}

// ByPartner rolls actions up by the partners that lead them or take part in them.
func ByPartner(actions []Action, partners []int64, today Date) map[int64]Progress {
	out := make(map[int64]Progress, len(partners))
	for _, id := range partners {
		out[id] = Progress{}
	}
	for _, a := range actions {
		for id, p := range out {
			if a.Involves(id) {
				p.add(a, today)
				out[id] = p
			}
		}
	}
	return out
}

// Cell is one square of the partners × priorities heat map.
type Cell struct {
	PartnerID int64
	Priority  string
	Progress
}

// HeatMap rolls actions up by partner and priority: one row per partner, one cell per priority.
func HeatMap(actions []Action, partners []int64, keys []string, today Date) [][]Cell {
	out := make([][]Cell, len(partners))
	for i, id := range partners {
		row := make([]Cell, len(keys))
		for j, k := range keys {
			row[j] = Cell{PartnerID: id, Priority: k}
			for _, a := range actions {
				if a.Involves(id) && slices.Contains(a.Priorities, k) {
					row[j].add(a, today)
				}
			}
		}
		out[i] = row
	}
	return out
}

// Heat is a word for how far along a heat-map cell is, so the map never relies on colour
// alone: "none" (no actions), "not started", "under way", "most done", "all done".
func (p Progress) Heat() string {
	switch {
	case p.Total == 0:
		return "none"
	case p.Done == p.Total:
		return "all done"
	case p.Percent() >= 50:
		return "most done"
	case p.Done > 0 || p.InProgress > 0:
		return "under way"
	}
	return "not started"
}

// Risk is a risk to a plan, rated by likelihood and impact (each 1 to 5).
type Risk struct {
	ID          int64
	Title       string
	Likelihood  int
	Impact      int
	Mitigation  string
	OwnerOrgID  int64
	ActionID    int64 // 0: a risk to the plan as a whole
	Description string
}

// CheckRisk checks a risk's title and ratings.
func CheckRisk(r *Risk) error {
	r.Title = strings.TrimSpace(r.Title)
	if r.Title == "" {
		return invalid("a risk needs a title")
	}
	if r.Likelihood < 1 || r.Likelihood > 5 {
		return invalid("likelihood must be from 1 to 5")
	}
	if r.Impact < 1 || r.Impact > 5 {
		return invalid("impact must be from 1 to 5")
	}
	return nil
}

// Score is likelihood × impact, 1 to 25.
func (r Risk) Score() int { return r.Likelihood * r.Impact }

// Rating is the usual 5×5 matrix band: low (1-4), medium (5-11), high (12-25).
func (r Risk) Rating() string {
	switch s := r.Score(); {
	case s >= 12:
		return "high"
	case s >= 5:
		return "medium"
	}
	return "low"
}
