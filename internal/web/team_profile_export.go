package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// teamProfileExport downloads a team profile as XLSX or CSV: one row per element with the team
// share, the exact FTE-weighted average, the members' lowest and highest shares, the number of
// members at each level and whether nobody works at the gap level or above. The rows are the
// aggregate only (no names), under the same rule as the page: suppressed for a viewer without
// person-level access when fewer than profile.MinPooledOwn members are in it.
func (s *Server) teamProfileExport(w http.ResponseWriter, r *http.Request) {
	format, err := transfer.ParseFormat(r.URL.Query().Get("format"))
	if err != nil || (format != transfer.FormatCSV && format != transfer.FormatXLSX) {
		s.renderError(w, r, http.StatusBadRequest, "That download format is not available",
			"Choose Excel (XLSX) or CSV from the team profile's page.")
		return
	}
	team, tv, sc, ok := s.loadTeamView(w, r)
	if !ok {
		return
	}
	if tv.Counted == 0 || (!sc.may(team.ID, store.ManagePeople) && tv.Counted < profile.MinPooledOwn) {
		s.renderError(w, r, http.StatusNotFound, "There is no team profile to download",
			"The team's members have no profiles on this version yet, or too few for the figures to be shown to you.")
		return
	}
	header, rows := teamProfileTable(tv.Team, "Members")
	var buf bytes.Buffer // a failure gives an error page, not half a file
	if format == transfer.FormatCSV {
		err = transfer.WriteSheetCSV(&buf, header, rows)
	} else {
		err = transfer.WriteSheetXLSX(&buf, "Team profile", header, iwfWidths(len(header)), rows)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "team-profile-" + strconv.FormatInt(team.ID, 10) + "-" + time.Now().Format("2006-01-02") + format.Extension()
	w.Header().Set("Content-Type", format.MediaType())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = buf.WriteTo(w)
}

// teamProfileTable is a team profile as a table: one row per element. noun names what it
// counts: "Members" of a team, "Posts" of a unit's establishment.
func teamProfileTable(t profile.TeamProfile, noun string) ([]string, [][]any) {
	header := []string{"Element key", "Element", "Group", "Team share (%)", "Exact average (%)", "Lowest share (%)", "Highest share (%)"}
	if len(t.Elements) > 0 {
		for _, l := range t.Elements[0].Levels {
			header = append(header, noun+" at "+l.Title)
		}
	}
	header = append(header, "Nobody at the gap level or above", "Framework", "Version", noun, "FTE")
	var rows [][]any
	for _, e := range t.Elements {
		row := []any{e.Node, e.Title, e.ParentTitle, e.Share, e.Mean.String(), e.Lowest, e.Highest}
		for _, l := range e.Levels {
			row = append(row, l.Members)
		}
		gap := "no"
		if e.Gap {
			gap = "yes"
		}
		row = append(row, gap, t.FrameworkKey, t.FrameworkVersion, t.Members, profile.Ratio{Num: int64(t.FTE), Den: 100}.String())
		rows = append(rows, row)
	}
	return header, rows
}
