-- Scenarios shared and locked, and workforce plans (the Six Steps), for SQLite (issue 6, decision 0012). The PostgreSQL tree has the
-- same version and the same columns; only types differ.
--
-- shared: 0 while the scenario is its author's draft (only they see it), 1 once they share it
-- with the unit's managers, planners and administrators. Scenarios made before this migration
-- were seen by all of those already, so they stay shared (the default); new ones are made with 0.
-- locked_by/locked_at: set while the scenario is locked as agreed; a locked scenario refuses
-- changes and deletion until it is unlocked.

-- +goose Up
ALTER TABLE scenarios ADD COLUMN shared INTEGER NOT NULL DEFAULT 1;
ALTER TABLE scenarios ADD COLUMN locked_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE scenarios ADD COLUMN locked_at INTEGER;

-- A workforce plan of a unit walks through the steps of a method (method_key/method_version name
-- the built-in framework that lists the steps: six-steps 1.0). One row a step holds that step's
-- status, notes, linked scenarios (JSON array of ids) and actions (JSON array), under one version
-- number, so two people editing one step cannot overwrite each other; a step with no row is not
-- started yet.
CREATE TABLE workforce_plans (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    method_key     TEXT    NOT NULL,
    method_version TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX workforce_plans_unit ON workforce_plans (unit_id);
CREATE TABLE workforce_plan_steps (
    plan_id      INTEGER NOT NULL REFERENCES workforce_plans (id) ON DELETE CASCADE,
    step_key     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'not-started',
    notes        TEXT    NOT NULL DEFAULT '',
    scenario_ids TEXT    NOT NULL DEFAULT '[]',
    actions      TEXT    NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    updated_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (plan_id, step_key)
);

-- +goose Down
DROP TABLE workforce_plan_steps;
DROP TABLE workforce_plans;
ALTER TABLE scenarios DROP COLUMN locked_at;
ALTER TABLE scenarios DROP COLUMN locked_by;
ALTER TABLE scenarios DROP COLUMN shared;
