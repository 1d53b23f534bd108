package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHashAndVerify(t *testing.T) {
	hash, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not an argon2id PHC string with our parameters", hash)
	}
	other, _ := HashPassword("correct horse battery staple")
	if other == hash {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"", false},
		{"Correct horse battery staple", false},
	}
	for _, tc := range tests {
		got, err := VerifyPassword(hash, tc.password)
		if err != nil || got != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.password, got, err, tc.want)
		}
	}
}

func TestVerifyRejectsForeignHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=x$a$b", "$argon2i$v=19$m=1,t=1,p=1$YQ$YQ"} {
		if ok, err := VerifyPassword(h, "anything"); ok || !errors.Is(err, ErrBadHash) {
			t.Errorf("VerifyPassword(%q) = %v, %v; want false, ErrBadHash", h, ok, err)
		}
	}
}

func TestCheckNewPassword(t *testing.T) {
	tests := []struct {
		password, email string
		wantErr         string
	}{
		{"short", "", "10 characters or more"},
		{"password123", "", "too common"},
		{"Password123", "", "too common"},
		{"qwertyuiop", "", "too common"},
		{"jo.bloggs-hospital-2026", "jo.bloggs@example.nhs.uk", "email address"},
		{strings.Repeat("a", 300), "", "256 characters or fewer"},
		{"violet kettle orbit", "jo.bloggs@example.nhs.uk", ""},
	}
	for _, tc := range tests {
		err := CheckNewPassword(tc.password, tc.email)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("CheckNewPassword(%q) = %v; want nil", tc.password, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("CheckNewPassword(%q) = %v; want an error containing %q", tc.password, err, tc.wantErr)
		}
	}
}

func TestRandomPasswordPassesPolicy(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p := RandomPassword()
		if err := CheckNewPassword(p, "admin@example.org"); err != nil {
			t.Fatalf("RandomPassword gave %q which fails the policy: %v", p, err)
		}
		if seen[p] {
			t.Fatalf("RandomPassword repeated %q", p)
		}
		seen[p] = true
	}
}

// memoryCounter is a FailureCounter for the throttle's own rules; the store's real counter is
// tested against both databases in the store package.
type memoryCounter map[string][]time.Time

func (m memoryCounter) RecordFailure(_ context.Context, key string, at time.Time) error {
	m[key] = append(m[key], at)
	return nil
}

func (m memoryCounter) FailuresSince(_ context.Context, key string, since time.Time) (int, error) {
	n := 0
	for _, at := range m[key] {
		if !at.Before(since) {
			n++
		}
	}
	return n, nil
}

func (m memoryCounter) ClearFailures(_ context.Context, key string) error {
	delete(m, key)
	return nil
}

func TestThrottle(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(memoryCounter{})
	th.Now = func() time.Time { return now }

	for i := range th.PerAccount {
		if err := th.Allow(ctx, "a@example.org", "10.0.0.1"); err != nil {
			t.Fatalf("attempt %d refused too early: %v", i+1, err)
		}
		_ = th.Failed(ctx, "a@example.org", "10.0.0.1")
	}
	var throttled ErrThrottled
	if err := th.Allow(ctx, "a@example.org", "10.0.0.2"); !errors.As(err, &throttled) {
		t.Fatalf("after %d failures Allow = %v; want ErrThrottled", th.PerAccount, err)
	}
	if err := th.Allow(ctx, "b@example.org", "10.0.0.1"); err != nil {
		t.Fatalf("another account from the same address refused: %v", err)
	}
	now = now.Add(th.Window + time.Second)
	if err := th.Allow(ctx, "a@example.org", "10.0.0.1"); err != nil {
		t.Fatalf("still refused after the window: %v", err)
	}

	// The address allowance counts failures across accounts.
	th2 := NewThrottle(memoryCounter{})
	th2.Now = th.Now
	for i := range th2.PerAddress {
		_ = th2.Failed(ctx, "user"+string(rune('a'+i%26))+"@example.org", "10.9.9.9")
	}
	if err := th2.Allow(ctx, "fresh@example.org", "10.9.9.9"); !errors.As(err, &throttled) {
		t.Fatalf("address allowance not enforced: %v", err)
	}
	if !strings.Contains(throttled.Error(), "15 minutes") {
		t.Errorf("message %q does not say how long to wait", throttled.Error())
	}
}

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		secret, hash, hint := NewToken()
		if !LooksLikeToken(secret) {
			t.Fatalf("NewToken gave %q, which LooksLikeToken refuses", secret)
		}
		if seen[secret] {
			t.Fatalf("NewToken repeated %q", secret)
		}
		seen[secret] = true
		if hash != HashToken(secret) || hash == HashToken(secret+"x") || len(hash) != 64 {
			t.Fatalf("hash %q of %q is not a stable SHA-256", hash, secret)
		}
		if !strings.HasSuffix(secret, hint) || len(hint) != 4 {
			t.Fatalf("hint %q is not the end of %q", hint, secret)
		}
	}
	for _, s := range []string{"", "wf_", "wf_abc", "Bearer wf_x", "gh_" + strings.Repeat("a", 52), "wf_" + strings.Repeat("A", 52), "wf_" + strings.Repeat("a", 53)} {
		if LooksLikeToken(s) {
			t.Errorf("LooksLikeToken(%q) = true", s)
		}
	}
}
