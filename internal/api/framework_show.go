package api

import (
	"errors"
	"net/http"

	"github.com/workframe/workframe/internal/store"
)

// frameworkShow serves GET /api/v1/frameworks/{key}: the framework's summary, its versions and
// the full document of its latest version.
func (s *server) frameworkShow(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	versions, err := s.publicVersionsOf(r, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sum := summariseOne(versions)
	f, _, err := s.db.FrameworkVersion(r.Context(), key, sum.LatestVersion)
	if errors.Is(err, store.ErrNotFound) { // deleted since it was listed
		err = noFramework(key)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, frameworkDetail{frameworkSummary: sum, Latest: document(f)})
}

// publicVersionsOf returns the public versions of one framework, or a not-found error naming the
// key when there are none.
func (s *server) publicVersionsOf(r *http.Request, key string) ([]store.FrameworkVersion, error) {
	all, err := s.db.FrameworkVersionsOf(r.Context(), key)
	if err != nil {
		return nil, err
	}
	var out []store.FrameworkVersion
	for _, v := range all {
		if isPublic(v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, noFramework(key)
	}
	return out, nil
}

func noFramework(key string) error {
	return clientErrorf(store.ErrNotFound,
		"There is no framework with the key %q. GET /api/v1/frameworks lists the frameworks and their keys.", key)
}
