package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/assess"
	"github.com/workframe/workframe/internal/store"
)

// calendarFeed serves a person's open actions as an iCalendar (RFC 5545) feed of all-day events
// on their due dates. The address holds a secret instead of a session, so a calendar program can
// subscribe; it shows only what the person may see now.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("feed"), ".ics")
	if !ok || len(token) != 64 {
		s.notFound(w, r)
		return
	}
	u, err := s.db.CalendarFeedUser(r.Context(), feedHash(token))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	access, err := s.db.AccessMap(r.Context(), u.ID, u.SiteAdmin)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var ids []int64
	for id := range access {
		ids = append(ids, id)
	}
	acts, err := s.db.ActionsOwnedBy(r.Context(), u.ID, ids)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write([]byte(iCalendar(s.cfg.ServiceName, r.Host, acts, time.Now().UTC())))
}

// iCalendar writes the actions still open as all-day VEVENTs on their due dates.
func iCalendar(service, host string, acts []assess.Action, now time.Time) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldLine(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Workframe//Self-assessment actions//EN")
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:" + icsText(service+": my actions"))
	for _, a := range acts {
		if a.Status.Closed() || a.Due.IsZero() {
			continue
		}
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:action-%d@%s", a.ID, icsText(host)))
		line("DTSTAMP:" + now.Format("20060102T150405Z"))
		line("DTSTART;VALUE=DATE:" + a.Due.Format("20060102"))
		line("DTEND;VALUE=DATE:" + a.Due.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + icsText("Action due: "+a.Description))
		line("DESCRIPTION:" + icsText("Status: "+a.Status.Label()))
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}

// icsText escapes a TEXT value (RFC 5545 section 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// foldLine ends a content line with CRLF, folding it into lines of at most 75 octets without
// splitting a UTF-8 character (RFC 5545 section 3.1).
func foldLine(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
