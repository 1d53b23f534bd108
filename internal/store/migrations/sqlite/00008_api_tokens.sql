-- API tokens (issue 9): personal tokens act for their owner, limited to one organisation (and
-- the units below it) and a scope; service tokens belong to an organisation and act with the
-- access role they were given there, whoever made them. Only a SHA-256 of the secret is kept:
-- the secret has 256 random bits, so a fast hash cannot be brute-forced the way a password can,
-- and the lookup on each API call stays one indexed read.

-- +goose Up
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('personal', 'service')),
    name            TEXT    NOT NULL,
    user_id         INTEGER REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- access_role: what a service token may do in its organisation; empty for personal tokens,
    -- which have their owner's access there.
    access_role     TEXT    NOT NULL DEFAULT '',
    scope           TEXT    NOT NULL CHECK (scope IN ('read', 'write')),
    hash            TEXT    NOT NULL UNIQUE,
    hint            TEXT    NOT NULL,
    created_by      INTEGER,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    last_used_at    INTEGER,
    last_used_from  TEXT    NOT NULL DEFAULT '',
    revoked_at      INTEGER,
    revoked_by      INTEGER,
    CHECK ((kind = 'personal') = (user_id IS NOT NULL)),
    CHECK ((kind = 'service') = (access_role <> ''))
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX api_tokens_organisation ON api_tokens (organisation_id);

-- Changes made with a token name it, as well as the user (none for a service token).
ALTER TABLE audit_log ADD COLUMN token_id INTEGER;

-- +goose Down
ALTER TABLE audit_log DROP COLUMN token_id;
DROP TABLE api_tokens;
