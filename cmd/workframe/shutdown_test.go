package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestGracefulShutdown: when the server is told to stop, a request already under way finishes
// with its answer, while new connections are refused.
func TestGracefulShutdown(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	dsn := filepath.Join(t.TempDir(), "workframe.db")
	go func() {
		getenv := func(k string) string { return map[string]string{"WORKFRAME_DATABASE": dsn}[k] }
		code := run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, getenv, strings.NewReader(""), pw, io.Discard)
		pw.Close()
		exited <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	base := regexp.MustCompile(`http://\S+`).FindString(line)

	// A sign-in whose body arrives slowly is in flight when the stop comes.
	body, feed := io.Pipe()
	answer := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/sign-in", body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Errorf("the request in flight failed: %v", err)
			answer <- 0
			return
		}
		res.Body.Close()
		answer <- res.StatusCode
	}()
	if _, err := feed.Write([]byte("email=someone%40example.org")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the handler is reading the body
	stop()
	time.Sleep(300 * time.Millisecond) // shutdown has begun: the listener is closed

	if res, err := (&http.Client{Timeout: 2 * time.Second}).Get(base + "/healthz"); err == nil {
		res.Body.Close()
		t.Errorf("a new request was served during shutdown: %d", res.StatusCode)
	}
	select {
	case code := <-exited:
		t.Fatalf("the server exited (%d) with a request still in flight", code)
	default:
	}
	feed.Write([]byte("&password=wrong-password"))
	feed.Close()
	if got := <-answer; got != http.StatusUnauthorized {
		t.Errorf("the request in flight got %d, want its real answer (401: wrong password)", got)
	}
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("serve exited with %d after a graceful stop", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit after its last request finished")
	}
}
