package web

import (
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/store"
)

const auditPageSize = 50

type auditView struct {
	Page
	Entries  []store.AuditEntry
	Entity   string
	PageNo   int
	HasNext  bool
	Entities []auditEntity
}

// auditList shows the newest changes first, a page at a time, optionally for one kind of thing.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pageNo, _ := strconv.Atoi(q.Get("page"))
	if pageNo < 1 {
		pageNo = 1
	}
	v := auditView{
		Page:     s.page(r, "Audit log", "audit", crumb{"/", "Home"}),
		Entity:   q.Get("entity"),
		PageNo:   pageNo,
		Entities: auditEntities,
	}
	// One extra row tells whether there is a next page without counting the whole log.
	entries, err := s.db.AuditLog(r.Context(), store.AuditFilter{Entity: v.Entity, Limit: auditPageSize + 1, Offset: (pageNo - 1) * auditPageSize})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(entries) > auditPageSize {
		entries, v.HasNext = entries[:auditPageSize], true
	}
	v.Entries = entries
	s.render(w, r, http.StatusOK, "audit", v)
}

type auditEntity struct{ Value, Label string }

// auditEntities are the kinds of thing the log can be filtered by, as the store names them.
var auditEntities = []auditEntity{
	{"organisation", "Organisations, services and teams"},
	{"user", "Users"},
	{"membership", "Access roles"},
	{"framework_version", "Frameworks"},
	{"role", "Roles"},
	{"profile", "Profiles"},
	{"partnership", "Partnerships"},
}
