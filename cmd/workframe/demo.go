package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
)

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "[flags]")
	dsn := databaseFlag(fs)
	scale := fs.String("scale", "", "load generated data instead of the hand-made demo: `small`, trust, system or national")
	seed := fs.Uint64("seed", 1, "with --scale: the seed; the same seed and scale always give the same data")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := syncBuiltins(ctx, db)
	if err != nil {
		return err
	}
	if *scale != "" {
		return loadGenerated(ctx, e, db, *scale, *seed)
	}
	res, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	switch {
	case res.Created:
		fmt.Fprintf(e.stdout, "Loaded %d built-in framework versions and the demo partnership %q with %s, %s, %s, %s and %s.\n",
			n, demo.Partnership, count(res.RolesCreated, "role"), count(res.ProfilesCreated, "profile"),
			count(res.CareerFrameworksCreated, "career framework"), count(res.PeopleCreated, "person"),
			count(res.AssessmentsCreated, "self-assessment cycle"))
	case res.RolesCreated+res.ProfilesCreated+res.CareerFrameworksCreated+res.PeopleCreated > 0:
		fmt.Fprintf(e.stdout, "The demo was loaded before; added %d roles, %d profiles, %d career frameworks and %d people it lacked. Its accounts have a new password.\n",
			res.RolesCreated, res.ProfilesCreated, res.CareerFrameworksCreated, res.PeopleCreated)
	default:
		fmt.Fprintln(e.stdout, "The demo was already loaded; its accounts have a new password.")
	}
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "Demo sign-in (every demo account uses this password):")
	fmt.Fprintf(e.stdout, "  email:    %s\n  password: %s\n\n", res.Accounts[0].Email, res.Password)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  EMAIL\tACCESS")
	for _, a := range res.Accounts {
		access := fmt.Sprintf("%s in %s", a.AccessRole, a.Organisation)
		if a.SiteAdmin {
			access = "site administrator; " + access
		}
		fmt.Fprintf(tw, "  %s\t%s\n", a.Email, access)
	}
	return tw.Flush()
}

// loadGenerated loads a generated data set, printing progress as it goes: the national scale
// takes a while.
func loadGenerated(ctx context.Context, e env, db *store.DB, scaleName string, seed uint64) error {
	scale, err := generate.ScaleNamed(scaleName)
	if err != nil {
		return err
	}
	start, last := time.Now(), time.Time{}
	progress := func(p generate.Progress) {
		if time.Since(last) < 2*time.Second && p.Done != p.Total {
			return
		}
		last = time.Now()
		if p.Total == 0 {
			fmt.Fprintf(e.stdout, "  %s: %d (%s)\n", p.Stage, p.Done, time.Since(start).Round(time.Second))
			return
		}
		fmt.Fprintf(e.stdout, "  %s: %d of %d (%s)\n", p.Stage, p.Done, p.Total, time.Since(start).Round(time.Second))
	}
	fmt.Fprintf(e.stdout, "Generating the %s scale with seed %d into the %s database...\n", scale.Name, seed, db.Engine())
	res, err := demo.LoadGenerated(ctx, db, generate.Options{Seed: seed, Scale: scale}, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Loaded %d organisations with %d services, %d teams, %d roles and %d people holding %d competences in %s.\n",
		res.Organisations, res.Services, res.Teams, res.Roles, res.People, res.PortfolioEntries, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "With %d IWF role profiles, %d people's own profiles, %d self-assessment cycles with %d actions, and %d partnership plans with %d actions; %d accounts share the password below.\n\n",
		res.RoleProfiles, res.OwnProfiles, res.Cycles, res.AssessmentActions, res.Plans, res.PlanActions, res.Accounts)
	fmt.Fprintf(e.stdout, "Sign in as a site administrator:\n  email:    %s\n  password: %s\n", demo.GeneratedAdmin, res.Password)
	return nil
}

// count says "1 role", "2 roles", "36 people".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case noun == "person":
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
