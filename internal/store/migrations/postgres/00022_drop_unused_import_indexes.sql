-- Bulk import speed (issue 10, decision 0019): drop two indexes no query uses, which every
-- imported row paid for.
--
-- portfolio_entries_node (framework, competence): every read of portfolio_entries goes by person
-- (the portfolio, training needs, career options, the workforce profile's coverage, whose plan on
-- both engines joins the unit's staff by person_id and matches the competences after), yet each
-- imported entry paid for a random-position insert into it, the largest share of the cost of
-- keeping the table's indexes.
--
-- person_assignments_role: no query looks assignments up by role, and the foreign key to roles
-- needs it only when a role is deleted, which never happens (roles are retired).
--
-- The SQLite tree has the same version.

-- +goose Up
DROP INDEX portfolio_entries_node;
DROP INDEX person_assignments_role;

-- +goose Down
CREATE INDEX portfolio_entries_node ON portfolio_entries (framework_key, node_key);
CREATE INDEX person_assignments_role ON person_assignments (role_id);
