package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Training needs analysis (issue 5) for a team, service or organisation. The figures are
// aggregates, but of person-level data (portfolios), so only units where the viewer may see
// the people (manager or above, as for the people pages) can be analysed; any other unit,
// including a partner's, answers "not found" (docs/security.md). A person's own profile is
// private (decision 0004): the roles people aim for, read from it, count only when at least
// profile.MinPooledOwn people of the unit name one.

type trainingNeedsView struct {
	Page
	Units []unitOption
	Unit  store.Organisation
	// Options as asked (Aim) and as applied (AimUsed).
	EssentialOnly, Aim, AimUsed bool
	Days                        int
	AimTooFew                   bool
	Needs                       workforce.TrainingNeeds
	Query                       string
	MinGroup                    int
}

type unitOption struct {
	ID          int64
	Label, Kind string
	Selected    bool
}

// maxPickerUnits is the most units the picker lists before it leaves the teams out.
const maxPickerUnits = 200

// trainingQuery is what the page and its export were asked for.
type trainingQuery struct {
	unit          int64
	essentialOnly bool
	aim           bool
	days          int
}

func readTrainingQuery(r *http.Request) (trainingQuery, bool) {
	q := r.URL.Query()
	tq := trainingQuery{essentialOnly: q.Get("essential") == "yes", aim: q.Get("aim") == "yes", days: workforce.DefaultExpiringDays}
	if raw := strings.TrimSpace(q.Get("unit")); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return tq, false
		}
		tq.unit = id
	}
	if raw := strings.TrimSpace(q.Get("days")); raw != "" {
		d, err := strconv.Atoi(raw)
		if err != nil || d < 1 || d > 730 {
			return tq, false
		}
		tq.days = d
	}
	return tq, true
}

func (tq trainingQuery) encode() string {
	v := url.Values{"unit": {strconv.FormatInt(tq.unit, 10)}, "days": {strconv.Itoa(tq.days)}}
	if tq.essentialOnly {
		v.Set("essential", "yes")
	}
	if tq.aim {
		v.Set("aim", "yes")
	}
	return v.Encode()
}

// analyseUnit runs the analysis for the unit asked for, if the viewer may see its people. ok is
// false when a response (not found, error) was written.
func (s *Server) analyseUnit(w http.ResponseWriter, r *http.Request, tq trainingQuery, sc scope) (store.Organisation, workforce.TrainingNeeds, bool, bool) {
	var unit store.Organisation
	for _, o := range sc.orgs {
		if o.ID == tq.unit {
			unit = o
		}
	}
	if unit.ID == 0 || !sc.may(unit.ID, store.ManagePeople) {
		s.notFound(w, r)
		return unit, workforce.TrainingNeeds{}, false, false
	}
	today := s.db.Today()
	in, err := s.db.TrainingNeedsInput(r.Context(), unit.ID, today)
	if err != nil {
		s.serverError(w, r, err)
		return unit, workforce.TrainingNeeds{}, false, false
	}
	aimUsed := tq.aim && in.Aims >= profile.MinPooledOwn
	needs := workforce.AnalyseTrainingNeeds(in.People, s.db.AnyFrameworks(r.Context()), workforce.TrainingOptions{
		Today: today, ExpiringDays: tq.days, EssentialOnly: tq.essentialOnly, IncludeAim: aimUsed})
	return unit, needs, aimUsed, true
}

// trainingNeeds shows the ranked training needs of a unit, with a picker of the units the
// viewer may analyse.
func (s *Server) trainingNeeds(w http.ResponseWriter, r *http.Request) {
	tq, ok := readTrainingQuery(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest, "That analysis cannot be made",
			"Choose a unit from the list, and a number of days from 1 to 730 for \"expiring soon\".")
		return
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := trainingNeedsView{Days: tq.days, EssentialOnly: tq.essentialOnly, Aim: tq.aim, MinGroup: profile.MinPooledOwn}
	v.Page = s.page(r, "Training needs", "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"})
	for _, o := range sc.orgs {
		if sc.may(o.ID, store.ManagePeople) {
			v.Units = append(v.Units, unitOption{ID: o.ID, Label: o.Name + " (" + o.Kind + ")", Kind: o.Kind})
		}
	}
	if len(v.Units) > maxPickerUnits {
		// Hundreds of teams make an unusable list: keep organisations and services (and the unit
		// asked for); a team's own page links to its training needs.
		v.Units = slices.DeleteFunc(v.Units, func(u unitOption) bool { return u.Kind == store.KindTeam && u.ID != tq.unit })
	}
	if tq.unit == 0 && len(v.Units) > 0 {
		tq.unit = v.Units[0].ID // the highest unit the viewer manages, in tree order
	}
	if tq.unit != 0 {
		unit, needs, aimUsed, ok := s.analyseUnit(w, r, tq, sc)
		if !ok {
			return
		}
		v.Unit, v.Needs, v.AimUsed = unit, needs, aimUsed
		v.AimTooFew = tq.aim && !aimUsed
		v.Query = tq.encode()
		v.Page = s.page(r, "Training needs of "+unit.Name, "organisations", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"},
			crumb{"/organisations/" + strconv.FormatInt(unit.ID, 10), unit.Name})
		for i := range v.Units {
			v.Units[i].Selected = v.Units[i].ID == unit.ID
		}
	}
	s.render(w, r, http.StatusOK, "training-needs", v)
}
