package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The plan page: all six steps with their status, notes, scenarios and actions, one place to
// return to and a clean printout for a board paper; and its workbook.

type planStepRow struct {
	store.MethodStep
	Step        store.StoredStep
	StatusLabel string
	Scenarios   []store.Scenario // the linked scenarios the viewer sees
	Hidden      int              // linked drafts of someone else, counted, not named
}

type workforcePlanView struct {
	Page
	Unit          store.Organisation
	Plan          store.WorkforcePlan
	Method        string
	Steps         []planStepRow
	Done, Actions int
}

func (pc planContext) rows() []planStepRow {
	out := make([]planStepRow, len(pc.steps))
	for i, m := range pc.steps {
		st := pc.stored[i]
		row := planStepRow{MethodStep: m, Step: st, StatusLabel: workforce.StepStatusLabel(st.Status)}
		for _, id := range st.ScenarioIDs {
			if sc, ok := pc.byID[id]; ok {
				row.Scenarios = append(row.Scenarios, sc)
			} else {
				row.Hidden++
			}
		}
		out[i] = row
	}
	return out
}

// workforcePlanShow is the plan page.
func (s *Server) workforcePlanShow(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadWorkforcePlan(w, r)
	if !ok {
		return
	}
	v := workforcePlanView{Page: s.page(r, "Workforce plan: "+pc.plan.Title, "organisations", pc.uc.crumbs...), Unit: pc.uc.unit,
		Plan: pc.plan, Method: pc.method, Steps: pc.rows()}
	for _, row := range v.Steps {
		if row.Step.Status == workforce.StepDone {
			v.Done++
		}
		v.Actions += len(row.Step.Actions)
	}
	s.render(w, r, http.StatusOK, "workforce-plan-show", v)
}

// workforcePlanExport downloads the plan as a workbook: the steps (status, notes, scenarios) and
// the actions (step, action, owner, due, done).
func (s *Server) workforcePlanExport(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadWorkforcePlan(w, r)
	if !ok {
		return
	}
	var steps, actions [][]any
	for _, row := range pc.rows() {
		var names []string
		for _, sc := range row.Scenarios {
			names = append(names, sc.Name)
		}
		steps = append(steps, []any{row.Code, row.Title, row.StatusLabel, row.Step.Notes, strings.Join(names, "; ")})
		for _, a := range row.Step.Actions {
			done := "No"
			if a.Done {
				done = "Yes"
			}
			actions = append(actions, []any{row.Code + " " + row.Title, a.Title, a.Owner, string(a.Due), done})
		}
	}
	var buf bytes.Buffer
	err := writeSheetsXLSX(&buf, []sheet{
		{name: "Steps", columns: []string{"Step", "Name", "Status", "Notes", "Scenarios"}, widths: []float64{6, 36, 12, 60, 40}, rows: steps},
		{name: "Actions", columns: []string{"Step", "Action", "Owner", "Due", "Done"}, widths: []float64{36, 50, 24, 12, 8}, rows: actions},
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := fmt.Sprintf("workforce-plan-%d-%s.xlsx", pc.plan.ID, s.db.Today())
	writeDownload(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, &buf)
}
