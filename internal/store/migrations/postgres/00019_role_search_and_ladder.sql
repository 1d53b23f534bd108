-- A title-only search vector, and the ladder's counts kept as a summary (DESIGN decision 11), for
-- PostgreSQL. The SQLite tree has the same version and the same summary table.
--
-- roles.title_search is the title's tsvector alone: small, stored in the row (not in TOAST like
-- roles.search), with its own GIN index. A search that matches more than store.RoleCountCap roles
-- lists the roles whose title matches first (docs/decisions/0016): finding them through this
-- index, and checking them on a row without reading roles.search, keeps that cheap.
--
-- role_counts holds how many roles of an organisation sit at each level, staff group and status,
-- so the nine-level ladder reads a few hundred rows instead of counting every role on each
-- request (bench/RESULTS.md). Statement triggers keep it in step in the same transaction as the
-- roles, whatever writes them (COPY and cascades included), one grouped upsert a statement.
-- A count that falls to 0 stays as a row of 0: the ladder skips it.

-- +goose Up
ALTER TABLE roles ADD COLUMN title_search TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title)) STORED;
CREATE INDEX roles_title_search ON roles USING GIN (title_search);

CREATE TABLE role_counts (
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    level           INTEGER NOT NULL,
    staff_group     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    roles           BIGINT  NOT NULL,
    PRIMARY KEY (organisation_id, level, staff_group, status)
);

INSERT INTO role_counts (organisation_id, level, staff_group, status, roles)
SELECT organisation_id, level, staff_group, status, COUNT(*) FROM roles
GROUP BY organisation_id, level, staff_group, status;

-- +goose StatementBegin
-- role_counts_apply adds the rows a statement inserted and takes away those it deleted (an update
-- does both), grouped, in key order so that two transactions lock the same rows in the same order.
CREATE FUNCTION role_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO role_counts AS c (organisation_id, level, staff_group, status, roles)
        SELECT organisation_id, level, staff_group, status, COUNT(*) FROM new_rows
        GROUP BY organisation_id, level, staff_group, status ORDER BY 1, 2, 3, 4
        ON CONFLICT (organisation_id, level, staff_group, status) DO UPDATE SET roles = c.roles + excluded.roles;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE role_counts c SET roles = c.roles - d.n
        FROM (SELECT organisation_id, level, staff_group, status, COUNT(*) AS n FROM old_rows
              GROUP BY organisation_id, level, staff_group, status ORDER BY 1, 2, 3, 4) d
        WHERE c.organisation_id = d.organisation_id AND c.level = d.level
          AND c.staff_group = d.staff_group AND c.status = d.status;
    ELSE
        INSERT INTO role_counts AS c (organisation_id, level, staff_group, status, roles)
        SELECT organisation_id, level, staff_group, status, SUM(n) FROM (
            SELECT organisation_id, level, staff_group, status, 1 AS n FROM new_rows
            UNION ALL
            SELECT organisation_id, level, staff_group, status, -1 FROM old_rows) d
        GROUP BY organisation_id, level, staff_group, status HAVING SUM(n) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (organisation_id, level, staff_group, status) DO UPDATE SET roles = c.roles + excluded.roles;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER role_counts_insert AFTER INSERT ON roles
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION role_counts_apply();
CREATE TRIGGER role_counts_update AFTER UPDATE ON roles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION role_counts_apply();
CREATE TRIGGER role_counts_delete AFTER DELETE ON roles
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION role_counts_apply();

-- +goose Down
DROP TRIGGER role_counts_delete ON roles;
DROP TRIGGER role_counts_update ON roles;
DROP TRIGGER role_counts_insert ON roles;
DROP FUNCTION role_counts_apply();
DROP TABLE role_counts;
DROP INDEX roles_title_search;
ALTER TABLE roles DROP COLUMN title_search;
