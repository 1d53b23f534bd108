package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/workframe/workframe/internal/career"
	"github.com/workframe/workframe/internal/store"
)

// careerFrameworks creates the demo career frameworks that are missing (by title in their
// organisation), and returns how many. A route's kind follows from its roles' levels.
func (l *loader) careerFrameworks(ctx context.Context) (int, error) {
	n := 0
	for _, spec := range l.content.CareerFrameworks {
		roles, orgID, err := l.storedRoles(ctx, spec.Organisation)
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
		byTitle := map[string]int64{}
		level := map[int64]int{}
		for _, fam := range spec.Families {
			key := career.FreeKey(fam.Name, map[string]bool{})
			f.Families = append(f.Families, career.Family{Key: key, Name: fam.Name})
			place := func(title string, from map[string]int64, lv map[int64]int) error {
				id, ok := from[strings.ToLower(title)]
				if !ok {
					return fmt.Errorf("demo career framework %q: no role %q", spec.Title, title)
				}
				byTitle[strings.ToLower(title)] = id
				level[id] = lv[id]
				f.Placements = append(f.Placements, career.Placement{RoleID: id, FamilyKey: key})
				return nil
			}
			ids, levels := map[string]int64{}, map[int64]int{}
			for t, r := range roles {
				ids[t], levels[r.ID] = r.ID, r.Level
			}
			for _, title := range fam.Roles {
				if err := place(title, ids, levels); err != nil {
					return n, err
				}
			}
			for _, sh := range fam.Shared {
				partner, _, err := l.storedRoles(ctx, sh.From)
				if err != nil {
					return n, err
				}
				pids, plevels := map[string]int64{}, map[int64]int{}
				for t, r := range partner {
					pids[t], plevels[r.ID] = r.ID, r.Level
				}
				if err := place(sh.Title, pids, plevels); err != nil {
					return n, err
				}
			}
		}
		for _, rt := range spec.Routes {
			from, okFrom := byTitle[strings.ToLower(rt.From)]
			to, okTo := byTitle[strings.ToLower(rt.To)]
			if !okFrom || !okTo {
				return n, fmt.Errorf("demo career framework %q: route %q → %q names a role not placed", spec.Title, rt.From, rt.To)
			}
			f.Routes = append(f.Routes, career.Route{FromRoleID: from, ToRoleID: to, Kind: career.KindFor(level[from], level[to]),
				RegistrationRequired: rt.Registration, Qualification: rt.Qualification, Note: rt.Note})
		}
		if _, err := l.db.CreateCareerFramework(ctx, store.System, f); err != nil {
			return n, fmt.Errorf("demo career framework %q: %w", spec.Title, err)
		}
		n++
	}
	return n, nil
}
