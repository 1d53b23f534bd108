package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// The workforce profile benchmark (issue 6): the profile of one unit with People people and
// Posts posts, and the comparison of a scenario with Changes changes against it, on SQLite and
// PostgreSQL, each beside the aggregate queries the profile stands for (posts, staff and held
// competences summed by the engine) run directly against the engine in the same run.
//
// The profile is served by store.ProfileCache (docs/decisions/0010 and 0015): loaded once into
// a workforce.ProfileIndex, then kept fresh by following the change sequence row by row (a
// save re-reads the rows it names and works out only the teams they touch). So the benchmark
// measures, all reported: the profile while nothing has changed; the profile right after a
// post was saved and right after a person's assignment was saved (what the first viewer after
// a save waits: the targets' case); and the work-out without the cache (Establishment and
// WorkOutProfile, what a full load costs). The same for a scenario comparison: unchanged, and
// right after the scenario was edited. Answers are checked equal to the direct ones.
//
// The data is synthetic and written straight into the tables in multi-row INSERTs (as the career
// benchmark does): one organisation, one service, Teams teams under it, Roles roles (each
// requiring two or three KSF core dimensions), People people each assigned to one team in one
// role (1.00, 0.80 or 0.60 FTE) with two KSF entries, and Posts posts spread over the same
// teams and roles, the first People of them held by the person of the same team and role
// except every tenth (vacant).

// WorkforceConfig says what the workforce benchmark generates and measures.
type WorkforceConfig struct {
	People, Posts, Teams, Roles int
	// Changes is the number of changes of the scenario compared.
	Changes int
	// Runs is how many cached profiles and comparisons are timed (after one warm-up), Saves
	// how many saves each kind of "first after a save" is timed after (0: Cold), and Cold how
	// many times each uncached path is timed.
	Runs, Saves, Cold int
	Engines           []string
	Dir               string
	// PostgresURL is where the PostgreSQL schema is made.
	PostgresURL string
	Output      string
	Log         io.Writer
}

// IssueSixScale is issue 6's performance target's unit.
var IssueSixScale = WorkforceConfig{People: 100_000, Posts: 120_000, Teams: 4_000, Roles: 60, Changes: 1_000, Runs: 200, Saves: 40, Cold: 5}

// WorkforceResult is one engine's measurements.
type WorkforceResult struct {
	Engine string
	Load   time.Duration
	// Profile: cached, unchanged; AfterChange: the first profile after a post was saved;
	// AfterPerson: the first after a person's assignment was saved; Direct: Establishment and
	// WorkOutProfile without the cache.
	Profile, AfterChange, AfterPerson, Direct Durations
	// Compare: cached, unchanged; CompareAfterEdit: the first comparison after the scenario
	// was saved; CompareDirect: both profiles worked out without the cache.
	Compare, CompareAfterEdit, CompareDirect Durations
	// The aggregate queries run directly against the engine: posts by team, role and pay point;
	// current staff by team and role; in-date competences held by the unit's staff by
	// competence and level; all three one after the other; and the newest change (what the
	// cache reads on every request).
	PostsSQL, StaffSQL, HeldSQL, AllSQL, LastChangeSQL Durations
	Mismatches                                         []string
	LoadAverage                                        [2]string
}

// WorkforceReport is what the workforce benchmark measured.
type WorkforceReport struct {
	Config  WorkforceConfig
	Machine string
	Results []WorkforceResult
}

// RunWorkforce generates the data into a fresh database on each engine and measures.
func RunWorkforce(ctx context.Context, cfg WorkforceConfig) (*WorkforceReport, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(cfg.Log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
	}
	rep := &WorkforceReport{Config: cfg, Machine: fmt.Sprintf("%d CPUs, %s", runtime.NumCPU(), runtime.Version())}
	for _, engine := range cfg.Engines {
		res, err := runWorkforceEngine(ctx, cfg, engine, logf)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", engine, err)
		}
		rep.Results = append(rep.Results, res)
	}
	if cfg.Output != "" {
		if err := os.WriteFile(cfg.Output, []byte(rep.Markdown()), 0o644); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// workforceData is what the generator made that the measurements need.
type workforceData struct {
	unit, post, person int64 // the service, a post and a person to change
	roles              []int64
	teamBase           int64
	postBase           int64
}

func runWorkforceEngine(ctx context.Context, cfg WorkforceConfig, engine string, logf func(string, ...any)) (WorkforceResult, error) {
	res := WorkforceResult{Engine: engine}
	d, err := NewDatabase(ctx, engine, filepath.Join(cfg.Dir, "workforce.db"), cfg.PostgresURL)
	if err != nil {
		return res, err
	}
	defer d.Close()
	db := d.Store
	start := time.Now()
	data, err := generateWorkforce(ctx, d, cfg)
	if err != nil {
		return res, err
	}
	res.Load = time.Since(start)
	logf("%s: loaded %d people, %d posts in %d teams in %s", engine, cfg.People, cfg.Posts, cfg.Teams, res.Load.Round(time.Millisecond))

	sc, err := benchScenario(ctx, db, cfg, data)
	if err != nil {
		return res, err
	}
	logf("%s: scenario of %d changes saved", engine, len(sc.Changes))

	raw, err := rawConn(d)
	if err != nil {
		return res, err
	}
	defer raw.Close()
	res.LoadAverage[0] = loadAverage()

	direct := func() (workforce.Profile, error) {
		in, err := db.Establishment(ctx, data.unit)
		if err != nil {
			return workforce.Profile{}, err
		}
		in.Pay, in.Lookup = workforce.CurrentPayTable(db.Today()), db.AnyFrameworks(ctx)
		return workforce.WorkOutProfile(in), nil
	}
	var want workforce.Profile
	for range cfg.Cold {
		t0 := time.Now()
		if want, err = direct(); err != nil {
			return res, err
		}
		res.Direct = append(res.Direct, time.Since(t0))
	}
	logf("%s: profile without the cache p50 %s", engine, res.Direct.Percentile(50))

	for i := range cfg.Runs + 1 {
		t0 := time.Now()
		p, _, err := db.Profiles().Profile(ctx, data.unit)
		if err != nil {
			return res, err
		}
		if i > 0 {
			res.Profile = append(res.Profile, time.Since(t0))
		} else if !reflect.DeepEqual(p, want) {
			res.Mismatches = append(res.Mismatches, "cached profile differs from the direct one")
		}
	}
	logf("%s: cached profile p95 %s", engine, res.Profile.Percentile(95))

	// A post saved, then a person's assignment: each time the profile right after the save
	// (the cache re-reads those rows and works out only their teams), checked against the
	// direct work-out on the first and the last save (it takes seconds).
	saves := cfg.Saves
	if saves <= 0 {
		saves = cfg.Cold
	}
	afterSaves := func(what string, save func() error, into *Durations) error {
		for i := range saves {
			if err := save(); err != nil {
				return err
			}
			t0 := time.Now()
			got, _, err := db.Profiles().Profile(ctx, data.unit)
			if err != nil {
				return err
			}
			*into = append(*into, time.Since(t0))
			if i == 0 || i == saves-1 {
				if want, err = direct(); err != nil {
					return err
				}
				if !reflect.DeepEqual(got, want) {
					res.Mismatches = append(res.Mismatches, "profile after "+what+" differs from the direct one")
				}
			}
		}
		logf("%s: profile after %s p50 %s p95 %s", engine, what, into.Percentile(50), into.Percentile(95))
		return nil
	}
	err = afterSaves("a post was saved", func() error {
		p, err := db.Post(ctx, data.post)
		if err != nil {
			return err
		}
		p.FTE = 150 - p.FTE // 1.00 and 0.50 in turn
		_, err = db.UpdatePost(ctx, store.System, p)
		return err
	}, &res.AfterChange)
	if err != nil {
		return res, err
	}
	err = afterSaves("a person was saved", func() error {
		p, err := db.Person(ctx, data.person)
		if err != nil {
			return err
		}
		p.Assignments[0].FTE = 140 - p.Assignments[0].FTE // 0.80 and 0.60 in turn
		_, err = db.UpdatePerson(ctx, store.System, p)
		return err
	}, &res.AfterPerson)
	if err != nil {
		return res, err
	}

	compareDirect := func(sc store.Scenario) (workforce.Comparison, error) {
		in, posts, ps, err := db.ScenarioInputs(ctx, sc)
		if err != nil || len(ps) > 0 {
			return workforce.Comparison{}, fmt.Errorf("scenario does not replay: %v %v", err, ps)
		}
		in.Pay, in.Lookup = workforce.CurrentPayTable(db.Today()), db.AnyFrameworks(ctx)
		future := in
		future.Posts = posts
		return workforce.Compare(workforce.WorkOutProfile(in), workforce.WorkOutProfile(future)), nil
	}
	var wantCmp workforce.Comparison
	for range cfg.Cold {
		t0 := time.Now()
		if wantCmp, err = compareDirect(sc); err != nil {
			return res, err
		}
		res.CompareDirect = append(res.CompareDirect, time.Since(t0))
	}
	for i := range cfg.Runs + 1 {
		t0 := time.Now()
		_, _, cmp, ps, err := db.Profiles().Comparison(ctx, sc)
		if err != nil || len(ps) > 0 {
			return res, fmt.Errorf("comparison: %v %v", err, ps)
		}
		if i > 0 {
			res.Compare = append(res.Compare, time.Since(t0))
		} else if !reflect.DeepEqual(cmp, wantCmp) {
			res.Mismatches = append(res.Mismatches, "cached comparison differs from the direct one")
		}
	}
	logf("%s: cached comparison p95 %s", engine, res.Compare.Percentile(95))
	// The scenario edited (its last change's reason), then compared: its posts are replayed and
	// the teams they change worked out; the unit's index is still fresh (a scenario saved
	// cannot move it).
	for i := range saves {
		sc.Changes[len(sc.Changes)-1].Reason = "Edited " + strconv.Itoa(i)
		if sc, err = db.SaveScenario(ctx, store.System, sc); err != nil {
			return res, err
		}
		t0 := time.Now()
		_, _, cmp, ps, err := db.Profiles().Comparison(ctx, sc)
		if err != nil || len(ps) > 0 {
			return res, fmt.Errorf("comparison: %v %v", err, ps)
		}
		res.CompareAfterEdit = append(res.CompareAfterEdit, time.Since(t0))
		if i == saves-1 {
			if wantCmp, err = compareDirect(sc); err != nil {
				return res, err
			}
			if !reflect.DeepEqual(cmp, wantCmp) {
				res.Mismatches = append(res.Mismatches, "comparison after an edit differs from the direct one")
			}
		}
	}
	logf("%s: comparison after an edit p50 %s p95 %s", engine, res.CompareAfterEdit.Percentile(50), res.CompareAfterEdit.Percentile(95))

	if err := measureAggregates(ctx, raw, engine, data.unit, db.Today(), max(1, cfg.Runs/10), &res); err != nil {
		return res, err
	}
	res.LoadAverage[1] = loadAverage()
	logf("%s: aggregate queries p95 %s (posts %s, staff %s, held %s)", engine, res.AllSQL.Percentile(95),
		res.PostsSQL.Percentile(95), res.StaffSQL.Percentile(95), res.HeldSQL.Percentile(95))
	return res, nil
}

// The aggregate queries the profile stands for, on the unit's teams. They give the engine's own
// cost of summing the same rows; they are not the profile (which also works out filled FTE per
// post, costs from the pay table and coverage against each team's demand).
const (
	aggTeams = `WITH RECURSIVE below(id) AS (SELECT id FROM organisations WHERE id = ?
		UNION ALL SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id) `
	aggPosts = aggTeams + `SELECT p.team_id, p.role_id, p.pay_point, COUNT(*), SUM(p.fte), COUNT(p.holder_id)
		FROM posts p JOIN below b ON b.id = p.team_id GROUP BY p.team_id, p.role_id, p.pay_point`
	aggStaff = aggTeams + `SELECT a.team_id, a.role_id, COUNT(DISTINCT a.person_id), SUM(a.fte)
		FROM person_assignments a JOIN below b ON b.id = a.team_id
		WHERE a.start_date <= ? AND (a.end_date = '' OR a.end_date >= ?) GROUP BY a.team_id, a.role_id`
	aggHeld = aggTeams + `SELECT a.team_id, e.framework_key, e.node_key, e.level_key, COUNT(DISTINCT e.person_id)
		FROM person_assignments a JOIN below b ON b.id = a.team_id JOIN portfolio_entries e ON e.person_id = a.person_id
		WHERE a.start_date <= ? AND (a.end_date = '' OR a.end_date >= ?) AND (e.review_by = '' OR e.review_by >= ?)
		GROUP BY a.team_id, e.framework_key, e.node_key, e.level_key`
	aggLastChange = `SELECT COALESCE(MAX(id), 0) FROM changes`
)

func measureAggregates(ctx context.Context, raw *sql.DB, engine string, unit int64, today workforce.Date, runs int, res *WorkforceResult) error {
	day := string(today)
	queries := []struct {
		q    string
		args []any
		into *Durations
	}{
		{aggPosts, []any{unit}, &res.PostsSQL},
		{aggStaff, []any{unit, day, day}, &res.StaffSQL},
		{aggHeld, []any{unit, day, day, day}, &res.HeldSQL},
	}
	for i := range runs + 1 {
		t0 := time.Now()
		for _, q := range queries {
			q0 := time.Now()
			if err := readAll(ctx, raw, rebindFor(engine, q.q), q.args...); err != nil {
				return err
			}
			if i > 0 {
				*q.into = append(*q.into, time.Since(q0))
			}
		}
		if i > 0 {
			res.AllSQL = append(res.AllSQL, time.Since(t0))
		}
		q0 := time.Now()
		if err := readAll(ctx, raw, aggLastChange); err != nil {
			return err
		}
		if i > 0 {
			res.LastChangeSQL = append(res.LastChangeSQL, time.Since(q0))
		}
	}
	return nil
}

func readAll(ctx context.Context, raw *sql.DB, q string, args ...any) error {
	rows, err := raw.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rebindFor numbers the placeholders for PostgreSQL.
func rebindFor(engine, q string) string {
	if engine != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// rawConn opens the engine directly, beside the store.
func rawConn(d *Database) (*sql.DB, error) {
	if d.Engine == Postgres {
		return sql.Open("pgx", d.DSN)
	}
	return sql.Open("sqlite", d.Path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(0)")
}

// generateWorkforce writes the unit, roles, people, assignments, portfolio entries and posts.
func generateWorkforce(ctx context.Context, d *Database, cfg WorkforceConfig) (workforceData, error) {
	db := d.Store
	var data workforceData
	ksf, err := generate.BuiltInKSF()
	if err != nil {
		return data, err
	}
	if _, err := db.SaveFrameworkVersion(ctx, store.System, ksf, true); err != nil {
		return data, fmt.Errorf("save KSF: %w", err)
	}
	org, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Bench Trust", Kind: store.KindOrganisation})
	if err != nil {
		return data, err
	}
	svc, err := db.CreateOrganisation(ctx, store.System, store.Organisation{Name: "Bench service", Kind: store.KindService, ParentID: org.ID})
	if err != nil {
		return data, err
	}
	data.unit = svc.ID
	for i := range cfg.Roles {
		var reqs []workforce.Requirement
		for k := range 2 + i%2 {
			reqs = append(reqs, workforce.Requirement{FrameworkKey: "ksf", FrameworkVersion: "2010", NodeKey: "c" + strconv.Itoa(1+(i+k)%6),
				LevelKey: "level-" + strconv.Itoa(1+(i+k)%3), Essential: true})
		}
		r, err := db.CreateRole(ctx, store.System, workforce.Role{OrganisationID: org.ID, Title: fmt.Sprintf("Bench role %02d", i),
			StaffGroup: "Nursing and Midwifery Registered", Level: 2 + i%7, Band: workforce.Bands[1+i%10],
			Summary: "A generated role for the workforce benchmark.", Requirements: reqs})
		if err != nil {
			return data, fmt.Errorf("role: %w", err)
		}
		data.roles = append(data.roles, r.ID)
	}

	raw, err := rawConn(d)
	if err != nil {
		return data, err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return data, err
	}
	defer tx.Rollback()
	// Timestamps: SQLite columns hold microseconds since the epoch, PostgreSQL's TIMESTAMPTZ.
	now := any(time.Now().UTC().Truncate(time.Microsecond))
	if d.Engine == SQLite {
		now = time.Now().UnixMicro()
	}
	batch := func(table string, cols []string, rows [][]any) error {
		per := 30_000 / len(cols) // PostgreSQL takes at most 65,535 parameters
		for start := 0; start < len(rows); start += per {
			chunk := rows[start:min(start+per, len(rows))]
			var b strings.Builder
			b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ",") + ") VALUES ")
			args := make([]any, 0, len(chunk)*len(cols))
			for i, row := range chunk {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('(')
				for j := range row {
					if j > 0 {
						b.WriteByte(',')
					}
					b.WriteByte('?')
				}
				b.WriteByte(')')
				args = append(args, row...)
			}
			if _, err := tx.ExecContext(ctx, rebindFor(d.Engine, b.String()), args...); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		return nil
	}
	// Ids far above what the store made, so that its own sequences never reach them.
	const base = 10_000_000
	data.teamBase, data.postBase = base, base
	var orgRows [][]any
	for i := range cfg.Teams {
		orgRows = append(orgRows, []any{base + i, svc.ID, fmt.Sprintf("Bench team %04d", i), store.KindTeam, 1, now})
	}
	if err := batch("organisations", []string{"id", "parent_id", "name", "kind", "version", "created_at"}, orgRows); err != nil {
		return data, err
	}
	var pRows, aRows, eRows, postRows [][]any
	for i := range cfg.People {
		id, team, role := base+i, base+i%cfg.Teams, data.roles[i%cfg.Roles]
		num := fmt.Sprintf("B%07d", i)
		pRows = append(pRows, []any{id, org.ID, num, "Person " + num, "person " + strings.ToLower(num), 1, now, now})
		aRows = append(aRows, []any{id, 0, role, team, 100 - (i%3)*20, "2020-01-01", ""})
		for k := range 2 {
			eRows = append(eRows, []any{2*id + k, id, "ksf", "2010", "c" + strconv.Itoa(1+(i+k*3)%6), "level-" + strconv.Itoa(1+(i+k)%4),
				"self", "2020-01-01", "", 1, now, now})
		}
	}
	for i := range cfg.Posts {
		holder := any(nil)
		if i < cfg.People && i%10 != 0 {
			holder = base + i
		}
		postRows = append(postRows, []any{base + i, base + i%cfg.Teams, data.roles[i%cfg.Roles], 100, "", workforce.PayPoints[i%3], 0, holder, 1, now, now})
	}
	data.post, data.person = base+1, base+1
	for _, t := range []struct {
		name string
		cols []string
		rows [][]any
	}{
		{"people", []string{"id", "organisation_id", "staff_number", "name", "name_key", "version", "created_at", "updated_at"}, pRows},
		{"person_assignments", []string{"person_id", "position", "role_id", "team_id", "fte", "start_date", "end_date"}, aRows},
		{"portfolio_entries", []string{"id", "person_id", "framework_key", "framework_version", "node_key", "level_key", "evidence", "achieved", "review_by", "version", "created_at", "updated_at"}, eRows},
		{"posts", []string{"id", "team_id", "role_id", "fte", "band", "pay_point", "actual_salary", "holder_id", "version", "created_at", "updated_at"}, postRows},
	} {
		if err := batch(t.name, t.cols, t.rows); err != nil {
			return data, err
		}
	}
	if err := tx.Commit(); err != nil {
		return data, err
	}
	// What a deployment does by itself soon after a big load: PostgreSQL's autovacuum analyses
	// the tables. The store never runs ANALYZE on SQLite, so neither does the benchmark.
	if d.Engine == Postgres {
		for _, t := range []string{"organisations", "people", "person_assignments", "portfolio_entries", "posts"} {
			if _, err := raw.ExecContext(ctx, "VACUUM ANALYZE "+t); err != nil {
				return data, err
			}
		}
	}
	return data, nil
}

// benchScenario saves a scenario of the unit with cfg.Changes changes of every kind, each on
// posts of its own: posts added to a team, posts removed, re-graded, their FTE changed, and
// two posts converted into three.
func benchScenario(ctx context.Context, db *store.DB, cfg WorkforceConfig, data workforceData) (store.Scenario, error) {
	sc, err := db.CreateScenario(ctx, store.System, data.unit, "Bench scenario", "Generated by the workforce benchmark")
	if err != nil {
		return sc, err
	}
	post := func(k int) int64 { return data.postBase + int64((k*97)%cfg.Posts) }
	for k := range cfg.Changes {
		c := workforce.ScenarioChange{Reason: "Benchmark change " + strconv.Itoa(k)}
		switch k % 5 {
		case 0:
			c.Kind, c.TeamID, c.RoleID, c.Count, c.FTE, c.PayPoint = workforce.ChangeAdd, data.teamBase+int64(k%cfg.Teams), data.roles[k%cfg.Roles], 2, 100, workforce.PayEntry
		case 1:
			c.Kind, c.PostIDs = workforce.ChangeRemove, []int64{post(k)}
		case 2:
			c.Kind, c.PostIDs, c.Band = workforce.ChangeRegrade, []int64{post(k)}, "6"
		case 3:
			c.Kind, c.PostIDs, c.FTE = workforce.ChangeFTE, []int64{post(k)}, 60
		case 4:
			// Two posts of one team: ids a multiple of Teams apart share a team.
			a := post(k)
			c.Kind, c.PostIDs, c.RoleID, c.Count, c.FTE, c.PayPoint = workforce.ChangeConvert, []int64{a, a + int64(cfg.Teams)},
				data.roles[(k+1)%cfg.Roles], 3, 100, workforce.PayEntry
		}
		sc.Changes = append(sc.Changes, c)
	}
	return db.SaveScenario(ctx, store.System, sc)
}

// Markdown is the report.
func (rep *WorkforceReport) Markdown() string {
	var b strings.Builder
	c := rep.Config
	fmt.Fprintf(&b, "# Workforce profile benchmark\n\n")
	fmt.Fprintf(&b, "Written by `go run ./bench/cmd/workforce` (see bench/README.md). Machine: %s.\n\n", rep.Machine)
	fmt.Fprintf(&b, "Data: one service with %d teams, %d people (one current assignment each, two KSF entries each), %d posts of %d roles; a scenario of %d changes (adds, removals, re-grades, FTE changes, conversions). Issue 6's targets: the profile under 200 ms at p95, a comparison with 1,000 changes under 300 ms.\n\n",
		c.Teams, c.People, c.Posts, c.Roles, c.Changes)
	saves := c.Saves
	if saves <= 0 {
		saves = c.Cold
	}
	fmt.Fprintf(&b, "The profile is served from `store.ProfileCache` (docs/decisions/0010 and 0015): each unit is loaded once into a `workforce.ProfileIndex` (its rows by team and person, each team's share of the figures worked out), then kept fresh by following the change sequence row by row: a request reads the newest change (one `MAX(id)`), and after a save it re-reads the rows the save names and works out only the teams they touch. **Cached** is the profile while nothing has changed; **first after a post / a person was saved** is the profile right after `UpdatePost` / `UpdatePerson` (the targets' case: what the first viewer after a save waits); **direct** is `Establishment` + `WorkOutProfile` without the cache (what loading a unit in full costs: at start, on a new day, after an import). The comparison likewise: cached, right after the scenario was saved (replayed, and only the teams it changes worked out), and both profiles worked out directly. Cached runs: %d each; after a save: %d saves each; direct: %d each.\n\n", c.Runs, saves, c.Cold)
	for _, r := range rep.Results {
		fmt.Fprintf(&b, "## %s\n\n", r.Engine)
		fmt.Fprintf(&b, "Data loaded in %s. Load average (1, 5, 15 minutes) before the measurements: %s; after: %s (2 cores: above 2, work waits for a core and wall times stretch).\n\n",
			r.Load.Round(time.Millisecond), r.LoadAverage[0], r.LoadAverage[1])
		fmt.Fprintf(&b, "| what | runs | p50 | p95 | p99 | target |\n| --- | --- | --- | --- | --- | --- |\n")
		row := func(what string, ds Durations, target string) {
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s |\n", what, len(ds), ds.Percentile(50), ds.Percentile(95), ds.Percentile(99), target)
		}
		row("profile, cached", r.Profile, "p95 < 200 ms")
		row("profile, first after a post was saved", r.AfterChange, "p95 < 200 ms")
		row("profile, first after a person was saved", r.AfterPerson, "p95 < 200 ms")
		row("profile, direct (no cache)", r.Direct, "")
		row(fmt.Sprintf("comparison of %d changes, cached", c.Changes), r.Compare, "p95 < 300 ms")
		row("comparison, first after the scenario was saved", r.CompareAfterEdit, "p95 < 300 ms")
		row("comparison, direct (no cache)", r.CompareDirect, "")
		row("SQL: posts by team, role and pay point", r.PostsSQL, "")
		row("SQL: current staff by team and role", r.StaffSQL, "")
		row("SQL: in-date competences held by team, competence and level", r.HeldSQL, "")
		row("SQL: the three aggregates one after the other", r.AllSQL, "")
		row("SQL: newest change (the cache's check)", r.LastChangeSQL, "")
		b.WriteString("\n")
		if len(r.Mismatches) == 0 {
			b.WriteString("Every profile and comparison checked (cached, and the first and last after each kind of save) was identical to the one worked out directly.\n\n")
		} else {
			fmt.Fprintf(&b, "**Cached and direct figures differ**: %s.\n\n", strings.Join(r.Mismatches, "; "))
		}
	}
	return b.String()
}
