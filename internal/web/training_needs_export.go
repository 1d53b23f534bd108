package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
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
	header, rows := trainingNeedsTable(needs, aimUsed)
	var buf bytes.Buffer
	if format == transfer.FormatCSV {
		err = transfer.WriteSheetCSV(&buf, header, rows)
	} else {
		widths := []float64{6, 12, 10, 12, 8, 50, 16, 12, 10, 10, 12, 14, 14, 14, 16}
		err = transfer.WriteSheetXLSX(&buf, "Training needs", header, widths[:len(header)], rows)
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

// trainingNeedsTable is the analysis as a table: one row per competence, in rank order.
func trainingNeedsTable(tn workforce.TrainingNeeds, aimUsed bool) ([]string, [][]any) {
	header := []string{"Rank", "Framework", "Version", "Competence key", "Code", "Competence", "Level needed", "Gaps closed",
		"Missing", "Expired", "Partly met", "Expiring soon", "Essential for", "Desirable for"}
	if aimUsed {
		header = append(header, "Only for an aimed-for role")
	}
	rows := make([][]any, 0, len(tn.Needs))
	for i, n := range tn.Needs {
		row := []any{i + 1, n.FrameworkKey, n.FrameworkVersion, n.NodeKey, n.Code, n.Title, n.Level, n.Closes,
			n.Missing, n.Expired, n.Partly, n.Expiring, n.Essential, n.Desirable}
		if aimUsed {
			row = append(row, n.AimOnly)
		}
		rows = append(rows, row)
	}
	return header, rows
}
