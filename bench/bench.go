// Package bench measures Workframe against the engines it runs on (issue 10, "The benchmark
// suite"): every figure is reported beside a baseline measured in the same run, the same work done
// by the database engine itself without Workframe's code, and the ratio between the two.
//
// Today it measures the database of roles (issue 4) at the generated "system" scale (50,000 roles
// with 500,000 requirements) on SQLite and PostgreSQL:
//
//   - ranked full-text role search, first page: store.SearchRoles against the same raw query
//     (FTS5 MATCH + bm25 on SQLite, tsquery + ts_rank on PostgreSQL) run straight on the engine;
//   - bulk load: store.CreateRoles against the engine's own loader (sqlite3 .import, COPY) putting
//     the same rows into bare tables;
//   - people import: the scale's people, assignments and portfolios through store.ImportPeople and
//     store.ImportPortfolios (as `workframe demo --scale` loads them) against the same loaders.
//
// Run drives it and writes bench/RESULTS.md; `make bench` calls it through bench/cmd/bench. The
// Go benchmarks in roles_test.go (build tag "bench") reuse the same set-up for profiling one
// figure at a time. Nothing here runs in `make test`.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"crypto/rand"
	"encoding/hex"

	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// Environment variables read by the benchmarks.
const (
	// PostgresEnv holds the URL of a PostgreSQL database where the user may create schemas.
	PostgresEnv = "WORKFRAME_BENCH_POSTGRES"
	// TestPostgresEnv is the test suite's variable, used when PostgresEnv is not set.
	TestPostgresEnv = "WORKFRAME_TEST_POSTGRES"
	// DefaultPostgresURL is the database of these machines (DESIGN.md).
	DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
)

// PostgresURL returns the PostgreSQL URL the benchmarks use.
func PostgresURL() string {
	for _, env := range []string{PostgresEnv, TestPostgresEnv} {
		if v := os.Getenv(env); v != "" {
			return v
		}
	}
	return DefaultPostgresURL
}

// Engines measured.
const (
	SQLite   = store.EngineSQLite
	Postgres = store.EnginePostgres
)

// Database is a fresh Workframe database on one engine, holding generated data.
type Database struct {
	Engine string
	Store  *store.DB
	// DSN is what store.Open took: a file path (and parameters), or a URL whose search_path is
	// Schema. Path is the SQLite file.
	DSN, Path string
	// AdminURL and Schema are set on PostgreSQL: the URL without the schema, and the schema
	// made for this database (dropped by Close unless kept).
	AdminURL, Schema string
	// OrgIDs are the generated organisations' ids, in the generator's order; Teams each one's
	// teams' ids.
	OrgIDs []int64
	Teams  [][]int64
	// Saved are the roles as CreateRoles saved them (with their ids), for the people's
	// assignments.
	Saved []workforce.Role
	// Roles is how many roles were loaded.
	Roles int
	// Load is how long store.CreateRoles took.
	Load time.Duration
	keep bool
}

// NewDatabase creates an empty, migrated database: on SQLite a new file at path (an existing one
// is removed first), on PostgreSQL a new schema in the database at adminURL.
func NewDatabase(ctx context.Context, engine, path, adminURL string) (*Database, error) {
	return NewDatabaseWith(ctx, engine, path, adminURL, "")
}

// NewDatabaseWith is NewDatabase with query parameters added to the SQLite file's DSN (the store
// adds its own after them), to measure the store under other connection settings without
// changing it: "_pragma=cache_size(-262144)".
func NewDatabaseWith(ctx context.Context, engine, path, adminURL, sqliteParams string) (*Database, error) {
	d := &Database{Engine: engine}
	switch engine {
	case SQLite:
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
				return nil, err
			}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, err
		}
		d.DSN, d.Path = path, path
		if sqliteParams != "" {
			d.DSN += "?" + sqliteParams
		}
	case Postgres:
		schema, dsn, err := createSchema(ctx, adminURL, "wfbench")
		if err != nil {
			return nil, err
		}
		d.AdminURL, d.Schema, d.DSN = adminURL, schema, dsn
	default:
		return nil, fmt.Errorf("bench: unknown engine %q", engine)
	}
	db, err := store.Open(ctx, d.DSN)
	if err != nil {
		d.Close()
		return nil, err
	}
	d.Store = db
	if err := db.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Keep leaves the database in place when it is closed.
func (d *Database) Keep() { d.keep = true }

// Close closes the database and drops its PostgreSQL schema (a SQLite file is left for a look;
// the next run replaces it).
func (d *Database) Close() error {
	var err error
	if d.Store != nil {
		err = d.Store.Close()
	}
	if d.Schema != "" && !d.keep {
		if e := dropSchema(context.Background(), d.AdminURL, d.Schema); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// createSchema makes a new, empty schema and returns its name and a URL whose search_path is it.
func createSchema(ctx context.Context, adminURL, prefix string) (schema, dsn string, err error) {
	u, err := url.Parse(adminURL)
	if err != nil || !store.IsPostgresURL(adminURL) {
		return "", "", fmt.Errorf("bench: %q is not a postgres:// URL", adminURL)
	}
	conn, err := sql.Open("pgx", adminURL)
	if err != nil {
		return "", "", err
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		return "", "", fmt.Errorf("bench: PostgreSQL at %s: %w (is it running? see bench/README.md)", u.Redacted(), err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema = prefix + "_" + hex.EncodeToString(b[:])
	if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		return "", "", fmt.Errorf("bench: create schema: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return schema, u.String(), nil
}

func dropSchema(ctx context.Context, adminURL, schema string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := sql.Open("pgx", adminURL)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
	return err
}

// Populate loads the generated data through the store: the built-in KSF, the organisations with
// their services, and then every role in one store.CreateRoles call (one transaction, as an
// import), which it times. Generating the roles is not timed.
func (d *Database) Populate(ctx context.Context, g *generate.Generator, logf func(string, ...any)) error {
	roles, err := d.Prepare(ctx, g)
	if err != nil {
		return err
	}
	logf("%s: loading %d roles with %d requirements through store.CreateRoles", d.Engine, len(roles), countRequirements(roles))
	if err := d.LoadRoles(ctx, roles); err != nil {
		return err
	}
	logf("%s: loaded in %s", d.Engine, d.Load.Round(time.Millisecond))
	return nil
}

// Prepare stores the built-in KSF and the organisations with their services and teams (as
// `workframe demo --scale` does), and returns the
// generated roles of those organisations, ready for LoadRoles.
func (d *Database) Prepare(ctx context.Context, g *generate.Generator) ([]workforce.Role, error) {
	db := d.Store
	if _, err := db.SaveFrameworkVersion(ctx, store.System, g.KSF(), true); err != nil {
		return nil, fmt.Errorf("bench: save KSF: %w", err)
	}
	d.OrgIDs, d.Teams = nil, nil
	for _, o := range g.Organisations() {
		org, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: o.Name, Kind: store.KindOrganisation})
		if err != nil {
			return nil, fmt.Errorf("bench: create organisation: %w", err)
		}
		d.OrgIDs = append(d.OrgIDs, org.ID)
		var teams []int64
		for j, s := range o.Services {
			svc, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: s, Kind: store.KindService, ParentID: org.ID})
			if err != nil {
				return nil, fmt.Errorf("bench: create service: %w", err)
			}
			for _, name := range o.Teams[j] {
				t, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: name, Kind: store.KindTeam, ParentID: svc.ID})
				if err != nil {
					return nil, fmt.Errorf("bench: create team: %w", err)
				}
				teams = append(teams, t.ID)
			}
		}
		d.Teams = append(d.Teams, teams)
	}
	return g.AllRoles(d.OrgIDs)
}

// LoadRoles saves the roles with one store.CreateRoles call and records how long it took.
func (d *Database) LoadRoles(ctx context.Context, roles []workforce.Role) error {
	start := time.Now()
	saved, err := d.Store.CreateRoles(ctx, store.System, roles)
	if err != nil {
		return fmt.Errorf("bench: CreateRoles: %w", err)
	}
	d.Load = time.Since(start)
	d.Saved = saved
	d.Roles = len(roles)
	return nil
}

func countRequirements(roles []workforce.Role) int {
	n := 0
	for _, r := range roles {
		n += len(r.Requirements)
	}
	return n
}

// Settle does what a deployment does by itself soon after a big load, so that searches are
// measured on a settled database: on PostgreSQL, VACUUM ANALYZE (autovacuum would run it within
// a minute of the load; it also merges the GIN index's pending list). On SQLite nothing: the store
// never runs ANALYZE or PRAGMA optimize, so neither does the benchmark.
func (d *Database) Settle(ctx context.Context) error {
	if d.Engine != Postgres {
		return nil
	}
	conn, err := sql.Open("pgx", d.DSN)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, t := range []string{"roles", "role_requirements", "role_versions"} {
		if _, err := conn.ExecContext(ctx, "VACUUM ANALYZE "+t); err != nil {
			return fmt.Errorf("bench: vacuum %s: %w", t, err)
		}
	}
	// A checkpoint now rather than in the middle of the measurements (it needs a superuser or
	// pg_checkpoint; without, the measurements just risk meeting one).
	_, _ = conn.ExecContext(ctx, "CHECKPOINT")
	return nil
}
