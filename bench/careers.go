package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
)

// The career options benchmark (issue 5): career options for one person over every role, and
// talent match for one role over every person, from the in-memory index, each beside the same
// answer computed by a plain SQL query on the same data in the same run, with a check that the
// two answers are identical, and the index's memory.
//
// The data is synthetic and written straight into the store's tables in multi-row batches (the
// fastest way into SQLite, bench/RESULTS.md): one organisation and team, a competence framework of
// Comps competences on a four-level scale, Roles published roles at levels 1 to 9, each requiring
// PerRole competences (a third essential), and People people, each in one role with PerPerson
// competences held at a level 1 to 4, none expiring. Same seed, same data.

// CareerConfig says what the career benchmark generates and measures.
type CareerConfig struct {
	People, Roles, Comps, PerRole, PerPerson int
	Seed                                     uint64
	// Queries is how many people (and roles) are asked about, each once, after a warm-up.
	Queries int
	// SQLQueries is how many of them are also answered by SQL (slower), and compared.
	SQLQueries int
	Dir        string
	Output     string
	Log        io.Writer
}

// NationalCareers is issue 5's national scale.
var NationalCareers = CareerConfig{People: 1_500_000, Roles: 20_000, Comps: 3_000, PerRole: 20, PerPerson: 20}

// CareerReport is what the career benchmark measured.
type CareerReport struct {
	Config                    CareerConfig
	Machine                   string
	Load, Build               time.Duration
	IndexBytes, HeapBytes     int64
	Options, OptionsSQL       Durations
	Talent, TalentSQL         Durations
	OptionsChecked, TalentChk int
	Mismatches                []string
	// OptionsCPU and TalentCPU are the process's CPU time per index query (user and system,
	// every thread), which other work on the machine does not inflate as it does wall time.
	OptionsCPU, TalentCPU time.Duration
	// LoadAverage is the machine's load average before and after the measurements.
	LoadAverage [2]string
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const benchFramework = "bench-competences"

// RunCareers generates the data into a fresh SQLite database, builds the index and measures.
func RunCareers(ctx context.Context, cfg CareerConfig) (*CareerReport, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(cfg.Log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	rep := &CareerReport{Config: cfg, Machine: fmt.Sprintf("%d CPUs, %s", runtime.NumCPU(), runtime.Version())}
	path := filepath.Join(cfg.Dir, "careers.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	start := time.Now()
	roles, err := generateCareers(ctx, db, path, cfg, logf)
	if err != nil {
		return nil, err
	}
	rep.Load = time.Since(start)
	logf("loaded %d people, %d roles in %s", cfg.People, cfg.Roles, rep.Load.Round(time.Millisecond))

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start = time.Now()
	if err := db.Careers().Rebuild(ctx); err != nil {
		return nil, err
	}
	rep.Build = time.Since(start)
	x, err := db.Careers().Index(ctx)
	if err != nil {
		return nil, err
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	rep.HeapBytes = int64(after.HeapAlloc) - int64(before.HeapAlloc)
	rep.IndexBytes = x.Bytes()
	logf("index built in %s, %d MiB of heap", rep.Build.Round(time.Millisecond), rep.HeapBytes>>20)

	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_pragma=mmap_size(1073741824)")
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	today := career.Today(db.Today())
	org, err := db.OrganisationByName(ctx, "Bench Trust")
	if err != nil {
		return nil, err
	}
	scope := career.RoleScope{Own: map[int64]bool{org.ID: true}}
	people := career.PeopleScope{Orgs: map[int64]bool{org.ID: true}}
	r := rand.New(rand.NewPCG(cfg.Seed, 2))

	// Career options: the index, then SQL for some, compared.
	rep.LoadAverage[0] = loadAverage()
	var optCPU time.Duration
	for i := range cfg.Queries + 20 {
		pid := int64(1 + r.IntN(cfg.People))
		c0, t0 := cpuTime(), time.Now()
		st, _ := x.PersonStart(pid, today)
		opts := x.Options(st, today, scope, career.OptionFilter{})
		d, c := time.Since(t0), cpuTime()-c0
		if i < 20 {
			continue // warm-up
		}
		rep.Options = append(rep.Options, d)
		optCPU += c
		if i-20 < cfg.SQLQueries {
			t0 = time.Now()
			want, err := optionsSQL(ctx, raw, pid)
			if err != nil {
				return nil, err
			}
			rep.OptionsSQL = append(rep.OptionsSQL, time.Since(t0))
			rep.OptionsChecked++
			if m := compareOptions(opts, want); m != "" {
				rep.Mismatches = append(rep.Mismatches, fmt.Sprintf("person %d: %s", pid, m))
			}
		}
	}
	rep.OptionsCPU = optCPU / time.Duration(max(1, len(rep.Options)))
	logf("career options: p99 %s (SQL p99 %s)", rep.Options.Percentile(99), rep.OptionsSQL.Percentile(99))

	var talentCPU time.Duration
	for i := range cfg.Queries + 5 {
		rid := roles[r.IntN(len(roles))]
		c0, t0 := cpuTime(), time.Now()
		ms, total, _ := x.TalentMatch(rid, today, people, 20, 0)
		d, c := time.Since(t0), cpuTime()-c0
		if i < 5 {
			continue
		}
		rep.Talent = append(rep.Talent, d)
		talentCPU += c
		if i-5 < cfg.SQLQueries {
			t0 = time.Now()
			want, wantTotal, err := talentSQL(ctx, raw, rid)
			if err != nil {
				return nil, err
			}
			rep.TalentSQL = append(rep.TalentSQL, time.Since(t0))
			rep.TalentChk++
			if m := compareMatches(ms, total, want, wantTotal); m != "" {
				rep.Mismatches = append(rep.Mismatches, fmt.Sprintf("role %d: %s", rid, m))
			}
		}
	}
	rep.TalentCPU = talentCPU / time.Duration(max(1, len(rep.Talent)))
	rep.LoadAverage[1] = loadAverage()
	logf("talent match: p99 %s (SQL p99 %s)", rep.Talent.Percentile(99), rep.TalentSQL.Percentile(99))
	if cfg.Output != "" {
		if err := os.WriteFile(cfg.Output, []byte(rep.Markdown()), 0o644); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// generateCareers writes the synthetic data and returns the role ids.
func generateCareers(ctx context.Context, db *store.DB, path string, cfg CareerConfig, logf func(string, ...any)) ([]int64, error) {
	org, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Bench Trust", Kind: store.KindOrganisation})
	if err != nil {
		return nil, err
	}
	team, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Bench team", Kind: store.KindTeam, ParentID: org.ID})
	if err != nil {
		return nil, err
	}
	f := &framework.Framework{Key: benchFramework, Version: "1", Title: "Benchmark competences", Kind: framework.KindCompetence,
		Licence: "Synthetic benchmark data.",
		Levels: []framework.Level{{Key: "level-1", Rank: 1, Title: "Level 1"}, {Key: "level-2", Rank: 2, Title: "Level 2"},
			{Key: "level-3", Rank: 3, Title: "Level 3"}, {Key: "level-4", Rank: 4, Title: "Level 4"}}}
	for c := range cfg.Comps {
		f.Nodes = append(f.Nodes, framework.Node{Key: "c" + strconv.Itoa(c), Type: "competence", Title: "Competence " + strconv.Itoa(c)})
	}
	if _, err := db.SaveFrameworkVersion(ctx, store.System, f, true); err != nil {
		return nil, fmt.Errorf("benchmark framework: %w", err)
	}
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(0)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	r := rand.New(rand.NewPCG(cfg.Seed, 1))
	pick := func(n int) []int {
		seen := map[int]bool{}
		out := make([]int, 0, n)
		for len(out) < n {
			c := r.IntN(cfg.Comps)
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
		return out
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	batch := func(table string, cols []string, rows [][]any) error {
		const per = 100
		for start := 0; start < len(rows); start += per {
			chunk := rows[start:min(start+per, len(rows))]
			ph := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
			q := "INSERT INTO " + table + " (" + strings.Join(cols, ",") + ") VALUES " + strings.TrimSuffix(strings.Repeat(ph+",", len(chunk)), ",")
			args := make([]any, 0, len(chunk)*len(cols))
			for _, row := range chunk {
				args = append(args, row...)
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		return nil
	}
	var roleRows, reqRows [][]any
	ids := make([]int64, cfg.Roles)
	levels := make([]int, cfg.Roles)
	for i := range cfg.Roles {
		id := int64(i + 1)
		ids[i], levels[i] = id, 1+i%9
		title := fmt.Sprintf("Role %06d", id)
		roleRows = append(roleRows, []any{id, org.ID, title, strings.ToLower(title), "Additional Clinical Services", levels[i], "published", 0, 0})
		for k, c := range pick(cfg.PerRole) {
			reqRows = append(reqRows, []any{id, k, benchFramework, "1", "c" + strconv.Itoa(c), "level-" + strconv.Itoa(1+r.IntN(4)), k%3 == 0})
		}
	}
	if err := batch("roles", []string{"id", "organisation_id", "title", "title_key", "staff_group", "level", "status", "created_at", "updated_at"}, roleRows); err != nil {
		return nil, err
	}
	if err := batch("role_requirements", []string{"role_id", "position", "framework_key", "framework_version", "node_key", "level_key", "essential"}, reqRows); err != nil {
		return nil, err
	}
	logf("roles written")
	const chunk = 20_000
	entryID := int64(0)
	for start := 0; start < cfg.People; start += chunk {
		var people, assigns, entries [][]any
		for i := start; i < min(start+chunk, cfg.People); i++ {
			id := int64(i + 1)
			num := fmt.Sprintf("P%07d", id)
			people = append(people, []any{id, org.ID, num, "Person " + num, "person " + strings.ToLower(num), 1, 0, 0})
			assigns = append(assigns, []any{id, 0, ids[r.IntN(len(ids))], team.ID, 100, "2020-01-01"})
			for _, c := range pick(cfg.PerPerson) {
				entryID++
				entries = append(entries, []any{entryID, id, benchFramework, "1", "c" + strconv.Itoa(c), "level-" + strconv.Itoa(1+r.IntN(4)), "self", "2020-01-01", 0, 0})
			}
		}
		if err := batch("people", []string{"id", "organisation_id", "staff_number", "name", "name_key", "version", "created_at", "updated_at"}, people); err != nil {
			return nil, err
		}
		if err := batch("person_assignments", []string{"person_id", "position", "role_id", "team_id", "fte", "start_date"}, assigns); err != nil {
			return nil, err
		}
		if err := batch("portfolio_entries", []string{"id", "person_id", "framework_key", "framework_version", "node_key", "level_key", "evidence", "achieved", "created_at", "updated_at"}, entries); err != nil {
			return nil, err
		}
		if (start/chunk)%10 == 9 {
			logf("%d people written", start+chunk)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := raw.ExecContext(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	return ids, nil
}

// The SQL baselines. Ranks are the number in the level key (the benchmark scale is level-1 to
// level-4, ranks 1 to 4); with required ranks of 1 to 4 every partly met share is a whole number
// of twelfths, so the score is exact integer arithmetic: floor(100 × earned twelfths ÷ (12 ×
// total weight)), the same figure as workforce.Analyse.

const sqlRank = `CAST(SUBSTR(%s, 7) AS INTEGER)`

var sqlEarned = `SUM((CASE WHEN q.essential THEN 2 ELSE 1 END) * CASE WHEN h.held IS NULL THEN 0
		WHEN h.held >= ` + fmt.Sprintf(sqlRank, "q.level_key") + ` THEN 12
		ELSE h.held * (12 / ` + fmt.Sprintf(sqlRank, "q.level_key") + `) END)`

// optionsSQL ranks every published role at the person's level or above (not the role they hold)
// by score, title and id, as career options do.
func optionsSQL(ctx context.Context, db *sql.DB, personID int64) ([][2]int64, error) {
	rows, err := db.QueryContext(ctx, `WITH me AS (
			SELECT a.role_id, r.level FROM person_assignments a JOIN roles r ON r.id = a.role_id WHERE a.person_id = ?
		), h AS (
			SELECT node_key, MAX(`+fmt.Sprintf(sqlRank, "level_key")+`) AS held FROM portfolio_entries WHERE person_id = ? GROUP BY node_key
		)
		SELECT r.id, (100 * `+sqlEarned+`) / (12 * SUM(CASE WHEN q.essential THEN 2 ELSE 1 END)) AS score
		FROM roles r JOIN role_requirements q ON q.role_id = r.id LEFT JOIN h ON h.node_key = q.node_key
		WHERE r.status = 'published' AND r.level >= (SELECT MAX(level) FROM me) AND r.id NOT IN (SELECT role_id FROM me)
		GROUP BY r.id, r.title_key
		ORDER BY score DESC, r.title_key, r.id`, personID, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]int64
	for rows.Next() {
		var id, score int64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, err
		}
		out = append(out, [2]int64{id, score})
	}
	return out, rows.Err()
}

// talentSQL ranks the people who meet part of the role: the first page of 20 and the total.
func talentSQL(ctx context.Context, db *sql.DB, roleID int64) ([][2]int64, int, error) {
	rows, err := db.QueryContext(ctx, `WITH q AS (SELECT * FROM role_requirements WHERE role_id = ?),
		h AS (
			SELECT e.person_id, e.node_key, MAX(`+fmt.Sprintf(sqlRank, "e.level_key")+`) AS held
			FROM portfolio_entries e WHERE e.node_key IN (SELECT node_key FROM q) GROUP BY e.person_id, e.node_key
		), s AS (
			SELECT h.person_id, (100 * `+sqlEarned+`) / (12 * (SELECT SUM(CASE WHEN essential THEN 2 ELSE 1 END) FROM q)) AS score
			FROM h JOIN q ON q.node_key = h.node_key GROUP BY h.person_id
		)
		SELECT person_id, score, COUNT(*) OVER () FROM s WHERE score > 0 ORDER BY score DESC, person_id LIMIT 20`, roleID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out [][2]int64
	total := 0
	for rows.Next() {
		var id, score int64
		if err := rows.Scan(&id, &score, &total); err != nil {
			return nil, 0, err
		}
		out = append(out, [2]int64{id, score})
	}
	return out, total, rows.Err()
}

func compareOptions(got []career.Option, want [][2]int64) string {
	g := make([][2]int64, len(got))
	for i, o := range got {
		g[i] = [2]int64{o.Role.ID, int64(o.Transferability)}
	}
	if !slices.Equal(g, want) {
		n := 0
		for n < min(len(g), len(want)) && g[n] == want[n] {
			n++
		}
		return fmt.Sprintf("index %d options, SQL %d; first difference at %d", len(g), len(want), n)
	}
	return ""
}

func compareMatches(got []career.Match, total int, want [][2]int64, wantTotal int) string {
	g := make([][2]int64, len(got))
	for i, m := range got {
		g[i] = [2]int64{m.PersonID, int64(m.Transferability)}
	}
	if total != wantTotal || !slices.Equal(g, want) {
		return fmt.Sprintf("index %d matches %v, SQL %d %v", total, g, wantTotal, want)
	}
	return ""
}

// Markdown is the report.
func (rep *CareerReport) Markdown() string {
	var b strings.Builder
	c := rep.Config
	fmt.Fprintf(&b, "# Career options benchmark\n\n")
	fmt.Fprintf(&b, "Written by `go run ./bench/cmd/careers` (see bench/README.md). Machine: %s. SQLite.\n\n", rep.Machine)
	fmt.Fprintf(&b, "Data: %d people, %d roles, %d competences, %d competences per role and %d per person (national scale is 1,500,000 / 20,000 / 3,000 / 20 / 20).\n\n",
		c.People, c.Roles, c.Comps, c.PerRole, c.PerPerson)
	fmt.Fprintf(&b, "Loading the data took %s; building the index from the database %s. Index memory: %d MiB (estimated from its contents: %d MiB).\n\n",
		rep.Load.Round(time.Millisecond), rep.Build.Round(time.Millisecond), rep.HeapBytes>>20, rep.IndexBytes>>20)
	fmt.Fprintf(&b, "Load average (1, 5, 15 minutes) before the measurements: %s; after: %s. On 2 cores, a load above 2 means other work waits for a core, and wall times stretch with it; the CPU time per query does not.\n\n",
		rep.LoadAverage[0], rep.LoadAverage[1])
	fmt.Fprintf(&b, "| query | runs | p50 | p99 | CPU per query | SQL runs | SQL p50 | SQL p99 | target p99 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	fmt.Fprintf(&b, "| career options, one person over all roles | %d | %s | %s | %s | %d | %s | %s | 10 ms |\n", len(rep.Options),
		rep.Options.Percentile(50), rep.Options.Percentile(99), rep.OptionsCPU.Round(10*time.Microsecond), len(rep.OptionsSQL), rep.OptionsSQL.Percentile(50), rep.OptionsSQL.Percentile(99))
	fmt.Fprintf(&b, "| talent match, one role over all people | %d | %s | %s | %s | %d | %s | %s | 250 ms |\n\n", len(rep.Talent),
		rep.Talent.Percentile(50), rep.Talent.Percentile(99), rep.TalentCPU.Round(10*time.Microsecond), len(rep.TalentSQL), rep.TalentSQL.Percentile(50), rep.TalentSQL.Percentile(99))
	if len(rep.Mismatches) == 0 {
		fmt.Fprintf(&b, "The index and SQL gave identical answers for all %d career option lists (every option, in order, with its score) and %d talent matches (first page of 20 and the total).\n",
			rep.OptionsChecked, rep.TalentChk)
	} else {
		fmt.Fprintf(&b, "**The index and SQL disagree** in %d answers:\n\n", len(rep.Mismatches))
		for _, m := range rep.Mismatches {
			fmt.Fprintf(&b, "- %s\n", m)
		}
	}
	return b.String()
}

// Durations are the times of measured runs.
type Durations []time.Duration

// Percentile is the nearest-rank p-th percentile, rounded to tens of microseconds; 0 for none.
func (ds Durations) Percentile(p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))].Round(10 * time.Microsecond)
}
