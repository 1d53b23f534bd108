-- Foundation schema for SQLite. The PostgreSQL tree has the same version numbers and the same
-- tables; only types differ. Times are INTEGER microseconds since the Unix epoch, UTC (the store
-- converts), so that they compare and sort correctly as numbers and keep PostgreSQL's precision.
-- Booleans are INTEGER 0/1.

-- +goose Up
CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES organisations (id),
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('organisation', 'service', 'team')),
    version    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
-- Names are unique among siblings (top-level organisations are siblings of each other).
CREATE UNIQUE INDEX organisations_sibling_name ON organisations (COALESCE(parent_id, 0), name);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE partnerships (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL
);

CREATE TABLE partnership_members (
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (partnership_id, organisation_id)
);
CREATE INDEX partnership_members_organisation ON partnership_members (organisation_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '',
    site_admin    INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    last_sign_in  INTEGER
);

CREATE TABLE memberships (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    access_role     TEXT    NOT NULL CHECK (access_role IN ('administrator', 'planner', 'manager', 'staff', 'viewer')),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

CREATE TABLE sessions (
    token  TEXT    PRIMARY KEY,
    data   BLOB    NOT NULL,
    expiry INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- user_sessions ties scs's opaque session tokens to a user, for "sign out everywhere".
CREATE TABLE user_sessions (
    token   TEXT    PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expiry  INTEGER NOT NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE TABLE sign_in_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);

CREATE TABLE framework_versions (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT '',
    publisher       TEXT    NOT NULL DEFAULT '',
    provisional     INTEGER NOT NULL DEFAULT 0,
    builtin         INTEGER NOT NULL DEFAULT 0,
    node_count      INTEGER NOT NULL DEFAULT 0,
    -- NULL: built-in or shared with everyone; otherwise the organisation that owns it.
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    document        TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    created_by      INTEGER,
    UNIQUE (key, version)
);

-- The audit log keeps user and organisation ids without foreign keys: erasing a person or
-- removing an organisation must not erase the history of what was done.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    user_id         INTEGER,
    address         TEXT    NOT NULL DEFAULT '',
    organisation_id INTEGER,
    entity          TEXT    NOT NULL,
    entity_id       TEXT    NOT NULL DEFAULT '',
    action          TEXT    NOT NULL,
    summary         TEXT    NOT NULL DEFAULT '',
    fields          TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- changes is the change sequence (DESIGN decision 2): AUTOINCREMENT so an id is never reused.
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL DEFAULT '',
    at        INTEGER NOT NULL
);

-- +goose Down
DROP TABLE changes;
DROP TABLE audit_log;
DROP TABLE framework_versions;
DROP TABLE sign_in_failures;
DROP TABLE user_sessions;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE partnership_members;
DROP TABLE partnerships;
DROP TABLE organisations;
