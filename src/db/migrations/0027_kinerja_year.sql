-- 0027_kinerja_year: one active appraisal per employee and year, held by the database, and the
-- record's cache of them (issue 3). 0026 checked one row per year in the transaction only: on
-- PostgreSQL two simultaneous saves could both pass that check. A row is active while no
-- correction replaces it; an index cannot look at the other rows, so the replaced row now
-- carries the flag `superseded` (0/1), set in the same transaction as the correction's insert
-- (history_store.c; the only change ever made to a kinerja row). The partial unique index then
-- refuses a second active row for a year (the API answers 409 duplicate_year).
ALTER TABLE employee_kinerja ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
UPDATE employee_kinerja SET superseded = 1
    WHERE id IN (SELECT n.supersedes FROM employee_kinerja n WHERE n.supersedes IS NOT NULL);
-- Duplicates (two active rows for one employee and year) should not exist: the API refused
-- them. Should a race have left some, the newest row (highest id, the last saved) stays active
-- and the older ones are marked superseded; nothing is deleted, the rows stay in the history.
-- The newest row of a year is never marked, so the order the rows are visited does not matter.
UPDATE employee_kinerja SET superseded = 1
    WHERE superseded = 0 AND EXISTS (SELECT 1 FROM employee_kinerja n
        WHERE n.employee_id = employee_kinerja.employee_id AND n.year = employee_kinerja.year
        AND n.superseded = 0 AND n.id > employee_kinerja.id);
CREATE UNIQUE INDEX employee_kinerja_year ON employee_kinerja(employee_id, year) WHERE superseded = 0;
-- The active rows cached on the record, as the education level is (0008 pattern): "YYYYP"
-- per row (year, predikat code), comma-separated, any order; NULL when none. Every list row and
-- every row of an export shows the salary step, which reads them: from the record's own row
-- this costs nothing, where a subquery per row made the export of 100,000 employees with four
-- years each take half as much CPU again. Refreshed in the same transaction as every kinerja
-- insert (history_store.c SQL_KINERJA_CACHE, the same aggregate as here).
ALTER TABLE employees ADD COLUMN kinerja_years TEXT;
-- @sqlite
UPDATE employees SET kinerja_years = (SELECT group_concat(CAST(k.year AS TEXT) || k.predikat, ',')
    FROM employee_kinerja k WHERE k.employee_id = employees.id AND k.superseded = 0)
    WHERE id IN (SELECT employee_id FROM employee_kinerja);
-- @postgresql
UPDATE employees SET kinerja_years = (SELECT string_agg(CAST(k.year AS TEXT) || k.predikat, ',')
    FROM employee_kinerja k WHERE k.employee_id = employees.id AND k.superseded = 0)
    WHERE id IN (SELECT employee_id FROM employee_kinerja);
-- @end
