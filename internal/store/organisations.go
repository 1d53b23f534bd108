package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kinds of node in the organisation tree: one employer's structure, organisation → service →
// team. A team may also sit directly under an organisation. Partnerships are not in the tree.
const (
	KindOrganisation = "organisation"
	KindService      = "service"
	KindTeam         = "team"
)

// OrganisationKinds lists the kinds from the top of the tree down.
var OrganisationKinds = []string{KindOrganisation, KindService, KindTeam}

// Organisation is a node of the organisation tree.
type Organisation struct {
	ID        int64
	ParentID  int64 // 0 at the top
	Name      string
	Kind      string
	Version   int
	CreatedAt time.Time
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

const orgColumns = `o.id, o.parent_id, o.name, o.kind, o.version, o.created_at`

func scanOrganisation(s scanner) (Organisation, error) {
	var o Organisation
	err := s.Scan(&o.ID, idCol{&o.ParentID}, &o.Name, &o.Kind, &o.Version, timeCol{&o.CreatedAt})
	return o, notFound(err)
}

func scanOrganisations(rows *sql.Rows, err error) ([]Organisation, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// kindAllowedUnder says whether a node of kind may sit under a parent of parentKind ("" for the
// top of the tree).
func kindAllowedUnder(kind, parentKind string) bool {
	switch parentKind {
	case "":
		return kind == KindOrganisation
	case KindOrganisation:
		return kind == KindService || kind == KindTeam
	case KindService:
		return kind == KindTeam
	}
	return false
}

func checkOrganisation(o *Organisation) error {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return fmt.Errorf("%w: an organisation needs a name", ErrInvalid)
	}
	switch o.Kind {
	case KindOrganisation, KindService, KindTeam:
		return nil
	}
	return fmt.Errorf("%w: unknown organisation kind %q", ErrInvalid, o.Kind)
}

// parentKind returns the kind of the parent, "" for none, or ErrInvalid if it does not exist.
func (r runner) parentKind(ctx context.Context, parentID int64) (string, error) {
	if parentID == 0 {
		return "", nil
	}
	var kind string
	err := r.row(ctx, `SELECT kind FROM organisations WHERE id = ?`, parentID).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: parent organisation %d does not exist", ErrInvalid, parentID)
	}
	return kind, err
}

// CreateOrganisation adds a node to the tree. The parent must exist and the kind must fit under
// it: an organisation at the top, a service under an organisation, a team under a service or an
// organisation. Names are unique among siblings (ErrConflict).
func (db *DB) CreateOrganisation(ctx context.Context, a Actor, o Organisation) (Organisation, error) {
	if err := checkOrganisation(&o); err != nil {
		return Organisation{}, err
	}
	o.Version = 1
	o.CreatedAt = db.now()
	err := db.tx(ctx, func(t *tx) error {
		parentKind, err := t.parentKind(ctx, o.ParentID)
		if err != nil {
			return err
		}
		if !kindAllowedUnder(o.Kind, parentKind) {
			return fmt.Errorf("%w: %s", ErrInvalid, placementProblem(o.Kind, parentKind))
		}
		if err := t.row(ctx, `INSERT INTO organisations (parent_id, name, kind, version, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`,
			nullID(o.ParentID), o.Name, o.Kind, o.Version, o.CreatedAt).Scan(&o.ID); err != nil {
			return err
		}
		summary := fmt.Sprintf("created %s %q", o.Kind, o.Name)
		if o.ParentID != 0 {
			summary += fmt.Sprintf(" under organisation %d", o.ParentID)
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: o.ID, Entity: "organisation", EntityID: strconv.FormatInt(o.ID, 10),
			Action: ActionCreate, Summary: summary, Fields: []string{"name", "kind", "parent_id"},
		})
	})
	if err != nil {
		return Organisation{}, err
	}
	return o, nil
}

func placementProblem(kind, parentKind string) string {
	if parentKind == "" {
		return fmt.Sprintf("a %s needs a parent; only an organisation stands at the top", kind)
	}
	return fmt.Sprintf("a %s cannot be placed under a %s", kind, parentKind)
}

// UpdateOrganisation changes a node's name, kind or parent. o.Version must be the version that
// was read: if someone changed the node since, it returns ErrConflict and changes nothing. On
// success the returned node carries the new version.
func (db *DB) UpdateOrganisation(ctx context.Context, a Actor, o Organisation) (Organisation, error) {
	if err := checkOrganisation(&o); err != nil {
		return Organisation{}, err
	}
	var out Organisation
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanOrganisation(t.row(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, o.ID))
		if err != nil {
			return err
		}
		if cur.Version != o.Version {
			return fmt.Errorf("%w: organisation %d is at version %d, not %d", ErrConflict, o.ID, cur.Version, o.Version)
		}
		var d diff
		d.value("name", cur.Name, o.Name)
		d.value("kind", cur.Kind, o.Kind)
		d.value("parent_id", cur.ParentID, o.ParentID)
		if d.empty() {
			out = cur
			return nil
		}
		if o.Kind != cur.Kind || o.ParentID != cur.ParentID {
			if err := t.checkPlacement(ctx, o); err != nil {
				return err
			}
		}
		res, err := t.exec(ctx, `UPDATE organisations SET parent_id = ?, name = ?, kind = ?, version = version + 1
			WHERE id = ? AND version = ?`, nullID(o.ParentID), o.Name, o.Kind, o.ID, o.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: organisation %d changed meanwhile", ErrConflict, o.ID)
		}
		out = o
		out.Version = cur.Version + 1
		out.CreatedAt = cur.CreatedAt
		return t.record(ctx, a, AuditEntry{
			OrganisationID: o.ID, Entity: "organisation", EntityID: strconv.FormatInt(o.ID, 10),
			Action: ActionUpdate, Summary: d.summary(), Fields: d.fields,
		})
	})
	if err != nil {
		return Organisation{}, err
	}
	return out, nil
}

// checkPlacement checks a moved or re-kinded node: it must fit under its (new) parent, its
// children must still fit under it, and it must not move under its own descendant.
func (t *tx) checkPlacement(ctx context.Context, o Organisation) error {
	parentKind, err := t.parentKind(ctx, o.ParentID)
	if err != nil {
		return err
	}
	if !kindAllowedUnder(o.Kind, parentKind) {
		return fmt.Errorf("%w: %s", ErrInvalid, placementProblem(o.Kind, parentKind))
	}
	rows, err := t.query(ctx, `SELECT DISTINCT kind FROM organisations WHERE parent_id = ?`, o.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var childKind string
		if err := rows.Scan(&childKind); err != nil {
			return err
		}
		if !kindAllowedUnder(childKind, o.Kind) {
			return fmt.Errorf("%w: it has a %s below it, which cannot sit under a %s", ErrInvalid, childKind, o.Kind)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if o.ParentID == 0 {
		return nil
	}
	var loops int
	err = t.row(ctx, `WITH RECURSIVE below(id) AS (
			SELECT id FROM organisations WHERE id = ?
			UNION
			SELECT c.id FROM organisations c JOIN below b ON c.parent_id = b.id
		)
		SELECT COUNT(*) FROM below WHERE id = ?`, o.ID, o.ParentID).Scan(&loops)
	if err != nil {
		return err
	}
	if loops > 0 {
		return fmt.Errorf("%w: an organisation cannot move under itself or its own part", ErrInvalid)
	}
	return nil
}

// Organisation returns one node of the tree.
func (db *DB) Organisation(ctx context.Context, id int64) (Organisation, error) {
	return scanOrganisation(db.r().row(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id))
}

// Organisations returns every node of the tree, by name.
func (db *DB) Organisations(ctx context.Context) ([]Organisation, error) {
	return scanOrganisations(db.r().query(ctx, `SELECT `+orgColumns+` FROM organisations o ORDER BY LOWER(o.name), o.name, o.id`))
}

// OrganisationByName returns the node with exactly this name. Names are unique only among
// siblings, so when several match it returns ErrAmbiguous.
func (db *DB) OrganisationByName(ctx context.Context, name string) (Organisation, error) {
	orgs, err := scanOrganisations(db.r().query(ctx,
		`SELECT `+orgColumns+` FROM organisations o WHERE o.name = ? ORDER BY o.id LIMIT 2`, strings.TrimSpace(name)))
	switch {
	case err != nil:
		return Organisation{}, err
	case len(orgs) == 0:
		return Organisation{}, ErrNotFound
	case len(orgs) > 1:
		return Organisation{}, fmt.Errorf("%w: more than one organisation is called %q", ErrAmbiguous, name)
	}
	return orgs[0], nil
}

// VisibleOrganisations returns the nodes where the user holds a membership and every node below
// them, by name. It does not treat site administrators specially: that is the caller's policy.
func (db *DB) VisibleOrganisations(ctx context.Context, userID int64) ([]Organisation, error) {
	return scanOrganisations(db.r().query(ctx, `WITH RECURSIVE visible(id) AS (
			SELECT organisation_id FROM memberships WHERE user_id = ?
			UNION
			SELECT c.id FROM organisations c JOIN visible v ON c.parent_id = v.id
		)
		SELECT `+orgColumns+` FROM organisations o WHERE o.id IN (SELECT id FROM visible)
		ORDER BY LOWER(o.name), o.name, o.id`, userID))
}

// OrganisationAncestors returns the node's parent, grandparent... up to the top, nearest first.
func (db *DB) OrganisationAncestors(ctx context.Context, id int64) ([]Organisation, error) {
	return scanOrganisations(db.r().query(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT parent_id, 1 FROM organisations WHERE id = ? AND parent_id IS NOT NULL
			UNION ALL
			SELECT p.parent_id, up.depth + 1 FROM organisations p JOIN up ON p.id = up.id
			WHERE p.parent_id IS NOT NULL
		)
		SELECT `+orgColumns+` FROM organisations o JOIN up ON o.id = up.id ORDER BY up.depth`, id))
}
