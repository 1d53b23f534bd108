package workforce

import (
	"strings"
	"testing"
)

func TestTidyStep(t *testing.T) {
	s := TidyStep(PlanStep{Notes: "  why \n", ScenarioIDs: []int64{3, 3, 4},
		Actions: []PlanAction{{Title: "  Recruit   two APs ", Owner: " Ward manager", Due: "31/03/2027"}, {}, {Title: " "}}})
	if s.Status != StepNotStarted || s.Notes != "why" || len(s.ScenarioIDs) != 2 || len(s.Actions) != 1 ||
		s.Actions[0] != (PlanAction{Title: "Recruit two APs", Owner: "Ward manager", Due: "2027-03-31"}) {
		t.Errorf("tidied %+v", s)
	}
}

func TestValidateStep(t *testing.T) {
	mine := func(id int64) bool { return id == 7 }
	for _, tc := range []struct {
		name   string
		step   PlanStep
		fields []string
	}{
		{"empty step", PlanStep{Status: StepNotStarted}, nil},
		{"everything right", PlanStep{Status: StepDone, Notes: "n", ScenarioIDs: []int64{7}, Actions: []PlanAction{{Title: "a", Owner: "o", Due: "2027-01-31"}}}, nil},
		{"unknown status", PlanStep{Status: "finished"}, []string{"status"}},
		{"another unit's scenario", PlanStep{Status: StepDone, ScenarioIDs: []int64{7, 8}}, []string{"scenarios"}},
		{"action without a title, bad date", PlanStep{Status: StepInProgress, Actions: []PlanAction{{Owner: "o", Due: "soon"}}}, []string{"actions[0].title", "actions[0].due"}},
		{"notes too long", PlanStep{Status: StepDone, Notes: strings.Repeat("x", MaxStepNotes+1)}, []string{"notes"}},
		{"title too long", PlanStep{Status: StepDone, Actions: []PlanAction{{Title: strings.Repeat("x", MaxActionTitle+1)}}}, []string{"actions[0].title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range ValidateStep(tc.step, mine) {
				got = append(got, p.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("problems %v, want %v", got, tc.fields)
			}
		})
	}
	if len(CheckPlanTitle("")) != 1 || len(CheckPlanTitle("Ward 7 plan")) != 0 {
		t.Errorf("plan title rules")
	}
}
