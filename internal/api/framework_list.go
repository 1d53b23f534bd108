package api

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/workframe/workframe/internal/framework"
)

// frameworkList serves GET /api/v1/frameworks: every public framework with a summary of each
// version, optionally only those of one kind (?kind=profile).
func (s *server) frameworkList(w http.ResponseWriter, r *http.Request) {
	var kind framework.Kind
	if q := r.URL.Query(); q.Has("kind") {
		kind = framework.Kind(q.Get("kind"))
		if !slices.Contains(framework.Kinds, kind) {
			s.writeProblem(w, r, problem{
				Status: http.StatusBadRequest,
				Detail: "The request has a parameter the API cannot use.",
				Errors: []problemError{{
					Parameter: "kind",
					Detail:    fmt.Sprintf("%q is not a kind of framework: use one of %s.", kind, kindList()),
				}},
			})
			return
		}
	}
	versions, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list := frameworkList{Frameworks: summarise(versions)}
	if kind != "" {
		list.Frameworks = slices.DeleteFunc(list.Frameworks, func(f frameworkSummary) bool { return f.Kind != kind })
	}
	s.writeJSON(w, r, list)
}
