package store

import (
	"context"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/workforce"
)

// Ranking a search that matches more than RoleCountCap roles (docs/decisions/0016).
//
// Both engines rank by scoring every match (bm25 on SQLite, ts_rank on PostgreSQL) before they
// can return the best 20, and a word most roles hold ("care", "patients") matches tens of
// thousands: a few hundred milliseconds on either engine (bench/RESULTS.md), far over issue 4's
// 50 ms. Such a search is not ranked by score. Its results are the roles whose title holds every
// word of the query (the best matches a person expects first), then every other match, each group
// in the order the roles were added (by id). Both engines can read matches in id order and stop
// at the end of the page, so the page costs about the same however many roles match. Searches
// with fewer matches keep the full ranking; whether a search has more is the capped count, which
// does not depend on the page, so every page of a search follows one order.

// titleFirstFilter is the rest of a search's conditions (scope, levels, staff group, status):
// SQL over roles r, its arguments, and the WITH clause it needs.
type titleFirstFilter struct {
	prefix     string
	prefixArgs []any
	where      string
	args       []any
}

// titleFirstPage returns the ids of one page of a search in title-first order.
func (db *DB) titleFirstPage(ctx context.Context, terms searchTerms, f titleFirstFilter, limit, offset int) ([]int64, error) {
	title := terms.titleTerms()
	var query string
	var args []any
	if db.engine == EnginePostgres {
		// title_search is the title's own small tsvector (migration 00019): a title match is
		// checked without reading roles.search from TOAST; the planner finds title matches through
		// its GIN index, or walks the roles in id order checking each, whichever is cheaper.
		titleMatch := "r.title_search @@ to_tsquery('english', ?)"
		titleArgs := []any{title.tsquery()}
		if terms.excludes() {
			titleMatch += " AND r.search @@ to_tsquery('english', ?)"
			titleArgs = append(titleArgs, terms.tsquery())
		}
		query = f.prefix + `(SELECT 0 AS tier, r.id FROM roles r WHERE ` + titleMatch + ` AND ` + f.where + ` ORDER BY r.id LIMIT ?)
			UNION ALL
			(SELECT 1, r.id FROM roles r WHERE r.search @@ to_tsquery('english', ?) AND NOT r.title_search @@ to_tsquery('english', ?)
				AND ` + f.where + ` ORDER BY r.id LIMIT ?)
			ORDER BY 1, 2 LIMIT ? OFFSET ?`
		args = slices.Concat(f.prefixArgs, titleArgs, f.args, []any{offset + limit, terms.tsquery(), title.tsquery()}, f.args,
			[]any{offset + limit, limit, offset})
	} else {
		// FTS5 reads matches in rowid (id) order; ordering each arm by roles_fts.rowid lets SQLite
		// merge the two arms as they come and stop at the end of the page. A column filter
		// ({title}) picks title matches out of the same index.
		all, inTitle := "("+terms.fts5()+")", "{title} : ("+title.fts5()+")"
		arm := `SELECT %s, roles_fts.rowid FROM roles_fts JOIN roles r ON r.id = roles_fts.rowid
			WHERE roles_fts MATCH ? AND ` + f.where
		query = f.prefix + strings.Replace(arm, "%s", "0 AS tier", 1) + " UNION ALL " + strings.Replace(arm, "%s", "1", 1) +
			" ORDER BY 1, 2 LIMIT ? OFFSET ?"
		args = slices.Concat(f.prefixArgs, []any{all + " AND " + inTitle}, f.args, []any{all + " NOT " + inTitle}, f.args, []any{limit, offset})
	}
	rows, err := db.r().query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var tier int
		var id int64
		if err := rows.Scan(&tier, &id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// rolesInOrder reads the roles with their requirements, in the order of ids.
func (r runner) rolesInOrder(ctx context.Context, ids []int64) ([]workforce.Role, error) {
	out := []workforce.Role{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := r.query(ctx, `SELECT `+roleColumns+` FROM roles r WHERE r.id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]workforce.Role{}
	for rows.Next() {
		role, err := scanRole(rows)
		if err != nil {
			return nil, err
		}
		byID[role.ID] = role
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	reqs, err := r.requirements(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		role := byID[id]
		role.Requirements = append(role.Requirements, reqs[id]...)
		out = append(out, role)
	}
	return out, nil
}

// titleTerms is the query without its exclusions: what a role's title must hold for the role
// to be a title match (searchTitleFirst).
func (s searchTerms) titleTerms() searchTerms {
	out := make(searchTerms, len(s))
	for i, g := range s {
		out[i] = slices.DeleteFunc(slices.Clone(g), func(t searchTerm) bool { return t.not })
	}
	return out
}

// excludes reports whether the query excludes any word or phrase.
func (s searchTerms) excludes() bool {
	return slices.ContainsFunc(s, func(g []searchTerm) bool {
		return slices.ContainsFunc(g, func(t searchTerm) bool { return t.not })
	})
}
