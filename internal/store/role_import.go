package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/workframe/workframe/internal/framework"
	"github.com/workframe/workframe/internal/workforce"
)

// RolesByTitle returns the roles of one organisation whose titles are among titles (compared
// whatever their case, as titles are unique), keyed by the lower-case title. An import uses it
// to tell the roles it will update from those it will add.
func (db *DB) RolesByTitle(ctx context.Context, orgID int64, titles []string) (map[string]workforce.Role, error) {
	want := map[string]bool{}
	for _, t := range titles {
		want[titleKey(strings.TrimSpace(t))] = true
	}
	r := db.r()
	rows, err := r.query(ctx, `SELECT id, title_key FROM roles WHERE organisation_id = ? ORDER BY id`, orgID)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return nil, err
		}
		if want[key] {
			ids[key] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]workforce.Role, len(ids))
	for key, id := range ids {
		role, err := r.role(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return nil, err
		}
		out[key] = role
	}
	return out, nil
}

// ImportRoles saves an import into one organisation in one transaction: every role with ID 0 is
// created (as CreateRoles does), every other is a new version of that stored role, which must
// belong to the organisation and still be at the role's Version (ErrConflict otherwise: someone
// changed it since the import was checked). Either everything is saved or nothing is. Broken
// rules of any role come back together in an *InvalidRolesError whose indexes are positions in
// roles; a title taken meanwhile is one of them. It returns the roles as saved, in the order
// given (an update that changed nothing returns the stored role).
func (db *DB) ImportRoles(ctx context.Context, a Actor, orgID int64, roles []workforce.Role) ([]workforce.Role, error) {
	if len(roles) == 0 {
		return nil, nil
	}
	out := make([]workforce.Role, len(roles))
	var newIdx []int
	var fresh []workforce.Role
	for i, r := range roles {
		if r.ID == 0 {
			r.OrganisationID = orgID
			r = db.prepareRole(r)
			newIdx = append(newIdx, i)
			fresh = append(fresh, r)
		}
		out[i] = r
	}
	err := db.bulkTx(ctx, func(t *tx, insert inserter) error {
		var bad []RoleProblems
		for i, r := range roles {
			if r.ID == 0 {
				continue
			}
			saved, err := db.updateRoleIn(ctx, t, a, r.ID, r.Version, func(cur workforce.Role) (workforce.Role, error) {
				if cur.OrganisationID != orgID {
					return workforce.Role{}, fmt.Errorf("%w: role %d belongs to another organisation", ErrInvalid, r.ID)
				}
				return r, nil
			})
			var inv *InvalidRolesError
			switch {
			case errors.As(err, &inv):
				for _, rp := range inv.Roles {
					bad = append(bad, RoleProblems{Index: i, Title: rp.Title, Problems: rp.Problems})
				}
				continue
			case errors.As(err, new(errTitleTaken)):
				bad = append(bad, RoleProblems{Index: i, Title: r.Title, Problems: []workforce.Problem{
					{Field: workforce.FieldTitle, Message: "The organisation already has another role with this title"}}})
				continue
			case err != nil:
				return err
			}
			out[i] = saved
		}
		if len(fresh) > 0 {
			err := db.createRolesIn(ctx, t, insert, a, fresh)
			var inv *InvalidRolesError
			if errors.As(err, &inv) {
				for _, rp := range inv.Roles {
					rp.Index = newIdx[rp.Index]
					bad = append(bad, rp)
				}
			} else if err != nil {
				return err
			}
		}
		if len(bad) > 0 {
			return &InvalidRolesError{Roles: bad}
		}
		for j, i := range newIdx {
			out[i] = fresh[j]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UsableFrameworks returns the stored framework versions a role of the organisation may
// require (with orgID 0, the shared ones only), as the store's own check reads them: those shared with everyone and those its
// employer (its top-level organisation) owns, of a kind workforce.RequirementKinds lists. An
// import reads competences against them.
func (db *DB) UsableFrameworks(ctx context.Context, orgID int64) ([]*framework.Framework, error) {
	metas, err := db.FrameworkVersions(ctx)
	if err != nil {
		return nil, err
	}
	r := db.r()
	var top int64 // 0: no organisation, so shared frameworks only
	if orgID != 0 {
		if top, err = r.topOrganisation(ctx, orgID); err != nil {
			return nil, err
		}
	}
	tops := map[int64]int64{}
	var out []*framework.Framework
	for _, m := range metas {
		if !slices.Contains(workforce.RequirementKinds, m.Kind) {
			continue
		}
		if m.OrganisationID != 0 {
			owner, ok := tops[m.OrganisationID]
			if !ok {
				if owner, err = r.topOrganisation(ctx, m.OrganisationID); err != nil {
					return nil, err
				}
				tops[m.OrganisationID] = owner
			}
			if owner != top || m.Status == framework.StatusDraft {
				continue // another employer's, or a draft that may still change
			}
		}
		f, _, err := db.FrameworkVersion(ctx, m.Key, m.Version)
		if errors.Is(err, ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
