package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/framework"
)

// Employer self-assessments (DOMAIN.md section 4): every organisation measures itself against
// the IWL checklist once a year, in partnership between its management lead and its staff-side
// representative. Each gets three cycles, one a financial year: the two past ones agreed and
// signed off by both sides, the current one open, copied from the last, with some standards
// moved on, some disagreed and some not yet confirmed by the staff side. Every cycle has
// evidence and a joint action plan; organisations start from different places and improve
// unevenly, one standard in eight slipping back a step in a year.

const streamAssessments = 7

// Assessment is one organisation's self-assessment cycles, oldest first; all but the last are
// signed off by both sides.
type Assessment struct {
	Cycles []CycleRecord
}

// CycleRecord is one generated cycle. The loader fills in the ids: the cycle's, and the
// management lead's and staff-side representative's in the ratings and actions.
type CycleRecord struct {
	Name      string
	Ratings   []assess.Rating // one per standard, in the checklist's order
	SignedOff bool
	Evidence  []assess.Evidence
	Actions   []ActionRecord
}

// ActionRecord is an action of a cycle's plan: Owner says which side's person owns it.
type ActionRecord struct {
	Action assess.Action
	Owner  assess.Side
	Note   string // a progress note, or ""
}

// IWL returns the checklist the assessments are made against.
func (g *Generator) IWL() (*framework.Framework, error) {
	return optional(&g.opts.IWL, "iwl-2009.yaml")
}

// FinancialYear names the NHS financial year (April to March) a day falls in, "2026/27", and
// the number of years before it: FinancialYear(d, 1) is the year before.
func FinancialYear(d time.Time, before int) string {
	y := d.Year()
	if d.Month() < time.April {
		y--
	}
	y -= before
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

var evidenceNotes = []string{
	"Board paper approved by the partnership forum.",
	"Policy reviewed with the staff side and published on the intranet.",
	"Staff survey results discussed at the joint negotiating committee.",
	"Audit of requests and outcomes presented to the workforce committee.",
	"Minutes of the partnership forum where this was agreed.",
	"Case studies collected from three directorates.",
	"Training records show the target was met for every staff group.",
}

var evidenceLinks = []string{
	"https://www.nhsemployers.org/",
	"https://www.nhsstaffsurveys.com/",
	"https://www.england.nhs.uk/looking-after-our-people/",
}

var actionVerbs = []string{"Review", "Publish", "Survey staff on", "Agree with the staff side a plan for",
	"Audit", "Train managers in", "Report to the board on", "Refresh"}

var actionNotes = []string{"First draft shared with the partnership forum.", "Agreed at the joint negotiating committee.",
	"Waiting for the staff survey results.", "Pilot running in two directorates."}

// Assessments makes every organisation's cycles, in Organisations' order, dated from today.
func (g *Generator) Assessments(today time.Time) ([]Assessment, error) {
	f, err := g.IWL()
	if err != nil {
		return nil, err
	}
	standards := assess.FlatStandards(f)
	scale := assess.ScaleOf(f)
	if len(standards) == 0 || len(scale) < 2 {
		return nil, errors.New("generate: the checklist needs standards and a rating scale")
	}
	r := g.rng(streamAssessments)
	out := make([]Assessment, len(g.orgs))
	for i := range g.orgs {
		out[i] = g.assessment(r, standards, scale, today)
	}
	return out, nil
}

func (g *Generator) assessment(r *rand.Rand, standards []assess.Standard, scale assess.Scale, today time.Time) Assessment {
	top := len(scale) - 1
	// Where the organisation started, standard by standard: from not started to the middle.
	rank := make([]int, len(standards))
	start := r.IntN(2)
	for i := range rank {
		rank[i] = min(start+r.IntN(2), top)
	}
	var a Assessment
	const years = 3
	for y := range years {
		c := CycleRecord{Name: FinancialYear(today, years-1-y), SignedOff: y < years-1}
		if y > 0 {
			for i := range rank {
				switch d := r.IntN(8); {
				case d == 0:
					rank[i] = max(rank[i]-1, 0)
				case d < 4:
					rank[i] = min(rank[i]+1, top)
				}
			}
		}
		for i, s := range standards {
			v := scale[rank[i]].Key
			rt := assess.Rating{StandardKey: s.Key, Management: v, Staff: v, Owner: pick(r, firstNames) + " " + pick(r, surnames)}
			if !c.SignedOff {
				switch d := r.IntN(8); {
				case d == 0 && rank[i] < top: // management thinks it has moved on; the staff side does not yet
					rt.Management = scale[rank[i]+1].Key
				case d == 1:
					rt.Staff = "" // not yet confirmed by the staff side
				}
			}
			if rt.Management == rt.Staff {
				rt.Comment = "Agreed at the partnership forum."
			}
			c.Ratings = append(c.Ratings, rt)
		}
		for range 2 + r.IntN(4) {
			e := assess.Evidence{StandardKey: pick(r, standards).Key, Kind: assess.EvidenceNote, Note: pick(r, evidenceNotes)}
			if r.IntN(3) == 0 {
				e.Kind, e.URL, e.Note = assess.EvidenceLink, pick(r, evidenceLinks), "Guidance the forum used."
			}
			c.Evidence = append(c.Evidence, e)
		}
		end := yearEnd(today, years-1-y)
		for range 2 + r.IntN(3) {
			c.Actions = append(c.Actions, g.assessmentAction(r, standards, rank, top, end, today))
		}
		a.Cycles = append(a.Cycles, c)
	}
	return a
}

// yearEnd is the last day of the financial year some years before today's.
func yearEnd(today time.Time, before int) time.Time {
	y := today.Year()
	if today.Month() < time.April {
		y--
	}
	return time.Date(y+1-before, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// assessmentAction is an action on a standard not yet at the top, owned by either side, due
// in the cycle's year; its status follows from the due date.
func (g *Generator) assessmentAction(r *rand.Rand, standards []assess.Standard, rank []int, top int, end, today time.Time) ActionRecord {
	i := r.IntN(len(standards))
	for k := 0; k < len(standards) && rank[i] == top; k++ {
		i = (i + 1) % len(standards)
	}
	s := standards[i]
	owner := assess.Management
	sides := []assess.Side{assess.Management}
	switch r.IntN(3) {
	case 0:
		owner, sides = assess.StaffSide, []assess.Side{assess.StaffSide}
	case 1:
		sides = []assess.Side{assess.Management, assess.StaffSide}
	}
	act := assess.Action{Description: pick(r, actionVerbs) + " " + lowerFirst(s.Title), Sides: sides,
		Due: end.AddDate(0, 0, -r.IntN(300)), Standards: []string{s.Key}}
	today = today.UTC().Truncate(24 * time.Hour)
	switch d := r.IntN(10); {
	case act.Due.Before(today) && d < 7:
		act.Status = assess.ActionDone
	case d == 7:
		act.Status, act.DroppedReason = assess.ActionDropped, "Overtaken by the new national policy."
	case d < 5:
		act.Status = assess.ActionInProgress
	default:
		act.Status = assess.ActionNotStarted
	}
	rec := ActionRecord{Action: act, Owner: owner}
	if act.Status == assess.ActionInProgress || r.IntN(4) == 0 {
		rec.Note = pick(r, actionNotes)
	}
	return rec
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	b := []rune(s)
	if len(b) > 1 && b[1] >= 'a' && b[1] <= 'z' && b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
