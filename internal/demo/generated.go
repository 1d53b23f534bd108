package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// GeneratedAdmin is the site administrator a generated data set gets, so its pages can be seen.
const GeneratedAdmin = "admin@generated.example"

// GeneratedResult says what LoadGenerated wrote.
type GeneratedResult struct {
	Organisations, Services, Teams, Roles int
	People, PortfolioEntries              int
	// RoleProfiles are IWF profiles of roles; Accounts the generated users (people with their
	// own profile, and each organisation's two assessment sides); OwnProfiles people's own views.
	RoleProfiles, Accounts, OwnProfiles int
	// Cycles are IWL self-assessment cycles, AssessmentActions their action plans' actions.
	Cycles, AssessmentActions        int
	Partnerships, Plans, PlanActions int
	Password                         string // of GeneratedAdmin and every generated account
}

// GeneratedBatch is how many roles go into one store.CreateRoles call, and how many people into
// one import: large enough for the bulk path to run at speed, small enough to show progress and
// to keep one transaction's memory bounded at the national scale.
const GeneratedBatch = 5000

// LoadGenerated writes the generated data of a seed and scale (internal/generate) through the
// store's bulk path: the organisations with their services and teams, then the roles in batches,
// then the roles' IWF profiles (store.ImportProfiles), then the people with their assignments and
// portfolios in batches, each batch one transaction, some of them with an account and their own
// profile; then each organisation's IWL self-assessments and the partnerships' plans.
// progress, when set, hears how far it has got. It refuses a database that already holds the
// first generated organisation: generated data is loaded once, into its own database.
func LoadGenerated(ctx context.Context, db *store.DB, opts generate.Options, progress func(generate.Progress)) (GeneratedResult, error) {
	ksf, _, err := db.FrameworkVersion(ctx, "ksf", "2010")
	if err != nil {
		return GeneratedResult{}, fmt.Errorf("the built-in KSF must be loaded first: %w", err)
	}
	opts.KSF = ksf
	for _, fw := range []struct {
		to           **framework.Framework
		key, version string
	}{{&opts.IWF, "iwf", "2.1"}, {&opts.IWL, IWLKey, IWLVersion}, {&opts.Strategy, strategyKey, strategyVersion}} {
		if *fw.to, _, err = db.FrameworkVersion(ctx, fw.key, fw.version); err != nil {
			return GeneratedResult{}, fmt.Errorf("the built-in %s %s must be loaded first: %w", fw.key, fw.version, err)
		}
	}
	opts.Progress = progress
	g, err := generate.New(opts)
	if err != nil {
		return GeneratedResult{}, err
	}
	orgs := g.Organisations()
	if len(orgs) > 0 {
		if _, err := db.OrganisationByName(ctx, orgs[0].Name); err == nil {
			return GeneratedResult{}, errors.New("this database already holds generated data: load it into a new database")
		} else if !errors.Is(err, store.ErrNotFound) {
			return GeneratedResult{}, err
		}
	}
	res := GeneratedResult{Password: auth.RandomPassword()}
	// One hash for every generated account: hashing is slow by design, and they share the
	// password.
	hash, err := auth.HashPassword(res.Password)
	if err != nil {
		return res, err
	}
	sys := store.Actor{}
	ids := make([]int64, len(orgs))
	emps := make([]generate.Employer, len(orgs))
	index := map[int64]int{} // organisation id → its place in orgs
	for i, o := range orgs {
		top, err := db.CreateOrganisation(ctx, sys, store.Organisation{Name: o.Name, Kind: "organisation"})
		if err != nil {
			return res, err
		}
		ids[i], emps[i].ID, index[top.ID] = top.ID, top.ID, i
		res.Organisations++
		for j, s := range o.Services {
			svc, err := db.CreateOrganisation(ctx, sys, store.Organisation{Name: s, Kind: "service", ParentID: top.ID})
			if err != nil {
				return res, err
			}
			res.Services++
			for _, team := range o.Teams[j] {
				t, err := db.CreateOrganisation(ctx, sys, store.Organisation{Name: team, Kind: store.KindTeam, ParentID: svc.ID})
				if err != nil {
					return res, err
				}
				emps[i].Teams = append(emps[i].Teams, t.ID)
				res.Teams++
			}
		}
		if progress != nil {
			progress(generate.Progress{Stage: "organisations", Done: i + 1, Total: len(orgs)})
		}
	}
	if err := g.Roles(ids, GeneratedBatch, func(batch []workforce.Role) error {
		saved, err := db.CreateRoles(ctx, sys, batch)
		if err != nil {
			return err
		}
		for _, r := range saved {
			emps[index[r.OrganisationID]].Roles = append(emps[index[r.OrganisationID]].Roles, r)
		}
		res.Roles += len(batch)
		return nil
	}); err != nil {
		return res, err
	}
	byRole, err := loadRoleProfiles(ctx, db, g, emps, &res)
	if err != nil {
		return res, err
	}
	own := &ownProfiles{db: db, g: g, accounts: g.Accounts(), byRole: byRole, hash: hash, res: &res}
	// People, then their portfolios, a batch at a time: each batch's people are saved (one
	// transaction, which gives their ids), and their entries saved (another).
	if err := g.People(emps, db.Today(), GeneratedBatch, func(i int, recs []generate.PersonRecord) error {
		n, err := ImportPeopleBatch(ctx, db, sys, emps[i].ID, recs)
		if err != nil {
			return err
		}
		res.People += len(recs)
		res.PortfolioEntries += n
		return own.add(ctx, i, emps[i].ID, recs)
	}); err != nil {
		return res, err
	}
	if err := loadGeneratedAssessments(ctx, db, g, ids, hash, &res, progress); err != nil {
		return res, err
	}
	if err := loadGeneratedPlans(ctx, db, g, ids, &res, progress); err != nil {
		return res, err
	}
	u, err := db.UserByEmail(ctx, GeneratedAdmin)
	switch {
	case errors.Is(err, store.ErrNotFound):
		_, err = db.CreateUser(ctx, sys, store.User{Email: GeneratedAdmin, Name: "Generated data administrator", PasswordHash: hash, SiteAdmin: true})
	case err == nil:
		err = db.SetPassword(ctx, sys, u.ID, hash)
	}
	return res, err
}

// ImportPeopleBatch saves one batch of an organisation's generated people through the import
// path, as an HR extract would arrive: the people with their assignments (store.ImportPeople, one
// transaction, which returns their ids), then their portfolio entries
// (store.ImportPortfolios, another). It returns how many entries it saved. The benchmark suite
// (bench/import.go) times this same function against the engine's own loader.
func ImportPeopleBatch(ctx context.Context, db *store.DB, a store.Actor, orgID int64, recs []generate.PersonRecord) (int, error) {
	people := make([]workforce.Person, len(recs))
	for k, rec := range recs {
		people[k] = rec.Person
	}
	res, err := db.ImportPeople(ctx, a, orgID, people)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, rec := range recs {
		n += len(rec.Portfolio)
	}
	// Sized once: growing a slice of 100,000 entries by appending copied it a dozen times and
	// took a fifth of the import's time.
	entries := make([]workforce.PortfolioEntry, 0, n)
	for k, rec := range recs {
		for _, e := range rec.Portfolio {
			e.PersonID = res.IDs[k]
			entries = append(entries, e)
		}
	}
	if err := db.ImportPortfolios(ctx, a, orgID, entries); err != nil {
		return 0, err
	}
	return len(entries), nil
}
