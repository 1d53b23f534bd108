package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

const peopleUsage = `Usage: workframe people import --organisation ORG FILE
       workframe people export --organisation ORG [--format csv|xlsx] [--output FILE]
       workframe people training-needs --organisation ORG [--essential-only] [--include-aim]
                                       [--days N] [--format csv|xlsx] [--output FILE]

import  adds or updates the organisation's people and their assignments from an HR extract
        (CSV or XLSX; the columns are in docs/transfer.md). The whole file is checked first:
        every bad row is printed with its line and column, and nothing changes until the file
        is right. People already there (by employee number) are updated, not added again.
export  writes the people of the organisation and everything below it in the same columns, to
        FILE or standard output.
training-needs
        writes the competences most often missing, partly met, expired or expiring (due for
        review within --days, 90 by default) against the roles the people of the organisation,
        service or team (and everything below it) hold, ranked by the gaps training would close.
        Counts only, no names. --include-aim adds the roles people aim for (counted once at
        least five of them name one); --essential-only leaves desirable requirements out.

  --organisation ORG   the organisation the people work for (an id or an exact name)`

func runPeople(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export" && args[0] != "training-needs") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, peopleUsage)
			return nil
		}
		fmt.Fprintln(e.stderr, peopleUsage)
		return errUsage
	}
	sub := args[0]
	fs := newFlags(e, "people "+sub, "--organisation ORG ...")
	dsn := databaseFlag(fs)
	org := fs.String("organisation", "", "the organisation (`id or name`)")
	format := fs.String("format", "csv", "export format: `csv or xlsx`")
	output := fs.String("output", "", "export to this `file` instead of standard output")
	essentialOnly := fs.Bool("essential-only", false, "training needs: essential requirements only")
	includeAim := fs.Bool("include-aim", false, "training needs: count the roles people aim for too")
	days := fs.Int("days", workforce.DefaultExpiringDays, "training needs: expiring means due for review within this many `days`")
	if err := parseFlags(fs, e, args[1:]); err != nil {
		return err
	}
	if *org == "" {
		return errors.New("--organisation is required")
	}
	db, err := openDatabase(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	o, err := findOrganisation(ctx, db, *org)
	if err != nil {
		return err
	}
	switch sub {
	case "export":
		return exportPeople(ctx, e, db, o, *format, *output)
	case "training-needs":
		return trainingNeeds(ctx, e, db, o, *format, *output, *days, *essentialOnly, *includeAim)
	}
	if fs.NArg() != 1 {
		return errors.New("give one file to import")
	}
	return importPeople(ctx, e, db, o, fs.Arg(0))
}

func importPeople(ctx context.Context, e env, db *store.DB, o store.Organisation, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	roles, err := db.EmployerRoles(ctx, o.ID)
	if err != nil {
		return err
	}
	teams, err := db.Teams(ctx, o.ID)
	if err != nil {
		return err
	}
	roleIDs, teamIDs := map[string]int64{}, map[string]int64{}
	for _, r := range roles {
		roleIDs[r.Title] = r.ID
	}
	for _, t := range teams {
		teamIDs[t.Name] = t.ID
	}
	people, where, problems := transfer.PreparePeople(file, data, transfer.NameLookup(roleIDs), transfer.NameLookup(teamIDs))
	if len(problems) == 0 {
		var res store.ImportResult
		res, err = db.ImportPeople(ctx, store.System, o.ID, people)
		var inv *store.InvalidPeopleError
		if errors.As(err, &inv) {
			for _, pp := range inv.People {
				for _, p := range pp.Problems {
					problems = append(problems, transfer.PersonProblem(where, pp.Index, p.Field, p.Message))
				}
			}
		} else if err != nil {
			return err
		} else {
			fmt.Fprintf(e.stdout, "Imported %s into %s: %d added, %d updated, %d unchanged.\n", file, o.Name, res.Created, res.Updated, res.Unchanged)
			return nil
		}
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s: %s\n", file, p)
	}
	return fmt.Errorf("%s was not imported: %d problems, listed above; nothing changed", file, len(problems))
}

func exportPeople(ctx context.Context, e env, db *store.DB, o store.Organisation, format, output string) error {
	if format != "csv" && format != "xlsx" {
		return fmt.Errorf("--format must be csv or xlsx, not %q", format)
	}
	ids, err := subtree(ctx, db, o.ID)
	if err != nil {
		return err
	}
	var people []workforce.Person
	for offset := 0; ; offset += store.MaxPeoplePage {
		page, err := db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: ids, Limit: store.MaxPeoplePage, Offset: offset})
		if err != nil {
			return err
		}
		people = append(people, page.People...)
		if offset+store.MaxPeoplePage >= page.Total {
			break
		}
	}
	names := map[int64]string{}
	all, err := db.Organisations(ctx)
	if err != nil {
		return err
	}
	for _, x := range all {
		names[x.ID] = x.Name
	}
	titles := map[int64]string{}
	for _, p := range people {
		for _, a := range p.Assignments {
			if _, ok := titles[a.RoleID]; !ok {
				r, err := db.Role(ctx, a.RoleID)
				if err != nil {
					return err
				}
				titles[a.RoleID] = r.Title
			}
		}
	}
	table := transfer.PeopleTable(people, func(id int64) string { return titles[id] }, func(id int64) string { return names[id] })
	var buf bytes.Buffer
	if format == "csv" {
		err = transfer.WritePeopleCSV(&buf, table)
	} else {
		err = transfer.WritePeopleXLSX(&buf, table)
	}
	if err != nil {
		return err
	}
	if err := db.WriteAudit(ctx, store.System, store.AuditEntry{OrganisationID: o.ID, Entity: store.EntityPerson, Action: "export",
		Summary: fmt.Sprintf("exported %d people as %s from the command line", len(people), format), Fields: []string{"people"}}); err != nil {
		return err
	}
	if output == "" {
		_, err = buf.WriteTo(e.stdout)
		return err
	}
	if err := os.WriteFile(output, buf.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Wrote %d people to %s.\n", len(people), output)
	return nil
}
