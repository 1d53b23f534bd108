package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/store"
)

// personList serves GET /api/v1/people: a page of the people the caller manages, by name,
// narrowed by a name or staff number (?q=) and a team (?team=).
func (s *server) personList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sc, err := s.scopeOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	query := store.PersonQuery{OrganisationIDs: store.PeopleScope(map[int64]store.AccessRole(sc)), Search: strings.TrimSpace(q.Get("q"))}
	var bad []problemError
	intParam := func(name string, def, lo, hi int) int {
		raw := q.Get(name)
		if raw == "" {
			return def
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < lo || n > hi {
			bad = append(bad, problemError{Parameter: name, Detail: fmt.Sprintf("%q is not a whole number from %d to %d.", raw, lo, hi)})
			return def
		}
		return n
	}
	query.Limit = intParam("limit", 20, 1, store.MaxPeoplePage)
	query.Offset = intParam("offset", 0, 0, 1<<30)
	if t := q.Get("team"); t != "" {
		id, err := strconv.ParseInt(t, 10, 64)
		if err != nil || id <= 0 {
			bad = append(bad, problemError{Parameter: "team", Detail: fmt.Sprintf("%q is not a team id.", t)})
		}
		query.TeamID = id
	}
	if len(bad) > 0 {
		s.fail(w, r, clientErrorf(errBadRequest, "Some parameters are not right: see errors.").withErrors(bad...))
		return
	}
	page, err := s.db.SearchPeople(r.Context(), query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := personPage{People: []personDoc{}, Total: page.Total, Limit: query.Limit, Offset: query.Offset}
	for _, p := range page.People {
		out.People = append(out.People, personDocument(p))
	}
	s.writePrivate(w, r, http.StatusOK, "", out)
}
