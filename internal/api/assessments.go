package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

// The JSON documents of self-assessments (issue 7). Ratings carry both sides' views as well as
// the agreed one, so an integrator sees disagreements as people do.

type assessmentDoc struct {
	ID               int64        `json:"id"`
	OrganisationID   int64        `json:"organisation_id"`
	Name             string       `json:"name"`
	FrameworkKey     string       `json:"framework_key"`
	FrameworkVersion string       `json:"framework_version"`
	PreviousID       *int64       `json:"previous_id"`
	Status           string       `json:"status"`
	SignOff          []signOffDoc `json:"sign_off"`
	Version          int          `json:"version"`
	CreatedAt        time.Time    `json:"created_at"`
	Scale            []scaleDoc   `json:"scale,omitempty"`
	Ratings          []ratingDoc  `json:"ratings,omitempty"`
}

type signOffDoc struct {
	Side   string    `json:"side"`
	UserID int64     `json:"user_id"`
	At     time.Time `json:"at"`
}

type scaleDoc struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Rank  int    `json:"rank"`
}

type ratingDoc struct {
	StandardKey string  `json:"standard_key"`
	Standard    string  `json:"standard"`
	Area        string  `json:"area"`
	State       string  `json:"state"`
	Agreed      *string `json:"agreed"`
	Management  *string `json:"management"`
	Staff       *string `json:"staff"`
	Owner       string  `json:"owner"`
	Comment     string  `json:"comment"`
	Version     int     `json:"version"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func assessmentDocument(c assess.Cycle) assessmentDoc {
	d := assessmentDoc{ID: c.ID, OrganisationID: c.OrganisationID, Name: c.Name, FrameworkKey: c.FrameworkKey,
		FrameworkVersion: c.FrameworkVersion, Status: c.Status(), SignOff: []signOffDoc{}, Version: c.Version, CreatedAt: c.CreatedAt}
	if c.PreviousID != 0 {
		id := c.PreviousID
		d.PreviousID = &id
	}
	if c.ManagementSignedBy != 0 {
		d.SignOff = append(d.SignOff, signOffDoc{Side: string(assess.Management), UserID: c.ManagementSignedBy, At: c.ManagementSignedAt})
	}
	if c.StaffSignedBy != 0 {
		d.SignOff = append(d.SignOff, signOffDoc{Side: string(assess.StaffSide), UserID: c.StaffSignedBy, At: c.StaffSignedAt})
	}
	return d
}

// visibleCycle loads the cycle in the path when the caller may see its organisation; any other
// is "not found".
func (s *server) visibleCycle(r *http.Request) (assess.Cycle, error) {
	id, err := pathID(r, "assessment")
	if err != nil {
		return assess.Cycle{}, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return assess.Cycle{}, err
	}
	c, err := s.db.Cycle(r.Context(), id)
	if err == nil && !sc.sees(c.OrganisationID) {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		return assess.Cycle{}, clientErrorf(store.ErrNotFound,
			"There is no assessment %d that you can see. GET /api/v1/assessments lists those of your organisations.", id)
	}
	return c, err
}
