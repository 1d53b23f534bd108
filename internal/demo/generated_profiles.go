package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/generate"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
)

// loadRoleProfiles saves the generated IWF profiles of the roles through the profile import
// (store.ImportProfiles: one transaction a batch) and returns them by role id, for the people's
// own views.
func loadRoleProfiles(ctx context.Context, db *store.DB, g *generate.Generator, emps []generate.Employer, res *GeneratedResult) (map[int64]profile.Profile, error) {
	byRole := map[int64]profile.Profile{}
	err := g.RoleProfiles(emps, GeneratedBatch, func(batch []generate.RoleProfile) error {
		ps := make([]store.Profile, len(batch))
		for i, rp := range batch {
			ps[i] = store.Profile{OrganisationID: rp.OrganisationID, RoleID: rp.RoleID, Title: rp.Title, Profile: rp.Profile}
			byRole[rp.RoleID] = rp.Profile
		}
		if _, err := db.ImportProfiles(ctx, store.System, ps); err != nil {
			return fmt.Errorf("generated role profiles: %w", err)
		}
		res.RoleProfiles += len(batch)
		return nil
	})
	return byRole, err
}

// ownProfiles gives the chosen people of a saved batch an account (a staff member of their
// employer, signing in with the generated password), links it to their person record, and saves
// their own view of their role's profile, the batch's in one import.
type ownProfiles struct {
	db       *store.DB
	g        *generate.Generator
	accounts *generate.Accounts
	byRole   map[int64]profile.Profile
	hash     string
	res      *GeneratedResult
}

func (o *ownProfiles) add(ctx context.Context, emp int, orgID int64, recs []generate.PersonRecord) error {
	chosen := o.accounts.Choose(emp, recs, func(id int64) bool { _, ok := o.byRole[id]; return ok })
	if len(chosen) == 0 {
		return nil
	}
	ids, err := o.db.StaffNumbers(ctx, orgID)
	if err != nil {
		return err
	}
	var ps []store.Profile
	for _, k := range chosen {
		rec := recs[k]
		email := strings.ToLower(rec.Person.StaffNumber) + "@staff.generated.example"
		u, err := o.db.CreateUser(ctx, store.System, store.User{Email: email, Name: rec.Person.Name, PasswordHash: o.hash})
		if err != nil {
			return fmt.Errorf("generated account %s: %w", email, err)
		}
		if err := o.db.SetMembership(ctx, store.System, u.ID, orgID, store.AccessStaff); err != nil {
			return err
		}
		p, err := o.db.Person(ctx, ids[rec.Person.StaffNumber])
		if err != nil {
			return err
		}
		p.UserID, p.WorkEmail = u.ID, email
		if _, err := o.db.UpdatePerson(ctx, store.System, p); err != nil {
			return fmt.Errorf("generated account %s: %w", email, err)
		}
		own, err := o.g.OwnProfile(rec.Person.StaffNumber, o.byRole[rec.Person.Assignments[0].RoleID])
		if err != nil {
			return err
		}
		ps = append(ps, store.Profile{UserID: u.ID, Title: "My view of my role", Profile: own})
	}
	if _, err := o.db.ImportProfiles(ctx, store.System, ps); err != nil {
		return fmt.Errorf("generated own profiles: %w", err)
	}
	o.res.Accounts += len(chosen)
	o.res.OwnProfiles += len(ps)
	return nil
}
