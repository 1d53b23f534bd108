package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/workframe/workframe/internal/demo"
)

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "[flags]")
	dsn := databaseFlag(fs)
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
	res, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	switch {
	case res.Created:
		fmt.Fprintf(e.stdout, "Loaded %d built-in framework versions and the demo partnership %q with %d roles, %d profiles and %d career frameworks.\n",
			n, demo.Partnership, res.RolesCreated, res.ProfilesCreated, res.CareerFrameworksCreated)
	case res.RolesCreated+res.ProfilesCreated+res.CareerFrameworksCreated > 0:
		fmt.Fprintf(e.stdout, "The demo was loaded before; added %d roles, %d profiles and %d career frameworks it lacked. Its accounts have a new password.\n",
			res.RolesCreated, res.ProfilesCreated, res.CareerFrameworksCreated)
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
