package web

import (
	"bytes"
	"errors"
	"mime"
	"net/http"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// frameworkExport downloads one version in the format asked for (Excel when none is given).
func (s *Server) frameworkExport(w http.ResponseWriter, r *http.Request) {
	format := transfer.FormatXLSX
	if q := r.URL.Query().Get("format"); q != "" {
		var err error
		if format, err = transfer.ParseFormat(q); err != nil {
			s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
				"Choose Excel, CSV, CASE, YAML or JSON from the framework's page.")
			return
		}
	}
	f, meta, err := s.db.FrameworkVersion(r.Context(), r.PathValue("key"), r.PathValue("version"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if ok, err := s.canReadFramework(r, meta); err != nil || !ok {
		s.notFoundOr(w, r, err)
		return
	}
	// Written to a buffer first so a failure gives an error page, not half a file.
	var buf bytes.Buffer
	if err := transfer.Write(&buf, f, format); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", format.MediaType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Key + "-" + f.Version + format.Extension()}))
	_, _ = buf.WriteTo(w)
}
