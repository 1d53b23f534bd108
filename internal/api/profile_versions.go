package api

import (
	"net/http"

	"github.com/workframe/workframe/internal/profile"
)

// profileVersions serves GET /api/v1/profiles/{id}/versions: every saved state of the profile,
// newest first, with who saved it and when.
func (s *server) profileVersions(w http.ResponseWriter, r *http.Request) {
	rec, err := s.pathProfile(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions, err := s.db.ProfileHistory(r.Context(), rec.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := profileVersionList{Versions: make([]profileVersionDoc, len(versions))}
	for i, v := range versions {
		entries := v.Profile.Entries
		if entries == nil {
			entries = []profile.Entry{}
		}
		out.Versions[i] = profileVersionDoc{
			Version: v.Version, Title: v.Title, FrameworkKey: v.Profile.FrameworkKey,
			FrameworkVersion: v.Profile.FrameworkVersion, Entries: entries, Draft: v.Profile.Draft,
			Total: v.Profile.Total(), SavedAt: v.SavedAt, SavedBy: v.SavedBy, SavedByName: v.SavedByName,
		}
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
