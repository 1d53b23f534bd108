-- The establishment (issue 6) for SQLite: the funded posts of each team, and each organisation's
-- pay settings. The PostgreSQL tree has the same version and the same tables; only types differ.
--
-- A post is a funded position of a role in a team, for a share of full time (hundredths, as
-- assignments). band overrides the role's band ('' takes the role's). pay_point says how it is
-- costed; actual_salary (whole pounds a year) is kept only for 'actual'. holder_id is the person
-- whose current assignment of the role in the team fills it; NULL when vacant. Erasing the person
-- leaves the post vacant (ON DELETE SET NULL), and a vacant post is never costed at an actual
-- salary, so a left-over figure cannot be read as anyone's pay.

-- +goose Up
CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role_id       INTEGER NOT NULL REFERENCES roles (id),
    fte           INTEGER NOT NULL CHECK (fte BETWEEN 1 AND 100),
    band          TEXT    NOT NULL DEFAULT '',
    pay_point     TEXT    NOT NULL CHECK (pay_point IN ('entry', 'intermediate', 'top', 'actual')),
    actual_salary INTEGER NOT NULL DEFAULT 0 CHECK (actual_salary BETWEEN 0 AND 1000000),
    holder_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
-- The profile loader reads a unit's posts by team; the role index keeps a role's deletion check
-- quick; the holder index serves "which posts does this person fill".
CREATE INDEX posts_team ON posts (team_id, role_id);
CREATE INDEX posts_role ON posts (role_id);
CREATE INDEX posts_holder ON posts (holder_id);

-- on_cost is the employer's on-cost percentage (pension and National Insurance) in hundredths of
-- a percent: 2850 is 28.50%.
CREATE TABLE pay_settings (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    on_cost         INTEGER NOT NULL DEFAULT 0 CHECK (on_cost BETWEEN 0 AND 10000),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      INTEGER NOT NULL
);

-- A scenario is a named future version of a unit's establishment: base is the JSON array of the
-- unit's posts when the scenario was made, changes the JSON array of its changes in order, each
-- with its reason, who made it and when. Its posts are always base with the changes replayed
-- (workforce.ApplyChanges), so every change can be traced and taken back; one version number
-- covers the lot, so two people changing one scenario cannot overwrite each other.
CREATE TABLE scenarios (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    base        TEXT    NOT NULL,
    changes     TEXT    NOT NULL DEFAULT '[]',
    version     INTEGER NOT NULL DEFAULT 1,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX scenarios_unit ON scenarios (unit_id);

-- +goose Down
DROP TABLE scenarios;
DROP TABLE pay_settings;
DROP TABLE posts;
