package api

import (
	"net/http"
	"time"
)

type evidenceDoc struct {
	ID          int64     `json:"id"`
	StandardKey string    `json:"standard_key"`
	Kind        string    `json:"kind"`
	Note        string    `json:"note"`
	URL         *string   `json:"url"`
	FileName    *string   `json:"file_name"`
	ContentType *string   `json:"content_type"`
	Size        int64     `json:"size"`
	CreatedBy   int64     `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// assessmentEvidence serves GET /api/v1/assessments/{id}/evidence: what supports each rating,
// as metadata. A file's content is downloaded from the web page, never served by the API.
func (s *server) assessmentEvidence(w http.ResponseWriter, r *http.Request) {
	c, err := s.visibleCycle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.db.EvidenceOf(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Evidence []evidenceDoc `json:"evidence"`
	}{Evidence: []evidenceDoc{}}
	for _, e := range list {
		out.Evidence = append(out.Evidence, evidenceDoc{ID: e.ID, StandardKey: e.StandardKey, Kind: e.Kind, Note: e.Note,
			URL: optional(e.URL), FileName: optional(e.FileName), ContentType: optional(e.ContentType), Size: e.Size,
			CreatedBy: e.CreatedBy, CreatedAt: e.CreatedAt})
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
