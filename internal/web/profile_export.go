package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// profileRecords turns stored profiles into rows of a profile table.
func profileRecords(ps []store.Profile) []transfer.ProfileRecord {
	out := make([]transfer.ProfileRecord, len(ps))
	for i, p := range ps {
		out[i] = transfer.ProfileRecord{ID: p.ID, Title: p.Title, RoleID: p.RoleID, Version: p.Version, Profile: p.Profile}
	}
	return out
}

// profileExport downloads profiles as XLSX, CSV or JSON: the profiles named by id (each one the
// viewer may see), a role's profiles (role=), or every profile the viewer may see: their own and
// those of the roles of the organisations they hold an access role in.
func (s *Server) profileExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format, err := transfer.ParseFormat(q.Get("format"))
	if err != nil || (format != transfer.FormatCSV && format != transfer.FormatXLSX && format != transfer.FormatJSON) {
		s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
			"Choose Excel (XLSX), CSV or JSON from a profile's page or the list of your profiles.")
		return
	}
	var ps []store.Profile
	if ids := q["id"]; len(ids) > 0 {
		for _, raw := range ids {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				s.notFound(w, r)
				return
			}
			rec, err := s.db.GetProfile(r.Context(), id)
			if err != nil {
				s.notFoundOr(w, r, ignoreNotFound(err))
				return
			}
			if rights, err := s.rightsTo(r, rec); err != nil || !rights.See {
				s.notFoundOr(w, r, err)
				return
			}
			ps = append(ps, rec)
		}
	} else if role, _ := strconv.ParseInt(q.Get("role"), 10, 64); role > 0 {
		// A role's profiles, as its page shows them (rightsTo decides each).
		all, err := s.db.RoleProfiles(r.Context(), role)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, p := range all {
			rights, err := s.rightsTo(r, p)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if rights.See {
				ps = append(ps, p)
			}
		}
	} else {
		sc, err := s.scopeFor(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		orgs := make([]int64, len(sc.orgs))
		for i, o := range sc.orgs {
			orgs[i] = o.ID
		}
		if ps, err = s.db.VisibleProfiles(r.Context(), currentViewer(r).User.ID, orgs, 0); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	memo := s.frameworkMemo(r)
	var buf bytes.Buffer // a failure gives an error page, not half a file
	recs := profileRecords(ps)
	switch format {
	case transfer.FormatCSV:
		err = transfer.WriteProfilesCSV(&buf, recs, memo.get)
	case transfer.FormatXLSX:
		err = transfer.WriteProfilesXLSX(&buf, recs, memo.get)
	default:
		err = transfer.WriteProfilesJSON(&buf, recs)
	}
	if err == nil {
		err = memo.err
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "profiles-" + time.Now().Format("2006-01-02") + format.Extension()
	w.Header().Set("Content-Type", format.MediaType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}
