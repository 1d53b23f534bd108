package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/workframe/workframe/internal/workforce"
)

// TrainingInput is what a training needs analysis of a unit reads: its people with their
// portfolios, the roles of their current assignments in the unit and the role they aim for.
type TrainingInput struct {
	People []workforce.TrainingPerson
	// Aims is how many of them name a role they aim for (on their own profile) other than one
	// they hold.
	Aims int
}

// TrainingNeedsInput loads the people with a current assignment in the unit (an organisation,
// service or team) or any unit below it on the day, for workforce.AnalyseTrainingNeeds. Only
// the assignments in the unit's tree count: a person who also works elsewhere is analysed
// against the roles they hold here. The role a person aims for is the role named on their
// newest own profile, when it is not one they hold. The caller has checked that the viewer may
// see the unit's people.
func (db *DB) TrainingNeedsInput(ctx context.Context, unitID int64, today workforce.Date) (TrainingInput, error) {
	r := db.r()
	var in TrainingInput
	rows, err := r.query(ctx, `WITH RECURSIVE below(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION ALL
			SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
		)
		SELECT id FROM below`, unitID)
	if err != nil {
		return in, err
	}
	units := map[int64]bool{}
	var unitIDs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return in, err
		}
		units[id] = true
		unitIDs = append(unitIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(unitIDs) == 0 {
		return in, err
	}
	var people []workforce.Person
	seen := map[int64]bool{} // a person with assignments in two chunks of units comes back twice
	for chunk := range slices.Chunk(unitIDs, 500) {
		rows, err := r.query(ctx, `SELECT `+personColumns+` FROM people p WHERE p.id IN (SELECT a.person_id FROM person_assignments a
			WHERE a.team_id IN (`+placeholders(len(chunk))+`)) ORDER BY p.id`, int64Args(chunk)...)
		if err != nil {
			return in, err
		}
		for rows.Next() {
			p, err := scanPerson(rows)
			if err != nil {
				rows.Close()
				return in, err
			}
			if !seen[p.ID] {
				seen[p.ID] = true
				people = append(people, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return in, err
		}
	}
	ids := make([]int64, len(people))
	var users []int64
	for i, p := range people {
		ids[i] = p.ID
		if p.UserID != 0 {
			users = append(users, p.UserID)
		}
	}
	as, err := r.assignments(ctx, ids)
	if err != nil {
		return in, err
	}
	held, err := db.portfolios(ctx, ids)
	if err != nil {
		return in, err
	}
	aims, err := db.aimRoles(ctx, users)
	if err != nil {
		return in, err
	}
	roles := map[int64]*workforce.Role{}
	role := func(id int64) (*workforce.Role, error) {
		if got, ok := roles[id]; ok {
			return got, nil
		}
		rl, err := r.role(ctx, id)
		if errors.Is(err, ErrNotFound) || errors.Is(err, sql.ErrNoRows) || (err == nil && rl.Status == workforce.StatusRetired) {
			roles[id] = nil
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		roles[id] = &rl
		return &rl, nil
	}
	for _, p := range people {
		tp := workforce.TrainingPerson{ID: p.ID, Held: held[p.ID]}
		var holds []int64
		for _, a := range as[p.ID] {
			if !a.Current(today) || !units[a.TeamID] || slices.Contains(holds, a.RoleID) {
				continue
			}
			holds = append(holds, a.RoleID)
			rl, err := role(a.RoleID)
			if err != nil {
				return in, err
			}
			if rl != nil {
				tp.Roles = append(tp.Roles, *rl)
			}
		}
		if len(holds) == 0 {
			continue // only past or future assignments here
		}
		if aim := aims[p.UserID]; p.UserID != 0 && aim != 0 && !slices.Contains(holds, aim) {
			rl, err := role(aim)
			if err != nil {
				return in, err
			}
			if rl != nil {
				tp.Aim = rl
				in.Aims++
			}
		}
		in.People = append(in.People, tp)
	}
	return in, nil
}

// portfolios loads the portfolio entries of the people, by person id.
func (db *DB) portfolios(ctx context.Context, ids []int64) (map[int64][]workforce.PortfolioEntry, error) {
	out := map[int64][]workforce.PortfolioEntry{}
	for chunk := range slices.Chunk(ids, 500) {
		rows, err := db.r().query(ctx, `SELECT `+entryColumns+` FROM portfolio_entries e
			LEFT JOIN users u ON u.id = e.confirmed_by WHERE e.person_id IN (`+placeholders(len(chunk))+`)
			ORDER BY e.person_id, e.framework_key, e.node_key, e.achieved DESC, e.id`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[e.PersonID] = append(out[e.PersonID], e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// aimRoles returns, by user, the role named on their newest own profile that names one.
func (db *DB) aimRoles(ctx context.Context, users []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for chunk := range slices.Chunk(users, 500) {
		rows, err := db.r().query(ctx, `SELECT user_id, aim_role_id FROM profiles
			WHERE aim_role_id IS NOT NULL AND user_id IN (`+placeholders(len(chunk))+`)
			ORDER BY updated_at DESC, id DESC`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var u, role int64
			if err := rows.Scan(&u, &role); err != nil {
				rows.Close()
				return nil, err
			}
			if _, ok := out[u]; !ok {
				out[u] = role
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
