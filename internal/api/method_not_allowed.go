package api

import (
	"fmt"
	"net/http"
)

// methodNotAllowed answers a known path asked with a method it does not support: 405 with the
// Allow header listing the methods it does (HEAD wherever GET is).
func (s *server) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow string) {
	w.Header().Set("Allow", allow)
	s.writeProblem(w, r, problem{
		Status: http.StatusMethodNotAllowed,
		Detail: fmt.Sprintf("This address does not accept %s requests. It accepts: %s.", r.Method, allow),
	})
}
