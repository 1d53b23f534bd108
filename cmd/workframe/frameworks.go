package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

const frameworksUsage = `Usage: workframe frameworks <list|show|validate|import|export> [flags]

  list                          every framework version in the database
  show KEY [VERSION]            one version as a tree (the newest when VERSION is left out)
  validate FILE...              check files without touching the database
  import FILE                   validate a file and add it as a new version
  export KEY VERSION            write a version out (--format yaml|json|csv|xlsx|case, --output FILE)

The format of a file is detected: Workframe YAML or JSON, CASE JSON, CSV or XLSX. A CSV file holds
nodes only: give its --key, --title, --version and --kind.`

func runFrameworks(ctx context.Context, e env, args []string) error {
	subs := map[string]func(context.Context, env, []string) error{
		"list": frameworksList, "show": frameworksShow, "validate": frameworksValidate,
		"import": frameworksImport, "export": frameworksExport,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, frameworksUsage)
			return nil
		}
		fmt.Fprintln(e.stderr, frameworksUsage)
		return errUsage
	}
	return subs[args[0]](ctx, e, args[1:])
}

func frameworksList(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "frameworks list", "[flags]")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fws, err := db.FrameworkVersions(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVERSION\tKIND\tSTATUS\tNODES\tTITLE")
	for _, f := range fws {
		title := f.Title
		if f.Provisional {
			title += " (has provisional items)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", f.Key, f.Version, f.Kind, f.Status, f.NodeCount, title)
	}
	return tw.Flush()
}

func frameworksShow(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "frameworks show", "KEY [VERSION] [flags]")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return errUsage
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := loadVersion(ctx, db, fs.Arg(0), fs.Arg(1))
	if err != nil {
		return err
	}
	w := e.stdout
	mark := func(p bool) string {
		if p {
			return " [provisional]"
		}
		return ""
	}
	fmt.Fprintf(w, "%s, version %s (%s, %s)%s\n", f.Title, f.Version, f.Kind, statusOf(f), mark(f.Provisional))
	if f.Publisher != "" {
		fmt.Fprintf(w, "Publisher: %s\n", f.Publisher)
	}
	if len(f.Levels) > 0 {
		fmt.Fprintln(w, "\nLevels:")
		for _, l := range f.Levels {
			fmt.Fprintf(w, "  %d %s%s\n", l.Rank, l.Title, mark(l.Provisional))
		}
	}
	fmt.Fprintln(w, "\nNodes:")
	f.Walk(func(n *framework.Node, _ string, depth int) bool {
		code := ""
		if n.Code != "" {
			code = n.Code + " "
		}
		fmt.Fprintf(w, "%s- %s%s (%s)%s\n", strings.Repeat("  ", depth+1), code, n.Title, n.Type, mark(n.Provisional))
		return true
	})
	return nil
}

func statusOf(f *framework.Framework) string {
	if f.Status == "" {
		return framework.StatusPublished
	}
	return f.Status
}

func loadVersion(ctx context.Context, db *store.DB, key, version string) (*framework.Framework, error) {
	var f *framework.Framework
	var err error
	if version == "" {
		f, _, err = db.LatestFrameworkVersion(ctx, key)
	} else {
		f, _, err = db.FrameworkVersion(ctx, key, version)
	}
	if errors.Is(err, store.ErrNotFound) {
		if version == "" {
			return nil, fmt.Errorf("no framework has the key %q; \"workframe frameworks list\" shows them", key)
		}
		return nil, fmt.Errorf("framework %q has no version %q; \"workframe frameworks list\" shows them", key, version)
	}
	return f, err
}

// metaFlags are the framework details a CSV file cannot carry itself.
func metaFlags(fs *flag.FlagSet) *framework.Framework {
	var m framework.Framework
	fs.StringVar(&m.Key, "key", "", "framework `key` (for a CSV file)")
	fs.StringVar(&m.Title, "title", "", "framework `title` (for a CSV file)")
	fs.StringVar(&m.Version, "version", "", "framework `version` (for a CSV file)")
	fs.Func("kind", "framework `kind` (for a CSV file): profile, levels, competence, checklist, strategy or method", func(s string) error {
		m.Kind = framework.Kind(s)
		return nil
	})
	return &m
}

// readFrameworkFile reads and validates one file. It returns every problem found, each with the
// file name, and no framework when there is any.
func readFrameworkFile(name string, meta framework.Framework) (*framework.Framework, []string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	f, problems, err := transfer.ReadWith(name, data, meta)
	if err != nil {
		return nil, nil, err
	}
	var out []string
	for _, p := range problems {
		out = append(out, name+": "+p.String())
	}
	if len(out) > 0 {
		return nil, out, nil
	}
	for _, p := range framework.Validate(f) {
		p.File = name
		out = append(out, p.String())
	}
	if len(out) > 0 {
		return nil, out, nil
	}
	return f, nil, nil
}

func frameworksValidate(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "frameworks validate", "FILE... [flags]")
	meta := metaFlags(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	bad := 0
	for _, name := range fs.Args() {
		f, problems, err := readFrameworkFile(name, *meta)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		if f == nil {
			bad++
			continue
		}
		fmt.Fprintf(e.stdout, "%s: valid: %s version %s with %d nodes\n", name, f.Title, f.Version, f.CountNodes())
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d files have problems (listed above)", bad, fs.NArg())
	}
	return nil
}

func frameworksImport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "frameworks import", "FILE [flags]")
	dsn := databaseFlag(fs)
	meta := metaFlags(fs)
	replace := fs.Bool("replace", false, "replace the version if it exists already")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	f, problems, err := readFrameworkFile(fs.Arg(0), *meta)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p)
		}
		return fmt.Errorf("%d problems in %s (listed above); nothing was imported", len(problems), fs.Arg(0))
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *replace {
		_, err = db.ReplaceFrameworkVersion(ctx, store.Actor{}, f, false)
	} else {
		_, err = db.SaveFrameworkVersion(ctx, store.Actor{}, f, false)
	}
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("framework %q already has a version %q: give the file a new version, or use --replace", f.Key, f.Version)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %s version %s (%d nodes).\n", f.Title, f.Version, f.CountNodes())
	return nil
}

func frameworksExport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "frameworks export", "KEY VERSION [flags]")
	dsn := databaseFlag(fs)
	formatName := fs.String("format", "yaml", "file `format`: yaml, json, csv, xlsx or case")
	output := fs.String("output", "", "write to this `file` instead of standard output")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errUsage
	}
	format, err := transfer.ParseFormat(*formatName)
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := loadVersion(ctx, db, fs.Arg(0), fs.Arg(1))
	if err != nil {
		return err
	}
	if *output == "" {
		return transfer.Write(e.stdout, f, format)
	}
	file, err := os.Create(*output)
	if err != nil {
		return err
	}
	if err := transfer.Write(file, f, format); err != nil {
		file.Close()
		os.Remove(*output) // half a file is worse than none
		return err
	}
	// Close reports a failed write to disk, which must not pass as success.
	if err := file.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s.\n", *output)
	return nil
}
