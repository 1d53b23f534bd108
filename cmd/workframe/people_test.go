package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPeopleImportExport(t *testing.T) {
	c := newCLI(t)
	if code, _, errOut := c.run("", "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "staff.csv")
	head := "Employee Number,Full Name,Position Title,Organisation,FTE,Assignment Start Date\n"
	bad := head + "90000001,Robin Hale,Staff nurse,Ward 7 Respiratory,1,2024-01-01\n" +
		"90000002,Sky Rivers,Staff nurse,No Such Ward,1,2024-01-01\n"
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	trust := "Riverside University Hospitals NHS Foundation Trust"
	code, _, errOut := c.run("", "people", "import", "--organisation", trust, file)
	if code != 1 || !strings.Contains(errOut, `line 3: organisation: no team called "No Such Ward"`) || !strings.Contains(errOut, "nothing changed") {
		t.Fatalf("bad file: %d %q", code, errOut)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(bad, "No Such Ward", "Ward 7 Respiratory", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := c.run("", "people", "import", "--organisation", trust, file)
	if code != 0 || !strings.Contains(out, "2 added, 0 updated") {
		t.Fatalf("good file: %d %q %q", code, out, errOut)
	}
	code, out, _ = c.run("", "people", "import", "--organisation", trust, file)
	if code != 0 || !strings.Contains(out, "0 added, 0 updated, 2 unchanged") {
		t.Errorf("the same file again: %d %q", code, out)
	}
	code, out, _ = c.run("", "people", "export", "--organisation", trust)
	if code != 0 || !strings.Contains(out, "90000002,Sky Rivers,,Staff nurse,Ward 7 Respiratory,1.00,2024-01-01,") || !strings.Contains(out, "Casey Brown") {
		t.Errorf("export: %d %q", code, out)
	}
	code, out, _ = c.run("", "people", "export", "--organisation", "Northgate Community Health NHS Trust")
	if code != 0 || strings.Contains(out, "Sky Rivers") || strings.Contains(out, "Casey Brown") {
		t.Errorf("another trust's export holds the trust's people: %q", out)
	}
}

func TestTrainingNeedsCLI(t *testing.T) {
	c := newCLI(t)
	if code, _, errOut := c.run("", "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := c.run("", "people", "training-needs", "--organisation", "Clinical Research Delivery Team", "--include-aim")
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(out, "\ufeff")), "\n") // the CSV starts with a BOM for Excel
	if code != 0 || len(lines) < 3 || !strings.HasPrefix(lines[0], "Rank,Framework,Version,Competence key") || !strings.HasPrefix(lines[1], "1,") {
		t.Fatalf("training needs: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "Aimed-for roles are not counted") || strings.Contains(out, "Jordan Lee") {
		t.Errorf("aim and names: %q", errOut)
	}
	if code, _, errOut := c.run("", "people", "training-needs", "--organisation", "Clinical Research Delivery Team", "--days", "0"); code == 0 || !strings.Contains(errOut, "--days") {
		t.Errorf("bad days: %d %q", code, errOut)
	}
}
