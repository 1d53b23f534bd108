package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/chart"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The team view (issue 3): the profile of a team made from its members' profiles. Who sees
// what (docs/security.md, docs/decisions/0009-team-view-and-training-needs.md):
//
//   - anyone with an access role in the team or above it may open the team view;
//   - the members' names, FTE and which profile counted for each are person-level data: only a
//     manager or above in the team (or above it) sees them, as for the people pages;
//   - anyone else sees the aggregate only when at least profile.MinPooledOwn members are in it
//     (DESIGN decision 1 suppresses groups under 5), so a small team's figures do not reveal a
//     colleague's FTE or profile.

type teamProfileView struct {
	Page
	Team store.Organisation
	// Versions are the framework versions offered; Version is the one shown ("key@version").
	Versions []teamVersionOption
	F        *framework.Framework
	Chart    template.HTML
	Rows     []teamProfileRow
	Gaps     []string // titles of the elements with nobody at GapLevel or above
	GapLevel string
	Counted  int
	FTE      string
	Members  int // people in the team today
	// PersonLevel: the viewer may see the member list; Hidden: the aggregate is suppressed.
	PersonLevel bool
	Hidden      bool
	MemberRows  []teamMemberRow
	Query       string // framework=…&version=… for the export links, or ""
	MinGroup    int
}

type teamVersionOption struct {
	Value, Label string
	Selected     bool
}

type teamProfileRow struct {
	profile.TeamElement
	Provisional bool
	Spread      string // "Core 3, Intermediate 1"
}

type teamMemberRow struct {
	Name, Href, FTE, Used, ProfileHref, ProfileTitle string
}

// teamProfile shows a team's profile: chart, table, gaps and (for managers) its members.
func (s *Server) teamProfile(w http.ResponseWriter, r *http.Request) {
	team, tv, sc, ok := s.loadTeamView(w, r)
	if !ok {
		return
	}
	v := teamProfileView{Team: team, Members: len(tv.Members), Counted: tv.Counted, MinGroup: profile.MinPooledOwn,
		PersonLevel: sc.may(team.ID, store.ManagePeople)}
	v.Page = s.page(r, "Team profile of "+team.Name, "profiles", crumb{"/", "Home"}, crumb{"/organisations", "Organisations"},
		crumb{"/organisations/" + strconv.FormatInt(team.ID, 10), team.Name})
	v.Hidden = !v.PersonLevel && tv.Counted < profile.MinPooledOwn
	for _, u := range tv.Versions {
		val := u.Key + "@" + u.Version
		sel := tv.Framework != nil && tv.Framework.Key == u.Key && tv.Framework.Version == u.Version
		label := fmt.Sprintf("%s version %s", u.Key, u.Version)
		if !v.Hidden {
			label += fmt.Sprintf(" (%d %s)", u.Members, plural(u.Members, "member", "members"))
		}
		v.Versions = append(v.Versions, teamVersionOption{Value: val, Label: label, Selected: sel})
	}
	if f := tv.Framework; f != nil {
		v.F = f
		v.Query = "framework=" + url.QueryEscape(f.Key) + "&version=" + url.QueryEscape(f.Version)
		for _, l := range f.Levels {
			if l.Rank == tv.Team.GapRank {
				v.GapLevel = l.Title
			}
		}
	}
	if v.PersonLevel {
		v.MemberRows = teamMemberRows(tv)
	}
	if tv.Counted > 0 && !v.Hidden {
		v.FTE = workforce.FTE(tv.Team.FTE).String()
		v.Rows, v.Gaps = teamRows(tv.Framework, tv.Team)
		cp := teamChart(tv.Framework, tv.Team, "Team profile of "+team.Name)
		var err error
		if v.Chart, err = teamChartHTML(tv.Framework, cp, "team-chart"); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "team-profile", v)
}

// loadTeamView checks that the path names a team the viewer may see and loads its view on the
// framework version the query names (or the default). Anything else is "not found".
func (s *Server) loadTeamView(w http.ResponseWriter, r *http.Request) (store.Organisation, store.TeamView, scope, bool) {
	id, ok := pathID(r, "id")
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return store.Organisation{}, store.TeamView{}, sc, false
	}
	var team store.Organisation
	for _, o := range sc.orgs {
		if o.ID == id {
			team = o
		}
	}
	if !ok || team.Kind != store.KindTeam || !sc.may(id, store.ReadOrganisation) {
		s.notFound(w, r)
		return team, store.TeamView{}, sc, false
	}
	key, version := teamVersionQuery(r)
	tv, err := s.db.TeamProfileView(r.Context(), id, s.db.Today(), key, version)
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return team, tv, sc, false
	}
	return team, tv, sc, true
}

// teamVersionQuery reads the framework version asked for: framework=key&version=v, or the
// picker's single value "key@v".
func teamVersionQuery(r *http.Request) (string, string) {
	q := r.URL.Query()
	if kv := q.Get("use"); kv != "" {
		key, version, _ := strings.Cut(kv, "@")
		return key, version
	}
	return q.Get("framework"), q.Get("version")
}

// teamRows names the team profile's elements for the table, with the spread of levels in words,
// and lists the gaps by title.
func teamRows(f *framework.Framework, t profile.TeamProfile) ([]teamProfileRow, []string) {
	var rows []teamProfileRow
	var gaps []string
	for _, e := range t.Elements {
		row := teamProfileRow{TeamElement: e}
		if n := f.Node(e.Node); n != nil {
			row.Provisional = n.Provisional
		}
		var parts []string
		for _, l := range e.Levels {
			if l.Members > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", l.Title, l.Members))
			}
		}
		row.Spread = strings.Join(parts, ", ")
		rows = append(rows, row)
		if e.Gap {
			gaps = append(gaps, e.Title)
		}
	}
	return rows, gaps
}

// teamChart draws a team profile like a single profile: each element's segment sized by the
// team's share, its depth the highest level anyone in the team works at on it (what the team
// can do without outside help).
func teamChart(f *framework.Framework, t profile.TeamProfile, title string) chart.Profile {
	p := profile.Profile{FrameworkKey: f.Key, FrameworkVersion: f.Version}
	for _, e := range t.Elements {
		entry := profile.Entry{Node: e.Node, Share: e.Share}
		for _, l := range e.Levels {
			if l.Members > 0 {
				entry.Level = l.Level // Levels run from the lowest rank up
			}
		}
		p.Entries = append(p.Entries, entry)
	}
	cp := chartOf(f, p, title)
	cp.Description = fmt.Sprintf("The team's shares are the members' shares averaged by their FTE (%d members, %s FTE); each element is drawn at the highest level anyone in the team works at on it.",
		t.Members, workforce.FTE(t.FTE).String())
	return cp
}

// teamChartHTML renders a team chart as SVG for a page, its element ids prefixed by id.
func teamChartHTML(f *framework.Framework, cp chart.Profile, id string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := chart.SVG(&buf, cp, chartOptions(f, id)); err != nil {
		return "", err
	}
	// The SVG is built by our own package from escaped text, never from raw user markup.
	return template.HTML(buf.String()), nil //nolint:gosec
}

// teamMemberRows lists the members with the profile that counted for each.
func teamMemberRows(tv store.TeamView) []teamMemberRow {
	out := make([]teamMemberRow, len(tv.Members))
	for i, m := range tv.Members {
		row := teamMemberRow{Name: m.Person.Name, Href: "/people/" + strconv.FormatInt(m.Person.ID, 10), FTE: m.FTE.String()}
		ch := tv.Choices[i]
		switch ch.Source {
		case profile.SourceOwn:
			// The profile itself stays its owner's alone (decision 0004): no link.
			row.Used = "Their own profile"
		case profile.SourceRole:
			p, _ := tv.ChosenProfile(i)
			row.Used, row.ProfileHref, row.ProfileTitle = "The profile of their role", "/profiles/"+strconv.FormatInt(p.ID, 10), p.Title
		default:
			row.Used = "No profile on this version: left out"
		}
		if ch.OwnNotPooled && ch.Source != profile.SourceOwn {
			row.Used += fmt.Sprintf(" (their own profile counts once at least %d members of the team have one)", profile.MinPooledOwn)
		}
		out[i] = row
	}
	return out
}
