package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

// TestBackupAndRestore round-trips a populated database: a backup taken while writes go on is
// whole and consistent, and restoring it brings back exactly what it held, keeping the database
// it replaced.
func TestBackupAndRestore(t *testing.T) {
	c := newCLI(t)
	dbPath := c.env["WORKFRAME_DATABASE"]
	if code, _, errOut := c.run("", "demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	// Writes go on during the backup.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: fmt.Sprintf("Busy trust %d", i), Kind: "organisation"}); err != nil {
				t.Errorf("write during backup: %v", err)
				return
			}
		}
	}()
	backup := filepath.Join(t.TempDir(), "backups", "workframe.db")
	code, out, errOut := c.run("", "backup", backup)
	close(stop)
	wg.Wait()
	if code != 0 || !strings.Contains(out, "Backed up") {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	if _, err := store.CheckBackup(ctx, backup); err != nil {
		t.Fatalf("the backup does not check: %v", err)
	}
	if code, _, errOut := c.run("", "backup", backup); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: %d %q", code, errOut)
	}
	before, err := db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orgsAtBackup := countOrganisations(t, backup)

	// After the backup someone is added; the restore takes the database back.
	if _, err := db.CreateUser(ctx, store.System, store.User{Email: "late@example.org", Name: "Late"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// A file that is not a backup is refused and changes nothing.
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := c.run("", "restore", junk); code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("restore of junk: %d %q", code, errOut)
	}
	if code, out, errOut := c.run("", "restore", backup); code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	db, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after, err := db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("restored database has %d users, the backup %d", len(after), len(before))
	}
	if _, err := db.UserByEmail(ctx, "late@example.org"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a user added after the backup survived the restore: %v", err)
	}
	if got := countOrganisations(t, dbPath); got != orgsAtBackup {
		t.Errorf("restored database has %d organisations, the backup %d", got, orgsAtBackup)
	}
	kept, _ := filepath.Glob(dbPath + ".before-restore-*")
	if len(kept) == 0 {
		t.Errorf("the replaced database was not kept")
	}
	c.env["WORKFRAME_DATABASE"] = "postgres://nobody@127.0.0.1:1/none"
	if code, _, errOut := c.run("", "backup", backup+"2"); code != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL: %d %q", code, errOut)
	}
}

func countOrganisations(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	orgs, err := db.Organisations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(orgs)
}
