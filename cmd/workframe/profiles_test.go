package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

func TestProfilesMigrate(t *testing.T) {
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
	team, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Research Team", Kind: "team", ParentID: trust.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Other Trust", Kind: "organisation"}); err != nil {
		t.Fatal(err)
	}
	old, _, err := db.FrameworkVersion(ctx, "iwf", "1.0")
	if err != nil {
		t.Fatal(err)
	}
	nurse, err := db.CreateUser(ctx, store.System, store.User{Email: "nurse@test.example", Name: "Test Nurse"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetMembership(ctx, store.System, nurse.ID, team.ID, store.AccessStaff); err != nil {
		t.Fatal(err)
	}
	good := profile.Profile{FrameworkKey: "iwf", FrameworkVersion: "1.0"}
	for i, n := range old.ProfiledNodes() {
		share := 10
		if i == 0 {
			share = 100 - 10*(len(old.ProfiledNodes())-1)
		}
		good.Entries = append(good.Entries, profile.Entry{Node: n.Key, Share: share, Level: old.Levels[1].Key})
	}
	broken := good
	broken.Entries = good.Entries[:3] // saved complete but missing elements: cannot move
	a, err := db.CreateProfile(ctx, store.System, store.Profile{UserID: nurse.ID, Title: "Last year", Profile: good})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.CreateProfile(ctx, store.System, store.Profile{UserID: nurse.ID, Title: "Broken", Profile: broken})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	args := []string{"profiles", "migrate", "--framework", "iwf", "--from", "1.0", "--to", "2.1", "--organisation", "Test Trust"}
	code, out, errOut := c.run("", append(args, "--dry-run")...)
	if code != 0 || !strings.Contains(out, "Would move 1 of 2 profiles") || !strings.Contains(out, "not moved: Give a share to") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	db, _ = openDatabase(ctx, c.env["WORKFRAME_DATABASE"])
	if p, _ := db.GetProfile(ctx, a.ID); p.Profile.FrameworkVersion != "1.0" {
		t.Fatalf("the dry run changed a profile")
	}
	db.Close()

	code, out, errOut = c.run("", args...)
	if code != 0 || !strings.Contains(out, "Moved 1 of 2 profiles") {
		t.Fatalf("migrate: %d %q %q", code, out, errOut)
	}
	db, _ = openDatabase(ctx, c.env["WORKFRAME_DATABASE"])
	defer db.Close()
	moved, _ := db.GetProfile(ctx, a.ID)
	to, _, _ := db.FrameworkVersion(ctx, "iwf", "2.1")
	if moved.Profile.FrameworkVersion != "2.1" || len(profile.Validate(moved.Profile, to)) != 0 {
		t.Errorf("the moved profile is not a valid 2.1 profile: %+v", moved.Profile)
	}
	if hist, _ := db.ProfileHistory(ctx, a.ID); len(hist) != 2 || hist[1].Profile.FrameworkVersion != "1.0" {
		t.Errorf("the 1.0 profile is not kept in the history")
	}
	if p, _ := db.GetProfile(ctx, b.ID); p.Profile.FrameworkVersion != "1.0" {
		t.Errorf("the broken profile was moved")
	}
	// Another organisation's scope finds nothing to move.
	code, out, _ = c.run("", "profiles", "migrate", "--framework", "iwf", "--from", "1.0", "--to", "2.1", "--organisation", "Other Trust")
	if code != 0 || !strings.Contains(out, "Moved 0 of 0 profiles") {
		t.Errorf("another organisation: %d %q", code, out)
	}
	if code, _, errOut := c.run("", "profiles", "migrate", "--framework", "iwf", "--from", "2.1", "--to", "1.0"); code != 1 || !strings.Contains(errOut, "no crosswalk") {
		t.Errorf("backwards: %d %q", code, errOut)
	}
}

func TestProfilesExportImport(t *testing.T) {
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
	role, err := db.CreateRole(ctx, store.System, workforce.Role{OrganisationID: trust.ID, Title: "Research nurse", StaffGroup: "Nursing and Midwifery Registered", Level: 5})
	if err != nil {
		t.Fatal(err)
	}
	nurse, err := db.CreateUser(ctx, store.System, store.User{Email: "nurse@test.example", Name: "Test Nurse"})
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := db.FrameworkVersion(ctx, "iwf", "2.1")
	if err != nil {
		t.Fatal(err)
	}
	p := profile.Even(f)
	p.Draft = false
	for i := range p.Entries {
		p.Entries[i].Level = "core"
	}
	if _, err := db.CreateProfile(ctx, store.System, store.Profile{RoleID: role.ID, OrganisationID: trust.ID, Title: "Research nurse 2026", Profile: p}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateProfile(ctx, store.System, store.Profile{UserID: nurse.ID, Title: "Private", Profile: p}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, errOut := c.run("", "profiles", "export", "--organisation", "Test Trust")
	if code != 0 || !strings.Contains(out, "Research nurse 2026") || strings.Contains(out, "Private") || !strings.Contains(out, "leadership share") {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	file := filepath.Join(t.TempDir(), "profiles.csv")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := c.run("", "profiles", "import", file); code != 0 || !strings.Contains(out, "Imported 1 profile from") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	// A row without a role needs --as; with a bad row among good ones nothing is saved.
	csv, _ := os.ReadFile(file)
	rows := strings.Split(strings.TrimSpace(string(csv)), "\n")
	own := strings.Replace(rows[1], fmt.Sprintf(",%d,", role.ID), ",,", 1)
	mixed := strings.Join([]string{rows[0], rows[1], own}, "\n") + "\n"
	if err := os.WriteFile(file, []byte(mixed), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = c.run("", "profiles", "import", file)
	if code != 1 || !strings.Contains(errOut, "line 3: role_id: empty") || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("a row without a role and no --as: %d %q", code, errOut)
	}
	if code, out, errOut := c.run("", "profiles", "import", file, "--as", "nurse@test.example"); code != 0 || !strings.Contains(out, "Imported 2 profiles") {
		t.Errorf("import --as: %d %q %q", code, out, errOut)
	}
	db, _ = openDatabase(ctx, c.env["WORKFRAME_DATABASE"])
	defer db.Close()
	if ps, _ := db.RoleProfiles(ctx, role.ID); len(ps) != 3 {
		t.Errorf("the role has %d profiles, want 3 (one made, two imported)", len(ps))
	}
	if ps, _ := db.UserProfiles(ctx, nurse.ID); len(ps) != 2 {
		t.Errorf("the nurse has %d profiles, want 2 (one made, one imported)", len(ps))
	}
}
