package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

// personExport writes everyone the viewer may see as an HR-style file (the columns the import
// reads, so an export imports again unchanged). The export is recorded in the audit log: it
// carries personal data out of Workframe.
func (s *Server) personExport(w http.ResponseWriter, r *http.Request) {
	pc, err := s.peopleContextFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.renderError(w, r, http.StatusBadRequest, "Choose CSV or Excel", "The export is available as CSV (format=csv) or Excel (format=xlsx).")
		return
	}
	ids := pc.scopeIDs()
	var people []workforce.Person
	for offset := 0; len(ids) > 0; offset += store.MaxPeoplePage {
		page, err := s.db.SearchPeople(r.Context(), store.PersonQuery{OrganisationIDs: ids, Limit: store.MaxPeoplePage, Offset: offset})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		people = append(people, page.People...)
		if offset+store.MaxPeoplePage >= page.Total {
			break
		}
	}
	roleTitles := map[int64]string{}
	for _, p := range people {
		for _, a := range p.Assignments {
			if _, ok := roleTitles[a.RoleID]; ok {
				continue
			}
			role, err := s.db.Role(r.Context(), a.RoleID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			roleTitles[a.RoleID] = role.Title
		}
	}
	table := transfer.PeopleTable(people, func(id int64) string { return roleTitles[id] }, func(id int64) string { return pc.names[id] })
	var buf bytes.Buffer
	if format == "csv" {
		err = transfer.WritePeopleCSV(&buf, table)
	} else {
		err = transfer.WritePeopleXLSX(&buf, table)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.db.WriteAudit(r.Context(), actor(r), store.AuditEntry{Entity: store.EntityPerson, Action: "export",
		Summary: fmt.Sprintf("exported %d people as %s", len(people), format), Fields: []string{"people"}}); err != nil {
		s.serverError(w, r, err)
		return
	}
	ct := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="people.`+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}
