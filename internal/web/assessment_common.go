package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// cycleContext is what every page of one assessment cycle needs: the cycle, its organisation,
// the checklist it is against (scale and standards read from the framework), and the viewer's
// side in the partnership ("" for a reader).
type cycleContext struct {
	Org       store.Organisation
	Cycle     assess.Cycle
	Framework *framework.Framework
	Scale     assess.Scale
	Areas     []assess.Area
	Standards []assess.Standard
	Side      assess.Side
	// CanAdmin: the viewer administers the organisation (manages the partnership's sides).
	CanAdmin bool
}

// CanEdit reports whether the viewer may change the cycle: on a side, and not signed off.
func (cc *cycleContext) CanEdit() bool { return cc.Side != "" && !cc.Cycle.SignedOff() }

// standard returns the standard with the key.
func (cc *cycleContext) standard(key string) (assess.Standard, bool) {
	for _, s := range cc.Standards {
		if s.Key == key {
			return s, true
		}
	}
	return assess.Standard{}, false
}

// assessmentOrg loads the organisation in the path for the assessment pages; one the viewer may
// not see is "not found".
func (s *Server) assessmentOrg(w http.ResponseWriter, r *http.Request) (store.Organisation, scope, bool) {
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return store.Organisation{}, sc, false
	}
	if ok && sc.may(id, store.ReadOrganisation) {
		for _, o := range sc.orgs {
			if o.ID == id {
				return o, sc, true
			}
		}
	}
	s.notFound(w, r)
	return store.Organisation{}, sc, false
}

// loadCycle loads the cycle in the path with everything its pages need. A cycle of an
// organisation the viewer may not see is "not found", so its existence does not leak.
func (s *Server) loadCycle(w http.ResponseWriter, r *http.Request) (*cycleContext, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	c, err := s.db.Cycle(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !sc.may(c.OrganisationID, store.ReadOrganisation)) {
		s.notFound(w, r)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	cc := &cycleContext{Cycle: c, CanAdmin: sc.may(c.OrganisationID, store.AdministerAssessments)}
	for _, o := range sc.orgs {
		if o.ID == c.OrganisationID {
			cc.Org = o
		}
	}
	f, _, err := s.db.FrameworkVersion(r.Context(), c.FrameworkKey, c.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	cc.Framework, cc.Scale, cc.Areas, cc.Standards = f, assess.ScaleOf(f), assess.StandardsOf(f), assess.FlatStandards(f)
	if v := currentViewer(r); v != nil {
		if cc.Side, err = s.db.SideOf(r.Context(), c.OrganisationID, v.User.ID); err != nil {
			s.serverError(w, r, err)
			return nil, false
		}
	}
	return cc, true
}

// cycleRecords loads what a cycle's report and export set out: its ratings, evidence and actions.
func (s *Server) cycleRecords(r *http.Request, cycleID int64) (map[string]assess.Rating, []assess.Evidence, []assess.Action, error) {
	ratings, err := s.db.Ratings(r.Context(), cycleID)
	if err != nil {
		return nil, nil, nil, err
	}
	evidence, err := s.db.EvidenceOf(r.Context(), cycleID)
	if err != nil {
		return nil, nil, nil, err
	}
	acts, err := s.db.Actions(r.Context(), cycleID)
	return ratings, evidence, acts, err
}

// cycleCrumbs are the breadcrumbs of a page inside a cycle.
func (cc *cycleContext) crumbs(more ...crumb) []crumb {
	out := []crumb{{"/", "Home"}, {"/assessments", "Self-assessment"},
		{"/organisations/" + itoa(cc.Org.ID) + "/assessments", cc.Org.Name},
		{"/assessments/" + itoa(cc.Cycle.ID), cc.Cycle.Name}}
	return append(out, more...)
}

// assessmentFailure shows the page for an error of the assessment rules or the store, or
// returns false when err is something else (a server error for the caller).
func (s *Server) assessmentFailure(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case errors.Is(err, assess.ErrSignedOff):
		s.renderError(w, r, http.StatusConflict, "This assessment is signed off",
			"Both sides have signed it off, so it can no longer be changed. Start a new cycle from a copy of it.")
	case errors.Is(err, store.ErrConflict):
		s.renderError(w, r, http.StatusConflict, "Someone else changed this first",
			"Your change was not saved, so that theirs is not lost. Go back, reload the page to see what is there now, and make your change again.")
	case errors.Is(err, assess.ErrNotPartner):
		s.forbidden(w, r)
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r)
	default:
		return false
	}
	return true
}

// today is the current date in UTC, for overdue actions.
func today() time.Time { return time.Now().UTC() }

// stateTag is the status tag of a rating state: the words say it, the colour only repeats it.
func stateTag(st assess.State) string {
	return map[assess.State]string{assess.Agreed: "nhsuk-tag--green", assess.Disagreed: "nhsuk-tag--red",
		assess.Awaiting: "nhsuk-tag--yellow", assess.Unconfirmed: "nhsuk-tag--grey"}[st]
}

// parseID reads a positive id from a form value.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}
