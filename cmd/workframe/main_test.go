package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// cli runs the command in-process as the binary would, with its own environment.
type cli struct {
	t   *testing.T
	env map[string]string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, env: map[string]string{"WORKFRAME_DATABASE": filepath.Join(t.TempDir(), "test.db")}}
}

func (c *cli) run(stdin string, args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, func(k string) string { return c.env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageAndErrors(t *testing.T) {
	c := newCLI(t)
	if code, out, _ := c.run("", "--help"); code != 0 || !strings.Contains(out, "frameworks") {
		t.Errorf("--help: %d %q", code, out)
	}
	code, _, errOut := c.run("", "frobnicate")
	if code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, out, _ := c.run("", "version"); code != 0 || !strings.HasPrefix(out, "workframe ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, cmd := range []string{"serve", "migrate", "demo", "version"} {
		if code, _, errOut := c.run("", cmd, "--help"); code != 0 || !strings.Contains(errOut, "Usage: workframe "+cmd) {
			t.Errorf("%s --help: %d %q", cmd, code, errOut)
		}
	}
	// A failure is one line on stderr and a non-zero exit.
	code, _, errOut = c.run("", "user", "add", "--email", "x@example.org")
	if code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "--name") {
		t.Errorf("user add without --name: %d %q", code, errOut)
	}
	code, _, errOut = c.run("", "serve", "--addr", "not-an-address:xyz")
	if code != 1 || !strings.Contains(errOut, "listening on") {
		t.Errorf("serve on a bad address: %d %q", code, errOut)
	}
	c.env["WORKFRAME_DATABASE"] = "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
	if code, _, errOut := c.run("", "migrate"); code != 1 || !strings.Contains(errOut, "opening the database") {
		t.Errorf("migrate against no server: %d %q", code, errOut)
	}
}

func TestEnvironmentFillsFlags(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["WORKFRAME_DATABASE"] = filepath.Join(dir, "from-env.db")
	if code, _, errOut := c.run("", "migrate"); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "from-env.db")); err != nil {
		t.Errorf("WORKFRAME_DATABASE was not used: %v", err)
	}
	// A flag on the command line wins over the environment.
	if code, _, errOut := c.run("", "migrate", "--database", filepath.Join(dir, "from-flag.db")); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "from-flag.db")); err != nil {
		t.Errorf("--database was not used: %v", err)
	}
	c.env["WORKFRAME_LOG_FORMAT"] = "json"
	c.env["WORKFRAME_NHS_BRANDING"] = "perhaps"
	if code, _, errOut := c.run("", "serve", "--addr", "127.0.0.1:0"); code != 1 || !strings.Contains(errOut, "WORKFRAME_NHS_BRANDING") {
		t.Errorf("bad boolean in the environment: %d %q", code, errOut)
	}
}

func TestDemoAndUsers(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	if !strings.Contains(out, "admin@riverside.example") || !strings.Contains(out, "password: ") {
		t.Errorf("demo does not print the sign-in: %q", out)
	}
	// Running it again keeps the data and gives a new password.
	code, again, _ := c.run("", "demo")
	if code != 0 || !strings.Contains(again, "already loaded") || again == out {
		t.Errorf("second demo: %d %q", code, again)
	}
	code, out, _ = c.run("", "frameworks", "list")
	if code != 0 || !strings.Contains(out, "iwf") || !strings.Contains(out, "2.1") || !strings.Contains(out, "career-framework") {
		t.Errorf("frameworks list: %d %q", code, out)
	}
	code, out, _ = c.run("", "frameworks", "show", "iwf")
	if code != 0 || strings.Count(out, "(element)") != 12 || !strings.Contains(out, "[provisional]") {
		t.Errorf("frameworks show iwf: %d, %d elements\n%s", code, strings.Count(out, "(element)"), out)
	}

	code, out, errOut = c.run("", "user", "add", "--email", "Lee.Smith@Example.org", "--name", "Lee Smith",
		"--organisation", "Research and Development", "--access-role", "planner")
	if code != 0 || !strings.Contains(out, "One-time password: ") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := c.run("", "user", "add", "--email", "lee.smith@example.org", "--name", "Again"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate user: %d %q", code, errOut)
	}
	if code, _, errOut := c.run("password\n", "user", "add", "--email", "weak@example.org", "--name", "Weak", "--password-stdin"); code != 1 || !strings.Contains(errOut, "10 characters") {
		t.Errorf("weak password from stdin: %d %q", code, errOut)
	}
	if code, _, errOut := c.run("", "user", "set-role", "--email", "lee.smith@example.org", "--organisation", "No Such Trust", "--access-role", "viewer"); code != 1 || !strings.Contains(errOut, "No Such Trust") {
		t.Errorf("set-role in a missing organisation: %d %q", code, errOut)
	}
	if code, _, errOut := c.run("", "user", "disable", "--email", "lee.smith@example.org"); code != 0 {
		t.Errorf("disable: %d %q", code, errOut)
	}
	code, out, _ = c.run("", "user", "list")
	if code != 0 || !strings.Contains(out, "lee.smith@example.org") || !strings.Contains(out, "disabled") || !strings.Contains(out, "planner in Research and Development") {
		t.Errorf("user list: %d %q", code, out)
	}
}

func TestFrameworkFiles(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "local.yaml")
	os.WriteFile(good, []byte("key: local-ahp\ntitle: Local AHP framework\nversion: '1'\nkind: levels\nlevels:\n  - {key: l1, rank: 1, title: Entry}\nnodes:\n  - {key: physio, type: profession, title: Physiotherapy}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("key: Bad Key\ntitle: Bad\nversion: '1'\nkind: profile\nnodes:\n  - {key: a, type: element, title: A}\n  - {key: a, type: element, title: B}\n"), 0o644)
	brokenCASE := filepath.Join(dir, "broken.json")
	os.WriteFile(brokenCASE, []byte(`{"CFDocument":{"identifier":"d","title":"D"},"CFItems":[{"identifier":"i1","fullStatement":"One"}],"CFAssociations":[{"identifier":"a","associationType":"isChildOf","originNodeURI":{"identifier":"i1"},"destinationNodeURI":{"identifier":"ghost"}}]}`), 0o644)

	if code, out, _ := c.run("", "frameworks", "validate", good); code != 0 || !strings.Contains(out, "valid") {
		t.Errorf("validate good: %d %q", code, out)
	}
	code, out, errOut := c.run("", "frameworks", "validate", bad)
	if code != 1 || !strings.Contains(out, bad+": ") || !strings.Contains(errOut, "1 of 1 files") {
		t.Errorf("validate bad: %d %q %q", code, out, errOut)
	}
	// Every problem is reported: the bad key, the duplicate node and the missing rules.
	if n := strings.Count(out, bad+": "); n < 3 {
		t.Errorf("validate bad reported %d problems, want at least 3:\n%s", n, out)
	}
	for _, f := range []string{bad, brokenCASE} {
		code, _, errOut := c.run("", "frameworks", "import", f)
		if code != 1 || !strings.Contains(errOut, "nothing was imported") {
			t.Errorf("import %s: %d %q", filepath.Base(f), code, errOut)
		}
	}
	if _, _, errOut := c.run("", "frameworks", "import", brokenCASE); !strings.Contains(errOut, "ghost") {
		t.Errorf("broken CASE import does not name the missing item: %q", errOut)
	}
	if code, out, _ := c.run("", "frameworks", "list"); code != 0 || strings.Contains(out, "local-ahp") {
		t.Errorf("list after failed imports: %d %q", code, out)
	}
	if code, out, errOut := c.run("", "frameworks", "import", good); code != 0 || !strings.Contains(out, "Imported Local AHP framework") {
		t.Fatalf("import good: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := c.run("", "frameworks", "import", good); code != 1 || !strings.Contains(errOut, "--replace") {
		t.Errorf("import again: %d %q", code, errOut)
	}
	xlsx := filepath.Join(dir, "local.xlsx")
	if code, _, errOut := c.run("", "frameworks", "export", "local-ahp", "1", "--format", "xlsx", "--output", xlsx); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	if code, out, errOut := c.run("", "frameworks", "validate", xlsx); code != 0 {
		t.Errorf("exported XLSX does not validate: %q %q", out, errOut)
	}
	if code, _, errOut := c.run("", "frameworks", "export", "local-ahp", "9"); code != 1 || !strings.Contains(errOut, `no version "9"`) {
		t.Errorf("export of a missing version: %d %q", code, errOut)
	}
}

// TestDemoScale loads the small generated scale through the command, twice with the same seed
// into two databases, and gets the same data; a second load into the same database is refused.
func TestDemoScale(t *testing.T) {
	roles := func(path string) []string {
		db, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		orgs, err := db.Organisations(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, o := range orgs {
			ids = append(ids, o.ID)
		}
		page, err := db.SearchRoles(context.Background(), store.RoleQuery{OrganisationIDs: ids, Status: store.RoleStatusAny, ExactTotal: true, Limit: store.MaxRolePage})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != generate.Small.Roles {
			t.Fatalf("%s holds %d roles, want %d", path, page.Total, generate.Small.Roles)
		}
		var titles []string
		for _, r := range page.Roles {
			titles = append(titles, fmt.Sprintf("%d %s %d %s", r.OrganisationID, r.Title, r.Level, r.Band))
		}
		// The people, their assignments and portfolios, in the same order every time.
		var people []workforce.Person
		for {
			page, err := db.SearchPeople(context.Background(), store.PersonQuery{OrganisationIDs: ids, Limit: 1000, Offset: len(people)})
			if err != nil {
				t.Fatal(err)
			}
			people = append(people, page.People...)
			if len(page.People) == 0 || len(people) >= page.Total {
				break
			}
		}
		if len(people) != generate.Small.People {
			t.Fatalf("%s holds %d people, want %d", path, len(people), generate.Small.People)
		}
		entries, expiring := 0, 0
		for i, p := range people {
			if len(p.Assignments) != 1 {
				t.Fatalf("%s has %d assignments", p.StaffNumber, len(p.Assignments))
			}
			if i%50 != 0 { // every 50th person's portfolio: enough to compare, quick to read
				titles = append(titles, fmt.Sprintf("%s %s %d", p.StaffNumber, p.Name, p.Assignments[0].FTE))
				continue
			}
			es, err := db.Portfolio(context.Background(), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != generate.Small.CompetencesPerPerson {
				t.Errorf("%s holds %d competences, want %d", p.StaffNumber, len(es), generate.Small.CompetencesPerPerson)
			}
			for _, e := range es {
				titles = append(titles, fmt.Sprintf("%s %s %s %s", p.StaffNumber, e.NodeKey, e.LevelKey, e.Achieved))
				entries++
				if !e.ReviewBy.IsZero() {
					expiring++
				}
			}
		}
		if entries == 0 || expiring == 0 || expiring == entries {
			t.Errorf("%d entries read, %d with a review date: want some with and some without", entries, expiring)
		}
		return titles
	}
	var got [][]string
	for range 2 {
		c := newCLI(t)
		code, out, errOut := c.run("", "demo", "--scale", "small", "--seed", "7")
		if code != 0 || !strings.Contains(out, "500 roles and 2000 people holding 40000 competences") || !strings.Contains(out, "password:") {
			t.Fatalf("demo --scale small: %d %q %q", code, out, errOut)
		}
		got = append(got, roles(c.env["WORKFRAME_DATABASE"]))
		if code, _, errOut := c.run("", "demo", "--scale", "small", "--seed", "7"); code != 1 || !strings.Contains(errOut, "already holds generated data") {
			t.Errorf("second load: %d %q", code, errOut)
		}
	}
	if !slices.Equal(got[0], got[1]) {
		t.Errorf("the same seed gave different data")
	}
	if code, _, errOut := newCLI(t).run("", "demo", "--scale", "galactic"); code != 1 || !strings.Contains(errOut, "unknown scale") {
		t.Errorf("unknown scale: %d %q", code, errOut)
	}
}
