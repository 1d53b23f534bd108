package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The IWF team profile of a unit's establishment (issue 6, docs/decisions/0014): each post
// counts with its role's newest complete profile, weighted by the post's FTE, through the team
// view's own rule (store.PostsProfiles). Shown on the workforce profile, its report and export,
// and beside a scenario's comparison.

// iwfView is one set of posts' team profile, drawn and tabled.
type iwfView struct {
	store.PostsProfile
	F        *framework.Framework
	Versions []teamVersionOption
	Chart    template.HTML
	Rows     []teamProfileRow
	Gaps     []string
	GapLevel string
	// Query is "framework=…&version=…" of the version shown, for links ("" when none).
	Query string
}

// CountedFTE is the FTE of the posts that went into the profile.
func (v iwfView) CountedFTE() workforce.FTE { return workforce.FTE(v.Team.FTE) }

// iwfOf draws a set of posts' team profile; title names the chart, id prefixes its ids.
func iwfOf(pp store.PostsProfile, versions []profile.VersionUse, title, id string) (iwfView, error) {
	v := iwfView{PostsProfile: pp, F: pp.Framework}
	f := pp.Framework
	for _, u := range versions {
		v.Versions = append(v.Versions, teamVersionOption{Value: u.Key + "@" + u.Version,
			Label:    fmt.Sprintf("%s version %s (%d %s)", u.Key, u.Version, u.Members, plural(u.Members, "post", "posts")),
			Selected: f != nil && f.Key == u.Key && f.Version == u.Version})
	}
	if f == nil {
		return v, nil
	}
	v.Query = "framework=" + url.QueryEscape(f.Key) + "&version=" + url.QueryEscape(f.Version)
	for _, l := range f.Levels {
		if l.Rank == profile.DefaultGapRank(f) {
			v.GapLevel = l.Title
		}
	}
	if pp.Counted == 0 {
		return v, nil
	}
	v.Rows, v.Gaps = teamRows(f, pp.Team)
	cp := teamChart(f, pp.Team, title)
	cp.Description = fmt.Sprintf("The shares are the profiles of the posts' roles averaged by the posts' FTE (%d of %d posts have a profile of their role on this version, %s FTE); each element is drawn at the highest level any of those roles works at on it.",
		pp.Counted, pp.Posts, v.CountedFTE())
	var err error
	v.Chart, err = teamChartHTML(f, cp, id)
	return v, err
}

// postsProfiles works out the team profiles of sets of posts on the version the query names
// (use=key@version, or framework= and version=), or the default. A version none of the posts
// is on answers "not found".
func (s *Server) postsProfiles(w http.ResponseWriter, r *http.Request, sets [][]workforce.Post) ([]store.PostsProfile, []profile.VersionUse, bool) {
	key, version := teamVersionQuery(r)
	out, versions, err := s.db.PostsProfiles(r.Context(), sets, key, version)
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return nil, nil, false
	}
	return out, versions, true
}

// unitIWF is the team profile of a unit's posts today.
func (s *Server) unitIWF(w http.ResponseWriter, r *http.Request, unitName string, posts []workforce.Post) (iwfView, bool) {
	pps, versions, ok := s.postsProfiles(w, r, [][]workforce.Post{posts})
	if !ok {
		return iwfView{}, false
	}
	v, err := iwfOf(pps[0], versions, "IWF team profile of the posts of "+unitName, "iwf-chart")
	if err != nil {
		s.serverError(w, r, err)
		return iwfView{}, false
	}
	return v, true
}

// scenarioIWFView is the team profile of today's posts beside the scenario's.
type scenarioIWFView struct {
	Now, Scenario iwfView
	Changes       []profile.TeamChange
}

// scenarioIWF works out both sides on one version (today's default) and compares them.
func (s *Server) scenarioIWF(w http.ResponseWriter, r *http.Request, today, scenario []workforce.Post) (scenarioIWFView, bool) {
	pps, versions, ok := s.postsProfiles(w, r, [][]workforce.Post{today, scenario})
	if !ok {
		return scenarioIWFView{}, false
	}
	var v scenarioIWFView
	var err error
	if v.Now, err = iwfOf(pps[0], versions, "IWF team profile today", "iwf-now"); err == nil {
		v.Scenario, err = iwfOf(pps[1], versions, "IWF team profile in the scenario", "iwf-scenario")
	}
	if err != nil {
		s.serverError(w, r, err)
		return v, false
	}
	v.Changes = profile.CompareTeams(pps[0].Team, pps[1].Team)
	return v, true
}
