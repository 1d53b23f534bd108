// Package store is Workframe's one data layer. It runs the same hand-written SQL on embedded
// SQLite (the default, zero set-up) and on PostgreSQL (many users, several app servers): queries
// are written with ? placeholders and rebound for PostgreSQL, and only where the two dialects
// truly differ is there more than one query string.
//
// Every change goes through a store method that writes the change, one audit entry and one row of
// the change sequence in the same transaction, so the audit log and the caches that poll the
// sequence never miss a change and never record one that was rolled back.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Engine names returned by DB.Engine.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

var (
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a stale version on update (someone else changed the record first) or a
	// duplicate of a unique key.
	ErrConflict = errors.New("conflict")
	// ErrInvalid means the input breaks a rule (a kind that cannot go under that parent, a
	// parent that does not exist, an empty name...). The wrapping error says which.
	ErrInvalid = errors.New("invalid")
	// ErrAmbiguous means a look-up by name matched more than one record.
	ErrAmbiguous = errors.New("ambiguous")
)

// sqlitePragmas are the connection settings every SQLite connection gets: wait up to 10 s for a
// lock instead of failing, write-ahead log so readers never block the writer, enforce foreign
// keys, and take the write lock at BEGIN so a transaction never fails half-way when it upgrades
// from reader to writer. Memory-mapped I/O (up to 1 GiB of address space, not memory) lets every
// connection read pages straight from the operating system's cache instead of copying them into
// its own 2 MB page cache: a ranked search that touches many rows ran 2 to 3 times faster with it
// (bench/RESULTS.md). Temporary storage in memory: a multi-row INSERT keeps a statement journal
// (to undo itself alone if a row fails a constraint), and written to a temporary file it took a
// seventh of a bulk import's time (bench/README.md, people import).
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=mmap_size(1073741824)&_pragma=temp_store(2)&_txlock=immediate"

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// MigrationsFS returns the embedded migration tree of one engine ("sqlite" or "postgres").
func MigrationsFS(engine string) (fs.FS, error) {
	switch engine {
	case EngineSQLite, EnginePostgres:
		return fs.Sub(migrationFiles, "migrations/"+engine)
	}
	return nil, fmt.Errorf("store: unknown engine %q", engine)
}

// DB is a Workframe database on either engine. It is safe for concurrent use.
type DB struct {
	sql        *sql.DB
	engine     string
	migrations *goose.Provider
	// changeLock and migrationLock are PostgreSQL advisory lock ids. Advisory locks are
	// database-wide, so the ids are derived from the schema: deployments (or tests) in
	// different schemas of one database never wait for each other.
	changeLock, migrationLock int64
	// now is the clock; tests may replace it. Times are UTC and cut to microseconds, the
	// precision both engines keep, so a value written and read back is equal.
	now func() time.Time
	// careers is the career index (career_index.go), made on first use.
	careers     *CareerIndex
	careersOnce sync.Once
	// profiles is the workforce profile cache (profile_cache.go), made on first use.
	profiles     *ProfileCache
	profilesOnce sync.Once
}

// IsPostgresURL reports whether a DSN names a PostgreSQL database rather than a SQLite file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn and pings it. A "postgres://" or "postgresql://"
// URL opens PostgreSQL; anything else is the path of a SQLite file, created with its folder if
// missing. Open does not migrate: call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	var err error
	if IsPostgresURL(dsn) {
		db.engine = EnginePostgres
		db.sql, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		db.sql.SetMaxOpenConns(25)
		db.sql.SetMaxIdleConns(25)
		db.sql.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		if dsn == "" {
			return nil, errors.New("store: empty database path")
		}
		db.engine = EngineSQLite
		if dir := filepath.Dir(dsn); dir != "" && dsn != ":memory:" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create folder for database: %w", err)
			}
		}
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		db.sql, err = sql.Open("sqlite", dsn+sep+sqlitePragmas)
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		// WAL lets readers run beside the one writer, so a small pool serves concurrent page
		// loads; writers queue on the busy timeout (and BEGIN IMMEDIATE). An in-memory database
		// exists per connection, so it must have exactly one.
		if dsn == ":memory:" {
			db.sql.SetMaxOpenConns(1)
		} else {
			db.sql.SetMaxOpenConns(max(4, runtime.NumCPU()))
		}
	}
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", db.engine, err)
	}
	if db.engine == EnginePostgres {
		var schema string
		if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(current_schema(), '')`).Scan(&schema); err != nil {
			db.sql.Close()
			return nil, fmt.Errorf("store: read schema: %w", err)
		}
		db.changeLock, db.migrationLock = lockID(schema, "changes"), lockID(schema, "migrations")
	}
	if db.migrations, err = db.newProvider(); err != nil {
		db.sql.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) newProvider() (*goose.Provider, error) {
	fsys, err := MigrationsFS(db.engine)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if db.engine == EnginePostgres {
		dialect = goose.DialectPostgres
		// Several app servers may start at once against one database: an advisory lock lets
		// exactly one of them migrate while the others wait.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(db.migrationLock), lock.WithLockTimeout(1, 600))
		if err != nil {
			return nil, fmt.Errorf("store: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.sql, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}

// lockID derives an advisory lock id from the schema and what the lock is for.
func lockID(schema, purpose string) int64 {
	h := fnv.New64a()
	h.Write([]byte("workframe/" + schema + "/" + purpose))
	return int64(h.Sum64())
}

// Migrate applies every pending migration. Running it again is harmless.
func (db *DB) Migrate(ctx context.Context) error {
	if _, err := db.migrations.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// SchemaVersion returns the applied migration version and the newest one this build knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	return db.migrations.GetVersions(ctx)
}

// Ready reports whether the database answers and every migration is applied (for /readyz).
func (db *DB) Ready(ctx context.Context) error {
	if err := db.Ping(ctx); err != nil {
		return err
	}
	pending, err := db.migrations.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("store: check migrations: %w", err)
	}
	if pending {
		return errors.New("store: migrations pending")
	}
	return nil
}

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string { return db.engine }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// Close closes every connection.
func (db *DB) Close() error { return db.sql.Close() }

// SetClock replaces the clock used for created_at, audit times and session expiry checks.
// Tests use it; nil restores the real clock.
func (db *DB) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	db.now = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
}
