package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
)

// profilesExport writes the role profiles of an organisation (and everything below it), or of
// every organisation, as the web pages' profile table. People's own profiles are theirs alone
// (docs/decisions/0004), so the command line never exports them.
func runProfilesExport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "profiles export", "[flags]")
	dsn := databaseFlag(fs)
	org := fs.String("organisation", "", "only the role profiles of this organisation and below (`id or name`); all without it")
	formatName := fs.String("format", "csv", "file `format`: csv, xlsx or json")
	output := fs.String("output", "", "write to this `file` instead of standard output")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	format, err := transfer.ParseFormat(*formatName)
	if err != nil || (format != transfer.FormatCSV && format != transfer.FormatXLSX && format != transfer.FormatJSON) {
		return fmt.Errorf("--format %q: profiles are exported as csv, xlsx or json", *formatName)
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var orgIDs []int64
	if *org != "" {
		o, err := findOrganisation(ctx, db, *org)
		if err != nil {
			return err
		}
		if orgIDs, err = subtree(ctx, db, o.ID); err != nil {
			return err
		}
	} else {
		all, err := db.Organisations(ctx)
		if err != nil {
			return err
		}
		for _, o := range all {
			orgIDs = append(orgIDs, o.ID)
		}
	}
	ps, err := db.VisibleProfiles(ctx, 0, orgIDs, 0) // user 0: nobody's own profiles
	if err != nil {
		return err
	}
	recs := make([]transfer.ProfileRecord, len(ps))
	for i, p := range ps {
		recs[i] = transfer.ProfileRecord{ID: p.ID, Title: p.Title, RoleID: p.RoleID, Version: p.Version, Profile: p.Profile}
	}
	lookup, lookupErr := storedFrameworks(ctx, db, false)
	var buf bytes.Buffer
	switch format {
	case transfer.FormatCSV:
		err = transfer.WriteProfilesCSV(&buf, recs, lookup)
	case transfer.FormatXLSX:
		err = transfer.WriteProfilesXLSX(&buf, recs, lookup)
	default:
		err = transfer.WriteProfilesJSON(&buf, recs)
	}
	if err = errors.Join(err, *lookupErr); err != nil {
		return err
	}
	if *output == "" {
		_, err := buf.WriteTo(e.stdout)
		return err
	}
	if err := os.WriteFile(*output, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s to %s.\n", countProfiles(len(recs)), *output)
	return nil
}

// storedFrameworks looks framework versions up in the database, once each. With publicOnly it
// finds only the public versions of profile frameworks, the ones profiles may be made on.
func storedFrameworks(ctx context.Context, db *store.DB, publicOnly bool) (transfer.FrameworkLookup, *error) {
	var lookupErr error
	cache := map[string]*framework.Framework{}
	return func(key, version string) *framework.Framework {
		ref := key + "@" + version
		if f, ok := cache[ref]; ok {
			return f
		}
		f, meta, err := db.FrameworkVersion(ctx, key, version)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			lookupErr = err
		}
		if publicOnly && f != nil && (meta.OrganisationID != 0 || f.Kind != framework.KindProfile || profile.FrameworkProblems(f) != nil) {
			f = nil
		}
		cache[ref] = f
		return f
	}, &lookupErr
}

// runProfilesImport adds the profiles of a CSV or XLSX profile table, all or nothing: a row
// with a role_id becomes a profile of that role, a row without one the own profile of the
// person --as names. Every problem is printed by line and column, and nothing is saved.
func runProfilesImport(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "profiles import", "FILE [flags]")
	dsn := databaseFlag(fs)
	as := fs.String("as", "", "the `email` of the person whose own profiles the rows without a role_id become")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var owner store.User
	if *as != "" {
		if owner, err = db.UserByEmail(ctx, *as); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("--as: no user has the email address %q", *as)
			}
			return err
		}
	}
	lookup, lookupErr := storedFrameworks(ctx, db, true)
	var recs []transfer.ProfileRecord
	var problems []transfer.Problem
	if transfer.DetectProfiles(data) == transfer.FormatXLSX {
		recs, problems = transfer.ReadProfilesXLSX(bytes.NewReader(data), lookup)
	} else {
		recs, problems = transfer.ReadProfilesCSV(bytes.NewReader(data), lookup)
	}
	if *lookupErr != nil {
		return *lookupErr
	}
	var ps []store.Profile
	for _, rec := range recs {
		p := store.Profile{Title: rec.Title, Profile: rec.Profile}
		switch {
		case rec.RoleID != 0:
			role, err := db.Role(ctx, rec.RoleID)
			if errors.Is(err, store.ErrNotFound) {
				problems = append(problems, transfer.Problem{Line: rec.Line, Field: "role_id", Reason: fmt.Sprintf("there is no role %d", rec.RoleID)})
				continue
			}
			if err != nil {
				return err
			}
			p.RoleID, p.OrganisationID = role.ID, role.OrganisationID
		case owner.ID == 0:
			problems = append(problems, transfer.Problem{Line: rec.Line, Field: "role_id",
				Reason: "empty: give the role, or --as the email address of the person whose own profile this is"})
			continue
		default:
			p.UserID = owner.ID
		}
		ps = append(ps, p)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(e.stderr, "%s: %s\n", fs.Arg(0), p)
		}
		return fmt.Errorf("%s: nothing imported: %d problems", fs.Arg(0), len(problems))
	}
	saved, err := db.ImportProfiles(ctx, store.System, ps)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %s from %s.\n", countProfiles(len(saved)), fs.Arg(0))
	return nil
}

func countProfiles(n int) string {
	if n == 1 {
		return "1 profile"
	}
	return fmt.Sprintf("%d profiles", n)
}
