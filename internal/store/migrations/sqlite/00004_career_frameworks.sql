-- Customised local career frameworks (issue 4): an organisation's roles for one staff group or
-- service, in role families (columns) at their Career Framework level (rows, read from the
-- role), with routes up and across between them. internal/career holds the rules; every save
-- replaces the families, placements and routes of the framework in one transaction and raises
-- its version, so a stale save is refused (409). The audit log keeps who changed what.

-- +goose Up
CREATE TABLE career_frameworks (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title           TEXT    NOT NULL,
    staff_group     TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
    shared          INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX career_frameworks_organisation ON career_frameworks (organisation_id);

CREATE TABLE career_framework_families (
    framework_id INTEGER NOT NULL REFERENCES career_frameworks (id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (framework_id, key)
);

-- A role sits in one place in a framework. Deleting a role takes its placements and routes.
CREATE TABLE career_framework_placements (
    framework_id INTEGER NOT NULL REFERENCES career_frameworks (id) ON DELETE CASCADE,
    role_id      INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    family_key   TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (framework_id, role_id),
    FOREIGN KEY (framework_id, family_key) REFERENCES career_framework_families (framework_id, key)
);
-- Reverse look-up: the frameworks a role is placed in.
CREATE INDEX career_framework_placements_role ON career_framework_placements (role_id);

CREATE TABLE career_framework_routes (
    framework_id          INTEGER NOT NULL REFERENCES career_frameworks (id) ON DELETE CASCADE,
    from_role_id          INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    to_role_id            INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    kind                  TEXT    NOT NULL CHECK (kind IN ('up', 'across')),
    registration_required INTEGER NOT NULL DEFAULT 0,
    qualification         TEXT    NOT NULL DEFAULT '',
    note                  TEXT    NOT NULL DEFAULT '',
    position              INTEGER NOT NULL,
    PRIMARY KEY (framework_id, from_role_id, to_role_id),
    CHECK (from_role_id <> to_role_id)
);
-- Career options (issue 5) read the routes out of a role across every framework.
CREATE INDEX career_framework_routes_from ON career_framework_routes (from_role_id);
CREATE INDEX career_framework_routes_to ON career_framework_routes (to_role_id);

-- +goose Down
DROP TABLE career_framework_routes;
DROP TABLE career_framework_placements;
DROP TABLE career_framework_families;
DROP TABLE career_frameworks;
