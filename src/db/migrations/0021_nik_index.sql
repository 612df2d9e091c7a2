-- 0021_nik_index: employees.nik is sealed (field.c), so it cannot be searched; nik_bidx is its
-- blind index (field_blind: keyed BLAKE2b of the plain NIK, key outside the database), set on
-- every insert and filled for older rows when the server starts (employee_nik_backfill). A
-- search by a whole NIK (q = 16 digits) then finds the employee by an index, and the NIK is
-- still nowhere in clear.
ALTER TABLE employees ADD COLUMN nik_bidx TEXT;
CREATE INDEX employees_nik_bidx ON employees (nik_bidx);
