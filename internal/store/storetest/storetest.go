// Package storetest gives tests a fresh, migrated database on each engine, so the same test runs
// on SQLite and, when a server is configured, on PostgreSQL.
//
// PostgreSQL tests run when WORKFRAME_TEST_POSTGRES holds a URL to a database where the user may
// create schemas (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable). Each test gets
// its own fresh schema in that database (search_path set in the URL it is given), dropped at
// clean-up, so tests and packages running in parallel never see each other's rows. A schema
// rather than a whole database: CREATE and DROP DATABASE take seconds each on these machines
// (they wait for checkpoints), a schema milliseconds, and nothing in Workframe spans schemas.
// With WORKFRAME_REQUIRE_POSTGRES=1 a missing or unreachable server fails the test instead of
// skipping it (CI sets it, so nothing is skipped silently).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
)

// Environment variables read by this package.
const (
	PostgresEnv        = "WORKFRAME_TEST_POSTGRES"
	RequirePostgresEnv = "WORKFRAME_REQUIRE_POSTGRES"
)

// Engines returns the engines tests should run on: always "sqlite", and "postgres" when a URL
// is configured or PostgreSQL is required.
func Engines(t testing.TB) []string {
	t.Helper()
	engines := []string{store.EngineSQLite}
	if os.Getenv(PostgresEnv) != "" || postgresRequired() {
		engines = append(engines, store.EnginePostgres)
	}
	return engines
}

func postgresRequired() bool { return os.Getenv(RequirePostgresEnv) == "1" }

// Open returns a fresh, migrated database on the engine, closed (and on PostgreSQL dropped) when
// the test ends.
func Open(t testing.TB, engine string) *store.DB {
	t.Helper()
	db := OpenUnmigrated(t, engine)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// OpenUnmigrated is Open without the migrations, for tests of migrating itself.
func OpenUnmigrated(t testing.TB, engine string) *store.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := store.Open(ctx, DSN(t, engine))
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN creates an empty database on the engine and returns what store.Open takes to reach it: a
// file path in the test's temporary folder for SQLite; for PostgreSQL a URL whose search_path is
// a new, empty schema (dropped when the test ends). Use it to start a whole server on its own
// database.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case store.EngineSQLite:
		return filepath.Join(t.TempDir(), "workframe.db")
	case store.EnginePostgres:
		return postgresDSN(t)
	}
	t.Fatalf("storetest: unknown engine %q", engine)
	return ""
}

func postgresDSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	unavailable := func(format string, args ...any) {
		t.Helper()
		if postgresRequired() {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	if admin == "" {
		unavailable("%s is not set", PostgresEnv)
	}
	u, err := url.Parse(admin)
	if err != nil || !store.IsPostgresURL(admin) {
		t.Fatalf("%s=%q is not a postgres:// URL", PostgresEnv, admin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		unavailable("PostgreSQL at %s is unreachable: %v", u.Redacted(), err)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	schema := "wf_" + hex.EncodeToString(b[:])
	if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := sql.Open("pgx", admin)
		if err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
			return
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	// Test data is thrown away: commits need not wait for the disk, which is most of the time
	// a PostgreSQL test takes here.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}
