package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

func runUser(ctx context.Context, e env, args []string) error {
	subs := map[string]func(context.Context, env, []string) error{
		"add": userAdd, "list": userList, "set-role": userSetRole, "disable": userDisable, "enable": userEnable,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, userUsage)
			return nil
		}
		fmt.Fprintln(e.stderr, userUsage)
		return errUsage
	}
	return subs[args[0]](ctx, e, args[1:])
}

const userUsage = `Usage: workframe user <add|list|set-role|disable|enable> [flags]

  add       --email E --name N [--organisation O --access-role R] [--site-admin] [--password-stdin]
  list      every account with its access roles
  set-role  --email E --organisation O --access-role R   (R "none" removes the access)
  disable   --email E   turn an account off and sign it out everywhere
  enable    --email E   turn an account on again

Access roles: administrator, planner, manager, staff, viewer.
An organisation is given by its id or its exact name.`

func userAdd(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "user add", "--email E --name N [flags]")
	dsn := databaseFlag(fs)
	email := fs.String("email", "", "email `address` the person signs in with")
	name := fs.String("name", "", "full `name`")
	org := fs.String("organisation", "", "organisation `id or name` to give access to")
	role := fs.String("access-role", "staff", "access `role` in that organisation")
	siteAdmin := fs.Bool("site-admin", false, "make the account a site administrator (manages the whole deployment)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return errors.New("--email and --name are required")
	}
	password := auth.RandomPassword()
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if err := auth.CheckNewPassword(password, *email); err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var orgID int64
	var access store.AccessRole
	if *org != "" {
		o, err := findOrganisation(ctx, db, *org)
		if err != nil {
			return err
		}
		orgID = o.ID
		if access, err = store.ParseAccessRole(*role); err != nil {
			return err
		}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	u, err := db.CreateUser(ctx, store.Actor{}, store.User{Email: strings.ToLower(*email), Name: *name, PasswordHash: hash, SiteAdmin: *siteAdmin})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("an account with the email address %s already exists", *email)
	}
	if err != nil {
		return err
	}
	if orgID != 0 {
		if err := db.SetMembership(ctx, store.Actor{}, u.ID, orgID, access); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Added %s <%s>.\n", u.Name, u.Email)
	if !*fromStdin {
		fmt.Fprintf(e.stdout, "One-time password: %s\n", password)
	}
	return nil
}

func userList(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "user list", "[flags]")
	dsn := databaseFlag(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tSTATUS\tACCESS")
	for _, u := range users {
		ms, err := db.Memberships(ctx, u.ID)
		if err != nil {
			return err
		}
		var access []string
		if u.SiteAdmin {
			access = append(access, "site administrator")
		}
		for _, m := range ms {
			access = append(access, fmt.Sprintf("%s in %s", m.AccessRole, m.OrganisationName))
		}
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, status, strings.Join(access, "; "))
	}
	return tw.Flush()
}

func userSetRole(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "user set-role", "--email E --organisation O --access-role R")
	dsn := databaseFlag(fs)
	email := fs.String("email", "", "email `address` of the account")
	org := fs.String("organisation", "", "organisation `id or name`")
	role := fs.String("access-role", "", "access `role`, or none to remove the access")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *email == "" || *org == "" || *role == "" {
		return errors.New("--email, --organisation and --access-role are required")
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := findUser(ctx, db, *email)
	if err != nil {
		return err
	}
	o, err := findOrganisation(ctx, db, *org)
	if err != nil {
		return err
	}
	if *role == "none" {
		if err := db.RemoveMembership(ctx, store.Actor{}, u.ID, o.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s no longer has access to %s.\n", u.Email, o.Name)
		return nil
	}
	access, err := store.ParseAccessRole(*role)
	if err != nil {
		return err
	}
	if err := db.SetMembership(ctx, store.Actor{}, u.ID, o.ID, access); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is now %s in %s.\n", u.Email, access, o.Name)
	return nil
}

func userDisable(ctx context.Context, e env, args []string) error {
	return setDisabled(ctx, e, args, true)
}
func userEnable(ctx context.Context, e env, args []string) error {
	return setDisabled(ctx, e, args, false)
}

func setDisabled(ctx context.Context, e env, args []string, disabled bool) error {
	verb := map[bool]string{true: "disable", false: "enable"}[disabled]
	fs := newFlags(e, "user "+verb, "--email E")
	dsn := databaseFlag(fs)
	email := fs.String("email", "", "email `address` of the account")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := findUser(ctx, db, *email)
	if err != nil {
		return err
	}
	u.Disabled = disabled
	if _, err := db.UpdateUser(ctx, store.Actor{}, u); err != nil {
		return err
	}
	if disabled {
		if err := db.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is disabled and signed out everywhere.\n", u.Email)
	} else {
		fmt.Fprintf(e.stdout, "%s can sign in again.\n", u.Email)
	}
	return nil
}

func findUser(ctx context.Context, db *store.DB, email string) (store.User, error) {
	u, err := db.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return u, fmt.Errorf("no account has the email address %s", email)
	}
	return u, err
}

func findOrganisation(ctx context.Context, db *store.DB, ref string) (store.Organisation, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		o, err := db.Organisation(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return o, fmt.Errorf("no organisation has the id %d", id)
		}
		return o, err
	}
	o, err := db.OrganisationByName(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return o, fmt.Errorf("no organisation is called %q (names must match exactly; \"workframe user list\" and the Organisations page show them)", ref)
	}
	return o, err
}
