package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// roleExportColumns are the columns of a role export: one row per role, its requirements
// summarised in two cells (essential and desirable), one competence a line.
var roleExportColumns = []string{
	"Role ID", "Title", "Organisation", "Shared by a partner", "Staff group", "Profession",
	"Career Framework level", "Level is indicative", "Agenda for Change band", "Registration required",
	"Status", "Shared with partners", "Copied from role ID", "Summary", "Work activities",
	"Quality standards", "Knowledge and skills", "Essential competences", "Desirable competences",
	"Provisional wording", "Version", "Last updated",
}

var roleExportWidths = []float64{9, 36, 30, 10, 30, 24, 10, 10, 10, 12, 11, 10, 10, 60, 60, 40, 40, 60, 60, 12, 8, 18}

// roleExport downloads every role the search finds (not only one page) as XLSX or CSV.
func (s *Server) roleExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "xlsx" && format != "csv" {
		s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
			"Choose Excel (XLSX) or CSV from the search results.")
		return
	}
	rc, err := s.roleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rs := parseRoleSearch(r.URL.Query(), rc)
	q := rs.query(rc)
	q.Limit, q.Offset = store.MaxRolePage, 0
	levels, err := s.careerLevels(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	memo := s.frameworkMemo(r)
	var rows [][]any
	var roles []workforce.Role
	for len(q.OrganisationIDs) > 0 {
		page, err := s.db.SearchRoles(r.Context(), q)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, role := range page.Roles {
			rows = append(rows, roleExportRow(role, rc, levels, memo.get))
		}
		roles = append(roles, page.Roles...)
		if memo.err != nil {
			s.serverError(w, r, memo.err)
			return
		}
		q.Offset += len(page.Roles)
		if len(page.Roles) < q.Limit { // the last page; page.Total stops counting at 1,000
			break
		}
	}
	// Written to a buffer first so a failure gives an error page, not half a file.
	var buf bytes.Buffer
	ctype := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = writeRolesXLSX(&buf, rows, roles, memo.frameworks())
	} else {
		err = writeRolesCSV(&buf, rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "roles-" + time.Now().Format("2006-01-02") + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}

// roleExportRow is one role as the cells of a row.
func roleExportRow(role workforce.Role, rc roleContext, levels []careerLevel, lookup workforce.FrameworkLookup) []any {
	provisional := false
	var level any = ""
	if role.Level >= workforce.MinLevel && role.Level <= workforce.MaxLevel {
		level = role.Level
		provisional = levels[role.Level-1].Provisional
	}
	var essential, desirable []string
	for _, q := range role.Requirements {
		f := lookup(q.FrameworkKey, q.FrameworkVersion)
		label := strings.TrimSuffix(strings.TrimSuffix(workforce.RequirementLabel(q, f), " (essential)"), " (desirable)")
		if requirementProvisional(q, f) {
			label += " (provisional)"
			provisional = true
		}
		if q.Essential {
			essential = append(essential, label)
		} else {
			desirable = append(desirable, label)
		}
	}
	var copied any = ""
	if role.CopiedFromID != 0 {
		copied = role.CopiedFromID
	}
	return []any{
		role.ID, role.Title, rc.names[role.OrganisationID], yesNo(!rc.inScope(role.OrganisationID)),
		role.StaffGroup, role.Profession, level, yesNo(role.LevelIndicative), role.Band, yesNo(role.RegistrationRequired),
		role.Status, yesNo(role.Shared), copied, role.Summary,
		strings.Join(role.Activities, "\n"), strings.Join(role.QualityStandards, "\n"), strings.Join(role.KnowledgeSkills, "\n"),
		strings.Join(essential, "\n"), strings.Join(desirable, "\n"),
		yesNo(provisional), role.Version, role.UpdatedAt.UTC().Format("2006-01-02 15:04"),
	}
}

// requirementProvisional reports whether the competence or the level required is provisional
// wording.
func requirementProvisional(q workforce.Requirement, f *framework.Framework) bool {
	if f == nil {
		return false
	}
	if n := f.Node(q.NodeKey); n != nil && n.Provisional {
		return true
	}
	l := f.Level(q.LevelKey)
	return l != nil && l.Provisional
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// writeRolesXLSX writes a workbook whose first sheet lists the roles for reading, followed by
// the same roles in the import template's layout (Roles and Competences, with the Guide): the
// file can be corrected and imported again as it is.
func writeRolesXLSX(w io.Writer, rows [][]any, roles []workforce.Role, fws []*framework.Framework) error {
	list := &transfer.ListSheet{Name: "Role list", Header: roleExportColumns, Widths: roleExportWidths, Rows: rows}
	return transfer.WriteRoleWorkbook(w, fws, roles, list)
}

// writeRolesCSV writes the rows as CSV.
func writeRolesCSV(w io.Writer, rows [][]any) error {
	return transfer.WriteSheetCSV(w, roleExportColumns, rows)
}
