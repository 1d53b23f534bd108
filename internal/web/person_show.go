package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// personShowView is a person's record: their jobs, their portfolio with what has expired or is
// due for review, and the gap analysis against their current role and a role they aim for. It
// prints as an appraisal or personal development plan document.
type personShowView struct {
	Page
	Person      workforce.Person
	OrgName     string
	Assignments []assignmentView
	Portfolio   []entryView
	Expired     int
	Due         int
	DueDays     int
	CanManage   bool
	CanErase    bool
	IsSelf      bool
	// Gaps: against each current role, then the chosen target role.
	Gaps    []gapView
	Targets []choice
	Target  string
	// The form to add a competence.
	Entry       entryForm
	Competences []optGroup
	Levels      []optGroup
}

type optGroup struct {
	Label   string
	Options []choice
}

type entryView struct {
	workforce.PortfolioEntry
	Title, Code, Framework, Level string
	// CanRemove: the viewer may take the entry out of the portfolio.
	CanRemove bool
	Flag      string
}

type gapView struct {
	Role    workforce.Role
	Current bool
	Gap     workforce.Gap
	Bars    []gapBar
	Height  int
	Summary string
}

// gapBar is one bar of the readiness chart: how much of a requirement is reached.
type gapBar struct {
	Y, TextY, Width int
	Label, Value    string
	Fill            string
}

// entryForm is the add-a-competence form as typed.
type entryForm struct {
	Competence, Level, Evidence, Achieved, ReviewBy, Note string
}

// Bar colours: NHS green (met), warm yellow (partly), red (missing), with the text beside each
// bar saying which, so colour is never the only cue.
const (
	barMet     = "#007f3b"
	barPartly  = "#ffb81c"
	barMissing = "#d5281b"
)

func (s *Server) personShow(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	v, err := s.personShowView(r, p, pc, entryForm{Evidence: workforce.EvidenceSelf})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person-show", v)
}

func (s *Server) personShowView(r *http.Request, p workforce.Person, pc peopleContext, form entryForm) (personShowView, error) {
	ctx := r.Context()
	crumbs := []crumb{{"/", "Home"}, {"/people", "People"}}
	v := personShowView{
		Page:   s.page(r, p.Name, "people", crumbs...),
		Person: p, OrgName: pc.names[p.OrganisationID], CanManage: pc.canManage(p), CanErase: pc.canErase(p),
		IsSelf: p.UserID != 0 && p.UserID == pc.userID, DueDays: workforce.DefaultDueDays, Entry: form,
	}
	today := s.db.Today()
	roles, byID, err := s.employerRoles(r, p.OrganisationID)
	if err != nil {
		return v, err
	}
	v.Assignments = pc.assignmentViews(p, byID, today)
	entries, err := s.db.Portfolio(ctx, p.ID)
	if err != nil {
		return v, err
	}
	names := s.db.AnyFrameworks(ctx)
	for _, e := range entries {
		ev := newEntryView(e, names, today)
		ev.CanRemove = v.CanManage || (v.IsSelf && e.Evidence == workforce.EvidenceSelf)
		switch ev.Flag {
		case workforce.FlagExpired:
			v.Expired++
		case workforce.FlagDue:
			v.Due++
		}
		v.Portfolio = append(v.Portfolio, ev)
	}

	// Gap analysis: every current role, then the target chosen.
	seen := map[int64]bool{}
	for _, a := range p.CurrentAssignments(today) {
		if role, ok := byID[a.RoleID]; ok && !seen[role.ID] {
			seen[role.ID] = true
			v.Gaps = append(v.Gaps, makeGapView(role, true, workforce.Analyse(role.Requirements, entries, names, today)))
		}
	}
	v.Target = r.URL.Query().Get("role")
	if id, err := strconv.ParseInt(v.Target, 10, 64); err == nil {
		if role, ok := byID[id]; ok && !seen[id] {
			v.Gaps = append(v.Gaps, makeGapView(role, false, workforce.Analyse(role.Requirements, entries, names, today)))
		}
	}
	for _, role := range roles {
		label := role.Title
		if role.Level > 0 {
			label += fmt.Sprintf(" (level %d)", role.Level)
		}
		v.Targets = append(v.Targets, choice{strconv.FormatInt(role.ID, 10), label})
	}

	if v.CanManage || v.IsSelf {
		if v.Competences, v.Levels, err = s.competenceChoices(r, p.OrganisationID); err != nil {
			return v, err
		}
	}
	return v, nil
}

func makeGapView(role workforce.Role, current bool, g workforce.Gap) gapView {
	gv := gapView{Role: role, Current: current, Gap: g}
	const rowH = 30
	for i, it := range g.Items {
		label := it.Title
		if it.Code != "" {
			label = it.Code + " " + it.Title
		}
		if len(label) > 40 {
			label = label[:39] + "…"
		}
		b := gapBar{Y: i * rowH, TextY: i*rowH + 17, Width: it.Percent * 3, Label: label}
		switch it.Status {
		case workforce.GapMet:
			b.Fill, b.Value = barMet, "met"
		case workforce.GapPartly:
			b.Fill, b.Value = barPartly, fmt.Sprintf("partly met, %d%%", it.Percent)
		default:
			b.Fill, b.Value = barMissing, "missing"
		}
		if b.Width == 0 {
			b.Width = 2 // a sliver, so a missing competence still shows where its bar would be
		}
		gv.Bars = append(gv.Bars, b)
	}
	gv.Height = max(len(g.Items)*rowH, rowH)
	gv.Summary = fmt.Sprintf("Readiness for %s: %d%%. %d met, %d partly met, %d missing.", role.Title, g.Readiness, g.Met, g.Partly, g.Missing)
	return gv
}

// competenceChoices lists the competences of the frameworks the organisation may use (shared
// ones and its employer's own competence frameworks), grouped by framework, and their levels.
func (s *Server) competenceChoices(r *http.Request, orgID int64) (comps, levels []optGroup, err error) {
	versions, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		return nil, nil, err
	}
	lookup, lookupErr := s.db.FrameworksFor(r.Context(), orgID)
	for _, fv := range versions {
		if fv.Kind != framework.KindCompetence || fv.Status == framework.StatusRetired || fv.Status == framework.StatusSuperseded {
			continue
		}
		f := lookup(fv.Key, fv.Version)
		if f == nil {
			continue
		}
		g := optGroup{Label: f.Title + " " + f.Version}
		f.Walk(func(n *framework.Node, _ string, _ int) bool {
			if len(n.Children) == 0 {
				label := n.Title
				if n.Code != "" {
					label = n.Code + " " + n.Title
				}
				g.Options = append(g.Options, choice{f.Key + "@" + f.Version + "#" + n.Key, label})
			}
			return true
		})
		comps = append(comps, g)
		lg := optGroup{Label: f.Title + " " + f.Version}
		for _, l := range f.Levels {
			lg.Options = append(lg.Options, choice{l.Key, l.Title})
		}
		if len(lg.Options) > 0 {
			levels = append(levels, lg)
		}
	}
	return comps, levels, lookupErr()
}

// parseCompetence reads "key@version#node".
func parseCompetence(s string) (key, version, node string) {
	ref, node, _ := strings.Cut(s, "#")
	key, version, _ = strings.Cut(ref, "@")
	return key, version, node
}

// entryFlagText is the words of a portfolio flag.
// newEntryView names an entry's competence and level from its framework version.
func newEntryView(e workforce.PortfolioEntry, names workforce.FrameworkLookup, today workforce.Date) entryView {
	ev := entryView{PortfolioEntry: e, Title: e.NodeKey, Level: e.LevelKey, Flag: e.Flag(today, workforce.DefaultDueDays)}
	if f := names(e.FrameworkKey, e.FrameworkVersion); f != nil {
		ev.Framework = f.Title + " " + f.Version
		if n := f.Node(e.NodeKey); n != nil {
			ev.Title, ev.Code = n.Title, n.Code
		}
		for _, l := range f.Levels {
			if l.Key == e.LevelKey {
				ev.Level = l.Title
			}
		}
	}
	return ev
}

func (e entryView) FlagText() string {
	switch e.Flag {
	case workforce.FlagExpired:
		return "Expired"
	case workforce.FlagDue:
		return "Due for review"
	}
	return ""
}

// EvidenceText says how the entry is evidenced.
func (e entryView) EvidenceText() string {
	if e.Evidence == workforce.EvidenceConfirmed {
		by := e.ConfirmedByName
		if by == "" {
			by = "a manager"
		}
		return "Confirmed by " + by + " on " + e.ConfirmedAt.Format("2 January 2006")
	}
	return "Self assessed"
}
