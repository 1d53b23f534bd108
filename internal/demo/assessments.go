package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

// The demo trust's self-assessment against the built-in IWL checklist.
const (
	IWLKey, IWLVersion = "iwl", "2009"
	managementLead     = "planner@riverside.example"
	staffSideRep       = "staffside@riverside.example"
)

// loadAssessments gives the demo trust its partnership (the planner as management lead, the
// staff-side representative) and three IWL cycles when it has none: two past ones signed off by
// both sides, and the current one in progress, copied from the last, with one standard disagreed,
// one moved up by both, evidence and a joint action plan. It returns how many cycles it
// added. Without the IWL checklist stored it adds nothing.
func loadAssessments(ctx context.Context, db *store.DB) (int, error) {
	f, _, err := db.FrameworkVersion(ctx, IWLKey, IWLVersion)
	if errors.Is(err, store.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	trust, err := db.OrganisationByName(ctx, Organisations[0].name)
	if err != nil {
		return 0, err
	}
	if cs, err := db.CyclesIn(ctx, []int64{trust.ID}); err != nil || len(cs) > 0 {
		return 0, err
	}
	lead, err := db.UserByEmail(ctx, managementLead)
	if err != nil {
		return 0, err
	}
	rep, err := db.UserByEmail(ctx, staffSideRep)
	if err != nil {
		return 0, err
	}
	for _, p := range []struct {
		u    store.User
		side assess.Side
	}{{lead, assess.Management}, {rep, assess.StaffSide}} {
		if err := db.SetAssessmentSide(ctx, store.System, trust.ID, p.u.ID, p.side); err != nil {
			return 0, fmt.Errorf("demo assessment side: %w", err)
		}
	}
	scale := assess.ScaleOf(f)
	standards := assess.FlatStandards(f)
	var keys []string
	for _, s := range standards {
		keys = append(keys, s.Key)
	}
	asLead, asRep := store.Actor{UserID: lead.ID}, store.Actor{UserID: rep.ID}
	// rank picks a rating for standard i in year y: the trust improves year on year, unevenly.
	rank := func(i, y int) string {
		r := 1 + (i+y)%2 + y/2
		if i%5 == 4 && y > 0 {
			r-- // one standard in five slipped back
		}
		r = max(0, min(r, len(scale)-1))
		return scale[r].Key
	}
	created := 0
	var prev assess.Cycle
	for y, name := range []string{"2024/25", "2025/26"} {
		var ratings []assess.Rating
		for i, k := range keys {
			v := rank(i, y)
			ratings = append(ratings, assess.Rating{StandardKey: k, Management: v, Staff: v, ManagementBy: lead.ID, StaffBy: rep.ID,
				Owner: "Priya Shah", Comment: "Agreed at the partnership forum."})
		}
		c, err := db.CreateCycle(ctx, asLead, assess.Cycle{OrganisationID: trust.ID, Name: name, FrameworkKey: IWLKey,
			FrameworkVersion: IWLVersion, PreviousID: prev.ID}, keys, ratings)
		if err != nil {
			return created, fmt.Errorf("demo assessment %s: %w", name, err)
		}
		created++
		if _, err := db.AddEvidence(ctx, asLead, assess.Evidence{CycleID: c.ID, StandardKey: keys[0], Kind: assess.EvidenceNote,
			Note: "HR strategy " + name + " approved by the board and the partnership forum."}); err != nil {
			return created, err
		}
		if c, err = db.SignOffCycle(ctx, asLead, c.ID, c.Version, standards, assess.Management); err != nil {
			return created, fmt.Errorf("demo assessment %s: %w", name, err)
		}
		if c, err = db.SignOffCycle(ctx, asRep, c.ID, c.Version, standards, assess.StaffSide); err != nil {
			return created, fmt.Errorf("demo assessment %s: %w", name, err)
		}
		prev = c
	}

	// The current cycle, a copy of the last, part way through.
	last, err := db.Ratings(ctx, prev.ID)
	if err != nil {
		return created, err
	}
	var copied []assess.Rating
	for _, k := range keys {
		copied = append(copied, last[k])
	}
	next, rs, err := assess.NextCycle(prev, copied, "2026/27")
	if err != nil {
		return created, err
	}
	cur, err := db.CreateCycle(ctx, asLead, next, keys, rs)
	if err != nil {
		return created, fmt.Errorf("demo assessment 2026/27: %w", err)
	}
	created++
	change := func(a store.Actor, key string, side assess.Side, by int64, v string) error {
		rt, err := db.Ratings(ctx, cur.ID)
		if err != nil {
			return err
		}
		_, err = db.UpdateRating(ctx, a, cur.ID, key, rt[key].Version, func(c assess.Cycle, r assess.Rating) (assess.Cycle, assess.Rating, error) {
			return assess.Rate(c, scale, r, side, v, by, time.Now())
		})
		return err
	}
	top := scale[len(scale)-1].Key
	// The management side thinks the first standard has reached the top; the staff side does not
	// agree yet. Both sides have already moved the second up.
	if err := change(asLead, keys[0], assess.Management, lead.ID, top); err != nil {
		return created, err
	}
	if len(keys) > 1 {
		if err := change(asLead, keys[1], assess.Management, lead.ID, top); err != nil {
			return created, err
		}
		if err := change(asRep, keys[1], assess.StaffSide, rep.ID, top); err != nil {
			return created, err
		}
	}
	if _, err := db.AddEvidence(ctx, asRep, assess.Evidence{CycleID: cur.ID, StandardKey: keys[0], Kind: assess.EvidenceLink,
		URL: "https://www.nhsemployers.org/", Note: "NHS Employers guidance the forum used."}); err != nil {
		return created, err
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	for _, a := range []struct {
		desc   string
		owner  int64
		sides  []assess.Side
		due    time.Time
		status assess.ActionStatus
		std    []string
	}{
		{"Publish the refreshed HR strategy, agreed in partnership", lead.ID, []assess.Side{assess.Management, assess.StaffSide}, today.AddDate(0, 2, 0), assess.ActionInProgress, keys[:1]},
		{"Survey staff on flexible working requests and outcomes", rep.ID, []assess.Side{assess.StaffSide}, today.AddDate(0, 0, -14), assess.ActionNotStarted, keys[len(keys)/2 : len(keys)/2+1]},
		{"Review the carers' leave policy with the staff side", lead.ID, []assess.Side{assess.Management}, today.AddDate(0, 4, 0), assess.ActionNotStarted, keys[len(keys)-1:]},
	} {
		act, err := db.SaveAction(ctx, asLead, assess.Action{CycleID: cur.ID, Description: a.desc, OwnerID: a.owner, Sides: a.sides,
			Due: a.due, Status: a.status, Standards: a.std})
		if err != nil {
			return created, fmt.Errorf("demo action: %w", err)
		}
		if a.status == assess.ActionInProgress {
			if err := db.AddActionNote(ctx, asLead, act.ID, "First draft shared with the partnership forum."); err != nil {
				return created, err
			}
		}
	}
	return created, nil
}
