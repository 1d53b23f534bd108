package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Partnership is a system of partner organisations (DESIGN decision 1). It is not a parent in
// the organisation tree: belonging to it opens its own things and aggregate figures of its
// partners, never another organisation's people.
type Partnership struct {
	ID          int64
	Name        string
	Description string
	// LeadOrganisationID is the partner that leads the partnership: its planners and
	// administrators edit the partnership's plans. 0 until one is chosen.
	LeadOrganisationID int64
	Version            int
	CreatedAt          time.Time
}

const partnershipColumns = `p.id, p.name, p.description, p.lead_organisation_id, p.version, p.created_at`

func scanPartnership(s scanner) (Partnership, error) {
	var p Partnership
	err := s.Scan(&p.ID, &p.Name, &p.Description, idCol{&p.LeadOrganisationID}, &p.Version, timeCol{&p.CreatedAt})
	return p, notFound(err)
}

// CreatePartnership creates a partnership with its member organisations, which must exist
// (ErrInvalid otherwise). A duplicate name is ErrConflict.
func (db *DB) CreatePartnership(ctx context.Context, a Actor, p Partnership, memberOrgIDs []int64) (Partnership, error) {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return Partnership{}, fmt.Errorf("%w: a partnership needs a name", ErrInvalid)
	}
	p.Version = 1
	p.CreatedAt = db.now()
	members := slices.Clone(memberOrgIDs)
	slices.Sort(members)
	members = slices.Compact(members)
	err := db.tx(ctx, func(t *tx) error {
		if err := t.row(ctx, `INSERT INTO partnerships (name, description, version, created_at)
			VALUES (?, ?, ?, ?) RETURNING id`, p.Name, p.Description, p.Version, p.CreatedAt).Scan(&p.ID); err != nil {
			return err
		}
		for _, orgID := range members {
			if _, err := t.parentKind(ctx, orgID); errors.Is(err, ErrInvalid) {
				return fmt.Errorf("%w: organisation %d does not exist", ErrInvalid, orgID)
			} else if err != nil {
				return err
			}
			if _, err := t.exec(ctx, `INSERT INTO partnership_members (partnership_id, organisation_id) VALUES (?, ?)`,
				p.ID, orgID); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			Entity: "partnership", EntityID: strconv.FormatInt(p.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created partnership %q with organisations %v", p.Name, members),
			Fields:  []string{"name", "description", "members"},
		})
	})
	if err != nil {
		return Partnership{}, err
	}
	return p, nil
}

// Partnership returns one partnership.
func (db *DB) Partnership(ctx context.Context, id int64) (Partnership, error) {
	return scanPartnership(db.r().row(ctx, `SELECT `+partnershipColumns+` FROM partnerships p WHERE p.id = ?`, id))
}

// Partnerships returns every partnership, by name.
func (db *DB) Partnerships(ctx context.Context) ([]Partnership, error) {
	return scanPartnerships(db.r().query(ctx, `SELECT `+partnershipColumns+` FROM partnerships p ORDER BY LOWER(p.name), p.name, p.id`))
}

// PartnershipMembers returns the partnership's member organisations, by name.
func (db *DB) PartnershipMembers(ctx context.Context, id int64) ([]Organisation, error) {
	return scanOrganisations(db.r().query(ctx, `SELECT `+orgColumns+` FROM organisations o
		JOIN partnership_members m ON m.organisation_id = o.id
		WHERE m.partnership_id = ? ORDER BY LOWER(o.name), o.name, o.id`, id))
}

// OrganisationPartnerships returns the partnerships an organisation belongs to, by name.
func (db *DB) OrganisationPartnerships(ctx context.Context, orgID int64) ([]Partnership, error) {
	return scanPartnerships(db.r().query(ctx, `SELECT `+partnershipColumns+` FROM partnerships p
		JOIN partnership_members m ON m.partnership_id = p.id
		WHERE m.organisation_id = ? ORDER BY LOWER(p.name), p.name, p.id`, orgID))
}

func scanPartnerships(rows *sql.Rows, err error) ([]Partnership, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Partnership
	for rows.Next() {
		p, err := scanPartnership(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
