package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

type actionRow struct {
	assess.Action
	Overdue bool
}

type actionForm struct {
	Description, OwnerID, Due, Status, DroppedReason string
	Sides, Standards                                 map[string]bool
	Version                                          int
}

type assessmentActionsView struct {
	Page
	*cycleContext
	Actions  []actionRow
	Owners   []store.User
	Statuses []assess.ActionStatus
	Form     actionForm
	Action   *actionRow // the action shown, on its own page
	Note     string
	CanNote  bool // either side, or the action's owner, may add progress notes
}

func (s *Server) loadActions(w http.ResponseWriter, r *http.Request) (*assessmentActionsView, bool) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return nil, false
	}
	acts, err := s.db.Actions(r.Context(), cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	owners, err := s.db.UsersInOrganisations(r.Context(), []int64{cc.Org.ID})
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	v := &assessmentActionsView{cycleContext: cc, Statuses: assess.ActionStatuses,
		Form: actionForm{Status: string(assess.ActionNotStarted), Sides: map[string]bool{}, Standards: map[string]bool{}},
		Page: s.page(r, "Joint action plan: "+cc.Cycle.Name, "assessments", cc.crumbs()...)}
	for _, u := range owners {
		if !u.Disabled {
			v.Owners = append(v.Owners, u)
		}
	}
	for _, a := range acts {
		v.Actions = append(v.Actions, actionRow{Action: a, Overdue: a.Overdue(today())})
	}
	return v, true
}

// assessmentActions is the cycle's joint action plan, with the form to add an action.
func (s *Server) assessmentActions(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadActions(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-actions", v)
}

// readActionForm reads and checks the action form; problems go to the view's errors.
func (v *assessmentActionsView) readActionForm(r *http.Request, a *assess.Action) {
	_ = r.ParseForm()
	f := actionForm{Description: strings.TrimSpace(r.PostFormValue("description")), OwnerID: r.PostFormValue("owner"),
		Due: strings.TrimSpace(r.PostFormValue("due")), Status: r.PostFormValue("status"),
		DroppedReason: strings.TrimSpace(r.PostFormValue("dropped_reason")), Sides: map[string]bool{}, Standards: map[string]bool{}}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	a.Description, a.Status, a.DroppedReason, a.Version = f.Description, assess.ActionStatus(f.Status), f.DroppedReason, f.Version
	a.Sides, a.Standards = nil, nil
	for _, sd := range r.PostForm["sides"] {
		f.Sides[sd] = true
		a.Sides = append(a.Sides, assess.Side(sd))
	}
	for _, k := range r.PostForm["standards"] {
		f.Standards[k] = true
		a.Standards = append(a.Standards, k)
	}
	a.OwnerID = 0
	if id, ok := parseID(f.OwnerID); ok {
		for _, u := range v.Owners {
			if u.ID == id {
				a.OwnerID = id
			}
		}
	}
	a.Due = time.Time{}
	dueBad := false
	if f.Due != "" {
		d, err := time.Parse("2006-01-02", f.Due)
		if err != nil {
			dueBad = true
		}
		a.Due = d
	}
	v.Form = f
	known := map[string]bool{}
	for _, st := range v.Standards {
		known[st.Key] = true
	}
	for _, p := range assess.CheckAction(*a, known) {
		msg := p.Message
		if p.Field == "due" && dueBad {
			msg = "Enter the due date as year-month-day, for example 2026-09-30"
		}
		field := p.Field
		switch field {
		case "sides":
			field = "sides-management"
		case "standards":
			if len(v.Standards) > 0 {
				field = "standards-" + v.Standards[0].Key
			}
		case "status":
			field = "status-" + string(assess.ActionNotStarted)
		}
		v.Errors = append(v.Errors, fieldError{field, msg})
	}
}

// assessmentActionCreate adds an action to the plan. Either side may.
func (s *Server) assessmentActionCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadActions(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	a := assess.Action{CycleID: v.Cycle.ID}
	v.readActionForm(r, &a)
	a.ID, a.Version = 0, 0
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-actions", v)
		return
	}
	saved, err := s.db.SaveAction(r.Context(), actor(r), a)
	if err != nil {
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "The action has been added to the plan.")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/actions/"+itoa(saved.ID), http.StatusSeeOther)
}

// loadAction loads the action in the path with the plan's view.
func (s *Server) loadAction(w http.ResponseWriter, r *http.Request) (*assessmentActionsView, bool) {
	v, ok := s.loadActions(w, r)
	if !ok {
		return nil, false
	}
	id, _ := pathID(r, "action")
	for i := range v.Actions {
		if v.Actions[i].ID == id {
			a := v.Actions[i]
			v.Action = &a
		}
	}
	if v.Action == nil {
		s.notFound(w, r)
		return nil, false
	}
	a := v.Action
	v.Form = actionForm{Description: a.Description, OwnerID: itoa(a.OwnerID), Due: a.Due.Format("2006-01-02"), Status: string(a.Status),
		DroppedReason: a.DroppedReason, Sides: map[string]bool{}, Standards: map[string]bool{}, Version: a.Version}
	for _, sd := range a.Sides {
		v.Form.Sides[string(sd)] = true
	}
	for _, k := range a.Standards {
		v.Form.Standards[k] = true
	}
	v.Title = a.Description
	v.CanNote = v.Side != "" || a.OwnerID == currentViewer(r).User.ID
	return v, true
}

// assessmentAction shows one action, its progress notes and the form to change it.
func (s *Server) assessmentAction(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAction(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "assessment-action", v)
}

// assessmentActionUpdate changes an action; a change by someone else meanwhile is a 409.
func (s *Server) assessmentActionUpdate(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAction(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	a := v.Action.Action
	v.readActionForm(r, &a)
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-action", v)
		return
	}
	if _, err := s.db.SaveAction(r.Context(), actor(r), a); err != nil {
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "The action is saved.")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/actions/"+itoa(a.ID), http.StatusSeeOther)
}

// assessmentActionNote adds a dated progress note to an action: either side, or its owner.
func (s *Server) assessmentActionNote(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadAction(w, r)
	if !ok {
		return
	}
	if !v.CanNote {
		s.forbidden(w, r)
		return
	}
	v.Note = strings.TrimSpace(r.PostFormValue("note"))
	if v.Note == "" || len([]rune(v.Note)) > 5000 {
		v.Errors = append(v.Errors, fieldError{"note", "Write a progress note of up to 5,000 characters"})
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-action", v)
		return
	}
	if err := s.db.AddActionNote(r.Context(), actor(r), v.Action.ID, v.Note); err != nil {
		if errors.Is(err, store.ErrInvalid) || !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "The progress note is added.")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/actions/"+itoa(v.Action.ID), http.StatusSeeOther)
}
