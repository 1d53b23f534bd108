package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/assess"
)

// standardRow is one standard on the progress view.
type standardRow struct {
	assess.Standard
	Rating          assess.Rating
	State           assess.State
	StateTag        string
	Agreed          string // the agreed rating's title, or ""
	Management      string // each side's view as a title
	Staff           string
	Evidence        int
	MissingEvidence bool
}

type areaRows struct {
	assess.Area
	Rows []standardRow
}

type assessmentShowView struct {
	Page
	*cycleContext
	Areas                                          []areaRows
	Total, Agreed, Disagreed, Awaiting, NoEvidence int
	Names                                          map[int64]string
}

// rowsFor builds the progress view's rows from a cycle's ratings and evidence.
func rowsFor(cc *cycleContext, ratings map[string]assess.Rating, evidence []assess.Evidence) []areaRows {
	count := map[string]int{}
	for _, e := range evidence {
		count[e.StandardKey]++
	}
	var out []areaRows
	for _, a := range cc.Areas {
		ar := areaRows{Area: a}
		for _, st := range a.Standards {
			rt := ratings[st.Key]
			row := standardRow{Standard: st, Rating: rt, State: rt.State(), StateTag: stateTag(rt.State()),
				Management: cc.Scale.Title(rt.Management), Staff: cc.Scale.Title(rt.Staff), Evidence: count[st.Key]}
			if k, ok := rt.Agreed(); ok {
				row.Agreed = cc.Scale.Title(k)
			}
			// A standard rated above "not yet started" needs something to show for it.
			row.MissingEvidence = row.Evidence == 0 && rt.State() != assess.Unconfirmed &&
				!(rt.Management == assess.NotStarted && rt.Staff == assess.NotStarted)
			ar.Rows = append(ar.Rows, row)
		}
		out = append(out, ar)
	}
	return out
}

// assessmentShow is a cycle's progress view: the standards by area with each side's view, the
// agreed rating, and what is disagreed or missing evidence, said in words as well as colour.
func (s *Server) assessmentShow(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ratings, err := s.db.Ratings(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	evidence, err := s.db.EvidenceOf(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := assessmentShowView{cycleContext: cc, Page: s.page(r, cc.Cycle.Name+": self-assessment of "+cc.Org.Name, "assessments", cc.crumbs()[:3]...)}
	v.Areas = rowsFor(cc, ratings, evidence)
	for _, a := range v.Areas {
		for _, row := range a.Rows {
			v.Total++
			switch row.State {
			case assess.Agreed:
				v.Agreed++
			case assess.Disagreed:
				v.Disagreed++
			case assess.Awaiting:
				v.Awaiting++
			}
			if row.MissingEvidence {
				v.NoEvidence++
			}
		}
	}
	names, err := s.signerNames(r, cc.Cycle)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Names = names
	s.render(w, r, http.StatusOK, "assessment-show", v)
}

// signerNames returns the names of those who signed the cycle off.
func (s *Server) signerNames(r *http.Request, c assess.Cycle) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range []int64{c.ManagementSignedBy, c.StaffSignedBy} {
		if id == 0 {
			continue
		}
		u, err := s.db.User(r.Context(), id)
		if err != nil {
			return nil, err
		}
		out[id] = u.Name
	}
	return out, nil
}
