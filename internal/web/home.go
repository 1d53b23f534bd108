package web

import "net/http"

type homeView struct {
	Page
	FrameworkCount int
}

// home tells a first-time visitor what Workframe does and takes them there.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	fws, err := s.db.FrameworkVersions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	keys := map[string]bool{}
	for _, f := range fws {
		keys[f.Key] = true
	}
	s.render(w, r, http.StatusOK, "home", homeView{Page: s.page(r, "Home", "home"), FrameworkCount: len(keys)})
}
