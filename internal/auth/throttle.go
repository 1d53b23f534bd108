package auth

import (
	"context"
	"fmt"
	"time"
)

// FailureCounter keeps counts of failed sign-ins. The store implements it over a table so that
// every server behind a load balancer sees the same counts.
type FailureCounter interface {
	RecordFailure(ctx context.Context, key string, at time.Time) error
	FailuresSince(ctx context.Context, key string, since time.Time) (int, error)
	ClearFailures(ctx context.Context, key string) error
}

// Throttle refuses sign-in attempts after too many failures for one account or from one address
// within a window. An address gets a larger allowance because many staff share one NHS gateway.
type Throttle struct {
	Counter    FailureCounter
	Window     time.Duration
	PerAccount int
	PerAddress int
	Now        func() time.Time
}

// NewThrottle returns the default policy: 5 failures per account, 50 per address, in 15 minutes.
func NewThrottle(c FailureCounter) *Throttle {
	return &Throttle{Counter: c, Window: 15 * time.Minute, PerAccount: 5, PerAddress: 50, Now: time.Now}
}

// ErrThrottled is returned while an account or address is locked out.
type ErrThrottled struct{ Wait time.Duration }

func (e ErrThrottled) Error() string {
	return fmt.Sprintf("Too many failed attempts to sign in. Wait %d minutes and try again, or ask an administrator to reset your password", int(e.Wait.Minutes()+0.5))
}

func accountKey(email string) string { return "account:" + email }
func addressKey(addr string) string  { return "address:" + addr }

// Allow returns ErrThrottled when either the account or the address has used its allowance.
func (t *Throttle) Allow(ctx context.Context, email, addr string) error {
	since := t.Now().Add(-t.Window)
	for _, c := range []struct {
		key   string
		limit int
	}{{accountKey(email), t.PerAccount}, {addressKey(addr), t.PerAddress}} {
		n, err := t.Counter.FailuresSince(ctx, c.key, since)
		if err != nil {
			return err
		}
		if n >= c.limit {
			return ErrThrottled{Wait: t.Window}
		}
	}
	return nil
}

// Failed records one failed attempt against both the account and the address.
func (t *Throttle) Failed(ctx context.Context, email, addr string) error {
	now := t.Now()
	if err := t.Counter.RecordFailure(ctx, accountKey(email), now); err != nil {
		return err
	}
	return t.Counter.RecordFailure(ctx, addressKey(addr), now)
}

// Succeeded clears the account's failures; the address keeps its count so that one good
// password does not reset an attack on other accounts from the same address.
func (t *Throttle) Succeeded(ctx context.Context, email string) error {
	return t.Counter.ClearFailures(ctx, accountKey(email))
}
