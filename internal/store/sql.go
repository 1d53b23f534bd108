package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// runner runs SQL written for both engines: ? placeholders (rebound to $1, $2... on
// PostgreSQL) and time.Time arguments (converted to each engine's column type).
type runner struct {
	q  querier
	pg bool
}

func (db *DB) r() runner { return runner{q: db.sql, pg: db.engine == EnginePostgres} }

func (r runner) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.q.ExecContext(ctx, r.rebind(query), r.args(args)...)
}

func (r runner) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.q.QueryContext(ctx, r.rebind(query), r.args(args)...)
}

func (r runner) row(ctx context.Context, query string, args ...any) *sql.Row {
	return r.q.QueryRowContext(ctx, r.rebind(query), r.args(args)...)
}

// rebind turns ? placeholders into PostgreSQL's $n, leaving quoted text alone.
func (r runner) rebind(query string) string {
	if !r.pg || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// args converts time.Time arguments: SQLite columns hold INTEGER microseconds since the epoch
// (numbers compare and sort correctly, unlike the driver's default text form); PostgreSQL
// columns are TIMESTAMPTZ. The zero time is stored as NULL.
func (r runner) args(args []any) []any {
	for i, a := range args {
		t, ok := a.(time.Time)
		if !ok {
			continue
		}
		switch {
		case t.IsZero():
			args[i] = nil
		case r.pg:
			args[i] = t.UTC().Truncate(time.Microsecond)
		default:
			args[i] = t.UnixMicro()
		}
	}
	return args
}

// timeCol scans a time column from either engine into a UTC time.Time; NULL gives the zero time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
	case int64:
		*c.t = time.UnixMicro(v).UTC()
	case time.Time:
		*c.t = v.UTC()
	default:
		return fmt.Errorf("store: cannot scan %T into a time", v)
	}
	return nil
}

// idCol scans a nullable id column; NULL gives 0.
type idCol struct{ id *int64 }

func (c idCol) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*c.id = n.Int64
	return nil
}

// nullID stores the id 0 ("none") as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// notFound maps sql.ErrNoRows to ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// mapErr turns constraint violations of either engine into the store's errors: a duplicate
// unique key is ErrConflict, a broken foreign key or check is ErrInvalid.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalid) || errors.Is(err, ErrNotFound) {
		return err
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %s", ErrConflict, pgErr.Message)
		case "23503", "23514", "23502": // foreign_key, check, not_null violation
			return fmt.Errorf("%w: %s", ErrInvalid, pgErr.Message)
		}
		return err
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %s", ErrConflict, liteErr.Error())
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return fmt.Errorf("%w: %s", ErrInvalid, liteErr.Error())
		}
	}
	return err
}

// retryable reports whether a transaction failed only because another one got in the way, so
// running it again from the start can succeed.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "40001" || pgErr.Code == "40P01" // serialization failure, deadlock
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() & 0xff { // primary code of an extended one
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// tx is a write transaction. Store methods that change data call record at the end of it.
type tx struct {
	runner
	db *DB
}

// tx runs fn in a transaction, committing if it returns nil. A transaction that lost a race
// for a lock (SQLITE_BUSY after the busy timeout, a PostgreSQL deadlock) is rolled back and run
// again a few times, so fn must do nothing outside the transaction that cannot be repeated.
func (db *DB) tx(ctx context.Context, fn func(t *tx) error) error {
	const attempts = 5
	var err error
	for i := range attempts {
		if err = db.try(ctx, fn); err == nil || !retryable(err) || i == attempts-1 {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * 50 * time.Millisecond):
		}
	}
	return mapErr(err)
}

func (db *DB) try(ctx context.Context, fn func(t *tx) error) (err error) {
	sqlTx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(&tx{runner: runner{q: sqlTx, pg: db.engine == EnginePostgres}, db: db}); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// placeholders returns "?, ?, ?" for n values, for IN lists.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
