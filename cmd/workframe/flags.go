package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// defaultDatabase is where make run keeps the demo.
const defaultDatabase = "data/workframe.db"

// newFlags returns a flag set that prints its usage to the command's stdout on --help.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("workframe "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: workframe %s %s\n\nFlags (each also read from WORKFRAME_<NAME>):\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func databaseFlag(fs *flag.FlagSet) *string {
	return fs.String("database", defaultDatabase, "SQLite file `path`, or a postgres:// URL")
}

// parseFlags parses args, then fills every flag not given on the command line from its
// WORKFRAME_ environment variable (--tls-cert reads WORKFRAME_TLS_CERT).
//
// Flags may come before or after the positional arguments ("export iwf 2.1 --format xlsx"), as
// people type them; everything after "--" is positional.
func parseFlags(fs *flag.FlagSet, e env, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// Parse once more with only the positional arguments, so fs.Args() returns them.
	if err := fs.Parse(append([]string{"--"}, positional...)); err != nil {
		return errUsage
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		key := envName(f.Name)
		if v := e.getenv(key); v != "" {
			if serr := fs.Set(f.Name, v); serr != nil {
				err = fmt.Errorf("invalid value %q in %s: %v", v, key, serr)
			}
		}
	})
	return err
}

func envName(flagName string) string {
	return "WORKFRAME_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}
