package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/store"
)

func TestRolesImport(t *testing.T) {
	c := newCLI(t)
	ctx := context.Background()
	db, err := openDatabase(ctx, c.env["WORKFRAME_DATABASE"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncBuiltins(ctx, db); err != nil {
		t.Fatal(err)
	}
	trust, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Test Trust", Kind: "organisation"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.csv", "Title,Level\nPorter,12\n")
	roles := write("roles.csv", "Title,Level,Band\nPorter,1,2\nStaff nurse,5,5\n")
	comps := write("competences.csv", "Role title,Framework,Competence,Level\nStaff nurse,ksf,C1,2\n")

	code, _, errOut := c.run("", "roles", "import", bad, "--organisation", "Test Trust")
	if code != 1 || !strings.Contains(errOut, "Roles sheet, row 2, level: Level must be from 1 to 9") || !strings.Contains(errOut, "nothing was saved") {
		t.Errorf("bad file: code %d\n%s", code, errOut)
	}
	code, out, errOut := c.run("", "roles", "import", roles, "--competences", comps, "--organisation", "Test Trust", "--dry-run")
	if code != 0 || !strings.Contains(out, "would give 2 added, 0 updated, 0 unchanged") {
		t.Errorf("dry run: code %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = c.run("", "roles", "import", roles, "--competences", comps, "--organisation", "Test Trust")
	if code != 0 || !strings.Contains(out, "2 added, 0 updated, 0 unchanged") {
		t.Errorf("import: code %d\n%s%s", code, out, errOut)
	}
	code, out, _ = c.run("", "roles", "import", roles, "--competences", comps, "--organisation", "Test Trust")
	if code != 0 || !strings.Contains(out, "0 added, 0 updated, 2 unchanged") {
		t.Errorf("the same file again: code %d\n%s", code, out)
	}
	db, err = openDatabase(ctx, c.env["WORKFRAME_DATABASE"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{trust.ID}, Status: store.RoleStatusAny})
	if err != nil || page.Total != 2 {
		t.Errorf("%d roles stored (%v)", page.Total, err)
	}
}
