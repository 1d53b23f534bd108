-- Focus profiles (the IWF's role profiles). A profile describes a role (role_id) or a person's
-- own view of their role (user_id, until people records arrive; see docs/decisions). Its entries
-- (one per element: share, level, note) are a JSON array, read and checked by internal/profile.
-- Every save keeps the previous version in profile_versions.

-- +goose Up
CREATE TABLE profiles (
    id                INTEGER PRIMARY KEY,
    organisation_id   INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    role_id           INTEGER REFERENCES roles (id) ON DELETE CASCADE,
    user_id           INTEGER REFERENCES users (id) ON DELETE CASCADE,
    aim_role_id       INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    title             TEXT    NOT NULL,
    framework_key     TEXT    NOT NULL,
    framework_version TEXT    NOT NULL,
    entries           TEXT    NOT NULL,
    draft             INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((role_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX profiles_role ON profiles (role_id);
CREATE INDEX profiles_user ON profiles (user_id);
CREATE INDEX profiles_organisation ON profiles (organisation_id);

CREATE TABLE profile_versions (
    profile_id        INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    title             TEXT    NOT NULL,
    framework_key     TEXT    NOT NULL,
    framework_version TEXT    NOT NULL,
    entries           TEXT    NOT NULL,
    draft             INTEGER NOT NULL,
    saved_at          INTEGER NOT NULL,
    saved_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (profile_id, version)
);

-- +goose Down
DROP TABLE profile_versions;
DROP TABLE profiles;
