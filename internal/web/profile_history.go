package web

import (
	"fmt"
	"net/http"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

type profileHistoryView struct {
	Page
	Rec      store.Profile
	Versions []historyEntry
}

// historyEntry is one saved version with what changed from the one before it.
type historyEntry struct {
	store.ProfileVersion
	Changes []string
}

// profileHistory lists every saved version of a profile: when, by whom, and what changed.
func (s *Server) profileHistory(w http.ResponseWriter, r *http.Request) {
	rec, f, _, ok := s.loadProfile(w, r)
	if !ok {
		return
	}
	versions, err := s.db.ProfileHistory(r.Context(), rec.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := profileHistoryView{Rec: rec}
	for i, pv := range versions {
		h := historyEntry{ProfileVersion: pv}
		if i+1 < len(versions) {
			prev := versions[i+1]
			if prev.Title != pv.Title {
				h.Changes = append(h.Changes, fmt.Sprintf("Name changed from “%s” to “%s”", prev.Title, pv.Title))
			}
			if prev.Profile.Draft && !pv.Profile.Draft {
				h.Changes = append(h.Changes, "Completed: no longer a draft")
			}
			for _, row := range profile.Compare(f, prev.Profile, pv.Profile).Rows {
				if len(row.Diffs) == 0 {
					continue
				}
				d, before, after := row.Diffs[0], row.Cells[0], row.Cells[1]
				if d.ShareKnown && d.Share != 0 {
					h.Changes = append(h.Changes, fmt.Sprintf("%s: share %d%% to %d%%", row.Title, before.Share, after.Share))
				} else if !d.ShareKnown && before.HasShare != after.HasShare {
					h.Changes = append(h.Changes, fmt.Sprintf("%s: share given", row.Title))
				}
				if before.Level != after.Level {
					h.Changes = append(h.Changes, fmt.Sprintf("%s: level %s to %s", row.Title, orNone(before.LevelTitle), orNone(after.LevelTitle)))
				}
				if before.Note != after.Note {
					h.Changes = append(h.Changes, row.Title+": note changed")
				}
			}
		} else {
			h.Changes = []string{"First saved"}
		}
		v.Versions = append(v.Versions, h)
	}
	v.Page = s.page(r, "History of "+rec.Title, "profiles", append(s.profileCrumbs(r, rec), crumb{fmt.Sprintf("/profiles/%d", rec.ID), rec.Title})...)
	s.render(w, r, http.StatusOK, "profile-history", v)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
