package bench

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/workframe/workframe/internal/store"
)

// column is a column of a table the store writes, with its type on each engine.
type column struct{ name, sqlite, pg string }

// table is one of the tables a bulk path of the store writes, with the columns it writes (in its
// order).
type table struct {
	name string
	cols []column
}

func (t table) names() []string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.name
	}
	return out
}

// copySQL copies the table's rows from one schema to another (all columns when it names none).
func (t table) copySQL(to, from string) string {
	if len(t.cols) == 0 {
		return "INSERT INTO " + to + "." + t.name + " SELECT * FROM " + from + "." + t.name + " ORDER BY id"
	}
	cols := strings.Join(t.names(), ", ")
	return "INSERT INTO " + to + "." + t.name + " (" + cols + ") SELECT " + cols + " FROM " + from + "." + t.name + " ORDER BY 1"
}

// bareDDL creates the table with the same columns and types and nothing else: no key, no
// index, no constraint, no full-text index. It is what the engine loads fastest.
func (t table) bareDDL(engine, schema string) string {
	defs := make([]string, len(t.cols))
	for i, c := range t.cols {
		typ := c.sqlite
		if engine == Postgres {
			typ = c.pg
		}
		defs[i] = c.name + " " + typ
	}
	name := t.name
	if schema != "" {
		name = schema + "." + name
	}
	return "CREATE TABLE " + name + " (" + strings.Join(defs, ", ") + ")"
}

// tableSet is the tables one bulk path of the store writes, loaded together by the baseline.
type tableSet struct {
	name   string // names the baseline's files: baseline-<name>-sqlite.db
	tables []table
	// deps are the tables those rows refer to, copied (untimed) into the diagnostic's fresh
	// schema before the timed copy, so that its foreign keys hold; no columns means all.
	deps []table
	// variants are more diagnostic copies into the store's schema with part of it taken away,
	// to show what each part costs.
	variants []schemaVariant
}

// schemaVariant is the store's schema with part of it left out, for a diagnostic copy of the
// rows: what the copy saves without it is what keeping it costs.
type schemaVariant struct {
	name string
	// noForeignKeys: the set's tables check none of their foreign keys (SQLite: foreign_keys
	// off; PostgreSQL: the constraints dropped).
	noForeignKeys bool
	// noIndexes: the set's tables keep their primary keys and unique indexes, no other index.
	noIndexes bool
}

// schemaVariants take the schema apart one layer at a time: foreign keys, then the indexes that
// are not keys, leaving the keys.
var schemaVariants = []schemaVariant{
	{name: "without foreign keys", noForeignKeys: true},
	{name: "keys only: no foreign key, no index but the primary and unique keys", noForeignKeys: true, noIndexes: true},
}

// roleTables are the rows store.CreateRoles writes for new roles.
var roleTables = tableSet{name: "roles", tables: roleLoadTables, deps: []table{{name: "organisations"}, {name: "framework_versions"}}}

// importTables are the rows store.ImportPeople (new people and their assignments) and
// store.ImportPortfolios (entries; their ids are the table's own) write.
var importTables = tableSet{name: "people", tables: []table{
	{"people", []column{
		{"id", "INTEGER", "BIGINT"}, {"organisation_id", "INTEGER", "BIGINT"}, {"staff_number", "TEXT", "TEXT"},
		{"name", "TEXT", "TEXT"}, {"name_key", "TEXT", "TEXT"}, {"work_email", "TEXT", "TEXT"}, {"user_id", "INTEGER", "BIGINT"},
		{"version", "INTEGER", "INTEGER"}, {"created_at", "INTEGER", "TIMESTAMPTZ"}, {"updated_at", "INTEGER", "TIMESTAMPTZ"},
	}},
	{"person_assignments", []column{
		{"person_id", "INTEGER", "BIGINT"}, {"position", "INTEGER", "INTEGER"}, {"role_id", "INTEGER", "BIGINT"},
		{"team_id", "INTEGER", "BIGINT"}, {"fte", "INTEGER", "INTEGER"}, {"start_date", "TEXT", "TEXT"}, {"end_date", "TEXT", "TEXT"},
	}},
	{"portfolio_entries", []column{
		{"person_id", "INTEGER", "BIGINT"}, {"framework_key", "TEXT", "TEXT"}, {"framework_version", "TEXT", "TEXT"},
		{"node_key", "TEXT", "TEXT"}, {"level_key", "TEXT", "TEXT"}, {"evidence", "TEXT", "TEXT"},
		{"confirmed_by", "INTEGER", "BIGINT"}, {"confirmed_at", "INTEGER", "TIMESTAMPTZ"}, {"achieved", "TEXT", "TEXT"},
		{"review_by", "TEXT", "TEXT"}, {"note", "TEXT", "TEXT"}, {"version", "INTEGER", "INTEGER"},
		{"created_at", "INTEGER", "TIMESTAMPTZ"}, {"updated_at", "INTEGER", "TIMESTAMPTZ"},
	}},
}, deps: []table{{name: "organisations"}, {name: "framework_versions"}, roleLoadTables[0]}, variants: schemaVariants}

var roleLoadTables = []table{
	{"roles", []column{
		{"id", "INTEGER", "BIGINT"}, {"organisation_id", "INTEGER", "BIGINT"}, {"title", "TEXT", "TEXT"},
		{"title_key", "TEXT", "TEXT"}, {"staff_group", "TEXT", "TEXT"}, {"profession", "TEXT", "TEXT"},
		{"level", "INTEGER", "INTEGER"}, {"level_indicative", "INTEGER", "BOOLEAN"}, {"band", "TEXT", "TEXT"},
		{"registration_required", "INTEGER", "BOOLEAN"}, {"summary", "TEXT", "TEXT"}, {"activities", "TEXT", "JSONB"},
		{"quality_standards", "TEXT", "JSONB"}, {"knowledge_skills", "TEXT", "JSONB"}, {"competence_names", "TEXT", "TEXT"},
		{"status", "TEXT", "TEXT"}, {"shared", "INTEGER", "BOOLEAN"}, {"copied_from_id", "INTEGER", "BIGINT"},
		{"version", "INTEGER", "INTEGER"}, {"created_at", "INTEGER", "TIMESTAMPTZ"}, {"updated_at", "INTEGER", "TIMESTAMPTZ"},
		{"created_by", "INTEGER", "BIGINT"},
	}},
	{"role_requirements", []column{
		{"role_id", "INTEGER", "BIGINT"}, {"position", "INTEGER", "INTEGER"}, {"framework_key", "TEXT", "TEXT"},
		{"framework_version", "TEXT", "TEXT"}, {"node_key", "TEXT", "TEXT"}, {"level_key", "TEXT", "TEXT"},
		{"essential", "INTEGER", "BOOLEAN"},
	}},
	{"role_versions", []column{
		{"role_id", "INTEGER", "BIGINT"}, {"version", "INTEGER", "INTEGER"}, {"document", "TEXT", "JSONB"},
		{"changes", "TEXT", "JSONB"}, {"changed_by", "INTEGER", "BIGINT"}, {"changed_at", "INTEGER", "TIMESTAMPTZ"},
	}},
}

// LoadBaseline is how fast the engine itself loads the rows a bulk path of the store wrote.
type LoadBaseline struct {
	Rows int // rows of the set's tables
	// Methods are the engine's loaders tried, each with its best time; Best is the fastest,
	// the baseline.
	Methods []LoadMethod
	Best    LoadMethod
	// Schema is the engine copying the same rows (INSERT ... SELECT) into the store's own
	// tables, with their keys, indexes, foreign keys and full-text index: not a baseline, a
	// diagnostic of how much of the store's time the engine spends keeping them.
	Schema time.Duration
	// SchemaTables splits Schema by table.
	SchemaTables []LoadMethod
	// Variants are the same copy into the store's schema with part of it left out (the set's
	// variants), each its time.
	Variants []LoadMethod
	// CSVBytes is the size of the rows as CSV.
	CSVBytes int64
}

// LoadMethod is one way the engine loads rows, and its best time.
type LoadMethod struct {
	Name string
	Time time.Duration
}

// attempts is how many times each baseline load runs; the best time counts (an honest baseline
// is never slowed down by a cold cache or a checkpoint that happened to land on it).
const attempts = 2

// MeasureLoadBaseline exports the rows of set that d holds (what the store's bulk path wrote) as
// CSV into dir, and times the
// engine loading them into bare tables: on SQLite the sqlite3 shell's .import (the sqlite3
// binary must be installed) into a new file in dir; on PostgreSQL COPY, both through psql's
// \copy from the CSV and through pgx CopyFrom from values in memory, into a new schema.
func MeasureLoadBaseline(ctx context.Context, d *Database, dir string, set tableSet, logf func(string, ...any)) (LoadBaseline, error) {
	csvDir, err := os.MkdirTemp(dir, "csv-")
	if err != nil {
		return LoadBaseline{}, err
	}
	defer os.RemoveAll(csvDir)
	switch d.Engine {
	case SQLite:
		return sqliteLoadBaseline(ctx, d, dir, csvDir, set, logf)
	case Postgres:
		return postgresLoadBaseline(ctx, d, csvDir, set, logf)
	}
	return LoadBaseline{}, fmt.Errorf("bench: unknown engine %q", d.Engine)
}

func sqliteLoadBaseline(ctx context.Context, d *Database, dir, csvDir string, set tableSet, logf func(string, ...any)) (LoadBaseline, error) {
	var out LoadBaseline
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		return out, errors.New("bench: the sqlite3 shell is needed for the SQLite load baseline (Debian package sqlite3)")
	}
	src, err := sql.Open("sqlite", d.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return out, err
	}
	defer src.Close()
	files := map[string]string{}
	for _, t := range set.tables {
		path := filepath.Join(csvDir, t.name+".csv")
		n, size, err := exportSQLite(ctx, src, t, path)
		if err != nil {
			return out, err
		}
		out.Rows += n
		out.CSVBytes += size
		files[t.name] = path
	}
	logf("sqlite: exported %d rows (%.0f MB of CSV); timing sqlite3 .import", out.Rows, float64(out.CSVBytes)/1e6)

	bare := filepath.Join(dir, "baseline-"+set.name+"-sqlite.db")
	defer removeSQLite(bare)
	var script strings.Builder
	script.WriteString(".bail on\nBEGIN;\n")
	for _, t := range set.tables {
		fmt.Fprintf(&script, ".import --csv %s %s\n", files[t.name], t.name)
	}
	script.WriteString("COMMIT;\n")
	best := time.Duration(0)
	for range attempts {
		if err := removeSQLite(bare); err != nil {
			return out, err
		}
		var ddl strings.Builder
		for _, t := range set.tables {
			ddl.WriteString(t.bareDDL(SQLite, "") + ";\n")
		}
		if err := runSQLite3(ctx, sqlite3, bare, ddl.String()); err != nil {
			return out, err
		}
		start := time.Now()
		if err := runSQLite3(ctx, sqlite3, bare, script.String()); err != nil {
			return out, err
		}
		if took := time.Since(start); best == 0 || took < best {
			best = took
		}
	}
	if err := checkCounts(ctx, "sqlite", bare, "", set.tables, out.Rows); err != nil {
		return out, err
	}
	out.Best = LoadMethod{Name: "sqlite3 .import (CSV) into bare tables", Time: best}
	out.Methods = []LoadMethod{out.Best}

	// Diagnostic: the engine copying the rows into the store's own schema.
	diag := filepath.Join(dir, "diagnostic-"+set.name+"-sqlite.db")
	defer removeSQLite(diag)
	if out.Schema, out.SchemaTables, err = sqliteSchemaCopy(ctx, d.Path, diag, set, schemaVariant{}); err != nil {
		return out, err
	}
	for _, v := range set.variants {
		took, _, err := sqliteSchemaCopy(ctx, d.Path, diag, set, v)
		if err != nil {
			return out, err
		}
		out.Variants = append(out.Variants, LoadMethod{Name: v.name, Time: took})
	}
	return out, nil
}

func removeSQLite(path string) error {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

func runSQLite3(ctx context.Context, bin, db, script string) error {
	cmd := exec.CommandContext(ctx, bin, db)
	cmd.Stdin = strings.NewReader(script)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("bench: sqlite3: %w: %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		return fmt.Errorf("bench: sqlite3: %s", stderr.String())
	}
	return nil
}

// exportSQLite writes a table's rows as CSV (NULL as an empty field), in id order.
func exportSQLite(ctx context.Context, db *sql.DB, t table, path string) (int, int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	rows, err := db.QueryContext(ctx, "SELECT "+strings.Join(t.names(), ", ")+" FROM "+t.name+" ORDER BY 1, 2")
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n := 0
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := make([]string, len(t.cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, 0, err
		}
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				rec[i] = ""
			case int64:
				rec[i] = strconv.FormatInt(v, 10)
			case float64:
				rec[i] = strconv.FormatFloat(v, 'g', -1, 64)
			case []byte:
				rec[i] = string(v)
			case string:
				rec[i] = v
			case bool:
				rec[i] = "0"
				if v {
					rec[i] = "1"
				}
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		if err := w.Write(rec); err != nil {
			return 0, 0, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	return n, info.Size(), f.Close()
}

// sqliteSchemaCopy makes a new database with the store's schema and times the engine copying
// the set's rows into it from the store's file (INSERT ... SELECT, one transaction, foreign keys
// on as the store has them), after the rows they refer to; with part of the schema left out
// when v says so.
func sqliteSchemaCopy(ctx context.Context, srcPath, path string, set tableSet, v schemaVariant) (time.Duration, []LoadMethod, error) {
	if err := removeSQLite(path); err != nil {
		return 0, nil, err
	}
	fresh, err := store.Open(ctx, path)
	if err != nil {
		return 0, nil, err
	}
	if err := fresh.Migrate(ctx); err != nil {
		fresh.Close()
		return 0, nil, err
	}
	fresh.Close()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		return 0, nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS src", srcPath); err != nil {
		return 0, nil, err
	}
	for _, t := range set.deps {
		if _, err := conn.ExecContext(ctx, t.copySQL("main", "src")); err != nil {
			return 0, nil, fmt.Errorf("bench: copy %s: %w", t.name, err)
		}
	}
	if err := sqliteVariant(ctx, conn, set, v); err != nil {
		return 0, nil, err
	}
	start := time.Now()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return 0, nil, err
	}
	var tables []LoadMethod
	for _, t := range set.tables {
		cols := strings.Join(t.names(), ", ")
		began := time.Now()
		if _, err := conn.ExecContext(ctx, "INSERT INTO main."+t.name+" ("+cols+") SELECT "+cols+" FROM src."+t.name+" ORDER BY 1, 2"); err != nil {
			_, _ = conn.ExecContext(ctx, "ROLLBACK")
			return 0, nil, fmt.Errorf("bench: copy %s: %w", t.name, err)
		}
		tables = append(tables, LoadMethod{Name: t.name, Time: time.Since(began)})
	}
	began := time.Now()
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return 0, nil, err
	}
	tables = append(tables, LoadMethod{Name: "commit", Time: time.Since(began)})
	return time.Since(start), tables, nil
}

// sqliteVariant takes away the part of the schema v leaves out.
func sqliteVariant(ctx context.Context, conn *sql.Conn, set tableSet, v schemaVariant) error {
	if v.noForeignKeys {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
	}
	if !v.noIndexes {
		return nil
	}
	// Indexes made by CREATE INDEX (keys' own have no SQL), not unique ones, dropped in one go.
	names := make([]any, len(set.tables))
	for i, t := range set.tables {
		names[i] = t.name
	}
	var drops sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT group_concat('DROP INDEX main.' || name, '; ') FROM main.sqlite_master "+
		"WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")+")", names...).Scan(&drops); err != nil || !drops.Valid {
		return err
	}
	_, err := conn.ExecContext(ctx, drops.String)
	return err
}

// checkCounts verifies the bare tables hold every row.
func checkCounts(ctx context.Context, driver, dsn, schema string, tables []table, want int) error {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	got := 0
	for _, t := range tables {
		name := t.name
		if schema != "" {
			name = schema + "." + name
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+name).Scan(&n); err != nil {
			return err
		}
		got += n
	}
	if got != want {
		return fmt.Errorf("bench: the baseline loaded %d rows, not %d", got, want)
	}
	return nil
}

func postgresLoadBaseline(ctx context.Context, d *Database, csvDir string, set tableSet, logf func(string, ...any)) (LoadBaseline, error) {
	var out LoadBaseline
	conn, err := pgx.Connect(ctx, d.AdminURL)
	if err != nil {
		return out, err
	}
	defer conn.Close(context.Background())

	// The rows as CSV (for psql \copy) and as values in memory (for pgx CopyFrom). JSON is read
	// as text, which pgx passes through unchanged, as the store passes its JSON.
	files := map[string]string{}
	values := map[string][][]any{}
	for _, t := range set.tables {
		path := filepath.Join(csvDir, t.name+".csv")
		f, err := os.Create(path)
		if err != nil {
			return out, err
		}
		cols := t.names()
		sel := make([]string, len(t.cols))
		for i, c := range t.cols {
			sel[i] = c.name
			if c.pg == "JSONB" {
				sel[i] += "::text"
			}
		}
		q := "SELECT " + strings.Join(cols, ", ") + " FROM " + d.Schema + "." + t.name + " ORDER BY 1, 2"
		if _, err := conn.PgConn().CopyTo(ctx, f, "COPY ("+q+") TO STDOUT WITH (FORMAT csv)"); err != nil {
			f.Close()
			return out, fmt.Errorf("bench: export %s: %w", t.name, err)
		}
		info, _ := f.Stat()
		out.CSVBytes += info.Size()
		f.Close()
		files[t.name] = path

		rows, err := conn.Query(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+d.Schema+"."+t.name+" ORDER BY 1, 2")
		if err != nil {
			return out, err
		}
		for rows.Next() {
			v, err := rows.Values()
			if err != nil {
				rows.Close()
				return out, err
			}
			values[t.name] = append(values[t.name], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return out, err
		}
		out.Rows += len(values[t.name])
	}
	logf("postgres: exported %d rows (%.0f MB of CSV); timing COPY", out.Rows, float64(out.CSVBytes)/1e6)

	bare, _, err := createSchema(ctx, d.AdminURL, "wfbench_bare")
	if err != nil {
		return out, err
	}
	defer dropSchema(context.Background(), d.AdminURL, bare)
	for _, t := range set.tables {
		if _, err := conn.Exec(ctx, t.bareDDL(Postgres, bare)); err != nil {
			return out, err
		}
	}
	truncate := func() error {
		names := make([]string, len(set.tables))
		for i, t := range set.tables {
			names[i] = bare + "." + t.name
		}
		if _, err := conn.Exec(ctx, "TRUNCATE "+strings.Join(names, ", ")); err != nil {
			return err
		}
		_, err := conn.Exec(ctx, "CHECKPOINT")
		return err
	}

	psql, psqlErr := exec.LookPath("psql")
	var script strings.Builder
	script.WriteString("BEGIN;\n")
	for _, t := range set.tables {
		fmt.Fprintf(&script, "\\copy %s.%s (%s) FROM '%s' WITH (FORMAT csv)\n", bare, t.name, strings.Join(t.names(), ", "), files[t.name])
	}
	script.WriteString("COMMIT;\n")
	scriptPath := filepath.Join(csvDir, "load.psql")
	if err := os.WriteFile(scriptPath, []byte(script.String()), 0o600); err != nil {
		return out, err
	}

	var bestPsql, bestCopy time.Duration
	for range attempts {
		if psqlErr == nil {
			if err := truncate(); err != nil {
				return out, err
			}
			start := time.Now()
			cmd := exec.CommandContext(ctx, psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", libpqURL(d.AdminURL), "-f", scriptPath)
			if msg, err := cmd.CombinedOutput(); err != nil {
				return out, fmt.Errorf("bench: psql \\copy: %w: %s", err, msg)
			}
			if took := time.Since(start); bestPsql == 0 || took < bestPsql {
				bestPsql = took
			}
			if err := checkCounts(ctx, "pgx", d.AdminURL, bare, set.tables, out.Rows); err != nil {
				return out, err
			}
		}

		if err := truncate(); err != nil {
			return out, err
		}
		start := time.Now()
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			for _, t := range set.tables {
				if _, err := tx.CopyFrom(ctx, pgx.Identifier{bare, t.name}, t.names(), pgx.CopyFromRows(values[t.name])); err != nil {
					return fmt.Errorf("bench: CopyFrom %s: %w", t.name, err)
				}
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		if took := time.Since(start); bestCopy == 0 || took < bestCopy {
			bestCopy = took
		}
		if err := checkCounts(ctx, "pgx", d.AdminURL, bare, set.tables, out.Rows); err != nil {
			return out, err
		}
	}
	out.Methods = append(out.Methods, LoadMethod{Name: "pgx CopyFrom (binary COPY) into bare tables", Time: bestCopy})
	out.Best = out.Methods[0]
	if psqlErr == nil {
		m := LoadMethod{Name: "psql \\copy (CSV) into bare tables", Time: bestPsql}
		out.Methods = append(out.Methods, m)
		if m.Time < out.Best.Time {
			out.Best = m
		}
	} else {
		logf("postgres: psql not found; the baseline is pgx CopyFrom alone")
	}

	if out.Schema, out.SchemaTables, err = postgresSchemaCopy(ctx, d, set, schemaVariant{}); err != nil {
		return out, err
	}
	for _, v := range set.variants {
		took, _, err := postgresSchemaCopy(ctx, d, set, v)
		if err != nil {
			return out, err
		}
		out.Variants = append(out.Variants, LoadMethod{Name: v.name, Time: took})
	}
	return out, nil
}

// libpqURL drops the query parameters libpq (psql) would refuse, such as search_path.
func libpqURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	known := map[string]bool{"sslmode": true, "sslrootcert": true, "sslcert": true, "sslkey": true, "connect_timeout": true,
		"application_name": true, "password": true, "user": true, "host": true, "port": true, "dbname": true, "options": true}
	q := u.Query()
	for k := range q {
		if !known[k] {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// postgresSchemaCopy times the engine copying the rows into a fresh copy of the store's schema
// (keys, foreign keys, indexes, the generated tsvector and its GIN index), one transaction; with
// part of the schema left out when v says so.
func postgresSchemaCopy(ctx context.Context, d *Database, set tableSet, v schemaVariant) (time.Duration, []LoadMethod, error) {
	schema, dsn, err := createSchema(ctx, d.AdminURL, "wfbench_diag")
	if err != nil {
		return 0, nil, err
	}
	defer dropSchema(context.Background(), d.AdminURL, schema)
	fresh, err := store.Open(ctx, dsn)
	if err != nil {
		return 0, nil, err
	}
	err = fresh.Migrate(ctx)
	fresh.Close()
	if err != nil {
		return 0, nil, err
	}
	conn, err := pgx.Connect(ctx, d.AdminURL)
	if err != nil {
		return 0, nil, err
	}
	defer conn.Close(context.Background())
	for _, t := range set.deps {
		if _, err := conn.Exec(ctx, t.copySQL(schema, d.Schema)); err != nil {
			return 0, nil, fmt.Errorf("bench: copy %s: %w", t.name, err)
		}
	}
	if err := postgresVariant(ctx, conn, schema, set, v); err != nil {
		return 0, nil, err
	}
	if _, err := conn.Exec(ctx, "CHECKPOINT"); err != nil {
		return 0, nil, err
	}
	var tables []LoadMethod
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback(context.Background())
	for _, t := range set.tables {
		cols := strings.Join(t.names(), ", ")
		began := time.Now()
		if _, err := tx.Exec(ctx, "INSERT INTO "+schema+"."+t.name+" ("+cols+") SELECT "+cols+" FROM "+d.Schema+"."+t.name+" ORDER BY 1, 2"); err != nil {
			return 0, nil, fmt.Errorf("bench: copy %s: %w", t.name, err)
		}
		tables = append(tables, LoadMethod{Name: t.name, Time: time.Since(began)})
	}
	began := time.Now()
	if err := tx.Commit(ctx); err != nil {
		return 0, nil, err
	}
	tables = append(tables, LoadMethod{Name: "commit", Time: time.Since(began)})
	return time.Since(start), tables, nil
}

// postgresVariant takes away the part of the schema v leaves out: the foreign key constraints
// of the set's tables, or their indexes that back no primary or unique key.
func postgresVariant(ctx context.Context, conn *pgx.Conn, schema string, set tableSet, v schemaVariant) error {
	names := make([]string, len(set.tables))
	for i, t := range set.tables {
		names[i] = t.name
	}
	// Each query lists the statements that take one layer away.
	var lists []string
	if v.noForeignKeys {
		lists = append(lists, `SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname)
			FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE c.contype = 'f' AND n.nspname = $1 AND t.relname = ANY($2)`)
	}
	if v.noIndexes {
		lists = append(lists, `SELECT format('DROP INDEX %I.%I', n.nspname, i.relname)
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE NOT x.indisunique AND NOT x.indisprimary AND n.nspname = $1 AND t.relname = ANY($2)`)
	}
	var drops []string
	for _, q := range lists {
		rows, err := conn.Query(ctx, q, schema, names)
		if err != nil {
			return err
		}
		more, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		drops = append(drops, more...)
	}
	for _, q := range drops {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("bench: %s: %w", q, err)
		}
	}
	return nil
}
