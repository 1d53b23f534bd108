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

// BulkInsertForTest writes rows into a table with the engine's bulk path (prepared multi-row
// INSERTs on SQLite, COPY on PostgreSQL), for tests of that path and tests that need data at
// scale quickly.
func (db *DB) BulkInsertForTest(ctx context.Context, table string, cols []string, rows [][]any) error {
	return db.bulkTx(ctx, func(t *tx, insert inserter) error { return insert(ctx, table, cols, rows) })
}

// QueryTimeForTest runs a query and reads every row, for timing the engine's own aggregation.
func (db *DB) QueryTimeForTest(ctx context.Context, query string, args ...any) (rows int, err error) {
	rs, err := db.r().query(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rs.Close()
	for rs.Next() {
		rows++
	}
	return rows, rs.Err()
}
