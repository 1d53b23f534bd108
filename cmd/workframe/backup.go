package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/workframe/workframe/internal/store"
)

func runBackup(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "backup", "[flags] FILE")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if store.IsPostgresURL(*dsn) {
		return store.ErrNotSQLite
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s in %s. Restore it with: workframe restore --database %s %s\n",
		*dsn, fs.Arg(0), time.Since(start).Round(time.Millisecond), *dsn, fs.Arg(0))
	return nil
}

// runRestore puts a backup in place of the database. The database it replaces is kept beside
// it (FILE.before-restore-TIME), so a restore of the wrong file can be undone. The server must
// be stopped: a running server keeps its own view of the old file.
func runRestore(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "restore", "[flags] BACKUP")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if store.IsPostgresURL(*dsn) {
		return store.ErrNotSQLite
	}
	backup, target := fs.Arg(0), *dsn
	version, err := store.CheckBackup(ctx, backup)
	if err != nil {
		return err
	}
	if same, _ := sameFile(backup, target); same {
		return errors.New("the backup is the database itself")
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return err
	}
	tmp := target + ".restoring"
	if err := copyFile(backup, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	kept := ""
	if _, err := os.Stat(target); err == nil {
		kept = target + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(target, kept); err != nil {
			os.Remove(tmp)
			return err
		}
		// The old write-ahead log belongs to the old file; left beside the new one, SQLite
		// would replay it into the restored database.
		for _, suffix := range []string{"-wal", "-shm"} {
			if err := os.Rename(target+suffix, kept+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	// An older backup is brought up to this version's schema now, not at the next start.
	db, err := openDatabase(ctx, target)
	if err != nil {
		return err
	}
	db.Close()
	fmt.Fprintf(e.stdout, "Restored %s (schema version %d) to %s.\n", backup, version, target)
	if kept != "" {
		fmt.Fprintf(e.stdout, "The database it replaced is kept as %s.\n", kept)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
