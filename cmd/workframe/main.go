// Command workframe is the whole of Workframe in one binary: the web server, the JSON API and
// the administration commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what a command may read from its surroundings; tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web application and the API", runServe},
		{"migrate", "bring the database schema up to date", runMigrate},
		{"frameworks", "list, show, validate, import and export frameworks", runFrameworks},
		{"demo", "load the built-in frameworks and a demo organisation with users", runDemo},
		{"profiles", "move profiles to a later framework version, with a report", runProfiles},
		{"people", "import and export people and their assignments (HR extracts)", runPeople},
		{"roles", "import roles and their competences from a spreadsheet", runRoles},
		{"user", "add, list and change user accounts", runUser},
		{"backup", "copy a SQLite database while it is in use", runBackup},
		{"restore", "put a backup in place of a SQLite database (server stopped)", runRestore},
		{"version", "print the version", runVersion},
	}
}

// errUsage marks a mistake in how the command was called; its usage has been printed already.
var errUsage = errors.New("usage")

// run is main without the process: it returns the exit code, so tests can call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			switch {
			case err == nil || errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			default:
				// One line on stderr: the reason, not a stack trace.
				fmt.Fprintf(stderr, "workframe %s: %s\n", c.name, oneLine(err.Error()))
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "workframe: unknown command %q; run \"workframe --help\" for the list\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Workframe: health and care workforce frameworks as a working tool.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: workframe <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run \"workframe <command> --help\" for a command's flags. Every flag can also be set")
	fmt.Fprintln(w, "with an environment variable: --database is WORKFRAME_DATABASE, --addr is WORKFRAME_ADDR.")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
