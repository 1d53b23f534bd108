-- The ladder's counts kept as a summary (DESIGN decision 11), for SQLite. The PostgreSQL tree has
-- the same version and the same table; there it also adds a title-only search vector, which
-- SQLite's FTS5 has already (a column filter on roles_fts).
--
-- role_counts holds how many roles of an organisation sit at each level, staff group and status,
-- so the nine-level ladder reads a few hundred rows instead of counting every role on each
-- request (bench/RESULTS.md: 5 requests a second at 50,000 roles). Triggers keep it in step in
-- the same transaction as the roles, whatever writes them (bulk loads and cascades included).
-- A count that falls to 0 stays as a row of 0: the ladder skips it.

-- +goose Up
CREATE TABLE role_counts (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    level           INTEGER NOT NULL,
    staff_group     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    roles           INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, level, staff_group, status)
) WITHOUT ROWID;

INSERT INTO role_counts (organisation_id, level, staff_group, status, roles)
SELECT organisation_id, level, staff_group, status, COUNT(*) FROM roles
GROUP BY organisation_id, level, staff_group, status;

-- +goose StatementBegin
CREATE TRIGGER role_counts_insert AFTER INSERT ON roles BEGIN
    INSERT INTO role_counts (organisation_id, level, staff_group, status, roles)
    VALUES (new.organisation_id, new.level, new.staff_group, new.status, 1)
    ON CONFLICT (organisation_id, level, staff_group, status) DO UPDATE SET roles = roles + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER role_counts_update AFTER UPDATE OF organisation_id, level, staff_group, status ON roles
WHEN old.organisation_id <> new.organisation_id OR old.level <> new.level
    OR old.staff_group <> new.staff_group OR old.status <> new.status BEGIN
    UPDATE role_counts SET roles = roles - 1
    WHERE organisation_id = old.organisation_id AND level = old.level AND staff_group = old.staff_group AND status = old.status;
    INSERT INTO role_counts (organisation_id, level, staff_group, status, roles)
    VALUES (new.organisation_id, new.level, new.staff_group, new.status, 1)
    ON CONFLICT (organisation_id, level, staff_group, status) DO UPDATE SET roles = roles + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER role_counts_delete AFTER DELETE ON roles BEGIN
    UPDATE role_counts SET roles = roles - 1
    WHERE organisation_id = old.organisation_id AND level = old.level AND staff_group = old.staff_group AND status = old.status;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER role_counts_delete;
DROP TRIGGER role_counts_update;
DROP TRIGGER role_counts_insert;
DROP TABLE role_counts;
