package demo_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/workframe/workframe/frameworks"
	"github.com/workframe/workframe/internal/demo"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/store/storetest"
	"github.com/workframe/workframe/internal/workforce"
)

const trust = "Riverside University Hospitals NHS Foundation Trust"

// failure is a must that failed; catch turns it into a fatal test error.
type failure struct {
	err   error
	where string
}

func must[T any](v T, err error) T {
	if err != nil {
		_, file, line, _ := runtime.Caller(1)
		panic(failure{err: err, where: fmt.Sprintf("%s:%d", filepath.Base(file), line)})
	}
	return v
}

func catch(t *testing.T) {
	t.Helper()
	if r := recover(); r != nil {
		f, ok := r.(failure)
		if !ok {
			panic(r)
		}
		t.Fatalf("%s: %v", f.where, f.err)
	}
}

// loadBuiltins stores the built-in frameworks, as the command line does before loading the demo.
func loadBuiltins(t *testing.T, db *store.DB) {
	t.Helper()
	fws, problems := framework.LoadAll(frameworks.FS)
	if len(problems) > 0 {
		t.Fatalf("built-in frameworks: %v", problems)
	}
	for _, f := range fws {
		must(db.SaveFrameworkVersion(context.Background(), store.System, f, true))
	}
}

func TestLoad(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			defer catch(t)
			ctx := context.Background()
			db := storetest.Open(t, engine)

			if _, err := demo.Load(ctx, db); err == nil || !strings.Contains(err.Error(), "load the built-in frameworks first") {
				t.Fatalf("Load without the built-in frameworks: %v", err)
			}
			loadBuiltins(t, db)

			first := must(demo.Load(ctx, db))
			if !first.Created || first.RolesCreated == 0 || first.ProfilesCreated == 0 || first.CareerFrameworksCreated != 1 ||
				first.PeopleCreated != len(demo.People)+len(demo.NorthgatePeople) {
				t.Fatalf("first Load = %+v", first)
			}
			before := census(t, db)
			// One partnership of five partners with a plan under way and a register.
			if before["partnerships"] != 1 || before["partners"] != 5 || before["plans"] != 1 || before["plan actions"] < 4 ||
				before["plan measures"] < 1 || before["solutions"] < 3 {
				t.Errorf("partnership plan: %v", before)
			}
			second := must(demo.Load(ctx, db))
			if second.Created || second.RolesCreated != 0 || second.ProfilesCreated != 0 || second.CareerFrameworksCreated != 0 ||
				second.PeopleCreated != 0 {
				t.Errorf("second Load = %+v, want nothing created", second)
			}
			if after := census(t, db); !reflect.DeepEqual(before, after) {
				t.Errorf("the second Load changed the counts:\n before %v\n after  %v", before, after)
			}
			if second.Password == first.Password {
				t.Error("the second Load kept the old password")
			}
			u := must(db.UserByEmail(ctx, "nurse@riverside.example"))
			if u.PasswordHash == "" {
				t.Error("the demo nurse has no password")
			}

			content := must(demo.ReadContent())
			family := map[string]string{} // organisation + title → family
			for _, s := range content.Roles {
				family[s.Organisation+"\x00"+s.Role.Title] = s.Family
			}

			roles := allRoles(t, db)
			if len(roles) != len(content.Roles)+len(content.Copies) {
				t.Errorf("%d roles stored, want %d", len(roles), len(content.Roles)+len(content.Copies))
			}
			lookup := func(key, version string) *framework.Framework {
				f, _, err := db.FrameworkVersion(ctx, key, version)
				if err != nil {
					return nil
				}
				return f
			}
			trustOrg := must(db.OrganisationByName(ctx, trust))
			levels := map[int]bool{}
			families := map[string]bool{}
			for _, r := range roles {
				if errs := workforce.Errors(workforce.ValidateRole(r, lookup)); len(errs) > 0 {
					t.Errorf("role %q: %v", r.Title, errs)
				}
				core := map[string]bool{}
				for _, q := range r.Requirements {
					if q.FrameworkKey == demo.KSFKey && q.FrameworkVersion == demo.KSFVersion {
						core[q.NodeKey] = q.Essential
					}
				}
				for _, dim := range demo.KSFCore {
					if !core[dim] {
						t.Errorf("role %q does not require the KSF core dimension %s as essential", r.Title, dim)
					}
				}
				if r.OrganisationID == trustOrg.ID {
					levels[r.Level] = true
					org := must(db.Organisation(ctx, r.OrganisationID))
					families[family[org.Name+"\x00"+r.Title]] = true
				}
			}
			for level := workforce.MinLevel; level <= workforce.MaxLevel; level++ {
				if !levels[level] {
					t.Errorf("the trust has no role at level %d", level)
				}
			}
			for _, f := range demo.Families {
				if !families[f.Key] {
					t.Errorf("the trust has no role in the %s family", f.Name)
				}
			}

			// Every stored profile is valid against its framework version.
			var stored []store.Profile
			for _, r := range roles {
				stored = append(stored, must(db.RoleProfiles(ctx, r.ID))...)
			}
			roleProfiles := len(stored)
			if roleProfiles != len(content.RoleProfiles) {
				t.Errorf("%d role profiles stored, want %d", roleProfiles, len(content.RoleProfiles))
			}
			mine := must(db.UserProfiles(ctx, u.ID))
			stored = append(stored, mine...)
			for _, p := range stored {
				f := lookup(p.Profile.FrameworkKey, p.Profile.FrameworkVersion)
				if f == nil {
					t.Errorf("profile %q: framework %s@%s is not stored", p.Title, p.Profile.FrameworkKey, p.Profile.FrameworkVersion)
					continue
				}
				if problems := profile.Validate(p.Profile, f); len(problems) > 0 {
					t.Errorf("profile %q: %v", p.Title, problems)
				}
			}
			versions := map[string]string{}
			for _, p := range mine {
				versions[p.Title] = p.Profile.FrameworkVersion
			}
			if versions["My role today"] != "2.1" || versions["My role last year"] != "1.0" {
				t.Errorf("Jordan Lee's profiles = %v, want today on 2.1 and last year on 1.0", versions)
			}

			// The research delivery team's team view is meaningful: most of its members counted,
			// through several different roles' profiles, with a spread of levels.
			crdt := must(db.OrganisationByName(ctx, "Clinical Research Delivery Team"))
			tv := must(db.TeamProfileView(ctx, crdt.ID, db.Today(), "", ""))
			usedRoles := map[int64]bool{}
			for i := range tv.Members {
				if p, ok := tv.ChosenProfile(i); ok {
					usedRoles[p.RoleID] = true
				}
			}
			spread := false
			for _, e := range tv.Team.Elements {
				n := 0
				for _, l := range e.Levels {
					if l.Members > 0 {
						n++
					}
				}
				spread = spread || n >= 3
			}
			if tv.Counted < 7 || len(usedRoles) < 5 || !spread || tv.Team.FrameworkVersion != "2.1" {
				t.Errorf("the research delivery team's view: %d counted through %d roles' profiles, spread %v, version %s",
					tv.Counted, len(usedRoles), spread, tv.Team.FrameworkVersion)
			}

			// The research nurse is the best match for "research nurse".
			page := must(db.SearchRoles(ctx, store.RoleQuery{Text: "research nurse", OrganisationIDs: []int64{trustOrg.ID}}))
			if len(page.Roles) == 0 || page.Roles[0].Title != "Research nurse" {
				var titles []string
				for _, r := range page.Roles {
					titles = append(titles, r.Title)
				}
				t.Errorf("search for research nurse found %q, want Research nurse first", titles)
			}

			// A partner copied the network's shared role, and the copy remembers its source.
			northgate := must(db.OrganisationByName(ctx, "Northgate Community Health NHS Trust"))
			copied := false
			for _, r := range roles {
				if r.OrganisationID == northgate.ID && r.CopiedFromID != 0 && r.Title == "Network research nurse" {
					copied = r.Status == workforce.StatusDraft
				}
			}
			if !copied {
				t.Error("Northgate has no draft copy of the network research nurse role")
			}
		})
	}
}

// allRoles returns every role of every organisation, whatever its status.
func allRoles(t *testing.T, db *store.DB) []workforce.Role {
	t.Helper()
	orgs := must(db.Organisations(context.Background()))
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	page := must(db.SearchRoles(context.Background(), store.RoleQuery{OrganisationIDs: ids, Status: store.RoleStatusAny, Limit: store.MaxRolePage}))
	if page.Total > len(page.Roles) {
		t.Fatalf("more roles (%d) than one page holds", page.Total)
	}
	return page.Roles
}

// census counts what the demo creates.
func census(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	ctx := context.Background()
	roles := allRoles(t, db)
	c := map[string]int{
		"organisations":      len(must(db.Organisations(ctx))),
		"partnerships":       len(must(db.Partnerships(ctx))),
		"users":              len(must(db.Users(ctx))),
		"framework versions": len(must(db.FrameworkVersions(ctx))),
		"roles":              len(roles),
	}
	for _, o := range must(db.Organisations(ctx)) {
		page := must(db.SearchPeople(ctx, store.PersonQuery{OrganisationIDs: []int64{o.ID}, Limit: store.MaxPeoplePage}))
		c["people"] += page.Total
		for _, p := range page.People {
			c["portfolio entries"] += len(must(db.Portfolio(ctx, p.ID)))
		}
	}
	for _, r := range roles {
		c["role versions"] += len(must(db.RoleVersions(ctx, r.ID)))
		c["role profiles"] += len(must(db.RoleProfiles(ctx, r.ID)))
	}
	for _, u := range must(db.Users(ctx)) {
		c["own profiles"] += len(must(db.UserProfiles(ctx, u.ID)))
	}
	for _, p := range must(db.Partnerships(ctx)) {
		c["partners"] += len(must(db.PartnershipPartners(ctx, p.ID)))
		c["solutions"] += len(must(db.SearchRegister(ctx, store.RegisterQuery{PartnershipID: p.ID})))
		for _, pl := range must(db.PartnershipPlans(ctx, p.ID)) {
			c["plans"]++
			c["plan actions"] += len(must(db.PlanActions(ctx, pl.ID)))
			c["plan measures"] += len(must(db.PlanMeasures(ctx, pl.ID)))
		}
	}
	return c
}

// TestContent checks the demo data itself, with no database: what a workforce planner would
// check first.
// TestDemoPeople: the healthcare assistant and the research nurse sign in to their own records,
// and the assistant's gap to assistant practitioner tells the story the demo promises: part of
// the way there, with essential dimensions partly met and some missing, one competence due for
// review and one expired.
func TestDemoPeople(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			defer catch(t)
			ctx := context.Background()
			db := storetest.Open(t, engine)
			loadBuiltins(t, db)
			must(demo.Load(ctx, db))
			jordan := must(db.PersonForUser(ctx, must(db.UserByEmail(ctx, "nurse@riverside.example")).ID))
			if jordan.Name != "Jordan Lee" {
				t.Errorf("the demo nurse's record is %q", jordan.Name)
			}
			casey := must(db.PersonForUser(ctx, must(db.UserByEmail(ctx, "hca@riverside.example")).ID))
			entries := must(db.Portfolio(ctx, casey.ID))
			today := db.Today()
			flags := map[string]int{}
			for _, e := range entries {
				flags[e.Flag(today, workforce.DefaultDueDays)]++
			}
			if flags[workforce.FlagDue] != 1 || flags[workforce.FlagExpired] != 1 {
				t.Errorf("Casey's flags %v, want one due and one expired", flags)
			}
			roles := map[string]workforce.Role{}
			for _, r := range allRoles(t, db) {
				roles[r.Title] = r
			}
			lookup := db.AnyFrameworks(ctx)
			own := workforce.Analyse(roles["Healthcare assistant"].Requirements, entries, lookup, today)
			ap := workforce.Analyse(roles["Assistant practitioner (acute medicine)"].Requirements, entries, lookup, today)
			if own.Readiness < 85 || own.EssentialNotMet != 0 {
				t.Errorf("Casey against her own role: %+v", own)
			}
			if ap.Readiness < 40 || ap.Readiness > 80 || ap.Partly == 0 || ap.Missing == 0 || ap.Met == 0 {
				t.Errorf("Casey against assistant practitioner: readiness %d, %d met, %d partly, %d missing", ap.Readiness, ap.Met, ap.Partly, ap.Missing)
			}
			t.Logf("Casey: own role %d%%, assistant practitioner %d%% (%d met, %d partly, %d missing)", own.Readiness, ap.Readiness, ap.Met, ap.Partly, ap.Missing)
		})
	}
}

func TestContent(t *testing.T) {
	defer catch(t)
	content := must(demo.ReadContent())
	perOrg := map[string]int{}
	for _, s := range content.Roles {
		r := s.Role
		perOrg[s.Organisation]++
		for name, list := range map[string][]string{
			"activities": r.Activities, "quality standards": r.QualityStandards, "knowledge and skills": r.KnowledgeSkills,
		} {
			if len(list) < 3 || len(list) > 6 {
				t.Errorf("%q has %d %s, want 3 to 6", r.Title, len(list), name)
			}
		}
		if strings.TrimSpace(r.Summary) == "" || r.Profession == "" {
			t.Errorf("%q has no summary or profession", r.Title)
		}
		if problems := workforce.ValidateRole(workforce.Normalise(r), nil); len(workforce.Errors(problems)) > len(r.Requirements) {
			// Without frameworks every requirement is an error ("not available"); anything more
			// is a mistake in the role itself.
			t.Errorf("%q: %v", r.Title, problems)
		}
		group, _ := workforce.LookupStaffGroup(r.StaffGroup)
		if group.Registered && !r.RegistrationRequired {
			t.Errorf("%q is in the %s staff group but does not require registration", r.Title, group.Name)
		}
		if r.RegistrationRequired && r.Level < workforce.RegisteredLevel && r.Title != "Nursing associate" {
			t.Errorf("%q requires registration at level %d", r.Title, r.Level)
		}
		if group.Name == "Administrative and Clerical" && !r.LevelIndicative {
			t.Errorf("%q is administrative or managerial: its level should be marked indicative", r.Title)
		}
		if r.Band == "" && !strings.Contains(r.Summary, "band") {
			t.Errorf("%q has no band and its summary does not say why", r.Title)
		}
	}
	if perOrg[trust] < 45 {
		t.Errorf("the trust has %d roles, want at least 45", perOrg[trust])
	}
	for _, o := range []string{"Northgate Community Health NHS Trust", "North Riverside Clinical Research Network"} {
		if perOrg[o] == 0 {
			t.Errorf("%s has no roles", o)
		}
	}
	statuses := map[string]int{}
	shared := 0
	for _, s := range content.Roles {
		statuses[s.Role.Status]++
		if s.Role.Shared {
			shared++
		}
	}
	if statuses[workforce.StatusDraft] == 0 || statuses[workforce.StatusRetired] != 1 ||
		statuses[workforce.StatusPublished] < len(content.Roles)/2 || shared < 2 {
		t.Errorf("statuses %v, %d shared: want most published, a few drafts, one retired, a couple shared", statuses, shared)
	}

	// The local framework is valid, and has about fifteen competences on three levels.
	f := content.LocalFramework
	if problems := framework.Validate(f); len(problems) > 0 || len(f.Levels) != 3 || len(f.NodesOfType("competence")) < 12 {
		t.Errorf("local framework: %d levels, %d competences, problems %v", len(f.Levels), len(f.NodesOfType("competence")), problems)
	}
	// Every research role of the trust requires it.
	for _, s := range content.Roles {
		if s.Organisation != trust || s.Family != "research" {
			continue
		}
		if !slices.ContainsFunc(s.Role.Requirements, func(q workforce.Requirement) bool { return q.FrameworkKey == demo.LocalFrameworkKey }) {
			t.Errorf("research role %q does not require the local research competences", s.Role.Title)
		}
	}
}

func TestReadContentOnce(t *testing.T) {
	a, err1 := demo.ReadContent()
	b, err2 := demo.ReadContent()
	if err := errors.Join(err1, err2); err != nil || a != b {
		t.Fatalf("ReadContent is not read once: %v", err)
	}
}

// TestCareerFramework checks the demo's career framework as a planner would read it: every
// family filled, routes up and across, the registration routes into nursing, and a partner's
// shared role in it.
func TestCareerFramework(t *testing.T) {
	defer catch(t)
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	loadBuiltins(t, db)
	must(demo.Load(ctx, db))
	trustOrg := must(db.OrganisationByName(ctx, trust))
	list := must(db.CareerFrameworks(ctx, store.CareerFrameworkQuery{OrganisationIDs: []int64{trustOrg.ID}}))
	if len(list) != 1 || list[0].Title != "Research delivery career framework" || list[0].Status != "published" {
		t.Fatalf("career frameworks = %+v", list)
	}
	f := must(db.CareerFramework(ctx, list[0].ID))
	roles := must(db.CareerFrameworkRoles(ctx, f.RoleIDs()))
	perFamily := map[string]int{}
	for _, p := range f.Placements {
		perFamily[p.FamilyKey]++
	}
	for _, fam := range f.Families {
		if perFamily[fam.Key] < 4 {
			t.Errorf("family %s has %d roles", fam.Name, perFamily[fam.Key])
		}
	}
	kinds := map[string]int{}
	var intoNursing, partner bool
	for _, rt := range f.Routes {
		kinds[rt.Kind]++
		to := roles[rt.ToRoleID]
		if to.Title == "Staff nurse" && rt.RegistrationRequired && rt.Qualification == "Nursing degree" && roles[rt.FromRoleID].Level == 4 {
			intoNursing = true
		}
		partner = partner || to.OrganisationID != trustOrg.ID
	}
	if kinds["up"] < 15 || kinds["across"] < 3 || !intoNursing || !partner {
		t.Errorf("routes: %v up/across, into nursing %v, to a partner's role %v", kinds, intoNursing, partner)
	}
}

// TestDemoAssessments: the trust has two signed-off IWL cycles and one in progress, a
// partnership of both sides, and actions; a second Load adds none.
func TestDemoAssessments(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			defer catch(t)
			ctx := context.Background()
			db := storetest.Open(t, engine)
			loadBuiltins(t, db)
			first := must(demo.Load(ctx, db))
			if first.AssessmentsCreated != 3 {
				t.Fatalf("created %d cycles", first.AssessmentsCreated)
			}
			if again := must(demo.Load(ctx, db)); again.AssessmentsCreated != 0 {
				t.Errorf("a second Load created %d cycles", again.AssessmentsCreated)
			}
			trustOrg := must(db.OrganisationByName(ctx, trust))
			cycles := must(db.CyclesIn(ctx, []int64{trustOrg.ID}))
			if len(cycles) != 3 || cycles[0].SignedOff() || !cycles[1].SignedOff() || !cycles[2].SignedOff() {
				t.Fatalf("cycles %+v", cycles)
			}
			sides := must(db.AssessmentSides(ctx, trustOrg.ID))
			if len(sides) != 2 {
				t.Errorf("sides %+v", sides)
			}
			states := map[string]int{}
			for _, r := range must(db.Ratings(ctx, cycles[0].ID)) {
				states[string(r.State())]++
			}
			if states["disagreed"] != 1 || states["agreed"] == 0 {
				t.Errorf("current cycle states %v", states)
			}
			if acts := must(db.Actions(ctx, cycles[0].ID)); len(acts) != 3 {
				t.Errorf("%d actions", len(acts))
			}
		})
	}
}
