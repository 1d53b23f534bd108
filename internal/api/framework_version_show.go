package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// frameworkVersionShow serves GET /api/v1/frameworks/{key}/versions/{version}: one version's
// full document.
func (s *server) frameworkVersionShow(w http.ResponseWriter, r *http.Request) {
	key, version := r.PathValue("key"), r.PathValue("version")
	f, v, err := s.db.FrameworkVersion(r.Context(), key, version)
	if err == nil && !isPublic(v) {
		err = store.ErrNotFound
	}
	if errors.Is(err, store.ErrNotFound) {
		err = s.noVersion(r, key, version)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, document(f))
}

// noVersion explains a missing version: either the framework is unknown, or it is known and the
// message lists the versions it has.
func (s *server) noVersion(r *http.Request, key, version string) error {
	versions, err := s.publicVersionsOf(r, key)
	if err != nil {
		return err
	}
	sum := summariseOne(versions)
	names := make([]string, len(sum.Versions))
	for i, v := range sum.Versions {
		names[i] = v.Version
	}
	return clientErrorf(store.ErrNotFound, "Framework %q has no version %q. Its versions are: %s.",
		key, version, strings.Join(names, ", "))
}
