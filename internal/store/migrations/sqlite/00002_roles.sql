-- The database of roles (issue 4) for SQLite. The PostgreSQL tree has the same version and the
-- same tables; only types and the full-text search differ.
--
-- Full-text search: roles_fts is a contentless FTS5 table (the text lives in roles; the index
-- only) whose rowid is the role's id, kept in step by triggers, so no write path can forget it
-- and it changes in the same transaction as the role. Three columns, weighted by the query as
-- PostgreSQL weights its tsvector: title (A); profession, staff group and the names of the
-- required competences (B); summary, activities, quality standards, knowledge and skills (C).
-- The porter tokenizer stems English as PostgreSQL's english configuration does ("nursing"
-- finds "nurse").

-- +goose Up
CREATE TABLE roles (
    id                    INTEGER PRIMARY KEY,
    organisation_id       INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title                 TEXT    NOT NULL,
    -- title_key is the title lower-cased by the store (Go's Unicode case folding, the same on
    -- both engines): titles are unique in an organisation whatever their case, and lists sort
    -- by it.
    title_key             TEXT    NOT NULL,
    staff_group           TEXT    NOT NULL DEFAULT '',
    profession            TEXT    NOT NULL DEFAULT '',
    level                 INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 9),
    level_indicative      INTEGER NOT NULL DEFAULT 0,
    band                  TEXT    NOT NULL DEFAULT '',
    registration_required INTEGER NOT NULL DEFAULT 0,
    summary               TEXT    NOT NULL DEFAULT '',
    -- JSON arrays of strings.
    activities            TEXT    NOT NULL DEFAULT '[]',
    quality_standards     TEXT    NOT NULL DEFAULT '[]',
    knowledge_skills      TEXT    NOT NULL DEFAULT '[]',
    -- competence_names holds the code and title of each required competence, one a line, read
    -- by the store from the framework versions when it saves the role: what search matches.
    competence_names      TEXT    NOT NULL DEFAULT '',
    status                TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
    shared                INTEGER NOT NULL DEFAULT 0,
    copied_from_id        INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    created_by            INTEGER
);
CREATE UNIQUE INDEX roles_organisation_title ON roles (organisation_id, title_key);
-- The ladder (RolesByLevel) reads this index alone; level filters use its prefix.
CREATE INDEX roles_ladder ON roles (organisation_id, level, staff_group, status);
CREATE INDEX roles_copied_from ON roles (copied_from_id);
-- No partial index on shared, published roles: with one, SQLite 3.54.1 (modernc.org/sqlite
-- v1.61.1) fails the role search with "internal query planner error" when the status is a bound
-- parameter. Shared roles are found through roles_ladder anyway.

-- A requirement points at a stored framework version: the version cannot be deleted while a
-- role requires one of its competences.
CREATE TABLE role_requirements (
    role_id           INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    framework_key     TEXT    NOT NULL,
    framework_version TEXT    NOT NULL,
    node_key          TEXT    NOT NULL,
    level_key         TEXT    NOT NULL DEFAULT '',
    essential         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (role_id, framework_key, node_key),
    FOREIGN KEY (framework_key, framework_version) REFERENCES framework_versions (key, version)
);
-- Reverse look-ups: which roles require this competence.
CREATE INDEX role_requirements_node ON role_requirements (framework_key, node_key, framework_version);

-- role_versions is the history: the whole role as it was after each version, who saved it,
-- when, and the list of changes from the version before (JSON).
CREATE TABLE role_versions (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    document   TEXT    NOT NULL,
    changes    TEXT    NOT NULL DEFAULT '[]',
    changed_by INTEGER,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (role_id, version)
);

CREATE VIRTUAL TABLE roles_fts USING fts5 (
    title, names, body,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER roles_fts_insert AFTER INSERT ON roles BEGIN
    INSERT INTO roles_fts (rowid, title, names, body) VALUES (
        new.id,
        new.title,
        new.profession || char(10) || new.staff_group || char(10) || new.competence_names,
        new.summary || char(10) ||
            (SELECT COALESCE(group_concat(value, char(10)), '') FROM (
                SELECT value FROM json_each(new.activities)
                UNION ALL SELECT value FROM json_each(new.quality_standards)
                UNION ALL SELECT value FROM json_each(new.knowledge_skills))));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER roles_fts_update AFTER UPDATE OF title, profession, staff_group, competence_names,
    summary, activities, quality_standards, knowledge_skills ON roles BEGIN
    DELETE FROM roles_fts WHERE rowid = old.id;
    INSERT INTO roles_fts (rowid, title, names, body) VALUES (
        new.id,
        new.title,
        new.profession || char(10) || new.staff_group || char(10) || new.competence_names,
        new.summary || char(10) ||
            (SELECT COALESCE(group_concat(value, char(10)), '') FROM (
                SELECT value FROM json_each(new.activities)
                UNION ALL SELECT value FROM json_each(new.quality_standards)
                UNION ALL SELECT value FROM json_each(new.knowledge_skills))));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER roles_fts_delete AFTER DELETE ON roles BEGIN
    DELETE FROM roles_fts WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER roles_fts_delete;
DROP TRIGGER roles_fts_update;
DROP TRIGGER roles_fts_insert;
DROP TABLE roles_fts;
DROP TABLE role_versions;
DROP TABLE role_requirements;
DROP TABLE roles;
