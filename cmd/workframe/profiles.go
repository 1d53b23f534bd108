package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

const profilesUsage = `Usage: workframe profiles COMMAND [flags]

  migrate   move profiles to a later version of their framework, with a report
  export    write an organisation's role profiles to a CSV, XLSX or JSON file
  import    add the profiles of a CSV or XLSX file, all or nothing

workframe profiles COMMAND --help describes each.`

const profilesMigrateUsage = `Usage: workframe profiles migrate --framework KEY --from VERSION --to VERSION [flags]

Moves every profile made on one version of a profile framework to a later version through the
later version's crosswalk, and prints a report: what moved, what each person should check, and
what could not move (an unfinished draft). Each profile's earlier version stays in its history.

  --organisation ORG   only the profiles of ORG's roles and of people with access to ORG or
                       anything below it (an id or an exact name); all profiles without it
  --dry-run            report what would happen and change nothing`

func runProfiles(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, profilesUsage)
		return nil
	}
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, profilesUsage)
		return errUsage
	}
	switch args[0] {
	case "migrate":
		return runProfilesMigrate(ctx, e, args[1:])
	case "export":
		return runProfilesExport(ctx, e, args[1:])
	case "import":
		return runProfilesImport(ctx, e, args[1:])
	}
	fmt.Fprintln(e.stderr, profilesUsage)
	return errUsage
}

func runProfilesMigrate(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, profilesMigrateUsage)
		return nil
	}
	fs := newFlags(e, "profiles migrate", "--framework KEY --from VERSION --to VERSION [flags]")
	dsn := databaseFlag(fs)
	key := fs.String("framework", "", "framework `key`, e.g. iwf")
	fromVersion := fs.String("from", "", "the `version` the profiles are on now")
	toVersion := fs.String("to", "", "the `version` to move them to")
	org := fs.String("organisation", "", "only this organisation's profiles (`id or name`)")
	dryRun := fs.Bool("dry-run", false, "report only; change nothing")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *key == "" || *fromVersion == "" || *toVersion == "" {
		return errors.New("--framework, --from and --to are required")
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	from, err := loadVersion(ctx, db, *key, *fromVersion)
	if err != nil {
		return err
	}
	to, err := loadVersion(ctx, db, *key, *toVersion)
	if err != nil {
		return err
	}
	if !to.Crosswalk.MapsFrom(from.Version) {
		return fmt.Errorf("%s version %s has no crosswalk from version %s, so profiles cannot be moved automatically", to.Title, to.Version, from.Version)
	}
	var orgIDs []int64
	if *org != "" {
		o, err := findOrganisation(ctx, db, *org)
		if err != nil {
			return err
		}
		if orgIDs, err = subtree(ctx, db, o.ID); err != nil {
			return err
		}
	}
	profiles, err := db.ProfilesOnVersion(ctx, from.Key, from.Version, orgIDs)
	if err != nil {
		return err
	}
	return migrateProfiles(ctx, e, db, profiles, from, to, *dryRun)
}

func migrateProfiles(ctx context.Context, e env, db *store.DB, profiles []store.Profile, from, to *framework.Framework, dryRun bool) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tTITLE\tRESULT\tTO CHECK")
	moved, skipped := 0, 0
	for _, rec := range profiles {
		out, notes, err := profile.Migrate(rec.Profile, from, to)
		var invalid *profile.SourceError
		switch {
		case errors.As(err, &invalid):
			skipped++
			fmt.Fprintf(tw, "%d\t%s\tnot moved: %s\t\n", rec.ID, rec.Title, invalid.Problems[0].Message)
			continue
		case err != nil:
			return fmt.Errorf("profile %d: %w", rec.ID, err)
		}
		result := "moved"
		if dryRun {
			result = "would move"
		} else {
			rec.Profile = out
			if _, err := db.UpdateProfile(ctx, store.System, rec); err != nil {
				if errors.Is(err, store.ErrConflict) {
					skipped++
					fmt.Fprintf(tw, "%d\t%s\tnot moved: changed while migrating; run again\t\n", rec.ID, rec.Title)
					continue
				}
				return fmt.Errorf("profile %d: %w", rec.ID, err)
			}
		}
		moved++
		if out.Draft {
			result += " (as a draft)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d notes\n", rec.ID, rec.Title, result, len(notes))
		for _, n := range notes {
			fmt.Fprintf(tw, "\t\t\t- %s\n", n.Message)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	verb := "Moved"
	if dryRun {
		verb = "Would move"
	}
	fmt.Fprintf(e.stdout, "\n%s %d of %d profiles from %s %s to %s; %d not moved.\n", verb, moved, len(profiles), from.Title, from.Version, to.Version, skipped)
	return nil
}

// subtree returns an organisation's id and the ids of everything below it.
func subtree(ctx context.Context, db *store.DB, rootID int64) ([]int64, error) {
	all, err := db.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	children := map[int64][]int64{}
	for _, o := range all {
		children[o.ParentID] = append(children[o.ParentID], o.ID)
	}
	out := []int64{rootID}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out, nil
}
