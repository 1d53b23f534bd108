package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/workframe/workframe/internal/assess"
)

type myActionRow struct {
	actionRow
	CycleName, OrgName string
}

type myActionsView struct {
	Page
	Actions []myActionRow
	Overdue int
	HasFeed bool
	FeedURL string // shown once, when just made
}

// myActions lists the actions the signed-in person owns in the organisations they may see,
// overdue ones flagged, with their calendar feed.
func (s *Server) myActions(w http.ResponseWriter, r *http.Request) {
	s.renderMyActions(w, r, "")
}

func (s *Server) renderMyActions(w http.ResponseWriter, r *http.Request, feedURL string) {
	sc, err := s.scopeFor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var ids []int64
	names := map[int64]string{}
	for _, o := range sc.orgs {
		ids = append(ids, o.ID)
		names[o.ID] = o.Name
	}
	me := currentViewer(r).User.ID
	acts, err := s.db.ActionsOwnedBy(r.Context(), me, ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := myActionsView{FeedURL: feedURL, Page: s.page(r, "My actions", "assessments", crumb{"/", "Home"}, crumb{"/assessments", "Self-assessment"})}
	cycles := map[int64]assess.Cycle{}
	for _, a := range acts {
		c, ok := cycles[a.CycleID]
		if !ok {
			if c, err = s.db.Cycle(r.Context(), a.CycleID); err != nil {
				s.serverError(w, r, err)
				return
			}
			cycles[a.CycleID] = c
		}
		row := myActionRow{actionRow: actionRow{Action: a, Overdue: a.Overdue(today())}, CycleName: c.Name, OrgName: names[c.OrganisationID]}
		if row.Overdue {
			v.Overdue++
		}
		v.Actions = append(v.Actions, row)
	}
	if v.HasFeed, err = s.db.HasCalendarFeed(r.Context(), me); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "my-actions", v)
}

// calendarFeedCreate makes a new secret calendar address for the signed-in person, replacing
// any old one (which stops working). Only a hash of the secret is kept, so the address is shown
// once.
func (s *Server) calendarFeedCreate(w http.ResponseWriter, r *http.Request) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		s.serverError(w, r, err)
		return
	}
	token := hex.EncodeToString(secret)
	if err := s.db.SetCalendarFeed(r.Context(), currentViewer(r).User.ID, feedHash(token)); err != nil {
		s.serverError(w, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	s.renderMyActions(w, r, scheme+"://"+r.Host+"/calendar/"+token+".ics")
}

func feedHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
