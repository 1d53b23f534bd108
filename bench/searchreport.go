package bench

import (
	"fmt"
	"strings"
	"time"
)

// The role search's part of the report: its findings, what was fixed, and the summary printed by
// `-only search`.

// manyMatches gathers a variant's durations over the queries of the mix that match more than
// CountCap roles (many) or at most that many: the store ranks the first by title, the others in
// full (docs/decisions/0016).
func manyMatches(e EngineReport, variant string, many bool) (ds []time.Duration, queries int) {
	for i := range Mix {
		if i < len(e.Totals) && (e.Totals[i] > CountCap) == many {
			ds = append(ds, e.Search.PerQuery[variant][i]...)
			queries++
		}
	}
	return ds, queries
}

// searchFinding is the role search's finding on one engine.
func searchFinding(b *strings.Builder, e EngineReport) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	st, base := p95(e, VariantStore), p95(e, VariantBaseline)
	verdict := "meets"
	if st >= SearchTarget {
		verdict = "misses"
	}
	w("- **%s search %s the target**: p95 %s (target %s; the engine's full ranking %s, %.1f×).\n",
		engineName(e.Engine), verdict, ms(st), ms(SearchTarget), ms(base), ratio(st, base))
	many, n := manyMatches(e, VariantStore, true)
	manyBase, _ := manyMatches(e, VariantBaseline, true)
	few, nFew := manyMatches(e, VariantStore, false)
	fewBase, _ := manyMatches(e, VariantBaseline, false)
	w("  The %d queries of the mix that match more than %s roles are not ranked by score: the store\n", n, thousands(CountCap))
	w("  lists the roles whose title holds every word first, then the other matches, each by id, and\n")
	w("  the engine stops reading at the end of the page (docs/decisions/0016). It does less work than\n")
	w("  the baseline, which scores every match: %s at p95 against the engine's %s, which is why\n", ms(Percentile(many, 0.95)), ms(Percentile(manyBase, 0.95)))
	w("  Workframe can beat its baseline. The %d queries with at most %s matches are ranked in full,\n", nFew, thousands(CountCap))
	w("  as the baseline ranks them: store %s, engine %s at p95.\n", ms(Percentile(few, 0.95)), ms(Percentile(fewBase, 0.95)))
	w("  Before either, the store counts matches up to %s (\"more than 1,000 roles\"): %s at p95,\n", thousands(CountCap+1), ms(p95(e, VariantCapped)))
	w("  against %s to count every match; the store's SQL alone, without its Go code, takes %s.\n",
		ms(p95(e, VariantCount)), ms(p95(e, VariantStoreSQL)))
	if e.Engine == Postgres && e.RolesSize != "" {
		w("  The roles table with its TOAST and indexes holds %s; the server's `shared_buffers` is %s.\n", e.RolesSize, e.SharedBuffers)
		w("  A ranked search reads the `tsvector` of every match, compressed in TOAST, twice (`@@`, then\n")
		w("  `ts_rank`); the title-first page reads a small title-only `tsvector` kept in the row.\n")
	}
}

// searchFixes lists what was done about the role search and the role pages.
func searchFixes(b *strings.Builder) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	w("Done after earlier runs of this benchmark, measured above:\n\n")
	w("1. **The count is capped** in `store.SearchRoles`: `SELECT COUNT(*) FROM (SELECT 1 … LIMIT 1001)`;\n")
	w("   the page says \"more than 1,000 roles\" and the API's `total_is_lower_bound` is true.\n")
	w("2. **SQLite memory-mapped I/O**: the store's connections set `mmap_size` (1 GiB of address\n")
	w("   space), so searches read pages from the operating system's cache instead of copying them\n")
	w("   into each connection's 2 MB page cache.\n")
	w("3. **Title matches first when more than 1,000 roles match** (docs/decisions/0016): no engine\n")
	w("   scores tens of thousands of matches in 50 ms here, so such a search lists the roles whose\n")
	w("   title holds every word, then the others, each by id: SQLite merges two FTS5 queries read in\n")
	w("   rowid order (`{title} : …` and its complement), PostgreSQL two id-ordered queries on a new\n")
	w("   title-only `tsvector` (`roles.title_search`, GIN-indexed) and the full one; both stop at the\n")
	w("   end of the page. Searches with fewer matches keep the full `bm25`/`ts_rank` ranking.\n")
	w("4. **The role pages under load**: the search page, signed in as a site administrator, searched\n")
	w("   all 50,000 roles through a list of the 980 generated organisations, services and teams, and\n")
	w("   rendered all 980 in its organisation select; the API's figure searched nothing (its token was\n")
	w("   bound to a service that owns no roles, and a token carries its owner's memberships, not the\n")
	w("   site administrator flag, so its scope was empty and it answered an empty page). Now the page\n")
	w("   asks for every organisation without a list when the viewer sees them all, reads the\n")
	w("   organisations once a request and builds the select's options before the template; the\n")
	w("   token reaches the first generated trust (2,500 roles), whose search page is measured beside\n")
	w("   it. The ladder counted every role on each request; it now reads `role_counts`, a summary\n")
	w("   that triggers keep in the same transaction as the roles (DESIGN decision 11).\n\n")
}

// SearchSummary is what `-only search` prints: the search and HTTP figures of each engine.
func (r *Report) SearchSummary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nRole search and HTTP load, scale %s, seed %d, %d rounds; the run took %s.\n\n", r.Scale.Name, r.Seed, r.Rounds,
		r.Took.Round(time.Second))
	for _, e := range r.Engines {
		fmt.Fprintf(&b, "Load average during the %s part: %s → %s\n\n", engineName(e.Engine), e.LoadAverage[0], e.LoadAverage[1])
		searchFinding(&b, e)
		b.WriteString("\n")
	}
	r.httpDetail(&b)
	for _, e := range r.Engines {
		r.searchDetail(&b, e)
	}
	return b.String()
}
