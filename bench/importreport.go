package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/demo"
)

// importRow is the people import's line of the summary table.
func importRow(e EngineReport) string {
	f := e.Import
	speed := ratio(f.Baseline.Best.Time, f.Time)
	return fmt.Sprintf("| people import, %s people + %s portfolio entries = %s rows | %s | %s | %s | %.2f× the speed | ≥ %.1f× | %s |",
		thousands(f.People), thousands(f.Entries), thousands(f.Rows()), engineName(e.Engine), secs(f.Time),
		secs(f.Baseline.Best.Time), speed, LoadTarget, mark(speed >= LoadTarget))
}

// importDetail is the people import's section: the store, each of the engine's loaders, and the
// engine keeping the store's keys and indexes.
func importDetail(b *strings.Builder, e EngineReport) {
	f := e.Import
	if f.Time == 0 {
		return
	}
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	lb := f.Baseline
	w("## People import on %s\n\n", engineName(e.Engine))
	w("%s rows: %s people, %s assignments and %s portfolio entries (%.0f MB as CSV), in %d batches.\n\n",
		thousands(f.Rows()), thousands(f.People), thousands(f.Assignments), thousands(f.Entries), float64(lb.CSVBytes)/1e6, f.Batches)
	w("| how | time | rows/s | speed vs baseline |\n| --- | --- | --- | --- |\n")
	w("| `store.ImportPeople` + `store.ImportPortfolios` (row-level validation, all or nothing, audit; keys and indexes) | %s | %s | %.2f× |\n",
		secs(f.Time), thousands(perSecond(f.Rows(), f.Time)), ratio(lb.Best.Time, f.Time))
	for _, m := range lb.Methods {
		tag := ""
		if m == lb.Best {
			tag = " **(baseline)**"
		}
		w("| %s%s | %s | %s | %.2f× |\n", m.Name, tag, secs(m.Time), thousands(perSecond(f.Rows(), m.Time)), ratio(lb.Best.Time, m.Time))
	}
	var parts []string
	for _, t := range lb.SchemaTables {
		parts = append(parts, fmt.Sprintf("%s %s", t.Name, secs(t.Time)))
	}
	w("| diagnostic: the engine copying the same rows (`INSERT … SELECT`, one transaction) into the store's own tables, with their keys, foreign keys and indexes (%s) | %s | %s | %.2f× |\n",
		strings.Join(parts, ", "), secs(lb.Schema), thousands(perSecond(f.Rows(), lb.Schema)), ratio(lb.Best.Time, lb.Schema))
	for _, v := range lb.Variants {
		w("| diagnostic: the same copy into the store's tables %s | %s | %s | %.2f× |\n", v.Name, secs(v.Time),
			thousands(perSecond(f.Rows(), v.Time)), ratio(lb.Best.Time, v.Time))
	}
	w("\n")
}

// schemaCosts splits the engine's time keeping the store's schema by layer, from the diagnostic
// copies that leave one more layer out each (schemaVariants): foreign keys, the indexes that are
// not keys, and what is left (the rows and their keys, against the bare load of the baseline).
// Empty when the run has no such copies.
func schemaCosts(lb LoadBaseline) string {
	if len(lb.Variants) != 2 {
		return ""
	}
	noFK, keys := lb.Variants[0].Time, lb.Variants[1].Time
	part := func(d time.Duration) string {
		return fmt.Sprintf("%s (%.0f%%)", secs(max(d, 0)), 100*max(d, 0).Seconds()/lb.Schema.Seconds())
	}
	return fmt.Sprintf("the foreign keys, checked row by row, %s; the indexes that are not keys %s; the rows with their primary and unique keys %s",
		part(lb.Schema-noFK), part(noFK-keys), part(keys))
}

// importFinding says whether the people import meets the target and where its time goes.
func importFinding(b *strings.Builder, e EngineReport) {
	f := e.Import
	if f.Time == 0 {
		return
	}
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	lb := f.Baseline
	speed := ratio(lb.Best.Time, f.Time)
	verdict := "meets"
	if speed < LoadTarget {
		verdict = "misses"
	}
	w("- **%s people import %s the target**: %.2f× the engine's speed (%s rows in %s against\n",
		engineName(e.Engine), verdict, speed, thousands(f.Rows()), secs(f.Time))
	w("  %s into bare tables). The engine alone, copying the same rows into the store's tables\n", secs(lb.Best.Time))
	w("  (keys, foreign keys, indexes), takes %s: %.2f× of the bare-table speed", secs(lb.Schema), ratio(lb.Best.Time, lb.Schema))
	if ratio(lb.Best.Time, lb.Schema) < LoadTarget {
		w(", so the target as defined\n  cannot be met by an import that keeps them in its own transaction")
	}
	w(".\n")
	if c := schemaCosts(lb); c != "" {
		w("  Of that copy's time: %s.\n", c)
		if keys := lb.Variants[1].Time; ratio(lb.Best.Time, keys) < LoadTarget {
			w("  With no foreign key and no index but the keys, the engine still reaches only %.2f× of its\n", ratio(lb.Best.Time, keys))
			w("  bare-table speed: no import into tables with keys can meet the target as defined.\n")
		}
		if e.Engine == Postgres {
			w("  PostgreSQL checks each foreign key with a trigger and a query for each row, COPY or not.\n")
		}
	}
	if f.Time <= lb.Schema {
		w("  The store is as fast as that (%.2f× of it): its time is the engine's, keeping the schema.\n", ratio(lb.Schema, f.Time))
	} else {
		w("  Against it the store runs at %.2f×; the rest (%s) is the store's own work: validation,\n",
			ratio(lb.Schema, f.Time), secs(f.Time-lb.Schema))
		w("  the rows crossing the driver (each value bound through database/sql on SQLite), %d transactions\n",
			2*f.Batches)
		w("  of up to %s people, audit.\n", thousands(demo.GeneratedBatch))
	}
}

// ImportSummary is the people import's figures as text, for a run of the import alone (-only
// import), which writes no RESULTS.md.
func (r *Report) ImportSummary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nPeople import, scale %s, seed %d, %s (the run took %s)\n\n", r.Scale.Name, r.Seed,
		r.Date.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second))
	b.WriteString("| figure | engine | Workframe | baseline | ratio | target | met |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, e := range r.Engines {
		b.WriteString(importRow(e) + "\n")
	}
	b.WriteString("\n")
	for _, e := range r.Engines {
		importFinding(&b, e)
	}
	b.WriteString("\n")
	for _, e := range r.Engines {
		importDetail(&b, e)
	}
	return b.String()
}
