// Package demo loads the small hand-made demo: a partnership of health and care organisations
// with their services and teams, and one user for each access role, so that a first visitor
// sees a populated site. Generated data at larger scales builds on it.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/workframe/workframe/internal/auth"
	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// unit is one node of the demo organisation tree.
type unit struct {
	name     string
	kind     string
	children []unit
}

func team(name string) unit { return unit{name: name, kind: "team"} }

// Organisations is the demo tree. The names are invented; any likeness to a real organisation
// is chance.
var Organisations = []unit{
	{"Riverside University Hospitals NHS Foundation Trust", "organisation", []unit{
		{"Research and Development", "service", []unit{
			team("Clinical Research Delivery Team"), team("Research Governance and Sponsorship"),
			team("Research Data Management"), team("Paediatric Research Team"),
		}},
		{"Nursing and Midwifery", "service", []unit{
			team("Acute Medical Unit"), team("Ward 7 Respiratory"), team("Children's Ward"), team("Maternity Services"),
		}},
		{"Allied Health Professions", "service", []unit{
			team("Physiotherapy"), team("Occupational Therapy"), team("Speech and Language Therapy"), team("Dietetics"),
		}},
		{"Healthcare Science", "service", []unit{
			team("Pathology"), team("Cardiac Physiology"),
		}},
		{"Workforce and Organisational Development", "service", []unit{
			team("Education and Training"), team("Workforce Planning"),
		}},
	}},
	{"Northgate Community Health NHS Trust", "organisation", []unit{
		{"Community Nursing", "service", []unit{
			team("District Nursing East"), team("District Nursing West"), team("Community Matrons"),
		}},
		{"Mental Health", "service", []unit{
			team("Community Mental Health Team North"), team("Crisis Resolution and Home Treatment"),
		}},
		{"Research Office", "service", []unit{team("Community Research Team")}},
	}},
	{"Riverside Care Partnership Ltd", "organisation", []unit{
		{"Residential Care", "service", []unit{team("Meadow View Care Home"), team("Oak Lodge Care Home")}},
		{"Home Care", "service", []unit{team("Home Care North")}},
	}},
	{"North Riverside Clinical Research Network", "organisation", []unit{
		{"Network Delivery", "service", []unit{team("Research Delivery Workforce Team"), team("Study Support Service")}},
	}},
}

// Partnership is the demo system of partners planning together.
const Partnership = "North Riverside Health and Care Partnership"

// Account is one demo sign-in.
type Account struct {
	Email, Name  string
	SiteAdmin    bool
	Organisation string
	AccessRole   store.AccessRole
}

// Accounts are the demo users: one per access role, so each view of the site can be tried.
var Accounts = []Account{
	{"admin@riverside.example", "Alex Morgan", true, "Riverside University Hospitals NHS Foundation Trust", store.AccessAdministrator},
	{"planner@riverside.example", "Priya Shah", false, "Riverside University Hospitals NHS Foundation Trust", store.AccessPlanner},
	{"manager@riverside.example", "Sam Okafor", false, "Research and Development", store.AccessManager},
	// The nursing service manager, whose Acute Medical Unit is short of nurses: the skill-mix
	// review of the workforce profile and its scenarios.
	{"nursing@riverside.example", "Robin Hale", false, "Nursing and Midwifery", store.AccessManager},
	{"nurse@riverside.example", "Jordan Lee", false, "Clinical Research Delivery Team", store.AccessStaff},
	{"hca@riverside.example", "Casey Brown", false, "Acute Medical Unit", store.AccessStaff},
	// The trust's staff-side representative for its Improving Working Lives self-assessment; the
	// planner is its management lead.
	{"staffside@riverside.example", "Taylor Brooks", false, "Riverside University Hospitals NHS Foundation Trust", store.AccessStaff},
	{"viewer@northgate.example", "Chris Evans", false, "Northgate Community Health NHS Trust", store.AccessViewer},
	{"admin@northgate.example", "Morgan Patel", false, "Northgate Community Health NHS Trust", store.AccessAdministrator},
}

// Result says what Load did and how to sign in.
type Result struct {
	Created  bool // false when the demo was there already
	Password string
	Accounts []Account
	// What this run added: nothing on a second run.
	RolesCreated, ProfilesCreated int
	CareerFrameworksCreated       int
	PeopleCreated                 int
	// AssessmentsCreated counts the IWL self-assessment cycles added.
	AssessmentsCreated int
	// PostsCreated counts the posts of the trust's establishment added.
	PostsCreated int
}

// Load creates the demo when it is missing, and adds whatever part of it is missing: the
// organisations and partnership, the demo accounts, the trust's local competence framework, the
// roles (with a partner's copy of a shared role), the IWF profiles of roles and of a member of
// staff, the trust's local career framework, and the trust's people with their portfolios. It
// never changes or duplicates what is there, so it can run again at any time (after an
// upgrade that brings more demo data, say). Every run gives the demo accounts a new shared
// password, which it returns, so the printed sign-in always works.
//
// The built-in frameworks (the KSF and both IWF versions) must be stored first.
func Load(ctx context.Context, db *store.DB) (Result, error) {
	res := Result{Accounts: Accounts, Password: auth.RandomPassword()}
	content, err := ReadContent()
	if err != nil {
		return res, err
	}
	for _, ref := range [][2]string{{KSFKey, KSFVersion}, {IWFKey, "2.1"}, {IWFKey, "1.0"}} {
		if _, _, err := db.FrameworkVersion(ctx, ref[0], ref[1]); errors.Is(err, store.ErrNotFound) {
			return res, fmt.Errorf("demo: the built-in framework %s@%s is not stored: load the built-in frameworks first", ref[0], ref[1])
		} else if err != nil {
			return res, err
		}
	}
	if err := loadOrganisations(ctx, db, &res); err != nil {
		return res, err
	}
	if err := loadAccounts(ctx, db, res.Password); err != nil {
		return res, err
	}
	if err := loadPlan(ctx, db); err != nil {
		return res, err
	}
	l := &loader{db: db, content: content, roles: map[string]map[string]workforce.Role{}, fws: map[string]*framework.Framework{}}
	if err := l.localFramework(ctx); err != nil {
		return res, err
	}
	n, err := l.createRoles(ctx)
	if err != nil {
		return res, err
	}
	res.RolesCreated = n
	if n, err = l.copyRoles(ctx); err != nil {
		return res, err
	}
	res.RolesCreated += n
	if res.ProfilesCreated, err = l.profiles(ctx); err != nil {
		return res, err
	}
	if res.CareerFrameworksCreated, err = l.careerFrameworks(ctx); err != nil {
		return res, err
	}
	if res.PeopleCreated, err = l.loadPeople(ctx); err != nil {
		return res, err
	}
	if res.PostsCreated, err = l.loadEstablishment(ctx); err != nil {
		return res, err
	}
	if res.AssessmentsCreated, err = loadAssessments(ctx, db); err != nil {
		return res, err
	}
	return res, nil
}

// loadOrganisations creates the organisation tree and the partnership when the first
// organisation is missing.
func loadOrganisations(ctx context.Context, db *store.DB, res *Result) error {
	sys := store.Actor{}
	ids := map[string]int64{}
	_, err := db.OrganisationByName(ctx, Organisations[0].name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		res.Created = true
		var add func(parent int64, u unit) error
		add = func(parent int64, u unit) error {
			o, err := db.CreateOrganisation(ctx, sys, store.Organisation{Name: u.name, Kind: u.kind, ParentID: parent})
			if err != nil {
				return fmt.Errorf("demo organisation %s: %w", u.name, err)
			}
			ids[u.name] = o.ID
			for _, c := range u.children {
				if err := add(o.ID, c); err != nil {
					return err
				}
			}
			return nil
		}
		var partners []int64
		for _, u := range Organisations {
			if err := add(0, u); err != nil {
				return err
			}
			partners = append(partners, ids[u.name])
		}
		if _, err := db.CreatePartnership(ctx, sys, store.Partnership{
			Name:        Partnership,
			Description: "The NHS trusts, care provider and research network of the Riverside area, planning their workforce together.",
		}, partners); err != nil {
			return fmt.Errorf("demo partnership: %w", err)
		}
	case err != nil:
		return err
	}
	return nil
}

// loadAccounts creates the demo accounts that are missing and gives every one the password.
func loadAccounts(ctx context.Context, db *store.DB, password string) error {
	sys := store.Actor{}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	for _, a := range Accounts {
		u, err := db.UserByEmail(ctx, a.Email)
		if errors.Is(err, store.ErrNotFound) {
			u, err = db.CreateUser(ctx, sys, store.User{Email: a.Email, Name: a.Name, PasswordHash: hash, SiteAdmin: a.SiteAdmin})
			if err != nil {
				return fmt.Errorf("demo user %s: %w", a.Email, err)
			}
			org, err := db.OrganisationByName(ctx, a.Organisation)
			if err != nil {
				return fmt.Errorf("demo user %s: organisation %q: %w", a.Email, a.Organisation, err)
			}
			if err := db.SetMembership(ctx, sys, u.ID, org.ID, a.AccessRole); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, sys, u.ID, hash); err != nil {
			return err
		}
	}
	return nil
}
