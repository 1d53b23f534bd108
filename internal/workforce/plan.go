package workforce

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A workforce plan of a unit (issue 6) walks through the steps of a planning method, the Six
// Steps (frameworks/six-steps-1.0.yaml): the steps' names and guidance are the method's data,
// the plan keeps for each step its notes, the scenarios it uses, the actions decided and its
// status.

// Step statuses.
const (
	StepNotStarted = "not-started"
	StepInProgress = "in-progress"
	StepDone       = "done"
)

// StepStatuses are the statuses in the order a step goes through them.
var StepStatuses = []string{StepNotStarted, StepInProgress, StepDone}

// StepStatusLabel is the words for a status.
func StepStatusLabel(s string) string {
	switch s {
	case StepInProgress:
		return "In progress"
	case StepDone:
		return "Done"
	}
	return "Not started"
}

// Limits on what a plan holds, so a page and a printout stay usable.
const (
	MaxPlanTitle     = 200
	MaxStepNotes     = 20000
	MaxStepActions   = 100
	MaxActionTitle   = 300
	MaxActionOwner   = 200
	MaxStepScenarios = 20
)

// PlanAction is an action decided at a step: what, who owns it, by when, and whether it is done.
type PlanAction struct {
	Title string `json:"title"`
	Owner string `json:"owner"`
	Due   Date   `json:"due,omitempty"`
	Done  bool   `json:"done"`
}

// PlanStep is what a plan holds for one step of the method.
type PlanStep struct {
	Key         string       `json:"key"`
	Status      string       `json:"status"`
	Notes       string       `json:"notes"`
	ScenarioIDs []int64      `json:"scenario_ids"`
	Actions     []PlanAction `json:"actions"`
}

// TidyStep trims the step's text, drops actions left wholly empty and repeated scenarios, and
// gives an empty status its default.
func TidyStep(s PlanStep) PlanStep {
	s.Notes = strings.TrimSpace(s.Notes)
	if s.Status == "" {
		s.Status = StepNotStarted
	}
	var acts []PlanAction
	for _, a := range s.Actions {
		a.Title, a.Owner = strings.Join(strings.Fields(a.Title), " "), strings.Join(strings.Fields(a.Owner), " ")
		a.Due = Date(strings.TrimSpace(string(a.Due)))
		if d, err := ParseDate(string(a.Due)); err == nil {
			a.Due = d // 31/03/2027 is kept as 2027-03-31
		}
		if a.Title == "" && a.Owner == "" && a.Due == "" {
			continue
		}
		acts = append(acts, a)
	}
	s.Actions = acts
	seen := map[int64]bool{}
	var ids []int64
	for _, id := range s.ScenarioIDs {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	s.ScenarioIDs = ids
	return s
}

// ValidateStep lists what is wrong with a (tidied) step. isScenario says whether an id is a
// scenario of the plan's unit.
func ValidateStep(s PlanStep, isScenario func(int64) bool) []Problem {
	var ps []Problem
	switch s.Status {
	case StepNotStarted, StepInProgress, StepDone:
	default:
		ps = append(ps, Problem{Field: "status", Message: "Choose the step's status: not started, in progress or done"})
	}
	if utf8.RuneCountInString(s.Notes) > MaxStepNotes {
		ps = append(ps, Problem{Field: "notes", Message: fmt.Sprintf("The notes must be %d characters or fewer", MaxStepNotes)})
	}
	if len(s.ScenarioIDs) > MaxStepScenarios {
		ps = append(ps, Problem{Field: "scenarios", Message: fmt.Sprintf("Link at most %d scenarios to a step", MaxStepScenarios)})
	}
	for _, id := range s.ScenarioIDs {
		if !isScenario(id) {
			ps = append(ps, Problem{Field: "scenarios", Message: "Choose scenarios of this plan's unit"})
			break
		}
	}
	if len(s.Actions) > MaxStepActions {
		ps = append(ps, Problem{Field: "actions", Message: fmt.Sprintf("A step can have at most %d actions", MaxStepActions)})
	}
	for i, a := range s.Actions {
		f := fmt.Sprintf("actions[%d].", i)
		switch n := utf8.RuneCountInString(a.Title); {
		case n == 0:
			ps = append(ps, Problem{Field: f + "title", Message: "Say what the action is"})
		case n > MaxActionTitle:
			ps = append(ps, Problem{Field: f + "title", Message: fmt.Sprintf("The action must be %d characters or fewer", MaxActionTitle)})
		}
		if utf8.RuneCountInString(a.Owner) > MaxActionOwner {
			ps = append(ps, Problem{Field: f + "owner", Message: fmt.Sprintf("The owner must be %d characters or fewer", MaxActionOwner)})
		}
		if a.Due != "" {
			if _, err := ParseDate(string(a.Due)); err != nil {
				ps = append(ps, Problem{Field: f + "due", Message: "Enter the due date as a real date, like 2027-03-31"})
			}
		}
	}
	return ps
}

// CheckPlanTitle lists what is wrong with a plan's title.
func CheckPlanTitle(title string) []Problem {
	switch n := utf8.RuneCountInString(title); {
	case n == 0:
		return []Problem{{Field: "title", Message: "Enter a title for the plan"}}
	case n > MaxPlanTitle:
		return []Problem{{Field: "title", Message: fmt.Sprintf("The title must be %d characters or fewer", MaxPlanTitle)}}
	}
	return nil
}
