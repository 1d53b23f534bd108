package assess

import (
	"fmt"
	"strings"
	"time"
)

// ActionStatus is where an action of the joint action plan is.
type ActionStatus string

const (
	ActionNotStarted ActionStatus = "not-started"
	ActionInProgress ActionStatus = "in-progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// ActionStatuses lists the statuses in the order forms show them.
var ActionStatuses = []ActionStatus{ActionNotStarted, ActionInProgress, ActionDone, ActionDropped}

// Label is the status as people say it.
func (s ActionStatus) Label() string {
	return map[ActionStatus]string{ActionNotStarted: "Not started", ActionInProgress: "In progress",
		ActionDone: "Done", ActionDropped: "Dropped"}[s]
}

// Closed reports whether the action needs no more work.
func (s ActionStatus) Closed() bool { return s == ActionDone || s == ActionDropped }

// Action is one item of the joint action plan, linked to one or more standards of a cycle.
type Action struct {
	ID          int64
	CycleID     int64
	Description string
	OwnerID     int64  // the user who owns it
	OwnerName   string // filled by the store
	// Sides are the partner sides responsible: one or both.
	Sides         []Side
	Due           time.Time // a date (midnight UTC)
	Status        ActionStatus
	DroppedReason string
	Standards     []string // standard keys
	Notes         []ProgressNote
	Version       int
	CreatedAt     time.Time
}

// ProgressNote is a dated note of progress on an action.
type ProgressNote struct {
	At       time.Time
	UserID   int64
	UserName string
	Text     string
}

// Overdue reports whether the action is past its due date on the given day and still open.
func (a Action) Overdue(today time.Time) bool {
	if a.Status.Closed() || a.Due.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return a.Due.Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Problem is one thing wrong with an action, named by its form field.
type Problem struct {
	Field   string
	Message string
}

// CheckAction lists what is wrong with an action; standards are the keys of the cycle's
// standards.
func CheckAction(a Action, standards map[string]bool) []Problem {
	var ps []Problem
	desc := strings.TrimSpace(a.Description)
	switch {
	case desc == "":
		ps = append(ps, Problem{"description", "Describe the action"})
	case len([]rune(desc)) > 2000:
		ps = append(ps, Problem{"description", "The description must be 2,000 characters or fewer"})
	}
	if len(a.Standards) == 0 {
		ps = append(ps, Problem{"standards", "Choose at least one standard the action is for"})
	}
	for _, k := range a.Standards {
		if !standards[k] {
			ps = append(ps, Problem{"standards", fmt.Sprintf("%q is not a standard of this assessment", k)})
			break
		}
	}
	if a.OwnerID == 0 {
		ps = append(ps, Problem{"owner", "Choose who owns the action"})
	}
	if len(a.Sides) == 0 {
		ps = append(ps, Problem{"sides", "Choose the side or sides responsible"})
	}
	for _, s := range a.Sides {
		if !s.Valid() {
			ps = append(ps, Problem{"sides", "Choose management, staff side or both"})
			break
		}
	}
	if a.Due.IsZero() {
		ps = append(ps, Problem{"due", "Enter the date the action is due"})
	}
	valid := false
	for _, s := range ActionStatuses {
		valid = valid || s == a.Status
	}
	if !valid {
		ps = append(ps, Problem{"status", "Choose the action's status"})
	}
	if a.Status == ActionDropped && strings.TrimSpace(a.DroppedReason) == "" {
		ps = append(ps, Problem{"dropped_reason", "Say why the action was dropped"})
	}
	return ps
}

// Move is how a standard's agreed rating changed from one cycle to the next.
type Move struct {
	StandardKey string
	From, To    string // rating keys; "" when not agreed in that cycle
	Direction   int    // +1 up, -1 down, 0 the same or not comparable
}

// Compare lists every standard of the later cycle with its agreed rating in both cycles and the
// direction it moved on the scale. Standards not agreed in either cycle have no direction.
func Compare(scale Scale, standards []Standard, earlier, later map[string]Rating) []Move {
	out := make([]Move, 0, len(standards))
	for _, s := range standards {
		m := Move{StandardKey: s.Key}
		m.From, _ = earlier[s.Key].Agreed()
		m.To, _ = later[s.Key].Agreed()
		f, okF := scale.Find(m.From)
		t, okT := scale.Find(m.To)
		if okF && okT {
			switch {
			case t.Rank > f.Rank:
				m.Direction = 1
			case t.Rank < f.Rank:
				m.Direction = -1
			}
		}
		out = append(out, m)
	}
	return out
}

// AreaCounts counts, per area, how many standards have each agreed rating; the key "" counts
// those not agreed. It feeds the chart of ratings by area.
func AreaCounts(areas []Area, ratings map[string]Rating) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, a := range areas {
		c := map[string]int{}
		for _, s := range a.Standards {
			k, _ := ratings[s.Key].Agreed()
			c[k]++
		}
		out[a.Key] = c
	}
	return out
}
