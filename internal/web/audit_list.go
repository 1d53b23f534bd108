package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
)

const auditPageSize = 50

type auditView struct {
	Page
	Filter   auditFilter
	Entries  []store.AuditEntry
	OrgNames map[int64]string
	PageNo   int
	HasNext  bool
	Entities []auditEntity
	Actions  []string
	Users    []store.User
	Orgs     []orgItem
	// Query is the filter as a query string, for the pages and the export links.
	Query string
}

// auditFilter is the audit page's filter as the person typed it, kept when it has errors.
type auditFilter struct {
	Entity, Action, Since, Until string
	UserID, OrganisationID       int64
}

// auditList serves GET /audit: the changes in the organisations the administrator administers
// (every change, for a site administrator), newest first, filtered by user, organisation, kind
// of thing, action and dates.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	v, f, ok := s.auditQuery(w, r)
	if !ok {
		return
	}
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	v.PageNo = max(pageNo, 1)
	if len(v.Errors) == 0 {
		// One extra row tells whether there is a next page without counting the whole log.
		f.Limit, f.Offset = auditPageSize+1, (v.PageNo-1)*auditPageSize
		entries, err := s.db.AuditLog(r.Context(), f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(entries) > auditPageSize {
			entries, v.HasNext = entries[:auditPageSize], true
		}
		v.Entries = entries
	}
	status := http.StatusOK
	if len(v.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "audit", v)
}

// auditQuery reads the filter and limits it to what the viewer administers. It answers the
// request itself (and returns false) only on a server error.
func (s *Server) auditQuery(w http.ResponseWriter, r *http.Request) (auditView, store.AuditFilter, bool) {
	q := r.URL.Query()
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return auditView{}, store.AuditFilter{}, false
	}
	me := currentViewer(r)
	v := auditView{
		Page:     s.page(r, "Audit log", "audit", crumb{"/", "Home"}),
		Entities: auditEntities, Actions: auditActions, OrgNames: map[int64]string{},
	}
	var administered []int64
	for _, o := range sc.administered() {
		administered = append(administered, o.ID)
		v.OrgNames[o.ID] = o.Name
	}
	for _, o := range sc.items() {
		if sc.may(o.ID, store.ReadAudit) {
			v.Orgs = append(v.Orgs, o)
		}
	}
	if v.Users, err = s.db.UsersInOrganisations(r.Context(), administered); err != nil {
		s.serverError(w, r, err)
		return auditView{}, store.AuditFilter{}, false
	}
	if me.User.SiteAdmin {
		if v.Users, err = s.db.Users(r.Context()); err != nil {
			s.serverError(w, r, err)
			return auditView{}, store.AuditFilter{}, false
		}
	}
	ff := auditFilter{Entity: q.Get("entity"), Action: q.Get("action"), Since: q.Get("since"), Until: q.Get("until")}
	ff.UserID, _ = strconv.ParseInt(q.Get("user"), 10, 64)
	ff.OrganisationID, _ = strconv.ParseInt(q.Get("organisation"), 10, 64)
	v.Filter = ff

	f := store.AuditFilter{Entity: ff.Entity, Action: ff.Action, UserID: ff.UserID, OrganisationID: ff.OrganisationID}
	// A site administrator sees every change, also those about no organisation (users,
	// sign-ins, shared frameworks); anyone else the changes in what they administer.
	if !me.User.SiteAdmin {
		f.Within = administered
		if ff.OrganisationID != 0 && !slices.Contains(administered, ff.OrganisationID) {
			v.Errors = append(v.Errors, fieldError{"organisation", "Choose an organisation you administer"})
		}
	}
	if ff.Since != "" {
		t, err := time.ParseInLocation(time.DateOnly, ff.Since, time.Local)
		if err != nil {
			v.Errors = append(v.Errors, fieldError{"since", "Enter the first day as a date, for example 2026-04-01"})
		}
		f.Since = t
	}
	if ff.Until != "" {
		t, err := time.ParseInLocation(time.DateOnly, ff.Until, time.Local)
		if err != nil {
			v.Errors = append(v.Errors, fieldError{"until", "Enter the last day as a date, for example 2026-04-30"})
		}
		f.Until = t.AddDate(0, 0, 1) // the whole of the last day
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		v.Errors = append(v.Errors, fieldError{"until", "The last day must be on or after the first day"})
	}
	vals := url.Values{}
	for k, val := range map[string]string{"entity": ff.Entity, "action": ff.Action, "since": ff.Since, "until": ff.Until,
		"user": q.Get("user"), "organisation": q.Get("organisation")} {
		if val != "" && val != "0" {
			vals.Set(k, val)
		}
	}
	v.Query = vals.Encode()
	return v, f, true
}

type auditEntity struct{ Value, Label string }

// auditEntities are the kinds of thing the log can be filtered by, as the store names them.
var auditEntities = []auditEntity{
	{"organisation", "Organisations, services and teams"},
	{"user", "Users"},
	{"membership", "Access roles"},
	{"api_token", "API tokens"},
	{"framework_version", "Frameworks"},
	{"role", "Roles"},
	{"profile", "Profiles"},
	{"partnership", "Partnerships"},
}

// auditActions are the actions the log can be filtered by.
var auditActions = []string{store.ActionCreate, store.ActionUpdate, store.ActionDelete, "import", "export", "sign-in", "revoke", "erase"}
