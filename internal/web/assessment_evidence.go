package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/filetype"
	"github.com/workframe/workframe/internal/store"
)

// assessmentEvidenceAdd adds a note, a link or a file to a standard's evidence. Files are kept
// in the database (decision 2), at most assess.MaxAttachmentBytes, and only of the types the
// upload package recognises by their content.
func (s *Server) assessmentEvidenceAdd(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadStandard(w, r)
	if !ok {
		return
	}
	if v.Side == "" {
		s.forbidden(w, r)
		return
	}
	// The whole form is bounded a little above the file limit; a bigger one is refused unread.
	r.Body = http.MaxBytesReader(w, r.Body, assess.MaxAttachmentBytes+1<<20)
	if err := r.ParseMultipartForm(assess.MaxAttachmentBytes + 64<<10); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		v.Errors = append(v.Errors, fieldError{"file", "The file must be smaller than 5 MB"})
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
		return
	}
	e := assess.Evidence{CycleID: v.Cycle.ID, StandardKey: v.Standard.Key, Kind: r.FormValue("kind"),
		Note: strings.TrimSpace(r.FormValue("note")), URL: strings.TrimSpace(r.FormValue("url"))}
	v.Kind, v.Note, v.URL = e.Kind, e.Note, e.URL
	if e.Kind == assess.EvidenceFile {
		f, hdr, err := r.FormFile("file")
		if err != nil {
			v.Errors = append(v.Errors, fieldError{"file", "Choose a file"})
		} else {
			data, err := io.ReadAll(io.LimitReader(f, assess.MaxAttachmentBytes+1))
			f.Close()
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			e.Data, e.Size = data, int64(len(data))
			e.FileName = cleanFileName(hdr.Filename)
			if len(data) > 0 && len(data) <= assess.MaxAttachmentBytes {
				if e.ContentType, err = filetype.Type(e.FileName, data); err != nil {
					v.Errors = append(v.Errors, fieldError{"file", "The file must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or plain text file"})
				}
			}
		}
	}
	if len(v.Errors) == 0 {
		for _, p := range assess.CheckEvidence(e) {
			v.Errors = append(v.Errors, fieldError{p.Field, p.Message})
		}
	}
	if len(v.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
		return
	}
	if _, err := s.db.AddEvidence(r.Context(), actor(r), e); err != nil {
		if errors.Is(err, store.ErrInvalid) {
			v.Errors = append(v.Errors, fieldError{"kind", strings.TrimPrefix(err.Error(), "invalid: ")})
			s.render(w, r, http.StatusUnprocessableEntity, "assessment-standard", v)
			return
		}
		if !s.assessmentFailure(w, r, err) {
			s.serverError(w, r, err)
		}
		return
	}
	s.flash(r, "The evidence has been added.")
	http.Redirect(w, r, "/assessments/"+itoa(v.Cycle.ID)+"/standards/"+v.Standard.Key, http.StatusSeeOther)
}

// cleanFileName keeps the last part of an uploaded name, without control characters or quotes.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" {
		name = "evidence"
	}
	return name
}

// assessmentEvidenceDownload sends an evidence file back only as a download: never shown in the
// browser as a page from Workframe's origin, whatever is in it.
func (s *Server) assessmentEvidenceDownload(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	id, ok := pathID(r, "evidence")
	if !ok {
		s.notFound(w, r)
		return
	}
	e, err := s.db.EvidenceFile(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (e.CycleID != cc.Cycle.ID || e.Kind != assess.EvidenceFile)) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": e.FileName})
	if disposition == "" {
		disposition = "attachment; filename=evidence"
	}
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(e.Data)
}
