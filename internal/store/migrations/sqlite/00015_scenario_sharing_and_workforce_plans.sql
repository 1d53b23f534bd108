-- Scenarios shared and locked, for SQLite (issue 6, decision 0012). The PostgreSQL tree has the
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

-- +goose Down
ALTER TABLE scenarios DROP COLUMN locked_at;
ALTER TABLE scenarios DROP COLUMN locked_by;
ALTER TABLE scenarios DROP COLUMN shared;
