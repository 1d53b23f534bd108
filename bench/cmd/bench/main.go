// Command bench runs Workframe's benchmarks and writes bench/RESULTS.md (see bench/README.md).
//
//	go run ./bench/cmd/bench [-scale system] [-seed 1] [-engines sqlite,postgres] [-out bench/RESULTS.md]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/workframe/workframe/bench"
	"github.com/workframe/workframe/internal/generate"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scale := fs.String("scale", generate.System.Name, "data scale: small, trust, system or national")
	seed := fs.Uint64("seed", 1, "generator seed")
	engines := fs.String("engines", "sqlite,postgres", "engines to measure, comma-separated")
	pgURL := fs.String("postgres", bench.PostgresURL(), "PostgreSQL URL (a database where the user may create schemas; $"+bench.PostgresEnv+")")
	dir := fs.String("dir", "bench", "folder for the SQLite databases and temporary CSV files")
	out := fs.String("out", "bench/RESULTS.md", "report to write; empty for none")
	rounds := fs.Int("rounds", bench.DefaultRounds, "times the query mix runs in each variant")
	keep := fs.Bool("keep", false, "keep the store's databases (PostgreSQL schema too) after the run")
	only := fs.String("only", "", "measure one part alone, printing its figures instead of writing the report: search (role search), import (people and portfolio import), http (wrk on the pages and API calls), careers (career options and talent match) or workforce (workforce profile and scenario comparison)")
	profile := fs.String("import-cpuprofile", "", "write a CPU profile of the people import to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := generate.ScaleNamed(*scale)
	if err != nil {
		return err
	}
	cfg := bench.Config{Scale: s, Seed: *seed, PostgresURL: *pgURL, Dir: *dir, Output: *out, Rounds: *rounds, Keep: *keep, Log: stdout}
	switch *only {
	case "":
	case bench.OnlySearch, bench.OnlyImport, bench.OnlyHTTP, bench.OnlyCareers, bench.OnlyWorkforce:
		// A part alone never overwrites RESULTS.md, which holds whole runs.
		cfg.Only, cfg.Output = *only, ""
	default:
		return fmt.Errorf("unknown part %q for -only (%s)", *only, strings.Join(bench.Parts, ", "))
	}
	for _, e := range strings.Split(*engines, ",") {
		switch e = strings.TrimSpace(e); e {
		case bench.SQLite, bench.Postgres:
			cfg.Engines = append(cfg.Engines, e)
		case "":
		default:
			return fmt.Errorf("unknown engine %q (sqlite or postgres)", e)
		}
	}
	if *profile != "" {
		if len(cfg.Engines) != 1 {
			return fmt.Errorf("-import-cpuprofile profiles one engine: give -engines sqlite or -engines postgres")
		}
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.ImportProfile = f
	}
	_, err = bench.Run(ctx, cfg)
	return err
}
