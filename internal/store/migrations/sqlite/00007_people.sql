-- People and their competence portfolios (issue 5) for SQLite. The PostgreSQL tree has the same
-- version and the same tables; only the types differ.
--
-- A person belongs to an organisation (their employer) and is known there by a staff number,
-- unique in it: imports match on (organisation, staff number). Personal data is kept to the
-- staff number, the name and an optional work email. user_id links the record to the account
-- the person signs in with, so a member of staff sees their own portfolio.
--
-- Dates (assignment start and end, achieved, review) are TEXT 'YYYY-MM-DD' on both engines:
-- they have no time or zone, and compare as text the way they compare as dates.

-- +goose Up
CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    staff_number    TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    -- name_key is the name lower-cased by the store, for search and sorting on both engines.
    name_key        TEXT    NOT NULL,
    work_email      TEXT    NOT NULL DEFAULT '',
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX people_staff_number ON people (organisation_id, staff_number);
CREATE UNIQUE INDEX people_user ON people (user_id);
CREATE INDEX people_name ON people (organisation_id, name_key);

CREATE TABLE person_assignments (
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    role_id    INTEGER NOT NULL REFERENCES roles (id),
    team_id    INTEGER NOT NULL REFERENCES organisations (id),
    -- FTE in hundredths: 100 is full time.
    fte        INTEGER NOT NULL CHECK (fte BETWEEN 1 AND 100),
    start_date TEXT    NOT NULL,
    end_date   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, position)
);
CREATE INDEX person_assignments_team ON person_assignments (team_id);
CREATE INDEX person_assignments_role ON person_assignments (role_id);

CREATE TABLE portfolio_entries (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    framework_key     TEXT    NOT NULL,
    framework_version TEXT    NOT NULL,
    node_key          TEXT    NOT NULL,
    level_key         TEXT    NOT NULL DEFAULT '',
    evidence          TEXT    NOT NULL CHECK (evidence IN ('self', 'confirmed')),
    confirmed_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    confirmed_at      INTEGER,
    achieved          TEXT    NOT NULL,
    review_by         TEXT    NOT NULL DEFAULT '',
    note              TEXT    NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    FOREIGN KEY (framework_key, framework_version) REFERENCES framework_versions (key, version)
);
CREATE INDEX portfolio_entries_person ON portfolio_entries (person_id);
CREATE INDEX portfolio_entries_node ON portfolio_entries (framework_key, node_key);

-- +goose Down
DROP TABLE portfolio_entries;
DROP TABLE person_assignments;
DROP TABLE people;
