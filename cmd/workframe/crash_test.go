package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

// TestSurvivesSIGKILL kills a real `workframe serve` process with SIGKILL while it saves a large
// role import and takes a burst of single writes, starts it again on the same SQLite file, and
// checks that the database is whole, the import is all there or not there at all, and every
// write the server acknowledged is present.
func TestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "workframe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "workframe.db")
	c := newCLI(t)
	c.env["WORKFRAME_DATABASE"] = dbPath
	if code, _, errOut := c.run("", "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	org, err := db.OrganisationByName(ctx, "Riverside University Hospitals NHS Foundation Trust")
	if err != nil {
		orgs, _ := db.Organisations(ctx)
		org = orgs[0]
	}
	secret, hash, hint := auth.NewToken()
	if _, err := db.CreateToken(ctx, store.System, store.NewAPIToken{Kind: store.TokenService, Name: "crash test",
		OrganisationID: org.ID, AccessRole: store.AccessPlanner, Scope: store.ScopeWrite, Hash: hash, Hint: hint,
		ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Large imports, one after another, each the most one file may hold: the kill lands in the
	// middle of one of them.
	const perImport = 2000
	importFile := func(n int) string {
		var file strings.Builder
		file.WriteString("title,staff_group,level,band,summary\n")
		for i := range perImport {
			fmt.Fprintf(&file, "Imported %d role %05d,Administrative and Clerical,%d,%d,Role made by the crash test import\n", n, i, 1+i%9, 2+i%6)
		}
		return file.String()
	}

	cmd := exec.Command(bin, "serve", "--database", dbPath, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("server did not start: %v", err)
	}
	base := regexp.MustCompile(`http://\S+`).FindString(line)
	call := func(method, path, ctype, body string) (int, error) {
		status, _, err := callBody(base, secret, method, path, ctype, body)
		return status, err
	}

	var mu sync.Mutex
	var acknowledged []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("Burst role %d-%d", w, i)
				status, err := call("POST", "/api/v1/roles", "application/json",
					fmt.Sprintf(`{"organisation_id": %d, "title": %q, "level": 3}`, org.ID, title))
				if err != nil {
					return // the server is gone
				}
				if status == http.StatusCreated {
					mu.Lock()
					acknowledged = append(acknowledged, title)
					mu.Unlock()
				}
			}
		}()
	}
	importsDone := make(chan map[int]int, 1)
	go func() {
		answers := map[int]int{}
		defer func() { importsDone <- answers }()
		for n := 0; ; n++ {
			status, body, err := callBody(base, secret, "POST", fmt.Sprintf("/api/v1/roles/import?organisation=%d", org.ID), "text/csv", importFile(n))
			if err != nil {
				answers[n] = 0 // in flight when the server died
				return
			}
			answers[n] = status
			if status != http.StatusOK && status != http.StatusCreated {
				t.Errorf("import %d refused: %.300s", n, body)
				return
			}
		}
	}()
	// Let the import get under way, then kill the process: no shutdown, no flush.
	time.Sleep(2500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()
	imports := <-importsDone
	t.Logf("killed with %d acknowledged writes and imports answered %v", len(acknowledged), imports)

	// Started again, the database checks whole and holds what it should.
	// Opened again as the server opens it: SQLite recovers from its write-ahead log, keeping
	// every committed transaction and none of the one cut off.
	db, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CheckBackup(ctx, dbPath); err != nil { // integrity check and schema
		t.Fatalf("after the crash: %v", err)
	}
	for n, status := range imports {
		page, err := db.SearchRoles(ctx, store.RoleQuery{Text: fmt.Sprintf(`"imported %d role"`, n), OrganisationIDs: []int64{org.ID},
			Status: store.RoleStatusAny, ExactTotal: true, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		acked := status == http.StatusOK || status == http.StatusCreated
		switch {
		case page.Total == perImport:
		case page.Total == 0 && !acked:
			t.Logf("import %d was cut off by the kill and left nothing behind", n)
		default:
			t.Errorf("import %d (answered %d): %d of its %d roles are there; an import must be all or nothing, and kept once acknowledged",
				n, status, page.Total, perImport)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	titles := map[string]bool{}
	if len(acknowledged) > 0 {
		found, err := db.RolesByTitle(ctx, org.ID, acknowledged)
		if err != nil {
			t.Fatal(err)
		}
		for k := range found {
			titles[strings.ToLower(k)] = true
		}
	}
	for _, title := range acknowledged {
		if !titles[strings.ToLower(title)] {
			t.Errorf("the acknowledged write %q is missing after the crash", title)
		}
	}
	if len(acknowledged) == 0 {
		t.Errorf("no write was acknowledged before the kill: the test proved nothing about them")
	}
}

// callBody makes an API call with the token and returns the status and the body.
func callBody(base, secret, method, path, ctype, body string) (int, string, error) {
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("Content-Type", ctype)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}
