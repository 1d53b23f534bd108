package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotSQLite is returned by the backup functions on PostgreSQL, which has its own tools
// (pg_dump and pg_restore: docs/deploy.md).
var ErrNotSQLite = errors.New("online backup and restore here are for SQLite; for PostgreSQL use pg_dump and pg_restore (docs/deploy.md)")

// Backup writes a consistent copy of a SQLite database to path while it is in use: SQLite's
// VACUUM INTO reads one snapshot (writers carry on; WAL keeps readers and the writer apart) and
// writes a compact, self-contained file with no write-ahead log. The copy is written beside
// path and renamed into place, so path is either the whole backup or untouched.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != EngineSQLite {
		return ErrNotSQLite
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists: choose a new file name for the backup", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".workframe-backup-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO wants a file that is not there
	defer os.Remove(tmpName)
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := syncFile(tmpName); err != nil {
		return err
	}
	return os.Rename(tmpName, path)
}

// CheckBackup opens a SQLite file read-only and says whether it is a whole Workframe database:
// SQLite's integrity check passes and it has a schema version this program knows. It returns
// that version.
func CheckBackup(ctx context.Context, path string) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	// Read-only, and without Open's settings: checking a backup must not change it (WAL mode
	// would rewrite its header and leave -wal and -shm files beside it).
	ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, err
	}
	defer ro.Close()
	db := &DB{sql: ro, engine: EngineSQLite}
	if db.migrations, err = db.newProvider(); err != nil {
		return 0, err
	}
	var check string
	if err := db.sql.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return 0, fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	if check != "ok" {
		return 0, fmt.Errorf("%s is damaged: %s", path, check)
	}
	var version int64
	if err := db.sql.QueryRowContext(ctx, `SELECT MAX(version_id) FROM goose_db_version`).Scan(&version); err != nil {
		return 0, fmt.Errorf("%s is not a Workframe database: %w", path, err)
	}
	_, latest, err := db.migrations.GetVersions(ctx)
	if err != nil {
		return 0, err
	}
	if version > latest {
		return 0, fmt.Errorf("%s was made by a newer Workframe (schema version %d, this one knows up to %d)", path, version, latest)
	}
	return version, nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
