package api

import (
	"net/http"
	"time"
)

type actionDoc struct {
	ID            int64           `json:"id"`
	Description   string          `json:"description"`
	OwnerID       int64           `json:"owner_id"`
	Sides         []string        `json:"sides"`
	Due           string          `json:"due"`
	Status        string          `json:"status"`
	DroppedReason *string         `json:"dropped_reason"`
	Overdue       bool            `json:"overdue"`
	Standards     []string        `json:"standards"`
	Notes         []actionNoteDoc `json:"notes"`
	Version       int             `json:"version"`
}

type actionNoteDoc struct {
	At     time.Time `json:"at"`
	UserID int64     `json:"user_id"`
	Text   string    `json:"text"`
}

// assessmentActions serves GET /api/v1/assessments/{id}/actions: the cycle's joint action plan
// by due date, with each action's progress notes.
func (s *server) assessmentActions(w http.ResponseWriter, r *http.Request) {
	c, err := s.visibleCycle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acts, err := s.db.Actions(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Actions []actionDoc `json:"actions"`
	}{Actions: []actionDoc{}}
	today := time.Now().UTC()
	for _, a := range acts {
		d := actionDoc{ID: a.ID, Description: a.Description, OwnerID: a.OwnerID, Sides: []string{}, Due: a.Due.Format("2006-01-02"),
			Status: string(a.Status), DroppedReason: optional(a.DroppedReason), Overdue: a.Overdue(today),
			Standards: append([]string{}, a.Standards...), Notes: []actionNoteDoc{}, Version: a.Version}
		for _, sd := range a.Sides {
			d.Sides = append(d.Sides, string(sd))
		}
		for _, n := range a.Notes {
			d.Notes = append(d.Notes, actionNoteDoc{At: n.At, UserID: n.UserID, Text: n.Text})
		}
		out.Actions = append(out.Actions, d)
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
