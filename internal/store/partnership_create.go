package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/strategy"
)

// NewPartner is an organisation joining a partnership and the kind of body it is there.
type NewPartner struct {
	OrganisationID int64
	Kind           strategy.PartnerKind
}

// CreatePartnershipWith creates a partnership with its partners, each of a kind, and its lead
// (p.LeadOrganisationID, which must be one of them), in one transaction. Every organisation
// must exist and be an organisation, not a service or team (a partner is a body that signs up
// to the partnership); a partner given twice, an unknown kind or a lead that is not a partner
// is ErrInvalid; a duplicate name is ErrConflict.
func (db *DB) CreatePartnershipWith(ctx context.Context, a Actor, p Partnership, partners []NewPartner) (Partnership, error) {
	p.Name, p.Description = strings.TrimSpace(p.Name), strings.TrimSpace(p.Description)
	if p.Name == "" {
		return Partnership{}, fmt.Errorf("%w: a partnership needs a name", ErrInvalid)
	}
	if len(partners) == 0 {
		return Partnership{}, fmt.Errorf("%w: a partnership needs at least one partner", ErrInvalid)
	}
	seen := map[int64]bool{}
	for _, np := range partners {
		if seen[np.OrganisationID] {
			return Partnership{}, fmt.Errorf("%w: organisation %d is given twice", ErrInvalid, np.OrganisationID)
		}
		seen[np.OrganisationID] = true
		if !np.Kind.Valid() {
			return Partnership{}, fmt.Errorf("%w: %q is not a kind of partner", ErrInvalid, np.Kind)
		}
	}
	if !seen[p.LeadOrganisationID] {
		return Partnership{}, fmt.Errorf("%w: the lead must be one of the partners", ErrInvalid)
	}
	p.Version, p.CreatedAt = 1, db.now()
	err := db.tx(ctx, func(t *tx) error {
		for _, np := range partners {
			kind, err := t.orgKind(ctx, np.OrganisationID)
			if err != nil {
				return err
			}
			if kind != KindOrganisation {
				return fmt.Errorf("%w: organisation %d is a %s: partners are whole organisations", ErrInvalid, np.OrganisationID, kind)
			}
		}
		if err := t.row(ctx, `INSERT INTO partnerships (name, description, lead_organisation_id, version, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, p.Name, p.Description, p.LeadOrganisationID, p.Version, p.CreatedAt).Scan(&p.ID); err != nil {
			return err
		}
		var names []string
		for _, np := range partners {
			if _, err := t.exec(ctx, `INSERT INTO partnership_members (partnership_id, organisation_id, kind) VALUES (?, ?, ?)`,
				p.ID, np.OrganisationID, np.Kind); err != nil {
				return err
			}
			names = append(names, fmt.Sprintf("%d (%s)", np.OrganisationID, np.Kind))
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: p.LeadOrganisationID, Entity: "partnership", EntityID: strconv.FormatInt(p.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("created partnership %q led by %d with organisations %s", p.Name, p.LeadOrganisationID, strings.Join(names, ", ")),
			Fields:  []string{"name", "description", "lead_organisation_id", "members"},
		})
	})
	if err != nil {
		return Partnership{}, err
	}
	return p, nil
}

// orgKind is the kind of an organisation record (organisation, service or team); one that does
// not exist is ErrInvalid.
func (t *tx) orgKind(ctx context.Context, id int64) (string, error) {
	var kind string
	err := t.row(ctx, `SELECT kind FROM organisations WHERE id = ?`, id).Scan(&kind)
	if errors.Is(notFound(err), ErrNotFound) {
		return "", fmt.Errorf("%w: organisation %d does not exist", ErrInvalid, id)
	}
	return kind, err
}

// RemovePartner takes an organisation out of a partnership. The lead cannot leave (choose
// another lead first), nor a partner that leads or takes part in actions of the partnership's
// plans or recorded solutions in its register: the plans would name a body that is no longer
// a partner. Each refusal is ErrInvalid with the reason.
func (db *DB) RemovePartner(ctx context.Context, a Actor, id, orgID int64) error {
	return db.tx(ctx, func(t *tx) error {
		var lead, n int64
		if err := t.row(ctx, `SELECT COALESCE(p.lead_organisation_id, 0), COUNT(m.organisation_id) FROM partnerships p
			LEFT JOIN partnership_members m ON m.partnership_id = p.id AND m.organisation_id = ?
			WHERE p.id = ? GROUP BY p.lead_organisation_id`, orgID, id).Scan(&lead, &n); err != nil {
			return notFound(err)
		}
		if n == 0 {
			return fmt.Errorf("%w: organisation %d is not a partner", ErrNotFound, orgID)
		}
		if lead == orgID {
			return fmt.Errorf("%w: the lead organisation cannot leave the partnership: choose another lead first", ErrInvalid)
		}
		var acts, sols int
		if err := t.row(ctx, `SELECT COUNT(*) FROM plan_actions a JOIN plans p ON p.id = a.plan_id WHERE p.partnership_id = ?
			AND (a.lead_org_id = ? OR EXISTS (SELECT 1 FROM plan_action_partners ap WHERE ap.action_id = a.id AND ap.organisation_id = ?))`,
			id, orgID, orgID).Scan(&acts); err != nil {
			return err
		}
		if err := t.row(ctx, `SELECT COUNT(*) FROM register_solutions WHERE partnership_id = ? AND organisation_id = ?`, id, orgID).Scan(&sols); err != nil {
			return err
		}
		if acts > 0 || sols > 0 {
			return fmt.Errorf("%w: the partner leads or takes part in %d %s and recorded %d %s: change those first",
				ErrInvalid, acts, plural(acts, "action", "actions"), sols, plural(sols, "solution", "solutions"))
		}
		if _, err := t.exec(ctx, `DELETE FROM partnership_members WHERE partnership_id = ? AND organisation_id = ?`, id, orgID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "partnership", EntityID: strconv.FormatInt(id, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("removed organisation %d from the partners", orgID), Fields: []string{"members"},
		})
	})
}
