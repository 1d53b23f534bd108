package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// postForm is what the post form holds, as typed, so a form with errors shows it again.
type postForm struct {
	Role, FTE, Band, PayPoint, ActualSalary, Holder string
	Version                                         int
}

type postFormView struct {
	Page
	Unit      store.Organisation
	Form      postForm
	Editing   bool
	Action    string
	Cancel    string
	Roles     []workforce.Role
	Bands     []string
	PayPoints []choice
	Holders   []choice
	Conflict  bool
}

func formFromPost(p workforce.Post) postForm {
	f := postForm{Role: strconv.FormatInt(p.RoleID, 10), FTE: p.FTE.String(), Band: p.Band, PayPoint: p.PayPoint, Version: p.Version}
	if p.ActualSalary != 0 {
		f.ActualSalary = strconv.FormatInt(p.ActualSalary, 10)
	}
	if p.HolderID != 0 {
		f.Holder = strconv.FormatInt(p.HolderID, 10)
	}
	return f
}

func parsePostForm(r *http.Request) postForm {
	f := postForm{Role: r.PostFormValue("role"), FTE: strings.TrimSpace(r.PostFormValue("fte")), Band: r.PostFormValue("band"),
		PayPoint: r.PostFormValue("pay_point"), ActualSalary: strings.TrimSpace(r.PostFormValue("actual_salary")), Holder: r.PostFormValue("holder")}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	return f
}

// apply reads the form into a post of the team, with an error for each value it cannot read.
func (f postForm) apply(teamID int64) (workforce.Post, []fieldError) {
	p := workforce.Post{TeamID: teamID, PayPoint: f.PayPoint, Version: f.Version}
	var errs []fieldError
	p.RoleID, _ = strconv.ParseInt(f.Role, 10, 64)
	if fte, err := workforce.ParseFTE(f.FTE); err != nil {
		errs = append(errs, fieldError{"fte", "Enter the FTE as a number from 0.01 to 1.00, like 0.6"})
	} else {
		p.FTE = fte
	}
	if b, ok := workforce.NormaliseBand(f.Band); ok {
		p.Band = b
	} else {
		errs = append(errs, fieldError{"band", "Select a band, or the role's band"})
	}
	if f.ActualSalary != "" && f.PayPoint == workforce.PayActual {
		clean := strings.NewReplacer("£", "", ",", "", " ", "").Replace(f.ActualSalary)
		clean = strings.TrimSuffix(clean, ".00")
		n, err := strconv.ParseInt(clean, 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, fieldError{"actual_salary", "Enter the salary in whole pounds, like 33487"})
		} else {
			p.ActualSalary = n
		}
	}
	p.HolderID, _ = strconv.ParseInt(f.Holder, 10, 64)
	return p, errs
}

// postFormView builds the form with its choices: the employer's roles, the bands, the pay points
// and the people currently assigned to the team (who alone can fill its posts).
func (s *Server) postFormView(r *http.Request, uc unitContext, f postForm) (postFormView, error) {
	v := postFormView{Unit: uc.unit, Form: f, Bands: workforce.Bands, Cancel: postsPath(uc.unit.ID)}
	for _, pp := range workforce.PayPoints {
		v.PayPoints = append(v.PayPoints, choice{pp, workforce.PayPointLabel(pp)})
	}
	roles, byID, err := s.employerRoles(r, uc.unit.ID)
	if err != nil {
		return v, err
	}
	v.Roles = roles
	page, err := s.db.SearchPeople(r.Context(), store.PersonQuery{OrganisationIDs: store.PeopleScope(uc.sc.access), TeamID: uc.unit.ID, Limit: store.MaxPeoplePage})
	if err != nil {
		return v, err
	}
	today := s.db.Today()
	for _, p := range page.People {
		for _, a := range p.CurrentAssignments(today) {
			if a.TeamID == uc.unit.ID {
				v.Holders = append(v.Holders, choice{strconv.FormatInt(p.ID, 10), p.Name + " (" + byID[a.RoleID].Title + ", " + a.FTE.String() + " FTE)"})
				break
			}
		}
	}
	return v, nil
}

// checkPostForm applies the domain's rules to what was typed, so the form shows every problem
// at once.
func (s *Server) checkPostForm(r *http.Request, uc unitContext, p workforce.Post, read []fieldError) []fieldError {
	var role workforce.Role
	if p.RoleID > 0 {
		if got, err := s.db.Role(r.Context(), p.RoleID); err == nil {
			role = got
		}
	}
	var holder *workforce.Person
	if p.HolderID > 0 {
		if got, err := s.db.Person(r.Context(), p.HolderID); err == nil && store.PersonVisible(got, uc.sc.access, 0) {
			holder = &got
		}
	}
	return mergeErrors(read, problemsToErrors(workforce.ValidatePost(p, role, holder, s.db.Today())))
}

// savePostErrors turns a store error into the form's errors and a status; ok is false for an
// error the form cannot explain.
func savePostErrors(err error) ([]fieldError, int, bool) {
	var inv *store.InvalidPostError
	switch {
	case errors.As(err, &inv):
		return problemsToErrors(inv.Problems), http.StatusUnprocessableEntity, true
	case errors.Is(err, store.ErrConflict):
		return []fieldError{{"role", "Someone else changed this post while you were editing it. Your changes are below and have not been saved: check the post, then save again to replace their version with yours"}}, http.StatusConflict, true
	}
	return nil, 0, false
}

// postNewForm is the form to add a post to a team.
func (s *Server) postNewForm(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadTeamForPosts(w, r)
	if !ok {
		return
	}
	v, err := s.postFormView(r, uc, postForm{FTE: "1.00", PayPoint: workforce.PayEntry})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page, v.Action = s.page(r, "Add a post to "+uc.unit.Name, "organisations", append(uc.crumbs, crumb{postsPath(uc.unit.ID), "Posts"})...), postsPath(uc.unit.ID)
	s.render(w, r, http.StatusOK, "post-form", v)
}

// postCreate saves a new post.
func (s *Server) postCreate(w http.ResponseWriter, r *http.Request) {
	uc, ok := s.loadTeamForPosts(w, r)
	if !ok {
		return
	}
	f := parsePostForm(r)
	v, err := s.postFormView(r, uc, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page, v.Action = s.page(r, "Add a post to "+uc.unit.Name, "organisations", append(uc.crumbs, crumb{postsPath(uc.unit.ID), "Posts"})...), postsPath(uc.unit.ID)
	p, read := f.apply(uc.unit.ID)
	if v.Errors = s.checkPostForm(r, uc, p, read); len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "post-form", v)
		return
	}
	if _, err := s.db.CreatePost(r.Context(), actor(r), p); err != nil {
		errs, status, ok := savePostErrors(err)
		if !ok {
			s.serverError(w, r, err)
			return
		}
		v.Errors = errs
		s.render(w, r, status, "post-form", v)
		return
	}
	s.flash(r, "The post has been added.")
	http.Redirect(w, r, postsPath(uc.unit.ID), http.StatusSeeOther)
}

// loadTeamForPosts is loadUnit for the pages that change posts: the unit must be a team and the
// viewer must be allowed to change its posts.
func (s *Server) loadTeamForPosts(w http.ResponseWriter, r *http.Request) (unitContext, bool) {
	uc, ok := s.loadUnit(w, r)
	if !ok {
		return uc, false
	}
	if uc.unit.Kind != store.KindTeam || !uc.canEditPosts() {
		s.notFound(w, r)
		return uc, false
	}
	return uc, true
}

// loadPost reads the post of the path's {post}, which must belong to the team of {id}.
func (s *Server) loadPost(w http.ResponseWriter, r *http.Request) (unitContext, workforce.Post, bool) {
	uc, ok := s.loadTeamForPosts(w, r)
	if !ok {
		return uc, workforce.Post{}, false
	}
	id, ok := pathID(r, "post")
	if !ok {
		s.notFound(w, r)
		return uc, workforce.Post{}, false
	}
	p, err := s.db.Post(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.TeamID != uc.unit.ID) {
		s.notFound(w, r)
		return uc, workforce.Post{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return uc, workforce.Post{}, false
	}
	return uc, p, true
}

func (s *Server) editPostPage(r *http.Request, uc unitContext, p workforce.Post) Page {
	return s.page(r, "Change a post of "+uc.unit.Name, "organisations", append(uc.crumbs, crumb{postsPath(uc.unit.ID), "Posts"})...)
}

// postEditForm is the form to change a post, fill it or mark it vacant.
func (s *Server) postEditForm(w http.ResponseWriter, r *http.Request) {
	uc, p, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	v, err := s.postFormView(r, uc, formFromPost(p))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page, v.Action, v.Editing = s.editPostPage(r, uc, p), postPath(uc.unit.ID, p.ID), true
	s.render(w, r, http.StatusOK, "post-form", v)
}

// postUpdate saves a post at the version the form was drawn from (409 if it moved).
func (s *Server) postUpdate(w http.ResponseWriter, r *http.Request) {
	uc, cur, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	f := parsePostForm(r)
	v, err := s.postFormView(r, uc, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Page, v.Action, v.Editing = s.editPostPage(r, uc, cur), postPath(uc.unit.ID, cur.ID), true
	p, read := f.apply(uc.unit.ID)
	p.ID = cur.ID
	if v.Errors = s.checkPostForm(r, uc, p, read); len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "post-form", v)
		return
	}
	saved, err := s.db.UpdatePost(r.Context(), actor(r), p)
	if err != nil {
		errs, status, ok := savePostErrors(err)
		if !ok {
			s.serverError(w, r, err)
			return
		}
		v.Errors = errs
		if status == http.StatusConflict {
			// Saving again replaces the other version knowingly.
			v.Conflict, v.Form.Version = true, cur.Version
		}
		s.render(w, r, status, "post-form", v)
		return
	}
	if saved.Version == cur.Version {
		s.flash(r, "Nothing had changed, so nothing was saved.")
	} else {
		s.flash(r, "The post has been saved.")
	}
	http.Redirect(w, r, postsPath(uc.unit.ID), http.StatusSeeOther)
}

type postDeleteView struct {
	Page
	Unit store.Organisation
	Post postRow
}

// postDeleteForm asks for confirmation before a post is deleted.
func (s *Server) postDeleteForm(w http.ResponseWriter, r *http.Request) {
	s.postDeletePage(w, r, http.StatusOK, nil)
}

func (s *Server) postDeletePage(w http.ResponseWriter, r *http.Request, status int, errs []fieldError) {
	uc, p, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	rows, _, err := s.teamEstablishment(r, uc.unit.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := postDeleteView{Page: s.page(r, "Delete a post of "+uc.unit.Name, "organisations", append(uc.crumbs, crumb{postsPath(uc.unit.ID), "Posts"})...), Unit: uc.unit}
	for _, row := range rows {
		if row.ID == p.ID {
			v.Post = row
		}
	}
	v.Errors = errs
	s.render(w, r, status, "post-delete", v)
}

// postDelete deletes the post when the confirmation box is ticked, at the version shown.
func (s *Server) postDelete(w http.ResponseWriter, r *http.Request) {
	uc, p, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		s.postDeletePage(w, r, http.StatusUnprocessableEntity, []fieldError{{"confirm", "Tick the box to confirm that the post is to be deleted"}})
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err := s.db.DeletePost(r.Context(), actor(r), p.ID, version); err != nil {
		if errors.Is(err, store.ErrConflict) {
			s.postDeletePage(w, r, http.StatusConflict, []fieldError{{"confirm", "Someone else changed this post meanwhile: check it below before deleting it"}})
			return
		}
		s.serverError(w, r, err)
		return
	}
	s.flash(r, "The post has been deleted.")
	http.Redirect(w, r, postsPath(uc.unit.ID), http.StatusSeeOther)
}
