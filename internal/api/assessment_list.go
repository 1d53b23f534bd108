package api

import "net/http"

// assessmentList serves GET /api/v1/assessments: the self-assessment cycles of the
// organisations the caller may see, newest first.
func (s *server) assessmentList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cycles, err := s.db.CyclesIn(r.Context(), sc.ids())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Assessments []assessmentDoc `json:"assessments"`
	}{Assessments: []assessmentDoc{}}
	for _, c := range cycles {
		out.Assessments = append(out.Assessments, assessmentDocument(c))
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
