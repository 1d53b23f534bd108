package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// portfolioAdd adds a competence to a person's portfolio. Their managers may add it as
// self assessed or confirmed (recording themselves as who confirmed it, now); the person
// themselves adds it as self assessed. Every problem is shown on the person's page with the
// values kept.
func (s *Server) portfolioAdd(w http.ResponseWriter, r *http.Request) {
	p, pc, ok := s.loadPerson(w, r)
	if !ok {
		return
	}
	self := p.UserID != 0 && p.UserID == pc.userID
	if !pc.canManage(p) && !self {
		s.notFound(w, r)
		return
	}
	form := entryForm{
		Competence: r.PostFormValue("competence"), Level: r.PostFormValue("level_key"),
		Evidence: r.PostFormValue("evidence"), Achieved: r.PostFormValue("achieved"),
		ReviewBy: r.PostFormValue("review_by"), Note: strings.TrimSpace(r.PostFormValue("note")),
	}
	if !pc.canManage(p) {
		form.Evidence = workforce.EvidenceSelf // only a manager confirms
	}
	key, version, node := parseCompetence(form.Competence)
	e := workforce.PortfolioEntry{PersonID: p.ID, FrameworkKey: key, FrameworkVersion: version, NodeKey: node,
		LevelKey: form.Level, Evidence: form.Evidence, Note: form.Note}
	var errs []fieldError
	var err error
	if e.Achieved, err = workforce.ParseDate(form.Achieved); err != nil {
		errs = append(errs, fieldError{"achieved", "Date achieved: " + err.Error()})
	}
	if e.ReviewBy, err = workforce.ParseDate(form.ReviewBy); err != nil {
		errs = append(errs, fieldError{"review_by", "Review or expiry date: " + err.Error()})
	}
	if e.Evidence != workforce.EvidenceConfirmed {
		e.Evidence = workforce.EvidenceSelf
	}
	if len(errs) == 0 {
		_, err = s.db.AddPortfolioEntry(r.Context(), actor(r), e)
		var inv *store.InvalidEntryError
		switch {
		case errors.As(err, &inv):
			for _, pr := range inv.Problems {
				field := pr.Field
				if field == "framework" || field == "node_key" {
					field = "competence"
				}
				errs = append(errs, fieldError{field, pr.Message})
			}
		case err != nil:
			s.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		v, err := s.personShowView(r, p, pc, form)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "person-show", v)
		return
	}
	s.flash(r, "The competence has been added to the portfolio.")
	http.Redirect(w, r, personPath(p.ID)+"#portfolio", http.StatusSeeOther)
}
