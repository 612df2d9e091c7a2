-- 0008_employee_current: the record caches its current rank and the TMTs of its newest rank
-- and position history rows, as it caches unit_id, position_id and education_level, so that
-- one record and the search read no history table. Every writer of a rank or position
-- history row refreshes these columns in the same transaction (employee_current_refresh).
-- golongan: the newest rank row by TMT (then id) that no other row corrects; tmt_golongan its
-- TMT; tmt_jabatan: the TMT of the newest position row no other row corrects; rank_sort: the
-- place of golongan in the search's golongan order (PNS highest first, then PPPK highest
-- first), so that sort reads an index.
ALTER TABLE employees ADD COLUMN golongan TEXT REFERENCES golongan(code);
ALTER TABLE employees ADD COLUMN rank_sort INTEGER;
ALTER TABLE employees ADD COLUMN tmt_golongan TEXT;
ALTER TABLE employees ADD COLUMN tmt_jabatan TEXT;

UPDATE employees SET
    golongan = (SELECT r.golongan FROM employee_rank_history r WHERE r.employee_id = employees.id
        AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)
        ORDER BY r.tmt DESC, r.id DESC LIMIT 1),
    tmt_golongan = (SELECT r.tmt FROM employee_rank_history r WHERE r.employee_id = employees.id
        AND NOT EXISTS (SELECT 1 FROM employee_rank_history n WHERE n.supersedes = r.id)
        ORDER BY r.tmt DESC, r.id DESC LIMIT 1),
    tmt_jabatan = (SELECT p.tmt FROM employee_position_history p
        WHERE p.employee_id = employees.id
        AND NOT EXISTS (SELECT 1 FROM employee_position_history n WHERE n.supersedes = p.id)
        ORDER BY p.tmt DESC, p.id DESC LIMIT 1);
UPDATE employees SET rank_sort = (SELECT CASE WHEN g.kind = 'pns' THEN 100 - g.rank_order
    ELSE 1000 - g.rank_order END FROM golongan g WHERE g.code = employees.golongan);

-- The search reads each sort key's index in order (ORDER BY key, name, id): golongan through
-- employees_rank, birth_date through employees_birth (now with name), nip through its unique
-- index. The name index carries every column the search filters on, so the name sort and the
-- count read the index alone and visit the table only for the rows of the page.
DROP INDEX employees_birth;
CREATE INDEX employees_birth ON employees(birth_date, name);
DROP INDEX employees_name;
CREATE INDEX employees_name ON employees(name, id, nip, unit_id, golongan, position_id, status,
    state, education_level, birth_date);
CREATE INDEX employees_rank ON employees(rank_sort, name);
