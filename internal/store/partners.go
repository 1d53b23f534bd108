package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/workframe/workframe/internal/strategy"
)

// Partner is a member organisation of a partnership with the kind of body it is there.
type Partner struct {
	Organisation
	PartnerKind strategy.PartnerKind
	Lead        bool
}

// PartnershipPartners returns the partnership's partners, by name, the lead marked.
func (db *DB) PartnershipPartners(ctx context.Context, id int64) ([]Partner, error) {
	rows, err := db.r().query(ctx, `SELECT `+orgColumns+`, m.kind, COALESCE(p.lead_organisation_id, 0)
		FROM organisations o
		JOIN partnership_members m ON m.organisation_id = o.id
		JOIN partnerships p ON p.id = m.partnership_id
		WHERE m.partnership_id = ? ORDER BY LOWER(o.name), o.name, o.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Partner
	for rows.Next() {
		var p Partner
		var lead int64
		if err := rows.Scan(&p.ID, idCol{&p.ParentID}, &p.Name, &p.Kind, &p.Version, timeCol{&p.CreatedAt},
			&p.PartnerKind, &lead); err != nil {
			return nil, err
		}
		p.Lead = lead == p.ID
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetPartnershipLead makes a member organisation the partnership's lead (version-checked: a
// stale version is ErrConflict). An organisation that is not a member is ErrInvalid.
func (db *DB) SetPartnershipLead(ctx context.Context, a Actor, id int64, version int, leadOrgID int64) (Partnership, error) {
	var out Partnership
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanPartnership(t.row(ctx, `SELECT `+partnershipColumns+` FROM partnerships p WHERE p.id = ?`, id))
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: partnership %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM partnership_members WHERE partnership_id = ? AND organisation_id = ?`,
			id, leadOrgID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: the lead must be a partner in the partnership", ErrInvalid)
		}
		if _, err := t.exec(ctx, `UPDATE partnerships SET lead_organisation_id = ?, version = version + 1 WHERE id = ? AND version = ?`,
			leadOrgID, id, version); err != nil {
			return err
		}
		out = cur
		out.LeadOrganisationID = leadOrgID
		out.Version++
		return t.record(ctx, a, AuditEntry{
			OrganisationID: leadOrgID, Entity: "partnership", EntityID: strconv.FormatInt(id, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("lead_organisation_id: %d → %d", cur.LeadOrganisationID, leadOrgID),
			Fields:  []string{"lead_organisation_id"},
		})
	})
	return out, err
}

// SetPartnerKind records what kind of body a member organisation is in the partnership.
func (db *DB) SetPartnerKind(ctx context.Context, a Actor, id, orgID int64, kind strategy.PartnerKind) error {
	if !kind.Valid() {
		return fmt.Errorf("%w: %q is not a kind of partner", ErrInvalid, kind)
	}
	return db.tx(ctx, func(t *tx) error {
		var cur strategy.PartnerKind
		err := t.row(ctx, `SELECT kind FROM partnership_members WHERE partnership_id = ? AND organisation_id = ?`, id, orgID).Scan(&cur)
		if err = notFound(err); err != nil {
			return err
		}
		if cur == kind {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE partnership_members SET kind = ? WHERE partnership_id = ? AND organisation_id = ?`,
			kind, id, orgID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "partnership", EntityID: strconv.FormatInt(id, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("partner %d kind: %s → %s", orgID, cur, kind), Fields: []string{"partner_kind"},
		})
	})
}

// PartnerAccess is what a user may do in one partnership (DESIGN decision 1, docs/security.md):
// belonging to any partner (an access role in the partner organisation or in a unit below it)
// lets them see the partnership's plans and register, never another partner's internal data;
// the lead organisation's planners and administrators edit the plans; each partner's managers,
// planners and administrators edit the actions their organisation leads.
type PartnerAccess struct {
	See      bool
	EditPlan bool
	// ActFor holds the partners in whose name the user may lead actions, record solutions and
	// comment on the register.
	ActFor []int64
	// SeeWorkforce: the user may see the partnership's workforce profile (aggregates, small
	// groups suppressed): they may plan the workforce of at least one partner as a whole, at
	// its top, not only of one of its teams or services (docs/decisions/0014).
	SeeWorkforce bool
}

// CanEditAction reports whether the user may change an action led by the organisation.
func (pa PartnerAccess) CanEditAction(leadOrgID int64) bool {
	if pa.EditPlan {
		return true
	}
	for _, id := range pa.ActFor {
		if id == leadOrgID {
			return true
		}
	}
	return false
}

// PartnershipAccessFrom works out a user's PartnerAccess from the organisation tree, the
// partnership's lead and members, and the user's access map (AccessFrom). It is pure.
func PartnershipAccessFrom(all []Organisation, p Partnership, members []int64, access map[int64]AccessRole) PartnerAccess {
	parents := make(map[int64]int64, len(all))
	for _, o := range all {
		parents[o.ID] = o.ParentID
	}
	isMember := map[int64]bool{}
	for _, m := range members {
		isMember[m] = true
	}
	var pa PartnerAccess
	for id := range access {
		// Walk up to the top; the step limit stops a corrupt cycle from looping for ever.
		for at, steps := id, 0; at != 0 && steps <= len(parents); at, steps = parents[at], steps+1 {
			if isMember[at] {
				pa.See = true
				break
			}
		}
	}
	for _, m := range members {
		if access[m].May(ActForPartner) {
			pa.ActFor = append(pa.ActFor, m)
		}
		if access[m].May(PlanWorkforce) {
			pa.SeeWorkforce = true
		}
	}
	pa.EditPlan = p.LeadOrganisationID != 0 && access[p.LeadOrganisationID].May(ChangePartnershipPlans)
	if pa.EditPlan || len(pa.ActFor) > 0 || pa.SeeWorkforce {
		pa.See = true
	}
	return pa
}

// PartnershipAccess is PartnershipAccessFrom with the loading done. An unknown partnership is
// ErrNotFound.
func (db *DB) PartnershipAccess(ctx context.Context, id int64, access map[int64]AccessRole) (Partnership, PartnerAccess, error) {
	p, err := db.Partnership(ctx, id)
	if err != nil {
		return Partnership{}, PartnerAccess{}, err
	}
	all, err := db.Organisations(ctx)
	if err != nil {
		return Partnership{}, PartnerAccess{}, err
	}
	members, err := db.memberIDs(ctx, db.r(), id)
	if err != nil {
		return Partnership{}, PartnerAccess{}, err
	}
	return p, PartnershipAccessFrom(all, p, members, access), nil
}

// VisiblePartnerships returns the partnerships the user (given by their access map) belongs to.
func (db *DB) VisiblePartnerships(ctx context.Context, access map[int64]AccessRole) ([]Partnership, error) {
	all, err := db.Partnerships(ctx)
	if err != nil {
		return nil, err
	}
	orgs, err := db.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	var out []Partnership
	for _, p := range all {
		members, err := db.memberIDs(ctx, db.r(), p.ID)
		if err != nil {
			return nil, err
		}
		if PartnershipAccessFrom(orgs, p, members, access).See {
			out = append(out, p)
		}
	}
	return out, nil
}

func (db *DB) memberIDs(ctx context.Context, r runner, partnershipID int64) ([]int64, error) {
	rows, err := r.query(ctx, `SELECT organisation_id FROM partnership_members WHERE partnership_id = ? ORDER BY organisation_id`, partnershipID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// domainInvalid turns a domain package's ErrInvalid into the store's, keeping the reason.
func domainInvalid(err error) error {
	if errors.Is(err, strategy.ErrInvalid) {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.TrimPrefix(err.Error(), strategy.ErrInvalid.Error()+": "))
	}
	return err
}

// AddPartner adds an organisation to a partnership as the kind of partner given. An
// organisation that is a partner already is ErrConflict.
func (db *DB) AddPartner(ctx context.Context, a Actor, id, orgID int64, kind strategy.PartnerKind) error {
	if !kind.Valid() {
		return fmt.Errorf("%w: %q is not a kind of partner", ErrInvalid, kind)
	}
	return db.tx(ctx, func(t *tx) error {
		if k, err := t.orgKind(ctx, orgID); err != nil {
			return err
		} else if k != KindOrganisation {
			return fmt.Errorf("%w: organisation %d is a %s: partners are whole organisations", ErrInvalid, orgID, k)
		}
		if _, err := t.exec(ctx, `INSERT INTO partnership_members (partnership_id, organisation_id, kind) VALUES (?, ?, ?)`, id, orgID, kind); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "partnership", EntityID: strconv.FormatInt(id, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("added organisation %d as a %s partner", orgID, kind), Fields: []string{"members"},
		})
	})
}
