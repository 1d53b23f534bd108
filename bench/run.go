package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/generate"
)

// Config says what Run measures and where it writes.
type Config struct {
	Scale generate.Scale
	Seed  uint64
	// Engines to measure: SQLite, Postgres or both.
	Engines []string
	// PostgresURL is a database where the user may create schemas; each run makes its own
	// schemas and drops them.
	PostgresURL string
	// Dir holds the SQLite databases and the CSV files of the load baseline (bench/).
	Dir string
	// Output is where the report goes (bench/RESULTS.md); empty: nowhere.
	Output string
	// Rounds is how many times the whole query mix runs, measured, in each variant.
	Rounds int
	// Keep leaves the store's databases (SQLite file, PostgreSQL schema) after the run.
	Keep bool
	// Only, when OnlyImport, measures the people-and-portfolio import alone (the roles are still
	// loaded first: people are assigned to them), skipping search, HTTP and the role load
	// baseline. The report is then the import's alone (ImportSummary), not RESULTS.md. The other
	// parts alone: OnlyHTTP, OnlyCareers, OnlyWorkforce (suite.go).
	Only string
	// ImportProfile, when set, receives a CPU profile of the people import.
	ImportProfile io.Writer
	Log           io.Writer
}

// OnlyImport is Config.Only for the people-and-portfolio import alone.
const OnlyImport = "import"

// OnlySearch is Config.Only for role search and HTTP load alone (no load baselines, no people
// import); the report is SearchSummary's, not RESULTS.md.
const OnlySearch = "search"

// DefaultRounds runs the mix of 28 queries 9 times: 252 measured searches per variant and
// engine.
const DefaultRounds = 9

// Report is everything one run measured.
type Report struct {
	Date     time.Time
	Took     time.Duration
	Machine  Machine
	Scale    generate.Scale
	Seed     uint64
	Generate time.Duration // generating the roles once, in memory
	Rounds   int
	Engines  []EngineReport
	// Careers and Workforce are the career index's and the workforce profile's benchmarks, run
	// on data of their own at the scale's size (suite.go); nil when not run.
	Careers   *CareerReport
	Workforce *WorkforceReport
}

// EngineReport is what one engine measured.
type EngineReport struct {
	Engine       string
	Roles        int
	Requirements int
	Load         time.Duration // store.CreateRoles
	LoadBaseline LoadBaseline
	Search       Timings
	Totals       []int // matches of each query of Mix
	Explain      string
	FileSize     int64 // SQLite: the database file
	// RolesSize (PostgreSQL) is the roles table with its TOAST and indexes, SharedBuffers the
	// server's setting: whether the searched data fits the server's cache.
	RolesSize, SharedBuffers string
	// LoadCache is store.CreateRoles again on SQLite, into a new file whose connections have a
	// bigger page cache (CachePragma): a diagnostic of the store's settings.
	LoadCache time.Duration
	// HTTP is wrk's load on the main pages and API calls, the first target the baseline.
	HTTP []HTTPResult
	// Import is the people-and-portfolio import against the engine's load of the same rows.
	Import ImportFigure
	// LoadAverage is the machine's 1-, 5- and 15-minute load average before and after the
	// engine's part of the run: other work on the machine slows every variant alike, but
	// widens the spread.
	LoadAverage [2]string
}

// Machine describes where the run happened.
type Machine struct {
	CPUs           int
	CPUModel       string
	Memory         string
	GoVersion      string
	OS             string
	SQLite         string // the version modernc.org/sqlite embeds, and the module version
	SQLiteShell    string // the sqlite3 binary of the load baseline
	Postgres       string
	PostgresClient string
}

// Run measures everything Config asks for, engine by engine, and writes the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Rounds <= 0 {
		cfg.Rounds = DefaultRounds
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Dir == "" {
		cfg.Dir = "bench"
	}
	begin := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(cfg.Log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	rep := &Report{Date: begin, Scale: cfg.Scale, Seed: cfg.Seed, Rounds: cfg.Rounds}
	rep.Machine = describeMachine(ctx, cfg)
	if cfg.Only == OnlyCareers || cfg.Only == OnlyWorkforce {
		return rep, runOther(ctx, cfg, rep, logf)
	}

	g, err := generate.New(generate.Options{Seed: cfg.Seed, Scale: cfg.Scale})
	if err != nil {
		return nil, err
	}
	// Generation is timed once on its own (ids do not change the work); Populate makes the
	// roles again with each engine's organisation ids, untimed.
	start := time.Now()
	if _, err := g.AllRoles(make([]int64, len(g.Organisations()))); err != nil {
		return nil, err
	}
	rep.Generate = time.Since(start)
	logf("generated %d roles (scale %s, seed %d) in %s", cfg.Scale.Roles, cfg.Scale.Name, cfg.Seed, rep.Generate.Round(time.Millisecond))

	for _, engine := range cfg.Engines {
		er, err := runEngine(ctx, cfg, g, engine, logf)
		if err != nil {
			return nil, err
		}
		rep.Engines = append(rep.Engines, er)
	}
	switch cfg.Only {
	case OnlyImport:
		rep.Took = time.Since(begin)
		fmt.Fprint(cfg.Log, rep.ImportSummary())
		return rep, nil
	case OnlyHTTP:
		rep.Took = time.Since(begin)
		fmt.Fprint(cfg.Log, rep.HTTPSummary())
		return rep, nil
	case OnlySearch:
		rep.Took = time.Since(begin)
		fmt.Fprint(cfg.Log, rep.SearchSummary())
		return rep, nil
	}
	// The careers and workforce benchmarks make their own data, after the engines' part.
	otherErr := runOther(ctx, cfg, rep, logf)
	if otherErr != nil && !errors.Is(otherErr, errDisagree) {
		return rep, otherErr
	}
	rep.Took = time.Since(begin)
	if cfg.Output != "" {
		if err := os.WriteFile(cfg.Output, []byte(rep.Markdown()), 0o644); err != nil {
			return rep, err
		}
		logf("wrote %s (the run took %s)", cfg.Output, rep.Took.Round(time.Second))
	}
	return rep, otherErr
}

func runEngine(ctx context.Context, cfg Config, g *generate.Generator, engine string, logf func(string, ...any)) (EngineReport, error) {
	er := EngineReport{Engine: engine}
	er.LoadAverage[0] = loadAverage()
	path := filepath.Join(cfg.Dir, "roles-"+cfg.Scale.Name+".db")
	d, err := NewDatabase(ctx, engine, path, cfg.PostgresURL)
	if err != nil {
		return er, err
	}
	if cfg.Keep {
		d.Keep()
	}
	defer d.Close()
	if err := d.Populate(ctx, g, logf); err != nil {
		return er, err
	}
	er.Load, er.Roles, er.Requirements = d.Load, d.Roles, d.Roles*cfg.Scale.RequirementsPerRole
	if engine == SQLite {
		if info, err := os.Stat(path); err == nil {
			er.FileSize = info.Size()
		}
	}
	if cfg.Only == "" || cfg.Only == OnlySearch {
		if err := measureRoles(ctx, cfg, g, d, &er, logf); err != nil {
			return er, err
		}
	}
	if cfg.Only == OnlySearch {
		er.LoadAverage[1] = loadAverage()
		return er, nil
	}
	if cfg.Only == "" || cfg.Only == OnlyImport {
		if er.Import, err = MeasureImport(ctx, d, g, cfg.Dir, cfg.ImportProfile, logf); err != nil {
			return er, err
		}
	} else if err := importPeople(ctx, d, g, logf); err != nil {
		return er, err
	}
	// The HTTP load comes last, when the people are there for the career and workforce pages.
	if cfg.Only == "" || cfg.Only == OnlyHTTP {
		if er.HTTP, err = MeasureHTTP(ctx, d, true, logf); err != nil {
			return er, err
		}
	}
	er.LoadAverage[1] = loadAverage()
	return er, nil
}

// measureRoles measures what needs the database of roles alone: search and the role load
// baseline.
func measureRoles(ctx context.Context, cfg Config, g *generate.Generator, d *Database, er *EngineReport, logf func(string, ...any)) error {
	engine := d.Engine
	var err error
	if err := d.Settle(ctx); err != nil {
		return err
	}
	if engine == Postgres {
		if db, err := sql.Open("pgx", d.DSN); err == nil {
			_ = db.QueryRowContext(ctx, `SELECT pg_size_pretty(pg_total_relation_size('roles')), current_setting('shared_buffers')`).
				Scan(&er.RolesSize, &er.SharedBuffers)
			db.Close()
		}
	}

	s, err := NewSearcher(ctx, d)
	if err != nil {
		return err
	}
	defer s.Close()
	logf("%s: checking that the raw queries find what the store finds", engine)
	if er.Totals, err = s.Check(ctx, Mix); err != nil {
		return err
	}
	logf("%s: measuring %d searches in each of %d variants", engine, cfg.Rounds*len(Mix), len(Variants))
	if er.Search, err = s.Measure(ctx, Mix, cfg.Rounds); err != nil {
		return err
	}
	if er.Explain, err = s.Explain(ctx, Mix[0]); err != nil {
		return err
	}
	s.Close()

	if cfg.Only == OnlySearch {
		return nil
	}

	logf("%s: timing the engine's own load of the same rows", engine)
	if er.LoadBaseline, err = MeasureLoadBaseline(ctx, d, cfg.Dir, roleTables, logf); err != nil {
		return err
	}
	logf("%s: baseline %s %s; into the store's schema %s", engine, er.LoadBaseline.Best.Name,
		er.LoadBaseline.Best.Time.Round(time.Millisecond), er.LoadBaseline.Schema.Round(time.Millisecond))
	if engine == SQLite {
		logf("sqlite: store.CreateRoles again, with %s", CachePragma)
		cached, err := NewDatabaseWith(ctx, SQLite, filepath.Join(cfg.Dir, "roles-"+cfg.Scale.Name+"-cache.db"), "", CachePragma)
		if err != nil {
			return err
		}
		roles, err := cached.Prepare(ctx, g)
		if err == nil {
			err = cached.LoadRoles(ctx, roles)
		}
		cached.Close()
		_ = removeSQLite(cached.Path)
		if err != nil {
			return err
		}
		er.LoadCache = cached.Load
		logf("sqlite: loaded in %s", er.LoadCache.Round(time.Millisecond))
	}
	return nil
}

// CachePragma is the bigger page cache tried on SQLite: 256 MiB a connection instead of the
// default 2 MB.
const CachePragma = "_pragma=cache_size(-262144)"

// loadAverage returns the first three fields of /proc/loadavg, or "" where there is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func describeMachine(ctx context.Context, cfg Config) Machine {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				m.CPUModel = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				f := strings.Fields(rest)
				if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
					m.Memory = fmt.Sprintf("%.1f GiB", kb/1024/1024)
				}
			}
		}
	}
	if db, err := sql.Open("sqlite", ":memory:"); err == nil {
		var v string
		if db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v) == nil {
			m.SQLite = v + " (modernc.org/sqlite " + moduleVersion("modernc.org/sqlite") + ")"
		}
		db.Close()
	}
	if out, err := exec.CommandContext(ctx, "sqlite3", "--version").Output(); err == nil {
		if f := strings.Fields(string(out)); len(f) > 0 {
			m.SQLiteShell = f[0]
		}
	}
	for _, e := range cfg.Engines {
		if e != Postgres {
			continue
		}
		if db, err := sql.Open("pgx", cfg.PostgresURL); err == nil {
			var v string
			if db.QueryRowContext(ctx, "SHOW server_version").Scan(&v) == nil {
				m.Postgres = v + " (pgx " + moduleVersion("github.com/jackc/pgx/v5") + ")"
			}
			db.Close()
		}
		if out, err := exec.CommandContext(ctx, "psql", "--version").Output(); err == nil {
			m.PostgresClient = strings.TrimSpace(string(out))
		}
	}
	return m
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == path {
				return d.Version
			}
		}
	}
	return "unknown version"
}
