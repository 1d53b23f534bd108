package web

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/transfer"
)

// sheet is one sheet of a workbook: its name, header and rows.
type sheet struct {
	name    string
	columns []string
	widths  []float64
	rows    [][]any
}

// writeSheetsXLSX writes a workbook of several sheets through transfer.Workbook, so every text
// cell gets the same protection as every other export (no formulas from user text).
func writeSheetsXLSX(buf *bytes.Buffer, sheets []sheet) error {
	wb, err := transfer.NewWorkbook()
	if err != nil {
		return err
	}
	for _, sh := range sheets {
		if err := wb.AddSheet(sh.name, sh.columns, sh.widths, sh.rows); err != nil {
			wb.Close()
			return err
		}
	}
	_, err = wb.WriteTo(buf)
	return err
}

// assessmentExport downloads a cycle as a workbook: the ratings (both sides' views, the agreed
// rating, owner, comment), the evidence list (files by name, not their content) and the actions.
func (s *Server) assessmentExport(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ratings, evidence, acts, err := s.cycleRecords(r, cc.Cycle.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	titles := map[string]string{}
	rs := sheet{name: "Ratings", columns: []string{"Area", "Standard key", "Standard", "Status", "Agreed rating", "Management view", "Staff-side view", "Owner", "Comment"},
		widths: []float64{30, 20, 40, 20, 16, 16, 16, 20, 50}}
	for _, st := range cc.Standards {
		titles[st.Key] = st.Title
		rt := ratings[st.Key]
		agreed, _ := rt.Agreed()
		ag := ""
		if agreed != "" {
			ag = cc.Scale.Title(agreed)
		}
		rs.rows = append(rs.rows, []any{st.AreaTitle, st.Key, st.Title, rt.State().Label(), ag,
			cc.Scale.Title(rt.Management), cc.Scale.Title(rt.Staff), rt.Owner, rt.Comment})
	}
	ev := sheet{name: "Evidence", columns: []string{"Standard key", "Standard", "Kind", "Note", "Link", "File", "Size (bytes)", "Added by", "Added on"},
		widths: []float64{20, 40, 8, 50, 40, 30, 12, 20, 20}}
	for _, e := range evidence {
		ev.rows = append(ev.rows, []any{e.StandardKey, titles[e.StandardKey], e.Kind, e.Note, e.URL, e.FileName, e.Size, e.CreatedByName, e.CreatedAt.Format("2006-01-02 15:04")})
	}
	as := sheet{name: "Actions", columns: []string{"Action", "Standards", "Owner", "Sides", "Due", "Status", "Dropped because", "Overdue", "Progress notes"},
		widths: []float64{50, 30, 20, 20, 12, 14, 30, 8, 60}}
	for _, a := range acts {
		var sides, notes []string
		for _, sd := range a.Sides {
			sides = append(sides, sd.Label())
		}
		for _, n := range a.Notes {
			notes = append(notes, n.At.Format("2006-01-02")+" "+n.UserName+": "+n.Text)
		}
		overdue := "No"
		if a.Overdue(today()) {
			overdue = "Yes"
		}
		as.rows = append(as.rows, []any{a.Description, strings.Join(a.Standards, ", "), a.OwnerName, strings.Join(sides, ", "),
			a.Due.Format("2006-01-02"), a.Status.Label(), a.DroppedReason, overdue, strings.Join(notes, "\n")})
	}
	var buf bytes.Buffer
	if err := writeSheetsXLSX(&buf, []sheet{rs, ev, as}); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "self-assessment-" + strings.NewReplacer("/", "-", " ", "-").Replace(cc.Cycle.Name) + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}
