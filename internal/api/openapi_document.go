package api

import (
	"net/http"

	apispec "github.com/workframe/workframe/api"
)

// openAPIDocument serves GET /api/openapi.yaml: the API's contract, exactly as embedded.
func (s *server) openAPIDocument(w http.ResponseWriter, r *http.Request) {
	s.writeCacheable(w, r, contentYAML, apispec.YAML)
}
