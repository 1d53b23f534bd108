package store

import (
	"context"
	"database/sql"
	"errors"
)

// AccessFrom works out, for every organisation a user may see, the strongest access role they
// hold there: a membership applies to its organisation and to every node below it in the tree,
// and where several apply the strongest wins. A site administrator is an administrator
// everywhere. Organisations the user may not see are absent from the map.
//
// It is pure, so a caller that already holds the tree and the user's memberships (the web
// server loads the memberships of the signed-in person with every request) pays no query;
// AccessMap is the same rule with the loading done.
func AccessFrom(all []Organisation, ms []Membership, siteAdmin bool) map[int64]AccessRole {
	parents := make(map[int64]int64, len(all))
	for _, o := range all {
		parents[o.ID] = o.ParentID
	}
	direct := map[int64]AccessRole{}
	for _, m := range ms {
		if m.AccessRole.Rank() > direct[m.OrganisationID].Rank() {
			direct[m.OrganisationID] = m.AccessRole
		}
	}
	return resolveAccess(parents, direct, siteAdmin)
}

// resolveAccess is AccessFrom on the tree given as child → parent (0 at the top) and the
// strongest role held directly in each organisation.
func resolveAccess(parents map[int64]int64, direct map[int64]AccessRole, siteAdmin bool) map[int64]AccessRole {
	out := map[int64]AccessRole{}
	if siteAdmin {
		for id := range parents {
			out[id] = AccessAdministrator
		}
		return out
	}
	if len(direct) == 0 {
		return out
	}
	for id := range parents {
		best := AccessRole("")
		// Walk up to the top; the step limit stops a corrupt cycle from looping for ever.
		for at, steps := id, 0; at != 0 && steps <= len(parents); at, steps = parents[at], steps+1 {
			if r, ok := direct[at]; ok && r.Rank() > best.Rank() {
				best = r
			}
		}
		if best != "" {
			out[id] = best
		}
	}
	return out
}

// AccessMap returns, for every organisation the user may see, the strongest access role they
// hold there (see AccessFrom): the scope every query on their behalf is limited to. siteAdmin is
// what the caller knows of the user (the signed-in account's flag). A disabled or unknown user
// may see nothing, whatever siteAdmin says, as AccessIn holds.
func (db *DB) AccessMap(ctx context.Context, userID int64, siteAdmin bool) (map[int64]AccessRole, error) {
	r := db.r()
	var disabled bool
	err := r.row(ctx, `SELECT disabled FROM users WHERE id = ?`, userID).Scan(&disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return map[int64]AccessRole{}, nil
	case err != nil:
		return nil, err
	case disabled:
		return map[int64]AccessRole{}, nil
	}

	direct := map[int64]AccessRole{}
	if !siteAdmin {
		rows, err := r.query(ctx, `SELECT organisation_id, access_role FROM memberships WHERE user_id = ?`, userID)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var org int64
			var role AccessRole
			if err := rows.Scan(&org, &role); err != nil {
				return nil, err
			}
			if role.Rank() > direct[org].Rank() {
				direct[org] = role
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(direct) == 0 {
			return map[int64]AccessRole{}, nil
		}
	}

	rows, err := r.query(ctx, `SELECT id, parent_id FROM organisations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	parents := map[int64]int64{}
	for rows.Next() {
		var id int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, err
		}
		parents[id] = parent.Int64
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return resolveAccess(parents, direct, siteAdmin), nil
}

// WithinOrganisation keeps the part of an access map that lies in the organisation top and the
// units below it: what an API token made for that organisation reaches.
func WithinOrganisation(m map[int64]AccessRole, all []Organisation, top int64) map[int64]AccessRole {
	parents := make(map[int64]int64, len(all))
	for _, o := range all {
		parents[o.ID] = o.ParentID
	}
	out := map[int64]AccessRole{}
	for id, role := range m {
		// Walk up to the top; the step limit stops a corrupt cycle from looping for ever.
		for at, steps := id, 0; at != 0 && steps <= len(parents); at, steps = parents[at], steps+1 {
			if at == top {
				out[id] = role
				break
			}
		}
	}
	return out
}
