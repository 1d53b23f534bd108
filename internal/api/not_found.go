package api

import "net/http"

// notFound answers every path under /api/ that no route matches, with a problem rather than the
// web application's HTML page, so a client always gets JSON from the API.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeProblem(w, r, problem{
		Status: http.StatusNotFound,
		Detail: "The API has nothing at this address. The routes it serves are described at /api/openapi.yaml.",
	})
}
