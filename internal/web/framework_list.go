package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// frameworkSummary is one framework (all its versions) in the catalogue.
type frameworkSummary struct {
	Key         string
	Title       string
	Publisher   string
	Latest      string
	Versions    []store.FrameworkVersion
	Provisional bool
}

type kindGroup struct {
	Kind       framework.Kind
	Heading    string
	Intro      string
	Frameworks []frameworkSummary
}

// kindText explains each kind of framework to someone who has never met one.
var kindText = map[framework.Kind][2]string{
	framework.KindProfile:    {"Role profiles", "Spread 100% of a role's focus across elements, each at a level."},
	framework.KindLevels:     {"Career levels", "Levels that roles sit at, from entry to the most senior."},
	framework.KindCompetence: {"Knowledge, skills and competences", "What a post needs, each at a level."},
	framework.KindChecklist:  {"Employer checklists", "Standards an organisation assesses itself against, in partnership with staff."},
	framework.KindStrategy:   {"Strategic frameworks", "Priorities that partner organisations plan and act on together."},
	framework.KindMethod:     {"Methods", "The steps of a workforce planning or role redesign method."},
}

type frameworkListView struct {
	Page
	Groups    []kindGroup
	CanImport bool
}

func (s *Server) frameworkList(w http.ResponseWriter, r *http.Request) {
	versions, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byKey := map[string]*frameworkSummary{}
	var order []string
	kindOf := map[string]framework.Kind{}
	for _, fv := range versions {
		// An organisation's own frameworks are not part of the shared catalogue.
		if fv.OrganisationID != 0 {
			continue
		}
		sum, ok := byKey[fv.Key]
		if !ok {
			sum = &frameworkSummary{Key: fv.Key}
			byKey[fv.Key] = sum
			order = append(order, fv.Key)
		}
		sum.Versions = append(sum.Versions, fv)
		// The newest version names the framework; superseded ones stay listed beside it.
		if sum.Latest == "" || framework.CompareVersions(fv.Version, sum.Latest) > 0 {
			sum.Latest, sum.Title, sum.Publisher = fv.Version, fv.Title, fv.Publisher
			kindOf[fv.Key] = fv.Kind
		}
		sum.Provisional = sum.Provisional || fv.Provisional
	}
	v := frameworkListView{Page: s.page(r, "Frameworks", "frameworks", crumb{"/", "Home"})}
	if me := currentViewer(r); me != nil {
		v.CanImport = me.User.SiteAdmin
	}
	for _, k := range framework.Kinds {
		g := kindGroup{Kind: k, Heading: kindText[k][0], Intro: kindText[k][1]}
		for _, key := range order {
			if kindOf[key] == k {
				g.Frameworks = append(g.Frameworks, *byKey[key])
			}
		}
		if len(g.Frameworks) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	s.render(w, r, http.StatusOK, "framework-list", v)
}
