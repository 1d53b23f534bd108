// Command careers runs the career options benchmark of issue 5 and writes bench/CAREERS.md (see
// bench/README.md).
//
//	go run ./bench/cmd/careers [-people 1500000] [-roles 20000] [-comps 3000] [-per 20] [-reuse]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/workframe/workframe/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "careers:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	n := bench.NationalCareers
	fs := flag.NewFlagSet("careers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	people := fs.Int("people", n.People, "people to generate (national scale: 1,500,000)")
	roles := fs.Int("roles", n.Roles, "roles to generate (national scale: 20,000)")
	comps := fs.Int("comps", n.Comps, "competences in the framework (national scale: 3,000)")
	per := fs.Int("per", n.PerRole, "competences per role and per person (national scale: 20)")
	queries := fs.Int("queries", 200, "people and roles asked about, each")
	sqlQueries := fs.Int("sql", 20, "of them also answered by SQL and compared")
	seed := fs.Uint64("seed", 1, "generator seed")
	dir := fs.String("dir", "bench", "folder for the SQLite database")
	reuse := fs.Bool("reuse", false, "keep the database of an earlier run with the same sizes and seed instead of generating it again")
	out := fs.String("out", "bench/CAREERS.md", "report to write; empty for none")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (load, build and queries) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *per > *comps {
		return fmt.Errorf("-per %d is more than -comps %d", *per, *comps)
	}
	rep, err := bench.RunCareers(ctx, bench.CareerConfig{People: *people, Roles: *roles, Comps: *comps, PerRole: *per, PerPerson: *per,
		Seed: *seed, Queries: *queries, SQLQueries: *sqlQueries, Dir: *dir, Output: *out, Log: stdout, Reuse: *reuse})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.Markdown())
	if len(rep.Mismatches) > 0 {
		return fmt.Errorf("the index and SQL disagree in %d answers", len(rep.Mismatches))
	}
	return nil
}
