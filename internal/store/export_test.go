package store

import (
	"context"
	"errors"
)

// ErrTestFailure is what RecordThenFail fails with.
var ErrTestFailure = errors.New("test failure")

// RecordThenFail writes an audit entry and a change and then fails, in one transaction, so a
// test can check that neither survives the rollback.
func (db *DB) RecordThenFail(ctx context.Context, a Actor, e AuditEntry) error {
	return db.tx(ctx, func(t *tx) error {
		if err := t.record(ctx, a, e); err != nil {
			return err
		}
		return ErrTestFailure
	})
}

// RebindPostgres is the placeholder rewriting done for PostgreSQL.
func RebindPostgres(query string) string { return runner{pg: true}.rebind(query) }
