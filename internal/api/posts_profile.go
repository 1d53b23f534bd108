package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The IWF team profile of a unit's posts (docs/decisions/0014), in the workforce profile's body
// and beside a scenario's comparison (PostsTeamProfile in api/openapi.yaml).

// postsProfileDoc is one set of posts' team profile.
type postsProfileDoc struct {
	Posts      int           `json:"posts"`
	FundedFTE  workforce.FTE `json:"funded_fte"`
	Counted    int           `json:"counted"`
	CountedFTE workforce.FTE `json:"counted_fte"`
	// Profile is null when no post's role has a complete profile on the version.
	Profile *profile.TeamProfile `json:"profile"`
}

// iwfDoc is the version shown, the versions offered and the sets of posts' profiles.
type iwfDoc struct {
	FrameworkKey     string           `json:"framework_key,omitempty"`
	FrameworkVersion string           `json:"framework_version,omitempty"`
	Versions         []teamVersionDoc `json:"versions"`
}

func postsProfileOf(pp store.PostsProfile) postsProfileDoc {
	d := postsProfileDoc{Posts: pp.Posts, FundedFTE: pp.FTE, Counted: pp.Counted, CountedFTE: workforce.FTE(pp.Team.FTE)}
	if pp.Counted > 0 {
		t := pp.Team
		d.Profile = &t
	}
	return d
}

// postsProfiles works out the team profiles of sets of posts on the version the query names
// (framework and version, both or neither) or the default.
func (s *server) postsProfiles(w http.ResponseWriter, r *http.Request, sets [][]workforce.Post) ([]store.PostsProfile, iwfDoc, bool) {
	q := r.URL.Query()
	key, version := strings.TrimSpace(q.Get("framework")), strings.TrimSpace(q.Get("version"))
	if (key == "") != (version == "") {
		s.fail(w, r, clientErrorf(errBadRequest, "Give both framework and version, or neither.").
			withErrors(problemError{Parameter: "version", Detail: "framework and version go together."}))
		return nil, iwfDoc{}, false
	}
	pps, versions, err := s.db.PostsProfiles(r.Context(), sets, key, version)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, clientErrorf(store.ErrNotFound, "No post's role has a profile on %s %s.", key, version).
			withErrors(problemError{Parameter: "version", Detail: "Choose one of the versions the response without parameters lists."}))
		return nil, iwfDoc{}, false
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, iwfDoc{}, false
	}
	doc := iwfDoc{Versions: []teamVersionDoc{}}
	for _, u := range versions {
		doc.Versions = append(doc.Versions, teamVersionDoc{FrameworkKey: u.Key, FrameworkVersion: u.Version, Members: u.Members})
	}
	if f := pps[0].Framework; f != nil {
		doc.FrameworkKey, doc.FrameworkVersion = f.Key, f.Version
	}
	return pps, doc, true
}
