package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// auditExportMax is the most entries one export holds; a bigger one asks for narrower dates.
const auditExportMax = 100_000

var (
	auditExportColumns = []string{"When", "User id", "User", "API token", "Address", "Organisation id", "Organisation", "Entity", "Entity id", "Action", "Changed fields", "Summary"}
	auditExportWidths  = []float64{20, 8, 24, 9, 16, 12, 28, 18, 10, 10, 30, 80}
)

// auditExport serves GET /audit/export?format=xlsx|csv with the audit page's filter: the same
// entries, every page of them, for an investigation or an auditor.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "xlsx" && format != "csv" {
		s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
			"Choose Excel (XLSX) or CSV from the audit log page.")
		return
	}
	v, f, ok := s.auditQuery(w, r)
	if !ok {
		return
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "audit", v)
		return
	}
	var rows [][]any
	f.Limit = 1000
	for {
		entries, err := s.db.AuditLog(r.Context(), f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, e := range entries {
			rows = append(rows, []any{e.At.Local().Format("2006-01-02 15:04:05"), idCell(e.UserID), e.UserName, idCell(e.TokenID), e.Address,
				idCell(e.OrganisationID), v.OrgNames[e.OrganisationID], e.Entity, e.EntityID, e.Action, strings.Join(e.Fields, ", "), e.Summary})
		}
		if len(entries) < f.Limit {
			break
		}
		if f.Offset += len(entries); f.Offset >= auditExportMax {
			v.Errors = []fieldError{{"since", "More than 100,000 changes match: choose a shorter period"}}
			s.render(w, r, http.StatusUnprocessableEntity, "audit", v)
			return
		}
	}
	var buf bytes.Buffer
	ctype := "text/csv; charset=utf-8"
	var err error
	if format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = transfer.WriteSheetXLSX(&buf, "Audit log", auditExportColumns, auditExportWidths, rows)
	} else {
		err = transfer.WriteSheetCSV(&buf, auditExportColumns, rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	a := actor(r)
	if err := s.db.WriteAudit(r.Context(), a, store.AuditEntry{Entity: "audit_log", Action: "export",
		Summary: "exported " + strconv.Itoa(len(rows)) + " audit entries (" + v.Query + ")"}); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "audit-" + time.Now().Format("2006-01-02") + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}

// idCell leaves a cell empty for "none" rather than writing 0.
func idCell(id int64) any {
	if id == 0 {
		return ""
	}
	return id
}
