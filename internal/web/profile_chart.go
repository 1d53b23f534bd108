package web

import (
	"bytes"
	"errors"
	"html/template"
	"mime"
	"net/http"
	"path"
	"sort"

	"github.com/workframe/workframe/internal/chart"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// chartOf turns a profile of framework version f into what the chart draws: one segment per
// profiled node in tree order, grouped by the node's parent (the IWF's domains).
func chartOf(f *framework.Framework, p profile.Profile, title string) chart.Profile {
	levels := append([]framework.Level(nil), f.Levels...)
	sort.Slice(levels, func(i, j int) bool { return levels[i].Rank < levels[j].Rank })
	rank := map[string]int{}
	for i, l := range levels {
		rank[l.Key] = i + 1
	}
	cp := chart.Profile{Title: title}
	seen := map[string]bool{}
	for _, n := range f.ProfiledNodes() {
		group := ""
		if parent := f.Parent(n.Key); parent != nil {
			group = parent.Key
			if !seen[group] {
				seen[group] = true
				cp.Groups = append(cp.Groups, chart.Group{Key: group, Label: parent.Title})
			}
		}
		e, _ := p.Entry(n.Key)
		seg := chart.Segment{Key: n.Key, Label: n.Title, Group: group, Share: e.Share,
			LevelRank: rank[e.Level], LevelCount: len(levels), Provisional: n.Provisional}
		if l := f.Level(e.Level); l != nil {
			seg.LevelLabel = l.Title
		}
		cp.Segments = append(cp.Segments, seg)
	}
	if len(cp.Groups) == 0 {
		for i := range cp.Segments {
			cp.Segments[i].Group = ""
		}
	}
	return cp
}

// chartOptions names the framework's own nouns in the chart's description and legend.
func chartOptions(f *framework.Framework, idPrefix string) chart.Options {
	o := chart.Options{IDPrefix: idPrefix, GroupNoun: "group", ElementNoun: "element"}
	if f.Rules != nil && f.Rules.ProfileNodeType != "" {
		o.ElementNoun = f.Rules.ProfileNodeType
	}
	if len(f.Nodes) > 0 && f.Nodes[0].Type != "" && f.Nodes[0].Type != o.ElementNoun {
		o.GroupNoun = f.Nodes[0].Type
	}
	return o
}

// inlineChart renders the chart as SVG for the page itself; it carries its own accessible name
// and description, and the page puts the same figures in a table beside it.
func inlineChart(f *framework.Framework, p profile.Profile, title string, compare *chart.Profile) (template.HTML, error) {
	var buf bytes.Buffer
	opts := chartOptions(f, "profile-chart")
	opts.Compare = compare
	if err := chart.SVG(&buf, chartOf(f, p, title), opts); err != nil {
		return "", err
	}
	// The SVG is built by our own package from escaped text, never from raw user markup.
	return template.HTML(buf.String()), nil //nolint:gosec
}

// profileChart downloads a profile's chart as SVG or PNG.
func (s *Server) profileChart(w http.ResponseWriter, r *http.Request) {
	rec, f, _, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	format := path.Ext(r.URL.Path)[1:] // the route table has one route per format
	var buf bytes.Buffer
	opts := chartOptions(f, "profile-chart")
	opts.ShowTitle = true
	var err error
	switch format {
	case "svg":
		err = chart.SVG(&buf, chartOf(f, rec.Profile, rec.Title), opts)
		w.Header().Set("Content-Type", "image/svg+xml")
	case "png":
		opts.Size = 1200
		err = chart.PNG(&buf, chartOf(f, rec.Profile, rec.Title), opts)
		w.Header().Set("Content-Type", "image/png")
	default:
		s.notFound(w, r)
		return
	}
	if err != nil {
		if errors.Is(err, chart.ErrInvalid) {
			s.renderError(w, r, http.StatusUnprocessableEntity, "This profile cannot be drawn yet",
				"Give every element a share first: a draft with no shares has nothing to draw.")
			return
		}
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "profile-" + r.PathValue("id") + "." + format}))
	_, _ = buf.WriteTo(w)
}

// loadProfile returns the profile in the path, its framework version and what the viewer may do
// with it, if they may see it (rightsTo). Anything else is "not found".
func (s *Server) loadProfile(w http.ResponseWriter, r *http.Request) (store.Profile, *framework.Framework, profileRights, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return store.Profile{}, nil, profileRights{}, false
	}
	rec, err := s.db.GetProfile(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return rec, nil, profileRights{}, false
	}
	rights, err := s.rightsTo(r, rec)
	if err != nil || !rights.See {
		s.notFoundOr(w, r, err)
		return rec, nil, rights, false
	}
	f, _, err := s.db.FrameworkVersion(r.Context(), rec.Profile.FrameworkKey, rec.Profile.FrameworkVersion)
	if err != nil {
		s.serverError(w, r, err)
		return rec, nil, rights, false
	}
	return rec, f, rights, true
}

func ignoreNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
