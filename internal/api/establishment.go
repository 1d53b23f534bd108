package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The establishment and the workforce profile (issue 6): Post, PostInput, Establishment and
// WorkforceProfile in api/openapi.yaml.
//
// Scope: a unit's posts and profile are for its managers, planners and administrators (or
// those of a node above it). Posts name their holders and may carry an actual salary, and a
// small unit's figures identify people, so everyone else, staff members and viewers included,
// gets 404 as if the unit did not exist.

type postDoc struct {
	workforce.Post
	Href string `json:"href"`
}

type establishmentDoc struct {
	OrganisationID int64     `json:"organisation_id"`
	Posts          []postDoc `json:"posts"`
}

type payTableDoc struct {
	Key         string         `json:"key"`
	Name        string         `json:"name"`
	Year        string         `json:"year"`
	Effective   workforce.Date `json:"effective"`
	Provisional bool           `json:"provisional"`
}

type workforceProfileDoc struct {
	OrganisationID int64          `json:"organisation_id"`
	Name           string         `json:"name"`
	Kind           string         `json:"kind"`
	Date           workforce.Date `json:"date"`
	OnCostPercent  string         `json:"on_cost_percent"`
	Pay            payTableDoc    `json:"pay"`
	VacancyRate    int            `json:"vacancy_rate"`
	RegisteredPct  int            `json:"registered_percent"`
	workforce.Profile
	IWF unitIWFDoc `json:"iwf_team_profile"`
}

// unitIWFDoc is the IWF team profile of the unit's posts.
type unitIWFDoc struct {
	iwfDoc
	postsProfileDoc
}

// postInput is the body of POST /api/v1/organisations/{id}/posts and PUT /api/v1/posts/{id}; a
// post as GET returned it may be sent back (the fields the server sets are ignored).
type postInput struct {
	RoleID       int64         `json:"role_id"`
	FTE          workforce.FTE `json:"fte"`
	Band         string        `json:"band"`
	PayPoint     string        `json:"pay_point"`
	ActualSalary int64         `json:"actual_salary"`
	HolderID     int64         `json:"holder_id"`
	Version      *int          `json:"version"`

	ID     any `json:"id"`
	TeamID any `json:"team_id"`
	Href   any `json:"href"`
}

func (in postInput) post(teamID int64) workforce.Post {
	return workforce.Post{TeamID: teamID, RoleID: in.RoleID, FTE: in.FTE, Band: in.Band, PayPoint: in.PayPoint,
		ActualSalary: in.ActualSalary, HolderID: in.HolderID}
}

func postHref(id int64) string { return "/api/v1/posts/" + strconv.FormatInt(id, 10) }

func postDocument(p workforce.Post) postDoc { return postDoc{Post: p, Href: postHref(p.ID)} }

// visibleUnit reads the organisation unit of the path and checks the caller is a manager or
// above there.
func (s *server) visibleUnit(r *http.Request) (store.Organisation, error) {
	id, err := pathID(r, "organisation")
	if err != nil {
		return store.Organisation{}, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.Organisation{}, err
	}
	if !sc.may(id, store.PlanWorkforce) {
		return store.Organisation{}, clientErrorf(store.ErrNotFound,
			"There is no organisation %d whose establishment you can see: that needs the manager, planner or administrator access role there or above it.", id)
	}
	return s.db.Organisation(r.Context(), id)
}

// visiblePost reads the post of the path if the caller is a manager or above of its team.
func (s *server) visiblePost(r *http.Request) (workforce.Post, error) {
	id, err := pathID(r, "post")
	if err != nil {
		return workforce.Post{}, err
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return workforce.Post{}, err
	}
	p, err := s.db.Post(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !sc.may(p.TeamID, store.PlanWorkforce)) {
		return workforce.Post{}, clientErrorf(store.ErrNotFound, "There is no post %d that you can see. GET /api/v1/organisations/{id}/posts lists a unit's posts.", id)
	}
	return p, err
}

// postFieldPointers maps the domain's field names to the body's.
var postFieldPointers = map[string]string{"team": "/team_id", "role": "/role_id", "fte": "/fte", "band": "/band",
	"pay_point": "/pay_point", "actual_salary": "/actual_salary", "holder": "/holder_id"}

func postSaveError(err error) error {
	var inv *store.InvalidPostError
	if errors.As(err, &inv) {
		return rulesBroken("The post", inv.Problems, postFieldPointers)
	}
	return err
}

// establishmentList serves GET /api/v1/organisations/{id}/posts: the posts of a team, or of
// every team below a service or organisation.
func (s *server) establishmentList(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := s.db.Establishment(r.Context(), unit.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := establishmentDoc{OrganisationID: unit.ID, Posts: make([]postDoc, 0, len(in.Posts))}
	for _, p := range in.Posts {
		doc.Posts = append(doc.Posts, postDocument(p))
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}

// postCreate serves POST /api/v1/organisations/{id}/posts: a new post of the team, version 1.
func (s *server) postCreate(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in postInput
	if err := decodeBody(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if unit.Kind != store.KindTeam {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "Posts belong to teams: %s is a %s.", unit.Name, unit.Kind).
			withErrors(problemError{Parameter: "id", Detail: "Give a team's id."}))
		return
	}
	p, err := s.db.CreatePost(r.Context(), actor(r), in.post(unit.ID))
	if err != nil {
		s.fail(w, r, postSaveError(err))
		return
	}
	w.Header().Set("Location", postHref(p.ID))
	s.writePrivate(w, r, http.StatusCreated, versionTag(p.Version), postDocument(p))
}

// postShow serves GET /api/v1/posts/{id}, tagged with its version.
func (s *server) postShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.visiblePost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(p.Version), postDocument(p))
}

// postUpdate serves PUT /api/v1/posts/{id}: the whole post as it should now be, based on the
// version read (409 if it moved, 428 without one). A post stays in its team.
func (s *server) postUpdate(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visiblePost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in postInput
	version, err := readChange(r, &in, func() *int { return in.Version })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if team, ok := in.TeamID.(float64); ok && int64(team) != cur.TeamID {
		s.fail(w, r, clientErrorf(store.ErrInvalid, "A post cannot move to another team: delete it and add it there.").
			withErrors(problemError{Pointer: "/team_id", Detail: "Leave this out or send the post's own team."}))
		return
	}
	edit := in.post(cur.TeamID)
	edit.ID, edit.Version = cur.ID, version
	saved, err := s.db.UpdatePost(r.Context(), actor(r), edit)
	if errors.Is(err, store.ErrConflict) {
		if now, err2 := s.db.Post(r.Context(), cur.ID); err2 == nil {
			err = staleVersion("post", cur.ID, version, now.Version, postHref(cur.ID))
		}
	}
	if err != nil {
		s.fail(w, r, postSaveError(err))
		return
	}
	s.writePrivate(w, r, http.StatusOK, versionTag(saved.Version), postDocument(saved))
}

// postDelete serves DELETE /api/v1/posts/{id} at the version named in If-Match.
func (s *server) postDelete(w http.ResponseWriter, r *http.Request) {
	cur, err := s.visiblePost(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := baseVersion(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.db.DeletePost(r.Context(), actor(r), cur.ID, version); err != nil {
		if errors.Is(err, store.ErrConflict) {
			err = staleVersion("post", cur.ID, version, cur.Version, postHref(cur.ID))
		}
		s.fail(w, r, err)
		return
	}
	// Nothing to cache: the answer is only that the post is gone.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNoContent)
}

// workforceProfile serves GET /api/v1/organisations/{id}/workforce-profile: every figure of the
// unit's workforce profile, as the page shows them.
func (s *server) workforceProfile(w http.ResponseWriter, r *http.Request) {
	unit, err := s.visibleUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// From the cache, fresh by the change sequence (docs/decisions/0010).
	p, in, err := s.db.Profiles().Profile(r.Context(), unit.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pps, iwf, ok := s.postsProfiles(w, r, [][]workforce.Post{in.Posts})
	if !ok {
		return
	}
	today := s.db.Today()
	doc := workforceProfileDoc{IWF: unitIWFDoc{iwfDoc: iwf, postsProfileDoc: postsProfileOf(pps[0])}, OrganisationID: unit.ID, Name: unit.Name, Kind: unit.Kind, Date: today,
		OnCostPercent: in.OnCost.String(), VacancyRate: p.VacancyRate(), RegisteredPct: p.Registered.RegisteredPercent(),
		Pay:     payTableDoc{Key: in.Pay.Key, Name: in.Pay.Name, Year: in.Pay.Year, Effective: in.Pay.Effective, Provisional: in.Pay.Provisional},
		Profile: p}
	if doc.Coverage.Competences == nil {
		doc.Coverage.Competences = []workforce.Competence{}
		doc.Coverage.Totals = []workforce.Cell{}
	}
	if doc.Coverage.Teams == nil {
		doc.Coverage.Teams = []workforce.TeamCoverage{}
	}
	s.writePrivate(w, r, http.StatusOK, "", doc)
}
