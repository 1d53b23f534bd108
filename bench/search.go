package bench

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Query is one role search of the benchmark's mix: what a planner types, and the same query in
// each engine's syntax, written exactly as the store writes it (so the engine runs the same
// search and the first pages can be compared).
type Query struct {
	Class  string
	Words  []string // lower-case words, none a stop word
	Phrase bool     // the words are one quoted phrase
	Levels []int    // level filter; empty for none
}

// Text is the query as typed in the search box.
func (q Query) Text() string {
	if q.Phrase {
		return `"` + strings.Join(q.Words, " ") + `"`
	}
	return strings.Join(q.Words, " ")
}

// FTS5 is the query in SQLite FTS5 syntax, as the store writes it.
func (q Query) FTS5() string {
	if q.Phrase {
		return `("` + strings.Join(q.Words, " ") + `")`
	}
	quoted := make([]string, len(q.Words))
	for i, w := range q.Words {
		quoted[i] = `"` + w + `"`
	}
	return "(" + strings.Join(quoted, " AND ") + ")"
}

// TSQuery is the query in PostgreSQL to_tsquery syntax, as the store writes it.
func (q Query) TSQuery() string {
	if q.Phrase && len(q.Words) > 1 {
		return "((" + strings.Join(q.Words, " <-> ") + "))"
	}
	return "(" + strings.Join(q.Words, " & ") + ")"
}

func (q Query) String() string {
	s := q.Text()
	if len(q.Levels) > 0 {
		s += fmt.Sprintf(" (levels %v)", q.Levels)
	}
	return s
}

// The classes of query, in the order the report lists them.
const (
	ClassCommon        = "one common word"
	ClassCommonLevel   = "one common word, level filter"
	ClassTwoWords      = "two words"
	ClassTwoWordsLevel = "two words, level filter"
	ClassRare          = "one rare word"
	ClassRareLevel     = "one rare word, level filter"
	ClassPhrase        = "phrase"
	ClassPhraseLevel   = "phrase, level filter"
)

// Classes lists the classes in report order.
var Classes = []string{ClassCommon, ClassCommonLevel, ClassTwoWords, ClassTwoWordsLevel, ClassRare, ClassRareLevel,
	ClassPhrase, ClassPhraseLevel}

func words(s string) []string { return strings.Fields(s) }

// Mix is the search mix: common words match a large share of the roles (the hard case for
// ranking, which must score every match), rare words a few hundred, phrases and pairs in
// between. The words come from the generator's vocabulary (internal/generate).
var Mix = []Query{
	{Class: ClassCommon, Words: words("patients")},
	{Class: ClassCommon, Words: words("care")},
	{Class: ClassCommon, Words: words("nurse")},
	{Class: ClassCommon, Words: words("management")},
	{Class: ClassCommonLevel, Words: words("patients"), Levels: []int{5}},
	{Class: ClassCommonLevel, Words: words("care"), Levels: []int{6, 7}},
	{Class: ClassCommonLevel, Words: words("support"), Levels: []int{2}},
	{Class: ClassTwoWords, Words: words("respiratory physiotherapist")},
	{Class: ClassTwoWords, Words: words("clinical research")},
	{Class: ClassTwoWords, Words: words("wound care")},
	{Class: ClassTwoWords, Words: words("dementia nurse")},
	{Class: ClassTwoWordsLevel, Words: words("specialist nurse"), Levels: []int{6}},
	{Class: ClassTwoWordsLevel, Words: words("data analyst"), Levels: []int{5, 6}},
	{Class: ClassTwoWordsLevel, Words: words("mental health"), Levels: []int{7}},
	{Class: ClassRare, Words: words("sarcoidosis")},
	{Class: ClassRare, Words: words("thalassaemia")},
	{Class: ClassRare, Words: words("hydrotherapy")},
	{Class: ClassRare, Words: words("scleroderma")},
	{Class: ClassRareLevel, Words: words("bronchiectasis"), Levels: []int{5}},
	{Class: ClassRareLevel, Words: words("videofluoroscopy"), Levels: []int{6, 7}},
	{Class: ClassRareLevel, Words: words("dosimetry"), Levels: []int{7}},
	{Class: ClassPhrase, Words: words("infection prevention"), Phrase: true},
	{Class: ClassPhrase, Words: words("multidisciplinary team"), Phrase: true},
	{Class: ClassPhrase, Words: words("quality improvement"), Phrase: true},
	{Class: ClassPhrase, Words: words("advanced practitioner"), Phrase: true},
	{Class: ClassPhraseLevel, Words: words("care plans"), Phrase: true, Levels: []int{4}},
	{Class: ClassPhraseLevel, Words: words("clinical audit"), Phrase: true, Levels: []int{8}},
	{Class: ClassPhraseLevel, Words: words("patient appointments"), Phrase: true, Levels: []int{3}},
}

// PageSize is the first page of a search: the store's default.
const PageSize = 20

// CountCap is the capped count measured as a possible fix: "more than 1,000 roles".
const CountCap = 1000

// Searcher runs the mix against one populated database in every variant measured.
type Searcher struct {
	d *Database
	// raw is database/sql on the same driver and settings as the store, without its code.
	raw *sql.DB
	// tuned is the engine at its best for these queries: on SQLite, raw with memory-mapped I/O
	// over the whole file (the store's connections read through a 2 MB page cache each, SQLite's
	// default); on PostgreSQL, raw itself (the server's settings apply to every client).
	tuned *sql.DB
	// pg is PostgreSQL only: pgx directly, for the baseline.
	pg *pgx.Conn
}

// MmapSize is the memory-mapped I/O the tuned SQLite connection uses: more than the database.
const MmapSize = 1 << 30

// NewSearcher opens the raw connections.
func NewSearcher(ctx context.Context, d *Database) (*Searcher, error) {
	s := &Searcher{d: d}
	var err error
	switch d.Engine {
	case SQLite:
		// The same file and driver (modernc), none of the store's code.
		s.raw, err = sql.Open("sqlite", d.Path+"?_pragma=busy_timeout(10000)")
		if err == nil {
			s.raw.SetMaxOpenConns(1)
			s.tuned, err = sql.Open("sqlite", d.Path+fmt.Sprintf("?_pragma=busy_timeout(10000)&_pragma=mmap_size(%d)", MmapSize))
		}
		if err == nil {
			s.tuned.SetMaxOpenConns(1)
		}
	case Postgres:
		s.raw, err = sql.Open("pgx", d.DSN)
		if err == nil {
			s.raw.SetMaxOpenConns(1)
			s.tuned = s.raw
			s.pg, err = pgx.Connect(ctx, d.DSN)
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the raw connections.
func (s *Searcher) Close() {
	if s.tuned != nil && s.tuned != s.raw {
		s.tuned.Close()
	}
	if s.raw != nil {
		s.raw.Close()
	}
	if s.pg != nil {
		s.pg.Close(context.Background())
	}
}

// Variants of a search measured. Store is the figure; Baseline is the same ranked first page
// run straight on the engine at its best; the others split the store's time to show where it
// goes, and measure the fix the report suggests.
const (
	VariantStore        = "store.SearchRoles"
	VariantBaseline     = "baseline: the engine's ranked first page"
	VariantCount        = "the store's COUNT(*) of all matches"
	VariantCapped       = "the same count capped at 1,001"
	VariantStoreNoCount = "the store's ranked page without the COUNT (every match scored)"
	VariantStoreSQL     = "the store's SQL alone: capped count, then the title-first or ranked page"
)

// Variants lists them in report order.
var Variants = []string{VariantStore, VariantBaseline, VariantCount, VariantCapped, VariantStoreNoCount, VariantStoreSQL}

// Result is what one run of a variant found: the ids of the first page and, for counts and the
// store, how many roles match.
type Result struct {
	IDs   []int64
	Total int
}

// Run runs one variant of one query.
func (s *Searcher) Run(ctx context.Context, variant string, q Query) (Result, error) {
	switch variant {
	case VariantStore:
		page, err := s.d.Store.SearchRoles(ctx, store.RoleQuery{Text: q.Text(), OrganisationIDs: s.d.OrgIDs, Levels: q.Levels, Limit: PageSize})
		if err != nil {
			return Result{}, err
		}
		// The store stops counting at RoleCountCap and says whether more match: as the capped
		// count variant, that is min(matches, cap+1).
		res := Result{Total: page.Total}
		if page.More {
			res.Total++
		}
		for _, r := range page.Roles {
			res.IDs = append(res.IDs, r.ID)
		}
		return res, nil
	case VariantBaseline:
		return s.baseline(ctx, q)
	case VariantCount:
		n, err := s.count(ctx, s.raw, q, false)
		return Result{Total: n}, err
	case VariantCapped:
		n, err := s.count(ctx, s.raw, q, true)
		return Result{Total: n}, err
	case VariantStoreNoCount:
		return s.storeNoCount(ctx, s.raw, q)
	case VariantStoreSQL:
		n, err := s.count(ctx, s.tuned, q, true)
		if err != nil || n <= CountCap {
			res, err := s.storeNoCount(ctx, s.tuned, q)
			res.Total = n
			return res, err
		}
		res, err := s.titleFirst(ctx, s.tuned, q)
		res.Total = n
		return res, err
	}
	return Result{}, fmt.Errorf("bench: unknown variant %q", variant)
}

// levelSQL is the level condition with ? placeholders, and its arguments.
func levelSQL(levels []int) (string, []any) {
	if len(levels) == 0 {
		return "", nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(levels)), ", ")
	args := make([]any, len(levels))
	for i, l := range levels {
		args[i] = l
	}
	return " AND r.level IN (" + marks + ")", args
}

// rebind turns ? into $1, $2... for PostgreSQL (no query here has a literal question mark).
func rebind(pg bool, query string) string {
	if !pg {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// BaselineSQL is the raw ranked first page: the rows that match, current (not retired), at the
// levels asked for, best first, ties by id, the first PageSize of them; only id and title. It
// leaves out the store's organisation scope, which here is every organisation and so selects
// every role: the engine is not made to check a condition that changes nothing.
func BaselineSQL(engine string, q Query) (string, []any) {
	lv, largs := levelSQL(q.Levels)
	if engine == Postgres {
		query := `SELECT r.id, r.title FROM roles r, to_tsquery('english', ?) tq
			WHERE r.search @@ tq AND r.status <> 'retired'` + lv + `
			ORDER BY ts_rank(r.search, tq) DESC, r.id LIMIT ` + fmt.Sprint(PageSize)
		return rebind(true, query), append([]any{q.TSQuery()}, largs...)
	}
	query := `SELECT r.id, r.title FROM roles_fts JOIN roles r ON r.id = roles_fts.rowid
		WHERE roles_fts MATCH ? AND r.status <> 'retired'` + lv + `
		ORDER BY bm25(roles_fts, 10.0, 4.0, 1.0), r.id LIMIT ` + fmt.Sprint(PageSize)
	return query, append([]any{q.FTS5()}, largs...)
}

func (s *Searcher) baseline(ctx context.Context, q Query) (Result, error) {
	query, args := BaselineSQL(s.d.Engine, q)
	var res Result
	if s.pg != nil {
		rows, err := s.pg.Query(ctx, query, args...)
		if err != nil {
			return res, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var title string
			if err := rows.Scan(&id, &title); err != nil {
				return res, err
			}
			res.IDs = append(res.IDs, id)
		}
		return res, rows.Err()
	}
	rows, err := s.tuned.QueryContext(ctx, query, args...)
	if err != nil {
		return res, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			return res, err
		}
		res.IDs = append(res.IDs, id)
	}
	return res, rows.Err()
}

// storeBody is the FROM and WHERE of the store's search (internal/store SearchRoles as of this
// benchmark): the text condition, the organisation scope, the level filter and current roles.
func (s *Searcher) storeBody(q Query) (string, []any) {
	pg := s.d.Engine == Postgres
	orgs := strings.TrimSuffix(strings.Repeat("?, ", len(s.d.OrgIDs)), ", ")
	var args []any
	var body string
	if pg {
		body = ` FROM roles r, to_tsquery('english', ?) tq WHERE r.search @@ tq AND r.organisation_id IN (` + orgs + `)`
		args = append(args, q.TSQuery())
	} else {
		body = ` FROM roles_fts JOIN roles r ON r.id = roles_fts.rowid WHERE roles_fts MATCH ? AND r.organisation_id IN (` + orgs + `)`
		args = append(args, q.FTS5())
	}
	for _, id := range s.d.OrgIDs {
		args = append(args, id)
	}
	lv, largs := levelSQL(q.Levels)
	body += lv + ` AND r.status <> ?`
	args = append(append(args, largs...), workforce.StatusRetired)
	return body, args
}

// CountSQL is the store's count of every match, or (capped) of the first CountCap+1.
func (s *Searcher) CountSQL(q Query, capped bool) (string, []any) {
	body, args := s.storeBody(q)
	query := "SELECT COUNT(*)" + body
	if capped {
		query = "SELECT COUNT(*) FROM (SELECT 1" + body + fmt.Sprintf(" LIMIT %d) m", CountCap+1)
	}
	return rebind(s.d.Engine == Postgres, query), args
}

func (s *Searcher) count(ctx context.Context, db *sql.DB, q Query, capped bool) (int, error) {
	query, args := s.CountSQL(q, capped)
	var n int
	err := db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// roleColumns are the columns the store reads for a page of roles.
const roleColumns = `r.id, r.organisation_id, r.title, r.staff_group, r.profession, r.level, r.level_indicative,
	r.band, r.registration_required, r.summary, r.activities, r.quality_standards, r.knowledge_skills,
	r.status, r.shared, r.copied_from_id, r.version, r.created_at, r.updated_at`

// PageSQL is the store's page query.
func (s *Searcher) PageSQL(q Query) (string, []any) {
	body, args := s.storeBody(q)
	order := "bm25(roles_fts, 10.0, 4.0, 1.0), r.id"
	if s.d.Engine == Postgres {
		order = "ts_rank(r.search, tq) DESC, r.id"
	}
	query := "SELECT " + roleColumns + body + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	return rebind(s.d.Engine == Postgres, query), append(args, PageSize, 0)
}

// TitleFirstSQL is the store's page for a search matching more than CountCap roles
// (internal/store role_rank.go): roles whose title holds every word first, then the other
// matches, each by id, read in id order so that the engine stops at the end of the page.
func (s *Searcher) TitleFirstSQL(q Query) (string, []any) {
	body, args := s.storeBody(q)
	// storeBody starts with the text condition; the rest (scope, levels, status) is the filter.
	var filter string
	var fargs []any
	if s.d.Engine == Postgres {
		filter = body[strings.Index(body, " AND r.organisation_id"):]
		fargs = args[1:]
		query := `(SELECT 0 AS tier, r.id FROM roles r WHERE r.title_search @@ to_tsquery('english', ?)` + filter + ` ORDER BY r.id LIMIT ?)
			UNION ALL
			(SELECT 1, r.id FROM roles r WHERE r.search @@ to_tsquery('english', ?) AND NOT r.title_search @@ to_tsquery('english', ?)` +
			filter + ` ORDER BY r.id LIMIT ?)
			ORDER BY 1, 2 LIMIT ? OFFSET ?`
		return rebind(true, query), slices.Concat([]any{q.TSQuery()}, fargs, []any{PageSize, q.TSQuery(), q.TSQuery()}, fargs,
			[]any{PageSize, PageSize, 0})
	}
	filter = body[strings.Index(body, " AND r.organisation_id"):]
	fargs = args[1:]
	arm := ` roles_fts.rowid FROM roles_fts JOIN roles r ON r.id = roles_fts.rowid WHERE roles_fts MATCH ?` + filter
	query := `SELECT 0 AS tier,` + arm + ` UNION ALL SELECT 1,` + arm + ` ORDER BY 1, 2 LIMIT ? OFFSET ?`
	all, inTitle := q.FTS5(), "{title} : "+q.FTS5()
	return query, slices.Concat([]any{all + " AND " + inTitle}, fargs, []any{all + " NOT " + inTitle}, fargs, []any{PageSize, 0})
}

// titleFirst runs TitleFirstSQL, then reads the page's roles and their requirements as the store
// does.
func (s *Searcher) titleFirst(ctx context.Context, db *sql.DB, q Query) (Result, error) {
	query, args := s.TitleFirstSQL(q)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for rows.Next() {
		var tier int
		var id int64
		if err := rows.Scan(&tier, &id); err != nil {
			rows.Close()
			return res, err
		}
		res.IDs = append(res.IDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(res.IDs) == 0 {
		return res, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(res.IDs)), ", ")
	pg := s.d.Engine == Postgres
	for _, part := range []string{`SELECT ` + roleColumns + ` FROM roles r WHERE r.id IN (` + marks + `)`,
		`SELECT role_id, framework_key, framework_version, node_key, level_key, essential
		FROM role_requirements WHERE role_id IN (` + marks + `) ORDER BY role_id, position`} {
		args := make([]any, len(res.IDs))
		for i, id := range res.IDs {
			args[i] = id
		}
		if err := readAll(ctx, db, rebind(pg, part), args...); err != nil {
			return res, err
		}
	}
	return res, nil
}

// storeNoCount runs the store's page query and its requirements query, as the store does them
// (database/sql, the same driver), without the COUNT: what SearchRoles would cost without it.
func (s *Searcher) storeNoCount(ctx context.Context, db *sql.DB, q Query) (Result, error) {
	query, args := s.PageSQL(q)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for rows.Next() {
		var (
			id, org, copied               sql.NullInt64
			title, group, prof, band, sum string
			level, version                int
			indicative, reg, shared       bool
			acts, stds, know              []byte
			status                        string
			created, updated              any
		)
		if err := rows.Scan(&id, &org, &title, &group, &prof, &level, &indicative, &band, &reg, &sum, &acts, &stds, &know,
			&status, &shared, &copied, &version, &created, &updated); err != nil {
			rows.Close()
			return res, err
		}
		res.IDs = append(res.IDs, id.Int64)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(res.IDs) == 0 {
		return res, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(res.IDs)), ", ")
	rargs := make([]any, len(res.IDs))
	for i, id := range res.IDs {
		rargs[i] = id
	}
	rrows, err := db.QueryContext(ctx, rebind(s.d.Engine == Postgres, `SELECT role_id, framework_key, framework_version, node_key, level_key, essential
		FROM role_requirements WHERE role_id IN (`+marks+`) ORDER BY role_id, position`), rargs...)
	if err != nil {
		return res, err
	}
	defer rrows.Close()
	for rrows.Next() {
		var id int64
		var fk, fv, nk, lk string
		var essential bool
		if err := rrows.Scan(&id, &fk, &fv, &nk, &lk, &essential); err != nil {
			return res, err
		}
	}
	return res, rrows.Err()
}

// Check runs every query of the mix once in every variant and fails when the raw queries do not
// find what the store finds: the same first page, the same number of matches. It returns the
// number of matches of each query.
func (s *Searcher) Check(ctx context.Context, mix []Query) ([]int, error) {
	totals := make([]int, len(mix))
	for i, q := range mix {
		got := map[string]Result{}
		for _, v := range Variants {
			res, err := s.Run(ctx, v, q)
			if err != nil {
				return nil, fmt.Errorf("bench: %s %s: %s: %w", s.d.Engine, v, q, err)
			}
			got[v] = res
		}
		st := got[VariantStore]
		totals[i] = got[VariantCount].Total
		// The store's SQL finds the store's page; the full rankings (the baseline and the store's
		// ranked page) find it too, unless more than CountCap roles match: then the store lists
		// title matches first instead of scoring every match (titleFirst).
		same := [][2]string{{VariantStoreSQL, VariantStore}, {VariantStoreNoCount, VariantBaseline}}
		if st.Total <= CountCap {
			same = append(same, [2]string{VariantBaseline, VariantStore})
		}
		for _, v := range same {
			if !slices.Equal(got[v[0]].IDs, got[v[1]].IDs) {
				return nil, fmt.Errorf("bench: %s: %s: %s returned %v, %s %v", s.d.Engine, q, v[0], got[v[0]].IDs, v[1], got[v[1]].IDs)
			}
		}
		if st.Total != min(got[VariantCount].Total, CountCap+1) || got[VariantCapped].Total != st.Total ||
			got[VariantStoreSQL].Total != st.Total {
			return nil, fmt.Errorf("bench: %s: %s: counts %d and %d, the store %d", s.d.Engine, q,
				got[VariantCount].Total, got[VariantCapped].Total, st.Total)
		}
	}
	return totals, nil
}

// Timings are the durations of every measured run of each variant, by query class too.
type Timings struct {
	All      map[string][]time.Duration            // variant → durations
	ByClass  map[string]map[string][]time.Duration // variant → class → durations
	PerQuery map[string][][]time.Duration          // variant → index in the mix → durations
}

// Measure runs the mix rounds times in every variant, after one warm-up round, and records how
// long each run took. Within a round the variants take turns query by query, starting with a
// different one each time, so that none is favoured by running while the caches are warmest.
func (s *Searcher) Measure(ctx context.Context, mix []Query, rounds int) (Timings, error) {
	t := Timings{All: map[string][]time.Duration{}, ByClass: map[string]map[string][]time.Duration{},
		PerQuery: map[string][][]time.Duration{}}
	for _, v := range Variants {
		t.ByClass[v] = map[string][]time.Duration{}
		t.PerQuery[v] = make([][]time.Duration, len(mix))
	}
	turn := 0
	for round := -1; round < rounds; round++ {
		for qi, q := range mix {
			for k := range Variants {
				v := Variants[(turn+k)%len(Variants)]
				start := time.Now()
				if _, err := s.Run(ctx, v, q); err != nil {
					return t, fmt.Errorf("bench: %s %s: %s: %w", s.d.Engine, v, q, err)
				}
				if round >= 0 {
					d := time.Since(start)
					t.All[v] = append(t.All[v], d)
					t.ByClass[v][q.Class] = append(t.ByClass[v][q.Class], d)
					t.PerQuery[v][qi] = append(t.PerQuery[v][qi], d)
				}
			}
			turn++
		}
	}
	return t, nil
}

// Explain returns the engine's plan for the store's page and count queries of q: EXPLAIN QUERY
// PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
func (s *Searcher) Explain(ctx context.Context, q Query) (string, error) {
	type part struct {
		name, query string
		args        []any
	}
	page, pageArgs := s.PageSQL(q)
	count, countArgs := s.CountSQL(q, false)
	prefix := "EXPLAIN QUERY PLAN "
	if s.d.Engine == Postgres {
		prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
	}
	var b strings.Builder
	for _, p := range []part{{"page", page, pageArgs}, {"count", count, countArgs}} {
		fmt.Fprintf(&b, "-- %s query, %s\n", p.name, q)
		rows, err := s.raw.QueryContext(ctx, prefix+p.query, p.args...)
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			// PostgreSQL: one column of text; SQLite: id, parent, notused, detail.
			fmt.Fprintf(&b, "%s\n", vals[len(vals)-1])
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
