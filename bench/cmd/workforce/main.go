// Command workforce runs the workforce profile benchmark of issue 6 on SQLite and PostgreSQL and
// writes bench/WORKFORCE.md (see bench/README.md).
//
//	go run ./bench/cmd/workforce [-people 100000] [-posts 120000] [-changes 1000] [-engines sqlite,postgres]
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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "workforce:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	n := bench.IssueSixScale
	fs := flag.NewFlagSet("workforce", flag.ContinueOnError)
	fs.SetOutput(stderr)
	people := fs.Int("people", n.People, "people to generate (issue 6: 100,000)")
	posts := fs.Int("posts", n.Posts, "posts to generate (issue 6: 120,000)")
	teams := fs.Int("teams", n.Teams, "teams in the unit")
	roles := fs.Int("roles", n.Roles, "roles")
	changes := fs.Int("changes", n.Changes, "changes of the scenario compared (issue 6: 1,000)")
	runs := fs.Int("runs", n.Runs, "cached profiles and comparisons timed")
	saves := fs.Int("saves", n.Saves, "saves each \"first after a save\" figure is timed after")
	cold := fs.Int("cold", n.Cold, "uncached profiles and comparisons timed")
	engines := fs.String("engines", bench.SQLite+","+bench.Postgres, "engines, comma-separated")
	dir := fs.String("dir", "bench", "folder for the SQLite database")
	out := fs.String("out", "bench/WORKFORCE.md", "report to write; empty for none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *teams < 1 || *roles < 1 || *people < *teams:
		return fmt.Errorf("need at least one team and role, and a person per team")
	case *posts < 97*(*changes)+*teams || *changes < 1:
		return fmt.Errorf("-posts %d is too few for -changes %d (each change takes posts of its own)", *posts, *changes)
	}
	rep, err := bench.RunWorkforce(ctx, bench.WorkforceConfig{People: *people, Posts: *posts, Teams: *teams, Roles: *roles,
		Changes: *changes, Runs: *runs, Saves: *saves, Cold: *cold, Engines: strings.Split(*engines, ","), Dir: *dir,
		PostgresURL: bench.PostgresURL(), Output: *out, Log: stdout})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.Markdown())
	for _, r := range rep.Results {
		if len(r.Mismatches) > 0 {
			return fmt.Errorf("%s: cached and direct figures differ", r.Engine)
		}
	}
	return nil
}
