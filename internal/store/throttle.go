package store

import (
	"context"
	"time"
)

// RecordFailure notes a failed sign-in for a throttling key (an email, an address). The state is
// in the database so that every app server counts the same failures.
func (db *DB) RecordFailure(ctx context.Context, key string, at time.Time) error {
	_, err := db.r().exec(ctx, `INSERT INTO sign_in_failures (key, at) VALUES (?, ?)`, key, at)
	return err
}

// FailuresSince counts the failures for a key at or after since.
func (db *DB) FailuresSince(ctx context.Context, key string, since time.Time) (int, error) {
	if since.IsZero() {
		since = time.Unix(0, 0) // the zero time would be stored as NULL, which matches nothing
	}
	var n int
	err := db.r().row(ctx, `SELECT COUNT(*) FROM sign_in_failures WHERE key = ? AND at >= ?`, key, since).Scan(&n)
	return n, err
}

// ClearFailures forgets the failures for a key (after a successful sign-in).
func (db *DB) ClearFailures(ctx context.Context, key string) error {
	_, err := db.r().exec(ctx, `DELETE FROM sign_in_failures WHERE key = ?`, key)
	return err
}

// DeleteFailuresBefore forgets failures older than before, for periodic clean-up.
func (db *DB) DeleteFailuresBefore(ctx context.Context, before time.Time) error {
	_, err := db.r().exec(ctx, `DELETE FROM sign_in_failures WHERE at < ?`, before)
	return err
}
