// Command soak runs the soak test of issue 10: the real server, started from a freshly built
// binary on loopback, under mixed reads and writes from 32 connections for 10 minutes. It fails
// (exit status 1) on any server error or failed request, on a lost update, on an acknowledged
// write that is not there afterwards, or on memory that keeps growing. See bench/README.md.
//
//	go run ./bench/cmd/soak [-duration 10m] [-connections 32] [-database URL-or-path]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// counterRoles is how many roles every connection updates in turn: few, so that updates of the
// same role from different connections meet and the version check has to refuse some.
const counterRoles = 8

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	duration := fs.Duration("duration", 10*time.Minute, "how long the load runs")
	conns := fs.Int("connections", 32, "concurrent connections")
	database := fs.String("database", "", "SQLite file or postgres:// URL of an empty database (default: a new SQLite file in a temporary folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "workframe-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if *database == "" {
		*database = filepath.Join(dir, "workframe.db")
	}
	bin := filepath.Join(dir, "workframe")
	fmt.Fprintln(out, "Building the server and loading the demo...")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/workframe").CombinedOutput(); err != nil {
		return fmt.Errorf("go build (run from the repository's root): %v\n%s", err, b)
	}
	demoOut, err := exec.Command(bin, "demo", "--database", *database).CombinedOutput()
	if err != nil {
		return fmt.Errorf("demo: %v\n%s", err, demoOut)
	}
	password := regexp.MustCompile(`password:\s+(\S+)`).FindSubmatch(demoOut)
	if password == nil {
		return fmt.Errorf("the demo printed no password:\n%s", demoOut)
	}
	secret, orgID, err := serviceToken(ctx, *database)
	if err != nil {
		return err
	}

	srv := exec.Command(bin, "serve", "--database", *database, "--addr", "127.0.0.1:0")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	srv.Stderr = io.Discard
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("the server did not start: %v", err)
	}
	base := regexp.MustCompile(`http://\S+`).FindString(line)
	go func() { _, _ = io.Copy(io.Discard, stdout) }()

	l := &load{base: base, secret: secret, orgID: orgID, password: string(password[1]), expected: map[int64]int{}}
	if err := l.setUp(); err != nil {
		return err
	}
	fmt.Fprintf(out, "Soaking %s for %s with %d connections...\n", base, *duration, *conns)

	runCtx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	var samples []memSample
	var sampleMu sync.Mutex
	go func() {
		start := time.Now()
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		for {
			if kb, err := rssKB(srv.Process.Pid); err == nil {
				sampleMu.Lock()
				samples = append(samples, memSample{time.Since(start), kb})
				sampleMu.Unlock()
			}
			select {
			case <-runCtx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.worker(runCtx, w)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}

	fmt.Fprintln(out, "Checking what was acknowledged...")
	problems := l.verify()
	sampleMu.Lock()
	memProblem, memReport := memoryFlat(samples)
	sampleMu.Unlock()
	if memProblem != "" {
		problems = append(problems, memProblem)
	}
	fmt.Fprintf(out, "\nrequests: %d (reads %d, creates %d, updates %d, of which %d refused as stale and retried)\n",
		l.reads.Load()+l.creates.Load()+l.updates.Load()+l.stale.Load(), l.reads.Load(), l.creates.Load(), l.updates.Load(), l.stale.Load())
	fmt.Fprintf(out, "errors: %d\n", l.errors.Load())
	fmt.Fprintln(out, memReport)
	l.mu.Lock()
	for _, e := range l.firstErrors {
		fmt.Fprintln(out, "  ", e)
	}
	l.mu.Unlock()
	if l.errors.Load() > 0 {
		problems = append(problems, fmt.Sprintf("%d requests failed", l.errors.Load()))
	}
	if len(problems) > 0 {
		return fmt.Errorf("the soak failed:\n  %s", strings.Join(problems, "\n  "))
	}
	fmt.Fprintln(out, "PASS: no errors, no lost updates, every acknowledged write present, memory flat.")
	return nil
}

// serviceToken makes a write token of the demo's trust for the API calls.
func serviceToken(ctx context.Context, database string) (string, int64, error) {
	db, err := store.Open(ctx, database)
	if err != nil {
		return "", 0, err
	}
	defer db.Close()
	org, err := db.OrganisationByName(ctx, "Riverside University Hospitals NHS Foundation Trust")
	if err != nil {
		return "", 0, fmt.Errorf("the demo's trust: %w", err)
	}
	secret, hash, hint := auth.NewToken()
	if _, err := db.CreateToken(ctx, store.System, store.NewAPIToken{Kind: store.TokenService, Name: "soak test",
		OrganisationID: org.ID, AccessRole: store.AccessPlanner, Scope: store.ScopeWrite, Hash: hash, Hint: hint,
		ExpiresAt: time.Now().Add(24 * time.Hour)}); err != nil {
		return "", 0, err
	}
	return secret, org.ID, nil
}

type load struct {
	base, secret, password string
	orgID                  int64

	reads, creates, updates, stale, errors atomic.Int64

	mu          sync.Mutex
	counters    []int64       // the roles every connection updates
	expected    map[int64]int // acknowledged updates of each counter role
	created     []int64       // roles whose creation was acknowledged
	firstErrors []string      // the first few failures, for the report
}

func (l *load) fail(format string, args ...any) {
	l.errors.Add(1)
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.firstErrors) < 10 {
		l.firstErrors = append(l.firstErrors, fmt.Sprintf(format, args...))
	}
}

// setUp creates the counter roles.
func (l *load) setUp() error {
	for i := range counterRoles {
		status, body, _, err := l.api("POST", "/api/v1/roles", fmt.Sprintf(`{"organisation_id": %d, "title": "Soak counter %d", "level": 4, "summary": "count 0"}`, l.orgID, i), "")
		if err != nil || status != http.StatusCreated {
			return fmt.Errorf("creating a counter role: %d %v %s", status, err, body)
		}
		var doc struct{ ID int64 }
		if err := json.Unmarshal(body, &doc); err != nil {
			return err
		}
		l.counters = append(l.counters, doc.ID)
		l.expected[doc.ID] = 0
	}
	return nil
}

// api calls the API with the service token; ifMatch, when set, is sent as If-Match.
func (l *load) api(method, path, body, ifMatch string) (int, []byte, http.Header, error) {
	req, err := http.NewRequest(method, l.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.secret)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header, err
}

// browser signs in to the web pages as the demo's planner.
func (l *load) browser() (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(l.base+"/sign-in", url.Values{"email": {"planner@riverside.example"}, "password": {l.password}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("signing in: %d", res.StatusCode)
	}
	return c, nil
}

var pages = []string{"/", "/roles", "/roles?q=nurse", "/roles/levels", "/profiles", "/people", "/career-frameworks", "/frameworks/iwf"}
var calls = []string{"/api/v1/roles?q=research", "/api/v1/frameworks", "/api/v1/people", "/api/v1/career-frameworks"}

// worker mixes reads (60%: pages and API calls), role creations (15%) and counter updates
// (25%: read the role, change its count, write it back based on the version read).
func (l *load) worker(ctx context.Context, n int) {
	rnd := rand.New(rand.NewPCG(uint64(n), 42))
	web, err := l.browser()
	if err != nil {
		l.fail("connection %d: %v", n, err)
		return
	}
	for i := 0; ctx.Err() == nil; i++ {
		switch p := rnd.IntN(100); {
		case p < 35:
			path := pages[rnd.IntN(len(pages))]
			res, err := web.Get(l.base + path)
			if err != nil {
				if ctx.Err() == nil {
					l.fail("GET %s: %v", path, err)
				}
				continue
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				l.fail("GET %s: %d", path, res.StatusCode)
				continue
			}
			l.reads.Add(1)
		case p < 60:
			path := calls[rnd.IntN(len(calls))]
			if status, _, _, err := l.api("GET", path, "", ""); err != nil || status != http.StatusOK {
				if ctx.Err() == nil {
					l.fail("GET %s: %d %v", path, status, err)
				}
				continue
			}
			l.reads.Add(1)
		case p < 75:
			body := fmt.Sprintf(`{"organisation_id": %d, "title": "Soak role %d-%d", "level": %d, "summary": "Made by the soak test"}`, l.orgID, n, i, 1+rnd.IntN(9))
			status, b, _, err := l.api("POST", "/api/v1/roles", body, "")
			if err != nil || status != http.StatusCreated {
				if ctx.Err() == nil {
					l.fail("POST role: %d %v %s", status, err, b)
				}
				continue
			}
			var doc struct{ ID int64 }
			if json.Unmarshal(b, &doc) != nil || doc.ID == 0 {
				l.fail("POST role: no id in %s", b)
				continue
			}
			l.mu.Lock()
			l.created = append(l.created, doc.ID)
			l.mu.Unlock()
			l.creates.Add(1)
		default:
			l.increment(ctx, l.counters[rnd.IntN(len(l.counters))])
		}
	}
}

var countRE = regexp.MustCompile(`^count (\d+)$`)

// increment adds one to a counter role's count: read, change, write back with If-Match; a stale
// version (409) is read again and retried, as a careful client does.
func (l *load) increment(ctx context.Context, id int64) {
	path := "/api/v1/roles/" + strconv.FormatInt(id, 10)
	for ctx.Err() == nil {
		status, b, h, err := l.api("GET", path, "", "")
		if err != nil || status != http.StatusOK {
			if ctx.Err() == nil {
				l.fail("GET %s: %d %v", path, status, err)
			}
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			l.fail("GET %s: %v", path, err)
			return
		}
		m := countRE.FindStringSubmatch(fmt.Sprint(doc["summary"]))
		if m == nil {
			l.fail("%s: summary %q is not a count", path, doc["summary"])
			return
		}
		count, _ := strconv.Atoi(m[1])
		doc["summary"] = fmt.Sprintf("count %d", count+1)
		body, _ := json.Marshal(doc)
		status, b, _, err = l.api("PUT", path, string(body), h.Get("ETag"))
		switch {
		case err != nil:
			if ctx.Err() == nil {
				l.fail("PUT %s: %v", path, err)
			}
			return // not acknowledged: whether it was saved is unknown, so stop counting this role
		case status == http.StatusOK:
			l.mu.Lock()
			l.expected[id]++
			l.mu.Unlock()
			l.updates.Add(1)
			return
		case status == http.StatusConflict:
			l.stale.Add(1) // someone else's update came first: read it and try again
		default:
			l.fail("PUT %s: %d %s", path, status, b)
			return
		}
	}
}

// verify reads back every acknowledged write.
func (l *load) verify() []string {
	var problems []string
	for _, id := range l.counters {
		status, b, _, err := l.api("GET", "/api/v1/roles/"+strconv.FormatInt(id, 10), "", "")
		var doc struct {
			Summary string
			Version int
		}
		if err != nil || status != http.StatusOK || json.Unmarshal(b, &doc) != nil {
			problems = append(problems, fmt.Sprintf("counter role %d cannot be read: %d %v", id, status, err))
			continue
		}
		if want := fmt.Sprintf("count %d", l.expected[id]); doc.Summary != want {
			problems = append(problems, fmt.Sprintf("lost update: counter role %d says %q after %d acknowledged updates", id, doc.Summary, l.expected[id]))
		}
		if doc.Version != l.expected[id]+1 {
			problems = append(problems, fmt.Sprintf("counter role %d is at version %d after %d acknowledged updates", id, doc.Version, l.expected[id]))
		}
	}
	missing := 0
	for _, id := range l.created {
		status, _, _, err := l.api("GET", "/api/v1/roles/"+strconv.FormatInt(id, 10), "", "")
		if err != nil || status != http.StatusOK {
			missing++
		}
	}
	if missing > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d acknowledged new roles are missing", missing, len(l.created)))
	}
	return problems
}

type memSample struct {
	at time.Duration
	kb int
}

// rssKB reads the resident memory of a process from /proc (Linux).
func rssKB(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, errors.New("no VmRSS")
}

// memoryFlat compares the server's resident memory over the last fifth of the run with the second
// fifth (the first is warm-up: caches filling, the pools growing to the load). Memory that grows
// by more than a quarter and by more than 64 MiB between the two is a leak to look for.
func memoryFlat(samples []memSample) (problem, report string) {
	if len(samples) < 10 {
		return "", fmt.Sprintf("memory: %d samples, too few to judge (run for at least a minute)", len(samples))
	}
	fifth := len(samples) / 5
	mean := func(s []memSample) int {
		t := 0
		for _, x := range s {
			t += x.kb
		}
		return t / len(s)
	}
	early, late := mean(samples[fifth:2*fifth]), mean(samples[len(samples)-fifth:])
	peak := slices.MaxFunc(samples, func(a, b memSample) int { return a.kb - b.kb })
	report = fmt.Sprintf("memory (resident): %.1f MiB after warm-up, %.1f MiB at the end, peak %.1f MiB at %s",
		float64(early)/1024, float64(late)/1024, float64(peak.kb)/1024, peak.at.Round(time.Second))
	if late > early*5/4 && late-early > 64*1024 {
		problem = "memory grew: " + report
	}
	return problem, report
}
