package web

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The scenario page: its posts (today's, changed), the forms to change them with a reason, the
// list of changes, and the comparison with today: headcount, FTE and cost by level and staff
// group, coverage and the two level pyramids.

type scenarioView struct {
	Page
	Unit     store.Organisation
	Scenario store.Scenario
	Posts    []scenarioPostRow
	Changes  []scenarioChangeRow
	Cmp      workforce.Comparison
	// Pyramids of today and of the scenario.
	PyramidNow, PyramidScenario template.HTML
	Roles                       []workforce.Role
	Teams                       []workforce.TeamRef
	Bands                       []string
	Points                      []choice
	Form                        scenarioForm
	// IsAuthor: the viewer made it (they alone share it or take it back); LockedByName names
	// who locked it.
	IsAuthor     bool
	LockedByName string
	// Broken says the stored changes no longer replay (a role retired, a team moved): the page
	// shows the problem instead of figures.
	Broken string
	// IWF is the IWF team profile of today's posts beside the scenario's.
	IWF scenarioIWFView
	// Retrain is the retraining form's choices; nil when the viewer may not name the unit's
	// people.
	Retrain *retrainChoices
}

type scenarioPostRow struct {
	workforce.Post
	TeamName, RoleTitle, BandText, HolderName string
	New                                       bool
}

type scenarioChangeRow struct {
	workforce.ScenarioChange
	Number              int
	What, RoleTitle, On string
	// Retrained says who gains what, for a retrain change.
	Retrained string
}

// scenarioForm is what the change forms hold, as typed.
type scenarioForm struct {
	Kind, Band, FTE, Count, Role, PayPoint, Reason, Team string
	Posts                                                map[string]bool
	Version                                              int
	// The retraining form: the team whose people are listed, the people chosen, and the
	// competence ("framework|node") and level they gain.
	RetrainTeam, Competence, Level string
	People                         map[string]bool
}

// scenarioInputs loads what both pages and the export need: the unit's establishment input
// (today), the scenario's posts replayed, and the comparison.
func (s *Server) scenarioCompare(r *http.Request, sc store.Scenario) (workforce.ProfileInput, []workforce.Post, workforce.Comparison, string, error) {
	// From the cache, fresh by the change sequence and the scenario's version (docs/decisions/0010).
	in, posts, cmp, ps, err := s.db.ScenarioComparison(r.Context(), sc)
	if err != nil || len(ps) > 0 {
		broken := ""
		if len(ps) > 0 {
			broken = ps[0].Field + ": " + ps[0].Message
		}
		return in, posts, workforce.Comparison{}, broken, err
	}
	return in, posts, cmp, "", nil
}

func (s *Server) scenarioPage(w http.ResponseWriter, r *http.Request, uc unitContext, sc store.Scenario, form scenarioForm, errs []fieldError, status int) {
	in, posts, cmp, broken, err := s.scenarioCompare(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	roles, byID, err := s.employerRoles(r, uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if form.Posts == nil {
		form.Posts = map[string]bool{}
	}
	if form.People == nil {
		form.People = map[string]bool{}
	}
	form.Version = sc.Version
	v := scenarioView{Page: s.page(r, "Scenario: "+sc.Name, "organisations", uc.crumbs...), Unit: uc.unit, Scenario: sc, Cmp: cmp,
		Roles: roles, Teams: in.Teams, Bands: workforce.Bands, Form: form, Broken: broken}
	for _, pp := range []string{workforce.PayEntry, workforce.PayIntermediate, workforce.PayTop} {
		v.Points = append(v.Points, choice{pp, workforce.PayPointLabel(pp)})
	}
	v.Errors = errs
	v.IsAuthor = sc.CreatedBy == 0 || sc.CreatedBy == actor(r).UserID
	if sc.LockedBy != 0 {
		v.LockedByName = s.userName(r, sc.LockedBy)
	}
	if broken == "" {
		v.PyramidNow = pyramidSVG(pairSide(cmp.ByLevel, false), "pyramid-now")
		v.PyramidScenario = pyramidSVG(pairSide(cmp.ByLevel, true), "pyramid-scenario")
		var ok bool
		if v.IWF, ok = s.scenarioIWF(w, r, in.Posts, posts); !ok {
			return
		}
	}
	teamName := map[int64]string{}
	for _, t := range in.Teams {
		teamName[t.ID] = t.Name
	}
	names := map[int64]string{}
	for _, p := range posts {
		role := byID[p.RoleID]
		if role.ID == 0 {
			role = in.Roles[p.RoleID]
		}
		row := scenarioPostRow{Post: p, TeamName: teamName[p.TeamID], RoleTitle: role.Title, New: p.ID < 0}
		if band := p.BandOf(role); band != "" {
			row.BandText = "Band " + band
		} else {
			row.BandText = "No band"
		}
		if p.HolderID != 0 {
			if _, ok := names[p.HolderID]; !ok {
				if person, err := s.db.Person(r.Context(), p.HolderID); err == nil {
					names[p.HolderID] = person.Name
				}
			}
			row.HolderName = names[p.HolderID]
		}
		v.Posts = append(v.Posts, row)
	}
	scope, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	seePeople := scope.may(uc.unit.ID, store.ManagePeople)
	var words retrainWords
	if broken == "" {
		words = s.retrainWords(r, in, cmp)
		if seePeople {
			if v.Retrain, err = s.retrainChoices(r, in, form, words); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
	}
	for i, c := range sc.Changes {
		row := scenarioChangeRow{ScenarioChange: c, Number: i + 1, What: workforce.ChangeKindLabel(c.Kind), RoleTitle: byID[c.RoleID].Title}
		if c.Kind == workforce.ChangeRetrain {
			row.Retrained = s.retrainedText(r, c, words, seePeople)
		}
		if at, _, ok := strings.Cut(c.At, "T"); ok {
			row.On = workforce.Date(at).Long()
		}
		v.Changes = append(v.Changes, row)
	}
	s.render(w, r, status, "scenario-show", v)
}

// pairSide turns one side of a comparison by level back into groups, for the pyramid.
func pairSide(gs []workforce.GroupChange, scenario bool) []workforce.Group {
	out := make([]workforce.Group, len(gs))
	for i, g := range gs {
		f := g.Current
		if scenario {
			f = g.Scenario
		}
		out[i] = workforce.Group{Key: g.Key, Label: g.Label, Figures: f}
	}
	return out
}

// scenarioShow is the scenario page.
func (s *Server) scenarioShow(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	s.scenarioPage(w, r, uc, sc, scenarioForm{Kind: workforce.ChangeConvert, FTE: "1.00", Count: "1", PayPoint: workforce.PayEntry,
		RetrainTeam: r.URL.Query().Get("retrain_team")}, nil, http.StatusOK)
}

func parseScenarioForm(r *http.Request) scenarioForm {
	f := scenarioForm{Kind: r.PostFormValue("kind"), Band: r.PostFormValue("band"), FTE: strings.TrimSpace(r.PostFormValue("fte")),
		Count: strings.TrimSpace(r.PostFormValue("count")), Role: r.PostFormValue("role"), PayPoint: r.PostFormValue("pay_point"),
		Reason: r.PostFormValue("reason"), Team: r.PostFormValue("team"), Posts: map[string]bool{},
		RetrainTeam: r.PostFormValue("retrain_team"), Competence: r.PostFormValue("competence"), Level: r.PostFormValue("level"), People: map[string]bool{}}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	_ = r.ParseForm()
	for _, p := range r.PostForm["post"] {
		f.Posts[p] = true
	}
	for _, p := range r.PostForm["person"] {
		f.People[p] = true
	}
	return f
}

// change reads the form into a change, with an error for each value it cannot read. The add
// form's fields have ids starting "add-", the other form's "change-".
func (f scenarioForm) change() (workforce.ScenarioChange, []fieldError) {
	c := workforce.ScenarioChange{Kind: f.Kind, Band: f.Band, PayPoint: f.PayPoint, Reason: f.Reason}
	prefix := f.prefix()
	var errs []fieldError
	c.RoleID, _ = strconv.ParseInt(f.Role, 10, 64)
	c.TeamID, _ = strconv.ParseInt(f.Team, 10, 64)
	for p := range f.Posts {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			c.PostIDs = append(c.PostIDs, id)
		}
	}
	slices.Sort(c.PostIDs)
	needsFTE := f.Kind == workforce.ChangeFTE || f.Kind == workforce.ChangeAdd || f.Kind == workforce.ChangeConvert
	if needsFTE {
		if fte, err := workforce.ParseFTE(f.FTE); err != nil {
			errs = append(errs, fieldError{prefix + "fte", "Enter the FTE as a number from 0.01 to 1.00, like 0.6"})
		} else {
			c.FTE = fte
		}
	}
	if f.Kind == workforce.ChangeAdd || f.Kind == workforce.ChangeConvert {
		n, err := strconv.Atoi(f.Count)
		if err != nil {
			errs = append(errs, fieldError{prefix + "count", "Enter the number of posts as a whole number, like 3"})
		}
		c.Count = n
	}
	if f.Kind != workforce.ChangeRegrade && f.Kind != workforce.ChangeAdd && f.Kind != workforce.ChangeConvert {
		c.Band = ""
	}
	if f.Kind != workforce.ChangeAdd && f.Kind != workforce.ChangeConvert {
		c.PayPoint, c.RoleID, c.Count = "", 0, 0
	}
	if f.Kind != workforce.ChangeAdd {
		c.TeamID = 0
	} else {
		c.PostIDs = nil
	}
	if f.Kind == workforce.ChangeRetrain {
		c.PostIDs, c.FTE, c.Band = nil, 0, ""
		c.PersonIDs, c.Gains = f.retraining()
	}
	return c, errs
}

func (f scenarioForm) prefix() string {
	switch f.Kind {
	case workforce.ChangeAdd:
		return "add-"
	case workforce.ChangeRetrain:
		return "retrain-"
	}
	return "change-"
}

// scenarioChange adds a change to the scenario: checked against its posts as they are, saved at
// the version the page was drawn from (409 and the form kept if someone changed it meanwhile).
func (s *Server) scenarioChange(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	f := parseScenarioForm(r)
	if f.Version != sc.Version {
		s.scenarioPage(w, r, uc, sc, f, []fieldError{{f.prefix() + "reason", "Someone else changed this scenario while you were looking at it. Check its changes below, then make yours again"}}, http.StatusConflict)
		return
	}
	c, errs := f.change()
	rules, err := s.db.ScenarioRules(r.Context(), sc.UnitID)
	if c.Kind == workforce.ChangeRetrain {
		// Naming people is seeing them: only those who may see the unit's people may.
		scope, serr := s.scopeFor(r)
		if serr != nil {
			s.serverError(w, r, serr)
			return
		}
		if !scope.may(sc.UnitID, store.ManagePeople) {
			s.renderError(w, r, http.StatusForbidden, "You cannot retrain people here", "Retraining names people, and your access role in this unit does not let you see them.")
			return
		}
		rules, err = s.db.ScenarioChangeRules(r.Context(), sc, sc.Changes)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, p := range workforce.CheckNewChange(sc.Base, sc.Changes, c, rules) {
		errs = mergeErrors(errs, []fieldError{{f.fieldOf(p.Field), p.Message}})
	}
	if len(errs) > 0 {
		s.scenarioPage(w, r, uc, sc, f, errs, http.StatusUnprocessableEntity)
		return
	}
	next := sc
	next.Version = f.Version
	next.Changes = append(append([]workforce.ScenarioChange{}, sc.Changes...), c)
	if _, err := s.db.SaveScenario(r.Context(), actor(r), next); err != nil {
		if errors.Is(err, store.ErrLocked) {
			s.scenarioPage(w, r, uc, sc, f, []fieldError{{f.prefix() + "reason", scenarioLockedMessage}}, http.StatusConflict)
			return
		}
		if errors.Is(err, store.ErrConflict) {
			s.scenarioPage(w, r, uc, sc, f, []fieldError{{f.prefix() + "reason", "Someone else changed this scenario while you were looking at it. Check its changes below, then make yours again"}}, http.StatusConflict)
			return
		}
		var inv *store.InvalidScenarioError
		if errors.As(err, &inv) {
			s.scenarioPage(w, r, uc, sc, f, []fieldError{{f.prefix() + "reason", inv.Problems[0].Message}}, http.StatusUnprocessableEntity)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The change has been made: the comparison below includes it.")
	http.Redirect(w, r, scenarioPath(sc.ID), http.StatusSeeOther)
}

// scenarioUndo takes back the scenario's last change.
func (s *Server) scenarioUndo(w http.ResponseWriter, r *http.Request) {
	uc, sc, ok := s.loadScenario(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if len(sc.Changes) == 0 {
		http.Redirect(w, r, scenarioPath(sc.ID), http.StatusSeeOther)
		return
	}
	next := sc
	next.Version = version
	next.Changes = sc.Changes[:len(sc.Changes)-1]
	if _, err := s.db.SaveScenario(r.Context(), actor(r), next); err != nil {
		if errors.Is(err, store.ErrLocked) {
			s.scenarioPage(w, r, uc, sc, scenarioForm{Kind: workforce.ChangeConvert}, []fieldError{{"undo", scenarioLockedMessage}}, http.StatusConflict)
			return
		}
		if errors.Is(err, store.ErrConflict) {
			s.scenarioPage(w, r, uc, sc, scenarioForm{Kind: workforce.ChangeConvert}, []fieldError{{"undo", "Someone else changed this scenario meanwhile: check its last change before taking it back"}}, http.StatusConflict)
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The last change has been taken back.")
	http.Redirect(w, r, scenarioPath(sc.ID), http.StatusSeeOther)
}
