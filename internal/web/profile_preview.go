package web

import (
	"bytes"
	"net/http"

	"github.com/workframe/workframe/internal/chart"
)

// profilePreview draws the chart of a profile form as it is being filled in, for the form's
// script to show beside it. It saves nothing; without JavaScript the form works without it.
func (s *Server) profilePreview(w http.ResponseWriter, r *http.Request) {
	f, err := s.profileFrameworkFor(r, r.PostFormValue("framework"), r.PostFormValue("framework_version"))
	if err != nil {
		s.notFoundOr(w, r, ignoreNotFound(err))
		return
	}
	fm, _, _ := submittedProfile(r, f)
	if fm.Profile.Total() == 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var buf bytes.Buffer
	if err := chart.SVG(&buf, chartOf(f, fm.Profile, "Preview of your profile"), chartOptions(f, "preview-chart")); err != nil {
		// Shares out of range cannot be drawn yet; the form reports them when it is sent.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = buf.WriteTo(w)
}
