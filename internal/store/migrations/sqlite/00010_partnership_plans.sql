-- Partnership plans (issue 8). A partnership has a lead organisation and each partner a kind;
-- a plan of a partnership addresses chosen priorities of a strategic framework version (kept
-- by key and version, as profiles keep theirs) and has objectives, actions, measures, risks and
-- dependencies; the "solve once" register holds solutions partners share. Calendar dates
-- (action start and due dates, measure value dates) are TEXT 'YYYY-MM-DD' on both engines: they
-- are days, not instants, and sort correctly as text. Measure amounts are integers in
-- hundredths (12.5% is 1250), so targets compare exactly.

-- +goose Up
ALTER TABLE partnerships ADD COLUMN lead_organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE partnership_members ADD COLUMN kind TEXT NOT NULL DEFAULT 'provider'
    CHECK (kind IN ('commissioner', 'provider', 'education', 'social-care', 'national-body'));

CREATE TABLE plans (
    id                INTEGER PRIMARY KEY,
    partnership_id    INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    framework_key     TEXT    NOT NULL,
    framework_version TEXT    NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_by        INTEGER,
    created_at        INTEGER NOT NULL,
    UNIQUE (partnership_id, title)
);
CREATE INDEX plans_partnership ON plans (partnership_id);

CREATE TABLE plan_priorities (
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    priority_key TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (plan_id, priority_key)
);

CREATE TABLE plan_objectives (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX plan_objectives_plan ON plan_objectives (plan_id);

CREATE TABLE plan_actions (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    objective_id    INTEGER REFERENCES plan_objectives (id) ON DELETE SET NULL,
    title           TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    lead_org_id     INTEGER NOT NULL REFERENCES organisations (id),
    start_date      TEXT    NOT NULL DEFAULT '',
    due_date        TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL CHECK (status IN ('planned', 'in-progress', 'blocked', 'done', 'cancelled')),
    -- solution_id: the register solution this action adopts, if any (the adoption's link back).
    solution_id     INTEGER,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL
);
CREATE INDEX plan_actions_plan ON plan_actions (plan_id);
CREATE INDEX plan_actions_solution ON plan_actions (solution_id);

CREATE TABLE plan_action_partners (
    action_id       INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, organisation_id)
);

CREATE TABLE plan_action_priorities (
    action_id    INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    priority_key TEXT    NOT NULL,
    PRIMARY KEY (action_id, priority_key)
);

CREATE TABLE plan_action_notes (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    noted_on   TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    author_id  INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX plan_action_notes_action ON plan_action_notes (action_id);

CREATE TABLE plan_dependencies (
    action_id     INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    depends_on_id INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, depends_on_id),
    CHECK (action_id <> depends_on_id)
);

CREATE TABLE plan_measures (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES plan_objectives (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    unit         TEXT    NOT NULL DEFAULT '',
    baseline     BIGINT  NOT NULL,
    target       BIGINT  NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('increase', 'decrease')),
    target_date  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX plan_measures_plan ON plan_measures (plan_id);

CREATE TABLE plan_measure_values (
    id         INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES plan_measures (id) ON DELETE CASCADE,
    on_date    TEXT    NOT NULL,
    value      BIGINT  NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX plan_measure_values_measure ON plan_measure_values (measure_id, on_date);

CREATE TABLE plan_risks (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_id    INTEGER REFERENCES plan_actions (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    likelihood   INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact       INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    mitigation   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX plan_risks_plan ON plan_risks (plan_id);

-- The "solve once" register: a partner records what it did about a common problem.
CREATE TABLE register_solutions (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    title           TEXT    NOT NULL,
    problem         TEXT    NOT NULL DEFAULT '',
    what_we_did     TEXT    NOT NULL DEFAULT '',
    results         TEXT    NOT NULL DEFAULT '',
    contacts        TEXT    NOT NULL DEFAULT '',
    links           TEXT    NOT NULL DEFAULT '',
    framework_key     TEXT  NOT NULL DEFAULT '',
    framework_version TEXT  NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX register_solutions_partnership ON register_solutions (partnership_id);

CREATE TABLE register_solution_priorities (
    solution_id  INTEGER NOT NULL REFERENCES register_solutions (id) ON DELETE CASCADE,
    priority_key TEXT    NOT NULL,
    PRIMARY KEY (solution_id, priority_key)
);

CREATE TABLE register_comments (
    id              INTEGER PRIMARY KEY,
    solution_id     INTEGER NOT NULL REFERENCES register_solutions (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    author_id       INTEGER,
    -- rating: how well it worked for them, 1 to 5; 0 for a comment without a rating.
    rating          INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX register_comments_solution ON register_comments (solution_id);

-- Case studies and resources per priority, kept by the partnership lead.
CREATE TABLE priority_resources (
    id                INTEGER PRIMARY KEY,
    partnership_id    INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    framework_key     TEXT    NOT NULL,
    priority_key      TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('case-study', 'resource')),
    title             TEXT    NOT NULL,
    url               TEXT    NOT NULL DEFAULT '',
    summary           TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL
);
CREATE INDEX priority_resources_partnership ON priority_resources (partnership_id, priority_key);

-- +goose Down
DROP TABLE priority_resources;
DROP TABLE register_comments;
DROP TABLE register_solution_priorities;
DROP TABLE register_solutions;
DROP TABLE plan_risks;
DROP TABLE plan_measure_values;
DROP TABLE plan_measures;
DROP TABLE plan_dependencies;
DROP TABLE plan_action_notes;
DROP TABLE plan_action_priorities;
DROP TABLE plan_action_partners;
DROP TABLE plan_actions;
DROP TABLE plan_objectives;
DROP TABLE plan_priorities;
DROP TABLE plans;
ALTER TABLE partnership_members DROP COLUMN kind;
ALTER TABLE partnerships DROP COLUMN lead_organisation_id;
