package bench

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
)

// The parts of make bench that can run alone (-only), besides OnlyImport.
const (
	OnlyHTTP      = "http"
	OnlyCareers   = "careers"
	OnlyWorkforce = "workforce"
)

// Parts lists what -only accepts.
var Parts = []string{OnlySearch, OnlyImport, OnlyHTTP, OnlyCareers, OnlyWorkforce}

// errDisagree is a benchmark whose figures were checked against a second way of working them
// out and differed: the report is still written, and the run fails.
var errDisagree = errors.New("bench: the figures disagree with their check")

// CareersFor is the career benchmark at a scale: its people, roles and competences, 20
// competences a role and a person (issue 5). At the national scale it is NationalCareers.
func CareersFor(s generate.Scale) CareerConfig {
	comps := max(s.Competences, 20)
	return CareerConfig{People: s.People, Roles: s.Roles, Comps: comps, PerRole: min(20, comps), PerPerson: min(20, comps),
		Queries: 200, SQLQueries: 20}
}

// WorkforceFor is the workforce benchmark at a scale: a unit of the scale's people, at most
// issue 6's 100,000 (a unit is one employer, however big the scale), with a fifth more posts
// than people, 25 people a team and a scenario of a change per 100 people (at most 1,000). At
// the system and national scales it is IssueSixScale.
func WorkforceFor(s generate.Scale) WorkforceConfig {
	c := IssueSixScale
	c.People = min(s.People, IssueSixScale.People)
	c.Posts, c.Teams = c.People*6/5, max(1, c.People/25)
	c.Changes = min(IssueSixScale.Changes, max(1, c.People/100))
	return c
}

// runOther runs the careers and workforce benchmarks (or the one cfg.Only names) into rep.
func runOther(ctx context.Context, cfg Config, rep *Report, logf func(string, ...any)) error {
	var disagree []string
	if cfg.Only == "" || cfg.Only == OnlyCareers {
		cc := CareersFor(cfg.Scale)
		cc.Seed, cc.Dir, cc.Log = cfg.Seed, cfg.Dir, cfg.Log
		logf("careers: %d people, %d roles, %d competences", cc.People, cc.Roles, cc.Comps)
		cr, err := RunCareers(ctx, cc)
		if err != nil {
			return fmt.Errorf("bench: careers: %w", err)
		}
		rep.Careers = cr
		if len(cr.Mismatches) > 0 {
			disagree = append(disagree, fmt.Sprintf("careers: the index and SQL disagree in %d answers", len(cr.Mismatches)))
		}
	}
	if cfg.Only == "" || cfg.Only == OnlyWorkforce {
		wc := WorkforceFor(cfg.Scale)
		wc.Engines, wc.Dir, wc.PostgresURL, wc.Log = cfg.Engines, cfg.Dir, cfg.PostgresURL, cfg.Log
		logf("workforce: a unit of %d people and %d posts, a scenario of %d changes", wc.People, wc.Posts, wc.Changes)
		wr, err := RunWorkforce(ctx, wc)
		if err != nil {
			return fmt.Errorf("bench: workforce: %w", err)
		}
		rep.Workforce = wr
		for _, r := range wr.Results {
			if len(r.Mismatches) > 0 {
				disagree = append(disagree, r.Engine+": cached and direct workforce figures differ")
			}
		}
	}
	if cfg.Only != "" {
		fmt.Fprint(cfg.Log, "\n"+rep.otherSections())
	}
	if len(disagree) > 0 {
		return fmt.Errorf("%w: %s", errDisagree, strings.Join(disagree, "; "))
	}
	return nil
}

// importPeople imports the scale's people as the demo does, untimed: the HTTP load alone needs
// them for its pages.
func importPeople(ctx context.Context, d *Database, g *generate.Generator, logf func(string, ...any)) error {
	emps, err := d.employers()
	if err != nil {
		return err
	}
	logf("%s: importing %d people for the pages (not timed)", d.Engine, g.Scale().People)
	return g.People(emps, d.Store.Today(), demo.GeneratedBatch, func(i int, recs []generate.PersonRecord) error {
		_, err := demo.ImportPeopleBatch(ctx, d.Store, store.System, emps[i].ID, recs)
		return err
	})
}

// otherRows are the careers and workforce figures' lines of the summary table. The baseline of
// a career query is the same answer by a plain SQL query on the same data (p99, as issue 5's
// targets); of the workforce profile and the comparison, the engine running the profile's three
// aggregates directly (p95, as issue 6's).
func (r *Report) otherRows() string {
	var b strings.Builder
	row := func(figure, engine string, got, base, target time.Duration) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | < %s | %s |\n", figure, engine, ms(got), ms(base), times(ratio(got, base)), ms(target), mark(got < target))
	}
	if c := r.Careers; c != nil {
		row(fmt.Sprintf("career options, one person over %s roles, p99 of %d", thousands(c.Config.Roles), len(c.Options)),
			"SQLite (in-memory index)", c.Options.Percentile(99), c.OptionsSQL.Percentile(99), 10*time.Millisecond)
		row(fmt.Sprintf("talent match, one role over %s people, p99 of %d", thousands(c.Config.People), len(c.Talent)),
			"SQLite (in-memory index)", c.Talent.Percentile(99), c.TalentSQL.Percentile(99), 250*time.Millisecond)
	}
	if w := r.Workforce; w != nil {
		for _, res := range w.Results {
			base := res.AllSQL.Percentile(95)
			row(fmt.Sprintf("workforce profile, %s people and %s posts, cached, p95 of %d", thousands(w.Config.People), thousands(w.Config.Posts), len(res.Profile)),
				engineName(res.Engine), res.Profile.Percentile(95), base, 200*time.Millisecond)
			row(fmt.Sprintf("scenario comparison, %s changes, cached, p95 of %d", thousands(w.Config.Changes), len(res.Compare)),
				engineName(res.Engine), res.Compare.Percentile(95), base, 300*time.Millisecond)
			fmt.Fprintf(&b, "| workforce profile, worked out again (no cache), p95 of %d | %s | %s | %s | %s | | |\n",
				len(res.Direct), engineName(res.Engine), ms(res.Direct.Percentile(95)), ms(base), times(ratio(res.Direct.Percentile(95), base)))
		}
	}
	return b.String()
}

// times writes a ratio with two significant digits, so that a cached answer thousands of times
// faster than its baseline does not read 0.00×.
func times(x float64) string {
	if x >= 0.1 {
		return fmt.Sprintf("%.2f×", x)
	}
	return fmt.Sprintf("%.2g×", x)
}

// otherNote says what the careers and workforce rows compare.
func (r *Report) otherNote() string {
	if r.Careers == nil && r.Workforce == nil {
		return ""
	}
	return "Career options and talent match: Workframe is the in-memory career index (`store.Careers`);\n" +
		"the baseline is the same answer by one SQL query on the same data (checked identical); the ratio\n" +
		"is Workframe's time over the baseline's. Workforce profile and scenario comparison: Workframe is\n" +
		"`store.ProfileCache` as the pages get it; the baseline is the engine running the profile's three\n" +
		"aggregates directly (posts, staff, competences held). Each makes its own data (sections below).\n\n"
}

// otherSections are the careers and workforce benchmarks' own reports, one heading level down.
func (r *Report) otherSections() string {
	var b strings.Builder
	if r.Careers != nil {
		b.WriteString(demote(r.Careers.Markdown()) + "\n")
	}
	if r.Workforce != nil {
		b.WriteString(demote(r.Workforce.Markdown()) + "\n")
	}
	return b.String()
}

// demote moves every Markdown heading one level down, so that a report becomes a section.
func demote(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			lines[i] = "#" + l
		}
	}
	return strings.Join(lines, "\n")
}

// HTTPSummary is the HTTP load's tables as text, for a run of it alone (-only http).
func (r *Report) HTTPSummary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nHTTP load, scale %s, seed %d, %s (the run took %s)\n\n", r.Scale.Name, r.Seed,
		r.Date.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second))
	r.httpDetail(&b)
	return b.String()
}
