package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/assess"
)

// Self-assessments against a checklist framework (issue 7): the partnership sides of an
// organisation, cycles, both sides' ratings, evidence and the joint action plan. The rules are
// in package assess; the methods here run them inside the transaction that saves the result, so
// a rule is checked against what is in the database, not a stale copy.

// SideMember is a person on one side of an organisation's assessment partnership.
type SideMember struct {
	OrganisationID int64
	UserID         int64
	Name, Email    string
	Side           assess.Side
}

// SetAssessmentSide puts a user on a side of the organisation's partnership, or takes them off
// it when side is "". The user must be able to see the organisation (an access role in it or
// above it): the designation gives no access of its own.
func (db *DB) SetAssessmentSide(ctx context.Context, a Actor, orgID, userID int64, side assess.Side) error {
	if side != "" && !side.Valid() {
		return fmt.Errorf("%w: choose management or staff side", ErrInvalid)
	}
	if side != "" {
		if _, ok, err := db.AccessIn(ctx, userID, orgID); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: the person has no access to this organisation", ErrInvalid)
		}
	}
	return db.tx(ctx, func(t *tx) error {
		var before string
		err := t.row(ctx, `SELECT side FROM assessment_sides WHERE organisation_id = ? AND user_id = ?`, orgID, userID).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if before == string(side) {
			return nil
		}
		if _, err := t.exec(ctx, `DELETE FROM assessment_sides WHERE organisation_id = ? AND user_id = ?`, orgID, userID); err != nil {
			return err
		}
		if side != "" {
			if _, err := t.exec(ctx, `INSERT INTO assessment_sides (organisation_id, user_id, side, created_at) VALUES (?, ?, ?, ?)`,
				orgID, userID, string(side), t.db.now()); err != nil {
				return err
			}
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: orgID, Entity: "assessment_side",
			EntityID: strconv.FormatInt(userID, 10), Action: ActionUpdate,
			Summary: fmt.Sprintf("user %d assessment side: %q → %q", userID, before, side), Fields: []string{"side"}})
	})
}

// AssessmentSides lists the people on each side of an organisation's partnership, by name.
func (db *DB) AssessmentSides(ctx context.Context, orgID int64) ([]SideMember, error) {
	rows, err := db.r().query(ctx, `SELECT s.organisation_id, s.user_id, u.name, u.email, s.side
		FROM assessment_sides s JOIN users u ON u.id = s.user_id
		WHERE s.organisation_id = ? AND NOT u.disabled ORDER BY s.side, LOWER(u.name), u.id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SideMember
	for rows.Next() {
		var m SideMember
		var side string
		if err := rows.Scan(&m.OrganisationID, &m.UserID, &m.Name, &m.Email, &side); err != nil {
			return nil, err
		}
		m.Side = assess.Side(side)
		out = append(out, m)
	}
	return out, rows.Err()
}

// SideOf returns the side the user is on in the organisation, or "".
func (db *DB) SideOf(ctx context.Context, orgID, userID int64) (assess.Side, error) {
	var side string
	err := db.r().row(ctx, `SELECT s.side FROM assessment_sides s JOIN users u ON u.id = s.user_id
		WHERE s.organisation_id = ? AND s.user_id = ? AND NOT u.disabled`, orgID, userID).Scan(&side)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return assess.Side(side), err
}

const cycleColumns = `c.id, c.organisation_id, c.name, c.framework_key, c.framework_version, c.previous_id,
	c.management_signed_by, c.management_signed_at, c.staff_signed_by, c.staff_signed_at, c.version, c.created_at`

func scanCycle(s scanner) (assess.Cycle, error) {
	var c assess.Cycle
	err := s.Scan(&c.ID, &c.OrganisationID, &c.Name, &c.FrameworkKey, &c.FrameworkVersion, idCol{&c.PreviousID},
		idCol{&c.ManagementSignedBy}, timeCol{&c.ManagementSignedAt}, idCol{&c.StaffSignedBy}, timeCol{&c.StaffSignedAt},
		&c.Version, timeCol{&c.CreatedAt})
	return c, notFound(err)
}

func scanCycles(rows *sql.Rows, err error) ([]assess.Cycle, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []assess.Cycle
	for rows.Next() {
		c, err := scanCycle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateCycle starts a cycle with one rating row per standard key, filled from ratings where
// given (a copy of the previous cycle). The framework version must exist and be a checklist.
func (db *DB) CreateCycle(ctx context.Context, a Actor, c assess.Cycle, standards []string, ratings []assess.Rating) (assess.Cycle, error) {
	if err := assess.CheckName(c.Name); err != nil {
		return assess.Cycle{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	c.Name = strings.TrimSpace(c.Name)
	c.Version, c.CreatedAt = 1, db.now()
	c.ManagementSignedBy, c.StaffSignedBy = 0, 0
	c.ManagementSignedAt, c.StaffSignedAt = time.Time{}, time.Time{}
	byKey := map[string]assess.Rating{}
	for _, r := range ratings {
		byKey[r.StandardKey] = r
	}
	err := db.tx(ctx, func(t *tx) error {
		var kind string
		if err := t.row(ctx, `SELECT kind FROM framework_versions WHERE key = ? AND version = ?`,
			c.FrameworkKey, c.FrameworkVersion).Scan(&kind); err != nil {
			return fmt.Errorf("%w: framework %s@%s: %v", ErrInvalid, c.FrameworkKey, c.FrameworkVersion, notFound(err))
		}
		if kind != "checklist" {
			return fmt.Errorf("%w: %s@%s is not a checklist", ErrInvalid, c.FrameworkKey, c.FrameworkVersion)
		}
		if err := t.row(ctx, `INSERT INTO assessment_cycles (organisation_id, name, framework_key, framework_version,
			previous_id, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			c.OrganisationID, c.Name, c.FrameworkKey, c.FrameworkVersion, nullID(c.PreviousID), c.Version, c.CreatedAt).Scan(&c.ID); err != nil {
			return err
		}
		for _, k := range standards {
			r := byKey[k]
			if _, err := t.exec(ctx, `INSERT INTO assessment_ratings (cycle_id, standard_key, management_rating,
				management_by, management_at, staff_rating, staff_by, staff_at, owner, comment, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, c.ID, k, r.Management, nullID(r.ManagementBy), r.ManagementAt,
				r.Staff, nullID(r.StaffBy), r.StaffAt, r.Owner, r.Comment); err != nil {
				return err
			}
		}
		summary := fmt.Sprintf("started assessment %q against %s@%s", c.Name, c.FrameworkKey, c.FrameworkVersion)
		if c.PreviousID != 0 {
			summary += fmt.Sprintf(", copied from assessment %d", c.PreviousID)
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment",
			EntityID: strconv.FormatInt(c.ID, 10), Action: ActionCreate, Summary: summary, Fields: []string{"name", "framework"}})
	})
	if err != nil {
		return assess.Cycle{}, err
	}
	return c, nil
}

// Cycle returns one cycle. Callers check that the viewer may see its organisation.
func (db *DB) Cycle(ctx context.Context, id int64) (assess.Cycle, error) {
	return scanCycle(db.r().row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, id))
}

// CyclesIn returns the cycles of the given organisations (the viewer's scope), newest first.
func (db *DB) CyclesIn(ctx context.Context, orgIDs []int64) ([]assess.Cycle, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(orgIDs))
	for i, id := range orgIDs {
		args[i] = id
	}
	return scanCycles(db.r().query(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c
		WHERE c.organisation_id IN (`+placeholders(len(orgIDs))+`) ORDER BY c.created_at DESC, c.id DESC`, args...))
}

// DeleteCycle removes a cycle with its ratings, evidence files and actions.
func (db *DB) DeleteCycle(ctx context.Context, a Actor, id int64) error {
	return db.tx(ctx, func(t *tx) error {
		c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, id))
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM assessment_cycles WHERE id = ?`, id); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment",
			EntityID: strconv.FormatInt(id, 10), Action: ActionDelete, Summary: fmt.Sprintf("deleted assessment %q", c.Name)})
	})
}

const ratingColumns = `cycle_id, standard_key, management_rating, management_by, management_at, staff_rating,
	staff_by, staff_at, owner, comment, version`

func scanRating(s scanner) (assess.Rating, error) {
	var r assess.Rating
	err := s.Scan(&r.CycleID, &r.StandardKey, &r.Management, idCol{&r.ManagementBy}, timeCol{&r.ManagementAt},
		&r.Staff, idCol{&r.StaffBy}, timeCol{&r.StaffAt}, &r.Owner, &r.Comment, &r.Version)
	return r, notFound(err)
}

func (r runner) ratings(ctx context.Context, cycleID int64) (map[string]assess.Rating, error) {
	rows, err := r.query(ctx, `SELECT `+ratingColumns+` FROM assessment_ratings WHERE cycle_id = ?`, cycleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]assess.Rating{}
	for rows.Next() {
		rt, err := scanRating(rows)
		if err != nil {
			return nil, err
		}
		out[rt.StandardKey] = rt
	}
	return out, rows.Err()
}

// Ratings returns a cycle's ratings by standard key.
func (db *DB) Ratings(ctx context.Context, cycleID int64) (map[string]assess.Rating, error) {
	return db.r().ratings(ctx, cycleID)
}

// RatingChange is a change to one standard's rating, applied by the rules of package assess to
// the cycle and rating as they are in the database.
type RatingChange func(c assess.Cycle, r assess.Rating) (assess.Cycle, assess.Rating, error)

// UpdateRating applies change to a standard's rating. version is the rating's version the
// person saw: a different one is ErrConflict (someone else changed it meanwhile). A change that
// withdraws a side's sign-off saves the cycle too. The audit entry names both sides' views and
// who gave them.
func (db *DB) UpdateRating(ctx context.Context, a Actor, cycleID int64, key string, version int, change RatingChange) (assess.Rating, error) {
	var out assess.Rating
	err := db.tx(ctx, func(t *tx) error {
		c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, cycleID))
		if err != nil {
			return err
		}
		cur, err := scanRating(t.row(ctx, `SELECT `+ratingColumns+` FROM assessment_ratings WHERE cycle_id = ? AND standard_key = ?`, cycleID, key))
		if err != nil {
			return err
		}
		if c.SignedOff() {
			return assess.ErrSignedOff
		}
		if cur.Version != version {
			return fmt.Errorf("%w: the rating of %s is at version %d, not %d", ErrConflict, key, cur.Version, version)
		}
		nc, nr, err := change(c, cur)
		if err != nil {
			return err
		}
		var d diff
		d.value("management_rating", cur.Management, nr.Management)
		d.value("staff_rating", cur.Staff, nr.Staff)
		d.value("owner", cur.Owner, nr.Owner)
		d.value("comment", cur.Comment, nr.Comment)
		if d.empty() {
			out = cur
			return nil
		}
		res, err := t.exec(ctx, `UPDATE assessment_ratings SET management_rating = ?, management_by = ?, management_at = ?,
			staff_rating = ?, staff_by = ?, staff_at = ?, owner = ?, comment = ?, version = version + 1
			WHERE cycle_id = ? AND standard_key = ? AND version = ?`,
			nr.Management, nullID(nr.ManagementBy), nr.ManagementAt, nr.Staff, nullID(nr.StaffBy), nr.StaffAt,
			nr.Owner, nr.Comment, cycleID, key, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: the rating of %s changed meanwhile", ErrConflict, key)
		}
		withdrawn := nc.ManagementSignedBy != c.ManagementSignedBy || nc.StaffSignedBy != c.StaffSignedBy
		if withdrawn {
			if err := t.saveSignOff(ctx, c, nc); err != nil {
				return err
			}
			d.fields = append(d.fields, "sign_off")
			d.parts = append(d.parts, "a pending sign-off was withdrawn")
		}
		nr.Version = cur.Version + 1
		out = nr
		names, err := t.userNames(ctx, nr.ManagementBy, nr.StaffBy)
		if err != nil {
			return err
		}
		summary := fmt.Sprintf("standard %s: management view %s (%s), staff-side view %s (%s): %s; %s",
			key, shown(nr.Management), names[nr.ManagementBy], shown(nr.Staff), names[nr.StaffBy], nr.State(), d.summary())
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment_rating",
			EntityID: fmt.Sprintf("%d/%s", cycleID, key), Action: ActionUpdate, Summary: summary, Fields: d.fields})
	})
	if err != nil {
		return assess.Rating{}, err
	}
	return out, nil
}

func shown(key string) string {
	if key == "" {
		return "not confirmed"
	}
	return key
}

// userNames returns the names of users by id ("nobody" for 0).
func (r runner) userNames(ctx context.Context, ids ...int64) (map[int64]string, error) {
	out := map[int64]string{0: "nobody"}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		var name string
		if err := r.row(ctx, `SELECT name FROM users WHERE id = ?`, id).Scan(&name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				name = "user " + strconv.FormatInt(id, 10)
			} else {
				return nil, err
			}
		}
		out[id] = name
	}
	return out, nil
}

func (t *tx) saveSignOff(ctx context.Context, before, after assess.Cycle) error {
	res, err := t.exec(ctx, `UPDATE assessment_cycles SET management_signed_by = ?, management_signed_at = ?,
		staff_signed_by = ?, staff_signed_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		nullID(after.ManagementSignedBy), after.ManagementSignedAt, nullID(after.StaffSignedBy), after.StaffSignedAt,
		before.ID, before.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: the assessment changed meanwhile", ErrConflict)
	}
	return nil
}

// SignOffCycle records one side's sign-off by the rules of assess.SignOff, checked against the
// ratings in the database. version is the cycle's version the person saw (ErrConflict if not).
func (db *DB) SignOffCycle(ctx context.Context, a Actor, cycleID int64, version int, standards []assess.Standard, side assess.Side) (assess.Cycle, error) {
	var out assess.Cycle
	err := db.tx(ctx, func(t *tx) error {
		c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, cycleID))
		if err != nil {
			return err
		}
		if c.SignedOff() {
			return assess.ErrSignedOff
		}
		if c.Version != version {
			return fmt.Errorf("%w: the assessment is at version %d, not %d", ErrConflict, c.Version, version)
		}
		ratings, err := t.ratings(ctx, cycleID)
		if err != nil {
			return err
		}
		nc, err := assess.SignOff(c, standards, ratings, side, a.UserID, t.db.now())
		if err != nil {
			return err
		}
		if err := t.saveSignOff(ctx, c, nc); err != nil {
			return err
		}
		nc.Version = c.Version + 1
		out = nc
		names, err := t.userNames(ctx, nc.ManagementSignedBy, nc.StaffSignedBy)
		if err != nil {
			return err
		}
		summary := fmt.Sprintf("assessment %q signed off by the %s; management: %s, staff side: %s",
			c.Name, strings.ToLower(side.Label()), names[nc.ManagementSignedBy], names[nc.StaffSignedBy])
		if nc.SignedOff() {
			summary += "; signed off by both sides, now read-only"
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment",
			EntityID: strconv.FormatInt(c.ID, 10), Action: "sign-off", Summary: summary, Fields: []string{string(side) + "_signed_by"}})
	})
	if err != nil {
		return assess.Cycle{}, err
	}
	return out, nil
}

// openCycle loads a cycle for a change, refusing one that is signed off.
func (t *tx) openCycle(ctx context.Context, cycleID int64) (assess.Cycle, error) {
	c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, cycleID))
	if err != nil {
		return c, err
	}
	if c.SignedOff() {
		return c, assess.ErrSignedOff
	}
	return c, nil
}

// AddEvidence stores a note, link or file for a standard of an open cycle.
func (db *DB) AddEvidence(ctx context.Context, a Actor, e assess.Evidence) (assess.Evidence, error) {
	if e.Kind == assess.EvidenceFile {
		e.Size = int64(len(e.Data))
	}
	if ps := assess.CheckEvidence(e); len(ps) > 0 {
		return assess.Evidence{}, fmt.Errorf("%w: %s", ErrInvalid, ps[0].Message)
	}
	e.CreatedBy, e.CreatedAt = a.UserID, db.now()
	err := db.tx(ctx, func(t *tx) error {
		c, err := t.openCycle(ctx, e.CycleID)
		if err != nil {
			return err
		}
		var n int
		if err := t.row(ctx, `SELECT COUNT(*) FROM assessment_ratings WHERE cycle_id = ? AND standard_key = ?`, e.CycleID, e.StandardKey).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: %q is not a standard of this assessment", ErrInvalid, e.StandardKey)
		}
		var data any
		if e.Kind == assess.EvidenceFile {
			data = e.Data
		}
		if err := t.row(ctx, `INSERT INTO assessment_evidence (cycle_id, standard_key, kind, note, url, file_name,
			content_type, size, data, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			e.CycleID, e.StandardKey, e.Kind, e.Note, e.URL, e.FileName, e.ContentType, e.Size, data,
			nullID(e.CreatedBy), e.CreatedAt).Scan(&e.ID); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment_evidence",
			EntityID: strconv.FormatInt(e.ID, 10), Action: ActionCreate,
			Summary: fmt.Sprintf("added %s evidence to standard %s of assessment %q", e.Kind, e.StandardKey, c.Name),
			Fields:  []string{"kind", "note", "url", "file"}})
	})
	if err != nil {
		return assess.Evidence{}, err
	}
	e.Data = nil
	return e, nil
}

const evidenceColumns = `e.id, e.cycle_id, e.standard_key, e.kind, e.note, e.url, e.file_name, e.content_type,
	e.size, e.created_by, COALESCE(u.name, ''), e.created_at`

func scanEvidence(s scanner, extra ...any) (assess.Evidence, error) {
	var e assess.Evidence
	err := s.Scan(append([]any{&e.ID, &e.CycleID, &e.StandardKey, &e.Kind, &e.Note, &e.URL, &e.FileName, &e.ContentType,
		&e.Size, idCol{&e.CreatedBy}, &e.CreatedByName, timeCol{&e.CreatedAt}}, extra...)...)
	return e, notFound(err)
}

// EvidenceOf lists a cycle's evidence without file contents, by standard then date.
func (db *DB) EvidenceOf(ctx context.Context, cycleID int64) ([]assess.Evidence, error) {
	rows, err := db.r().query(ctx, `SELECT `+evidenceColumns+` FROM assessment_evidence e
		LEFT JOIN users u ON u.id = e.created_by WHERE e.cycle_id = ? ORDER BY e.standard_key, e.created_at, e.id`, cycleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []assess.Evidence
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EvidenceFile returns one piece of evidence with its file's bytes.
func (db *DB) EvidenceFile(ctx context.Context, id int64) (assess.Evidence, error) {
	var data []byte
	e, err := scanEvidence(db.r().row(ctx, `SELECT `+evidenceColumns+`, e.data FROM assessment_evidence e
		LEFT JOIN users u ON u.id = e.created_by WHERE e.id = ?`, id), &data)
	e.Data = data
	return e, err
}

func joinSides(ss []assess.Side) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ",")
}

func splitSides(s string) []assess.Side {
	var out []assess.Side
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, assess.Side(p))
		}
	}
	return out
}

const dateLayout = "2006-01-02"

// SaveAction creates an action (ID 0) or updates one; an update must carry the version the
// person saw (ErrConflict if it changed meanwhile). A signed-off cycle's actions still move on:
// the plan is carried out after the assessment is agreed, so only the ratings become read-only.
func (db *DB) SaveAction(ctx context.Context, a Actor, act assess.Action) (assess.Action, error) {
	err := db.tx(ctx, func(t *tx) error {
		c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, act.CycleID))
		if err != nil {
			return err
		}
		keys, err := t.ratings(ctx, c.ID)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for k := range keys {
			known[k] = true
		}
		if ps := assess.CheckAction(act, known); len(ps) > 0 {
			return fmt.Errorf("%w: %s", ErrInvalid, ps[0].Message)
		}
		if act.Status != assess.ActionDropped {
			act.DroppedReason = ""
		}
		action := ActionCreate
		var d diff
		if act.ID == 0 {
			act.Version, act.CreatedAt = 1, t.db.now()
			if err := t.row(ctx, `INSERT INTO assessment_actions (cycle_id, description, owner_id, sides, due_on, status,
				dropped_reason, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id`,
				act.CycleID, act.Description, act.OwnerID, joinSides(act.Sides), act.Due.Format(dateLayout), string(act.Status),
				act.DroppedReason, act.CreatedAt).Scan(&act.ID); err != nil {
				return err
			}
			d.fields = []string{"description", "owner", "sides", "due", "status", "standards"}
			d.parts = []string{fmt.Sprintf("created action %q", act.Description)}
		} else {
			action = ActionUpdate
			cur, err := t.action(ctx, act.ID)
			if err != nil {
				return err
			}
			if cur.CycleID != act.CycleID {
				return ErrNotFound
			}
			if cur.Version != act.Version {
				return fmt.Errorf("%w: the action is at version %d, not %d", ErrConflict, cur.Version, act.Version)
			}
			d.value("description", cur.Description, act.Description)
			d.value("owner_id", cur.OwnerID, act.OwnerID)
			d.value("sides", joinSides(cur.Sides), joinSides(act.Sides))
			d.value("due", cur.Due.Format(dateLayout), act.Due.Format(dateLayout))
			d.value("status", string(cur.Status), string(act.Status))
			d.value("dropped_reason", cur.DroppedReason, act.DroppedReason)
			d.value("standards", strings.Join(cur.Standards, ","), strings.Join(act.Standards, ","))
			if _, err := t.exec(ctx, `UPDATE assessment_actions SET description = ?, owner_id = ?, sides = ?, due_on = ?,
				status = ?, dropped_reason = ?, version = version + 1 WHERE id = ?`, act.Description, act.OwnerID,
				joinSides(act.Sides), act.Due.Format(dateLayout), string(act.Status), act.DroppedReason, act.ID); err != nil {
				return err
			}
			act.Version = cur.Version + 1
			if _, err := t.exec(ctx, `DELETE FROM assessment_action_standards WHERE action_id = ?`, act.ID); err != nil {
				return err
			}
		}
		for _, k := range act.Standards {
			if _, err := t.exec(ctx, `INSERT INTO assessment_action_standards (action_id, standard_key) VALUES (?, ?)`, act.ID, k); err != nil {
				return err
			}
		}
		if d.empty() {
			return nil
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment_action",
			EntityID: strconv.FormatInt(act.ID, 10), Action: action, Summary: d.summary(), Fields: d.fields})
	})
	if err != nil {
		return assess.Action{}, err
	}
	return db.Action(ctx, act.ID)
}

// AddActionNote adds a dated progress note to an action.
func (db *DB) AddActionNote(ctx context.Context, a Actor, actionID int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > 5000 {
		return fmt.Errorf("%w: write a progress note of up to 5,000 characters", ErrInvalid)
	}
	return db.tx(ctx, func(t *tx) error {
		act, err := t.action(ctx, actionID)
		if err != nil {
			return err
		}
		c, err := scanCycle(t.row(ctx, `SELECT `+cycleColumns+` FROM assessment_cycles c WHERE c.id = ?`, act.CycleID))
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO assessment_action_notes (action_id, at, user_id, note) VALUES (?, ?, ?, ?)`,
			actionID, t.db.now(), nullID(a.UserID), text); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{OrganisationID: c.OrganisationID, Entity: "assessment_action",
			EntityID: strconv.FormatInt(actionID, 10), Action: ActionUpdate, Summary: "added a progress note", Fields: []string{"notes"}})
	})
}

const actionColumns = `a.id, a.cycle_id, a.description, a.owner_id, COALESCE(u.name, ''), a.sides, a.due_on, a.status,
	a.dropped_reason, a.version, a.created_at`

func scanAction(s scanner, extra ...any) (assess.Action, error) {
	var act assess.Action
	var sides, due, status string
	err := s.Scan(append([]any{&act.ID, &act.CycleID, &act.Description, idCol{&act.OwnerID}, &act.OwnerName, &sides, &due, &status,
		&act.DroppedReason, &act.Version, timeCol{&act.CreatedAt}}, extra...)...)
	if err != nil {
		return act, notFound(err)
	}
	act.Sides, act.Status = splitSides(sides), assess.ActionStatus(status)
	act.Due, _ = time.Parse(dateLayout, due)
	return act, nil
}

func (r runner) action(ctx context.Context, id int64) (assess.Action, error) {
	acts, err := r.actions(ctx, `a.id = ?`, id)
	if err != nil {
		return assess.Action{}, err
	}
	if len(acts) == 0 {
		return assess.Action{}, ErrNotFound
	}
	return acts[0], nil
}

// actions loads actions matching the condition with their standards and notes.
func (r runner) actions(ctx context.Context, where string, args ...any) ([]assess.Action, error) {
	rows, err := r.query(ctx, `SELECT `+actionColumns+` FROM assessment_actions a LEFT JOIN users u ON u.id = a.owner_id
		WHERE `+where+` ORDER BY a.due_on, a.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []assess.Action
	for rows.Next() {
		act, err := scanAction(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, act)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		srows, err := r.query(ctx, `SELECT standard_key FROM assessment_action_standards WHERE action_id = ? ORDER BY standard_key`, out[i].ID)
		if err != nil {
			return nil, err
		}
		for srows.Next() {
			var k string
			if err := srows.Scan(&k); err != nil {
				srows.Close()
				return nil, err
			}
			out[i].Standards = append(out[i].Standards, k)
		}
		srows.Close()
		nrows, err := r.query(ctx, `SELECT n.at, n.user_id, COALESCE(u.name, ''), n.note FROM assessment_action_notes n
			LEFT JOIN users u ON u.id = n.user_id WHERE n.action_id = ? ORDER BY n.at, n.id`, out[i].ID)
		if err != nil {
			return nil, err
		}
		for nrows.Next() {
			var n assess.ProgressNote
			if err := nrows.Scan(timeCol{&n.At}, idCol{&n.UserID}, &n.UserName, &n.Text); err != nil {
				nrows.Close()
				return nil, err
			}
			out[i].Notes = append(out[i].Notes, n)
		}
		nrows.Close()
	}
	return out, nil
}

// Action returns one action with its standards and progress notes.
func (db *DB) Action(ctx context.Context, id int64) (assess.Action, error) {
	return db.r().action(ctx, id)
}

// Actions returns a cycle's action plan, by due date.
func (db *DB) Actions(ctx context.Context, cycleID int64) ([]assess.Action, error) {
	return db.r().actions(ctx, `a.cycle_id = ?`, cycleID)
}

// ActionsOwnedBy returns the actions a user owns in the given organisations (the user's scope),
// by due date.
func (db *DB) ActionsOwnedBy(ctx context.Context, userID int64, orgIDs []int64) ([]assess.Action, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	args := []any{userID}
	for _, id := range orgIDs {
		args = append(args, id)
	}
	return db.r().actions(ctx, `a.owner_id = ? AND a.cycle_id IN (SELECT id FROM assessment_cycles
		WHERE organisation_id IN (`+placeholders(len(orgIDs))+`))`, args...)
}

// SetCalendarFeed keeps the hash of a user's new calendar feed secret, replacing any old one.
func (db *DB) SetCalendarFeed(ctx context.Context, userID int64, hash string) error {
	return db.tx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = ?`, userID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO calendar_feeds (user_id, hash, created_at) VALUES (?, ?, ?)`, userID, hash, t.db.now())
		return err
	})
}

// CalendarFeedUser returns the user whose feed secret has the hash (ErrNotFound if none, or if
// the user is disabled).
func (db *DB) CalendarFeedUser(ctx context.Context, hash string) (User, error) {
	var id int64
	if err := db.r().row(ctx, `SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id
		WHERE f.hash = ? AND NOT u.disabled`, hash).Scan(&id); err != nil {
		return User{}, notFound(err)
	}
	return db.User(ctx, id)
}

// HasCalendarFeed reports whether the user has a calendar feed secret.
func (db *DB) HasCalendarFeed(ctx context.Context, userID int64) (bool, error) {
	var n int
	err := db.r().row(ctx, `SELECT COUNT(*) FROM calendar_feeds WHERE user_id = ?`, userID).Scan(&n)
	return n > 0, err
}
