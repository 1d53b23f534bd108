package store_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// forEachEngine runs fn on a fresh, migrated database on every configured engine. Each test has
// its own databases, so the tests, and the engines within a test, run in parallel.
func forEachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			db := storetest.Open(t, engine)
			defer catch(t)
			fn(t, db)
		})
	}
}

// failure is what must panics with; catch turns it into a test failure.
type failure struct {
	err   error
	where string
}

// must returns v, or stops the test when err is not nil. It lets a test read
// `u := must(db.CreateUser(...))`; the test (or forEachEngine) must `defer catch(t)`.
func must[T any](v T, err error) T {
	if err != nil {
		_, file, line, _ := runtime.Caller(1)
		panic(failure{err: err, where: fmt.Sprintf("%s:%d", filepath.Base(file), line)})
	}
	return v
}

// catch reports a must failure as a fatal test error; other panics go on.
func catch(t *testing.T) {
	t.Helper()
	if r := recover(); r != nil {
		if f, ok := r.(failure); ok {
			t.Fatalf("%s: %v", f.where, f.err)
		}
		panic(r)
	}
}

// ok fails the test on an error.
func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("got error %v, want %v", err, want)
	}
}

func TestMigrateTwiceAndReady(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			defer catch(t)
			ctx := context.Background()
			db := storetest.OpenUnmigrated(t, engine)
			if db.Engine() != engine {
				t.Fatalf("Engine() = %q, want %q", db.Engine(), engine)
			}
			if err := db.Ready(ctx); err == nil {
				t.Fatal("Ready before Migrate: want an error")
			}
			for range 2 {
				if err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Ready(ctx); err != nil {
				t.Fatalf("Ready after Migrate: %v", err)
			}
			current, latest, err := db.SchemaVersion(ctx)
			if err != nil || current != latest || current < 1 {
				t.Fatalf("SchemaVersion = %d, %d, %v", current, latest, err)
			}
			// The schema works after the second run.
			must(db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Trust", Kind: store.KindOrganisation}))
		})
	}
}

func TestMigrationTreesHaveTheSameVersions(t *testing.T) {
	defer catch(t)
	versions := map[string][]int64{}
	for _, engine := range []string{store.EngineSQLite, store.EnginePostgres} {
		fsys := must(store.MigrationsFS(engine))
		names := must(fs.Glob(fsys, "*"))
		if len(names) == 0 {
			t.Fatalf("%s: no migrations", engine)
		}
		for _, name := range names {
			prefix, _, ok := strings.Cut(name, "_")
			v, err := strconv.ParseInt(prefix, 10, 64)
			if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
				t.Fatalf("%s: %q is not named NNNNN_name.sql", engine, name)
			}
			versions[engine] = append(versions[engine], v)
		}
	}
	if !slices.Equal(versions[store.EngineSQLite], versions[store.EnginePostgres]) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v",
			versions[store.EngineSQLite], versions[store.EnginePostgres])
	}
}

func TestOpenCreatesTheFolder(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/deep/er/workframe.db"
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Engine() != store.EngineSQLite {
		t.Fatalf("Engine() = %q", db.Engine())
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }

func TestRebindPostgres(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1": "SELECT 1",
		"SELECT a FROM t WHERE b = ? AND c IN (?, ?)":          "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)",
		"SELECT '?' || ? FROM t WHERE x = 'it''s ?' AND y = ?": "SELECT '?' || $1 FROM t WHERE x = 'it''s ?' AND y = $2",
	} {
		if got := store.RebindPostgres(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}
