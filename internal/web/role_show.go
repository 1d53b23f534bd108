package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// roleShowView is a role as a readable job description.
type roleShowView struct {
	Page
	Role    workforce.Role
	Access  roleAccess
	OrgName string
	Level   *careerLevel
	Groups  []reqGroup
	// Warnings are the domain's advice about the role, shown to those who may change it.
	Warnings []fieldError
	// CopiedFrom is the role this one was copied from, if any.
	CopiedFrom *roleLink
	// CopyTargets are the organisations the viewer may copy the role into.
	CopyTargets []orgItem
	// Statuses are the statuses the viewer may move the role to.
	Statuses []statusAction
	// Provisional: something the role relies on is provisional wording.
	Provisional bool
	// Profile is the role's newest IWF (focus) profile, drawn as on its own page; Profiles are
	// all of them, newest first.
	Profile  *roleProfileView
	Profiles []store.Profile
	// CanProfile: the viewer may make and change the role's profiles (manager or above).
	CanProfile bool
}

// roleProfileView is a role's profile as its chart and table.
type roleProfileView struct {
	Rec   store.Profile
	F     *framework.Framework
	Chart template.HTML
	Rows  []profile.CompareRow
}

type roleLink struct {
	Href, Title, OrgName string
}

type statusAction struct{ Value, Label string }

// StatusClass is the colour of the role's status tag.
func (v roleShowView) StatusClass() string { return statusClass(v.Role.Status) }

// reqGroup is the requirements of one framework version.
type reqGroup struct {
	Label       string
	Provisional bool
	Rows        []reqShow
}

type reqShow struct {
	Code, Title      string
	Provisional      bool
	Level            string
	LevelProvisional bool
	Essential        bool
}

// frameworkMemo loads framework versions once per request. A version that is not stored is nil;
// an error reading one is kept in err.
type frameworkMemo struct {
	s    *Server
	ctx  context.Context
	seen map[string]*framework.Framework
	err  error
}

func (s *Server) frameworkMemo(r *http.Request) *frameworkMemo {
	return &frameworkMemo{s: s, ctx: r.Context(), seen: map[string]*framework.Framework{}}
}

func (m *frameworkMemo) get(key, version string) *framework.Framework {
	ref := key + "@" + version
	if f, ok := m.seen[ref]; ok {
		return f
	}
	f, _, err := m.s.db.FrameworkVersion(m.ctx, key, version)
	if err != nil && !errors.Is(err, store.ErrNotFound) && m.err == nil {
		m.err = err
	}
	m.seen[ref] = f
	return f
}

// frameworks returns the framework versions found so far, by key and version.
func (m *frameworkMemo) frameworks() []*framework.Framework {
	var out []*framework.Framework
	for _, f := range m.seen {
		if f != nil {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *framework.Framework) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Version, b.Version))
	})
	return out
}

// requirementGroups groups a role's requirements by framework version, in the role's order,
// naming competences and levels from the frameworks.
func requirementGroups(reqs []workforce.Requirement, lookup workforce.FrameworkLookup) []reqGroup {
	var groups []reqGroup
	index := map[string]int{}
	for _, q := range reqs {
		f := lookup(q.FrameworkKey, q.FrameworkVersion)
		i, ok := index[q.Ref()]
		if !ok {
			g := reqGroup{Label: strings.ToUpper(q.FrameworkKey) + " version " + q.FrameworkVersion}
			if f != nil {
				g.Label, g.Provisional = f.Title+" version "+f.Version, f.Provisional
			}
			i = len(groups)
			index[q.Ref()] = i
			groups = append(groups, g)
		}
		row := reqShow{Title: q.NodeKey, Level: q.LevelKey, Essential: q.Essential}
		if f != nil {
			if n := f.Node(q.NodeKey); n != nil {
				row.Code, row.Title, row.Provisional = n.Code, n.Title, n.Provisional
			}
			if l := f.Level(q.LevelKey); l != nil {
				row.Level, row.LevelProvisional = l.Title, l.Provisional
			}
		}
		groups[i].Rows = append(groups[i].Rows, row)
	}
	return groups
}

var statusLabels = map[string]string{
	workforce.StatusDraft:     "Return this role to draft",
	workforce.StatusPublished: "Publish this role",
	workforce.StatusRetired:   "Retire this role",
}

func (s *Server) roleShow(w http.ResponseWriter, r *http.Request) {
	role, rc, acc, ok := s.loadRole(w, r)
	if !ok {
		return
	}
	v, err := s.roleShowView(r, rc, role, acc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "role-show", v)
}

// roleShowView builds the job description page; the status and copy actions render it too,
// with their errors.
func (s *Server) roleShowView(r *http.Request, rc roleContext, role workforce.Role, acc roleAccess) (roleShowView, error) {
	v := roleShowView{Role: role, Access: acc, OrgName: rc.names[role.OrganisationID]}
	v.Page = s.page(r, role.Title, "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"})
	levels, err := s.careerLevels(r)
	if err != nil {
		return v, err
	}
	if role.Level >= workforce.MinLevel && role.Level <= workforce.MaxLevel {
		v.Level = &levels[role.Level-1]
		v.Provisional = v.Level.Provisional
	}
	memo := s.frameworkMemo(r)
	v.Groups = requirementGroups(role.Requirements, memo.get)
	if memo.err != nil {
		return v, memo.err
	}
	for _, g := range v.Groups {
		for _, q := range g.Rows {
			v.Provisional = v.Provisional || q.Provisional || q.LevelProvisional
		}
	}
	if acc.Plan {
		_, v.Warnings = problemFields(workforce.ValidateRole(role, memo.get), nil, 0)
		for _, st := range workforce.Statuses {
			if st != role.Status {
				v.Statuses = append(v.Statuses, statusAction{st, statusLabels[st]})
			}
		}
	}
	if err := s.roleProfiles(r, rc, role, &v); err != nil {
		return v, err
	}
	v.CopyTargets = rc.planned()
	if role.CopiedFromID != 0 {
		src, err := s.db.Role(r.Context(), role.CopiedFromID)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return v, err
		default:
			link := &roleLink{Title: src.Title, OrgName: rc.names[src.OrganisationID]}
			visible := rc.inScope(src.OrganisationID)
			if !visible && src.Shared && src.Status == workforce.StatusPublished {
				partners, err := s.partnerOrgs(r, rc)
				if err != nil {
					return v, err
				}
				visible = partners[src.OrganisationID]
			}
			if visible {
				link.Href = rolePath(src.ID)
			}
			v.CopiedFrom = link
		}
	}
	return v, nil
}

// roleProfiles adds the role's profiles that the viewer may see to its page, the newest drawn
// as a chart with its table.
func (s *Server) roleProfiles(r *http.Request, rc roleContext, role workforce.Role, v *roleShowView) error {
	v.CanProfile = rc.sc.may(role.OrganisationID, store.ChangeRoleProfiles)
	all, err := s.db.RoleProfiles(r.Context(), role.ID)
	if err != nil {
		return err
	}
	for _, p := range all {
		rights, err := s.rightsTo(r, p)
		if err != nil {
			return err
		}
		if rights.See {
			v.Profiles = append(v.Profiles, p)
		}
	}
	if len(v.Profiles) == 0 {
		return nil
	}
	rec := v.Profiles[0]
	f, _, err := s.db.FrameworkVersion(r.Context(), rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion)
	if err != nil {
		return err
	}
	pv := &roleProfileView{Rec: rec, F: f, Rows: profile.Compare(f, rec.Profile).Rows}
	if rec.Profile.Total() > 0 {
		if pv.Chart, err = inlineChart(f, rec.Profile, fmt.Sprintf("%s: %s version %s profile", rec.Title, f.Title, f.Version), nil); err != nil {
			return err
		}
	}
	v.Profile = pv
	return nil
}
