-- Scenarios shared and locked, for PostgreSQL (issue 6, decision 0012). The SQLite tree has the
-- same version and the same columns; only types differ.
--
-- shared: false while the scenario is its author's draft (only they see it), true once they share it
-- with the unit's managers, planners and administrators. Scenarios made before this migration
-- were seen by all of those already, so they stay shared (the default); new ones are made with false.
-- locked_by/locked_at: set while the scenario is locked as agreed; a locked scenario refuses
-- changes and deletion until it is unlocked.

-- +goose Up
ALTER TABLE scenarios ADD COLUMN shared BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE scenarios ADD COLUMN locked_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE scenarios ADD COLUMN locked_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE scenarios DROP COLUMN locked_at;
ALTER TABLE scenarios DROP COLUMN locked_by;
ALTER TABLE scenarios DROP COLUMN shared;
