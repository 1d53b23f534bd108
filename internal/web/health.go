package web

import (
	"context"
	"net/http"
	"time"
)

// healthz says the process is alive; it touches nothing else, so a load balancer does not
// restart a server because the database is slow.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz says the server can serve requests: the database answers and is migrated, and the
// career index, when this server keeps one, is built.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.Ready(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready\n"))
		return
	}
	if ci := s.db.Careers(); ci.Started() && !ci.Ready() {
		// The career index is still being built: a load balancer should wait for it.
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready: career index building\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}
