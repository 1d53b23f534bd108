package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Actor is who makes a change. It is written to the audit log in the same transaction as the
// change. UserID 0 is the system or the command line.
type Actor struct {
	UserID  int64
	Address string // the client's network address, when the change came over HTTP
	// TokenID is the API token the change was made with, if any (a service token has no user).
	TokenID int64
}

// System is the actor for changes made by Workframe itself or its command line.
var System = Actor{}

// Audit actions used by the store. Other packages may write their own with WriteAudit.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// AuditEntry is one line of the audit log: who did what to which record, when, and which fields
// changed. Summaries carry before/after values only for fields that are not personal data
// (DESIGN decision 4); personal fields read "changed".
type AuditEntry struct {
	ID             int64
	At             time.Time
	UserID         int64
	UserName       string // the acting user's current name, joined at read time
	TokenID        int64  // the API token used, if any
	Address        string
	OrganisationID int64
	Entity         string
	EntityID       string
	Action         string
	Summary        string
	Fields         []string // names of the changed fields
}

// AuditFilter selects audit entries. Zero values select everything; Since is inclusive and
// Until exclusive. Limit defaults to 100 and is capped at 1000.
type AuditFilter struct {
	UserID, OrganisationID int64
	// Within limits the entries to these organisations (an administrator's scope); entries
	// about no organisation (users, sign-ins, built-in frameworks) are left out. Nil: no limit.
	Within         []int64
	Entity, Action string
	Since, Until   time.Time
	Limit, Offset  int
}

// record writes an audit entry and appends the change sequence, inside the caller's
// transaction. Call it last in the transaction: on PostgreSQL it takes the sequence lock, held
// until commit.
//
// Why the lock: PostgreSQL hands out identity values when a row is inserted, not when its
// transaction commits, so two writers could commit ids 11 then 10, and a poller that had already
// seen 11 would miss 10. Holding an advisory lock from the append to the commit makes ids
// become visible in order. SQLite has one writer at a time, so it needs nothing.
func (t *tx) record(ctx context.Context, a Actor, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = t.db.now()
	}
	if err := t.audit(ctx, a, e); err != nil {
		return err
	}
	if t.pg {
		if _, err := t.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, t.db.changeLock); err != nil {
			return fmt.Errorf("store: lock change sequence: %w", err)
		}
	}
	if _, err := t.exec(ctx, `INSERT INTO changes (entity, entity_id, at) VALUES (?, ?, ?)`,
		e.Entity, e.EntityID, t.db.now()); err != nil {
		return fmt.Errorf("store: append change: %w", err)
	}
	return nil
}

func (r runner) audit(ctx context.Context, a Actor, e AuditEntry) error {
	fields := e.Fields
	if fields == nil {
		fields = []string{}
	}
	js, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	if _, err := r.exec(ctx, `INSERT INTO audit_log
		(at, user_id, token_id, address, organisation_id, entity, entity_id, action, summary, fields)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, nullID(a.UserID), nullID(a.TokenID), a.Address, nullID(e.OrganisationID), e.Entity, e.EntityID,
		e.Action, e.Summary, string(js)); err != nil {
		return fmt.Errorf("store: write audit entry: %w", err)
	}
	return nil
}

// WriteAudit records an event that did not go through a store method that audits itself (a
// sign-in, an export). It does not advance the change sequence: it changes no data.
func (db *DB) WriteAudit(ctx context.Context, a Actor, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = db.now()
	}
	if e.Entity == "" || e.Action == "" {
		return fmt.Errorf("%w: an audit entry needs an entity and an action", ErrInvalid)
	}
	return db.r().audit(ctx, a, e)
}

// AuditLog returns the entries that match the filter, newest first.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.UserID != 0 {
		add("a.user_id = ?", f.UserID)
	}
	if f.OrganisationID != 0 {
		add("a.organisation_id = ?", f.OrganisationID)
	}
	if f.Within != nil {
		if len(f.Within) == 0 {
			return nil, nil
		}
		where = append(where, "a.organisation_id IN ("+placeholders(len(f.Within))+")")
		args = append(args, int64Args(f.Within)...)
	}
	if f.Entity != "" {
		add("a.entity = ?", f.Entity)
	}
	if f.Action != "" {
		add("a.action = ?", f.Action)
	}
	if !f.Since.IsZero() {
		add("a.at >= ?", f.Since)
	}
	if !f.Until.IsZero() {
		add("a.at < ?", f.Until)
	}
	query := `SELECT a.id, a.at, a.user_id, COALESCE(u.name, ''), a.token_id, a.address, a.organisation_id,
		a.entity, a.entity_id, a.action, a.summary, a.fields
		FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	query += " ORDER BY a.id DESC LIMIT ? OFFSET ?"
	args = append(args, limit, max(f.Offset, 0))

	rows, err := db.r().query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var fields string
		if err := rows.Scan(&e.ID, timeCol{&e.At}, idCol{&e.UserID}, &e.UserName, idCol{&e.TokenID}, &e.Address,
			idCol{&e.OrganisationID}, &e.Entity, &e.EntityID, &e.Action, &e.Summary, &fields); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(fields), &e.Fields); err != nil {
			return nil, fmt.Errorf("store: audit entry %d fields: %w", e.ID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Change is one entry of the change sequence.
type Change struct {
	ID       int64
	Entity   string
	EntityID string
	At       time.Time
}

// LastChange returns the id of the newest change, 0 when nothing has changed yet. Caches poll it
// and reload when it moves.
func (db *DB) LastChange(ctx context.Context) (int64, error) {
	var id int64
	err := db.r().row(ctx, `SELECT COALESCE(MAX(id), 0) FROM changes`).Scan(&id)
	return id, err
}

// ChangesSince returns up to limit changes after the given id, oldest first, so a cache can
// reload only what changed.
func (db *DB) ChangesSince(ctx context.Context, after int64, limit int) ([]Change, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := db.r().query(ctx,
		`SELECT id, entity, entity_id, at FROM changes WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.ID, &c.Entity, &c.EntityID, timeCol{&c.At}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// diff collects the changed fields of an update and a summary of them. Personal fields are
// named without their values.
type diff struct {
	fields []string
	parts  []string
}

func (d *diff) value(name string, before, after any) {
	if before == after {
		return
	}
	d.fields = append(d.fields, name)
	d.parts = append(d.parts, fmt.Sprintf("%s: %s → %s", name, show(before), show(after)))
}

func (d *diff) personal(name string, before, after string) {
	if before == after {
		return
	}
	d.fields = append(d.fields, name)
	d.parts = append(d.parts, name+" changed")
}

func (d *diff) empty() bool { return len(d.fields) == 0 }

func (d *diff) summary() string { return strings.Join(d.parts, "; ") }

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
