-- Self-assessments against a checklist framework (issue 7), in partnership: the sides of each
-- organisation's partnership (decision 6), cycles, both sides' ratings per standard, evidence
-- (files kept in the database: decision 2), the joint action plan, and each user's secret
-- calendar feed. Everything of a cycle goes with it when it is deleted.

-- +goose Up
CREATE TABLE assessment_sides (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    side            TEXT    NOT NULL CHECK (side IN ('management', 'staff')),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX assessment_sides_user ON assessment_sides (user_id);

CREATE TABLE assessment_cycles (
    id                   INTEGER PRIMARY KEY,
    organisation_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name                 TEXT    NOT NULL,
    framework_key        TEXT    NOT NULL,
    framework_version    TEXT    NOT NULL,
    previous_id          INTEGER REFERENCES assessment_cycles (id) ON DELETE SET NULL,
    management_signed_by INTEGER,
    management_signed_at INTEGER,
    staff_signed_by      INTEGER,
    staff_signed_at      INTEGER,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           INTEGER NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE assessment_ratings (
    cycle_id          INTEGER NOT NULL REFERENCES assessment_cycles (id) ON DELETE CASCADE,
    standard_key      TEXT    NOT NULL,
    management_rating TEXT    NOT NULL DEFAULT '',
    management_by     INTEGER,
    management_at     INTEGER,
    staff_rating      TEXT    NOT NULL DEFAULT '',
    staff_by          INTEGER,
    staff_at          INTEGER,
    owner             TEXT    NOT NULL DEFAULT '',
    comment           TEXT    NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (cycle_id, standard_key)
);

CREATE TABLE assessment_evidence (
    id           INTEGER PRIMARY KEY,
    cycle_id     INTEGER NOT NULL REFERENCES assessment_cycles (id) ON DELETE CASCADE,
    standard_key TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('note', 'link', 'file')),
    note         TEXT    NOT NULL DEFAULT '',
    url          TEXT    NOT NULL DEFAULT '',
    file_name    TEXT    NOT NULL DEFAULT '',
    content_type TEXT    NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    data         BLOB,
    created_by   INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX assessment_evidence_cycle ON assessment_evidence (cycle_id, standard_key);

CREATE TABLE assessment_actions (
    id             INTEGER PRIMARY KEY,
    cycle_id       INTEGER NOT NULL REFERENCES assessment_cycles (id) ON DELETE CASCADE,
    description    TEXT    NOT NULL,
    owner_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    sides          TEXT    NOT NULL,
    -- A date as YYYY-MM-DD: the same text on both engines, and it sorts.
    due_on         TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'dropped')),
    dropped_reason TEXT    NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL
);
CREATE INDEX assessment_actions_cycle ON assessment_actions (cycle_id);
CREATE INDEX assessment_actions_owner ON assessment_actions (owner_id);

CREATE TABLE assessment_action_standards (
    action_id    INTEGER NOT NULL REFERENCES assessment_actions (id) ON DELETE CASCADE,
    standard_key TEXT    NOT NULL,
    PRIMARY KEY (action_id, standard_key)
);

CREATE TABLE assessment_action_notes (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES assessment_actions (id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    user_id   INTEGER,
    note      TEXT    NOT NULL
);
CREATE INDEX assessment_action_notes_action ON assessment_action_notes (action_id);

-- A user's calendar feed of due dates is reached by a secret URL; only its SHA-256 is kept.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE assessment_action_notes;
DROP TABLE assessment_action_standards;
DROP TABLE assessment_actions;
DROP TABLE assessment_evidence;
DROP TABLE assessment_ratings;
DROP TABLE assessment_cycles;
DROP TABLE assessment_sides;
