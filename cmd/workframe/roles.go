package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/transfer"
	"github.com/workframe/workframe/internal/workforce"
)

const rolesUsage = `Usage: workframe roles import FILE --organisation ORG [flags]

Adds and updates the roles of an organisation from the roles template: a workbook (XLSX) with
Roles and Competences sheets, or a roles CSV file (with --competences for the competences CSV
file). docs/transfer.md describes the columns. A role whose title the organisation already has
is updated; the others are added. The whole file is checked first: every problem is printed
with its sheet, row and column, and nothing is saved unless every row is good.

  --organisation ORG   the organisation the roles belong to (an id or an exact name)
  --competences FILE   the competences CSV file, with a roles CSV file
  --dry-run            check the file and print what would happen; change nothing`

func runRoles(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, rolesUsage)
			return nil
		}
		fmt.Fprintln(e.stderr, rolesUsage)
		return errUsage
	}
	fs := newFlags(e, "roles import", "FILE --organisation ORG [flags]")
	dsn := databaseFlag(fs)
	org := fs.String("organisation", "", "the organisation the roles belong to (`id or name`)")
	comps := fs.String("competences", "", "the competences CSV `file`")
	dryRun := fs.Bool("dry-run", false, "check and report only; change nothing")
	if err := parseFlags(fs, e, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 || *org == "" {
		return errors.New("give one roles FILE and --organisation")
	}
	files := transfer.RoleFiles{RolesName: filepath.Base(fs.Arg(0))}
	var err error
	if files.Roles, err = os.ReadFile(fs.Arg(0)); err != nil {
		return err
	}
	if *comps != "" {
		files.CompetencesName = filepath.Base(*comps)
		if files.Competences, err = os.ReadFile(*comps); err != nil {
			return err
		}
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
	fws, err := db.UsableFrameworks(ctx, o.ID)
	if err != nil {
		return err
	}
	rf := transfer.NewRoleFrameworks(fws)
	roles, problems := transfer.ReadRoles(files, rf)
	if len(problems) > 0 {
		return importFailed(e, files, problems)
	}
	titles := make([]string, len(roles))
	for i, ir := range roles {
		titles[i] = ir.Role.Title
	}
	existing, err := db.RolesByTitle(ctx, o.ID, titles)
	if err != nil {
		return err
	}
	plan := transfer.PlanRoleImport(roles, o.ID, existing, rf.Lookup)
	counts := map[transfer.RoleImportAction]int{}
	var saving []workforce.Role
	var savingAt []int
	for i, p := range plan {
		counts[p.Action]++
		fmt.Fprintf(e.stdout, "row %d\t%s\t%s\n", p.Row, p.Action, p.Save.Title)
		for _, w := range p.Warnings {
			fmt.Fprintf(e.stdout, "  check: %s\n", w)
		}
		if p.Action != transfer.ActionUnchanged {
			saving = append(saving, p.Save)
			savingAt = append(savingAt, i)
		}
	}
	summary := fmt.Sprintf("%d added, %d updated, %d unchanged", counts[transfer.ActionCreate], counts[transfer.ActionUpdate], counts[transfer.ActionUnchanged])
	if *dryRun {
		fmt.Fprintf(e.stdout, "Dry run: importing %s into %s would give %s. Nothing was saved.\n", files.RolesName, o.Name, summary)
		return nil
	}
	_, err = db.ImportRoles(ctx, store.System, o.ID, saving)
	var inv *store.InvalidRolesError
	if errors.As(err, &inv) {
		var ps []transfer.RoleProblem
		for _, rp := range inv.Roles {
			for _, p := range rp.Problems {
				ps = append(ps, plan[savingAt[rp.Index]].Locate(p))
			}
		}
		return importFailed(e, files, ps)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %s into %s: %s.\n", files.RolesName, o.Name, summary)
	return nil
}

func importFailed(e env, files transfer.RoleFiles, problems []transfer.RoleProblem) error {
	for _, p := range problems {
		fmt.Fprintln(e.stderr, p)
	}
	return fmt.Errorf("%s was not imported: %d problems (listed above); nothing was saved", files.RolesName, len(problems))
}
