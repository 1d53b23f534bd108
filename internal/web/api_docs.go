package web

import (
	"net/http"

	"github.com/workframe/workframe/internal/api"
)

type apiDocsView struct {
	Page
	Ref api.Reference
}

// apiDocs is the readable API reference, drawn from the same OpenAPI document the API is
// tested against, so the two cannot drift apart.
func (s *Server) apiDocs(w http.ResponseWriter, r *http.Request) {
	ref, err := api.LoadReference()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "api-docs", apiDocsView{Page: s.page(r, "API reference", "api", crumb{"/", "Home"}), Ref: ref})
}
