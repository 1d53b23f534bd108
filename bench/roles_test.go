//go:build bench

package bench

// Go benchmarks of the database of roles, for profiling one figure at a time (the report comes
// from `make bench`). They build only with the "bench" tag, so `make test` never runs them:
//
//	go test -tags bench -run '^$' -bench . -benchtime 50x ./bench
//	go test -tags bench -run '^$' -bench 'CreateRoles/sqlite' -benchtime 1x -cpuprofile cpu.out ./bench
//
// WORKFRAME_BENCH_SCALE chooses the scale (default trust: 5,000 roles, so a run takes seconds;
// system is the 50,000), WORKFRAME_BENCH_SEED the seed. PostgreSQL benchmarks run when
// the server at WORKFRAME_BENCH_POSTGRES (or WORKFRAME_TEST_POSTGRES, or the default URL)
// answers, and are skipped otherwise.

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/workframe/workframe/internal/generate"
)

func benchScale(b *testing.B) generate.Scale {
	name := os.Getenv("WORKFRAME_BENCH_SCALE")
	if name == "" {
		name = generate.Trust.Name
	}
	s, err := generate.ScaleNamed(name)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func benchSeed() uint64 {
	seed, err := strconv.ParseUint(os.Getenv("WORKFRAME_BENCH_SEED"), 10, 64)
	if err != nil {
		return 1
	}
	return seed
}

func benchGenerator(b *testing.B) *generate.Generator {
	g, err := generate.New(generate.Options{Seed: benchSeed(), Scale: benchScale(b)})
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// engines returns the engines to benchmark: SQLite, and PostgreSQL when it answers.
func engines(b *testing.B) []string {
	out := []string{SQLite}
	ctx := context.Background()
	schema, _, err := createSchema(ctx, PostgresURL(), "wfbench_probe")
	if err != nil {
		b.Logf("PostgreSQL benchmarks skipped: %v", err)
		return out
	}
	_ = dropSchema(ctx, PostgresURL(), schema)
	return append(out, Postgres)
}

// shared holds one populated database per engine for the search benchmarks, built on first use
// and closed when the benchmarks end (TestMain).
var shared = struct {
	sync.Mutex
	dbs map[string]*Database
	dir string
}{dbs: map[string]*Database{}}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range shared.dbs {
		d.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func populated(b *testing.B, engine string) *Database {
	shared.Lock()
	defer shared.Unlock()
	if d := shared.dbs[engine]; d != nil {
		return d
	}
	if shared.dir == "" {
		dir, err := os.MkdirTemp("", "workframe-bench-")
		if err != nil {
			b.Fatal(err)
		}
		shared.dir = dir
	}
	ctx := context.Background()
	d, err := NewDatabase(ctx, engine, filepath.Join(shared.dir, "roles.db"), PostgresURL())
	if err != nil {
		b.Fatal(err)
	}
	if err := d.Populate(ctx, benchGenerator(b), b.Logf); err != nil {
		d.Close()
		b.Fatal(err)
	}
	if err := d.Settle(ctx); err != nil {
		d.Close()
		b.Fatal(err)
	}
	shared.dbs[engine] = d
	return d
}

// Short names of Variants and Classes, in their order, for the benchmarks' names.
var (
	variantNames = []string{"store", "baseline", "count", "capped-count", "ranked-no-count", "store-sql"}
	classNames   = []string{"common", "common-level", "two-words", "two-words-level", "rare", "rare-level", "phrase", "phrase-level"}
)

// BenchmarkSearchRoles runs each class of the query mix in each variant (the store, the engine's
// baseline and the diagnostics) on each engine. One iteration is one query; the class's queries
// take turns.
func BenchmarkSearchRoles(b *testing.B) {
	ctx := context.Background()
	if len(variantNames) != len(Variants) || len(classNames) != len(Classes) {
		b.Fatal("bench: variantNames and classNames must follow Variants and Classes")
	}
	for _, engine := range engines(b) {
		b.Run(engine, func(b *testing.B) {
			d := populated(b, engine)
			s, err := NewSearcher(ctx, d)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Check(ctx, Mix); err != nil {
				b.Fatal(err)
			}
			for vi, variant := range Variants {
				for ci, class := range Classes {
					var qs []Query
					for _, q := range Mix {
						if q.Class == class {
							qs = append(qs, q)
						}
					}
					b.Run(variantNames[vi]+"/"+classNames[ci], func(b *testing.B) {
						i := 0
						for b.Loop() {
							if _, err := s.Run(ctx, variant, qs[i%len(qs)]); err != nil {
								b.Fatal(err)
							}
							i++
						}
					})
				}
			}
		})
	}
}

// BenchmarkCreateRoles loads the whole scale through store.CreateRoles into a fresh database
// each iteration; only the CreateRoles call is timed.
func BenchmarkCreateRoles(b *testing.B) {
	ctx := context.Background()
	g := benchGenerator(b)
	dir := b.TempDir()
	for _, engine := range engines(b) {
		b.Run(engine, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d, err := NewDatabase(ctx, engine, filepath.Join(dir, "load.db"), PostgresURL())
				if err != nil {
					b.Fatal(err)
				}
				roles, err := d.Prepare(ctx, g)
				if err != nil {
					d.Close()
					b.Fatal(err)
				}
				b.StartTimer()
				err = d.LoadRoles(ctx, roles)
				b.StopTimer()
				d.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			rows := g.Scale().Roles * (g.Scale().RequirementsPerRole + 2) // roles, requirements, history
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
