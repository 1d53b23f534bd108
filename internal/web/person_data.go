package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// personData is everything Workframe holds about a person (a subject access request): their
// record, assignments, portfolio and the audit entries about them, as a readable page or, with
// format=json, as a JSON file to download. The person themselves and those who manage them may
// see it; every request is recorded in the audit log.
type personDataView struct {
	Page
	Data    personDataExport
	OrgName string
}

// personDataExport is the JSON document. Its fields are named for a reader, not for Workframe.
type personDataExport struct {
	ExportedAt  time.Time                  `json:"exported_at"`
	Person      workforce.Person           `json:"person"`
	Account     string                     `json:"linked_account_email,omitempty"`
	Assignments []assignmentExport         `json:"assignments"`
	Portfolio   []workforce.PortfolioEntry `json:"portfolio"`
	// Posts are the funded posts the person is named on as holder (issue 6), with the actual
	// salary a post is costed at, if any.
	Posts []postExport  `json:"posts"`
	Audit []auditExport `json:"audit_log"`
}

type assignmentExport struct {
	Role  string `json:"role"`
	Team  string `json:"team"`
	FTE   string `json:"fte"`
	Start string `json:"start_date"`
	End   string `json:"end_date,omitempty"`
}

type postExport struct {
	Role         string `json:"role"`
	Team         string `json:"team"`
	FTE          string `json:"fte"`
	Band         string `json:"band,omitempty"`
	PayPoint     string `json:"costed_at"`
	ActualSalary int64  `json:"actual_salary,omitempty"`
}

type auditExport struct {
	At      time.Time `json:"at"`
	Action  string    `json:"action"`
	Summary string    `json:"summary"`
	Fields  []string  `json:"fields"`
}

func (s *Server) personData(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	_, roles, err := s.employerRoles(r, p.OrganisationID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := personDataExport{ExportedAt: time.Now().UTC().Truncate(time.Second), Person: p, Account: s.accountEmail(r, p.UserID)}
	for _, a := range pc.assignmentViews(p, roles, s.db.Today()) {
		d.Assignments = append(d.Assignments, assignmentExport{Role: a.RoleTitle, Team: a.TeamName, FTE: a.FTE.String(),
			Start: string(a.Start), End: string(a.End)})
	}
	if d.Portfolio, err = s.db.Portfolio(ctx, p.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	held, err := s.db.HeldPosts(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Posts = []postExport{}
	for _, post := range held {
		d.Posts = append(d.Posts, postExport{Role: roles[post.RoleID].Title, Team: pc.names[post.TeamID], FTE: post.FTE.String(),
			Band: post.Band, PayPoint: workforce.PayPointLabel(post.PayPoint), ActualSalary: post.ActualSalary})
	}
	sid := strconv.FormatInt(p.ID, 10)
	log, err := s.db.AuditLog(ctx, store.AuditFilter{Entity: store.EntityPerson, Limit: 1000})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range log {
		if e.EntityID == sid {
			d.Audit = append(d.Audit, auditExport{At: e.At, Action: e.Action, Summary: e.Summary, Fields: e.Fields})
		}
	}
	entries, err := s.db.AuditLog(ctx, store.AuditFilter{Entity: store.EntityPortfolio, Limit: 1000})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range entries {
		if len(e.EntityID) > len(sid) && e.EntityID[:len(sid)+1] == sid+"/" {
			d.Audit = append(d.Audit, auditExport{At: e.At, Action: e.Action, Summary: e.Summary, Fields: e.Fields})
		}
	}
	if err := s.db.WriteAudit(ctx, actor(r), store.AuditEntry{OrganisationID: p.OrganisationID, Entity: store.EntityPerson,
		EntityID: sid, Action: "export", Summary: fmt.Sprintf("everything held about person %d was exported", p.ID)}); err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "json" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="person-`+sid+`.json"`)
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(d)
		return
	}
	v := personDataView{
		Page: s.page(r, "Everything held about "+p.Name, "people", crumb{"/", "Home"}, crumb{"/people", "People"}, crumb{personPath(p.ID), p.Name}),
		Data: d, OrgName: pc.names[p.OrganisationID],
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "person-data", v)
}
