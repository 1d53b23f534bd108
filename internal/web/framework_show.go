package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

type frameworkView struct {
	Page
	F        *framework.Framework
	Meta     store.FrameworkVersion
	Versions []store.FrameworkVersion
	// Counts by node type, in order of first appearance ("3 domains, 12 elements").
	Counts   []typeCount
	Formats  []exportFormat
	KindText string
}

type typeCount struct {
	Type  string
	Count int
}

type exportFormat struct{ Format, Label string }

// exportFormats are offered on every framework page, Excel first because most people use it.
var exportFormats = []exportFormat{
	{string(transfer.FormatXLSX), "Excel (XLSX)"},
	{string(transfer.FormatCSV), "CSV"},
	{string(transfer.FormatCASE), "CASE 1.1 JSON (for competency tools)"},
	{string(transfer.FormatYAML), "Workframe YAML"},
	{string(transfer.FormatJSON), "Workframe JSON"},
}

// frameworkLatest shows the newest version of a framework.
func (s *Server) frameworkLatest(w http.ResponseWriter, r *http.Request) {
	f, meta, err := s.db.LatestFrameworkVersion(r.Context(), r.PathValue("key"))
	s.showFramework(w, r, f, meta, err)
}

func (s *Server) frameworkShow(w http.ResponseWriter, r *http.Request) {
	f, meta, err := s.db.FrameworkVersion(r.Context(), r.PathValue("key"), r.PathValue("version"))
	s.showFramework(w, r, f, meta, err)
}

func (s *Server) showFramework(w http.ResponseWriter, r *http.Request, f *framework.Framework, meta store.FrameworkVersion, err error) {
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if ok, err := s.canReadFramework(r, meta); err != nil || !ok {
		s.notFoundOr(w, r, err)
		return
	}
	versions, err := s.db.FrameworkVersionsOf(r.Context(), f.Key)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := frameworkView{F: f, Meta: meta, Versions: versions, Formats: exportFormats, KindText: kindText[f.Kind][1]}
	index := map[string]int{}
	f.Walk(func(n *framework.Node, _ string, _ int) bool {
		if i, ok := index[n.Type]; ok {
			v.Counts[i].Count++
		} else {
			index[n.Type] = len(v.Counts)
			v.Counts = append(v.Counts, typeCount{n.Type, 1})
		}
		return true
	})
	v.Page = s.page(r, f.Title+" version "+f.Version, "frameworks", crumb{"/", "Home"}, crumb{"/frameworks", "Frameworks"})
	s.render(w, r, http.StatusOK, "framework-show", v)
}

// canReadFramework: shared frameworks are public reference data; an organisation's own
// framework is for those with an access role in that organisation or above it.
func (s *Server) canReadFramework(r *http.Request, meta store.FrameworkVersion) (bool, error) {
	if meta.OrganisationID == 0 {
		return true, nil
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		return false, err
	}
	return sc.may(meta.OrganisationID, store.ReadOrganisation), nil
}

// notFoundOr shows the error page for err, or "not found" when there is none.
func (s *Server) notFoundOr(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.notFound(w, r)
}
