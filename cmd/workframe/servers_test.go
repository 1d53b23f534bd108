package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
)

// startServer runs `workframe serve` on a free port until the test ends and returns its URL.
func startServer(t *testing.T, dsn string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		getenv := func(k string) string { return map[string]string{"WORKFRAME_DATABASE": dsn}[k] }
		run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, getenv, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() { cancel(); <-done })
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://\S+`).FindString(line)
	if m == "" {
		t.Fatalf("no address in %q", line)
	}
	return m
}

// TestTwoServersShareOnePostgres is docs/deploy.md's example: two Workframe servers on one
// PostgreSQL database need no sticky sessions. A person signs in on one, their session works on
// the other, and a change made through one is seen through the other at once.
func TestTwoServersShareOnePostgres(t *testing.T) {
	dsn := storetest.DSN(t, store.EnginePostgres)
	c := newCLI(t)
	c.env["WORKFRAME_DATABASE"] = dsn
	code, out, errOut := c.run("", "demo")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	password := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out)
	if password == nil {
		t.Fatalf("no password in %q", out)
	}
	a, b := startServer(t, dsn), startServer(t, dsn)
	if a == b {
		t.Fatalf("both servers at %s", a)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(base, path string, form url.Values) *http.Response {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	// The cookie jar is per host and port: carry the session cookie across by hand, as a load
	// balancer in front of both would.
	if res := post(a, "/sign-in", url.Values{"email": {"admin@riverside.example"}, "password": {password[1]}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on server A: %d", res.StatusCode)
	}
	ua, _ := url.Parse(a)
	ub, _ := url.Parse(b)
	jar.SetCookies(ub, jar.Cookies(ua))

	if res := post(b, "/organisations", url.Values{"name": {"Made on B Trust"}, "kind": {"organisation"}, "parent": {"0"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create an organisation on server B with A's session: %d", res.StatusCode)
	}
	res, err := browser.Get(a + "/organisations")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Made on B Trust") {
		t.Errorf("server A does not show what server B saved: %d", res.StatusCode)
	}
}
