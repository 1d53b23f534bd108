-- Bulk import speed (issue 10, decision 0019): drop the index of portfolio entries by framework
-- and competence. No query uses it: every read of portfolio_entries goes by person (the
-- portfolio, training needs, career options, the workforce profile's coverage, whose plan on
-- both engines joins the unit's staff by person_id and matches the competences after), yet every
-- imported entry paid for a random-position insert into it, the largest share of the cost of
-- keeping the table's indexes. The PostgreSQL tree has the same version.

-- +goose Up
DROP INDEX portfolio_entries_node;

-- +goose Down
CREATE INDEX portfolio_entries_node ON portfolio_entries (framework_key, node_key);
