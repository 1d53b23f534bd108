package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/profile"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// loader adds the demo's frameworks, roles and profiles that are missing.
type loader struct {
	db      *store.DB
	content *Content
	// roles are the stored roles of each top-level demo organisation, by lower-case title.
	roles map[string]map[string]workforce.Role
	fws   map[string]*framework.Framework // by key@version
}

// localFramework saves the trust's own competence framework when it is not stored.
func (l *loader) localFramework(ctx context.Context) error {
	f := l.content.LocalFramework
	_, _, err := l.db.FrameworkVersion(ctx, f.Key, f.Version)
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	trust, err := l.db.OrganisationByName(ctx, Organisations[0].name)
	if err != nil {
		return err
	}
	if _, err := l.db.SaveOrganisationFrameworkVersion(ctx, store.System, trust.ID, f); err != nil {
		return fmt.Errorf("demo framework %s: %w", f.ID(), err)
	}
	return nil
}

// storedRoles reads the roles of a top-level demo organisation, once.
func (l *loader) storedRoles(ctx context.Context, orgName string) (map[string]workforce.Role, int64, error) {
	org, err := l.db.OrganisationByName(ctx, orgName)
	if err != nil {
		return nil, 0, fmt.Errorf("demo organisation %q: %w", orgName, err)
	}
	if m, ok := l.roles[orgName]; ok {
		return m, org.ID, nil
	}
	page, err := l.db.SearchRoles(ctx, store.RoleQuery{OrganisationIDs: []int64{org.ID}, Status: store.RoleStatusAny, Limit: store.MaxRolePage})
	if err != nil {
		return nil, 0, err
	}
	m := map[string]workforce.Role{}
	for _, r := range page.Roles {
		m[strings.ToLower(r.Title)] = r
	}
	l.roles[orgName] = m
	return m, org.ID, nil
}

// createRoles creates, in one transaction, the demo roles whose organisation has no role of
// that title, and returns how many.
func (l *loader) createRoles(ctx context.Context) (int, error) {
	var missing []workforce.Role
	for _, spec := range l.content.Roles {
		stored, orgID, err := l.storedRoles(ctx, spec.Organisation)
		if err != nil {
			return 0, err
		}
		if _, ok := stored[strings.ToLower(spec.Role.Title)]; ok {
			continue
		}
		r := spec.Role
		r.OrganisationID = orgID
		missing = append(missing, r)
	}
	created, err := l.db.CreateRoles(ctx, store.System, missing)
	if err != nil {
		return 0, fmt.Errorf("demo roles: %w", err)
	}
	l.roles = map[string]map[string]workforce.Role{} // read again, with the new ones
	return len(created), nil
}

// copyRoles makes the copies of partners' shared roles that are missing.
func (l *loader) copyRoles(ctx context.Context) (int, error) {
	n := 0
	for _, c := range l.content.Copies {
		from, _, err := l.storedRoles(ctx, c.From)
		if err != nil {
			return n, err
		}
		src, ok := from[strings.ToLower(c.Title)]
		if !ok {
			return n, fmt.Errorf("demo copy: %s has no role %q", c.From, c.Title)
		}
		to, toID, err := l.storedRoles(ctx, c.To)
		if err != nil {
			return n, err
		}
		copied := false
		for _, r := range to {
			copied = copied || r.CopiedFromID == src.ID
		}
		if copied {
			continue
		}
		if _, err := l.db.CopyRole(ctx, store.System, src.ID, toID); err != nil {
			return n, fmt.Errorf("demo copy of %q to %s: %w", c.Title, c.To, err)
		}
		delete(l.roles, c.To)
		n++
	}
	return n, nil
}

// framework returns a stored framework version, once.
func (l *loader) framework(ctx context.Context, key, version string) (*framework.Framework, error) {
	ref := key + "@" + version
	if f, ok := l.fws[ref]; ok {
		return f, nil
	}
	f, _, err := l.db.FrameworkVersion(ctx, key, version)
	if err != nil {
		return nil, fmt.Errorf("demo profiles: framework %s: %w", ref, err)
	}
	l.fws[ref] = f
	return f, nil
}

// checked returns the spec's profile in the framework's order, or an error naming every
// problem: demo data must be valid.
func (l *loader) checked(ctx context.Context, spec ProfileSpec) (profile.Profile, error) {
	f, err := l.framework(ctx, spec.Profile.FrameworkKey, spec.Profile.FrameworkVersion)
	if err != nil {
		return profile.Profile{}, err
	}
	p := inTreeOrder(spec.Profile, f)
	if problems := profile.Validate(p, f); len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, pr := range problems {
			msgs[i] = pr.Message
		}
		return p, fmt.Errorf("demo profile %q is not valid: %s", spec.Title, strings.Join(msgs, "; "))
	}
	return p, nil
}

// profiles creates the role profiles and the people's own profiles that are missing (a role or
// person without a profile of that title), and returns how many.
func (l *loader) profiles(ctx context.Context) (int, error) {
	n := 0
	for _, spec := range l.content.RoleProfiles {
		roles, _, err := l.storedRoles(ctx, spec.Organisation)
		if err != nil {
			return n, err
		}
		role, ok := roles[strings.ToLower(spec.Role)]
		if !ok {
			return n, fmt.Errorf("demo profile %q: %s has no role %q", spec.Title, spec.Organisation, spec.Role)
		}
		have, err := l.db.RoleProfiles(ctx, role.ID)
		if err != nil {
			return n, err
		}
		if hasTitle(have, spec.Title) {
			continue
		}
		p, err := l.checked(ctx, spec)
		if err != nil {
			return n, err
		}
		if _, err := l.db.CreateProfile(ctx, store.System, store.Profile{
			OrganisationID: role.OrganisationID, RoleID: role.ID, Title: spec.Title, Profile: p,
		}); err != nil {
			return n, fmt.Errorf("demo profile %q: %w", spec.Title, err)
		}
		n++
	}
	for _, spec := range l.content.PeopleProfiles {
		u, err := l.db.UserByEmail(ctx, spec.Email)
		if err != nil {
			return n, fmt.Errorf("demo profile %q: user %s: %w", spec.Title, spec.Email, err)
		}
		have, err := l.db.UserProfiles(ctx, u.ID)
		if err != nil {
			return n, err
		}
		if hasTitle(have, spec.Title) {
			continue
		}
		p, err := l.checked(ctx, spec)
		if err != nil {
			return n, err
		}
		rec := store.Profile{UserID: u.ID, Title: spec.Title, Profile: p}
		if spec.Aim != "" {
			if rec.AimRoleID, err = l.aimRole(ctx, spec); err != nil {
				return n, err
			}
		}
		// The person made their own profile: the history says so.
		if _, err := l.db.CreateProfile(ctx, store.Actor{UserID: u.ID}, rec); err != nil {
			return n, fmt.Errorf("demo profile %q: %w", spec.Title, err)
		}
		n++
	}
	return n, nil
}

// aimRole finds the role a person aims for among the roles of their demo employer.
func (l *loader) aimRole(ctx context.Context, spec ProfileSpec) (int64, error) {
	for _, a := range Accounts {
		if a.Email != spec.Email {
			continue
		}
		employer, err := employerOf(a.Organisation)
		if err != nil {
			return 0, err
		}
		roles, _, err := l.storedRoles(ctx, employer)
		if err != nil {
			return 0, err
		}
		if r, ok := roles[strings.ToLower(spec.Aim)]; ok {
			return r.ID, nil
		}
		return 0, fmt.Errorf("demo profile %q: %s has no role %q", spec.Title, employer, spec.Aim)
	}
	return 0, fmt.Errorf("demo profile %q: %s is not a demo account", spec.Title, spec.Email)
}

func hasTitle(ps []store.Profile, title string) bool {
	for _, p := range ps {
		if p.Title == title {
			return true
		}
	}
	return false
}
