package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
	"github.com/workframe/workframe/internal/workforce"
)

// careerFrameworks creates the demo career frameworks that are missing (by title in their
// organisation), and returns how many. A route's kind follows from its roles' levels; the store
// then checks it like any other save.
func (l *loader) careerFrameworks(ctx context.Context) (int, error) {
	n := 0
	for _, spec := range l.content.CareerFrameworks {
		own, orgID, err := l.storedRoles(ctx, spec.Organisation)
		if err != nil {
			return n, err
		}
		existing, err := l.db.CareerFrameworks(ctx, store.CareerFrameworkQuery{OrganisationIDs: []int64{orgID}})
		if err != nil {
			return n, err
		}
		found := false
		for _, e := range existing {
			found = found || strings.EqualFold(e.Title, spec.Title)
		}
		if found {
			continue
		}
		f := career.Framework{OrganisationID: orgID, Title: spec.Title, StaffGroup: spec.StaffGroup,
			Description: spec.Description, Status: spec.Status, Shared: spec.Shared}
		placed := map[string]workforce.Role{} // by lower-case title
		place := func(key, title string, from map[string]workforce.Role, where string) error {
			r, ok := from[strings.ToLower(title)]
			if !ok {
				return fmt.Errorf("demo career framework %q: %s has no role %q", spec.Title, where, title)
			}
			placed[strings.ToLower(title)] = r
			f.Placements = append(f.Placements, career.Placement{RoleID: r.ID, FamilyKey: key})
			return nil
		}
		used := map[string]bool{}
		for _, fam := range spec.Families {
			key := career.FreeKey(fam.Name, used)
			used[key] = true
			f.Families = append(f.Families, career.Family{Key: key, Name: fam.Name})
			for _, title := range fam.Roles {
				if err := place(key, title, own, spec.Organisation); err != nil {
					return n, err
				}
			}
			for _, sh := range fam.Shared {
				partner, _, err := l.storedRoles(ctx, sh.From)
				if err != nil {
					return n, err
				}
				if err := place(key, sh.Title, partner, sh.From); err != nil {
					return n, err
				}
			}
		}
		for _, rt := range spec.Routes {
			from, okFrom := placed[strings.ToLower(rt.From)]
			to, okTo := placed[strings.ToLower(rt.To)]
			if !okFrom || !okTo {
				return n, fmt.Errorf("demo career framework %q: route %q → %q names a role not placed", spec.Title, rt.From, rt.To)
			}
			f.Routes = append(f.Routes, career.Route{FromRoleID: from.ID, ToRoleID: to.ID, Kind: career.KindFor(from.Level, to.Level),
				RegistrationRequired: rt.Registration, Qualification: rt.Qualification, Note: rt.Note})
		}
		if _, err := l.db.CreateCareerFramework(ctx, store.System, f); err != nil {
			return n, fmt.Errorf("demo career framework %q: %w", spec.Title, err)
		}
		n++
	}
	return n, nil
}
