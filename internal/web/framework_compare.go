package web

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

type frameworkCompareView struct {
	Page
	Key      string
	Title    string
	Old, New *framework.Framework
	Diff     framework.VersionDiff
	Versions []store.FrameworkVersion
}

// frameworkCompare shows what changed between two versions. Without a choice it compares the
// newest version with the one its crosswalk comes from, or with the version before it.
func (s *Server) frameworkCompare(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := r.PathValue("key")
	versions, err := s.db.FrameworkVersionsOf(ctx, key)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(versions) == 0 {
		s.notFound(w, r)
		return
	}
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if to == "" {
		to = versions[len(versions)-1].Version
		for _, v := range versions {
			if framework.CompareVersions(v.Version, to) > 0 {
				to = v.Version
			}
		}
	}
	newF, meta, err := s.db.FrameworkVersion(ctx, key, to)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	if ok, err := s.canReadFramework(r, meta); err != nil || !ok {
		s.notFoundOr(w, r, err)
		return
	}
	if from == "" {
		from = defaultFrom(newF, versions)
	}
	v := frameworkCompareView{Key: key, Title: newF.Title, New: newF, Versions: versions}
	v.Page = s.page(r, "Compare versions of "+newF.Title, "frameworks",
		crumb{"/", "Home"}, crumb{"/frameworks", "Frameworks"}, crumb{"/frameworks/" + key + "/versions/" + to, newF.Title + " " + to})
	if from == "" {
		v.Errors = []fieldError{{"from", "This framework has only one version, so there is nothing to compare it with"}}
		s.render(w, r, http.StatusOK, "framework-compare", v)
		return
	}
	oldF, oldMeta, err := s.db.FrameworkVersion(ctx, key, from)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	if ok, err := s.canReadFramework(r, oldMeta); err != nil || !ok {
		s.notFoundOr(w, r, err)
		return
	}
	v.Old = oldF
	v.Diff = framework.Diff(oldF, newF)
	s.render(w, r, http.StatusOK, "framework-compare", v)
}

// defaultFrom picks the version to compare with: the one the crosswalk maps from, else the
// newest version before this one.
func defaultFrom(f *framework.Framework, versions []store.FrameworkVersion) string {
	if f.Crosswalk != nil {
		for _, v := range versions {
			if v.Version == f.Crosswalk.FromVersion {
				return v.Version
			}
		}
	}
	best := ""
	for _, v := range versions {
		if framework.CompareVersions(v.Version, f.Version) < 0 && (best == "" || framework.CompareVersions(v.Version, best) > 0) {
			best = v.Version
		}
	}
	return best
}
