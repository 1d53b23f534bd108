package bench

import (
	"context"
	"fmt"
	"io"
	"runtime/pprof"
	"time"

	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
)

// ImportFigure is the people-and-portfolio import (issue 10, "Bulk import speed"): the scale's
// people loaded as `workframe demo --scale` loads them, and the engine loading the same rows.
type ImportFigure struct {
	People, Assignments, Entries int
	// Batches is how many demo.ImportPeopleBatch calls it took (each an ImportPeople and an
	// ImportPortfolios transaction of up to demo.GeneratedBatch people).
	Batches int
	// Time is the store's time: the ImportPeopleBatch calls summed, generating the people
	// between them not counted.
	Time     time.Duration
	Baseline LoadBaseline
}

// Rows is every row the import wrote: people, assignments and portfolio entries.
func (f ImportFigure) Rows() int { return f.People + f.Assignments + f.Entries }

// MeasureImport imports the scale's generated people into d (which holds the roles, through
// Populate) with demo.ImportPeopleBatch, batch by batch as the demo loads them, timing only the
// store's calls, then times the engine loading the rows the store wrote into bare tables. When
// profile is set, a CPU profile of the import (generation included: focus on the store) goes
// there.
func MeasureImport(ctx context.Context, d *Database, g *generate.Generator, dir string, profile io.Writer, logf func(string, ...any)) (ImportFigure, error) {
	var f ImportFigure
	emps, err := d.employers()
	if err != nil {
		return f, err
	}
	logf("%s: importing %d people with their portfolios through store.ImportPeople and store.ImportPortfolios",
		d.Engine, g.Scale().People)
	if profile != nil {
		if err := pprof.StartCPUProfile(profile); err != nil {
			return f, err
		}
	}
	err = g.People(emps, d.Store.Today(), demo.GeneratedBatch, func(i int, recs []generate.PersonRecord) error {
		for _, r := range recs {
			f.Assignments += len(r.Person.Assignments)
		}
		start := time.Now()
		n, err := demo.ImportPeopleBatch(ctx, d.Store, store.System, emps[i].ID, recs)
		f.Time += time.Since(start)
		if err != nil {
			return fmt.Errorf("bench: import people: %w", err)
		}
		f.People += len(recs)
		f.Entries += n
		f.Batches++
		return nil
	})
	if profile != nil {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return f, err
	}
	logf("%s: imported %d people, %d assignments, %d portfolio entries in %s (%d batches)",
		d.Engine, f.People, f.Assignments, f.Entries, f.Time.Round(time.Millisecond), f.Batches)

	logf("%s: timing the engine's own load of the same rows", d.Engine)
	if f.Baseline, err = MeasureLoadBaseline(ctx, d, dir, importTables, logf); err != nil {
		return f, err
	}
	// The baseline exported what the store holds: every row the import reported must be there.
	if f.Baseline.Rows != f.Rows() {
		return f, fmt.Errorf("bench: the store holds %d people, assignment and portfolio rows, the import reported %d", f.Baseline.Rows, f.Rows())
	}
	logf("%s: baseline %s %s (%.2f× the store's speed); into the store's schema %s", d.Engine, f.Baseline.Best.Name,
		f.Baseline.Best.Time.Round(time.Millisecond), ratio(f.Baseline.Best.Time, f.Time), f.Baseline.Schema.Round(time.Millisecond))
	return f, nil
}

// employers are the generated organisations as generate.People wants them: each with its teams
// and its saved roles.
func (d *Database) employers() ([]generate.Employer, error) {
	if len(d.Saved) == 0 {
		return nil, fmt.Errorf("bench: load the roles before the people")
	}
	emps := make([]generate.Employer, len(d.OrgIDs))
	index := map[int64]int{}
	for i, id := range d.OrgIDs {
		emps[i] = generate.Employer{ID: id, Teams: d.Teams[i]}
		index[id] = i
	}
	for _, r := range d.Saved {
		i, ok := index[r.OrganisationID]
		if !ok {
			return nil, fmt.Errorf("bench: role %d of an unknown organisation %d", r.ID, r.OrganisationID)
		}
		emps[i].Roles = append(emps[i].Roles, r)
	}
	return emps, nil
}
