package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/workframe/workframe/internal/framework"
)

// FrameworkVersion is the listing of one stored framework version: the columns kept beside the
// JSON document so that catalogues need not decode it.
type FrameworkVersion struct {
	ID             int64
	Key            string
	Version        string
	Title          string
	Status         string
	Publisher      string
	Kind           framework.Kind
	Provisional    bool
	BuiltIn        bool
	NodeCount      int
	OrganisationID int64 // 0: built-in or shared with everyone
	CreatedAt      time.Time
	CreatedBy      int64 // 0: the system
}

// Ref is "key@version", the same as framework.Framework.ID.
func (v FrameworkVersion) Ref() string { return v.Key + "@" + v.Version }

const frameworkColumns = `f.id, f.key, f.version, f.title, f.status, f.publisher, f.kind, f.provisional,
	f.builtin, f.node_count, f.organisation_id, f.created_at, f.created_by`

func scanFrameworkVersion(s scanner, extra ...any) (FrameworkVersion, error) {
	var v FrameworkVersion
	dest := append([]any{&v.ID, &v.Key, &v.Version, &v.Title, &v.Status, &v.Publisher, &v.Kind, &v.Provisional,
		&v.BuiltIn, &v.NodeCount, idCol{&v.OrganisationID}, timeCol{&v.CreatedAt}, idCol{&v.CreatedBy}}, extra...)
	err := s.Scan(dest...)
	return v, notFound(err)
}

func scanFrameworkVersions(rows *sql.Rows, err error) ([]FrameworkVersion, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FrameworkVersion
	for rows.Next() {
		v, err := scanFrameworkVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveFrameworkVersion stores a new built-in or shared framework version. A version with the
// same key and version already stored is ErrConflict.
func (db *DB) SaveFrameworkVersion(ctx context.Context, a Actor, f *framework.Framework, builtIn bool) (FrameworkVersion, error) {
	return db.saveFramework(ctx, a, f, builtIn, 0, false)
}

// SaveOrganisationFrameworkVersion stores a new framework version owned by one organisation (its
// local framework). A version with the same key and version already stored is ErrConflict.
func (db *DB) SaveOrganisationFrameworkVersion(ctx context.Context, a Actor, orgID int64, f *framework.Framework) (FrameworkVersion, error) {
	return db.saveFramework(ctx, a, f, false, orgID, false)
}

// ReplaceFrameworkVersion stores a framework version, replacing the stored one with the same key
// and version (its id and creation time are kept). It is how built-ins are refreshed at start:
// when nothing differs it writes nothing, so restarts do not fill the audit log.
func (db *DB) ReplaceFrameworkVersion(ctx context.Context, a Actor, f *framework.Framework, builtIn bool) (FrameworkVersion, error) {
	return db.saveFramework(ctx, a, f, builtIn, 0, true)
}

func (db *DB) saveFramework(ctx context.Context, a Actor, f *framework.Framework, builtIn bool, orgID int64, replace bool) (FrameworkVersion, error) {
	if f == nil || strings.TrimSpace(f.Key) == "" || strings.TrimSpace(f.Version) == "" {
		return FrameworkVersion{}, fmt.Errorf("%w: a framework needs a key and a version", ErrInvalid)
	}
	doc, err := json.Marshal(f)
	if err != nil {
		return FrameworkVersion{}, fmt.Errorf("store: encode framework %s: %w", f.ID(), err)
	}
	v := FrameworkVersion{
		Key: f.Key, Version: f.Version, Title: f.Title, Status: f.Status, Publisher: f.Publisher,
		Kind: f.Kind, Provisional: f.IsProvisional(), BuiltIn: builtIn, NodeCount: f.CountNodes(),
		OrganisationID: orgID, CreatedAt: db.now(), CreatedBy: a.UserID,
	}
	entityID := f.ID()
	err = db.tx(ctx, func(t *tx) error {
		var oldDoc []byte
		old, err := scanFrameworkVersion(t.row(ctx, `SELECT `+frameworkColumns+`, f.document
			FROM framework_versions f WHERE f.key = ? AND f.version = ?`, f.Key, f.Version), &oldDoc)
		switch {
		case errors.Is(err, ErrNotFound):
			if err := t.row(ctx, `INSERT INTO framework_versions
				(key, version, title, kind, status, publisher, provisional, builtin, node_count,
				 organisation_id, document, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				v.Key, v.Version, v.Title, string(v.Kind), v.Status, v.Publisher, v.Provisional, v.BuiltIn,
				v.NodeCount, nullID(orgID), string(doc), v.CreatedAt, nullID(v.CreatedBy)).Scan(&v.ID); err != nil {
				return err
			}
			return t.record(ctx, a, AuditEntry{
				OrganisationID: orgID, Entity: "framework_version", EntityID: entityID, Action: ActionCreate,
				Summary: fmt.Sprintf("saved framework %s %q (%d nodes)", entityID, f.Title, v.NodeCount),
				Fields:  []string{"document"},
			})
		case err != nil:
			return err
		case !replace:
			return fmt.Errorf("%w: framework %s is already stored", ErrConflict, entityID)
		}
		if old.BuiltIn == builtIn && old.OrganisationID == orgID && sameDocument(oldDoc, doc) {
			v = old
			return nil
		}
		if _, err := t.exec(ctx, `UPDATE framework_versions SET title = ?, kind = ?, status = ?, publisher = ?,
			provisional = ?, builtin = ?, node_count = ?, organisation_id = ?, document = ? WHERE id = ?`,
			v.Title, string(v.Kind), v.Status, v.Publisher, v.Provisional, v.BuiltIn, v.NodeCount,
			nullID(orgID), string(doc), old.ID); err != nil {
			return err
		}
		v.ID, v.CreatedAt, v.CreatedBy = old.ID, old.CreatedAt, old.CreatedBy
		// Node titles may have changed: search must match the new competence names at once.
		if _, err := t.refreshRoleCompetenceNames(ctx, f.Key, f.Version); err != nil {
			return err
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "framework_version", EntityID: entityID, Action: ActionUpdate,
			Summary: fmt.Sprintf("replaced framework %s %q (%d nodes)", entityID, f.Title, v.NodeCount),
			Fields:  []string{"document"},
		})
	})
	if err != nil {
		return FrameworkVersion{}, err
	}
	return v, nil
}

// sameDocument compares a stored document with a new one. PostgreSQL's JSONB does not keep the
// bytes it was given, so the stored one is decoded and encoded again first.
func sameDocument(stored, fresh []byte) bool {
	var f framework.Framework
	if err := json.Unmarshal(stored, &f); err != nil {
		return false
	}
	again, err := json.Marshal(&f)
	return err == nil && bytes.Equal(again, fresh)
}

// FrameworkVersions lists every stored framework version, by key then creation.
func (db *DB) FrameworkVersions(ctx context.Context) ([]FrameworkVersion, error) {
	return scanFrameworkVersions(db.r().query(ctx,
		`SELECT `+frameworkColumns+` FROM framework_versions f ORDER BY f.key, f.id`))
}

// FrameworkVersionsOf lists the stored versions of one framework, oldest first.
func (db *DB) FrameworkVersionsOf(ctx context.Context, key string) ([]FrameworkVersion, error) {
	return scanFrameworkVersions(db.r().query(ctx,
		`SELECT `+frameworkColumns+` FROM framework_versions f WHERE f.key = ? ORDER BY f.id`, key))
}

// FrameworkVersion returns one stored framework version, decoded, with its listing.
func (db *DB) FrameworkVersion(ctx context.Context, key, version string) (*framework.Framework, FrameworkVersion, error) {
	return db.loadFramework(db.r().row(ctx, `SELECT `+frameworkColumns+`, f.document
		FROM framework_versions f WHERE f.key = ? AND f.version = ?`, key, version))
}

// LatestFrameworkVersion returns the newest stored version of a framework with status
// published, or the newest of any status when none is published.
func (db *DB) LatestFrameworkVersion(ctx context.Context, key string) (*framework.Framework, FrameworkVersion, error) {
	return db.loadFramework(db.r().row(ctx, `SELECT `+frameworkColumns+`, f.document
		FROM framework_versions f WHERE f.key = ?
		ORDER BY CASE WHEN f.status = ? THEN 0 ELSE 1 END, f.id DESC LIMIT 1`, key, framework.StatusPublished))
}

func (db *DB) loadFramework(row *sql.Row) (*framework.Framework, FrameworkVersion, error) {
	var doc []byte
	v, err := scanFrameworkVersion(row, &doc)
	if err != nil {
		return nil, FrameworkVersion{}, err
	}
	f := new(framework.Framework)
	if err := json.Unmarshal(doc, f); err != nil {
		return nil, FrameworkVersion{}, fmt.Errorf("store: decode framework %s: %w", v.Ref(), err)
	}
	return f, v, nil
}

// DeleteFrameworkVersion removes a stored framework version; ErrNotFound if there is none.
func (db *DB) DeleteFrameworkVersion(ctx context.Context, a Actor, key, version string) error {
	return db.tx(ctx, func(t *tx) error {
		var orgID int64
		var title string
		err := t.row(ctx, `DELETE FROM framework_versions WHERE key = ? AND version = ? RETURNING organisation_id, title`,
			key, version).Scan(idCol{&orgID}, &title)
		if err != nil {
			return notFound(err)
		}
		ref := key + "@" + version
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "framework_version", EntityID: ref, Action: ActionDelete,
			Summary: fmt.Sprintf("deleted framework %s %q", ref, title),
		})
	})
}

// DocumentToken identifies the content of a framework version: a form that edits a draft sends
// back the token of what it showed, so that a save over someone else's change is a conflict. It
// is the same whichever engine stored the document (PostgreSQL's JSONB does not keep bytes, so
// the document is encoded again from the decoded value).
func DocumentToken(f *framework.Framework) string {
	b, err := json.Marshal(f)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// UpdateDraftFramework saves a new content for a draft version that an organisation owns (the
// framework builder). The stored version must belong to orgID, still be a draft (a published
// version never changes: ErrConflict) and still be what the editor read: token must be the
// DocumentToken of the stored document (ErrConflict otherwise). Key and version cannot change.
// Publishing is saving with status published.
func (db *DB) UpdateDraftFramework(ctx context.Context, a Actor, orgID int64, f *framework.Framework, token string) (FrameworkVersion, error) {
	if f == nil {
		return FrameworkVersion{}, fmt.Errorf("%w: no framework", ErrInvalid)
	}
	doc, err := json.Marshal(f)
	if err != nil {
		return FrameworkVersion{}, fmt.Errorf("store: encode framework %s: %w", f.ID(), err)
	}
	var out FrameworkVersion
	err = db.tx(ctx, func(t *tx) error {
		var oldDoc []byte
		old, err := scanFrameworkVersion(t.row(ctx, `SELECT `+frameworkColumns+`, f.document
			FROM framework_versions f WHERE f.key = ? AND f.version = ?`, f.Key, f.Version), &oldDoc)
		if err != nil {
			return err
		}
		if old.OrganisationID != orgID || orgID == 0 {
			return ErrNotFound // not this organisation's: say nothing about it
		}
		var stored framework.Framework
		if err := json.Unmarshal(oldDoc, &stored); err != nil {
			return fmt.Errorf("store: decode framework %s: %w", f.ID(), err)
		}
		if stored.Status != framework.StatusDraft {
			return fmt.Errorf("%w: %s is %s, and only a draft can change: start a new version", ErrConflict, f.ID(), stored.Status)
		}
		if DocumentToken(&stored) != token {
			return fmt.Errorf("%w: %s was changed by someone else", ErrConflict, f.ID())
		}
		out = old
		out.Title, out.Status, out.Publisher, out.Kind = f.Title, f.Status, f.Publisher, f.Kind
		out.Provisional, out.NodeCount = f.IsProvisional(), f.CountNodes()
		if _, err := t.exec(ctx, `UPDATE framework_versions SET title = ?, kind = ?, status = ?, publisher = ?,
			provisional = ?, node_count = ?, document = ? WHERE id = ?`,
			out.Title, string(out.Kind), out.Status, out.Publisher, out.Provisional, out.NodeCount, string(doc), old.ID); err != nil {
			return err
		}
		action, what := ActionUpdate, "changed draft"
		if f.Status != framework.StatusDraft {
			what = "published"
		}
		return t.record(ctx, a, AuditEntry{
			OrganisationID: orgID, Entity: "framework_version", EntityID: f.ID(), Action: action,
			Summary: fmt.Sprintf("%s framework %s %q (%d nodes)", what, f.ID(), f.Title, out.NodeCount),
			Fields:  []string{"document"},
		})
	})
	if err != nil {
		return FrameworkVersion{}, err
	}
	return out, nil
}
