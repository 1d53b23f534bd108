package api

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// profileExport serves GET /api/v1/profiles/export: profiles as a file, in the same table the
// web pages download and import (one row per profile, a share and a level column per element)
// as CSV or XLSX, or as JSON. It exports the profiles named by ids (each one the caller may
// see), or those GET /api/v1/profiles selects with the same role_id and person_id filters.
func (s *server) profileExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format, err := transfer.ParseFormat(q.Get("format"))
	if q.Get("format") == "" {
		format, err = transfer.FormatCSV, nil
	}
	if err != nil || (format != transfer.FormatCSV && format != transfer.FormatXLSX && format != transfer.FormatJSON) {
		s.fail(w, r, clientErrorf(errBadRequest, "The request has a parameter the API cannot use.").
			withErrors(problemError{Parameter: "format", Detail: fmt.Sprintf("%q is not an export format: use csv, xlsx or json.", q.Get("format"))}))
		return
	}
	var ps []store.Profile
	if raw := q["ids"]; len(raw) > 0 {
		for _, list := range raw {
			for _, part := range strings.Split(list, ",") {
				id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
				if err != nil || id <= 0 {
					s.fail(w, r, clientErrorf(errBadRequest, "The request has a parameter the API cannot use.").
						withErrors(problemError{Parameter: "ids", Detail: fmt.Sprintf("%q is not a profile id.", part)}))
					return
				}
				rec, _, err := s.loadProfile(r, id)
				if err != nil {
					s.fail(w, r, err)
					return
				}
				ps = append(ps, rec)
			}
		}
	} else if ps, err = s.filteredProfiles(r); err != nil {
		s.fail(w, r, err)
		return
	}
	recs := make([]transfer.ProfileRecord, len(ps))
	for i, p := range ps {
		recs[i] = transfer.ProfileRecord{ID: p.ID, Title: p.Title, RoleID: p.RoleID, Version: p.Version, Profile: p.Profile}
	}
	var lookupErr error
	cache := map[string]*framework.Framework{}
	lookup := func(key, version string) *framework.Framework {
		ref := key + "@" + version
		if f, ok := cache[ref]; ok {
			return f
		}
		f, _, err := s.db.FrameworkVersion(r.Context(), key, version)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			lookupErr = err
		}
		cache[ref] = f
		return f
	}
	var buf bytes.Buffer
	switch format {
	case transfer.FormatCSV:
		err = transfer.WriteProfilesCSV(&buf, recs, lookup)
	case transfer.FormatXLSX:
		err = transfer.WriteProfilesXLSX(&buf, recs, lookup)
	default:
		err = transfer.WriteProfilesJSON(&buf, recs)
	}
	if err = errors.Join(err, lookupErr); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "profiles" + format.Extension()}))
	w.Header().Add("Vary", "Cookie")
	body := buf.Bytes()
	s.writeBody(w, r, http.StatusOK, format.MediaType(), body, bodyTag(body), cachePrivate)
}
