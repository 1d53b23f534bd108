package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

type trainingNeedsDoc struct {
	UnitID        int64                    `json:"unit_id"`
	UnitName      string                   `json:"unit_name"`
	Date          string                   `json:"date"`
	Days          int                      `json:"days"`
	EssentialOnly bool                     `json:"essential_only"`
	IncludeAim    bool                     `json:"include_aim"`
	AimUsed       bool                     `json:"aim_used"`
	People        int                      `json:"people"`
	WithoutRole   int                      `json:"without_role"`
	Needs         []workforce.TrainingNeed `json:"needs"`
}

// trainingNeeds serves GET /api/v1/training-needs?unit=ID: the training needs analysis of a
// team, service or organisation (workforce.AnalyseTrainingNeeds), under the web page's rules:
// only a unit where the caller may see the people (manager or above) — any other is 404 — and
// the roles people aim for only when at least profile.MinPooledOwn of them name one.
func (s *server) trainingNeeds(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var bad []problemError
	unitID, err := strconv.ParseInt(strings.TrimSpace(q.Get("unit")), 10, 64)
	if err != nil || unitID <= 0 {
		bad = append(bad, problemError{Parameter: "unit", Detail: "Give the id of a team, service or organisation where you are a manager or above."})
	}
	flag := func(name string) bool {
		switch strings.ToLower(strings.TrimSpace(q.Get(name))) {
		case "", "false", "0":
			return false
		case "true", "1":
			return true
		}
		bad = append(bad, problemError{Parameter: name, Detail: "Use true or false."})
		return false
	}
	doc := trainingNeedsDoc{UnitID: unitID, Days: workforce.DefaultExpiringDays, EssentialOnly: flag("essential_only"), IncludeAim: flag("include_aim")}
	if raw := strings.TrimSpace(q.Get("days")); raw != "" {
		d, err := strconv.Atoi(raw)
		if err != nil || d < 1 || d > 730 {
			bad = append(bad, problemError{Parameter: "days", Detail: "A whole number of days from 1 to 730."})
		}
		doc.Days = d
	}
	if len(bad) > 0 {
		s.fail(w, r, clientErrorf(errBadRequest, "The request has a parameter the API cannot use.").withErrors(bad...))
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !sc.may(unitID, store.ManagePeople) {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "There is no unit %d whose people you may see.", unitID).
			withErrors(problemError{Parameter: "unit", Detail: "A training needs analysis needs the manager access role or above in the unit."}))
		return
	}
	unit, err := s.db.Organisation(r.Context(), unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.db.Today()
	in, err := s.db.TrainingNeedsInput(r.Context(), unitID, today)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc.UnitName, doc.Date = unit.Name, string(today)
	doc.AimUsed = doc.IncludeAim && in.Aims >= profile.MinPooledOwn
	tn := workforce.AnalyseTrainingNeeds(in.People, s.db.AnyFrameworks(r.Context()), workforce.TrainingOptions{
		Today: today, ExpiringDays: doc.Days, EssentialOnly: doc.EssentialOnly, IncludeAim: doc.AimUsed})
	doc.People, doc.WithoutRole, doc.Needs = tn.People, tn.WithoutRole, tn.Needs
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
