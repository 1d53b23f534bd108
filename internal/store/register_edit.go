package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// UpdateSolution changes a solution of the register: its words, links and priorities
// (version-checked: a stale version is ErrConflict). It stays in its partnership and in the
// name of the partner that recorded it; who may change it is the caller's rule (the recording
// partner and the partnership's lead, docs/security.md).
func (db *DB) UpdateSolution(ctx context.Context, a Actor, s Solution) (Solution, error) {
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" {
		return Solution{}, fmt.Errorf("%w: a solution needs a title", ErrInvalid)
	}
	s.WhatWeDid = strings.TrimSpace(s.WhatWeDid)
	if s.WhatWeDid == "" {
		return Solution{}, fmt.Errorf("%w: say what the partner did", ErrInvalid)
	}
	if err := db.checkSolutionPriorities(ctx, &s); err != nil {
		return Solution{}, err
	}
	s.Problem, s.Results = strings.TrimSpace(s.Problem), strings.TrimSpace(s.Results)
	s.Contacts, s.Links = strings.TrimSpace(s.Contacts), strings.TrimSpace(s.Links)
	err := db.tx(ctx, func(t *tx) error {
		cur, err := scanSolution(t.row(ctx, `SELECT `+solutionColumns+` FROM register_solutions s
			JOIN organisations o ON o.id = s.organisation_id WHERE s.id = ?`, s.ID))
		if err != nil {
			return err
		}
		if cur.Version != s.Version {
			return fmt.Errorf("%w: solution %d is at version %d, not %d", ErrConflict, s.ID, cur.Version, s.Version)
		}
		if cur.Priorities, err = t.strings(ctx, `SELECT priority_key FROM register_solution_priorities WHERE solution_id = ? ORDER BY priority_key`, s.ID); err != nil {
			return err
		}
		var d diff
		d.value("title", cur.Title, s.Title)
		d.value("problem", cur.Problem, s.Problem)
		d.value("what_we_did", cur.WhatWeDid, s.WhatWeDid)
		d.value("results", cur.Results, s.Results)
		// Contacts name people and give their email addresses: personal data, never copied.
		d.personal("contacts", cur.Contacts, s.Contacts)
		d.value("links", cur.Links, s.Links)
		d.value("framework", cur.FrameworkKey+" "+cur.FrameworkVersion, s.FrameworkKey+" "+s.FrameworkVersion)
		d.value("priorities", strings.Join(cur.Priorities, ","), strings.Join(slices.Sorted(slices.Values(s.Priorities)), ","))
		if d.empty() {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE register_solutions SET title = ?, problem = ?, what_we_did = ?, results = ?, contacts = ?,
			links = ?, framework_key = ?, framework_version = ?, version = version + 1 WHERE id = ? AND version = ?`,
			s.Title, s.Problem, s.WhatWeDid, s.Results, s.Contacts, s.Links, s.FrameworkKey, s.FrameworkVersion, s.ID, s.Version); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM register_solution_priorities WHERE solution_id = ?`, s.ID); err != nil {
			return err
		}
		for _, k := range s.Priorities {
			if _, err := t.exec(ctx, `INSERT INTO register_solution_priorities (solution_id, priority_key) VALUES (?, ?)`, s.ID, k); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: cur.OrganisationID, Entity: "solution", EntityID: strconv.FormatInt(s.ID, 10), Action: ActionUpdate,
			Summary: d.summary(), Fields: d.fields,
		})
	})
	if err != nil {
		return Solution{}, err
	}
	return db.Solution(ctx, s.ID)
}

// DeleteSolution removes a solution from the register with its comments (version-checked).
// A solution that a plan's action adopts is not deleted (ErrInvalid): the action's link back
// would point at nothing, and the partner that adopted it would lose where it came from
// (docs/decisions/0011-plan-editing.md). Edit it instead, or change the actions first.
func (db *DB) DeleteSolution(ctx context.Context, a Actor, id int64, version int) error {
	return db.tx(ctx, func(t *tx) error {
		cur, err := scanSolution(t.row(ctx, `SELECT `+solutionColumns+` FROM register_solutions s
			JOIN organisations o ON o.id = s.organisation_id WHERE s.id = ?`, id))
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("%w: solution %d is at version %d, not %d", ErrConflict, id, cur.Version, version)
		}
		if cur.Adoptions > 0 {
			return fmt.Errorf("%w: %s is adopted by %d %s in the partnership's plans, so it stays in the register: edit it instead",
				ErrInvalid, cur.Title, cur.Adoptions, plural(cur.Adoptions, "action", "actions"))
		}
		// Comments and priorities go with it (ON DELETE CASCADE); deleted explicitly too, so
		// nothing depends on the engine enforcing foreign keys.
		for _, q := range []string{`DELETE FROM register_comments WHERE solution_id = ?`,
			`DELETE FROM register_solution_priorities WHERE solution_id = ?`, `DELETE FROM register_solutions WHERE id = ?`} {
			if _, err := t.exec(ctx, q, id); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: cur.OrganisationID, Entity: "solution", EntityID: strconv.FormatInt(id, 10), Action: ActionDelete,
			Summary: fmt.Sprintf("deleted solution %q from partnership %d", cur.Title, cur.PartnershipID),
			Fields:  []string{"title"},
		})
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Resource returns one case study or resource.
func (db *DB) Resource(ctx context.Context, id int64) (Resource, error) {
	var r Resource
	err := db.r().row(ctx, `SELECT id, partnership_id, framework_key, priority_key, kind, title, url, summary
		FROM priority_resources WHERE id = ?`, id).Scan(&r.ID, &r.PartnershipID, &r.FrameworkKey, &r.PriorityKey, &r.Kind, &r.Title, &r.URL, &r.Summary)
	return r, notFound(err)
}

// UpdateResource changes a case study or resource (the same checks as AddResource). It stays
// in its partnership. Resources carry no version: one person, the lead's planner, keeps them,
// and the change is a handful of words.
func (db *DB) UpdateResource(ctx context.Context, a Actor, r Resource) (Resource, error) {
	if err := checkResource(&r); err != nil {
		return Resource{}, err
	}
	err := db.tx(ctx, func(t *tx) error {
		var cur Resource
		if err := t.row(ctx, `SELECT partnership_id, framework_key, priority_key, kind, title, url, summary FROM priority_resources WHERE id = ?`,
			r.ID).Scan(&cur.PartnershipID, &cur.FrameworkKey, &cur.PriorityKey, &cur.Kind, &cur.Title, &cur.URL, &cur.Summary); err != nil {
			return notFound(err)
		}
		r.PartnershipID = cur.PartnershipID
		var d diff
		d.value("framework", cur.FrameworkKey, r.FrameworkKey)
		d.value("priority", cur.PriorityKey, r.PriorityKey)
		d.value("kind", cur.Kind, r.Kind)
		d.value("title", cur.Title, r.Title)
		d.value("url", cur.URL, r.URL)
		d.value("summary", cur.Summary, r.Summary)
		if d.empty() {
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE priority_resources SET framework_key = ?, priority_key = ?, kind = ?, title = ?, url = ?, summary = ?
			WHERE id = ?`, r.FrameworkKey, r.PriorityKey, r.Kind, r.Title, r.URL, r.Summary, r.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, cur.PartnershipID), Entity: "partnership", EntityID: strconv.FormatInt(cur.PartnershipID, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("changed %s %d: %s", cur.Kind, r.ID, d.summary()), Fields: []string{"resources"},
		})
	})
	return r, err
}

// DeleteResource removes a case study or resource.
func (db *DB) DeleteResource(ctx context.Context, a Actor, id int64) error {
	return db.tx(ctx, func(t *tx) error {
		var pid int64
		var kind, title string
		if err := t.row(ctx, `SELECT partnership_id, kind, title FROM priority_resources WHERE id = ?`, id).Scan(&pid, &kind, &title); err != nil {
			return notFound(err)
		}
		if _, err := t.exec(ctx, `DELETE FROM priority_resources WHERE id = ?`, id); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: t.partnershipLead(ctx, pid), Entity: "partnership", EntityID: strconv.FormatInt(pid, 10),
			Action: ActionUpdate, Summary: fmt.Sprintf("deleted %s %q", kind, title), Fields: []string{"resources"},
		})
	})
}
