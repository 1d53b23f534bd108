package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/transfer"
)

// trainingNeedsExport downloads a unit's training needs as XLSX or CSV: one row per competence,
// ranked as the page ranks them, with counts only (no names).
func (s *Server) trainingNeedsExport(w http.ResponseWriter, r *http.Request) {
	format, err := transfer.ParseFormat(r.URL.Query().Get("format"))
	tq, ok := readTrainingQuery(r)
	if err != nil || !ok || tq.unit == 0 || (format != transfer.FormatCSV && format != transfer.FormatXLSX) {
		s.renderError(w, r, http.StatusBadRequest, "That download is not available",
			"Choose Excel (XLSX) or CSV on the training needs page of a unit.")
		return
	}
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	unit, needs, aimUsed, ok := s.analyseUnit(w, r, tq, sc)
	if !ok {
		return
	}
	header, rows := transfer.TrainingNeedsTable(needs, aimUsed)
	var buf bytes.Buffer
	if format == transfer.FormatCSV {
		err = transfer.WriteSheetCSV(&buf, header, rows)
	} else {
		err = transfer.WriteSheetXLSX(&buf, "Training needs", header, transfer.TrainingNeedsWidths(len(header)), rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "training-needs-" + strconv.FormatInt(unit.ID, 10) + "-" + time.Now().Format("2006-01-02") + format.Extension()
	w.Header().Set("Content-Type", format.MediaType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}
