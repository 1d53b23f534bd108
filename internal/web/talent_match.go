package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// talentMatchView ranks the people the viewer may see against a role.
type talentMatchView struct {
	Page
	Role        *career.RoleInfo
	Rows        []matchRow
	Total       int
	Pagination  *pagination
	Explanation string
}

type matchRow struct {
	Rank    int
	Match   career.Match
	Name    string
	Number  string
	Org     string
	Explain string
	GapHref string
}

// talentMatch lists the people who best meet a role: only people the viewer may see, and only
// for managers, planners and administrators.
func (s *Server) talentMatch(w http.ResponseWriter, r *http.Request) { s.talentMatchPage(w, r, false) }

// talentMatchExport writes every match as CSV or Excel, recorded in the audit log (it carries
// names out of Workframe).
func (s *Server) talentMatchExport(w http.ResponseWriter, r *http.Request) {
	s.talentMatchPage(w, r, true)
}

func (s *Server) talentMatchPage(w http.ResponseWriter, r *http.Request, export bool) {
	cc, role, ok := s.careerRole(w, r)
	if !ok {
		return
	}
	if !cc.canMatch() {
		s.renderError(w, r, http.StatusForbidden, "Talent match is for managers",
			"Talent match compares the people of an organisation with a role, so only managers, planners and administrators can use it. Your career options are on your portfolio.")
		return
	}
	base := "/roles/" + strconv.FormatInt(role.ID, 10)
	if export {
		format, ok := s.exportFormat(w, r)
		if !ok {
			return
		}
		matches, _, _ := cc.idx.TalentMatch(role.ID, cc.today, cc.people, 0, 0)
		rows, err := s.matchRows(r, cc, role, matches, 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		header := []string{"Rank", "Staff number", "Name", "Organisation", "Transferability (%)", "Met", "Partly met", "Missing", "Essential not met"}
		widths := []float64{6, 14, 30, 36, 12, 6, 8, 8, 10}
		out := make([][]any, len(rows))
		for i, m := range rows {
			c := m.Match.Counts
			out[i] = []any{m.Rank, m.Number, m.Name, m.Org, m.Match.Transferability, c.Met, c.Partly, c.Missing, c.EssentialNotMet}
		}
		if err := s.db.WriteAudit(r.Context(), actor(r), store.AuditEntry{OrganisationID: role.OrganisationID, Entity: store.EntityRole,
			EntityID: strconv.FormatInt(role.ID, 10), Action: "export",
			Summary: fmt.Sprintf("exported the talent match of role %d: %d people as %s", role.ID, len(rows), format), Fields: []string{"people"}}); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.writeSheet(w, r, format, "talent-match", header, widths, out)
		return
	}
	pageNo := 1
	if p, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && p > 1 {
		pageNo = p
	}
	matches, total, _ := cc.idx.TalentMatch(role.ID, cc.today, cc.people, optionsPageSize, (pageNo-1)*optionsPageSize)
	rows, err := s.matchRows(r, cc, role, matches, (pageNo-1)*optionsPageSize)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := talentMatchView{
		Page: s.page(r, "Talent match: "+role.Title, "roles", crumb{"/", "Home"}, crumb{"/roles", "Roles"}, crumb{base, role.Title}),
		Role: role, Rows: rows, Total: total, Explanation: career.ScoreExplanation,
	}
	v.Pagination = paginate(pageNo, (total+optionsPageSize-1)/optionsPageSize, func(n int) string {
		return base + "/talent-match?page=" + strconv.Itoa(n)
	})
	s.render(w, r, http.StatusOK, "talent-match", v)
}

func (s *Server) matchRows(r *http.Request, cc careerCtx, role *career.RoleInfo, ms []career.Match, first int) ([]matchRow, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.PersonID
	}
	names, err := s.db.PeopleBrief(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	rows := make([]matchRow, len(ms))
	for i, m := range ms {
		b := names[m.PersonID]
		rows[i] = matchRow{Rank: first + i + 1, Match: m, Name: b.Name, Number: b.StaffNumber, Org: cc.pc.names[m.OrganisationID],
			Explain: career.Explain(m.Transferability, m.Counts), GapHref: fmt.Sprintf("%s?role=%d#gap", personPath(m.PersonID), role.ID)}
	}
	return rows, nil
}
